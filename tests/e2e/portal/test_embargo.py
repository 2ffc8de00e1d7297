"""A release under embargo on the portal: an accredited journalist, signed in,
reads it before the lift with "Embargoed until <time in their time zone>
(<zone>)", and that page is never shareable (private, no-store); anyone else gets
the portal's 404 and does not find it in the lists; at the lift (the worker's own
code, with the clock moved) everybody reads it, with no banner."""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

PASSWORD = "Embargo-Reader-2026!"
ZONE = "America/New_York"  # the journalist's browser, not the server's

# What the banner says, and how a date is written (Intl's full date style: en-GB
# "Tuesday 1 December 2026 at 10:30", fr-FR "mardi 1 décembre 2026 à 10:30").
WORDING = {
    "en": {
        "until": "Embargoed until",
        "newsroom": "/en/newsroom/",
        "days": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
        "months": "January February March April May June July August September"
        " October November December",
    },
    "fr": {
        "until": "Sous embargo jusqu'au",
        "newsroom": "/fr/salle-de-presse/",
        "days": "lundi mardi mercredi jeudi vendredi samedi dimanche",
        "months": "janvier février mars avril mai juin juillet août septembre"
        " octobre novembre décembre",
    },
}


def written(moment: datetime.datetime, lang: str) -> list[str]:
    """The parts of ``moment`` a banner in ``lang`` shows: day, date, time."""
    words = WORDING[lang]
    day = words["days"].split()[moment.weekday()]
    month = words["months"].split()[moment.month - 1]
    return [day, f"{moment.day} {month} {moment.year}", f"{moment:%H:%M}"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_embargoed_release_for_accredited_journalists_only(
    lang, portal, browser, visit
):
    words = WORDING[lang]
    email = f"accredited-{lang}@press.example"
    slug = f"embargoed-summit-statement-{lang}"
    portal.act("accredit", email, PASSWORD)
    url, lift = portal.act("embargo", slug, "90", lang).split()
    path = urlsplit(url).path
    assert path.startswith(f"/{lang}/"), path
    title = f"Embargoed release {slug}"
    lifts_at = datetime.datetime.fromisoformat(lift)

    # Anonymous: the portal's own 404, and not in the newsroom.
    anonymous = visit(lang)
    answer = anonymous.request.get(path)
    assert answer.status == 404 and title not in answer.text()
    anonymous.goto(words["newsroom"])
    expect(anonymous.locator("main")).not_to_contain_text(title)

    # The accredited journalist, in New York, signs in and reads it.
    context = browser.new_context(
        base_url=portal.url,
        locale="en-US" if lang == "en" else "fr-FR",
        timezone_id=ZONE,
    )
    journalist = context.new_page()
    try:
        journalist.goto(f"/{lang}/")
        journalist.get_by_test_id("sign-in").click()
        dialog = journalist.get_by_test_id("account-dialog")
        dialog.locator("#account-email").fill(email)
        dialog.locator("#account-password").fill(PASSWORD)
        dialog.get_by_test_id("account-submit").click()
        expect(journalist.get_by_test_id("my-account")).to_be_visible()

        response = journalist.goto(path)
        assert response.status == 200
        cache = response.headers["cache-control"]
        assert "private" in cache and "no-store" in cache, cache
        expect(journalist.locator("h1")).to_have_text(title)
        banner = journalist.get_by_test_id("embargo-banner")
        local = lifts_at.astimezone(ZoneInfo(ZONE))
        # Its lift time in the reader's zone, and the zone named.
        expect(banner).to_contain_text(words["until"])
        for part in written(local, lang):
            expect(banner).to_contain_text(part)
        expect(banner).to_contain_text(f"({ZONE})")
        # …and as the press office wrote it (embargoTimeZone).
        office = lifts_at.astimezone(ZoneInfo("Europe/Brussels"))
        expect(banner).to_contain_text(f"{office:%H:%M} (Europe/Brussels)")
        journalist.goto(words["newsroom"])
        card = journalist.locator(".card", has_text=title)
        expect(card.get_by_test_id("embargo-badge")).to_be_visible()

        # Still nobody else: the journalist's answers were not shared.
        assert anonymous.request.get(path).status == 404

        # The lift: the worker's lift sends page.published; the portal hears it.
        portal.act("lift", slug)
        deadline = datetime.datetime.now() + datetime.timedelta(seconds=30)
        while anonymous.request.get(path).status != 200:
            assert datetime.datetime.now() < deadline, "the lift never reached"
            anonymous.wait_for_timeout(250)  # polling the portal, as expect() does
        anonymous.goto(path)
        expect(anonymous.locator("h1")).to_have_text(title)
        expect(anonymous.get_by_test_id("embargo-banner")).to_have_count(0)
        journalist.reload()
        expect(journalist.get_by_test_id("embargo-banner")).to_have_count(0)
    finally:
        context.close()
