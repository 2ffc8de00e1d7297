"""Settings for the test suite: the same apps as production, fast and hermetic."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, STORAGES, env

DEBUG = False
GRAPHIQL = False
SECRET_KEY = "test-only-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Each run writes media under its own folder so runs never see each other's files.
MEDIA_ROOT = BASE_DIR / "var" / "test-media" / env("PYTEST_XDIST_WORKER", "main")
PRIVATE_MEDIA_ROOT = MEDIA_ROOT / "private"
for _private in ("videos", "photos"):
    if "base_url" in STORAGES[_private].get("OPTIONS", {}):
        STORAGES[_private]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT
if "base_url" in STORAGES["basket"].get("OPTIONS", {}):
    STORAGES["basket"]["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT / "basket"
# Small renditions keep the tests quick; the sizes are still checked.
VIDEO_RENDITIONS = [("180p", 180), ("144p", 144)]
VIDEO_X264_PRESET = "ultrafast"
# Audio-only renditions: made where tested (tests/videos/test_deliverables.py).
VIDEO_AUDIO_RENDITIONS: list[str] = []
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
# Most tests check what a query computes; tests/cms/test_response_cache.py turns the
# shared cache on where it is the subject.
GRAPHQL_CACHE_ENABLED = False
# One clock in the tests: an answer computed right after a change may be stored.
GRAPHQL_CACHE_CLOCK_SKEW = 0
# E-mails link to a portal (the CMS's fallback pages are tested with it unset).
FRONTEND_BASE_URL = "http://localhost:3000"
