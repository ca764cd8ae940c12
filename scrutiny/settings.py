"""One settings module, driven by the environment (see README, "Configuration").

Local use needs no configuration: SQLite in var/, DEBUG on, localhost only.
Production sets DEBUG=False, SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL; DEBUG=False
switches on the HTTPS hardening that `manage.py check --deploy` asks for.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

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
        raise ImproperlyConfigured("Set SECRET_KEY (or SECRET_KEY_FILE) when DEBUG=False.")
    # Local use: a random key kept beside the SQLite file, so sessions survive restarts.
    from django.core.management.utils import get_random_secret_key

    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(get_random_secret_key())
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = envbool("DEBUG", "True")
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
    "indicators",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

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

LOGIN_URL = "admin:login"

# Issue #5: a change bigger than this share of the previous period's figure needs a note
# (a warning the officer confirms, not a block). 0.25 = 25%.
SCRUTINY_CHANGE_NOTE_SHARE = os.environ.get("SCRUTINY_CHANGE_NOTE_SHARE", "0.25")

# Issue #11: limits on an import (indicators/imports/reading.py lists them all). Rows a file
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
