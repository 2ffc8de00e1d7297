"""The ``locale`` argument every query takes, and date arguments."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .errors import InvalidArgument, UnknownLocale


def content_language_codes() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def resolve_locale(code: str | None) -> Locale:
    """The Locale for ``code`` (default: the site's default language)."""
    code = (code or settings.LANGUAGE_CODE).strip().lower()
    if code not in content_language_codes():
        raise UnknownLocale(
            _("Unknown locale “%(code)s”. Use one of: %(codes)s.")
            % {"code": code[:20], "codes": ", ".join(content_language_codes())},
            argument="locale",
        )
    try:
        return Locale.objects.get(language_code=code)
    except Locale.DoesNotExist:
        raise UnknownLocale(
            _("The locale “%(code)s” has no content yet.") % {"code": code},
            argument="locale",
        ) from None


def activate_locale(code: str | None) -> Locale:
    """Resolve ``code`` and make it the active language for the rest of this root
    field, so rich text links resolve to pages of the same language. (Root fields
    of a query complete one after another; the view restores the language.)"""
    locale = resolve_locale(code)
    translation.activate(locale.language_code)
    return locale


def parse_date(value: str | None, argument: str) -> datetime.date | None:
    """A calendar date, ``YYYY-MM-DD``; anything else is a coded error."""
    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise InvalidArgument(
            _("“%(value)s” is not a date: use the YYYY-MM-DD form, e.g. 2023-09-07.")
            % {"value": str(value)[:40]},
            argument=argument,
            reason="INVALID_DATE",
        ) from None


def check_date_range(
    date_from: datetime.date | None, date_to: datetime.date | None
) -> None:
    if date_from and date_to and date_from > date_to:
        raise InvalidArgument(
            _("dateFrom must not be after dateTo."),
            argument="dateFrom",
            reason="INVALID_DATE_RANGE",
        )
