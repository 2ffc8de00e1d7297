"""Search on the portal, in both languages: results with facets (type, topic,
year) that narrow them, and suggestions in the search box as the journalist
types (searchSuggest)."""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from ..conftest import graphql
from .conftest import hydrated

LANGS = ["fr", "en"]


@pytest.mark.parametrize("lang", LANGS)
def test_search_with_facets_and_suggestions(lang, portal, visit):
    title = graphql(
        portal.cms,
        "query($l: LanguageCode!) { pressReleases(locale: $l, perPage: 1) "
        "{ items { title } } }",
        {"l": lang},
    )["pressReleases"]["items"][0]["title"]
    word = next(w for w in re.findall(r"\w+", title) if len(w) >= 5)
    page = visit(lang)
    page.goto(f"/{lang}/search/?q={quote(word)}")
    main = page.locator("main")
    expect(main.locator("[role=status]")).to_contain_text(re.compile(r"[1-9]"))
    expect(main.get_by_role("link", name=re.compile(re.escape(title)))).to_be_visible()
    # A type facet narrows the results and says which one is chosen. "All" comes
    # first and is already chosen: clicking it would reload the same address, late
    # enough to wipe what the next step types (seen in CI), so take a type.
    facets = main.locator(".facets")
    narrow = facets.locator("nav").first.locator("li a:not([aria-current])").first
    expect(narrow).to_be_visible()
    narrow.click()
    page.wait_for_url(re.compile(r"[?&]type="))
    expect(facets.locator("a[aria-current=true]")).to_have_count(1)

    # Suggestions as the journalist types the start of the word, once React owns
    # the box (typed into before, the browser's own box suggests nothing).
    box = page.locator("#search-q")
    hydrated(box)
    box.fill("")
    box.press_sequentially(word[:4])
    options = page.locator(f"[id='{box.get_attribute('list')}'] option")
    expect(options.first).to_be_attached()
    values = [options.nth(i).get_attribute("value") for i in range(options.count())]
    assert any(word[:4].lower() in value.lower() for value in values), values
