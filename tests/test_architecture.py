"""The layers of the house hold (pyproject.toml, [tool.importlinter]): cms below the
content apps, newsroom below the apps that link to it, search importing no content
app, settings importing no app code, no app importing the GraphQL view, and no
import cycles between the modules of a package."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_import_contracts_are_kept():
    lint_imports = Path(sys.executable).parent / "lint-imports"
    done = subprocess.run(
        [str(lint_imports), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def _fields(model: type) -> list:
    fields = getattr(model, "graphql_fields", None) or []
    return [field if hasattr(field, "field_name") else field() for field in fields]


def _unwrapped(field_type: object) -> object:
    while getattr(field_type, "of_type", None) is not None:
        field_type = field_type.of_type
    return field_type


def test_model_fields_name_their_types_by_import_not_by_dotted_string():
    """An IDE (and a reader) can follow every model field to its type and its
    resolver: no "app.schema.Type" strings, no resolvers looked up by path."""
    from django.apps import apps

    strings = []
    for model in apps.get_models():
        for field in _fields(model):
            field_type = _unwrapped(getattr(field, "field_type", None))
            if isinstance(field_type, str):
                strings.append(f"{model.__name__}.{field.field_name}: {field_type}")
            source = getattr(field, "field_source", None)
            method = getattr(model, source or "", None)
            if "resolved_by" in getattr(method, "__qualname__", ""):
                strings.append(f"{model.__name__}.{source}: resolved by path")
    assert strings == []


def test_press_releases_and_videos_share_one_block_of_linked_fields():
    from newsroom.linked.fields import linked_graphql_fields
    from newsroom.linked.models import LinkedPage
    from newsroom.models import PressReleasePage
    from videos.models import VideoPage

    names = [field.field_name for field in linked_graphql_fields()]
    for model in (PressReleasePage, VideoPage):
        assert issubclass(model, LinkedPage)
        fields = {field.field_name: field for field in _fields(model)}
        for name in names:
            # The kit's method answers, not one of the model's own.
            source = fields[name].field_source
            assert getattr(model, source) is getattr(LinkedPage, source)
