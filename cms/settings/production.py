"""Production: every secret and host comes from the environment, or it won't start:
no SQLite file, and with more than one app process (WEB_CONCURRENCY) no cache or
media of a process's own.

The topology and every variable are described in deploy/README.md. In short:
PostgreSQL (DATABASE_URL, optional read replica DATABASE_REPLICA_URL), Redis for
the shared cache (REDIS_URL) and the task queue (TASKS_BACKEND=rq), S3-compatible
storage (AWS_STORAGE_BUCKET_NAME, AWS_S3_ENDPOINT_URL), static files served by
whitenoise (after `manage.py collectstatic`), JSON logs on stdout."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import (
    AWS_STORAGE_BUCKET_NAME,
    CACHES,
    DATABASES,
    MIDDLEWARE,
    STORAGES,
    env,
    env_bool,
    env_list,
    env_required,
)

DEBUG = False
GRAPHIQL = env_bool("GRAPHIQL", False)
SECRET_KEY = env_required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "The environment variable DJANGO_ALLOWED_HOSTS must list the site's host names."
    )
# CSRF_TRUSTED_ORIGINS: FRONTEND_ORIGINS plus DJANGO_CSRF_TRUSTED_ORIGINS (base.py).

# --- Database: PostgreSQL from DATABASE_URL, never an implicit SQLite file -----------
env_required("DATABASE_URL")

# --- More than one app process: they share the cache and the media -----------------
# gunicorn runs WEB_CONCURRENCY workers (deploy/Procfile, deploy/Dockerfile: 3 by
# default), each its own process; several machines run that many each. Processes
# that kept their cache or their media to themselves would answer differently.
try:
    APP_PROCESSES = int(env("WEB_CONCURRENCY", "3"))
except ValueError:
    raise ImproperlyConfigured("WEB_CONCURRENCY must be a whole number.") from None
if APP_PROCESSES > 1:
    for _name, _what in (
        ("REDIS_URL", "the cache they share"),
        ("AWS_STORAGE_BUCKET_NAME", "the S3 bucket their media is kept in"),
    ):
        if not env(_name):
            raise ImproperlyConfigured(
                f"With {APP_PROCESSES} app processes (WEB_CONCURRENCY), the "
                f"environment variable {_name} must name {_what}."
            )

# --- Database: persistent connections, checked before reuse --------------------------
# After a PostgreSQL restart the first request of each process finds its old
# connection dead and opens a new one: service resumes without restarting the app.
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASE_CONNECT_TIMEOUT = int(env("DATABASE_CONNECT_TIMEOUT", "3"))
if env("DATABASE_REPLICA_URL"):
    import dj_database_url

    # Reads of anonymous GraphQL and pages may go to a streaming replica; writes,
    # and reads in a transaction or after a write in the request, go to the primary.
    DATABASES["replica"] = dj_database_url.parse(
        env("DATABASE_REPLICA_URL"),
        conn_max_age=DATABASES["default"]["CONN_MAX_AGE"],
        conn_health_checks=True,
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["cms.db_routers.ReplicaRouter"]
    MIDDLEWARE.append("cms.db_routers.ReplicaRequestMiddleware")
for _database in DATABASES.values():
    if _database["ENGINE"] == "django.db.backends.postgresql":
        _database.setdefault("OPTIONS", {})["connect_timeout"] = (
            DATABASE_CONNECT_TIMEOUT
        )

# --- Cache: Redis, failing safe (uncached rather than 500 while Redis is down) ------
if env("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "cms.redis_cache.FailSafeRedisCache",
        "LOCATION": env("REDIS_URL"),
        "DOWN_SECONDS": float(env("CACHE_DOWN_SECONDS", "5")),
        "OPTIONS": {
            "socket_connect_timeout": float(env("REDIS_CONNECT_TIMEOUT", "1")),
            "socket_timeout": float(env("REDIS_SOCKET_TIMEOUT", "2")),
        },
    }

# --- Object storage (S3-compatible) --------------------------------------------------
if AWS_STORAGE_BUCKET_NAME:
    from botocore.config import Config

    AWS_S3_ADDRESSING_STYLE = env("AWS_S3_ADDRESSING_STYLE")  # "path" for MinIO
    AWS_S3_SIGNATURE_VERSION = env("AWS_S3_SIGNATURE_VERSION", "s3v4")
    # Fail in seconds, not minutes, when the storage is unreachable.
    AWS_S3_CLIENT_CONFIG = Config(
        s3={"addressing_style": AWS_S3_ADDRESSING_STYLE},
        signature_version=AWS_S3_SIGNATURE_VERSION,
        connect_timeout=float(env("AWS_S3_CONNECT_TIMEOUT", "5")),
        read_timeout=float(env("AWS_S3_READ_TIMEOUT", "60")),
        retries={
            "max_attempts": int(env("AWS_S3_MAX_ATTEMPTS", "3")),
            "mode": "standard",
        },
    )

# --- Static files: whitenoise, compressed and with hashed names ----------------------
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# --- HTTPS and security headers ------------------------------------------------------
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (and strips
# it from clients). Set DJANGO_SECURE_PROXY_SSL_HEADER to "" when the app is not
# behind such a proxy: trusting the header otherwise lets clients fake HTTPS.
_proxy_header = env("DJANGO_SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
if _proxy_header:
    SECURE_PROXY_SSL_HEADER = (
        "HTTP_" + _proxy_header.upper().replace("-", "_"),
        "https",
    )
USE_X_FORWARDED_HOST = env_bool("DJANGO_USE_X_FORWARDED_HOST", False)
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = env("DJANGO_SECURE_REFERRER_POLICY", "same-origin")
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview marks its own views SAMEORIGIN

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
# EMAIL_HOST, EMAIL_PORT, EMAIL_HOST_USER, EMAIL_HOST_PASSWORD, EMAIL_USE_TLS,
# EMAIL_USE_SSL, EMAIL_TIMEOUT: from the environment (base.py).

# --- Logs: one JSON object per line on stderr, with the request id -------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "cms.logging.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("DJANGO_LOG_FORMAT", "json"),
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's own error lines reach the root handler (JSON) only once.
        "django": {"handlers": [], "level": "INFO", "propagate": True},
        "django.server": {"handlers": [], "propagate": False},
    },
}
