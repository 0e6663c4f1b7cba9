"""Settings for Kulturmetropolen, driven by environment variables.

Every setting that differs between a laptop and production is read from the environment
(see `.env.example`). The typed defaults are gathered at the top; with ``DEBUG`` off the
site refuses to start without a real ``SECRET_KEY`` and ``ALLOWED_HOSTS``.
"""

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from . import api_settings

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    return int(value) if value.strip() else default


# --- Environment ------------------------------------------------------------------------
DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
DATABASE_POOL_MAX_SIZE = env_int("DATABASE_POOL_MAX_SIZE", 4)
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Kulturmetropolen <noreply@localhost>")
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# Seconds the mail queue's worker (send_queued_mail) waits for the mail server; no request
# ever talks to it.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
# Where new submissions and pending changes are announced.
SECRETARIAT_EMAIL = os.environ.get("SECRETARIAT_EMAIL", "sekretariat@localhost")
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
# How many proxies in front of the app servers append to X-Forwarded-For: the client's address
# is the entry that many from the right (core.clients.client_ip). 0 = none: the address of
# the connection. gunicorn.conf.py trusts forwarded headers only when it is above 0.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
if TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("TRUSTED_PROXY_COUNT must be 0 or more.")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
# Where the Django admin lives (the secretariat's tool); a less guessable path is allowed.
ADMIN_URL = os.environ.get("ADMIN_URL", "admin/").strip().strip("/") + "/"
# Origins besides the site's own that may serve images (e.g. an object store for media).
CSP_EXTRA_IMG_SRC = env_list("CSP_EXTRA_IMG_SRC")

if not DEBUG:
    if not SECRET_KEY or SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set to a random value of at least 50 characters when DEBUG "
            "is off. Generate one with: python -c 'import secrets; "
            "print(secrets.token_urlsafe(64))'"
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "ALLOWED_HOSTS must list the site's host names (comma-separated) when DEBUG is off."
        )
else:
    SECRET_KEY = SECRET_KEY or "django-insecure-development-key-do-not-use-in-production"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]", "testserver"]

# --- Applications -------------------------------------------------------------------------
INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "axes",
    "post_office",
    "core",
    "accounts",
    "municipalities",
    "events",
    "pages",
    "imports",
]

MIDDLEWARE = [
    # Content-Security-Policy and Permissions-Policy on every response: also on redirects,
    # pages from the page cache and static files.
    "core.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A NUL character in the path, query string, form or cookies: 400 before any view or
    # the page cache sees it (PostgreSQL cannot hold it).
    "core.inputs.RejectNulMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Serves anonymous visitors' public pages from the shared cache (PAGE_CACHE_SECONDS).
    "core.pagecache.AnonymousPageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Fetches of venues' calendars made while answering a request get a short time budget.
    "imports.fetch_deadline.RequestBudgetMiddleware",
    # A ceiling on anonymous requests' SQL (ANONYMOUS_STATEMENT_TIMEOUT_MS): 503, not a stall.
    "core.ceiling.AnonymousStatementTimeoutMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes requires: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kulturmetropolen.urls"
WSGI_APPLICATION = "kulturmetropolen.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.site",
                "municipalities.context_processors.navigation",
            ],
        },
    },
]

# --- Database -----------------------------------------------------------------------------
DATABASES = {"default": dj_database_url.parse(DATABASE_URL)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's built-in psycopg 3 pool; CONN_MAX_AGE must stay 0 with it.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
        "min_size": 1,
        "max_size": DATABASE_POOL_MAX_SIZE,
        "timeout": 10,
    }
    # No JIT: it added 25-60 ms to the site's 30-70 ms queries (docs/ceiling.md).
    DATABASES["default"]["OPTIONS"].setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# PostgreSQL: an anonymous request's SQL statements may take this many ms in all (time
# outside statements does not count); a statement that runs past it is cancelled and the
# visitor gets a 503 with Retry-After (core/ceiling.py). Staff are not limited. 0: no limit.
ANONYMOUS_STATEMENT_TIMEOUT_MS = env_int("ANONYMOUS_STATEMENT_TIMEOUT_MS", 2000)

# --- Authentication -----------------------------------------------------------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Those who log in on the site (not the admin) are venue staff: straight to their events.
LOGIN_REDIRECT_URL = "staff:dashboard"
LOGOUT_REDIRECT_URL = "home"

# --- Accounts -----------------------------------------------------------------------------
# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one user name
# from one address, that pair is locked for the cool-off time; another address is not.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# Only failed attempts are recorded (and deleted on success or after the cool-off); no log of
# every login with address and browser, which nothing uses (see /privatliv/).
AXES_DISABLE_ACCESS_LOG = True
# The client's address behind TRUSTED_PROXY_COUNT proxies; also the key of the API throttle
# and of the access-request and password-reset limits.
AXES_CLIENT_IP_CALLABLE = "core.clients.client_ip"
# A failed login's user name is recorded cut to the user model's 150 characters (axes stores
# 255; a longer name was a 500).
AXES_USERNAME_CALLABLE = "accounts.clients.axes_username"
# The public "request access for your venue" form: at most this many requests per address
# per hour.
ACCESS_REQUEST_RATE_LIMIT = env_int("ACCESS_REQUEST_RATE_LIMIT", 5)
# Password reset: at most this many reset e-mails per address per hour (more requests answer
# the same but queue nothing), and this many requests per client address per hour (then 429).
PASSWORD_RESET_MAILS_PER_ADDRESS = env_int("PASSWORD_RESET_MAILS_PER_ADDRESS", 3)
PASSWORD_RESET_RATE_LIMIT = env_int("PASSWORD_RESET_RATE_LIMIT", 10)

# --- Language and time --------------------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

# --- Static and media files ---------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
try:
    MEDIA_STORAGE_OPTIONS = json.loads(os.environ.get("MEDIA_STORAGE_OPTIONS") or "{}")
except json.JSONDecodeError as error:
    raise ImproperlyConfigured(f"MEDIA_STORAGE_OPTIONS is not valid JSON: {error}") from error
STORAGES = {
    # Uploaded images go through Django's storage API: an S3-compatible object store is a
    # setting (MEDIA_STORAGE=storages.backends.s3.S3Storage and its options as JSON in
    # MEDIA_STORAGE_OPTIONS; see docs/operations.md), not a code change.
    "default": {
        "BACKEND": os.environ.get("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage"),
        "OPTIONS": MEDIA_STORAGE_OPTIONS,
    },
    # django-post-office's attachments (none are ever made); outside MEDIA_ROOT, never served.
    "mail_attachments": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(BASE_DIR / "mail-attachments")},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_MAX_AGE = 31_536_000 if not DEBUG else 0
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 12_582_912

# --- Cache --------------------------------------------------------------------------------
# REDIS_URL switches to Django's Redis backend (shared by every app server); without it
# each process keeps a local-memory cache. With Redis unreachable the site keeps serving,
# uncached (core/cache.py); the timeouts bound what a hanging Redis costs.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "core.cache.ForgivingRedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Whole public pages for anonymous visitors, shared through the cache (see pagecache.py).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 0 if DEBUG else 300)
# Rendered event cards and page fragments (strips, lists, header, footer), reused across
# pages and filters under the content version (events/templatetags/cards.py,
# core/templatetags/fragments.py).
CARD_CACHE_SECONDS = env_int("CARD_CACHE_SECONDS", 0 if DEBUG else 3600)

# --- E-mail -------------------------------------------------------------------------------
# Every e-mail is queued (core.mail) and sent by `manage.py send_queued_mail` (post_office).
POST_OFFICE = {
    # A message the mail server refuses is tried again this many times, RETRY_INTERVAL apart,
    # then marked failed for the secretariat (admin → E-mails).
    "MAX_RETRIES": env_int("MAIL_MAX_RETRIES", 9),
    "RETRY_INTERVAL": timedelta(minutes=env_int("MAIL_RETRY_MINUTES", 10)),
    "DEFAULT_PRIORITY": "medium",
    # In the order queued, one at a time (a message the server refuses is retried later).
    "SENDING_ORDER": ["-priority", "id"],
    "THREADS_PER_PROCESS": 1,
    "LOG_LEVEL": 2,  # one log row per attempt, sent or failed: each message's history
    "BATCH_DELIVERY_TIMEOUT": 180,
    # Its attachment model needs a storage when the app loads (none is sent); not MEDIA_STORAGE.
    "FILE_STORAGE": "mail_attachments",
}
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)

# --- Security -----------------------------------------------------------------------------
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^livez$"]
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Session and CSRF cookies: HTTPS only and, in production, with the __Host- prefix (which
# browsers accept only from a secure origin, for path /, without a Domain).
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"
SESSION_COOKIE_HTTPONLY = True
# Messages after a save travel in the session, not in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
# No script of the site reads the CSRF cookie; forms carry the token in a hidden field.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
# Enforced by core.security. Only the site's own files: no inline script or
# style, nothing from other sites. The embeddable list alone may be framed by others.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", *CSP_EXTRA_IMG_SRC],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# Features no page uses, switched off for the page and any frame in it.
# fmt: off
PERMISSIONS_POLICY = dict.fromkeys((
    "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
    "magnetometer", "microphone", "midi", "payment", "usb", "browsing-topics",
), ())
# fmt: on

# --- Logging ------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # The mail queue's worker: through the site's handler, once (django-post-office adds a
        # handler of its own to a logger that has none).
        "post_office": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Public API, feeds and embeds ---------------------------------------------------------
REST_FRAMEWORK = api_settings.rest_framework(TRUSTED_PROXY_COUNT)
SPECTACULAR_SETTINGS = api_settings.SPECTACULAR_SETTINGS
# CORS: the API and the feeds may be read from any site, with GET only.
CORS_URLS_REGEX = r"^/(api/|.*\.ics$|.*feed)"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# --- Site ---------------------------------------------------------------------------------
LISTING_PAGE_SIZE = 20

# --- Imports: fetching venues' calendars and pages (imports/fetch.py) ----------------------
# Public internet addresses only. IMPORTS_ALLOW_LOOPBACK lets 127.0.0.1 and ::1 through (tests,
# a calendar served on a laptop), never another internal range; read only with DEBUG on.
IMPORTS_ALLOW_LOOPBACK = DEBUG and env_bool("IMPORTS_ALLOW_LOOPBACK", False)
IMPORTS_CONNECT_SECONDS = env_int("IMPORTS_CONNECT_SECONDS", 5)  # per connection attempt
IMPORTS_TOTAL_SECONDS = env_int("IMPORTS_TOTAL_SECONDS", 30)  # whole fetch, redirects included
IMPORTS_MAX_REDIRECTS = 5
# Inside a web request: per fetch, and for all of its fetches (under gunicorn's 30 s timeout).
IMPORTS_REQUEST_SECONDS = env_int("IMPORTS_REQUEST_SECONDS", 15)
IMPORTS_REQUEST_TOTAL_SECONDS = env_int("IMPORTS_REQUEST_TOTAL_SECONDS", 20)
# A listing page's linked pages are read one after another while this lasts (seconds).
IMPORTS_LISTING_SECONDS = env_int("IMPORTS_LISTING_SECONDS", 120)
# Body bytes per kind of document, counted after decompression. A 5,000-event ICS is ~3 MB.
IMPORTS_MAX_BYTES = {
    "ics": env_int("IMPORTS_MAX_ICS_BYTES", 20 * 1024 * 1024),
    "page": env_int("IMPORTS_MAX_PAGE_BYTES", 5 * 1024 * 1024),
    "image": 10 * 1024 * 1024,  # the upload limit of events/images.py
}
