"""Flows 1 to 3: an editor writes and publishes an English release, a translator
translates it into French in wagtail-localize's editor, and keeps it up to date
after the editor changes the English text. The flows build on each other: each
test starts where the previous one ended (``story``), and is skipped if it failed."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .admin import (
    add_block,
    choose_in_modal,
    choose_many_in_modal,
    open_chooser,
    open_menu,
    publish,
    translate_segments,
)
from .conftest import graphql, snap

EDITOR = "editor@example.com"
TRANSLATOR = "traductrice@example.com"

TITLE_EN = "Allies agree new KFOR rotation"
STANDFIRST_EN = "Defence ministers agreed on the next rotation of KFOR troops."
QUOTE_EN = "Our commitment to stability in Kosovo is unwavering."
TITLE_FR = "Les Alliés conviennent d'une nouvelle rotation de la KFOR"
STANDFIRST_FR = (
    "Les ministres de la Défense sont convenus de la prochaine rotation des "
    "troupes de la KFOR."
)
QUOTE_FR = "Notre engagement en faveur de la stabilité au Kosovo est inébranlable."
STANDFIRST_EN_2 = "Defence ministers agreed on the next two rotations of KFOR troops."
STANDFIRST_FR_2 = (
    "Les ministres de la Défense sont convenus des deux prochaines rotations des "
    "troupes de la KFOR."
)

RELEASES = """query($locale: LanguageCode!) {
  pressReleases(locale: $locale, perPage: 20) {
    items {
      id title slug summary locale
      translations { locale title slug }
      people { person { slug } }
      topics { slug }
      heroImage { id title }
      body { __typename ... on QuoteBlock { text speaker { slug name } } }
    }
  }
}"""

story: dict = {}


def release(base_url: str, locale: str, title: str) -> dict | None:
    items = graphql(base_url, RELEASES, {"locale": locale})["pressReleases"]["items"]
    return next((item for item in items if item["title"] == title), None)


def needs(step: str) -> None:
    if step not in story:
        pytest.skip(f"needs the flow that {step}")


def test_1_editor_writes_and_publishes_an_english_release(people, cms):
    page = people(EDITOR)
    open_menu(page, "Press releases")
    page.get_by_role("link", name="Add press release").click()
    page.get_by_role("button", name="Choose a page (Newsroom)").click()
    choose_in_modal(page, "Newsroom", search="Newsroom")
    page.get_by_role("button", name="Create a new press release").click()

    page.locator("#id_title").fill(TITLE_EN)
    page.locator("#id_location").fill("Brussels")
    page.locator("#id_standfirst").fill(STANDFIRST_EN)
    open_chooser(page, page.get_by_role("button", name="Choose an image"))
    choose_in_modal(page, "NATO Headquarters, Brussels", search="Headquarters")

    add_block(page, "body", "Quote")
    page.locator("textarea[name='body-0-value-text']").fill(QUOTE_EN)
    # The speaker's chooser, the only chooser button in the body.
    open_chooser(
        page, page.locator("[data-contentpath='body'] .chooser__choose-button").first
    )
    choose_in_modal(page, "Jens Stoltenberg")

    page.get_by_role("button", name="Add people").click()
    choose_many_in_modal(page, ["Jens Stoltenberg", "Vjosa Osmani"])
    page.get_by_role("button", name="Add topics").click()
    choose_many_in_modal(page, ["KFOR", "Kosovo"])

    publish(page)
    expect(page.locator(".messages")).to_contain_text(
        f"'{TITLE_EN}' created and published"
    )

    found = release(cms, "en", TITLE_EN)
    assert found is not None, "the published release is not in the English listing"
    assert [p["person"]["slug"] for p in found["people"]] == [
        "jens-stoltenberg",
        "vjosa-osmani",
    ]
    assert sorted(t["slug"] for t in found["topics"]) == ["kfor", "kosovo"]
    assert found["heroImage"]["title"] == "NATO Headquarters, Brussels"
    quote = next(b for b in found["body"] if b["__typename"] == "QuoteBlock")
    assert quote["text"] == QUOTE_EN
    assert quote["speaker"]["slug"] == "jens-stoltenberg"
    assert found["summary"] == STANDFIRST_EN

    open_menu(page, "Press releases")
    expect(page.get_by_role("link", name=TITLE_EN)).to_be_visible()
    snap(page, "1-editor-publishes-a-release")
    story["published"] = found


SLUG_FR = "les-allies-conviennent-dune-nouvelle-rotation-de-la-kfor"
FRENCH = {
    TITLE_EN: TITLE_FR,
    "Brussels": "Bruxelles",
    STANDFIRST_EN: STANDFIRST_FR,
    QUOTE_EN: QUOTE_FR,
    "allies-agree-new-kfor-rotation": SLUG_FR,
}


def test_2_translator_translates_it_into_french_and_publishes(people, cms):
    needs("published")
    # The editor asks for the French version (wagtail-localize's "Translate").
    editor = people(EDITOR)
    open_menu(editor, "Press releases")
    editor.get_by_role("link", name=TITLE_EN).click()
    editor.locator("header [data-w-dropdown-target=toggle]").first.click()
    editor.get_by_role("link", name="Translate this page").click()
    editor.get_by_label("French").check()
    editor.get_by_role("button", name="Submit").click()
    expect(editor.get_by_text("successfully submitted for translation")).to_be_visible()

    # The translator finds it on her dashboard and translates it.
    page = people(TRANSLATOR)
    panel = page.locator("[data-editorial-panel=translations]")
    row = panel.locator("tr", has=page.get_by_role("link", name=TITLE_EN))
    expect(row).to_contain_text("French")
    expect(row).to_contain_text("strings to translate")
    row.get_by_role("link", name=TITLE_EN).click()
    translate_segments(page, FRENCH)
    page.get_by_role("button", name="Publish in French").click()
    expect(page.get_by_text("published", exact=False).first).to_be_visible()

    found = release(cms, "fr", TITLE_FR)
    assert found is not None, "the French release is not in the French listing"
    assert found["summary"] == STANDFIRST_FR
    assert found["slug"] == SLUG_FR
    quote = next(b for b in found["body"] if b["__typename"] == "QuoteBlock")
    assert quote["text"] == QUOTE_FR
    assert quote["speaker"]["slug"] == "jens-stoltenberg"
    assert sorted(t["slug"] for t in found["topics"]) == ["kfor", "kosovo"]
    english = release(cms, "en", TITLE_EN)
    assert {"locale": "fr", "title": TITLE_FR, "slug": SLUG_FR} in english[
        "translations"
    ]
    assert {"locale": "en", "title": TITLE_EN, "slug": english["slug"]} in found[
        "translations"
    ]
    # Nothing left to do for her.
    page.goto("/admin/")
    expect(page.locator("#main")).to_be_visible()
    expect(page.locator("[data-editorial-panel=translations]")).to_have_count(0)
    open_menu(page, "Press releases")
    expect(page.get_by_role("link", name=TITLE_FR)).to_be_visible()
    snap(page, "2-translator-publishes-french")
    story["translated"] = found


def test_3_translator_updates_french_after_the_english_changes(people, cms):
    needs("translated")
    # The editor changes the English text, publishes, and syncs the translations.
    editor = people(EDITOR)
    open_menu(editor, "Press releases")
    editor.get_by_role("link", name=TITLE_EN).click()
    editor.locator("#id_standfirst").fill(STANDFIRST_EN_2)
    publish(editor)
    open_menu(editor, "Press releases")
    editor.get_by_role("link", name=TITLE_EN).click()
    editor.locator("header [data-w-dropdown-target=toggle]").first.click()
    editor.get_by_role("link", name="Sync translated pages").click()
    expect(editor.get_by_label("Publish immediately")).not_to_be_checked()
    editor.get_by_role("button", name="Submit").click()
    expect(editor.locator(".messages")).to_contain_text(
        f"Successfully updated translations for '{TITLE_EN}'"
    )
    # Synced, not published: the French page still says what it said.
    assert release(cms, "fr", TITLE_FR)["summary"] == STANDFIRST_FR

    # The translator sees what is out of date, translates it and publishes.
    page = people(TRANSLATOR)
    row = page.locator("[data-editorial-panel=translations] tr", has_text=TITLE_FR)
    expect(row).to_contain_text("The source has changed")
    expect(row).to_contain_text("1 string to translate")
    row.get_by_role("link", name=TITLE_FR).click()
    translate_segments(page, {STANDFIRST_EN_2: STANDFIRST_FR_2})
    page.get_by_role("button", name="Publish in French").click()
    expect(page.get_by_text("published", exact=False).first).to_be_visible()
    snap(page, "3-translator-updates-french")

    found = release(cms, "fr", TITLE_FR)
    assert found["summary"] == STANDFIRST_FR_2
    quote = next(b for b in found["body"] if b["__typename"] == "QuoteBlock")
    assert quote["text"] == QUOTE_FR  # what did not change keeps its translation
    page.goto("/admin/")
    expect(page.locator("#main")).to_be_visible()
    expect(page.locator("[data-editorial-panel=translations]")).to_have_count(0)
