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
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            "(tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } })",
            TAGS,
        )
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"]][:3]
                failures.append(
                    f"{path}: {violation['id']} ({violation['impact']}) {targets}"
                )
    # The account dialog, opened.
    page.goto(f"/{lang}/")
    page.get_by_test_id("sign-in").click()
    snap(page, f"portal-dialog-{lang}")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "(tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } })", TAGS
    )
    failures += [
        f"dialog: {v['id']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
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
