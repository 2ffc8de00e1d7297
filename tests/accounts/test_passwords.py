"""The password rule: each part on its own, with its own message in English and
French, wherever a password is set (GraphQL and the Wagtail admin)."""

import pytest
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils import translation

from accounts.models import User
from home.demo_admin import DEMO_ADMIN_PASSWORD
from tests.conftest import error_codes

from .conftest import REGISTER, register_variables


def failed_codes(password: str) -> list[str]:
    try:
        password_validation.validate_password(password)
    except ValidationError as error:
        return [item.code for item in error.error_list]
    return []


@pytest.mark.parametrize(
    "password, rule",
    [
        ("Short-Pw1!", "password_too_short"),
        ("Has a Space-12!", "password_has_spaces"),
        ("Has\tTab-12345!", "password_has_spaces"),
        ("all-lower-case-12!", "password_no_upper"),
        ("ALL-UPPER-CASE-12!", "password_no_lower"),
        ("No-Digits-At-All!", "password_no_digit"),
        ("NoSymbols12345abc", "password_no_symbol"),
    ],
)
def test_each_rule_is_reported_on_its_own(password, rule):
    assert failed_codes(password) == [rule]


@pytest.mark.parametrize(
    "password",
    [DEMO_ADMIN_PASSWORD, "Strong-Passw0rd!", "Élégant-Mot2Passe", "Aa1!Aa1!Aa1!"],
)
def test_strong_passwords_pass(password):
    assert failed_codes(password) == []


def test_every_broken_rule_is_listed():
    assert failed_codes("qzxw") == [
        "password_too_short",
        "password_no_upper",
        "password_no_digit",
        "password_no_symbol",
    ]


@pytest.mark.parametrize(
    "language, short, symbol, help_text",
    [
        (
            "en",
            "The password must be at least 12 characters long.",
            "The password must include a symbol, such as ! ? - # or %.",
            "The password must be at least 12 characters long, contain no spaces, "
            "and include upper- and lower-case letters, digits and symbols.",
        ),
        (
            "fr",
            "Le mot de passe doit comporter au moins 12 caractères.",
            "Le mot de passe doit inclure un symbole, comme ! ? - # ou %.",
            "Le mot de passe doit comporter au moins 12 caractères, sans espaces, "
            "inclure des lettres majuscules/minuscules, des chiffres et des symboles.",
        ),
    ],
)
def test_messages_in_both_languages(language, short, symbol, help_text):
    with translation.override(language):
        with pytest.raises(ValidationError) as raised:
            password_validation.validate_password("Abc1")
        assert short in raised.value.messages
        assert symbol in raised.value.messages
        assert help_text in password_validation.password_validators_help_texts()


@pytest.mark.django_db
def test_register_answers_weak_password_with_the_broken_rules(gql):
    answer = gql(REGISTER, register_variables(password="lowercase only"))
    assert error_codes(answer) == ["WEAK_PASSWORD"]
    extensions = answer["errors"][0]["extensions"]
    assert extensions["rules"] == [
        "password_has_spaces",
        "password_no_upper",
        "password_no_digit",
        "password_no_symbol",
    ]
    assert len(extensions["messages"]) == 4
    assert not User.objects.filter(email="new.reporter@example.org").exists()


@pytest.mark.django_db
def test_wagtail_admin_refuses_a_weak_password(admin_client):
    form = {
        "email": "editor@example.org",
        "first_name": "Ed",
        "last_name": "Itor",
        "password1": "weakpassword",
        "password2": "weakpassword",
    }
    response = admin_client.post("/admin/users/new/", form)
    assert response.status_code == 200
    assert (
        "The password must include an upper-case letter." in response.content.decode()
    )
    assert not User.objects.filter(email="editor@example.org").exists()

    strong = {**form, "password1": "Editor-Passw0rd!", "password2": "Editor-Passw0rd!"}
    response = admin_client.post("/admin/users/new/", strong)
    assert response.status_code == 302
    assert User.objects.get(email="editor@example.org").check_password(
        "Editor-Passw0rd!"
    )
