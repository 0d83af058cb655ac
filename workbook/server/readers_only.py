"""A Jupyter server that participants can only read the workbook on (`--WorkbookExtension.readers_only`).

Under JupyterHub every participant's server is a whole Jupyter server: left as it is, anyone
logged in could open a terminal, run code in a kernel, or change the notebooks the group is
served. With this on, the server allows what a workbook page needs and nothing else, as
`workbook serve` does for anonymous readers: kernels only take the widgets' messages, and every
other request (files, terminals, sessions, exports, settings) is refused.
"""

from __future__ import annotations

# What a page's widgets send to its kernel (Voilà's own list for its stand-alone server).
READER_MESSAGES = ["comm_open", "comm_close", "comm_msg", "comm_info_request", "kernel_info_request",
                   "shutdown_request"]
# (resource, action) pairs a page needs: its kernel, and the server's own description.
ALLOWED = {("kernels", "read"), ("kernels", "write"), ("kernels", "execute"), ("api", "read"),
           ("kernelspecs", "read")}


def readers_only(authorizer_class: type) -> type:
    """`authorizer_class` (the Hub's, or jupyter_server's), narrowed to what a page needs."""

    class ReadersOnlyAuthorizer(authorizer_class):
        def is_authorized(self, handler, user, action, resource) -> bool:
            if (resource, action) not in ALLOWED:
                return False
            return super().is_authorized(handler, user, action, resource)

    return ReadersOnlyAuthorizer
