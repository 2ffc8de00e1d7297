"""System checks of the project's own settings (``manage.py check``)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, register

BASE_URL_SETTINGS = ("PUBLIC_BASE_URL", "CMS_BASE_URL")


@register()
def check_base_urls(app_configs=None, **kwargs) -> list[Error]:
    """Every URL in API answers is built on these (cms/public_urls.py): each must
    be an absolute http(s) URL (a path prefix is kept), with no query or
    fragment."""
    errors = []
    for name in BASE_URL_SETTINGS:
        value = getattr(settings, name, "")
        parts = urlsplit(value)
        if (
            parts.scheme not in ("http", "https")
            or not parts.netloc
            or parts.query
            or parts.fragment
        ):
            errors.append(
                Error(
                    f"{name} must be an absolute http(s) URL such as "
                    f"https://www.example.org (got {value!r}).",
                    id="cms.E001",
                )
            )
    return errors
