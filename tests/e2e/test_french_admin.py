"""Flow 5: the same admin in French, for an editor whose preferred admin language
is French (Wagtail's user profile)."""

from __future__ import annotations

from playwright.sync_api import expect

from .admin import open_menu
from .conftest import graphql, snap

EDITOR_FR = "redactrice@example.com"
SEED_FR = "Le secrétaire général de l’OTAN reçoit Vjosa Osmani, du Kosovo"
SEED_SLUG_FR = "le-secretaire-general-recoit-vjosa-osmani"


def test_5_french_speaking_editor_works_in_french(people, cms):
    page = people(EDITOR_FR)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("navigation", name="Menu principal")).to_be_visible()

    open_menu(page, "Communiqués de presse")
    expect(page.locator("#main h1, #main h2").first).to_contain_text(
        "Communiqués de presse"
    )
    for heading in ("Date", "Thèmes", "Langue", "État"):
        expect(page.locator("#main thead").first).to_contain_text(heading)
    # The seed release is older than a page of the listing: open it from the
    # listing's search, as an editor would.
    page.goto("/admin/press_releases/?q=Osmani")
    page.get_by_role("link", name=SEED_FR).click()

    page.locator("#id_location").fill("Bruxelles (siège de l’OTAN)")
    page.locator("footer [data-w-dropdown-target=toggle]").last.click()
    page.get_by_role("button", name="Publier").click()
    expect(page.locator(".messages")).to_contain_text("a été publiée")

    answer = graphql(
        cms,
        'query { pressRelease(slug: "%s", locale: fr) { location } }' % SEED_SLUG_FR,
    )
    assert answer["pressRelease"]["location"] == "Bruxelles (siège de l’OTAN)"
    snap(page, "5-french-speaking-editor")
