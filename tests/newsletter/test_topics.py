"""Issue 15: an issue goes to the confirmed subscribers of its language who follow
its topics (or a topic above them) or chose all topics; the rest are counted as
skipped. Preferences change through the signed link of every issue, without
signing in, and from the account."""

from __future__ import annotations

import re

import pytest
from django.core import signing
from django.test import Client

from newsletter.models import NewsletterIssue, NewsletterIssueItem, Subscriber
from newsletter.sending import preferences_url, send_issue
from newsletter.subscriptions import preferences_token
from newsroom.models import PressReleasePage, Topic
from tests.accounts.conftest import make_user, post_graphql
from tests.conftest import error_codes

from .conftest import subscriber

pytestmark = pytest.mark.django_db

PREFERENCES = """query($token: String!) { newsletterPreferences(token: $token) {
  email language status allTopics topics { slug } } }"""
UPDATE_PREFERENCES = """mutation($token: String!, $language: LanguageCode!,
    $topics: [String!], $all: Boolean!) {
  updateNewsletterPreferences(token: $token, language: $language, topics: $topics,
      allTopics: $all) { subscription { language allTopics topics { slug name } } } }"""
MY_NEWSLETTER = (
    """{ myNewsletter { email language status allTopics topics { slug } } }"""
)
UPDATE_MINE = """mutation($language: LanguageCode!, $topics: [String!], $all: Boolean!,
    $subscribed: Boolean) {
  updateMyNewsletter(language: $language, topics: $topics, allTopics: $all,
      subscribed: $subscribed) {
    subscription { email language status allTopics topics { slug } } } }"""


def topic(slug: str, language: str = "en") -> Topic:
    return Topic.objects.get(slug=slug, locale__language_code=language)


def follower(email: str, *slugs: str, language: str = "en", **fields) -> Subscriber:
    record = subscriber(email, language)
    if slugs or fields:
        record.all_topics = fields.get("all_topics", False)
        record.save()
        record.topics.set([topic(slug, language) for slug in slugs])
    return record


@pytest.fixture
def readers():
    """One reader per way of following (demo topics: Western Balkans > Kosovo >
    KFOR; Peacekeeping at the top)."""
    return {
        "all": follower("all@example.org"),
        "balkans": follower("balkans@example.org", "western-balkans"),
        "kosovo": follower("kosovo@example.org", "kosovo"),
        "kfor": follower("kfor@example.org", "kfor"),
        "peace": follower("peace@example.org", "peacekeeping"),
        "french": follower("fr@example.org", "kosovo", language="fr"),
    }


def recipients(smtp_server) -> set[str]:
    return {address for m in smtp_server.delivered for address in m.recipients}


def test_an_issue_on_a_topic_goes_to_its_followers_and_those_of_the_topics_above(
    make_issue, smtp_server, readers
):
    issue = make_issue("en", releases=1)
    issue.topics.set([topic("kosovo")])

    result = send_issue.enqueue(issue.pk).return_value
    # KFOR (below Kosovo) and Peacekeeping readers are skipped; French is another
    # language's audience, not counted.
    assert result == {"sent": 3, "failed": 0, "skipped": 2}
    assert recipients(smtp_server) == {
        "all@example.org",
        "balkans@example.org",
        "kosovo@example.org",
    }
    issue.refresh_from_db()
    assert issue.skipped_count == 2 and issue.status == "sent"


def test_an_issue_on_a_subtopic_reaches_every_level_above(
    make_issue, smtp_server, readers
):
    issue = make_issue("en", releases=1)
    issue.topics.set([topic("kfor"), topic("peacekeeping")])
    assert send_issue.enqueue(issue.pk).return_value["skipped"] == 0
    assert recipients(smtp_server) == {
        f"{key}@example.org" for key in ("all", "balkans", "kosovo", "kfor", "peace")
    }


def test_without_chosen_topics_the_items_topics_decide(
    make_issue, smtp_server, readers
):
    issue = make_issue("en", releases=0)
    release = next(
        page
        for page in PressReleasePage.objects.live().filter(
            locale__language_code="en", release_topics__topic__slug="kfor"
        )
        if "peacekeeping" not in {link.topic.slug for link in page.release_topics.all()}
    )
    NewsletterIssueItem.objects.create(issue=issue, page=release, sort_order=0)
    send_issue.enqueue(issue.pk)
    assert {"balkans@example.org", "kosovo@example.org", "kfor@example.org"} <= (
        recipients(smtp_server)
    )
    assert "peace@example.org" not in recipients(smtp_server)


def test_an_issue_with_no_topic_goes_to_everyone_of_its_language(make_issue, readers):
    issue = NewsletterIssue.objects.create(language="en", subject="General")
    assert set(issue.recipients()) == {
        readers[key] for key in ("all", "balkans", "kosovo", "kfor", "peace")
    }


def test_the_admin_shows_recipients_and_skipped(admin_client, make_issue, readers):
    issue = make_issue("en")
    issue.topics.set([topic("kosovo")])
    page = admin_client.get(f"/admin/newsletter/issues/{issue.pk}/send/")
    content = page.content.decode()
    assert "3 confirmed subscribers" in content
    assert "2 confirmed subscribers of the language follow other topics" in content
    admin_client.post(f"/admin/newsletter/issues/{issue.pk}/send/")
    listing = admin_client.get("/admin/newsletter/issues/").content.decode()
    assert "Skipped (other topics)" in listing
    issue.refresh_from_db()
    assert issue.skipped_count == 2
    assert issue.delivery_counts()["sent"] == 3


def preferences_link(text: str) -> str:
    links = re.findall(r"/newsletter/preferences\?token=(\S+)", text)
    assert len(links) == 1, text
    return links[0]


def test_every_issue_carries_a_signed_link_that_changes_preferences(
    make_issue, smtp_server, gql
):
    reader = follower("reader@example.org", "kfor")
    issue = make_issue("en")
    issue.topics.set([topic("kfor")])
    send_issue.enqueue(issue.pk)
    delivered = smtp_server.last_to("reader@example.org")
    token = preferences_link(delivered.text)
    assert token in delivered.html

    anonymous = gql(PREFERENCES, {"token": token})["data"]["newsletterPreferences"]
    assert anonymous == {
        "email": "reader@example.org",
        "language": "en",
        "status": "CONFIRMED",
        "allTopics": False,
        "topics": [{"slug": "kfor"}],
    }
    answer = gql(
        UPDATE_PREFERENCES,
        {"token": token, "language": "fr", "topics": ["kosovo"], "all": False},
    )
    assert answer["data"]["updateNewsletterPreferences"]["subscription"] == {
        "language": "fr",
        "allTopics": False,
        "topics": [{"slug": "kosovo", "name": "Kosovo"}],
    }
    reader.refresh_from_db()
    assert reader.language == "fr"
    assert [t.locale.language_code for t in reader.topics.all()] == ["fr"]

    # Neither topics nor all topics is refused; nothing changes.
    answer = gql(
        UPDATE_PREFERENCES,
        {"token": token, "language": "en", "topics": [], "all": False},
        status=None,
    )
    assert error_codes(answer) == ["INVALID_ARGUMENT"]
    reader.refresh_from_db()
    assert reader.language == "fr"


def test_a_forged_expired_or_ended_link_is_refused(gql, settings):
    reader = follower("reader@example.org", "kfor")
    good = preferences_token(reader)
    forged = signing.dumps({"s": reader.pk, "k": "0" * 16}, salt="other")
    variables = {"language": "en", "topics": [], "all": True}
    for token in (forged, good[:-2] + "xx", "", "x" * 500):
        answer = gql(UPDATE_PREFERENCES, {"token": token, **variables}, status=None)
        assert error_codes(answer) == ["INVALID_TOKEN"]
    settings.NEWSLETTER_PREFERENCES_LINK_DAYS = -1  # every link is too old
    answer = gql(PREFERENCES, {"token": good}, status=None)
    assert error_codes(answer) == ["INVALID_TOKEN"]
    settings.NEWSLETTER_PREFERENCES_LINK_DAYS = 365
    Client().post(f"/newsletter/unsubscribe/{reader.token}/")
    answer = gql(PREFERENCES, {"token": good}, status=None)
    assert error_codes(answer) == ["INVALID_TOKEN"]
    reader.refresh_from_db()
    assert reader.status == "unsubscribed" and reader.all_topics is False


def test_the_manage_email_link_works(gql, smtp_server):
    follower("loyal@example.org", "kfor")
    gql(
        """mutation { subscribeNewsletter(email: "loyal@example.org", language: en)
        { ok } }"""
    )
    token = preferences_link(smtp_server.last_to("loyal@example.org").text)
    answer = gql(UPDATE_PREFERENCES, {"token": token, "language": "en", "all": True})
    assert answer["data"]["updateNewsletterPreferences"]["subscription"]["allTopics"]


def test_my_newsletter_from_the_account(client):
    user = make_user("jana@example.org")
    client.force_login(user)

    def run(query, variables=None):
        return post_graphql(client, query, variables).json()

    assert run(MY_NEWSLETTER) == {"data": {"myNewsletter": None}}
    answer = run(UPDATE_MINE, {"language": "fr", "topics": ["kfor"], "all": False})
    assert "errors" not in answer, answer
    mine = answer["data"]["updateMyNewsletter"]["subscription"]
    # The account's address is confirmed: no double opt-in.
    assert mine == {
        "email": "jana@example.org",
        "language": "fr",
        "status": "CONFIRMED",
        "allTopics": False,
        "topics": [{"slug": "kfor"}],
    }
    assert run(MY_NEWSLETTER)["data"]["myNewsletter"] == mine
    record = Subscriber.objects.get(email="jana@example.org")
    assert record.user == user

    answer = run(UPDATE_MINE, {"language": "fr", "all": False, "subscribed": False})
    assert answer["data"]["updateMyNewsletter"]["subscription"]["status"] == (
        "UNSUBSCRIBED"
    )
    answer = run(UPDATE_MINE, {"language": "en", "all": True})
    assert answer["data"]["updateMyNewsletter"]["subscription"]["status"] == (
        "CONFIRMED"
    )
    assert error_codes(
        run(UPDATE_MINE, {"language": "en", "topics": ["nope"], "all": True})
    ) == ["UNKNOWN_TOPIC"]


def test_my_newsletter_needs_a_sign_in(client):
    assert error_codes(post_graphql(client, MY_NEWSLETTER).json()) == [
        "NOT_AUTHENTICATED"
    ]
    answer = post_graphql(client, UPDATE_MINE, {"language": "en", "all": True})
    assert error_codes(answer.json()) == ["NOT_AUTHENTICATED"]
    assert not Subscriber.objects.exists()


def test_a_subscription_by_address_shows_in_the_account(client):
    follower("jana@example.org", "kosovo")
    client.force_login(make_user("jana@example.org"))
    mine = post_graphql(client, MY_NEWSLETTER).json()["data"]["myNewsletter"]
    assert mine["topics"] == [{"slug": "kosovo"}] and mine["allTopics"] is False
    assert preferences_url(Subscriber.objects.get()).startswith(
        "http://localhost:3000/en/newsletter/preferences?token="
    )
