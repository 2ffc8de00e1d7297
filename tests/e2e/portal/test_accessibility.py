"""axe-core (the npm package's script, injected) on every route of the portal, in
both languages: no serious or critical violation of WCAG 2.2 A/AA. And an API
that is down gives a friendly page with a retry, in the page's language."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests import live

from ..conftest import graphql, snap
from .conftest import FRONTEND, started

AXE = FRONTEND / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def routes(portal, lang: str) -> list[str]:
    data = graphql(
        portal.cms,
        """query($l: LanguageCode!) {
          pressReleases(locale: $l, perPage: 1) { items { url parent { url } } }
          videos(locale: $l, perPage: 1) { items { url parent { url } } }
        }""",
        {"l": lang},
    )
    release, video = data["pressReleases"]["items"][0], data["videos"]["items"][0]
    paths = [
        release["url"],
        release["parent"]["url"],
        video["url"],
        video["parent"]["url"],
    ]
    return [
        f"/{lang}/",
        *(urlsplit(url).path for url in paths),
        f"/{lang}/people/",
        f"/{lang}/topics/",
        f"/{lang}/search/?q=KFOR",
        f"/{lang}/newsletter/",
        f"/{lang}/account/",
        f"/{lang}/newsletter/confirm/?token=nope",
        f"/{lang}/no-such-page/",  # the portal's 404 page
    ]


def serious_violations(page) -> list[str]:
    """axe-core's serious or critical WCAG 2.2 A/AA violations on the page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "(tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } })", TAGS
    )
    return [
        f"{v['id']} ({v['impact']}) {[node['target'] for node in v['nodes']][:3]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_serious_violation_on_any_route(lang, portal, visit):
    page = visit(lang)
    failures = []
    names = ["home", "release", "newsroom"]
    for number, path in enumerate(routes(portal, lang)):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        if number < len(names):
            snap(page, f"portal-{names[number]}-{lang}")
        failures += [f"{path}: {failure}" for failure in serious_violations(page)]
    # The account dialog, opened.
    page.goto(f"/{lang}/")
    page.get_by_test_id("sign-in").click()
    snap(page, f"portal-dialog-{lang}")
    failures += [f"dialog: {failure}" for failure in serious_violations(page)]
    assert not failures, "\n".join(failures)


def test_an_api_that_is_down_gives_a_friendly_page_with_a_retry(
    portal, visit, tmp_path
):
    port = live.free_port()
    env = {
        **portal.env,
        "CMS_URL": f"http://127.0.0.1:{live.free_port()}",
        "NEXT_TELEMETRY_DISABLED": "1",
    }
    command = [
        str(FRONTEND / "node_modules" / ".bin" / "next"),
        "start",
        "-p",
        str(port),
        "-H",
        "127.0.0.1",
    ]
    with started(command, FRONTEND, env, tmp_path / "down.log", port):
        page = visit("fr")
        response = page.goto(f"http://127.0.0.1:{port}/fr/")
        assert response.status >= 500 or page.get_by_test_id("retry").count()
        expect(page.get_by_test_id("retry")).to_have_text("Réessayer")
        expect(page.locator("h1")).to_contain_text("Le portail ne parvient pas")
        assert "Error:" not in page.content() and "ECONNREFUSED" not in page.content()
        assert not serious_violations(page)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_dialog_and_the_player_work_from_the_keyboard(lang, portal, visit):
    page = visit(lang)
    page.goto(f"/{lang}/")
    page.get_by_test_id("sign-in").focus()
    page.keyboard.press("Enter")
    dialog = page.get_by_test_id("account-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#account-email")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.locator("#account-password")).to_be_focused()
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    expect(page.get_by_test_id("sign-in")).to_be_focused()

    # A shot's timecode, reached and pressed from the keyboard, seeks the player.
    video = graphql(
        portal.cms,
        "query($l: LanguageCode!) { videos(locale: $l, perPage: 1) "
        "{ items { url shotlist { start } } } }",
        {"l": lang},
    )["videos"]["items"][0]
    page.goto(urlsplit(video["url"]).path)
    player = page.get_by_test_id("player")
    expect(player).to_be_visible()
    page.wait_for_function(
        "document.querySelector('[data-testid=player]').readyState >= 1"
    )
    start = video["shotlist"][-1]["start"]
    shot = page.locator("#shotlist ~ ol li button.link").last
    shot.focus()
    page.keyboard.press("Enter")
    seeked = (
        "Math.abs(document.querySelector('[data-testid=player]').currentTime - %s) < 1"
    )
    page.wait_for_function(seeked % start)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_signing_in_and_out_from_the_keyboard_only(lang, portal, visit):
    """From the top of the page, Tab to "sign in", type into the dialog, Enter;
    then Tab to "sign out": no mouse, no focus() from the test."""
    email, password = f"keyboard-{lang}@press.example", "Clavier-Seul-2026!"
    portal.act("accredit", email, password)
    page = visit(lang)
    page.goto(f"/{lang}/")

    def tab_to(test_id: str) -> None:
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement?.dataset.testid") == test_id:
                return
        raise AssertionError(f"{test_id} is not reached with Tab")

    tab_to("sign-in")
    page.keyboard.press("Enter")
    dialog = page.get_by_test_id("account-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#account-email")).to_be_focused()
    page.keyboard.type(email)
    page.keyboard.press("Tab")
    expect(page.locator("#account-password")).to_be_focused()
    page.keyboard.type(password)
    page.keyboard.press("Enter")
    expect(dialog).to_have_count(0)
    expect(page.get_by_test_id("my-account")).to_be_visible()
    page.goto(f"/{lang}/")  # focus starts again from the top
    tab_to("sign-out")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("sign-in")).to_be_visible()
