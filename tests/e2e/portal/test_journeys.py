"""Every journey of the seed performed by a journalist on the portal, in French and
in English, against the real CMS (runserver, portal_worker, SMTP on loopback)."""

from __future__ import annotations

import io
import sqlite3
import time
from urllib.parse import urlsplit

import av
import pytest
from playwright.sync_api import expect

from ..conftest import graphql, snap
from .conftest import hydrated

LANGS = ["fr", "en"]
PASSWORD = "Quartz-Lumiere-2026!"
NEW_PASSWORD = "Nouveau-Passe-2027?"


RELEASES = """query($l: LanguageCode!) { pressReleases(locale: $l, perPage: 20) {
  items { slug title url parent { url } translations { locale url } } } }"""


def releases(portal, lang: str) -> list[dict]:
    return graphql(portal.cms, RELEASES, {"l": lang})["pressReleases"]["items"]


def path(url: str) -> str:
    return urlsplit(url).path


def wait_for_mail(page, mailbox, address: str, count: int):
    """The `count`-th message to `address` (the worker sends mail in the background)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        messages = mailbox.to(address)
        if len(messages) >= count:
            return messages[count - 1]
        page.wait_for_timeout(100)  # polling the mailbox, as expect() polls the page
    raise AssertionError(f"no message {count} for {address}: {mailbox.to(address)}")


def first_video_path(portal, lang: str) -> str:
    data = graphql(
        portal.cms,
        "query($l: LanguageCode!) { videos(locale: $l, perPage: 1) { items { url } } }",
        {"l": lang},
    )
    return urlsplit(data["videos"]["items"][0]["url"]).path


def check_mp4(page, link, seconds: float | None) -> None:
    """The file behind a download link is an MP4 of the expected length."""
    response = page.request.get(link.get_attribute("href"))
    assert response.status == 200
    body = response.body()
    assert body[4:8] == b"ftyp", body[:16]
    with av.open(io.BytesIO(body)) as container:
        duration = container.duration / 1_000_000
    if seconds is not None:
        assert abs(duration - seconds) < 1.2, (duration, seconds)


def expire_resend_cooldown(portal) -> None:
    """A minute passes on the server's side: the resend cool-down ends."""
    with sqlite3.connect(portal.env["E2E_DATABASE"]) as db:
        db.execute(
            "UPDATE accounts_resendcooldown SET available_at = '2000-01-01 00:00:00'"
        )


@pytest.mark.parametrize("lang", LANGS)
def test_register_download_sign_out_reset(lang, portal, visit):
    page = visit(lang)
    page.clock.install()
    email = f"journalist-{lang}@radio.example"
    video = first_video_path(portal, lang)
    page.goto(f"{video}?in=1&out=3")
    dialog = page.get_by_test_id("account-dialog")

    # Signed out, "download" opens the dialog; register with the live checklist.
    hydrated(page.get_by_test_id("download"))
    page.get_by_test_id("download").click()
    expect(dialog).to_be_visible()
    dialog.get_by_test_id("to-register").click()
    dialog.locator("#reg-password").fill("court")
    expect(dialog.locator("li[data-rule=length]")).to_have_attribute(
        "data-met", "false"
    )
    expect(dialog.get_by_test_id("account-submit")).to_be_disabled()
    dialog.locator("#reg-password").fill(PASSWORD)
    expect(dialog.locator("li[data-met=false]")).to_have_count(0)
    dialog.locator("#reg-email").fill(email)
    dialog.locator("#reg-first").fill("Amélie")
    dialog.locator("#reg-last").fill("Durand")
    dialog.locator("#reg-org").fill("Radio Lac")
    dialog.locator("#reg-country").fill("FR")
    dialog.locator("#reg-terms").check()
    dialog.get_by_test_id("account-submit").click()

    # The e-mailed code, "send a new code" after its countdown, the new code.
    expect(dialog.locator("#verify-code")).to_be_visible()
    first = wait_for_mail(page, portal.mailbox, email, 1).code()
    expect(dialog.get_by_test_id("resend-countdown")).to_be_visible()
    expect(dialog.get_by_test_id("resend")).to_be_disabled()
    expire_resend_cooldown(portal)
    page.clock.fast_forward("01:05")
    expect(dialog.get_by_test_id("resend")).to_be_enabled()
    dialog.get_by_test_id("resend").click()
    code = wait_for_mail(page, portal.mailbox, email, 2).code()
    assert code != first or len(portal.mailbox.to(email)) == 2
    dialog.locator("#verify-code").fill(code)
    dialog.get_by_test_id("account-submit").click()

    # Signed in, back on the same video with the same in and out.
    expect(page.get_by_test_id("my-account")).to_be_visible()
    expect(dialog).to_have_count(0)
    assert urlsplit(page.url).path == video
    expect(page.locator("#dl-in")).to_have_value("1")
    expect(page.locator("#dl-out")).to_have_value("3")
    # The player: the streaming preview (hls.js) or, without one, a rendition.
    expect(page.get_by_test_id("player")).to_be_visible()
    page.wait_for_function(
        "document.querySelector('[data-testid=player]').readyState >= 1"
    )

    # A FAST clip, an EXACT clip, the whole rendition.
    link = page.get_by_test_id("download-link")
    for precision in ["FAST", "EXACT"]:
        page.locator("#dl-precision").select_option(precision)
        expect(link).to_have_count(0)  # a changed choice hides the last link
        page.get_by_test_id("download").click()
        expect(link).to_be_visible(timeout=60_000)
        check_mp4(page, link, 2.0 if precision == "EXACT" else None)
    page.locator("#dl-whole").check()
    expect(link).to_have_count(0)
    page.get_by_test_id("download").click()
    link = page.get_by_test_id("download-link")
    expect(link).to_be_visible()
    check_mp4(page, link, None)
    snap(page, f"portal-video-{lang}")

    # Sign out; forgotten password → code → new password → back on the page.
    page.get_by_test_id("sign-out").click()
    expect(page.get_by_test_id("sign-in")).to_be_visible()
    page.get_by_test_id("sign-in").click()
    dialog.get_by_test_id("to-forgot").click()
    dialog.locator("#forgot-email").fill(email)
    dialog.get_by_test_id("account-submit").click()
    expect(dialog.locator("#reset-code")).to_be_visible()
    reset_code = wait_for_mail(page, portal.mailbox, email, 3).code()
    dialog.locator("#reset-code").fill(reset_code)
    dialog.locator("#reset-password").fill(NEW_PASSWORD)
    dialog.get_by_test_id("account-submit").click()
    dialog.get_by_test_id("back-to-page").click()
    assert urlsplit(page.url).path == video
    dialog.locator("#account-email").fill(email)
    dialog.locator("#account-password").fill(NEW_PASSWORD)
    dialog.get_by_test_id("account-submit").click()
    expect(page.get_by_test_id("my-account")).to_be_visible()
    assert urlsplit(page.url).path == video

    # My account: the profile, the newsletter status, deleting the account.
    page.get_by_test_id("my-account").click()
    expect(page.get_by_test_id("profile")).to_contain_text(email)
    expect(page.get_by_test_id("newsletter-status")).to_be_visible()
    page.locator("#delete-password").fill(NEW_PASSWORD)
    page.locator("#delete-password").press("Enter")
    expect(page.get_by_test_id("account-deleted")).to_be_visible()


@pytest.mark.parametrize("lang", LANGS)
def test_an_editor_previews_a_draft(lang, portal, visit):
    release = releases(portal, lang)[0]
    title = f"Draft title {lang} under embargo"
    url = portal.act("preview", release["slug"], title)
    assert url.startswith(portal.url + f"/{lang}/preview/"), url
    page = visit(lang)
    page.goto(url)
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator(".preview-banner")).to_be_visible()
    # The public still sees the published title.
    page.goto(path(release["url"]))
    expect(page.locator("h1")).to_have_text(release["title"])


@pytest.mark.parametrize("lang", LANGS)
def test_a_publish_reaches_the_site_through_the_webhook(lang, portal, visit):
    release = releases(portal, lang)[1]
    page = visit(lang)
    page.goto(path(release["url"]))  # rendered and its CMS answers kept by the portal
    title = f"Published through the webhook ({lang})"
    portal.act("publish", release["slug"], title)
    deadline = time.monotonic() + 30
    while page.locator("h1").inner_text() != title:
        assert time.monotonic() < deadline, "the publish did not reach the page"
        page.wait_for_timeout(500)
        page.reload()
    expect(page.locator("h1")).to_have_text(title)


@pytest.mark.parametrize("lang", LANGS)
def test_bad_input_and_language_switch(lang, portal, visit):
    page = visit(lang)
    items = releases(portal, lang)
    newsroom = path(items[0]["parent"]["url"])
    page.goto(f"{newsroom}?dateFrom=07/09/2023&topic=no-such-topic")
    alert = page.locator("main [role=alert]")
    expect(alert).to_contain_text("AAAA-MM-JJ" if lang == "fr" else "YYYY-MM-DD")
    expect(alert).to_contain_text(
        "Ce thème n'existe pas." if lang == "fr" else "There is no such topic."
    )
    # The switch leads to the same release in the other language.
    release = next(item for item in items if item["translations"])
    page.goto(path(release["url"]))
    page.get_by_test_id("language-switch").click()
    assert path(page.url) == path(release["translations"][0]["url"])
