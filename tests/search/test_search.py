"""``search``: relevance on the demo content, languages, accents, filters, facets,
pagination and bad input, through /graphql/ on the database backend."""

import datetime
from collections import Counter

import pytest
from django.conf import settings
from wagtail.models import PageViewRestriction

from newsroom.models import Person, Topic
from tests.conftest import error_codes
from tests.factories import create_release, locale
from tests.search.conftest import hits, postgres_only, slugs

pytestmark = pytest.mark.django_db

SEED_EN = "secretary-general-meets-vjosa-osmani"
SEED_FR = "le-secretaire-general-recoit-vjosa-osmani"


def first_release(result) -> str:
    return next(s for t, s in hits(result) if t == "pressRelease")


# --- Relevance on the demo content -----------------------------------------------


@pytest.mark.parametrize(
    "query, code, expected",
    [
        ("KFOR", "en", ("topic", "kfor")),
        ("KFOR", "fr", ("topic", "kfor")),
        ("Stoltenberg", "en", ("person", "jens-stoltenberg")),
        ("Stoltenberg", "fr", ("person", "jens-stoltenberg")),
        ("peacekeeping", "en", ("topic", "peacekeeping")),
        ("maintien de la paix", "fr", ("topic", "peacekeeping")),
        ("Vjosa Osmani", "en", ("person", "vjosa-osmani")),
    ],
)
def test_the_expected_hit_comes_first(search, query, code, expected):
    result = search(query, locale=code)
    assert hits(result)[0] == expected, hits(result)
    assert all(item["locale"] == code for item in result["items"])


@pytest.mark.parametrize(
    "query, code, seed",
    [
        ("Stoltenberg Pristina", "en", SEED_EN),
        ("Stoltenberg Pristina", "fr", SEED_FR),
        ("Vjosa Osmani", "en", SEED_EN),
        ("Osmani Stoltenberg", "en", SEED_EN),
        ("Osmani Stoltenberg", "fr", SEED_FR),
        ("Pristina Osmani", "fr", SEED_FR),
    ],
)
def test_the_seed_release_is_the_first_release(search, query, code, seed):
    assert first_release(search(query, locale=code)) == seed


def test_the_seed_release_is_found_by_the_issue_queries(search):
    for query, code, seed in [
        ("KFOR", "en", SEED_EN),
        ("KFOR", "fr", SEED_FR),
        ("peacekeeping", "en", SEED_EN),
        ("maintien de la paix", "fr", SEED_FR),
    ]:
        result = search(query, locale=code, perPage=50)
        assert seed in slugs(result), (query, code)


def test_a_snippet_marks_the_words_found(search):
    result = search("Stoltenberg Osmani", types=["pressRelease"])
    item = result["items"][0]
    assert "<mark>Stoltenberg</mark>" in item["snippet"]
    assert item["url"] == f"{settings.PUBLIC_BASE_URL}/en/newsroom/{SEED_EN}/"
    assert item["title"] == "NATO Secretary General meets Vjosa Osmani of Kosovo"
    assert item["score"] > 0


def test_accents_do_not_matter(search):
    for query in ("securite", "SÉCURITÉ", "sécurité"):
        result = search(query, locale="fr", perPage=50)
        assert ("topic", "western-balkans") in hits(result), query
        assert SEED_FR in slugs(result), query
    assert "<mark>sécurité</mark>" in " ".join(
        i["snippet"] for i in search("securite", locale="fr")["items"]
    )


@postgres_only
def test_french_is_stemmed_as_french_and_english_as_english(search):
    # "opération" (singular) finds the topic described with "Opérations".
    assert ("topic", "peacekeeping") in hits(search("operation", locale="fr"))
    # English: "keeping the peace" finds "keep the peace".
    assert ("topic", "peacekeeping") in hits(search("keeping peace", locale="en"))
    # "soldiers" and "soldier" are one word in English.
    assert SEED_EN in slugs(search("soldier", locale="en"))


def test_generated_content_ranks_the_title_match_first(search):
    title = create_release(title="Quokka summit opens in Genève")
    mention = create_release(
        title="A different headline",
        body=[{"type": "paragraph", "value": "<p>A word on the quokka.</p>"}],
    )
    result = search("quokka")
    assert slugs(result)[:2] == [title.slug, mention.slug]
    assert first_release(search("geneve")) == title.slug


# --- Languages -------------------------------------------------------------------


def test_a_french_query_does_not_return_english_only_items(search):
    english = create_release(title="Wombatstan agreement signed")
    assert search("Wombatstan", locale="fr")["items"] == []
    assert slugs(search("Wombatstan", locale="en")) == [english.slug]
    fallback = search("Wombatstan", locale="fr", fallback=True)
    assert slugs(fallback) == [english.slug]
    assert fallback["items"][0]["locale"] == "en"
    assert fallback["items"][0]["isFallback"] is True
    assert fallback["pagination"]["total"] == 1


def test_fallback_prefers_the_french_variant(search):
    english = create_release(title="Wombatville accord")
    create_release("fr", title="Accord de Wombatville", translation_of=english)
    result = search("Wombatville", locale="fr", fallback=True)
    assert [(i["locale"], i["isFallback"]) for i in result["items"]] == [("fr", False)]


# --- Published, public content only ----------------------------------------------


def test_drafts_and_private_pages_are_not_found(search):
    create_release(title="Platypus embargoed draft", publish=False)
    private = create_release(title="Platypus private note")
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="secret"
    )
    public = create_release(title="Platypus public note")
    assert slugs(search("platypus")) == [public.slug]


# --- Filters, facets and pagination -----------------------------------------------


def test_types_narrow_the_hits_but_not_the_type_facet(search):
    everything = search("KFOR", perPage=50)
    result = search("KFOR", types=["pressRelease"], perPage=50)
    assert {item["type"] for item in result["items"]} == {"pressRelease"}
    releases = [i for i in everything["items"] if i["type"] == "pressRelease"]
    assert result["pagination"]["total"] == len(releases) > 3
    assert slugs(result) == [i["object"]["slug"] for i in releases]
    counts = {f["value"]: f["count"] for f in result["facets"]["types"]}
    assert counts["pressRelease"] == len(releases) and counts["topic"] == 1


def test_facets_count_topics_and_years(search):
    """The facets count the hits by topic (with its label in the query's language)
    and by year: the same counts as the hits themselves."""
    result = search("KFOR", locale="fr", types=["pressRelease"], perPage=50)
    assert len(result["items"]) == result["pagination"]["total"] > 3
    by_topic, by_year = Counter(), Counter()
    for item in result["items"]:
        by_topic.update(topic["slug"] for topic in item["object"]["topics"])
        by_year[item["object"]["date"][:4]] += 1
    topics = {f["value"]: (f["label"], f["count"]) for f in result["facets"]["topics"]}
    assert topics["kfor"] == ("KFOR", by_topic["kfor"])
    assert topics["peacekeeping"] == ("Maintien de la paix", by_topic["peacekeeping"])
    assert {slug: count for slug, (_, count) in topics.items()} == dict(by_topic)
    years = {f["value"]: f["count"] for f in result["facets"]["years"]}
    assert years == dict(by_year) and len(years) >= 3


def test_topic_filter_includes_sub_topics(search):
    # "Pristina": KFOR's releases (Kosovo › KFOR) and a Western Balkans meeting.
    kosovo = search("Pristina", topics=["kosovo"])
    western = search("Pristina", topics=["western-balkans"])
    assert SEED_EN in slugs(kosovo)  # tagged KFOR, a sub-topic of Kosovo
    assert set(slugs(kosovo)) < set(slugs(western))
    assert {item["type"] for item in western["items"]} == {"pressRelease"}
    unknown = search("Pristina", topics=["kosovo", "no-such-topic"])
    assert error_codes(unknown) == ["UNKNOWN_TOPIC"]
    assert unknown["data"] == {"search": None}
    assert error_codes(search("Pristina", people=["nobody"])) == ["UNKNOWN_PERSON"]


def test_people_and_date_filters(search):
    rutte = search("Ukraine", people=["mark-rutte"], perPage=50)
    # Ukraine comes up in five releases; Mark Rutte is on three of them (the
    # Vilnius and Washington summits were before his time).
    assert search("Ukraine", types=["pressRelease"])["pagination"]["total"] > 3
    assert rutte["pagination"]["total"] == 3
    dated = search("KFOR", dateFrom="2024-01-01", dateTo="2024-12-31")
    assert dated["items"]
    assert all(item["object"]["date"].startswith("2024") for item in dated["items"])
    assert [f["value"] for f in dated["facets"]["years"]] == ["2024"]


def test_pages_of_hits(search):
    everything = search("Allies", perPage=50)
    total = everything["pagination"]["total"]
    assert 10 < total < 50 == everything["pagination"]["perPage"]
    assert len(everything["items"]) == total
    pages = -(-total // 5)
    first = search("Allies", perPage=5)
    second = search("Allies", perPage=5, page=2)
    assert first["pagination"] == {
        "total": total,
        "totalPages": pages,
        "currentPage": 1,
        "perPage": 5,
    }
    assert slugs(first) + slugs(second) == slugs(everything)[:10]
    beyond = search("Allies", perPage=5, page=pages + 1)
    assert beyond["items"] == [] and beyond["pagination"]["total"] == total


# --- Bad input -------------------------------------------------------------------


@pytest.mark.parametrize("query", [None, "", "   ", "\t\n"])
def test_an_empty_query_is_an_empty_result(search, query):
    result = search(query)
    assert result["items"] == [] and result["pagination"]["total"] == 0


def test_a_very_long_query_is_refused_with_a_code(search):
    assert error_codes(search("peace " * 1700)) == ["QUERY_TOO_LONG"]
    assert error_codes(search("x" * 10000)) == ["QUERY_TOO_LONG"]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"KFOR',
        "*",
        "KFOR*",
        ":",
        "title:KFOR",
        "&",
        "KFOR & Kosovo",
        "|",
        "KFOR | Kosovo",
        "!",
        "!KFOR",
        "(",
        "(KFOR)",
        ")(",
        "KFOR -Kosovo",
        "NEAR(KFOR Kosovo)",
        "KFOR AND OR NOT",
        "'",
        "\\",
        "%_",
        "🙂",
        "\x00",
    ],
)
def test_search_syntax_characters_never_break_the_search(search, query):
    result = search(query)
    assert "errors" not in result, result
    if "KFOR" in query and query.replace("KFOR", "").strip(' "*:&|!()-') in (
        "",
        "Kosovo",
    ):
        assert ("topic", "kfor") in hits(result)


def test_unknown_type_locale_and_bad_arguments_have_codes(search):
    # Types, languages and dates are enums and scalars: checked by validation.
    invalid = "GRAPHQL_VALIDATION_FAILED"
    assert error_codes(search("KFOR", types=["pressRelease", "podcast"])) == [invalid]
    assert error_codes(search("KFOR", locale="de")) == [invalid]
    assert error_codes(search("KFOR", dateFrom="yesterday")) == [invalid]
    assert error_codes(search("KFOR", perPage=0)) == ["INVALID_ARGUMENT"]
    assert error_codes(search("KFOR", perPage=101)) == ["INVALID_ARGUMENT"]
    assert error_codes(search("KFOR", page=0)) == ["INVALID_ARGUMENT"]
    window = search("KFOR", page=11, perPage=100)
    assert window["errors"][0]["extensions"]["reason"] == "RESULT_WINDOW_EXCEEDED"


def test_snippets_are_escaped(search):
    create_release(
        # The standfirst repeats the title: whichever field the snippet comes
        # from holds text that must be escaped.
        title="Numbat 3 < 5 & <script>alert(1)</script>",
        body=[
            {
                "type": "paragraph",
                "value": "<p>Numbat alert: 3 &lt; 5 &amp; "
                "&lt;script&gt;alert(1)&lt;/script&gt;</p>",
            }
        ],
    )
    result = search("numbat")
    snippet = result["items"][0]["snippet"]
    assert "<script>" not in snippet
    assert "3 &lt; 5 &amp;" in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_people_and_topics_are_found_in_their_language(search):
    person = Person.objects.create(
        name="Aurore Échidné", slug="aurore-echidne", locale=locale("fr")
    )
    Topic.objects.create(name="Échidnés", slug="echidnes", locale=locale("fr"))
    result = search("echidne", locale="fr")
    assert ("person", person.slug) in hits(result)
    assert search("echidne", locale="en")["items"] == []
    item = next(i for i in result["items"] if i["type"] == "person")
    assert item["url"] is None and item["object"]["__typename"] == "Person"


def test_dates_are_calendar_days_in_the_site_time_zone(search):
    late = create_release(
        title="Bandicoot midnight",
        date=datetime.datetime(2022, 3, 1, 23, 30, tzinfo=datetime.UTC),
    )
    # 23:30 UTC is already 2 March in Brussels.
    assert slugs(search("bandicoot", dateFrom="2022-03-02")) == [late.slug]
    assert search("bandicoot", dateTo="2022-03-01")["items"] == []
