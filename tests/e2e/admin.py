"""What people do in the Wagtail admin, as steps the flows share. Locators follow
what a person sees (labels, button names) where Wagtail gives one."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def modal(page: Page):
    return page.locator(".modal.fade.show, .modal[style*='display: block']").last


def open_chooser(page: Page, button) -> None:
    """Click a chooser button until its modal shows: a click that lands while a
    just-closed modal's backdrop still fades out opens nothing."""
    for _attempt in range(3):
        button.click()
        try:
            expect(modal(page)).to_be_visible(timeout=5_000)
            return
        except AssertionError:
            continue
    expect(modal(page)).to_be_visible()


def choose_in_modal(page: Page, name: str, search: str | None = None) -> None:
    """Pick ``name`` in the chooser modal that is open (pages, images, snippets),
    after typing ``search`` in its search box if given."""
    dialog = modal(page)
    expect(dialog).to_be_visible()
    if search:
        dialog.locator("input[name=q]").fill(search)
    dialog.locator(
        "a[data-chooser-modal-choice], a.choose-page", has_text=name
    ).first.click()
    expect(dialog).to_be_hidden()


def choose_many_in_modal(page: Page, names: list[str]) -> None:
    """Tick several rows of a multiple chooser (MultipleChooserPanel) and confirm."""
    dialog = modal(page)
    expect(dialog).to_be_visible()
    for name in names:
        dialog.get_by_label(name, exact=True).check()
    dialog.locator("[data-multiple-choice-submit]").click()
    expect(dialog).to_be_hidden()


def add_block(page: Page, field: str, block_label: str) -> None:
    """Add a block to the (empty) StreamField ``field``."""
    page.locator(
        f"[data-contentpath='{field}'] button[title='Insert a block']"
    ).first.click()
    page.get_by_role("option", name=block_label).click()


def publish(page: Page) -> None:
    """Footer: open the actions menu next to "Save draft" and publish."""
    footer = page.locator(
        "footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]"
    )
    footer.last.click()
    page.locator("button[name=action-publish]").click()
    expect(page.locator(".messages")).to_contain_text("published")


def save_draft(page: Page) -> None:
    page.locator("footer button.action-save, footer button[type=submit]").first.click()
    expect(page.locator(".messages").first).to_be_visible()


def translate_segments(page: Page, translations: dict[str, str]) -> None:
    """In wagtail-localize's editor, translate every untranslated segment of each
    tab: the source text shown above the box picks the translation."""
    # The editor is drawn by JavaScript: wait for the first untranslated segment.
    expect(
        page.get_by_role("button", name="Translate", exact=True).first
    ).to_be_visible()
    for tab in ("Content", "Promote"):
        page.get_by_role("tab", name=tab).click()
        expect(page.get_by_role("tab", name=tab)).to_have_attribute(
            "aria-selected", "true"
        )
        buttons = page.get_by_role("button", name="Translate", exact=True)
        while buttons.filter(visible=True).count():
            buttons.filter(visible=True).first.click()
            segment = page.locator("li", has=page.locator("textarea:visible")).last
            source = segment.locator("p").first.inner_text().strip()
            assert source in translations, f"no translation for {source!r}"
            segment.locator("textarea").fill(translations[source])
            segment.get_by_role("button", name="Save").click()
            expect(page.locator("textarea")).to_have_count(0)


def open_menu(page: Page, name: str) -> None:
    """Follow an item of the admin's main menu (the sidebar)."""
    sidebar = page.get_by_role("complementary").get_by_role("navigation").first
    sidebar.get_by_role("link", name=name).click()


def explore(page: Page, title: str) -> None:
    """In the page explorer, open the children of the page called ``title``."""
    row = page.locator("tbody tr", has=page.get_by_text(title, exact=True))
    row.locator("a[href*='/admin/pages/']").last.click()
    expect(page.locator("#main h1, #main h2").first).to_contain_text(title)
