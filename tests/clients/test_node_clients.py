"""Stock frontend tools against the running CMS (issue 12): the Node suite in
clients/ (graphql-http's audit, Apollo Client 4 with persisted queries over GET and
one normalised cache for two languages and two videos, ETag/304, error routing by
``extensions.code``, the README's operations run as written, and typed by
graphql-codegen + tsc).

The CMS is started once for the session, on the content of tests/clients/site.py,
twice on the same files: DEBUG off (as in production) and DEBUG on (as under
``make run``). Each Node test file runs as one pytest test (``node --test``)."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests import live

CLIENTS = live.ROOT / "clients"
NODE = shutil.which("node")
NODE_TESTS = sorted(path.name for path in (CLIENTS / "test").glob("*.test.js"))
TIMEOUT = 300  # seconds for one file; each takes a few

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(NODE is None, reason="Node.js is not installed (clients/)"),
]


@pytest.fixture(scope="session")
def client_cms(tmp_path_factory):
    """{"CMS_URL": production-like server, "CMS_URL_DEBUG": DEBUG-on server}."""
    installed = CLIENTS / "node_modules" / ".package-lock.json"
    if not installed.exists():
        pytest.fail("clients/ is not installed: run `make clients` (npm ci)")
    folder = tmp_path_factory.mktemp("clients-cms")
    env = live.site_env(folder, "tests.clients.settings")
    live.prepare("tests.clients.site", env)
    debug_env = {**env, "CLIENTS_DEBUG": "1"}
    with (
        live.runserver(env, folder / "server.log") as url,
        live.runserver(debug_env, folder / "server-debug.log") as debug_url,
    ):
        yield {"CMS_URL": url, "CMS_URL_DEBUG": debug_url}


@pytest.mark.parametrize("name", NODE_TESTS)
def test_node_clients(client_cms, name):
    answer = subprocess.run(
        [NODE, "--test", "--test-reporter=spec", f"test/{name}"],
        cwd=CLIENTS,
        env={**os.environ, **client_cms, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert answer.returncode == 0, (
        f"node --test test/{name}:\n{answer.stdout}\n{answer.stderr}"
    )
