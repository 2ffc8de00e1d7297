"""The ``locale`` argument every query takes, and date arguments.

Languages are a closed set, from ``settings.WAGTAIL_CONTENT_LANGUAGES``: the
``LanguageCode`` enum (``en``, ``fr``). A value outside it fails validation before
anything runs; a language that is configured but has no content yet answers
``UNKNOWN_LOCALE``."""

from __future__ import annotations

import datetime

import graphene
from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from .errors import InvalidArgument, UnknownLocale


def content_language_codes() -> list[str]:
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


# Named LanguageCode: grapple and wagtail-localize own "Locale"-like names.
LanguageCode = graphene.Enum(
    "LanguageCode",
    [(code.replace("-", "_"), code) for code in content_language_codes()],
    description="A content language (settings.WAGTAIL_CONTENT_LANGUAGES).",
)


def language_code(value) -> str | None:
    """The code of a LanguageCode argument (graphene passes the enum member)."""
    return getattr(value, "value", value)


def locale_argument(**kwargs) -> graphene.Argument:
    kwargs.setdefault(
        "description", f"Content language (default: {settings.LANGUAGE_CODE})."
    )
    return graphene.Argument(LanguageCode, **kwargs)


def locale_field(**kwargs) -> graphene.Field:
    return graphene.Field(LanguageCode, required=True, **kwargs)


def date_arguments() -> dict:
    """``dateFrom``/``dateTo``: calendar dates (YYYY-MM-DD), both inclusive."""
    return {
        "date_from": graphene.Date(description="First day, inclusive."),
        "date_to": graphene.Date(description="Last day, inclusive."),
    }


def resolve_locale(code) -> Locale:
    """The Locale for ``code`` (default: the site's default language)."""
    code = (language_code(code) or settings.LANGUAGE_CODE).strip().lower()
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


def activate_locale(code) -> Locale:
    """Resolve ``code`` and make it the active language for the rest of this root
    field, so rich text links resolve to pages of the same language. (Root fields
    of a query complete one after another; the view restores the language.)"""
    locale = resolve_locale(code)
    translation.activate(locale.language_code)
    return locale


def day_start(day: datetime.date) -> datetime.datetime | None:
    """The first instant of ``day`` in the current time zone, or None when the
    day is at the edge of what a datetime holds (then there is no bound)."""
    try:
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        start.astimezone(datetime.UTC)  # what the database is sent
    except OverflowError:
        return None
    return start


def date_range(
    date_from: datetime.date | None, date_to: datetime.date | None
) -> dict[str, datetime.datetime]:
    """Lookups on a datetime field ``date`` for ``dateFrom``..``dateTo`` (both
    inclusive) as a half-open range, [first instant of dateFrom, first instant of
    the day after dateTo): a range of the date index, where ``date__date`` casts
    every row's value and reads none of it from the index."""
    lookups = {}
    start = day_start(date_from) if date_from else None
    if start is not None:
        lookups["date__gte"] = start
    if date_to:
        try:
            end = day_start(date_to + datetime.timedelta(days=1))
        except OverflowError:  # 9999-12-31: no end
            end = None
        if end is not None:
            lookups["date__lt"] = end
    return lookups


def check_date_range(
    date_from: datetime.date | None, date_to: datetime.date | None
) -> None:
    if date_from and date_to and date_from > date_to:
        raise InvalidArgument(
            _("dateFrom must not be after dateTo."),
            argument="dateFrom",
            reason="INVALID_DATE_RANGE",
        )
