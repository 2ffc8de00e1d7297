"""Flow 6: a photo editor makes a gallery, uploads three generated photos at once
(one of them not an image), sees a result per file, finds the captions and credits
read from the files' IPTC, reorders the photos and publishes the gallery."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.photos import files

from .admin import explore, publish, save_draft
from .conftest import graphql, snap

PHOTO_EDITOR = "photo-editor@example.com"
TITLE = "Ministers arrive for talks: photos"

GALLERY = """query($slug: String!) {
  gallery(slug: $slug, locale: en) { title photos { caption credit } }
}"""


def _photo(folder, name: str, seed: int, caption: str):
    iptc = files.iptc_block({(2, 120): caption, (2, 110): "NATO Photo Desk"})
    path = folder / name
    path.write_bytes(files.jpeg(files.picture((320, 200), seed=seed), iptc=iptc))
    return path


def test_6_photo_editor_uploads_photos_into_a_gallery(people, cms, tmp_path):
    arrival = _photo(tmp_path, "arrival.jpg", 21, "The ministers arrive.")
    talks = _photo(tmp_path, "talks.jpg", 22, "Talks begin.")
    broken = tmp_path / "notes.jpg"
    broken.write_bytes(b"These are notes, not a photo.\n" * 20)

    page = people(PHOTO_EDITOR)
    page.goto("/admin/pages/")
    explore(page, "Media portal")
    explore(page, "Photos")
    page.get_by_role("link", name="Add child page").first.click()
    page.locator("#id_title").fill(TITLE)
    page.get_by_role("tab", name="Promote").click()
    # Wagtail fills the slug from the title a moment later (debounced): wait for
    # it, or its write lands after ours (a slug seen doubled in one run).
    slug = page.locator("#id_slug")
    expect(slug).not_to_have_value("")
    slug.fill("ministers-arrive-for-talks-photos")
    expect(slug).to_have_value("ministers-arrive-for-talks-photos")
    page.get_by_role("tab", name="Content").click()
    save_draft(page)
    expect(page.locator(".messages")).to_contain_text("created")

    page.locator("a[data-photos-upload]").click()
    page.locator("#id_files").set_input_files([arrival, broken, talks])
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator("[data-upload-results]")).to_be_visible()
    expect(page.locator("[data-upload-result=imported]")).to_have_count(2)
    failed = page.locator("[data-upload-result=failed]")
    expect(failed).to_have_count(1)
    expect(failed).to_have_attribute("data-code", "NOT_AN_IMAGE")
    expect(failed).to_contain_text("notes.jpg")
    expect(failed).to_contain_text("This file is not an image")

    # Back in the gallery: the photos are in its draft, with their words read
    # from the files; the second is moved up, then the gallery published.
    page.get_by_role("link", name="Back to the gallery").click()
    expect(page.locator("[name='photos-0-caption']")).to_have_value(
        "The ministers arrive."
    )
    expect(page.locator("[name='photos-1-caption']")).to_have_value("Talks begin.")
    expect(page.locator("[name='photos-0-credit']")).to_have_value("NATO Photo Desk")
    page.locator(
        "[id='inline_child_photos-0'] [data-inline-panel-child-move-down]"
    ).click()
    publish(page)
    snap(page, "6-photo-editor-uploads-photos")

    data = graphql(cms, GALLERY, {"slug": "ministers-arrive-for-talks-photos"})
    assert data["gallery"]["photos"] == [
        {"caption": "Talks begin.", "credit": "NATO Photo Desk"},
        {"caption": "The ministers arrive.", "credit": "NATO Photo Desk"},
    ]
