"""Where a reader lands: `/` goes (307) to the language the browser prefers; an
unknown language (`/de/`) or a path the CMS does not have is the portal's own
404 page, in a language the reader reads (never Next's default page)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

NOT_FOUND = {
    "en": "This page does not exist",
    "fr": "Cette page n'existe pas",
}


@pytest.mark.parametrize(
    "accept, lang",
    [
        ("fr-CH, fr;q=0.9, en;q=0.8", "fr"),
        ("de-DE, de;q=0.9, en;q=0.5, fr;q=0.4", "en"),
        ("de, fr;q=0.3", "fr"),
        ("", "en"),
    ],
)
def test_the_root_goes_to_the_preferred_language(accept, lang, portal, visit):
    page = visit("en")
    answer = page.request.get("/", headers={"Accept-Language": accept}, max_redirects=0)
    assert answer.status == 307
    assert answer.headers["location"].endswith(f"/{lang}/")
    assert "accept-language" in answer.headers.get("vary", "").lower()


@pytest.mark.parametrize(
    "path, browser_lang, lang",
    [
        ("/de/", "fr", "fr"),
        ("/de/newsroom/", "en", "en"),
        ("/nope/", "fr", "fr"),
        ("/en/no-such-page/", "fr", "en"),
        ("/fr/salle-de-presse/pas-de-communique/", "en", "fr"),
    ],
)
def test_unknown_paths_get_the_portals_own_404(path, browser_lang, lang, portal, visit):
    page = visit(browser_lang)  # its Accept-Language: fr-FR or en-GB
    response = page.goto(path)
    assert response.status == 404
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("main h1")).to_contain_text(NOT_FOUND[lang])
    expect(page.get_by_text("This page could not be found")).to_have_count(0)
