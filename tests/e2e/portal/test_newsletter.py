"""The newsletter's e-mail links lead to the portal (FRONTEND_BASE_URL): sign up,
confirm from the e-mail, change language and topics from the "manage" e-mail's
signed link, unsubscribe from its link; in French and in English, the links read
from the messages the CMS sent to the SMTP server on loopback."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ..conftest import graphql
from .test_journeys import LANGS, wait_for_mail

PREFERENCES = """query($t: String!) { newsletterPreferences(token: $t) {
  language status allTopics topics { slug } } }"""


def link(message, kind: str, portal, lang: str) -> str:
    [found] = set(
        re.findall(rf"https?://\S+/newsletter/{kind}\?token=[\w:.-]+", message.text)
    )
    assert found.startswith(f"{portal.url}/{lang}/newsletter/{kind}?token="), found
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_sign_up_confirm_change_preferences_unsubscribe(lang, portal, visit):
    other = "en" if lang == "fr" else "fr"
    page = visit(lang)
    email = f"follower-{lang}@journal.example"
    page.goto(f"/{lang}/newsletter/")
    page.locator("#nl-email").fill(email)
    page.locator("input[name=topics]").first.check()
    page.locator("[data-testid=newsletter-form] button[type=submit]").click()
    expect(page.get_by_test_id("newsletter-done")).to_be_visible()

    page.goto(
        link(wait_for_mail(page, portal.mailbox, email, 1), "confirm", portal, lang)
    )
    expect(page.get_by_test_id("newsletter-confirmed")).to_be_visible()

    # Asking again for a confirmed address: a "manage your preferences" e-mail.
    page.goto(f"/{lang}/newsletter/")
    page.locator("#nl-email").fill(email)
    page.locator("[data-testid=newsletter-form] button[type=submit]").click()
    expect(page.get_by_test_id("newsletter-done")).to_be_visible()
    manage = wait_for_mail(page, portal.mailbox, email, 2)
    preferences = link(manage, "preferences", portal, lang)
    page.goto(preferences)
    form = page.get_by_test_id("newsletter-preferences")
    expect(form).to_contain_text(email)
    topics = form.locator("input[name=topics]")
    expect(topics.first).to_be_checked()
    # Neither all topics nor one: said in the page's language, nothing sent.
    topics.first.uncheck()
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("newsletter-error")).to_be_visible()
    topics.nth(1).check()
    topics.nth(2).check()
    form.locator("#nl-language").select_option(other)
    form.locator("button[type=submit]").click()
    expect(page.get_by_test_id("newsletter-saved")).to_be_visible()
    chosen = sorted(
        [topics.nth(1).get_attribute("value"), topics.nth(2).get_attribute("value")]
    )
    token = preferences.split("token=")[1]
    saved = graphql(portal.cms, PREFERENCES, {"t": token})["newsletterPreferences"]
    assert saved["language"] == other and saved["allTopics"] is False
    assert sorted(topic["slug"] for topic in saved["topics"]) == chosen

    # Unsubscribing: a button, then the done page (no token in the address).
    page.goto(link(manage, "unsubscribe", portal, lang))
    page.locator("main button").click()
    expect(page.get_by_test_id("newsletter-unsubscribed")).to_be_visible()
    assert "token=" not in page.url
    page.reload()
    expect(page.get_by_test_id("newsletter-unsubscribed")).to_be_visible()
    # The preferences link ends with the subscription.
    page.goto(preferences)
    expect(page.get_by_test_id("newsletter-error")).to_be_visible()
