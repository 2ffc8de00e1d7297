"""Registration's bad input, changing the password, deleting the account, and the
accounts in the admin."""

import pytest
from axes.models import AccessAttempt
from django.test import Client

from accounts.models import ResetCode, User
from tests.conftest import error_codes

from .conftest import PASSWORD, REGISTER, make_user, post_graphql, register_variables

pytestmark = pytest.mark.django_db

CHANGE = """mutation($current: String!, $new: String!) {
  changePassword(currentPassword: $current, newPassword: $new) { ok } }"""
DELETE = (
    """mutation($password: String!) { deleteAccount(password: $password) { ok } }"""
)
ME = "{ me { email } }"


def me(client):
    return post_graphql(client, ME).json()["data"]["me"]


def test_register_creates_an_unconfirmed_account(gql, mailoutbox):
    answer = gql(REGISTER, register_variables(email="  New.Reporter@Example.org "))
    assert answer["data"]["register"] == {
        "email": "new.reporter@example.org",
        "retryAfter": 60,
    }
    user = User.objects.get(email="new.reporter@example.org")
    assert not user.email_verified and user.terms_accepted_at is not None
    assert user.country.code == "SI" and user.media_type == "print"
    assert [message.to for message in mailoutbox] == [[user.email]]


@pytest.mark.parametrize(
    "overrides, code",
    [
        ({"email": "not-an-address"}, "INVALID_EMAIL"),
        ({"email": "a@b"}, "INVALID_EMAIL"),
        ({"email": "x" * 250 + "@example.org"}, "FIELD_TOO_LONG"),
        ({"firstName": "J" * 151}, "FIELD_TOO_LONG"),
        ({"organisation": "O" * 201}, "FIELD_TOO_LONG"),
        ({"password": "Aa1!" * 40}, "FIELD_TOO_LONG"),
        ({"firstName": "  "}, "INVALID_ARGUMENT"),
        ({"country": "XX"}, "INVALID_ARGUMENT"),
        ({"country": ""}, "INVALID_ARGUMENT"),
        ({"terms": False}, "TERMS_NOT_ACCEPTED"),
        ({"password": "weak"}, "WEAK_PASSWORD"),
        ({"newsletter": True, "topics": ["no-such-topic"]}, "UNKNOWN_TOPIC"),
    ],
)
def test_bad_registrations_write_nothing(gql, mailoutbox, overrides, code):
    answer = gql(REGISTER, register_variables(**overrides))
    assert error_codes(answer) == [code]
    assert answer["data"] == {"register": None}
    assert not User.objects.filter(organisation="Daily Planet").exists()
    assert mailoutbox == []


def test_a_second_registration_of_an_address_makes_nothing_and_tells_the_owner(
    gql, user, mailoutbox
):
    answer = gql(REGISTER, register_variables(email="JOURNALIST@example.org"))
    # The same answer as for a new address (tests/accounts/test_enumeration.py).
    assert answer == {"data": {"register": {"email": user.email, "retryAfter": 60}}}
    assert User.objects.filter(email__iexact=user.email).count() == 1
    assert [message.subject for message in mailoutbox] == [
        "Someone tried to register with your e-mail address"
    ]


def test_a_bad_media_type_is_a_validation_error(gql):
    query = REGISTER.replace("mediaType: PRINT", "mediaType: BLOG")
    answer = gql(query, register_variables())
    assert error_codes(answer) == ["GRAPHQL_VALIDATION_FAILED"]


def test_an_unknown_language_is_a_validation_error(gql, mailoutbox):
    # LanguageCode is an enum: the same mistake as locale: de on any query.
    answer = gql(REGISTER, register_variables(language="de"), status=None)
    assert error_codes(answer) == ["GRAPHQL_VALIDATION_FAILED"]
    assert not User.objects.filter(organisation="Daily Planet").exists()


def test_change_password_keeps_this_session_and_ends_the_others(user):
    laptop, phone = Client(), Client()
    laptop.force_login(user)
    phone.force_login(user)
    answer = post_graphql(
        laptop, CHANGE, {"current": PASSWORD, "new": "Changed-Passw0rd!"}
    ).json()
    assert answer == {"data": {"changePassword": {"ok": True}}}
    assert me(laptop) == {"email": user.email}
    assert me(phone) is None
    user.refresh_from_db()
    assert user.check_password("Changed-Passw0rd!")


def test_change_password_checks_the_current_one_and_the_rule(client, user):
    client.force_login(user)
    wrong = post_graphql(
        client, CHANGE, {"current": "Nope-Passw0rd!", "new": "Changed-Passw0rd!"}
    )
    assert error_codes(wrong.json()) == ["INVALID_CREDENTIALS"]
    weak = post_graphql(client, CHANGE, {"current": PASSWORD, "new": "weak"})
    assert error_codes(weak.json()) == ["WEAK_PASSWORD"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_signed_out_users_cannot_change_or_delete(gql):
    assert error_codes(gql(CHANGE, {"current": "a", "new": "b"})) == [
        "NOT_AUTHENTICATED"
    ]
    assert error_codes(gql(DELETE, {"password": "a"})) == ["NOT_AUTHENTICATED"]


def test_delete_account_needs_the_password(client, user):
    client.force_login(user)
    answer = post_graphql(client, DELETE, {"password": "Wrong-Passw0rd!"}).json()
    assert error_codes(answer) == ["INVALID_CREDENTIALS"]
    assert User.objects.filter(pk=user.pk).exists()


def test_delete_account_removes_personal_data(client, user, mailoutbox):
    from newsletter.models import Subscriber

    client.force_login(user)
    post_graphql(
        client,
        'mutation { requestPasswordReset(email: "journalist@example.org") { ok } }',
    )
    post_graphql(client, DELETE, {"password": "Wrong-Passw0rd!"})
    Subscriber.objects.create(email=user.email, status="confirmed", user=user)
    Subscriber.objects.create(email="journalist@example.org".upper(), status="pending")
    assert ResetCode.objects.filter(user=user).exists()
    assert AccessAttempt.objects.filter(username=user.email).exists()

    answer = post_graphql(client, DELETE, {"password": PASSWORD}).json()
    assert answer == {"data": {"deleteAccount": {"ok": True}}}
    assert not User.objects.filter(email__iexact=user.email).exists()
    assert not ResetCode.objects.exists()
    assert not Subscriber.objects.filter(email__iexact=user.email).exists()
    assert not AccessAttempt.objects.filter(username=user.email).exists()
    assert me(client) is None


def test_admin_lists_searches_and_exports_accounts(admin_client):
    make_user("first@example.org", organisation="Radio Lac")
    make_user("second@example.org", organisation="Daily Planet", country="FR")
    response = admin_client.get("/admin/accounts/", {"q": "Radio Lac"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "first@example.org" in content and "second@example.org" not in content

    response = admin_client.get("/admin/accounts/", {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="accounts.csv"' in response["Content-Disposition"]
    lines = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()
    assert (
        lines[0].lower().startswith("e-mail address,first name,last name,organisation")
    )
    assert any(
        line.startswith("second@example.org,Jana,Novak,Daily Planet") for line in lines
    )


def test_accounts_admin_is_for_administrators(client, user):
    client.force_login(user)
    assert client.get("/admin/accounts/").status_code in (302, 403)
