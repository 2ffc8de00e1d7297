"""End-to-end tests: Debian's Chromium, driven by Playwright, against the CMS
started on loopback (``manage.py runserver`` on a free port, with its own SQLite
file and media folder, demo content and one user per role: tests/e2e/site.py).

They run with ``make e2e`` (E2E=1); ``make test`` skips them. A failing test saves
a screenshot of each open browser page under var/e2e-failures/ and prints its path.
``make screenshots`` (E2E_SCREENSHOTS=docs/screenshots) also saves the last step of
each flow for the README."""

from __future__ import annotations

import json
import os
import sys
import urllib.request
from pathlib import Path

import pytest

from tests import live

from .site import PASSWORD

FAILURES = live.ROOT / "var" / "e2e-failures"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ENABLED = os.environ.get("E2E") == "1"
# Playwright's default wait for a condition; processing a video takes longer.
TIMEOUT_MS = 20_000


def pytest_collection_modifyitems(config, items):
    if ENABLED:
        return
    skip = pytest.mark.skip(reason="browser tests: run them with `make e2e`")
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def cms(tmp_path_factory):
    """The CMS on http://127.0.0.1:<port>, prepared from scratch (or, while
    writing tests, one already running at E2E_SERVER_URL)."""
    if os.environ.get("E2E_SERVER_URL"):
        yield os.environ["E2E_SERVER_URL"]
        return
    folder = tmp_path_factory.mktemp("e2e-cms")
    port = live.free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = live.site_env(folder, "tests.e2e.settings", E2E_BASE_URL=base_url)
    live.prepare("tests.e2e.site", env)
    with live.runserver(env, folder / "server.log", port) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh, temporary user-data-dir (it refuses
        # one passed as an argument), and every sign-in its own context.
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def people(request, browser, cms):
    """Open a signed-in browser session for a user: ``people("editor@…")``.

    Every page opened is remembered so that a failure can be photographed."""
    from playwright.sync_api import expect

    expect.set_options(timeout=TIMEOUT_MS)
    contexts = []
    request.node.e2e_pages = []

    def sign_in(email: str, password: str = PASSWORD):
        context = browser.new_context(
            base_url=cms, viewport={"width": 1366, "height": 900}, locale="en-GB"
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        context.on("page", lambda opened: request.node.e2e_pages.append(opened))
        request.node.e2e_pages.append(page)
        page.goto("/admin/login/")
        page.locator("input[name=username]").fill(email)
        page.locator("input[name=password]").fill(password)
        page.locator("form button[type=submit]").click()
        page.wait_for_url(lambda url: "/admin/login" not in url)
        expect(page.locator("#main")).to_be_visible()
        return page

    yield sign_in
    for context in contexts:
        context.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    pages = [p for p in getattr(item, "e2e_pages", []) if not p.is_closed()]
    FAILURES.mkdir(parents=True, exist_ok=True)
    for number, page in enumerate(pages, start=1):
        path = FAILURES / f"{item.name}-{number}.png"
        try:
            page.screenshot(path=str(path), full_page=True)
        except Exception as error:  # a crashed page: say so, keep the report
            print(f"\nNo screenshot of {page.url}: {error}", file=sys.stderr)
            continue
        message = f"Screenshot of the failure ({page.url}): {path}"
        report.sections.append(("e2e screenshot", message))
        print(f"\n{message}", file=sys.stderr)


def snap(page, name: str) -> None:
    """For ``make screenshots``: save the flow's last step under E2E_SCREENSHOTS."""
    folder = os.environ.get("E2E_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)


def graphql(base_url: str, query: str, variables: dict | None = None) -> dict:
    """POST a query to the CMS's /graphql/ as a frontend would (anonymous)."""
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(
        f"{base_url}/graphql/",
        data=body,
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.loads(response.read())
    assert "errors" not in answer, answer
    return answer["data"]
