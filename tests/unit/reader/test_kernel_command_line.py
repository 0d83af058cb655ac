"""A forked kernel reads its command line without traitlets' full parser (kernel_template.py),
and ends up with the same settings as that parser gives."""

from __future__ import annotations

import pytest
from ipykernel.kernelapp import IPKernelApp
from IPython.core.history import HistoryManager
from traitlets.config.loader import DeferredConfig

from workbook.reader.kernel_template import light_command_line

SERVER_ARGS = ["-f", "/run/kernel-1234.json", "--HistoryManager.enabled=False",
               "--IPKernelApp.parent_handle=4321"]


def settings(app: IPKernelApp) -> tuple:
    """The app's own settings, and the history setting as the shell's HistoryManager will read it."""
    history = app.config.HistoryManager.enabled
    if isinstance(history, DeferredConfig):
        history = history.get_value(HistoryManager.class_traits()["enabled"])
    return app.connection_file, app.parent_handle, app.extra_args, history


def test_the_servers_arguments_give_the_same_settings_as_traitlets_parser():
    parsed, light = IPKernelApp(), IPKernelApp()
    parsed.parse_command_line(SERVER_ARGS)
    assert light_command_line(light, SERVER_ARGS) is True
    assert settings(light) == settings(parsed) == ("/run/kernel-1234.json", 4321, [], False)
    assert light.cli_config.keys() == parsed.cli_config.keys()


@pytest.mark.parametrize("args", [["-f", "k.json", "--debug"], ["-f", "k.json", "script.py"], ["-f"],
                                  ["--IPKernelApp.parent_handle"]])
def test_anything_else_is_left_to_traitlets_parser(args):
    app = IPKernelApp()
    assert light_command_line(app, args) is False
    assert app.connection_file == "" and not app.cli_config
