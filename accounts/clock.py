"""The one clock the accounts and newsletter work reads.

Code lifetimes, resend cooldowns and rate-limit windows all ask ``now()`` here, so a
test can move time forward by replacing this function (see the ``clock`` fixture in
tests/accounts/conftest.py) instead of sleeping."""

from __future__ import annotations

import datetime

from django.utils import timezone


def now() -> datetime.datetime:
    """The current time, timezone-aware (UTC)."""
    return timezone.now()
