"""Which search backend the portal uses, from the environment (the ``SEARCH_*``
variables, which the settings pass on as the backend's ``ENVIRONMENT``). Read when
the backend is made (search/backends/) and checked when the app starts
(search/apps.py), so that a wrong value stops the process at once.

- ``SEARCH_BACKEND=database`` (default): the database's own full-text search,
  through ``search.backends`` (per-language stemming and accent folding on
  PostgreSQL; FTS5 with diacritics removed on SQLite).
- ``SEARCH_BACKEND=elasticsearch`` or ``opensearch``: an external cluster at
  ``SEARCH_URL`` (comma-separated URLs), index name ``SEARCH_INDEX``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

# PostgreSQL text search configurations created by search/migrations/0001: the
# language's stemmer with accents folded (unaccent), per content language.
POSTGRES_CONFIGS = {"en": "english_unaccent", "fr": "french_unaccent"}
POSTGRES_AUTOCOMPLETE_CONFIG = "simple_unaccent"

EXTERNAL_BACKENDS = {
    "elasticsearch": "wagtail.search.backends.elasticsearch8",
    "elasticsearch7": "wagtail.search.backends.elasticsearch7",
    "elasticsearch8": "wagtail.search.backends.elasticsearch8",
    "elasticsearch9": "wagtail.search.backends.elasticsearch9",
    "opensearch": "wagtail.search.backends.opensearch3",
    "opensearch2": "wagtail.search.backends.opensearch2",
    "opensearch3": "wagtail.search.backends.opensearch3",
}


def search_backends(environ: Mapping[str, str] | None = None) -> dict:
    """The value of ``WAGTAILSEARCH_BACKENDS``."""
    environ = os.environ if environ is None else environ
    kind = (environ.get("SEARCH_BACKEND") or "database").strip().lower()
    if kind == "database":
        return {
            "default": {
                "BACKEND": "search.backends",
                "LOCALE_CONFIGS": POSTGRES_CONFIGS,
                "SEARCH_CONFIG": POSTGRES_CONFIGS["en"],
                "AUTOCOMPLETE_CONFIG": POSTGRES_AUTOCOMPLETE_CONFIG,
            }
        }
    if kind not in EXTERNAL_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={kind!r} is not one of: database, "
            + ", ".join(sorted(EXTERNAL_BACKENDS))
        )
    urls = [u.strip() for u in environ.get("SEARCH_URL", "").split(",") if u.strip()]
    if not urls:
        raise ImproperlyConfigured(f"SEARCH_BACKEND={kind} needs SEARCH_URL.")
    return {
        "default": {
            "BACKEND": EXTERNAL_BACKENDS[kind],
            "URLS": urls,
            "INDEX": environ.get("SEARCH_INDEX", "portal"),
            "TIMEOUT": int(environ.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }


def backend_params(params: dict) -> tuple[str, dict]:
    """The module of the backend to make and its parameters, from the parameters
    Wagtail passes (the setting's, without ``BACKEND``)."""
    params = dict(params)
    chosen = dict(search_backends(params.pop("ENVIRONMENT", {}))["default"])
    path = chosen.pop("BACKEND")
    return path, {**params, **chosen}


def check_settings(setting: dict) -> None:
    """Raises ImproperlyConfigured when ``WAGTAILSEARCH_BACKENDS`` names this
    backend with ``SEARCH_*`` variables it cannot use."""
    for params in setting.values():
        if params.get("BACKEND") == "search.backends":
            search_backends(params.get("ENVIRONMENT", {}))
