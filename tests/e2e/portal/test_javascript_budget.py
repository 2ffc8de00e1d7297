"""The JavaScript a press release page sends before it can be used stays under a
budget, set from the measurement (README, the portal's "Benchmark"): reading is
server-rendered, and the account dialog, the player and Apollo Client are fetched
only where and when the journalist acts."""

from __future__ import annotations

import re

from .weight import javascript_of

# Measured on the demo's release page (gzipped, level 9; README, "Benchmark"):
# 274 kB before Apollo, the video workbench and the generated documents left the
# release page, 193 kB after.
BUDGET_GZIPPED = 200_000


def test_a_release_page_stays_under_its_javascript_budget(portal, visit):
    page = visit("en")
    newsroom = page.request.get("/en/newsroom/").text()
    release = re.search(r'href="(/en/newsroom/[^"/]+/)"', newsroom).group(1)
    html = page.request.get(release).text()
    weight = javascript_of(html, lambda src: page.request.get(src).body())
    print(f"{release}: {weight}")
    assert weight.files > 0
    assert weight.gzipped <= BUDGET_GZIPPED, weight
