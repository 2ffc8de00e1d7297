"""Double opt-in over real SMTP, one-click unsubscribe (RFC 8058), and the
newsletter box of the registration form."""

import re

import pytest
from django.test import Client

from accounts.codes import issue_code
from accounts.models import CodePurpose, User
from newsletter.models import Subscriber
from tests.accounts.conftest import REGISTER, register_variables
from tests.conftest import error_codes

from .conftest import subscriber

pytestmark = pytest.mark.django_db

SUBSCRIBE = """mutation($email: String!, $language: LanguageCode!, $topics: [String!]) {
  subscribeNewsletter(email: $email, language: $language, topics: $topics) { ok } }"""
CONFIRM = """mutation($token: String!) {
  confirmSubscription(token: $token) {
    subscription { email language status topics { slug name } } } }"""
UNSUBSCRIBE = """mutation($token: String!) { unsubscribe(token: $token) { ok } }"""


def confirmation_token(delivered) -> str:
    links = re.findall(
        r"https?://\S+/newsletter/confirm\?token=([\w-]+)", delivered.text
    )
    assert len(links) == 1, delivered.text
    assert links[0] in delivered.html
    return links[0]


@pytest.mark.parametrize(
    "language, subject, topic_name",
    [
        ("en", "Confirm your subscription to the newsletter", "KFOR"),
        ("fr", "Confirmez votre abonnement à la lettre d'information", "KFOR"),
    ],
)
def test_double_opt_in(gql, smtp_server, language, subject, topic_name):
    address = f"reader.{language}@example.org"
    answer = gql(
        SUBSCRIBE, {"email": address, "language": language, "topics": ["kfor"]}
    )
    assert answer == {"data": {"subscribeNewsletter": {"ok": True}}}
    record = Subscriber.objects.get(email=address)
    assert record.status == "pending"

    delivered = smtp_server.last_to(address)
    assert delivered.subject == subject
    assert (
        f"http://localhost:3000/{language}/newsletter/confirm?token=" in delivered.text
    )
    token = confirmation_token(delivered)

    answer = gql(CONFIRM, {"token": token})
    assert answer["data"]["confirmSubscription"]["subscription"] == {
        "email": address,
        "language": language,
        "status": "CONFIRMED",
        "topics": [{"slug": "kfor", "name": topic_name}],
    }
    record.refresh_from_db()
    assert record.status == "confirmed" and record.confirmed_at


def test_an_invalid_confirmation_token_is_refused(gql):
    assert error_codes(gql(CONFIRM, {"token": "not-a-token"})) == ["INVALID_TOKEN"]


def test_subscribing_a_confirmed_address_again_sends_a_link_to_manage_it(
    gql, smtp_server
):
    """Issue 15: a confirmed subscriber who subscribed again got ``ok`` and no
    e-mail. Now the same answer (nothing tells the address is subscribed), no
    change, and its owner is e-mailed a link to change language and topics."""
    record = subscriber("loyal@example.org", language="en")
    record_token = record.token
    answer = gql(
        SUBSCRIBE, {"email": "Loyal@example.org", "language": "fr", "topics": ["kfor"]}
    )
    assert answer == {"data": {"subscribeNewsletter": {"ok": True}}}
    record.refresh_from_db()
    assert (record.status, record.language, record.token, record.all_topics) == (
        "confirmed",
        "en",
        record_token,
        True,
    )
    assert list(record.topics.all()) == []
    [delivered] = smtp_server.to("loyal@example.org")
    assert delivered.subject == "Your newsletter subscription"
    assert "http://localhost:3000/en/newsletter/preferences?token=" in delivered.text
    assert "http://localhost:3000/en/newsletter/unsubscribe?token=" in delivered.text
    assert "confirm?token=" not in delivered.text


@pytest.mark.parametrize(
    "variables, code",
    [
        ({"email": "no-at-sign", "language": "en"}, "INVALID_EMAIL"),
        ({"email": "x@example.org", "language": "de"}, "GRAPHQL_VALIDATION_FAILED"),
        (
            {"email": "x@example.org", "language": "en", "topics": ["nope"]},
            "UNKNOWN_TOPIC",
        ),
        ({"email": "x" * 300 + "@example.org", "language": "en"}, "FIELD_TOO_LONG"),
    ],
)
def test_bad_subscriptions_write_nothing(gql, mailoutbox, variables, code):
    assert error_codes(gql(SUBSCRIBE, variables, status=None)) == [code]
    assert not Subscriber.objects.exists()
    assert mailoutbox == []


def test_unsubscribe_with_the_token(gql):
    record = subscriber("leaving@example.org")
    assert gql(UNSUBSCRIBE, {"token": record.token}) == {
        "data": {"unsubscribe": {"ok": True}}
    }
    record.refresh_from_db()
    assert record.status == "unsubscribed" and record.unsubscribed_at
    assert error_codes(gql(UNSUBSCRIBE, {"token": "x" * 43})) == ["INVALID_TOKEN"]


def test_one_click_unsubscribe_rfc_8058():
    record = subscriber("oneclick@example.org", language="fr")
    url = f"/newsletter/unsubscribe/{record.token}/"
    mail_program = Client(enforce_csrf_checks=True)  # no cookies, no CSRF token

    # Opening the link (or a scanner fetching it) does not unsubscribe.
    page = mail_program.get(url)
    assert page.status_code == 200
    assert "Se désabonner" in page.content.decode()
    record.refresh_from_db()
    assert record.status == "confirmed"

    response = mail_program.post(
        url,
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    record.refresh_from_db()
    assert record.status == "unsubscribed"
    # Again: still fine (mail programs may retry).
    assert (
        mail_program.post(
            url,
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        ).status_code
        == 200
    )
    assert mail_program.post("/newsletter/unsubscribe/unknown/").status_code == 400


def test_the_unsubscribe_page_says_it_is_done_once_it_is():
    """Issue 15: opening the link again asked "Ne plus envoyer … ?" although the
    address was unsubscribed."""
    record = subscriber("parti@example.org", language="fr")
    url = f"/newsletter/unsubscribe/{record.token}/"
    Client().post(url)
    page = Client().get(url).content.decode()
    assert "Vous êtes désabonné" in page
    assert "Ne plus envoyer" not in page and "<form" not in page


def test_the_registration_box_subscribes_once_the_address_is_confirmed(gql):
    answer = gql(
        REGISTER,
        register_variables(newsletter=True, topics=["kfor"], language="fr"),
    )
    assert answer["data"]["register"]
    user = User.objects.get(email="new.reporter@example.org")
    record = Subscriber.objects.get(user=user)
    assert (record.status, record.language) == ("pending", "fr")
    assert [topic.slug for topic in record.topics.all()] == ["kfor"]

    code = issue_code(user, CodePurpose.EMAIL_CONFIRMATION)
    gql(
        'mutation($code: String!) { verifyEmail(email: "new.reporter@example.org", '
        "code: $code) { ok } }",
        {"code": code},
    )
    record.refresh_from_db()
    assert record.status == "confirmed"


def test_without_the_box_there_is_no_subscription(gql):
    gql(REGISTER, register_variables())
    assert not Subscriber.objects.exists()
