"""What a page of the portal costs a browser in JavaScript before it can be used:
every ``<script src>`` of its HTML (Next's first-load chunks; what is imported
dynamically, on a click, is not in it), in bytes and gzipped. Shared by the budget
test (test_javascript_budget.py) and ``make bench-frontend``."""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Weight:
    files: int
    raw: int
    gzipped: int

    def __str__(self) -> str:
        return (
            f"{self.files} files, {self.raw:,} bytes, {self.gzipped:,} gzipped "
            f"({self.raw / 1000:.0f} kB, {self.gzipped / 1000:.0f} kB gzipped)"
        )


def scripts_of(html: str) -> list[str]:
    return sorted(set(re.findall(r'<script[^>]*\ssrc="([^"]+)"', html)))


def javascript_of(html: str, fetch: Callable[[str], bytes]) -> Weight:
    bodies = [fetch(src) for src in scripts_of(html)]
    return Weight(
        files=len(bodies),
        raw=sum(len(body) for body in bodies),
        gzipped=sum(len(gzip.compress(body, 9)) for body in bodies),
    )
