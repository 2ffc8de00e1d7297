"""Settings shared by every environment.

Everything that differs between a laptop and production comes from the environment
(see ``env`` helpers below), with embedded defaults that run anywhere: a SQLite file,
media on local disk, an in-process cache and a database-backed task queue.
"""

import datetime
import ipaddress
import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from PIL import features as pil_features

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str | None = None) -> str | None:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


def env_required(name: str) -> str:
    """Fail fast: production must not start on an implicit default."""
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set.")
    return value


# No default: production requires it; development makes one per checkout (dev.py).
SECRET_KEY = env("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")

INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "cms",
    "accounts",
    "home",
    "newsroom",
    "videos",
    "photos",  # press photo galleries: originals private, web copies public
    "webhooks",
    "newsletter",
    "search",
    "embargo",  # pages published to accredited journalists before their lift time
    "accreditation",  # journalists' accreditation, decided by the media office
    "editorial",  # roles, admin listings and dashboard panels (before localize)
    "basket",  # the download basket: items of any app's kinds, zipped by the worker
    # Translation of pages and snippets.
    "wagtail_headless_preview",
    "wagtail_localize",
    "wagtail_localize.locales",  # replaces wagtail.locales
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Background work (Django's tasks API; Wagtail uses it too).
    "django_tasks",
    "django_tasks_db",
    # GraphQL: grapple must come after the wagtail apps.
    "corsheaders",
    "wagtail.contrib.frontend_cache",
    "graphene_django",
    "grapple",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # Sign-in lockout (accounts) and country names in both languages.
    "axes",
    "django_countries",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Signed in, API messages follow the account's language (accounts/language.py).
    "accounts.language.PreferredLanguageMiddleware",
    # Who reads, for pages under embargo (embargo/readers.py).
    "embargo.readers.ReaderMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns an admin lockout into its answer.
    "axes.middleware.AxesMiddleware",
]

# Health probes are answered first (any host, no HTTPS redirect, not logged); then
# every request gets its id and one JSON log line (cms/health.py, cms/logging.py).
MIDDLEWARE = [
    "cms.health.HealthProbeMiddleware",
    "cms.logging.RequestLogMiddleware",
    *MIDDLEWARE,
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cms" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: a SQLite file unless DATABASE_URL says otherwise (postgres://...).
DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
# django-axes first: a locked-out client is refused before a password is checked.
AUTHENTICATION_BACKENDS = [
    "accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    # At least 12 characters, no spaces, upper- and lower-case, digits, symbols.
    {"NAME": "accounts.passwords.PortalPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: English is the default content and interface language.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French"))]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("DJANGO_TIME_ZONE", "Europe/Brussels")
USE_I18N = True
USE_TZ = True

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", str(BASE_DIR / "static")))
MEDIA_URL = env("DJANGO_MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", str(BASE_DIR / "media")))

# Media on local disk by default; on any S3-compatible store when a bucket is named.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    AWS_S3_ENDPOINT_URL = env("AWS_S3_ENDPOINT_URL")  # e.g. a MinIO server
    AWS_S3_REGION_NAME = env("AWS_S3_REGION_NAME")
    AWS_S3_CUSTOM_DOMAIN = env("AWS_S3_CUSTOM_DOMAIN")
    AWS_DEFAULT_ACL = None
    AWS_QUERYSTRING_AUTH = env_bool("AWS_QUERYSTRING_AUTH", True)
    AWS_S3_FILE_OVERWRITE = False
    MEDIA_STORAGE_BACKEND = "storages.backends.s3.S3Storage"
else:
    MEDIA_STORAGE_BACKEND = "django.core.files.storage.FileSystemStorage"
# Video masters, renditions and clips are not public: outside MEDIA_ROOT on local
# disk (served only through signed, short-lived download links), under a private
# prefix on S3 (read through presigned URLs).
PRIVATE_MEDIA_ROOT = Path(
    env("DJANGO_PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private-media"))
)
if AWS_STORAGE_BUCKET_NAME:
    VIDEO_STORAGE = {
        "BACKEND": MEDIA_STORAGE_BACKEND,
        # Always signed links to the bucket: never a public CDN address.
        "OPTIONS": {
            "location": "private",
            "querystring_auth": True,
            "custom_domain": None,
        },
    }
else:
    VIDEO_STORAGE = {
        "BACKEND": MEDIA_STORAGE_BACKEND,
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }
# The largest document an accreditation application may carry (accreditation/).
ACCREDITATION_DOCUMENT_MAX_BYTES = int(
    env("ACCREDITATION_DOCUMENT_MAX_BYTES", str(5 * 1024 * 1024))
)
# An uploaded document no application names is deleted (row and file) by the
# worker's tick this many hours after its upload.
ACCREDITATION_ORPHAN_DOCUMENT_HOURS = float(
    env("ACCREDITATION_ORPHAN_DOCUMENT_HOURS", "24")
)
# The download basket's zips: private as video files are, in a folder of their own.
BASKET_STORAGE = {
    "BACKEND": MEDIA_STORAGE_BACKEND,
    "OPTIONS": {**VIDEO_STORAGE["OPTIONS"]},
}
if AWS_STORAGE_BUCKET_NAME:
    BASKET_STORAGE["OPTIONS"]["location"] = "private/basket"
else:
    BASKET_STORAGE["OPTIONS"]["location"] = PRIVATE_MEDIA_ROOT / "basket"
STORAGES = {
    "default": {"BACKEND": MEDIA_STORAGE_BACKEND},
    "videos": VIDEO_STORAGE,
    "basket": BASKET_STORAGE,
    # Photo originals (photos/): private like video masters, under their own prefix.
    "photos": {
        "BACKEND": VIDEO_STORAGE["BACKEND"],
        "OPTIONS": dict(VIDEO_STORAGE["OPTIONS"]),
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# The cache is shared by every process (the GraphQL response cache relies on it):
# a database table by default, Redis when REDIS_URL is set.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "portal_cache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
# Wagtail looks renditions up in this cache; they never change once made, so a
# per-process memory cache is right and keeps image URLs off the shared backend.
CACHES["renditions"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "renditions",
    "TIMEOUT": 600,
}

# Background work: tasks are stored in the database and run by `manage.py db_worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Or on Redis (TASKS_BACKEND=rq): django-tasks-rq, run by `manage.py portal_worker`.
# A task enqueued while Redis is unreachable waits in the database ("fallback") and
# is moved to Redis when it answers; a task whose worker died runs again up to
# TASKS_CRASH_RETRIES times (cms/tasks.py). TASKS_REDIS_URL defaults to REDIS_URL.
TASKS_BACKEND = env("TASKS_BACKEND", "database")
if TASKS_BACKEND == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {
        "default": {
            "URL": env("TASKS_REDIS_URL") or env_required("REDIS_URL"),
            # The longest a task may run (video processing of long masters).
            "DEFAULT_TIMEOUT": int(env("TASKS_TIMEOUT_SECONDS", "14400")),
        }
    }
    TASKS = {
        "default": {"BACKEND": "cms.tasks.PortalRQBackend", "QUEUES": ["default"]},
        "fallback": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
elif TASKS_BACKEND != "database":
    raise ImproperlyConfigured("TASKS_BACKEND must be database or rq.")
TASKS_CRASH_RETRIES = int(env("TASKS_CRASH_RETRIES", "3"))
TASKS_MAINTENANCE_SECONDS = int(env("TASKS_MAINTENANCE_SECONDS", "10"))
TASKS_WORKER_TTL = int(env("TASKS_WORKER_TTL", "60"))
TASKS_WORKER_LOG_LEVEL = env("TASKS_WORKER_LOG_LEVEL", "INFO")

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
# Used by the SMTP backend (production's default, or DJANGO_EMAIL_BACKEND).
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "media-portal@localhost")

# Wagtail.
WAGTAIL_SITE_NAME = "Media portal"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://localhost:8000")
# Every URL in an API answer is absolute on a configured base, never on the
# request's Host (README, "URLs"): pages on PUBLIC_BASE_URL; what this CMS serves
# (documents, subtitles, download links, media on local disk) on CMS_BASE_URL,
# below; media on MEDIA_URL when that is absolute (a CDN) or on the object store.
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", WAGTAILADMIN_BASE_URL).rstrip("/")
# Documents are served only through Wagtail's view, which checks collection privacy.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The task worker publishes and expires scheduled pages this often (seconds).
SCHEDULED_PUBLISHING_SECONDS = int(env("SCHEDULED_PUBLISHING_SECONDS", "60"))
# Search: the database's full-text search (per-language on PostgreSQL), or
# Elasticsearch/OpenSearch with SEARCH_BACKEND and SEARCH_URL. search.backends
# reads these variables through search/config.py when the backend is made (and
# the search app checks them at startup): the settings import no app code.
SEARCH_VARIABLES = ("SEARCH_BACKEND", "SEARCH_URL", "SEARCH_INDEX", "SEARCH_TIMEOUT")
WAGTAILSEARCH_BACKENDS = {
    "default": {
        "BACKEND": "search.backends",
        "ENVIRONMENT": {
            name: os.environ[name] for name in SEARCH_VARIABLES if name in os.environ
        },
    }
}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "pdf", "pptx", "txt", "xlsx", "zip"]

# GraphQL (grapple builds the schema; cms.graphql adds our queries and limits).
IMAGE_SRCSET_WIDTHS = [320, 640, 960, 1280, 1920]
# Formats a srcSet may be asked in besides the image's own: WebP always, AVIF where
# this Pillow writes it (Pillow 11.3+ built with libavif).
IMAGE_SRCSET_FORMATS = ["webp", *(["avif"] if pil_features.check("avif") else [])]
GRAPPLE = {
    "APPS": ["home", "newsroom", "videos", "photos"],
    "EXPOSE_GRAPHIQL": False,  # we mount our own view in cms/urls.py
    "PAGE_SIZE": 10,
    "MAX_PAGE_SIZE": 100,
    # grapple's page interface with the tree fields batch-loaded.
    "PAGE_INTERFACE": "cms.graphql.interfaces.PortalPageInterface",
    # Only these renditions can be asked for: a client cannot fill the disk with
    # arbitrary sizes. Each width exists as the original format, as WebP and (where
    # Pillow has it) as AVIF.
    "ALLOWED_IMAGE_FILTERS": [
        spec
        for width in IMAGE_SRCSET_WIDTHS
        for spec in (
            f"width-{width}",
            *(f"width-{width}|format-{kind}" for kind in IMAGE_SRCSET_FORMATS),
        )
    ],
}
# Middleware set explicitly: graphene-django would add its debug middleware under
# DEBUG, whose resolve(next, …) clashes with an argument named next.
GRAPHENE = {
    "SCHEMA": "grapple.schema.schema",
    "MIDDLEWARE": ["cms.graphql.arguments.StockArgumentsMiddleware"],
}
# Limits: each breach is refused before execution, with a coded error.
GRAPHQL_MAX_DEPTH = int(env("GRAPHQL_MAX_DEPTH", "12"))
GRAPHQL_MAX_ALIASES = int(env("GRAPHQL_MAX_ALIASES", "30"))
GRAPHQL_MAX_FIELDS = int(env("GRAPHQL_MAX_FIELDS", "500"))
GRAPHQL_MAX_REQUEST_BYTES = int(env("GRAPHQL_MAX_REQUEST_BYTES", "100000"))
# Larger answers are replaced by RESPONSE_TOO_LARGE (and never cached).
GRAPHQL_MAX_RESPONSE_BYTES = int(env("GRAPHQL_MAX_RESPONSE_BYTES", "4000000"))
GRAPHQL_MAX_PER_PAGE = 100
# Lists count their matches up to this many; past it, pagination.exact is false.
GRAPHQL_MAX_COUNT = int(env("GRAPHQL_MAX_COUNT", "10000"))
# Search on PostgreSQL ranks the newest this many matches of each type and
# language (search/documents/postgres.py); fewer matches are all ranked.
SEARCH_RANKED_CANDIDATES = int(env("SEARCH_RANKED_CANDIDATES", "1000"))
# A person or topic renamed or deleted: up to this many galleries and photos that
# hold its name are indexed again in the editor's request, more by the worker
# (search/dependents.py).
SEARCH_DEPENDENTS_INLINE = int(env("SEARCH_DEPENDENTS_INLINE", "100"))
# A page number further than this many items into a list is a deferred join (its
# ids first, then its rows: cms/graphql/pagination.py); nearer, one query.
GRAPHQL_DEFERRED_JOIN_OFFSET = int(env("GRAPHQL_DEFERRED_JOIN_OFFSET", "100"))
# Cost (cms/graphql/limits.py): fields resolved, list sizes multiplied in.
GRAPHQL_MAX_COST = int(env("GRAPHQL_MAX_COST", "100000"))
GRAPHQL_COST_LIST_SIZE = 10  # items assumed in a list without limit or perPage
GRAPHQL_COST_QUERY = 100  # a stock list sorted or filtered: one SQL query per parent
GRAPHQL_COST_SEARCH = 1000  # a stock list searched (searchQuery): one search per parent
GRAPHQL_INTROSPECTION = env_bool("GRAPHQL_INTROSPECTION", True)
# Shared response cache for anonymous reads, and HTTP caching of GET answers.
GRAPHQL_CACHE_ENABLED = env_bool("GRAPHQL_CACHE_ENABLED", True)
GRAPHQL_CACHE_ALIAS = "default"
GRAPHQL_CACHE_TIMEOUT = int(env("GRAPHQL_CACHE_TIMEOUT", "3600"))
GRAPHQL_HTTP_MAX_AGE = int(env("GRAPHQL_HTTP_MAX_AGE", "60"))
# After a publish or an edit (never an unpublish), an answer computed at most this
# many seconds ago may be served while one process recomputes it (cms/graphql/cache.py).
GRAPHQL_CACHE_STALE_SECONDS = float(env("GRAPHQL_CACHE_STALE_SECONDS", "10"))
# How long a miss waits for the process computing the same answer; how long that
# process may hold the lock; the servers' clock skew bound.
GRAPHQL_CACHE_LOCK_WAIT = float(env("GRAPHQL_CACHE_LOCK_WAIT", "2"))
GRAPHQL_CACHE_LOCK_SECONDS = int(env("GRAPHQL_CACHE_LOCK_SECONDS", "10"))
GRAPHQL_CACHE_CLOCK_SKEW = float(env("GRAPHQL_CACHE_CLOCK_SKEW", "0.1"))
# Each item of a root list cached on its own, so a list recomputed after one
# publish reuses the items that did not change (cms/graphql/nodes.py).
GRAPHQL_NODE_CACHE = env_bool("GRAPHQL_NODE_CACHE", True)
GRAPHQL_PERSISTED_QUERY_TIMEOUT = 30 * 24 * 3600
# Persisted queries live in their own table (cms.PersistedQuery), never the cache:
# at most this many rows, each at most this long, and this many new ones per client
# per hour (PERSISTED_QUERY_REGISTRATION_LIMITED past it).
GRAPHQL_PERSISTED_QUERY_MAX_ENTRIES = int(
    env("GRAPHQL_PERSISTED_QUERY_MAX_ENTRIES", "5000")
)
GRAPHQL_PERSISTED_QUERY_MAX_BYTES = int(
    env("GRAPHQL_PERSISTED_QUERY_MAX_BYTES", "32768")
)
GRAPHQL_PERSISTED_QUERY_REGISTRATIONS = int(
    env("GRAPHQL_PERSISTED_QUERY_REGISTRATIONS", "100")
)
# A French query may answer with the English page where no French one exists.
GRAPHQL_LOCALE_FALLBACK = env_bool("GRAPHQL_LOCALE_FALLBACK", False)

# CORS: frontends on other origins may call the API (only the API).
CORS_ALLOWED_ORIGINS = env_list("CORS_ALLOWED_ORIGINS", "http://localhost:3000")
CORS_URLS_REGEX = r"^/graphql/?$"

# Accounts: frontends sign users in with the session cookie, so the allowed origins
# may send cookies (CORS with credentials) and are trusted by the CSRF check. A
# password reset's `next` must point to one of FRONTEND_ORIGINS (or be a path).
FRONTEND_ORIGINS = env_list("FRONTEND_ORIGINS", ",".join(CORS_ALLOWED_ORIGINS))
CORS_ALLOW_CREDENTIALS = True
CSRF_TRUSTED_ORIGINS = [*FRONTEND_ORIGINS, *env_list("DJANGO_CSRF_TRUSTED_ORIGINS")]
# "Lax" works when the frontend and the CMS share a site (www. and cms.example.org);
# a frontend on another site needs "None" (and HTTPS).
SESSION_COOKIE_SAMESITE = env("SESSION_COOKIE_SAMESITE", "Lax")
CSRF_COOKIE_SAMESITE = env("CSRF_COOKIE_SAMESITE", "Lax")
# Sign-in lockout (django-axes): five failures from one address and client lock
# that pair out for AXES_COOLOFF_MINUTES; the Wagtail admin's sign-in included.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = datetime.timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "accounts.backends.axes_username"
AXES_RESET_ON_SUCCESS = True
# Lockouts in the database (AccessAttempt), never the cache, like the rate limits.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
# The client address: REMOTE_ADDR, or through the reverse proxies listed here
# (addresses or networks, e.g. "10.0.0.0/8,127.0.0.1") the first address in
# X-Forwarded-For, read from the right, that is not one of them (cms/clientip.py).
# Rate limits, lockouts and persisted-query registrations count by it.
TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperlyConfigured(
            f"DJANGO_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network."
        ) from None
# The header the trusted proxies write the client's address in (cms/clientip.py):
# X-Forwarded-For (appended to hop by hop), or e.g. X-Real-IP, CF-Connecting-IP,
# Forwarded (RFC 7239).
CLIENT_IP_HEADER = env("DJANGO_CLIENT_IP_HEADER", "X-Forwarded-For").strip()
if not re.fullmatch(r"[A-Za-z0-9-]+", CLIENT_IP_HEADER):
    raise ImproperlyConfigured(
        f"DJANGO_CLIENT_IP_HEADER: {CLIENT_IP_HEADER!r} is not a header name."
    )
AXES_CLIENT_IP_CALLABLE = "cms.clientip.axes_client_ip"
# Links in e-mails: the portal when FRONTEND_BASE_URL is set (`make run` sets it
# when it starts one): the newsletter's confirm, preferences and unsubscribe pages
# at /<language>/newsletter/…; without it the CMS's own pages (/newsletter/…). The
# one-click unsubscribe of the List-Unsubscribe header is always this CMS's.
FRONTEND_BASE_URL = env("FRONTEND_BASE_URL", "").rstrip("/")
CMS_BASE_URL = env("CMS_BASE_URL", WAGTAILADMIN_BASE_URL)
NEWSLETTER_BATCH_SIZE = int(env("NEWSLETTER_BATCH_SIZE", "100"))
# How long the "manage your preferences" link of an issue or e-mail works.
NEWSLETTER_PREFERENCES_LINK_DAYS = int(env("NEWSLETTER_PREFERENCES_LINK_DAYS", "365"))

# CDN purge on publish (Wagtail's frontend cache), when a purge endpoint is set:
# e.g. FRONTEND_CACHE_PURGE_URL=http://varnish:8000 for an HTTP PURGE backend.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL"):
    WAGTAILFRONTENDCACHE["default"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }

# CDN purge by surrogate key on every change (Fastly's purge API, Varnish xkey,
# Cloudflare through a worker): a POST with the keys in a Surrogate-Key header.
FRONTEND_CACHE_PURGE_KEYS_URL = env("FRONTEND_CACHE_PURGE_KEYS_URL", "")
FRONTEND_CACHE_PURGE_KEYS_TOKEN = env("FRONTEND_CACHE_PURGE_KEYS_TOKEN", "")

# Preview: the admin's Preview opens the frontend of the page's language, which
# fetches the draft with `page(token: …)`. Tokens are valid for an hour.
FRONTEND_PREVIEW_URLS = {
    "en": env("FRONTEND_PREVIEW_URL_EN", "http://localhost:3000/en/preview"),
    "fr": env("FRONTEND_PREVIEW_URL_FR", "http://localhost:3000/fr/preview"),
}
WAGTAIL_HEADLESS_PREVIEW = {
    "CLIENT_URLS": {"default": FRONTEND_PREVIEW_URLS["en"]},
    "REDIRECT_ON_PREVIEW": False,
}
GRAPHQL_PREVIEW_MAX_AGE = int(env("GRAPHQL_PREVIEW_MAX_AGE", "3600"))
GRAPHIQL = False

# Photos (photos app): the largest file an editor may upload, the most pixels an
# image may have (Pillow's decompression-bomb guard; a 200-megapixel TIFF is refused
# by default), and the longest edge of the public web copy renditions are made from
# (the full-resolution file stays private).
PHOTOS_MAX_UPLOAD_BYTES = int(env("PHOTOS_MAX_UPLOAD_BYTES", str(80 * 1024 * 1024)))
PHOTOS_MAX_IMAGE_PIXELS = int(env("PHOTOS_MAX_IMAGE_PIXELS", str(120_000_000)))
PHOTOS_WEB_MAX_EDGE = int(env("PHOTOS_WEB_MAX_EDGE", "2560"))

# Videos (videos app). ffmpeg comes with the imageio-ffmpeg package unless
# VIDEO_FFMPEG_BINARY names another one; it runs with this timeout (seconds).
VIDEO_FFMPEG_BINARY = env("VIDEO_FFMPEG_BINARY")
VIDEO_FFMPEG_TIMEOUT = int(env("VIDEO_FFMPEG_TIMEOUT", "1800"))
VIDEO_X264_PRESET = env("VIDEO_X264_PRESET", "veryfast")
# Renditions made from each master: (name, height in lines), never upscaled.
VIDEO_RENDITIONS = [
    (f"{int(height)}p", int(height))
    for height in env_list("VIDEO_RENDITION_HEIGHTS", "1080,720")
]
VIDEO_KEYFRAME_SECONDS = 1.0
# Partial downloads: the longest clip, and how long a download link lives.
VIDEO_MAX_CLIP_SECONDS = int(env("VIDEO_MAX_CLIP_SECONDS", "600"))
VIDEO_DOWNLOAD_URL_SECONDS = int(env("VIDEO_DOWNLOAD_URL_SECONDS", "900"))
# The streaming preview (videos/hls.py): HLS segments of at least this many seconds,
# byte ranges of the stored renditions; links to a video that is not public
# (a draft's preview) are signed and live this long.
VIDEO_HLS_SEGMENT_SECONDS = float(env("VIDEO_HLS_SEGMENT_SECONDS", "4"))
VIDEO_PREVIEW_URL_SECONDS = int(env("VIDEO_PREVIEW_URL_SECONDS", "14400"))
# The thumbnail track: a tile this wide every VIDEO_THUMBNAIL_SECONDS (more apart
# on long videos, so the sprite holds at most VIDEO_THUMBNAIL_MAX_TILES tiles).
VIDEO_THUMBNAIL_SECONDS = float(env("VIDEO_THUMBNAIL_SECONDS", "2"))
VIDEO_THUMBNAIL_WIDTH = int(env("VIDEO_THUMBNAIL_WIDTH", "160"))
VIDEO_THUMBNAIL_MAX_TILES = int(env("VIDEO_THUMBNAIL_MAX_TILES", "300"))
VIDEO_THUMBNAIL_COLUMNS = 10
# Audio-only renditions for radio, made beside the video ones: "m4a" (AAC),
# "wav" (PCM, 48 kHz, 24-bit).
VIDEO_AUDIO_RENDITIONS = env_list("VIDEO_AUDIO_RENDITIONS", "m4a,wav")
# Clips are cut by the task worker; requestVideoDownload answers with a job.
# Per account: EXACT jobs waiting or running at once, and seconds of new EXACT
# clips in any hour (past either: RATE_LIMITED with retryAfter).
VIDEO_EXACT_CONCURRENT_JOBS = int(env("VIDEO_EXACT_CONCURRENT_JOBS", "2"))
VIDEO_EXACT_SECONDS_PER_HOUR = int(env("VIDEO_EXACT_SECONDS_PER_HOUR", "1800"))
# A worker renews its claim on a clip while it cuts; a claim older than this is
# a lost worker: the clip is queued again (when its job is followed, or on the
# worker's tick), at most VIDEO_CLIP_MAX_ATTEMPTS claims, then FAILED
# (CLIP_WORKER_LOST).
VIDEO_CLIP_LEASE_SECONDS = int(env("VIDEO_CLIP_LEASE_SECONDS", "180"))
VIDEO_CLIP_MAX_ATTEMPTS = int(env("VIDEO_CLIP_MAX_ATTEMPTS", "3"))
# A job that waited this long for its clip is told by e-mail (with a link that
# lives VIDEO_CLIP_EMAIL_LINK_SECONDS) when it is ready.
VIDEO_CLIP_EMAIL_AFTER_SECONDS = int(env("VIDEO_CLIP_EMAIL_AFTER_SECONDS", "60"))
VIDEO_CLIP_EMAIL_LINK_SECONDS = int(env("VIDEO_CLIP_EMAIL_LINK_SECONDS", "86400"))
# A clip no link was issued for in this long is deleted, file and all, by the
# worker (clips being made never are).
VIDEO_CLIP_RETENTION_SECONDS = int(
    env("VIDEO_CLIP_RETENTION_SECONDS", str(7 * 24 * 3600))
)
# How long a user's own downloads can be fetched again (myDownloads).
VIDEO_MY_DOWNLOADS_DAYS = int(env("VIDEO_MY_DOWNLOADS_DAYS", "30"))

# The download basket (basket/): at most this many files and bytes in one zip
# (BASKET_TOO_MANY_ITEMS, BASKET_TOO_LARGE), at most this many zips asked per
# account in any hour (RATE_LIMITED), and how long a zip and its link are kept
# (the worker deletes it after). Files are copied into the zip in chunks of
# BASKET_CHUNK_BYTES, never read whole.
BASKET_MAX_FILES = int(env("BASKET_MAX_FILES", "100"))
BASKET_MAX_BYTES = int(env("BASKET_MAX_BYTES", str(4 * 1024**3)))
BASKET_ZIPS_PER_HOUR = int(env("BASKET_ZIPS_PER_HOUR", "5"))
BASKET_ZIP_RETENTION_SECONDS = int(
    env("BASKET_ZIP_RETENTION_SECONDS", str(3 * 24 * 3600))
)
BASKET_CHUNK_BYTES = 1024 * 1024

# Publish webhooks (webhooks app): how long to wait for a frontend's answer, and how
# often to try. A failed attempt waits the next delay (seconds) in the list, the
# last one repeating, until WEBHOOK_MAX_ATTEMPTS attempts have been made.
WEBHOOK_TIMEOUT_SECONDS = float(env("WEBHOOK_TIMEOUT_SECONDS", "5"))
WEBHOOK_MAX_ATTEMPTS = int(env("WEBHOOK_MAX_ATTEMPTS", "5"))
WEBHOOK_RETRY_DELAYS = [
    int(delay) for delay in env_list("WEBHOOK_RETRY_DELAYS", "10,60,300,1800")
]
