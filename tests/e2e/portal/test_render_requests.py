"""What one render of the release list asks the CMS, counted on the CMS side
(tests/e2e/portal/operations.py), not timed: a page read again costs the CMS no
request at all (Next's data cache, and the proxy remembering that the page
exists); a new filter costs the list only; a signed-in journalist's render asks
each operation once (personal answers are never cached, but never asked twice).
bench/frontend.py times the same renders."""

from __future__ import annotations

import http.cookiejar
import json
import urllib.request
from collections import Counter

PASSWORD = "Render-Counter-2026!"


def operations(portal) -> list[str]:
    """The operations the CMS was asked since the last call."""
    url = portal.cms + "/__tests__/graphql-operations/"
    with urllib.request.urlopen(url) as answer:
        return json.load(answer)["operations"]


def render(portal, path: str, opener=None) -> str:
    opener = opener or urllib.request.build_opener()
    with opener.open(portal.url + path, timeout=60) as answer:
        assert answer.status == 200
        return answer.read().decode()


def test_a_page_read_again_asks_the_cms_nothing(portal):
    render(portal, "/en/newsroom/")  # the first reader: every answer is fetched
    render(portal, "/en/newsroom/")
    operations(portal)
    render(portal, "/en/newsroom/")
    assert operations(portal) == []


def test_a_new_filter_asks_for_the_list_only(portal):
    render(portal, "/en/newsroom/")
    render(portal, "/en/newsroom/?dateFrom=2011-02-03")  # persisted-query registration
    operations(portal)
    render(portal, "/en/newsroom/?dateFrom=2012-03-04")
    assert operations(portal) == ["ReleaseList"]


def signed_in(portal, email: str) -> urllib.request.OpenerDirector:
    """A journalist's cookies (sessionid, csrftoken on the portal's origin), signed
    in through the portal's /graphql/ as the account dialog does."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(text: str, variables: dict, token: str | None = None) -> dict:
        headers = {"Content-Type": "application/json"}
        if token:
            headers["X-CSRFToken"] = token
        body = json.dumps({"query": text, "variables": variables}).encode()
        request = urllib.request.Request(portal.url + "/graphql/", body, headers)
        with opener.open(request) as answer:
            return json.load(answer)

    token = post("query CsrfToken { csrfToken }", {})["data"]["csrfToken"]
    login = post(
        "mutation Login($email: String!, $password: String!) "
        "{ login(email: $email, password: $password) { csrfToken } }",
        {"email": email, "password": PASSWORD},
        token,
    )
    assert login["data"]["login"], login
    return opener


def test_a_signed_in_render_asks_each_operation_once(portal):
    portal.act("accredit", "render-counter@press.example", PASSWORD)
    journalist = signed_in(portal, "render-counter@press.example")
    render(portal, "/en/newsroom/", journalist)
    operations(portal)
    render(portal, "/en/newsroom/", journalist)
    asked = Counter(operations(portal))
    # The proxy's question, the page (for the metadata and the page: once), the
    # list; the filter options are the same for everyone (data cache).
    assert asked == Counter({"PortalGate": 1, "PageByPath": 1, "ReleaseList": 1})
