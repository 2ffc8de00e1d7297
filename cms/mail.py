"""Templated e-mails in the recipient's language, as HTML with a plain-text part.

Every e-mail the portal sends (account codes, newsletter confirmations and issues)
goes through here and through Django's e-mail backend: the console in development,
SMTP configured from the environment in production."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
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
        subject = render_to_string(f"{template}_subject.txt", context)
        text = render_to_string(f"{template}.txt", context)
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


def send_templated_email(*args: Any, **kwargs: Any) -> None:
    """Build (see build_templated_email) and send at once; errors propagate."""
    build_templated_email(*args, **kwargs).send()
