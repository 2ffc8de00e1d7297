"""sitemap.xml with hreflang alternates, and the RSS feed of press releases per
language and per topic, read as a crawler or a feed reader reads them (plain HTTP,
no browser), in both languages, against the real CMS."""

from __future__ import annotations

import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest

from ..conftest import graphql

LANGS = ["fr", "en"]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.status, answer.headers["Content-Type"], answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def on_portal(portal, url: str) -> str:
    return portal.url + urlsplit(url).path


def test_the_sitemap_gives_each_page_its_translations(portal):
    status, kind, body = fetch(portal.url + "/sitemap.xml")
    assert status == 200 and "xml" in kind
    alternates = {
        entry.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href")
            for link in entry.findall(f"{XHTML}link")
        }
        for entry in ET.fromstring(body).findall(f"{SITEMAP}url")
    }
    releases = graphql(
        portal.cms,
        "{ pressReleases(locale: en, perPage: 20) { items { url "
        "translations { locale url } } } }",
    )["pressReleases"]["items"]
    release = next(item for item in releases if item["translations"])
    english = on_portal(portal, release["url"])
    french = on_portal(portal, release["translations"][0]["url"])
    assert alternates[english] == {"en": english, "fr": french}
    assert alternates[french] == {"fr": french, "en": english}


@pytest.mark.parametrize("lang", LANGS)
def test_the_release_feed_per_language_and_topic(lang, portal):
    latest = graphql(
        portal.cms,
        "query($l: LanguageCode!) { pressReleases(locale: $l, perPage: 20) "
        "{ items { title url topics { slug } } } }",
        {"l": lang},
    )["pressReleases"]["items"]
    status, kind, body = fetch(f"{portal.url}/{lang}/feed.xml")
    assert status == 200 and kind.startswith("application/rss+xml")
    channel = ET.fromstring(body).find("channel")
    assert channel.findtext("language") == lang
    items = channel.findall("item")
    assert items[0].findtext("title") == latest[0]["title"]
    assert items[0].findtext("link") == on_portal(portal, latest[0]["url"])
    # Every link is a page of this portal, in the feed's language.
    assert all(
        item.findtext("link").startswith(f"{portal.url}/{lang}/") for item in items
    )

    release = next(item for item in latest if item["topics"])
    topic = release["topics"][0]["slug"]
    status, kind, body = fetch(f"{portal.url}/{lang}/topics/{topic}/feed.xml")
    assert status == 200 and kind.startswith("application/rss+xml")
    links = [item.findtext("link") for item in ET.fromstring(body).iter("item")]
    assert on_portal(portal, release["url"]) in links
    status, _, body = fetch(f"{portal.url}/{lang}/topics/no-such-topic/feed.xml")
    assert status == 404
