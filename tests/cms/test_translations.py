"""The French interface catalogs (the project's and each app's own) are complete
and their compiled forms are current."""

from pathlib import Path

import polib
import pytest
from django.utils import translation
from django.utils.translation import gettext

ROOT = Path(__file__).resolve().parents[2]
# The project's catalog (locale/) and each app's own (<app>/locale/).
CATALOGS = sorted(ROOT.glob("*/locale/fr/LC_MESSAGES/django.po")) + [
    ROOT / "locale" / "fr" / "LC_MESSAGES" / "django.po"
]


@pytest.mark.parametrize(
    "catalog", CATALOGS, ids=[str(c.relative_to(ROOT)) for c in CATALOGS]
)
def test_every_message_is_translated_and_compiled(catalog: Path):
    po = polib.pofile(str(catalog))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    compiled = {
        entry.msgid: entry.msgstr
        for entry in polib.mofile(str(catalog.with_suffix(".mo")))
    }
    for entry in po.translated_entries():
        assert compiled.get(entry.msgid) == entry.msgstr, entry.msgid


def test_french_messages_are_served():
    with translation.override("fr"):
        assert gettext("This slug is already used in this language.") == (
            "Ce slug est déjà utilisé dans cette langue."
        )
        assert gettext("press release") == "communiqué de presse"
