"""The models the kit links pages to, by label (as cross-app references are made):
the kit sits below ``newsroom.models``, which uses it, so it never imports it."""

from __future__ import annotations

from django.apps import apps
from django.db import models

PERSON = "newsroom.Person"
TOPIC = "newsroom.Topic"


def person_model() -> type[models.Model]:
    return apps.get_model(PERSON)


def topic_model() -> type[models.Model]:
    return apps.get_model(TOPIC)
