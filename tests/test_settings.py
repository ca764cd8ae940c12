"""Production settings pass Django's deployment checklist; the environment drives them."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def manage(*args, **env):
    # The browser tests' DJANGO_ALLOW_ASYNC_UNSAFE belongs to the test process, not production,
    # and the suite's own DEBUG=true (scrutiny/settings_for_tests.py) must not hide a default.
    inherited = {
        "DATABASE_URL",
        "DJANGO_ALLOW_ASYNC_UNSAFE",
        "DJANGO_SETTINGS_MODULE",
        "DEBUG",
        "SECRET_KEY",
        "SECRET_KEY_FILE",
        "TRUSTED_PROXY_COUNT",
    }
    environment = {k: v for k, v in os.environ.items() if k not in inherited}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DEBUG="False",
        SECRET_KEY="x" * 20 + "a-long-random-production-secret-key-123",
        ALLOWED_HOSTS="portal.example.gov.uk",
        SCRUTINY_VAR_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    result = manage("check", DEBUG="False", SECRET_KEY="", SCRUTINY_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_debug_is_off_when_the_environment_does_not_say(tmp_path):
    """A server started with no configuration shows no tracebacks, and so needs a secret."""
    refused = manage("check", SCRUTINY_VAR_DIR=str(tmp_path))
    assert refused.returncode != 0
    assert "Set SECRET_KEY (or SECRET_KEY_FILE) when DEBUG=False" in refused.stderr
    assert "DEBUG=true" in refused.stderr  # and how to get local use

    shown = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.SECURE_SSL_REDIRECT)",
        SECRET_KEY="a-long-random-production-secret-key-" + "y" * 20,
        SCRUTINY_VAR_DIR=str(tmp_path),
    )
    assert shown.stdout.split() == ["False", "True"], shown.stderr
    assert not (tmp_path / "secret_key").exists()  # no throwaway key was made


def test_local_use_turns_debug_on_explicitly(tmp_path):
    """`make run` says DEBUG=true; then no configuration is needed."""
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        DEBUG="true",
        SCRUTINY_VAR_DIR=str(tmp_path),
    )
    assert result.stdout.strip() == "True", result.stderr
    run_script = (ROOT / "scripts" / "run.sh").read_text()
    assert "export DEBUG=true" in run_script


def test_database_url_selects_postgresql(tmp_path):
    result = manage(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])",
        DATABASE_URL="postgres://u@127.0.0.1:5999/x",
        DEBUG="true",
        SCRUTINY_VAR_DIR=str(tmp_path),
    )
    assert result.stdout.strip() == "django.db.backends.postgresql"


@pytest.mark.django_db
def test_sessions_and_the_cache_are_shared_through_the_database(client, django_user_model):
    """Any app server can answer any request: nothing is kept in a worker process."""
    from django.contrib.sessions.models import Session
    from django.core.cache import cache
    from django.db import connection

    django_user_model.objects.create_user("member", password="x")
    client.force_login(django_user_model.objects.get(username="member"))
    assert Session.objects.count() == 1

    cache.set("shared", "by every worker")
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM scrutiny_cache")
        assert cursor.fetchone()[0] == 1
