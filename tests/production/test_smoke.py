"""Smoke suite of the production-like run (deploy/ci-production.sh): two gunicorn
processes with cms.settings.production, PostgreSQL, Redis (cache and task queue),
S3 (moto) and one worker, all on loopback; requests go over real HTTP as the
reverse proxy sends them (``X-Forwarded-Proto: https``)."""

from __future__ import annotations

import json
import re
import uuid
from pathlib import Path

import pytest

from home.demo_admin import DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD
from videos import ffmpeg

from .services import (
    Client,
    fetch,
    manage,
    requires_production,
    sql,
    state,
    wait_until,
)

pytestmark = requires_production

RELEASE_SLUG = "secretary-general-meets-vjosa-osmani"
RELEASE = """query SmokeRelease($slug: String!) {
  pressRelease(slug: $slug, locale: en) { id title }
}"""
JOB_FIELDS = """id status progress errorCode errorMessage
    download { url filename start end sizeBytes }"""
DOWNLOAD = f"""mutation SmokeDownload($input: VideoDownloadInput!) {{
  requestVideoDownload(input: $input) {{ {JOB_FIELDS} }}
}}"""
JOB = f"""query SmokeJob($id: ID!) {{ videoDownloadJob(id: $id) {{ {JOB_FIELDS} }} }}"""


def finished_job(client, variables: dict, seconds: float = 60) -> dict:
    """Ask for a download and follow its job (cut by the worker) until it is
    READY or FAILED; the job as last seen."""
    result = client.graphql(DOWNLOAD, variables, csrf=True)
    assert result.status == 200, result.text[:1000]
    body = result.json()
    assert "errors" not in body, body
    job = body["data"]["requestVideoDownload"]

    def done():
        answer = client.graphql(JOB, {"id": job["id"]}, csrf=True).json()
        assert "errors" not in answer, answer
        seen = answer["data"]["videoDownloadJob"]
        return seen if seen["status"] in ("READY", "FAILED") else None

    return job if job["status"] == "READY" else wait_until(done, seconds, what="job")


@pytest.fixture(scope="module")
def apps() -> tuple[str, str]:
    return tuple(state()["apps"])


def release_title(base: str) -> str:
    answer = Client(base).graphql(RELEASE, {"slug": RELEASE_SLUG})
    assert answer.status == 200, answer.text[:500]
    return answer.json()["data"]["pressRelease"]["title"]


def test_both_processes_are_alive_and_ready(apps):
    for base in apps:
        alive = Client(base).get("/healthz")
        assert alive.status == 200 and alive.json() == {"status": "ok"}
        ready = Client(base).get("/readyz")
        assert ready.status == 200, ready.text
        checks = ready.json()["checks"]
        assert set(checks) >= {"database", "cache", "storage", "queue"}
        assert all(check["ok"] for check in checks.values())
        # Probes answer whatever the host and over plain HTTP (an orchestrator
        # probes the process by address), without the HTTPS redirect.
        raw = Client(base)
        probe = raw.request("GET", "/healthz", headers={"X-Forwarded-Proto": "http"})
        assert probe.status == 200


def test_security_headers_https_redirect_and_static_files(apps):
    client = Client(apps[0])
    page = client.get("/en/")
    assert page.status == 200
    assert page.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert page.headers["X-Content-Type-Options"] == "nosniff"
    assert page.headers["Referrer-Policy"] == "same-origin"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    # Plain HTTP (no proxy header) is sent to HTTPS.
    plain = client.request("GET", "/en/", headers={"X-Forwarded-Proto": "http"})
    assert plain.status == 301 and plain.headers["Location"].startswith("https://")
    # Static files: whitenoise serves the hashed, compressed files collectstatic made.
    manifest = json.loads(
        (Path(state()["work"]) / "static" / "staticfiles.json").read_text()
    )
    hashed = manifest["paths"]["wagtailadmin/js/core.js"]
    asset = client.get(f"/static/{hashed}", headers={"Accept-Encoding": "gzip"})
    assert asset.status == 200
    assert "immutable" in asset.headers["Cache-Control"]
    assert asset.headers.get("Content-Encoding") in ("gzip", "br")


def test_logs_are_json_with_request_id_and_graphql_operation(apps):
    request_id = f"smoke-{uuid.uuid4().hex}"
    answer = Client(apps[0]).graphql(
        RELEASE, {"slug": RELEASE_SLUG}, headers={"X-Request-ID": request_id}
    )
    assert answer.status == 200
    assert answer.headers["X-Request-ID"] == request_id
    generated = Client(apps[0]).get("/en/").headers.get("X-Request-ID")
    assert generated and re.fullmatch(r"[0-9a-f]{32}", generated)

    log = Path(state()["work"]) / "app1.log"

    def logged():
        for line in log.read_text().splitlines():
            if request_id in line:
                return json.loads(line)
        return None

    entry = wait_until(logged, 10, what="the request's log line")
    assert entry["request_id"] == request_id
    assert entry["graphql_operation"] == "SmokeRelease"
    assert entry["status"] == 200 and entry["path"] == "/graphql/"
    assert entry["logger"] == "portal.request" and "duration_ms" in entry


def test_a_release_published_through_one_process_is_answered_by_the_other(apps):
    """Published through the admin (HTTP, bulk publish) of process 1; process 2
    had the old answer in the shared Redis cache and answers the new one."""
    first, second = apps
    old_title = release_title(second)
    assert release_title(second) == old_title  # now in the shared cache
    new_title = f"{old_title} (updated {uuid.uuid4().hex[:6]})"
    # The editor's draft: a new revision, not yet live.
    page_id = manage(
        "shell",
        code=(
            "from newsroom.models import PressReleasePage as P;"
            f"p = P.objects.get(slug={RELEASE_SLUG!r}, locale__language_code='en');"
            f"p.title = {new_title!r}; p.save_revision(); print(p.pk)"
        ),
    ).strip()
    assert release_title(second) == old_title

    editor = Client(first)
    editor.sign_in(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)
    path = f"/admin/bulk/wagtailcore/page/publish/?id={page_id}"
    token = editor.form_token(path)
    published = editor.post_form(path, {"csrfmiddlewaretoken": token})
    assert published.status == 302, published.text[:1000]

    assert release_title(second) == new_title
    assert release_title(first) == new_title


@pytest.fixture(scope="module")
def master(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("smoke") / "smoke-master.mp4"
    ffmpeg.generate_test_video(path, 8, width=640, height=360)
    return path


def upload_video(client: Client, title: str, master: Path):
    token = client.form_token("/admin/snippets/videos/videoasset/add/")
    return client.post_form(
        "/admin/snippets/videos/videoasset/add/",
        {
            "csrfmiddlewaretoken": token,
            "title": title,
            "subtitles-TOTAL_FORMS": "0",
            "subtitles-INITIAL_FORMS": "0",
            "subtitles-MIN_NUM_FORMS": "0",
            "subtitles-MAX_NUM_FORMS": "1000",
        },
        files={"master": (master.name, master.read_bytes(), "video/mp4")},
    )


def asset_status(title: str):
    rows = sql("SELECT id, status FROM videos_videoasset WHERE title = %s", (title,))
    return rows[0] if rows else None


def finished(title: str):
    row = asset_status(title)
    return row if row and row[1] in ("ready", "failed") else None


def publish_video_page(asset_id: int, slug: str) -> int:
    return int(
        manage(
            "shell",
            code=(
                "from videos.models import VideoIndexPage, VideoPage;"
                "index = VideoIndexPage.objects.get(locale__language_code='en');"
                f"page = index.add_child(instance=VideoPage(title={slug!r}, "
                f"slug={slug!r}, asset_id={asset_id}));"
                "page.save_revision().publish(); print(page.pk)"
            ),
        ).strip()
    )


def test_a_video_uploaded_is_processed_by_the_worker_and_a_clip_downloaded(
    apps, master, tmp_path
):
    editor = Client(apps[0])
    editor.sign_in(DEMO_ADMIN_EMAIL, DEMO_ADMIN_PASSWORD)
    title = f"Smoke upload {uuid.uuid4().hex[:8]}"
    answer = upload_video(editor, title, master)
    assert answer.status == 302, answer.text[:2000]

    asset_id, status = wait_until(lambda: finished(title), 180, what="processing")
    assert status == "ready"
    renditions = dict(
        sql(
            "SELECT name, file FROM videos_videorendition WHERE asset_id = %s",
            (asset_id,),
        )
    )
    # The video renditions, and the sound alone for radio (VIDEO_AUDIO_RENDITIONS).
    assert set(renditions) == {"360p", "180p", "audio-m4a", "audio-wav"}
    assert all(name.startswith("videos/renditions/") for name in renditions.values())

    page_id = publish_video_page(asset_id, f"smoke-video-{asset_id}")
    # Signed in on process 1, downloading through process 2: sessions are shared.
    downloader = Client(apps[1])
    downloader.cookies = dict(editor.cookies)
    job = finished_job(
        downloader,
        {
            "input": {
                "videoId": str(page_id),
                "rendition": "180p",
                "start": 2,
                "end": 5,
                "precision": "FAST",
            }
        },
    )
    assert job["status"] == "READY", job
    download = job["download"]
    assert "X-Amz-Signature=" in download["url"]
    assert download["url"].startswith(
        f"http://127.0.0.1:{state()['s3']['relay_port']}/"
    )

    file = fetch(download["url"])
    assert file.status == 200
    assert len(file.body) == download["sizeBytes"]
    assert "attachment" in file.headers["Content-Disposition"]
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(file.body)
    probe = ffmpeg.probe(str(clip))
    assert abs(probe.duration - (download["end"] - download["start"])) < 0.5
