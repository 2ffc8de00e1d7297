"""The French interface catalog is complete and its compiled form is current."""

from pathlib import Path

import polib
from django.utils import translation
from django.utils.translation import gettext

CATALOG = Path(__file__).resolve().parents[2] / "locale" / "fr" / "LC_MESSAGES"


def test_every_message_is_translated_and_compiled():
    po = polib.pofile(str(CATALOG / "django.po"))
    assert po.untranslated_entries() == [] and po.fuzzy_entries() == []
    compiled = {
        entry.msgid: entry.msgstr for entry in polib.mofile(str(CATALOG / "django.mo"))
    }
    for entry in po.translated_entries():
        assert compiled.get(entry.msgid) == entry.msgstr, entry.msgid


def test_french_messages_are_served():
    with translation.override("fr"):
        assert gettext("This slug is already used in this language.") == (
            "Ce slug est déjà utilisé dans cette langue."
        )
        assert gettext("press release") == "communiqué de presse"
