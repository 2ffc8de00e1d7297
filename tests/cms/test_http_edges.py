"""CORS for frontends on other origins, and CDN purge on publish."""

import http.server
import threading

import pytest
from django.test import override_settings

from tests.factories import create_release

pytestmark = pytest.mark.django_db


def test_cors_allows_listed_origins_only(client):
    headers = {
        "HTTP_ORIGIN": "http://localhost:3000",
        "HTTP_ACCESS_CONTROL_REQUEST_METHOD": "POST",
        "HTTP_ACCESS_CONTROL_REQUEST_HEADERS": "content-type",
    }
    response = client.options("/graphql/", **headers)
    assert response["Access-Control-Allow-Origin"] == "http://localhost:3000"
    headers["HTTP_ORIGIN"] = "https://evil.example"
    response = client.options("/graphql/", **headers)
    assert "Access-Control-Allow-Origin" not in response
    # Only the API speaks CORS, not the admin.
    headers["HTTP_ORIGIN"] = "http://localhost:3000"
    assert "Access-Control-Allow-Origin" not in client.options(
        "/admin/login/", **headers
    )


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def do_PURGE(self):  # noqa: N802 (HTTP verb)
        PurgeRecorder.seen.append((self.headers["Host"], self.path))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_server():
    PurgeRecorder.seen = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_publishing_purges_the_page_from_the_cdn(
    purge_server, django_capture_on_commit_callbacks
):
    backends = {
        "default": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": purge_server,
        }
    }
    with override_settings(WAGTAILFRONTENDCACHE=backends):
        with django_capture_on_commit_callbacks(execute=True):
            release = create_release(title="Purge me")
    assert ("localhost", release.url) in PurgeRecorder.seen
