"""The CMS behind the portal's browser tests: the end-to-end settings, with mail
sent over SMTP to the test's own server on loopback, the task queue in the
database (run by ``manage.py portal_worker`` as in production), and page URLs,
e-mail links, preview and sign-in trusted for the portal's origin."""

from tests.e2e.settings import *  # noqa: F403
from tests.e2e.settings import env

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(env("E2E_SMTP_PORT", "25"))
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
EMAIL_USE_TLS = EMAIL_USE_SSL = False
EMAIL_TIMEOUT = 5
if env("E2E_TASKS_IMMEDIATE", "") != "1":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

PORTAL = env("E2E_PORTAL_URL", "http://127.0.0.1:3000")
PUBLIC_BASE_URL = FRONTEND_BASE_URL = PORTAL
FRONTEND_ORIGINS = [PORTAL]
CORS_ALLOWED_ORIGINS = [PORTAL]
CSRF_TRUSTED_ORIGINS = [PORTAL]
FRONTEND_PREVIEW_URLS = {"en": f"{PORTAL}/en/preview/", "fr": f"{PORTAL}/fr/preview/"}
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": FRONTEND_PREVIEW_URLS["en"]},
    "REDIRECT_ON_PREVIEW": False,
}
# Answers are cached as in production; the webhook test checks a publish still shows.
GRAPHQL_CACHE_ENABLED = True
WEBHOOK_RETRY_DELAYS = [1, 2]
ROOT_URLCONF = "tests.e2e.portal.urls"
# GraphQL operations counted as they arrive (tests/e2e/portal/operations.py).
MIDDLEWARE = ["tests.e2e.portal.operations.OperationsMiddleware", *MIDDLEWARE]  # noqa: F405
