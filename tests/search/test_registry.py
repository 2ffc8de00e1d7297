"""The apps join the search from their own hooks; a kind registered directly is
added to theirs, never instead of them."""

import ast
import pathlib

import pytest

from search import registry

SEARCH_DIR = pathlib.Path(registry.__file__).parent


@pytest.fixture
def extra_kind():
    kind = registry.SearchKind(
        name="homePage",
        model_label="home.HomePage",
        graphql_type=lambda: None,
        texts=lambda page: [],
    )
    registry.register(kind)
    yield kind
    registry._direct.pop(kind.name, None)


def test_registering_a_kind_keeps_the_apps_kinds(extra_kind):
    names = [kind.name for kind in registry.kinds()]
    assert names == [
        "pressRelease",
        "video",
        "gallery",
        "photo",
        "person",
        "topic",
        "homePage",
    ]


def test_each_app_gives_its_kinds_from_its_hooks():
    from wagtail import hooks

    given = [
        (hook.__module__, [kind.name for kind in hook()])
        for hook in hooks.get_hooks(registry.REGISTER_SEARCH_KINDS)
    ]
    assert given == [
        ("newsroom.wagtail_hooks", ["pressRelease"]),
        ("videos.wagtail_hooks", ["video"]),
        ("photos.wagtail_hooks", ["gallery", "photo"]),
        ("newsroom.wagtail_hooks", ["person", "topic"]),
    ]
    assert registry.get_filter("topics").model_label == "newsroom.Topic"
    assert registry.get_filter("people").model_label == "newsroom.Person"


def _imported_modules(path: pathlib.Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
    return found


def test_search_imports_no_content_app():
    content_apps = {"newsroom", "videos", "photos", "accounts", "newsletter", "home"}
    for path in SEARCH_DIR.rglob("*.py"):
        assert not _imported_modules(path) & content_apps, path
