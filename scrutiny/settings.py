"""One settings module, driven by the environment (see README, "Configuration").

DEBUG is off unless the environment turns it on: production needs SECRET_KEY,
ALLOWED_HOSTS and DATABASE_URL, and gets the HTTPS hardening that `manage.py check --deploy`
asks for. Local use sets DEBUG=true (`make run` and the tests do): SQLite in var/, a
throwaway secret key, localhost only.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from scrutiny.csp import inline_style_hash, plotly_style_hashes

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("SCRUTINY_VAR_DIR", BASE_DIR / "var"))


def envbool(name, default):
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name, default):
    return int(os.environ.get(name, default))


def envlist(name, default):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _secret_key():
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    if os.environ.get("SECRET_KEY_FILE"):
        return Path(os.environ["SECRET_KEY_FILE"]).read_text().strip()
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set SECRET_KEY (or SECRET_KEY_FILE) when DEBUG=False. DEBUG is off unless the "
            "environment says DEBUG=true; for local use `make run` sets it."
        )
    # Local use: a random key kept beside the SQLite file, so sessions survive restarts.
    from django.core.management.utils import get_random_secret_key

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


# Off unless asked for: a server started without configuration must not show tracebacks.
DEBUG = envbool("DEBUG", "False")
SECRET_KEY = _secret_key()
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tables2",
    "simple_history",
    "axes",
    "csp",
    "indicators",
    "officers",
    "papers",
    "reports",
    "meetings",
]
# The national data set for load tests (`manage.py generate_national_dataset`) is a tool run
# from the repository, not part of the portal: installed only when asked (the test settings
# and scripts/benchmark.py ask), and not shipped in the package.
if envbool("SCRUTINY_LOADTEST", "False"):
    INSTALLED_APPS.append("loadtest")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-axes checks every login against its lockouts before Django's own backend.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# The audit trail's "why" as text, not varchar(100): officers' reasons ("Sent back: ...",
# "Imported from <a long file name>") run past 100 characters, which PostgreSQL refused
# with a 500. The forms bound a reason at officers.returns.audit.REASON_MAX_LENGTH.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

ROOT_URLCONF = "scrutiny.urls"
WSGI_APPLICATION = "scrutiny.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'scrutiny.sqlite3'}",
        conn_max_age=envint("DB_CONN_MAX_AGE", "60"),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# No state in a worker process that another needs: sessions and the shared cache live in
# the database, so any app server behind a load balancer can answer any request
# (docs/deploy.md). The cache table
# is made by `manage.py createcachetable` (scripts/run.sh, the release step; tests do it).
SESSION_ENGINE = "django.contrib.sessions.backends.db"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "scrutiny_cache",
    },
    # Rendered dashboards, each server's own, looked up under the database's data version
    # (reports/page_cache.py): never stale, so nothing to share. At most about 0.5 MB a
    # national-scale dashboard; the least recently used go first.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "scrutiny-pages",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 100},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
# WhiteNoise serves static files from the app servers: council intranets have no CDN.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
# plotly.js's path carries its version (reports/plotly_js.py): cached for good, like a hashed name.
WHITENOISE_IMMUTABLE_FILE_TEST = r"/plotly-basic-[^/]+/plotly-basic\.min\.js$"

LOGIN_URL = "admin:login"
# After login without a safe ?next=: officers and approvers to their returns, others home.
LOGIN_REDIRECT_URL = "after_login"

# Login throttling (django-axes, records in the database so every app server sees them):
# AXES_FAILURE_LIMIT wrong passwords for one username from one address lock that pair out
# for AXES_COOLOFF_MINUTES, counted from the last failure (a failure while locked out starts
# the wait again). A right password before the limit clears the count. Another user, or the
# same user from another address, is not affected.
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "scrutiny.views.locked_out"
# The client's address. Behind TRUSTED_PROXY_COUNT reverse proxies (the TLS terminator is
# one), it is the entry the nearest proxy appended to X-Forwarded-For; a chain longer than
# the proxies would make (a client adding its own header) is not believed, and the proxy's
# own address stands instead. With 0, gunicorn faces clients and REMOTE_ADDR is the client.
TRUSTED_PROXY_COUNT = envint("TRUSTED_PROXY_COUNT", "0")
if TRUSTED_PROXY_COUNT:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # ipware counts the proxies named in the header; the nearest one is REMOTE_ADDR.
    AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXY_COUNT - 1
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)

# Sessions end after SESSION_IDLE_MINUTES without a request (each request moves the expiry
# on) and when the browser closes.
SESSION_COOKIE_AGE = envint("SESSION_IDLE_MINUTES", "30") * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Content-Security-Policy (django-csp): scripts and styles from the portal only; plotly.js
# is a static file of the portal's own (reports/plotly_js.py). No inline scripts at all: charts
# read their figures from JSON data blocks. An inline <style> needs the request's nonce
# (never in a remembered page: reports/page_cache.py); the committee-table download's print
# styles and plotly.js's own stylesheets are fixed, allowed by their hashes (scrutiny/csp.py).
# No style attributes: 'unsafe-inline' would let injected markup restyle a page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [
            SELF,
            NONCE,
            inline_style_hash(BASE_DIR / "templates/exports/includes/print_style.html"),
            *plotly_style_hashes(),
        ],
        # plotly.js's bundled map library probes for WebP with a data: image when loaded;
        # an image cannot run script.
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

# Issue #5: a change bigger than this share of the previous period's figure needs a note
# (a warning the officer confirms, not a block). 0.25 = 25%.
SCRUTINY_CHANGE_NOTE_SHARE = os.environ.get("SCRUTINY_CHANGE_NOTE_SHARE", "0.25")

# Issue #13: months after its period ends that a figure still counts as current on a
# dashboard, per frequency ("annual=36,monthly=4"); the rest keep the defaults of
# indicators/rules/staleness.py (monthly 3, quarterly 6, termly 12, annual 24).
SCRUTINY_STALE_AFTER_MONTHS = os.environ.get("SCRUTINY_STALE_AFTER_MONTHS", "")

# Issue #11: limits on an import (officers/imports/reading.py lists them all). Rows a file
# through the web (a council's year of monthly returns is a few thousand); the command line
# allows more (--max-rows overrides), for a council's history. The preview lists at most
# SCRUTINY_IMPORT_MAX_REJECTIONS rejections and counts the rest.
SCRUTINY_IMPORT_MAX_ROWS = envint("SCRUTINY_IMPORT_MAX_ROWS", "20000")
SCRUTINY_IMPORT_MAX_ROWS_COMMAND = envint("SCRUTINY_IMPORT_MAX_ROWS_COMMAND", "200000")
SCRUTINY_IMPORT_MAX_REJECTIONS = envint("SCRUTINY_IMPORT_MAX_REJECTIONS", "200")
# Periods a value or benchmark may be for: none starting before this year, and none ending
# more than this many days after today (a return cannot report the future).
SCRUTINY_EARLIEST_YEAR = envint("SCRUTINY_EARLIEST_YEAR", "2000")
SCRUTINY_FUTURE_DAYS = envint("SCRUTINY_FUTURE_DAYS", "31")
# Previewed uploads wait here for the officer's confirm: shared by every app server (the
# database), forgotten after SCRUTINY_UPLOAD_HOURS; `manage.py clear_pending_uploads` deletes
# the expired ones.
SCRUTINY_UPLOAD_HOURS = envint("SCRUTINY_UPLOAD_HOURS", "2")
CACHES["uploads"] = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "scrutiny_uploads",
    "TIMEOUT": SCRUTINY_UPLOAD_HOURS * 3600,
    # Culling is by the cleanup command and expiry, never by count: a pending upload must
    # not vanish because others arrived.
    "OPTIONS": {"MAX_ENTRIES": 1_000_000},
}

# Remember rendered dashboards until the data changes (reports/page_cache.py). Off only to
# measure or debug the rendering itself.
SCRUTINY_PAGE_CACHE = os.environ.get("SCRUTINY_PAGE_CACHE", "on") != "off"

# Chromium prints PDFs (about 1 s and several hundred MB each): at most this many at once
# per machine, across all workers (reports/exports/pdf.py); a request waits this many
# seconds for a place, then gets 503 with Retry-After.
SCRUTINY_CHROMIUM_SLOTS = envint("SCRUTINY_CHROMIUM_SLOTS", "2")
SCRUTINY_CHROMIUM_WAIT = float(os.environ.get("SCRUTINY_CHROMIUM_WAIT", "20"))

# Production hardening follows DEBUG, not a second settings file.
if not DEBUG:
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "True")
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "31536000")
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "False")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_REFERRER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    SILENCED_SYSTEM_CHECKS = envlist("SILENCED_SYSTEM_CHECKS", "security.W021")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
    },
}
