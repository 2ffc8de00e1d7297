"""A missing page and a CMS that cannot be reached are whole pages rendered on the
server, with their status: a reader without JavaScript (a plain HTTP GET here) or
a crawler gets the localized text and a link, not Next's empty
``<html id="__next_error__">`` shell that only JavaScript fills in."""

from __future__ import annotations

import os
import urllib.error
import urllib.request
from html import unescape

import pytest

from tests import live

from .conftest import FRONTEND, started

NOT_FOUND = {
    "en": "This page does not exist, or is no longer published.",
    "fr": "Cette page n'existe pas ou n'est plus publiée.",
}
API_DOWN = {
    "en": "The portal cannot reach its content right now.",
    "fr": "Le portail ne parvient pas à joindre son contenu pour le moment.",
}


def get(url: str, accept_language: str) -> tuple[int, str]:
    """A GET as a client without JavaScript makes it: status and HTML."""
    request = urllib.request.Request(url, headers={"Accept-Language": accept_language})
    try:
        with urllib.request.urlopen(request, timeout=60) as answer:
            return answer.status, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def body_of(html: str) -> str:
    assert "__next_error__" not in html
    return unescape(html.split("<body", 1)[1])


@pytest.mark.parametrize(
    "path, accept, lang",
    [
        ("/en/unknown/", "fr-FR", "en"),
        ("/fr/inconnu/", "en-GB", "fr"),
        ("/fr/salle-de-presse/pas-de-communique/", "en-GB", "fr"),
        ("/de/etwas/", "fr-FR", "fr"),
        ("/de/", "en-GB", "en"),
        ("/nope/", "fr-FR", "fr"),
    ],
)
def test_a_missing_page_is_a_server_rendered_404(path, accept, lang, portal):
    status, html = get(portal.url + path, accept)
    assert status == 404
    assert f'<html lang="{lang}"' in html
    body = body_of(html)
    assert NOT_FOUND[lang] in body
    assert f'href="/{lang}/"' in body  # back to the home page


def test_pages_the_cms_has_are_not_404(portal):
    status, html = get(portal.url + "/en/newsroom/", "en-GB")
    assert status == 200
    # (the not-found page travels in the page's RSC data, unrendered)
    assert f"<h1>{NOT_FOUND['en']}</h1>" not in unescape(html)


@pytest.fixture(scope="module")
def portal_without_cms(portal):
    """The same portal build, its CMS_URL on a port where nothing answers."""
    port = live.free_port()
    env = {
        **os.environ,
        "CMS_URL": f"http://127.0.0.1:{live.free_port()}",
        "NEXT_TELEMETRY_DISABLED": "1",
    }
    command = [str(FRONTEND / "node_modules" / ".bin" / "next"), "start"]
    with started(
        [*command, "-p", str(port), "-H", "127.0.0.1"],
        FRONTEND,
        env,
        portal.folder / "portal-without-cms.log",
        port,
    ):
        yield f"http://127.0.0.1:{port}"


@pytest.mark.parametrize(
    "path, lang",
    [
        ("/en/", "en"),
        ("/fr/salle-de-presse/?page=2", "fr"),
        ("/en/people/", "en"),
        ("/fr/videos/", "fr"),
    ],
)
def test_a_cms_that_is_down_gives_a_server_rendered_page_to_try_again(
    path, lang, portal_without_cms
):
    status, html = get(portal_without_cms + path, "en-GB")
    assert status == 503
    assert f'<html lang="{lang}"' in html
    body = body_of(html)
    assert API_DOWN[lang] in body
    assert f'href="{path}" data-testid="retry"' in body  # try the same page again
    assert f'href="/{lang}/"' in body
