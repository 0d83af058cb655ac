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
# Each participant's server serves one person, who opens each module about once: making every
# module's first page when the server starts (12 throwaway kernels, seconds of processor per
# participant, all at once when a group logs in together) would help nobody. Pages are made in the
# participant's own kernel, forked in milliseconds, as they open them.
c.WorkbookServing.first_pages = False
