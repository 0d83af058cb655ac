"""device.js keeps each JupyterHub participant's sealed answers under a key of their own (all of
them share one origin, so one localStorage); every other server keeps the key it always had."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from workbook.answers.device import STATIC

NODE = shutil.which("node")


def keys_for(*page_bases: str | None) -> list[list[str]]:
    """[server base, stored answers key, unlock key] device.js works out for each page's
    data-base-url (None: a page without one)."""
    script = (
        f"import {{ serverBase, storageKey }} from {json.dumps((STATIC / 'device.js').as_uri())};\n"
        f"const pages = {json.dumps(list(page_bases))};\n"
        "console.log(JSON.stringify(pages.map((page) => {\n"
        "  const base = serverBase(page === null ? null : { dataset: { baseUrl: page } });\n"
        "  return [base, storageKey('workbook-answers-v1', base), storageKey('workbook-unlock-v1', base)];\n"
        "})));\n")
    done = subprocess.run([NODE, "--input-type=module", "-e", script], capture_output=True, text=True,
                          timeout=60, check=True)
    return json.loads(done.stdout)


@pytest.mark.skipif(NODE is None, reason="node is not installed (`make test` uses it for npm)")
def test_servers_outside_a_hub_keep_the_old_keys():
    assert keys_for("/voila/", None) == [["/", "workbook-answers-v1", "workbook-unlock-v1"]] * 2
    # Behind nginx a reader may land on either server: both must find the same answers.
    (w1, _, _), (w2, answers, unlock) = keys_for("/w1/voila/", "/w2/voila/")
    assert (w1, w2, answers, unlock) == ("/w1/", "/w2/", "workbook-answers-v1", "workbook-unlock-v1")


@pytest.mark.skipif(NODE is None, reason="node is not installed (`make test` uses it for npm)")
def test_each_hub_user_has_keys_of_their_own():
    alice, bob, named = keys_for("/user/alice/voila/", "/hub-prefix/user/bob/voila/", "/user/bob/s2/voila/")
    assert alice == ["/user/alice/", "workbook-answers-v1@/user/alice/", "workbook-unlock-v1@/user/alice/"]
    assert bob[1] == "workbook-answers-v1@/hub-prefix/user/bob/"
    assert named[1] == "workbook-answers-v1@/user/bob/s2/"
