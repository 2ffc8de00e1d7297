"""Which search backend the portal uses, from the environment. Imported by the
settings, so it must not import Django models.

- ``SEARCH_BACKEND=database`` (default): the database's own full-text search,
  through ``search.backends`` (per-language stemming and accent folding on
  PostgreSQL; FTS5 with diacritics removed on SQLite).
- ``SEARCH_BACKEND=elasticsearch`` or ``opensearch``: an external cluster at
  ``SEARCH_URL`` (comma-separated URLs), index name ``SEARCH_INDEX``.
"""

from __future__ import annotations

import os

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


def search_backends(environ=None) -> dict:
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
