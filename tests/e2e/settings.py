"""The CMS as the end-to-end tests start it: the test settings, with a SQLite file
and media folders of the run's own (paths from the environment, set by
tests/e2e/conftest.py), and media served so the admin shows images."""

from pathlib import Path

from cms.settings.test import *  # noqa: F403
from cms.settings.test import STORAGES, env

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": env("E2E_DATABASE"),
        # The server answers the browser from several threads.
        "OPTIONS": {"timeout": 30, "transaction_mode": "IMMEDIATE"},
    }
}
MEDIA_ROOT = Path(env("E2E_MEDIA_ROOT"))
PRIVATE_MEDIA_ROOT = MEDIA_ROOT / "private"
STORAGES["videos"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT
ROOT_URLCONF = "tests.e2e.urls"
# The server's own address for every absolute URL it builds (README, "URLs"): the
# browser follows download links, documents and media there.
WAGTAILADMIN_BASE_URL = CMS_BASE_URL = PUBLIC_BASE_URL = env(
    "E2E_BASE_URL", "http://127.0.0.1:8000"
)
# Wagtail's autosave (a draft every 500 ms after a change) races a Publish clicked
# within that time: two revisions whose times are out of order, and a later edit
# warns of "a new version in another window". People wait; a script does not.
WAGTAIL_AUTOSAVE_INTERVAL = 0
