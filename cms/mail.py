"""Templated e-mails in the recipient's language, as HTML with a plain-text part.

Every e-mail the portal sends (account codes, newsletter confirmations and issues)
goes through here and through Django's e-mail backend: the console in development,
SMTP configured from the environment in production.

Subjects and plain-text bodies are rendered with autoescaping off, whatever their
templates say: HTML escaping belongs to HTML, and in text it shows as
``Lettre d&#x27;information``. Only the ``.html`` part is escaped."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


def build_templated_email(
    template: str,
    to: str,
    language: str,
    context: Mapping[str, Any] | None = None,
    *,
    headers: Mapping[str, str] | None = None,
    connection=None,
) -> EmailMultiAlternatives:
    """The message made of ``<template>_subject.txt``, ``<template>.txt`` and
    ``<template>.html``, rendered with ``language`` active."""
    context = {"language": language, **(context or {})}
    with translation.override(language):
        subject = render_text(f"{template}_subject.txt", context)
        text = render_text(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),  # one line, whatever the template did
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=dict(headers or {}),
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def render_text(template_name: str, context: Mapping[str, Any]) -> str:
    """A text template rendered without HTML autoescaping (an e-mail subject or
    plain-text body): the engine's own setting is for HTML."""
    template = get_template(template_name).template  # the engine's Template
    return template.render(Context(dict(context), autoescape=False))


def send_templated_email(*args: Any, **kwargs: Any) -> None:
    """Build (see build_templated_email) and send at once; errors propagate."""
    build_templated_email(*args, **kwargs).send()
