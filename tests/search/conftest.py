import pytest
from django.apps import apps
from django.db import connection

SEARCH = """
query Search($query: String, $locale: LanguageCode, $types: [SearchType!],
             $topics: [String!], $people: [String!], $dateFrom: Date, $dateTo: Date,
             $fallback: Boolean, $page: Int, $perPage: Int) {
  search(query: $query, locale: $locale, types: $types, topics: $topics,
         people: $people, dateFrom: $dateFrom, dateTo: $dateTo,
         fallback: $fallback, page: $page, perPage: $perPage) {
    items {
      type score title snippet url locale isFallback
      object {
        __typename
        ... on PressReleasePage { slug date topics { slug } }
        ... on Person { slug name }
        ... on Topic { slug name }%s
      }
    }
    pagination { total totalPages currentPage perPage }
    facets {
      types { value count }
      topics { value label count }
      years { value count }
    }
  }
}
""" % "".join(
    f"\n        ... on {page_type} {{ slug date }}"
    for app, page_type in (("videos", "VideoPage"), ("photos", "GalleryPage"))
    if apps.is_installed(app)
)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming needs PostgreSQL"
)


@pytest.fixture
def search(gql):
    """Run ``search`` with these arguments; return its data, or the whole answer
    when it has errors."""

    def run(query, **arguments):
        # Validation failures answer 400 or 200 (GraphQL over HTTP): not checked.
        answer = gql(SEARCH, {"query": query, **arguments}, status=None)
        if "errors" in answer:
            return answer
        return answer["data"]["search"]

    return run


def slugs(result) -> list[str]:
    # A photo hit has no slug of its own (its url is its gallery's).
    return [item["object"].get("slug") for item in result["items"]]


def hits(result) -> list[tuple[str, str]]:
    return [(item["type"], item["object"].get("slug")) for item in result["items"]]
