"""An accredited reader's answers are marked private for the GraphQL view (the
flag the view reads, cms/graphql/request_state.py), not an attribute nobody reads."""

import pytest
from django.test import RequestFactory

from cms.graphql.request_state import state_of
from embargo import readers


@pytest.mark.django_db
def test_a_reader_allowed_embargoed_pages_makes_the_answer_private(
    django_user_model, monkeypatch
):
    user = django_user_model.objects.create_user(
        email="desk@radio.example", password="x" * 16
    )
    monkeypatch.setattr(readers, "_checks", [lambda u: u.pk == user.pk])
    request = RequestFactory().get("/graphql/")
    request.user = user
    assert state_of(request).private is False
    assert readers.Reader(request).may_read_embargoed is True
    assert state_of(request).private is True
