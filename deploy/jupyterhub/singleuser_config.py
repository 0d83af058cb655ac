# Each participant's workbook server under JupyterHub (jupyterhub_config.py passes this file to
# `python -m jupyterhub.singleuser --config=...`). The workbook only: no JupyterLab, no terminals,
# and the participant can only read the workbook (workbook/server/readers_only.py): kernels take
# only the widgets' messages, the files, sessions and terminals APIs are refused.

c = get_config()  # noqa: F821 (jupyter_server defines it when it reads this file)

c.ServerApp.jpserver_extensions = {
    "workbook": True,
    "jupyterlab": False,
    "notebook_shim": False,
    "jupyter_lsp": False,
    "jupyter_server_terminals": False,
}
c.ServerApp.terminals_enabled = False
c.WorkbookExtension.readers_only = True
