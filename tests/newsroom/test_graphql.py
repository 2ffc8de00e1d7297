"""The newsroom's GraphQL contract, on the demo content, in both languages."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone
from wagtail.models import PageViewRestriction

from newsroom.demo.people import PEOPLE
from newsroom.models import PressReleasePage, Topic
from tests.conftest import error_codes
from tests.factories import PersonFactory, TopicFactory, add_position, create_release

pytestmark = pytest.mark.django_db

SEED_EN = "secretary-general-meets-vjosa-osmani"
SEED_FR = "le-secretaire-general-recoit-vjosa-osmani"

LISTING = """
query Listing($locale: LanguageCode, $topic: String, $person: String, $dateFrom: Date,
              $dateTo: Date, $page: Int, $perPage: Int) {
  pressReleases(locale: $locale, topic: $topic, person: $person, dateFrom: $dateFrom,
                dateTo: $dateTo, page: $page, perPage: $perPage) {
    items {
      id title slug date location summary url locale
      translations { locale title url }
      people { role person { name slug } }
      topics { name slug parent { slug } }
      heroImage { srcSet(sizes: [320, 640], format: "webp") }
      body {
        __typename
        ... on QuoteBlock { text speaker { name slug } }
        ... on KeyFigureBlock { figure description }
        ... on RichTextBlock { value }
      }
    }
    pagination { total totalPages currentPage perPage }
  }
}
"""


def listing(gql, **variables):
    answer = gql(LISTING, variables)
    assert "errors" not in answer, answer["errors"]
    return answer["data"]["pressReleases"]


def by_slug(items, slug):
    return next(item for item in items if item["slug"] == slug)


@pytest.mark.parametrize(
    "code, slug, title_start, location",
    [
        ("en", SEED_EN, "NATO Secretary General meets", "Brussels"),
        ("fr", SEED_FR, "Le secrétaire général de l’OTAN reçoit", "Bruxelles"),
    ],
)
def test_listing_in_each_language(gql, code, slug, title_start, location):
    result = listing(gql, locale=code, perPage=100)
    items = result["items"]
    assert {item["locale"] for item in items} == {code}
    assert (
        result["pagination"]["total"]
        == PressReleasePage.objects.filter(
            locale__language_code=code, live=True
        ).count()
    )
    seed = by_slug(items, slug)
    assert seed["title"].startswith(title_start)
    assert seed["location"] == location
    assert seed["date"].startswith("2023-09-07")
    assert seed["url"].startswith(f"{settings.PUBLIC_BASE_URL}/{code}/")
    # Newest first by default.
    dates = [item["date"] for item in items]
    assert dates == sorted(dates, reverse=True)


def test_translations_link_both_ways(gql):
    en = by_slug(listing(gql, locale="en", perPage=100)["items"], SEED_EN)
    fr = by_slug(listing(gql, locale="fr", perPage=100)["items"], SEED_FR)
    assert en["translations"] == [
        {"locale": "fr", "title": fr["title"], "url": fr["url"]}
    ]
    assert fr["translations"] == [
        {"locale": "en", "title": en["title"], "url": en["url"]}
    ]


def test_seed_release_body_quotes_key_figure_and_people(gql):
    fr = by_slug(listing(gql, locale="fr", perPage=100)["items"], SEED_FR)
    quotes = [block for block in fr["body"] if block["__typename"] == "QuoteBlock"]
    assert quotes[0]["text"].startswith("Je me félicite des mesures")
    assert quotes[0]["speaker"] == {
        "name": "Jens Stoltenberg",
        "slug": "jens-stoltenberg",
    }
    figure = next(b for b in fr["body"] if b["__typename"] == "KeyFigureBlock")
    assert figure["figure"] == "93"
    paragraphs = [b["value"] for b in fr["body"] if b["__typename"] == "RichTextBlock"]
    assert any("Belgrade et Pristina" in html for html in paragraphs)
    assert [p["person"]["slug"] for p in fr["people"]] == [
        "jens-stoltenberg",
        "vjosa-osmani",
    ]
    assert {t["slug"] for t in fr["topics"]} == {"kfor", "kosovo", "peacekeeping"}
    kfor = next(t for t in fr["topics"] if t["slug"] == "kfor")
    assert kfor["name"] == "KFOR" and kfor["parent"] == {"slug": "kosovo"}


@pytest.mark.parametrize(
    "code, stoltenberg, osmani",
    [
        ("en", "NATO Secretary General", "President of Kosovo"),
        ("fr", "Secrétaire général de l'OTAN", "Présidente du Kosovo"),
    ],
)
def test_role_is_the_one_held_on_the_release_date(gql, code, stoltenberg, osmani):
    slug = SEED_EN if code == "en" else SEED_FR
    release = by_slug(listing(gql, locale=code, perPage=100)["items"], slug)
    roles = {p["person"]["slug"]: p["role"] for p in release["people"]}
    assert roles == {"jens-stoltenberg": stoltenberg, "vjosa-osmani": osmani}


def test_role_changes_with_the_date_even_after_the_role_changed_hands(gql):
    person = PersonFactory(name="Role Holder")
    add_position(
        person, "Deputy", datetime.date(2010, 1, 1), datetime.date(2019, 12, 31)
    )
    add_position(person, "Chief", datetime.date(2020, 1, 1), datetime.date(2022, 6, 30))
    for year in (2015, 2021, 2024):
        create_release(
            title=f"Role {year}",
            date=timezone.make_aware(datetime.datetime(year, 3, 1)),
            people=[person],
        )
    items = listing(gql, locale="en", person=person.slug)["items"]
    roles = {item["title"]: item["people"][0]["role"] for item in items}
    assert roles == {"Role 2015": "Deputy", "Role 2021": "Chief", "Role 2024": None}


@pytest.mark.parametrize("code", ["en", "fr"])
def test_filter_by_topic_includes_sub_topics(gql, code):
    kosovo = {
        i["slug"]
        for i in listing(gql, locale=code, topic="kosovo", perPage=100)["items"]
    }
    kfor = {
        i["slug"] for i in listing(gql, locale=code, topic="kfor", perPage=100)["items"]
    }
    balkans = listing(gql, locale=code, topic="western-balkans", perPage=100)["items"]
    assert kfor and kfor <= kosovo <= {i["slug"] for i in balkans}
    for item in listing(gql, locale=code, topic="kfor", perPage=100)["items"]:
        assert "kfor" in {t["slug"] for t in item["topics"]}
    answer = gql(LISTING, {"locale": code, "topic": "no-such-topic"})
    assert answer["data"]["pressReleases"] is None
    assert error_codes(answer) == ["UNKNOWN_TOPIC"]
    answer = gql(LISTING, {"locale": code, "person": "no-such-person"})
    assert error_codes(answer) == ["UNKNOWN_PERSON"]


@pytest.mark.parametrize("code", ["en", "fr"])
def test_filter_by_person(gql, code):
    items = listing(gql, locale=code, person="vjosa-osmani", perPage=100)["items"]
    assert items
    for item in items:
        assert "vjosa-osmani" in {p["person"]["slug"] for p in item["people"]}
    everything = listing(gql, locale=code, perPage=100)["pagination"]["total"]
    assert len(items) < everything


def test_filter_by_dates_is_inclusive(gql):
    items = listing(gql, locale="en", dateFrom="2023-09-07", dateTo="2023-09-07")[
        "items"
    ]
    assert [item["slug"] for item in items] == [SEED_EN]
    later = listing(gql, locale="en", dateFrom="2023-09-08", perPage=100)["items"]
    assert later and all(item["date"] >= "2023-09-08" for item in later)


def test_date_filters_are_days_of_the_site_time_zone(gql):
    """A day runs from midnight to midnight in TIME_ZONE (Europe/Brussels): a
    release at 23:30 on 31 January is that day's, one at 00:30 on 1 February the
    next day's, though both are 31 January in UTC. Dates at the edges of the
    calendar are no bound (and no error)."""
    brussels = timezone.get_default_timezone()
    late = create_release(date=datetime.datetime(2031, 1, 31, 23, 30, tzinfo=brussels))
    early = create_release(date=datetime.datetime(2031, 2, 1, 0, 30, tzinfo=brussels))

    def slugs(**dates):
        return [item["slug"] for item in listing(gql, perPage=100, **dates)["items"]]

    assert slugs(dateFrom="2031-01-31", dateTo="2031-01-31") == [late.slug]
    assert slugs(dateFrom="2031-02-01", dateTo="2031-02-01") == [early.slug]
    assert slugs(dateFrom="2031-01-31", dateTo="2031-02-01") == [early.slug, late.slug]
    assert slugs(dateFrom="2031-02-01") == [early.slug]
    assert slugs(dateFrom="2031-01-31", dateTo="9999-12-31") == [early.slug, late.slug]
    assert late.slug in slugs(dateFrom="0001-01-01", dateTo="2031-01-31")
    assert early.slug not in slugs(dateFrom="0001-01-01", dateTo="2031-01-31")


def test_pagination(gql):
    total = listing(gql, locale="en", perPage=100)["pagination"]["total"]
    first = listing(gql, locale="en", page=1, perPage=5)
    second = listing(gql, locale="en", page=2, perPage=5)
    assert first["pagination"] == {
        "total": total,
        "totalPages": -(-total // 5),
        "currentPage": 1,
        "perPage": 5,
    }
    assert len(first["items"]) == 5
    assert not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}
    beyond = listing(gql, locale="en", page=99, perPage=5)
    assert beyond["items"] == [] and beyond["pagination"]["total"] == total


def test_hero_image_src_set_offers_webp(gql):
    seed = by_slug(listing(gql, locale="en", perPage=100)["items"], SEED_EN)
    entries = [entry.strip() for entry in seed["heroImage"]["srcSet"].split(",")]
    assert len(entries) == 2
    assert entries[0].endswith(".webp 320w") and entries[1].endswith(".webp 640w")


def test_image_sizes_outside_the_allow_list_are_refused(gql):
    answer = gql(
        '{ pressRelease(slug: "%s") { heroImage { srcSet(sizes: [123]) '
        "rendition(width: 77) { url } } } }" % SEED_EN,
    )
    # Both refused before anything runs, with a code (no silent empty srcSet).
    assert [error["extensions"]["reason"] for error in answer["errors"]] == [
        "RENDITION_NOT_ALLOWED",
        "RENDITION_NOT_ALLOWED",
    ]
    assert "width-320" in answer["errors"][0]["message"]


@pytest.mark.parametrize(
    "code, slug, title",
    [
        ("en", SEED_EN, "NATO Secretary General meets Vjosa Osmani of Kosovo"),
        (
            "fr",
            SEED_FR,
            "Le secrétaire général de l’OTAN reçoit Vjosa Osmani, du Kosovo",
        ),
    ],
)
def test_press_release_by_slug(gql, code, slug, title):
    answer = gql(
        "query($s: String!, $l: LanguageCode) { pressRelease(slug: $s, locale: $l) "
        "{ title locale translations { locale } } }",
        {"s": slug, "l": code},
    )
    release = answer["data"]["pressRelease"]
    assert release["title"] == title and release["locale"] == code
    other = "fr" if code == "en" else "en"
    assert release["translations"] == [{"locale": other}]


def test_press_release_missing_or_in_the_other_language_is_null(gql):
    answer = gql(
        '{ a: pressRelease(slug: "nope", locale: en) { title } '
        f'b: pressRelease(slug: "{SEED_FR}", locale: en) {{ title }} }}'
    )
    assert answer == {"data": {"a": None, "b": None}}


def test_page_by_url_path_is_exact_and_locale_aware(gql):
    query = "query($p: String) { page(urlPath: $p) { title locale: contentType } }"
    fr = gql(query, {"p": f"/fr/salle-de-presse/{SEED_FR}/"})["data"]["page"]
    assert fr["title"].startswith("Le secrétaire général")
    en = gql(query, {"p": f"/en/newsroom/{SEED_EN}"})["data"]["page"]
    assert en["title"].startswith("NATO Secretary General")
    # A suffix of a real path, or a path of the other locale, finds nothing.
    for path in (f"/{SEED_FR}/", f"/en/salle-de-presse/{SEED_FR}/", "/fr/newsroom/"):
        assert gql(query, {"p": path})["data"]["page"] is None, path
    assert gql(query, {"p": "/fr/"})["data"]["page"]["title"] == "Portail médias"


def test_page_by_slug_when_a_translation_shares_it(gql):
    en = PressReleasePage.objects.get(slug=SEED_EN)
    create_release("fr", title="Même slug", translation_of=None)
    shared = create_release("fr", title="Slug partagé")
    shared.slug = en.slug
    shared.save_revision().publish()
    query = 'query($l: LanguageCode) { page(slug: "%s", locale: $l) { title } }'
    query %= SEED_EN
    assert gql(query, {"l": "en"})["data"]["page"]["title"] == en.title
    assert gql(query, {"l": "fr"})["data"]["page"]["title"] == "Slug partagé"


@pytest.mark.parametrize(
    "code, name, position",
    [
        ("en", "Jens Stoltenberg", "NATO Secretary General"),
        ("fr", "Jens Stoltenberg", "Secrétaire général de l'OTAN"),
    ],
)
def test_people(gql, code, name, position):
    answer = gql(
        "query($l: LanguageCode) { people(locale: $l) { name slug locale biography "
        "positions { title organisation startDate endDate } } }",
        {"l": code},
    )
    people = {p["slug"]: p for p in answer["data"]["people"]}
    assert set(people) == {person["slug"] for person in PEOPLE}
    stoltenberg = people["jens-stoltenberg"]
    assert stoltenberg["name"] == name and stoltenberg["locale"] == code
    assert position in [p["title"] for p in stoltenberg["positions"]]


@pytest.mark.parametrize(
    "code, kosovo_parent_name",
    [("en", "Western Balkans"), ("fr", "Balkans occidentaux")],
)
def test_topics_tree(gql, code, kosovo_parent_name):
    answer = gql(
        "query($l: LanguageCode) "
        "{ topics(locale: $l) { name slug parent { slug name } } }",
        {"l": code},
    )
    topics = {t["slug"]: t for t in answer["data"]["topics"]}
    assert topics["kfor"]["parent"]["slug"] == "kosovo"
    assert topics["kosovo"]["parent"] == {
        "slug": "western-balkans",
        "name": kosovo_parent_name,
    }
    assert topics["western-balkans"]["parent"] is None
    assert Topic.objects.filter(locale__language_code=code).count() == len(topics)


def test_twelve_topics_are_all_returned(gql):
    topics = [TopicFactory() for _ in range(12)]
    release = create_release(title="Many topics", topics=topics)
    answer = gql('{ pressRelease(slug: "%s") { topics { slug } } }' % release.slug)
    assert [t["slug"] for t in answer["data"]["pressRelease"]["topics"]] == [
        t.slug for t in topics
    ]


# --- What the public must never see --------------------------------------------


def test_drafts_and_unpublished_pages_are_not_returned(gql):
    draft = create_release(title="Secret draft", publish=False)
    live = create_release(title="Published then edited")
    live.title = "Unpublished edit"
    live.save_revision()  # a newer draft on a live page
    titles = {i["title"] for i in listing(gql, locale="en", perPage=100)["items"]}
    assert "Secret draft" not in titles and "Unpublished edit" not in titles
    assert "Published then edited" in titles
    answer = gql(
        '{ a: pressRelease(slug: "%s") { title } b: page(id: %d) { title } }'
        % (draft.slug, draft.pk)
    )
    assert answer["data"] == {"a": None, "b": None}


def test_pages_under_a_view_restriction_are_not_returned(gql):
    private = create_release(title="Private release")
    PageViewRestriction.objects.create(
        page=private, restriction_type="password", password="secret"
    )
    titles = {i["title"] for i in listing(gql, locale="en", perPage=100)["items"]}
    assert "Private release" not in titles
    answer = gql('{ page(urlPath: "%s") { title } }' % private.url)
    assert answer["data"]["page"] is None


def test_unpublished_translation_is_not_linked(gql):
    en = create_release(title="English only, for now")
    create_release("fr", title="Brouillon", translation_of=en, publish=False)
    answer = gql('{ pressRelease(slug: "%s") { translations { locale } } }' % en.slug)
    assert answer["data"]["pressRelease"]["translations"] == []


# --- Bad input: coded errors, never a 500 -----------------------------------------


@pytest.mark.parametrize(
    "variables, code, argument",
    [
        (
            {"dateFrom": "2024-01-01", "dateTo": "2023-01-01"},
            "INVALID_ARGUMENT",
            "dateFrom",
        ),
        ({"perPage": 0}, "INVALID_ARGUMENT", "perPage"),
        ({"perPage": 101}, "INVALID_ARGUMENT", "perPage"),
        ({"page": 0}, "INVALID_ARGUMENT", "page"),
    ],
)
def test_bad_arguments_get_coded_errors(gql, variables, code, argument):
    answer = gql(LISTING, variables)
    assert answer["data"] == {"pressReleases": None}
    assert error_codes(answer) == [code]
    assert answer["errors"][0]["extensions"]["argument"] == argument
    assert len(answer["errors"][0]["message"]) < 300


@pytest.mark.parametrize(
    "variables",
    [
        {"locale": "de"},
        {"locale": "x" * 5000},
        {"dateFrom": "07/09/2023"},
        {"dateTo": "2023-02-30"},
    ],
)
def test_values_outside_a_type_fail_validation(gql, variables):
    # LanguageCode is an enum, dateFrom/dateTo are Dates: nothing runs.
    answer = gql(LISTING, variables, status=None)
    assert "data" not in answer or answer["data"] is None
    assert error_codes(answer) == ["GRAPHQL_VALIDATION_FAILED"]
    # graphql-core quotes the value sent (twice, for an enum): nothing more.
    assert len(answer["errors"][0]["message"]) < 300 + 2 * len(str(variables))


def test_wrong_argument_types_and_syntax_get_coded_errors(gql):
    answer = gql(LISTING, {"perPage": "ten"})
    assert error_codes(answer) == ["GRAPHQL_VALIDATION_FAILED"]
    answer = gql("{ pressReleases(locale: ")
    assert error_codes(answer) == ["GRAPHQL_PARSE_FAILED"]
    answer = gql("{ noSuchField }")
    assert error_codes(answer) == ["GRAPHQL_VALIDATION_FAILED"]


def test_query_depth_is_limited(gql):
    nested = "parent { " * 20 + "slug" + " }" * 20
    answer = gql("{ topics { %s } }" % nested)
    assert "QUERY_TOO_DEEP" in error_codes(answer)


def test_get_requests_work_and_empty_queries_are_refused(client):
    response = client.get(
        "/graphql/",
        {"query": "{ people(locale: fr) { slug } }"},
        HTTP_ACCEPT="application/json",
    )
    assert response.status_code == 200
    assert len(response.json()["data"]["people"]) == len(PEOPLE)
    response = client.post("/graphql/", "{}", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    response = client.post("/graphql/", "not json", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize(
    "code, slug, expected",
    [
        (
            "en",
            SEED_EN,
            [
                "additional-troops-arrive-to-reinforce-kfor",
                "kfor-strengthens-its-presence-in-the-north",
            ],
        ),
        (
            "fr",
            SEED_FR,
            [
                "des-renforts-arrivent-pour-la-kfor",
                "la-kfor-renforce-sa-presence-dans-le-nord",
            ],
        ),
    ],
)
def test_related_releases_are_in_the_same_language(gql, code, slug, expected):
    answer = gql(
        "query($s: String!, $l: LanguageCode) { pressRelease(slug: $s, locale: $l) "
        "{ related { slug locale: url } } }",
        {"s": slug, "l": code},
    )
    related = answer["data"]["pressRelease"]["related"]
    assert [r["slug"] for r in related] == expected
    prefix = f"{settings.PUBLIC_BASE_URL}/{code}/"
    assert all(r["locale"].startswith(prefix) for r in related)


def test_rich_text_internal_links_are_resolved(gql):
    target = PressReleasePage.objects.get(slug=SEED_FR)
    body = [
        {
            "type": "paragraph",
            "value": f'<p><a linktype="page" id="{target.pk}">Ce communiqué</a></p>',
        }
    ]
    release = create_release("fr", title="Avec un lien", body=body)
    answer = gql(
        '{ pressRelease(slug: "%s", locale: fr) '
        "{ body { ... on RichTextBlock { value } } } }" % release.slug
    )
    html = answer["data"]["pressRelease"]["body"][0]["value"]
    url = settings.PUBLIC_BASE_URL + target.url
    assert f'href="{url}"' in html and "linktype" not in html


def test_draft_title_of_a_live_page_is_not_exposed(gql):
    live = create_release(title="Published title")
    live.title = "Draft title under embargo"
    live.save_revision()
    answer = gql('{ pressRelease(slug: "%s") { title draftTitle } }' % live.slug)
    assert answer["data"]["pressRelease"] == {
        "title": "Published title",
        "draftTitle": "Published title",
    }


def test_search_finds_only_published_pages(gql):
    # The portal's search (search/) replaces grapple's stock field.
    create_release(title="Zanzibar embargoed draft", publish=False)
    create_release(title="Zanzibar published note")
    query = (
        "{ search(query: %s) "
        "{ items { object { ... on PressReleasePage { title } } } } }"
    )
    answer = gql(query % '"Zanzibar"')
    assert answer["data"]["search"]["items"] == [
        {"object": {"title": "Zanzibar published note"}}
    ]
    assert gql(query % '""')["data"]["search"]["items"] == []


def test_home_pages_link_their_translations(gql):
    answer = gql(
        '{ page(urlPath: "/fr/") { ... on HomePage { locale translations { url } } } }'
    )
    en = settings.PUBLIC_BASE_URL + "/en/"
    assert answer["data"]["page"] == {"locale": "fr", "translations": [{"url": en}]}


def test_stock_pages_in_site_keeps_the_french_tree(gql):
    answer = gql(
        '{ pages(inSite: true, contentType: "newsroom.PressReleasePage", limit: 100) '
        "{ ... on PressReleasePage { locale } } }"
    )
    locales = [page["locale"] for page in answer["data"]["pages"]]
    assert (
        locales.count("fr")
        == PressReleasePage.objects.live().filter(locale__language_code="fr").count()
    )
    assert "en" in locales
    answer = gql('{ pages(site: "no-such-host.example") { id } }')
    assert answer["data"]["pages"] == []
