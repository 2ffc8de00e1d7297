"""Flow 5: a frontend on another origin plays the demo video's HLS preview with
hls.js in Chromium, seeks, and shows the thumbnail under the scrubbing point.

The page and hls.js (npm, tests/e2e/player/) are served by this test from its own
port: the CMS answers the player cross-origin, as it answers a real frontend."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests import live

from .conftest import graphql, snap

PLAYER = Path(__file__).parent / "player"
HLS_JS = PLAYER / "node_modules" / "hls.js" / "dist" / "hls.min.js"
SLUG = "secretary-general-meets-vjosa-osmani-video"

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Preview</title>
<script src="/hls.min.js"></script></head>
<body>
<video id="player" muted playsinline width="640" height="360"></video>
<img id="thumbnail" alt="">
<script>
  window.levels = null;
  window.hlsErrors = [];
  const video = document.getElementById("player");
  const hls = new Hls();
  hls.on(Hls.Events.MANIFEST_PARSED, (event, data) => {
    window.levels = data.levels.map((level) => level.height);
    video.play();
  });
  // A stall while a busy machine decodes is not a failure; a fatal error is.
  hls.on(Hls.Events.ERROR, (event, data) => {
    if (data.fatal) window.hlsErrors.push(data.type + ": " + data.details);
  });
  hls.loadSource(new URLSearchParams(location.search).get("src"));
  hls.attachMedia(video);
</script>
</body></html>
"""


@pytest.fixture
def player_origin(tmp_path):
    """The test page and hls.js on http://127.0.0.1:<another port>."""
    if not HLS_JS.exists():
        pytest.fail(f"{HLS_JS} is missing: run `npm ci --prefix {PLAYER}`")
    (tmp_path / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "hls.min.js").write_bytes(HLS_JS.read_bytes())

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(
        ("127.0.0.1", live.free_port()),
        functools.partial(Quiet, directory=str(tmp_path)),
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


def test_5_a_frontend_plays_seeks_and_scrubs_the_preview(
    browser, cms, player_origin, request
):
    preview = graphql(
        cms,
        """query($slug: String!) { video(slug: $slug, locale: en) {
          preview { hlsUrl thumbnailsVttUrl thumbnailsUrl }
        } }""",
        {"slug": SLUG},
    )["video"]["preview"]
    context = browser.new_context(viewport={"width": 800, "height": 600})
    try:
        page = context.new_page()
        request.node.e2e_pages = [page]
        page.goto(f"{player_origin}/index.html?src={preview['hlsUrl']}")
        # Both renditions are offered; playback starts and time runs.
        page.wait_for_function("window.levels !== null || window.hlsErrors.length")
        assert page.evaluate("window.hlsErrors") == []
        assert sorted(page.evaluate("window.levels")) == [144, 180]
        page.wait_for_function("document.getElementById('player').currentTime > 0.5")

        # Seek into the third segment (8–12 s): playback resumes from there.
        page.evaluate(
            """() => new Promise((resolve) => {
              const video = document.getElementById('player');
              video.addEventListener('seeked', resolve, {once: true});
              video.currentTime = 9.0;
            })"""
        )
        seeked = page.evaluate("document.getElementById('player').currentTime")
        assert 9.0 <= seeked < 9.5
        page.wait_for_function("document.getElementById('player').currentTime > 9.3")
        decoded = page.evaluate(
            "document.getElementById('player').getVideoPlaybackQuality()"
            ".totalVideoFrames"
        )
        assert decoded > 0
        assert page.evaluate("window.hlsErrors") == []

        # Scrubbing: the thumbnail track names the tile for 9 s in its sprite,
        # which the browser loads from the CMS.
        tile = page.evaluate(
            """async ([vtt, at]) => {
              const text = await (await fetch(vtt)).text();
              const stamp = (s) => s.split(':').reduce((t, part) => t * 60 + +part, 0);
              const blocks = text.split('\\n\\n').filter((b) => b.includes('-->'));
              for (const block of blocks) {
                const [times, target] = block.trim().split('\\n');
                const [start, end] = times.split(' --> ').map(stamp);
                if (start <= at && at < end) return target;
              }
              return null;
            }""",
            [preview["thumbnailsVttUrl"], 9.0],
        )
        assert tile == "thumbnails.jpg#xywh=640,0,160,90"
        page.evaluate(
            """(src) => new Promise((resolve, reject) => {
              const image = document.getElementById('thumbnail');
              image.onload = resolve; image.onerror = reject; image.src = src;
            })""",
            preview["thumbnailsUrl"],
        )
        assert page.evaluate("document.getElementById('thumbnail').naturalWidth") > 0
        snap(page, "5-frontend-plays-the-preview")
    finally:
        context.close()
