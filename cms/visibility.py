"""Who may see a published page beyond Wagtail's own rules (live, not under a view
restriction): the hooks other apps register, asked by every path that hands pages
out. cms names no app; the embargo app (embargo/wagtail_hooks.py) answers.

- ``filter_visible_pages(queryset) -> queryset``: what the current reader may see
  (the API's lists and lookups, stock fields, search, page serving).
- ``hidden_page_paths() -> [path]``: the tree paths of pages the current reader
  may not see, for search statements written in SQL.
- ``is_page_withheld(page) -> bool``: not yet for everyone, whoever asks:
  webhooks, newsletters, feeds and anything else sent to the public.
"""

from __future__ import annotations

from wagtail import hooks


def visible_pages(queryset):
    for restrict in hooks.get_hooks("filter_visible_pages"):
        queryset = restrict(queryset)
    return queryset


def hidden_page_paths() -> list[str]:
    return [path for paths in hooks.get_hooks("hidden_page_paths") for path in paths()]


def is_withheld(page) -> bool:
    return any(withheld(page) for withheld in hooks.get_hooks("is_page_withheld"))
