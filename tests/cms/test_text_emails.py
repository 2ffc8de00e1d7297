"""Issue 15: e-mail subjects and plain-text bodies are text, never HTML-escaped.

The audit covers every text template of every e-mail in the project (whatever app
adds one later): each is rendered through cms/mail.py with every variable it uses
set to text full of characters HTML would escape."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from cms.mail import build_templated_email

HOSTILE = "Lettre d'information <l'été & \"vous\">"
ESCAPES = ("&#x27;", "&#39;", "&lt;", "&gt;", "&amp;", "&quot;")


class Hostile:
    """Shows as HOSTILE; its every attribute (``issue.subject``, ``page.title``,
    ``user.get_full_name``) is itself, and it iterates once (``{% for topic in
    topics %}``). Not a str: a str's own methods (``title``) would answer first."""

    def __getattr__(self, name: str) -> Hostile:
        if name.startswith("__"):
            raise AttributeError(name)
        return self

    def __iter__(self):
        yield self

    def __str__(self) -> str:
        return HOSTILE


def email_templates() -> list[Path]:
    """The ``<name>_subject.txt`` of every e-mail in the project's apps."""
    base = Path(settings.BASE_DIR)
    found = sorted(
        path
        for path in base.glob("*/templates/**/*_subject.txt")
        if not path.is_relative_to(base / ".venv")
    )
    assert len(found) >= 4, found  # accounts' and the newsletter's at least
    return found


def names_used(*sources: str) -> set[str]:
    names: set[str] = set()
    for source in sources:
        for block in re.findall(r"\{[{%](.*?)[%}]\}", source, re.S):
            names.update(re.findall(r"(?<![\w.\"'])([a-z_][a-z0-9_]*)", block))
    return names


@pytest.mark.parametrize(
    "subject_template", email_templates(), ids=lambda path: path.stem
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_text_parts_are_not_html_escaped(subject_template, language):
    templates_dir = next(
        parent for parent in subject_template.parents if parent.name == "templates"
    )
    name = str(subject_template.relative_to(templates_dir))[: -len("_subject.txt")]
    text_template = templates_dir / f"{name}.txt"
    sources = [subject_template.read_text(), text_template.read_text()]
    context = {variable: Hostile() for variable in names_used(*sources)}
    # A variable formatted as a date is a date, not text.
    for source in sources:
        for variable in re.findall(r"=\s*([a-z_][a-z0-9_]*)\|date", source):
            context[variable] = timezone.now()
        # And one naming a time zone ({% timezone zone %}) is an IANA name.
        for variable in re.findall(r"\{%\s*timezone\s+([a-z_][a-z0-9_]*)", source):
            context[variable] = "Europe/Brussels"

    message = build_templated_email(name, "reader@example.org", language, context)
    for part in (message.subject, message.body):
        assert not any(escape in part for escape in ESCAPES), part
    if "{{" in sources[0]:
        assert HOSTILE in message.subject
    if "{{" in sources[1]:
        assert HOSTILE in message.body
    # The HTML part stays escaped.
    [(html, _type)] = message.alternatives
    assert HOSTILE not in html
