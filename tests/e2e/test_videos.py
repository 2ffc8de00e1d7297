"""Flow 4: a video producer uploads a small generated video, watches its status
reach ready, puts it on a video page with a shot, and previews the shot as a clip."""

from __future__ import annotations

from playwright.sync_api import expect

from videos.ffmpeg import generate_test_video

from .admin import choose_in_modal, explore, open_menu
from .conftest import snap

PRODUCER = "producer@example.com"
TITLE = "Ministers arrive at headquarters (rushes)"


def test_4_producer_uploads_a_video_and_previews_a_shot(people, tmp_path):
    master = tmp_path / "ministers-arrive.mp4"
    generate_test_video(master, 2, width=320, height=180)

    page = people(PRODUCER)
    open_menu(page, "Video files")
    page.get_by_role("link", name="Add video file").first.click()
    page.locator("#id_title").fill(TITLE)
    page.locator("#id_master").set_input_files(master)
    page.get_by_role("button", name="Save").first.click()
    expect(page.locator(".messages")).to_contain_text(TITLE)

    # Its edit page shows each processing step, refreshing until all are done.
    open_menu(page, "Video files")
    page.get_by_role("link", name=TITLE).first.click()
    status = page.locator("[data-video-status]")
    expect(status).to_have_attribute("data-video-status", "ready", timeout=90_000)
    steps = page.locator("[data-step-status]")
    expect(steps.first).to_be_visible()
    for step in steps.all():
        expect(step).to_have_attribute("data-step-status", "done")

    # A video page for it, with one shot.
    page.goto("/admin/pages/")
    explore(page, "Media portal")
    explore(page, "Videos")
    page.get_by_role("link", name="Add child page").first.click()
    page.locator("#id_title").fill("Ministers arrive at headquarters")
    page.get_by_role("button", name="Choose video file").click()
    choose_in_modal(page, TITLE)
    page.get_by_role("button", name="Add shotlist").click()
    page.locator("[name='shots-0-start']").fill("0.5")
    page.locator("[name='shots-0-end']").fill("1.5")
    page.locator("[name='shots-0-description']").fill("Wide shot, ministers arrive")
    page.locator(
        "footer button[name=action-save], footer button.action-save"
    ).first.click()
    expect(page.locator(".messages")).to_contain_text("created")

    # Preview the shot as a clip (the link opens a new tab: follow it here).
    link = page.locator("a[data-preview-shot]").first
    expect(link).to_be_visible()
    page.goto(link.get_attribute("href"))
    clip = page.locator("video[data-clip-start]")
    expect(clip).to_be_visible(timeout=60_000)
    start = float(clip.get_attribute("data-clip-start"))
    end = float(clip.get_attribute("data-clip-end"))
    assert start <= 0.5 and 0.5 <= start + 1.0  # FAST: the keyframe before the in point
    assert end >= 1.5 - 0.05
    # The browser can play it: its metadata loads from the signed link.
    page.wait_for_function(
        "document.querySelector('video[data-clip-start]').readyState >= 1"
    )
    assert (
        page.evaluate("document.querySelector('video[data-clip-start]').duration") > 0
    )
    snap(page, "4-producer-previews-a-shot")
