"""Where the newsletter's e-mail links lead: with FRONTEND_BASE_URL (`make run`
and the portal's browser tests set it) to the portal's
/<language>/newsletter/confirm|preferences|unsubscribe pages; without it to the
CMS's own pages, which work on their own (confirm, change language and topics,
unsubscribe). The one-click List-Unsubscribe address is always the CMS's."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

from newsletter.models import Subscriber
from newsletter.sending import send_issue, send_manage_link

pytestmark = pytest.mark.django_db

SUBSCRIBE = """mutation($email: String!, $language: LanguageCode!, $topics: [String!]) {
  subscribeNewsletter(email: $email, language: $language, topics: $topics) { ok } }"""

PORTAL = "https://portal.example.org"
CMS = "http://localhost:8000"


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


def only(found: list[str], part: str) -> str:
    [link] = {link for link in found if part in link}
    return link


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_link_leads_to_the_portal_when_it_is_set(
    gql, smtp_server, make_issue, settings, language
):
    settings.FRONTEND_BASE_URL = PORTAL + "/"
    address = f"portal-{language}@example.org"
    gql(SUBSCRIBE, {"email": address, "language": language, "topics": ["kfor"]})
    record = Subscriber.objects.get(email=address)
    confirm = only(links(smtp_server.last_to(address).text), "confirm")
    assert confirm == f"{PORTAL}/{language}/newsletter/confirm?token={record.token}"

    record.status = Subscriber.Status.CONFIRMED
    record.all_topics = True  # the issue's topics are its releases'
    record.save()
    send_manage_link.enqueue(record.pk)
    issue = make_issue(language, releases=1)
    send_issue.enqueue(issue.pk)
    manage, sent = smtp_server.to(address)[-2:]
    for message in (manage, sent):
        for part in (message.text, message.html):
            found = links(part)
            assert only(found, "preferences").startswith(
                f"{PORTAL}/{language}/newsletter/preferences?token="
            )
            assert only(found, "unsubscribe") == (
                f"{PORTAL}/{language}/newsletter/unsubscribe?token={record.token}"
            )
    # Mail programs' one-click button POSTs to the CMS, which needs no portal.
    assert str(sent.message["List-Unsubscribe"]).strip() == (
        f"<{CMS}/newsletter/unsubscribe/{record.token}/>"
    )


def test_without_a_portal_the_links_lead_to_the_cms_pages(
    gql, smtp_server, make_issue, settings
):
    settings.FRONTEND_BASE_URL = ""
    address = "cms-only@example.org"
    gql(SUBSCRIBE, {"email": address, "language": "fr", "topics": ["kfor"]})
    record = Subscriber.objects.get(email=address)
    confirm = only(links(smtp_server.last_to(address).text), "confirm")
    assert confirm == f"{CMS}/newsletter/confirm/{record.token}/"

    browser = Client(enforce_csrf_checks=True)
    page = browser.get(urlsplit(confirm).path)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"] and page["X-Robots-Tag"] == "noindex"
    html = page.content.decode()
    assert '<html lang="fr">' in html and "Confirmer mon abonnement" in html
    record.refresh_from_db()
    assert record.status == "pending"  # opening the link (a scanner) does nothing
    token = browser.cookies["csrftoken"].value
    page = browser.post(urlsplit(confirm).path, {"csrfmiddlewaretoken": token})
    assert "Votre abonnement est confirmé" in page.content.decode()
    record.refresh_from_db()
    assert record.status == "confirmed"

    Subscriber.objects.filter(pk=record.pk).update(all_topics=True)
    send_issue.enqueue(make_issue("fr", releases=1).pk)
    found = links(smtp_server.last_to(address).text)
    assert only(found, "unsubscribe") == f"{CMS}/newsletter/unsubscribe/{record.token}/"
    preferences = only(found, "preferences")
    assert preferences.startswith(f"{CMS}/newsletter/preferences/")

    # Change language and topics on the CMS's form, no sign-in.
    path = urlsplit(preferences).path
    html = browser.get(path).content.decode()
    assert "Gérer mes préférences" in html and 'value="kfor" checked' in html
    answer = browser.post(
        path,
        {"csrfmiddlewaretoken": token, "language": "en", "topics": ["kfor", "nope"]},
    )
    assert answer.status_code == 200
    record.refresh_from_db()
    assert (record.language, record.all_topics) == ("en", False)
    assert [t.locale.language_code for t in record.topics.all()] == ["en"]
    assert 'lang="en"' in browser.get(path).content.decode()

    # Neither topics nor all topics: refused, nothing changed.
    answer = browser.post(path, {"csrfmiddlewaretoken": token, "language": "fr"})
    assert answer.status_code == 400
    record.refresh_from_db()
    assert record.language == "en" and record.topics.count() == 1

    # Unsubscribed: the preferences link ends, the unsubscribe page says it's done.
    browser.post(urlsplit(only(found, "unsubscribe")).path)
    assert browser.get(path).status_code == 400
    record.refresh_from_db()
    assert record.status == "unsubscribed"


@pytest.mark.parametrize(
    "path", ["/newsletter/confirm/nope/", "/newsletter/preferences/nope:forged/"]
)
def test_a_bad_link_is_a_clear_page_not_an_error(path):
    page = Client().get(path)
    assert page.status_code == 400
    assert "not valid" in page.content.decode()
