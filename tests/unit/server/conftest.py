"""What the server's tests share."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def kernels_as_before():
    """An initialised server (`workbook serve` or the extension) makes forked kernels the process's
    default; later tests get it back."""
    from jupyter_client.provisioning import KernelProvisionerFactory

    factory = KernelProvisionerFactory.instance()
    before = factory.default_provisioner_name
    yield
    factory.default_provisioner_name = before
