"""The portal's browser tests: the CMS (runserver + portal_worker, its own SQLite
file, mail over SMTP to an aiosmtpd server on loopback) and the Next.js portal
(built once per run, ``next start``) on free ports; Debian's Chromium through
the session's one browser (tests/e2e/conftest.py). ``make e2e`` runs them."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from tests import live
from tests.accounts.mailserver import Mailbox

from ..conftest import TIMEOUT_MS

FRONTEND = live.ROOT / "frontend"
WEBHOOK_SECRET = "e2e-portal-webhook-secret"


@dataclass
class Portal:
    url: str
    cms: str
    mailbox: Mailbox
    env: dict[str, str]
    folder: Path

    def act(self, *args: str) -> str:
        """Run tests/e2e/portal/act.py against this CMS (an editor's action)."""
        done = subprocess.run(
            [sys.executable, "-m", "tests.e2e.portal.act", *args],
            cwd=live.ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            text=True,
        )
        return done.stdout.strip()


@contextlib.contextmanager
def started(
    command: list[str], cwd: Path, env: dict[str, str], log: Path, port: int | None
):
    """A process of this test run, in its own process group, stopped at the end."""
    with log.open("w") as output:
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            if port:
                live.wait_for_port(port, process, log)
            yield process
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def build_portal() -> None:
    """`npm ci` when needed, then codegen + `next build` once per run (skipped with
    E2E_PORTAL_BUILT=1 while writing tests against a build already made)."""
    if (
        os.environ.get("E2E_PORTAL_BUILT") == "1"
        and (FRONTEND / ".next" / "BUILD_ID").exists()
    ):
        return
    if not (FRONTEND / "node_modules" / ".package-lock.json").exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"],
            cwd=FRONTEND,
            check=True,
        )
    subprocess.run(
        ["npm", "run", "build"],
        cwd=FRONTEND,
        check=True,
        env={**os.environ, "NEXT_TELEMETRY_DISABLED": "1"},
    )


@pytest.fixture(scope="session")
def portal(tmp_path_factory):
    if not shutil.which("npm"):
        pytest.skip("the portal's browser tests need Node 20+ and npm")
    folder = tmp_path_factory.mktemp("e2e-portal")
    mailbox = Mailbox()
    smtp = Controller(mailbox, hostname="127.0.0.1", port=live.free_port())
    smtp.start()
    cms_port, portal_port = live.free_port(), live.free_port()
    cms_url, portal_url = (
        f"http://127.0.0.1:{cms_port}",
        f"http://127.0.0.1:{portal_port}",
    )
    env = live.site_env(
        folder,
        "tests.e2e.portal.settings",
        E2E_BASE_URL=cms_url,
        E2E_PORTAL_URL=portal_url,
        E2E_SMTP_PORT=str(smtp.port),
        E2E_WEBHOOK_SECRET=WEBHOOK_SECRET,
    )
    try:
        # The demo's videos are processed while preparing, in the same process.
        live.prepare("tests.e2e.portal.site", {**env, "E2E_TASKS_IMMEDIATE": "1"})
        build_portal()
        next_env = {
            **os.environ,
            "CMS_URL": cms_url,
            "PORTAL_URL": portal_url,
            "PORTAL_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "NEXT_TELEMETRY_DISABLED": "1",
        }
        with (
            live.runserver(env, folder / "cms.log", cms_port),
            started(
                [sys.executable, "manage.py", "portal_worker", "--no-reload"],
                live.ROOT,
                env,
                folder / "worker.log",
                None,
            ),
            started(
                [
                    str(FRONTEND / "node_modules" / ".bin" / "next"),
                    "start",
                    "-p",
                    str(portal_port),
                    "-H",
                    "127.0.0.1",
                ],
                FRONTEND,
                next_env,
                folder / "portal.log",
                portal_port,
            ),
        ):
            yield Portal(
                url=portal_url, cms=cms_url, mailbox=mailbox, env=env, folder=folder
            )
    finally:
        smtp.stop()


@pytest.fixture
def visit(request, browser, portal):
    """A fresh browser context on the portal (a journalist), remembered for the
    failure screenshots: ``page = visit("fr")``."""
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    contexts = []
    request.node.e2e_pages = getattr(request.node, "e2e_pages", [])

    def open_page(lang: str = "en"):
        context = browser.new_context(
            base_url=portal.url,
            viewport={"width": 1280, "height": 900},
            locale="fr-FR" if lang == "fr" else "en-GB",
            accept_downloads=True,
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        request.node.e2e_pages.append(page)
        return page

    yield open_page
    for context in contexts:
        context.close()


def hydrated(locator) -> None:
    """Wait until React has taken over ``locator``'s element (it carries React's
    fiber). A click before that is the browser's own: a button in a form submits
    it as plain HTML (under load, a journey once navigated to "?kind=on")."""
    locator.wait_for()
    locator.page.wait_for_function(
        "(el) => Object.keys(el).some((key) => key.startsWith('__reactFiber'))",
        arg=locator.element_handle(),
    )
