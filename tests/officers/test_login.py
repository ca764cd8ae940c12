"""Issue 11: signing in. Guessing passwords is throttled (django-axes), a login lands on a
real page, and a session ends when idle or when the browser closes."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.utils import timezone

from .conftest import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
WRONG = "not-the-password"


def sign_in(client, username, password, next_url="/admin/", address="192.0.2.10"):
    data = {"username": username, "password": password}
    if next_url is not None:
        data["next"] = next_url
    return client.post(LOGIN, data, REMOTE_ADDR=address)


def signed_in(client):
    return "_auth_user_id" in client.session


def guess_wrong(client, username, times, address="192.0.2.10"):
    return [sign_in(client, username, WRONG, address=address).status_code for _ in range(times)]


# --- throttling -------------------------------------------------------------------------


def test_five_wrong_passwords_lock_the_username_out_and_the_right_one_is_refused(
    client, durham_officer
):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert guess_wrong(client, "durham-officer", 4) == [200] * 4  # the form, with its error
    assert guess_wrong(client, "durham-officer", 1) == [429]

    response = sign_in(client, "durham-officer", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Signing in is paused" in page
    assert "5 wrong passwords in a row" in page and "15 minutes" in page
    assert "durham-officer" in page
    assert '<link rel="stylesheet"' in page  # the portal's page, not a bare message
    assert not signed_in(client)


def test_another_user_or_another_address_is_not_locked_out(client, durham_officer, durham):
    make_user("durham-approver", durham, "approver")
    guess_wrong(client, "durham-officer", 5)
    assert sign_in(client, "durham-officer", PASSWORD).status_code == 429

    assert sign_in(client, "durham-approver", PASSWORD).status_code == 302
    assert signed_in(client)
    client.logout()
    response = sign_in(client, "durham-officer", PASSWORD, address="198.51.100.20")
    assert response.status_code == 302 and signed_in(client)


def test_after_the_cool_off_the_right_password_works_again(client, durham_officer):
    guess_wrong(client, "durham-officer", 5)
    attempt = AccessAttempt.objects.get(username="durham-officer")
    assert attempt.failures_since_start == 5

    # 14 minutes after the last failure: still locked out.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert sign_in(client, "durham-officer", PASSWORD).status_code == 429
    # That attempt started the wait again; 16 minutes after it, the lockout is over.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    response = sign_in(client, "durham-officer", PASSWORD)
    assert response.status_code == 302 and signed_in(client)


def test_a_right_password_clears_the_count_of_wrong_ones(client, durham_officer):
    guess_wrong(client, "durham-officer", 4)
    assert sign_in(client, "durham-officer", PASSWORD).status_code == 302
    client.logout()
    assert guess_wrong(client, "durham-officer", 4) == [200] * 4
    assert sign_in(client, "durham-officer", PASSWORD).status_code == 302


ROOT = Path(__file__).resolve().parents[2]
CLIENT_ADDRESS = """
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
for forwarded in ["203.0.113.7", "198.51.100.1, 203.0.113.7", ""]:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    request = RequestFactory().post("/admin/login/", REMOTE_ADDR="127.0.0.1", **extra)
    print(get_client_ip_address(request))
"""


def client_addresses(tmp_path, **env):
    environment = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "TRUSTED_PROXY_COUNT"}
    }
    environment.update(DEBUG="true", SCRUTINY_VAR_DIR=str(tmp_path), **env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", CLIENT_ADDRESS],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_behind_the_tls_terminator_the_address_is_the_one_it_forwarded(tmp_path):
    """docs/deploy.md: gunicorn listens on loopback behind one proxy, which appends the
    client's address to X-Forwarded-For. A client adding its own header cannot pick the
    address it is counted under (and so cannot escape its lockout)."""
    assert client_addresses(tmp_path, TRUSTED_PROXY_COUNT="1") == [
        "203.0.113.7",
        "127.0.0.1",  # a forged chain is not believed
        "127.0.0.1",
    ]
    # Facing clients directly, the header is the client's own: never believed.
    assert client_addresses(tmp_path) == ["127.0.0.1"] * 3


# --- where a login lands ----------------------------------------------------------------


def test_an_unsafe_next_lands_officers_on_their_returns(client, durham_officer):
    response = client.post(
        f"{LOGIN}?next=https://evil.example/",
        {"username": "durham-officer", "password": PASSWORD, "next": "https://evil.example/"},
        follow=True,
    )
    assert [url for url, _ in response.redirect_chain] == ["/signed-in/", "/officers/"]
    assert response.status_code == 200


def test_an_unsafe_next_lands_other_staff_on_the_home_page(client):
    get_user_model().objects.create_user("clerk", password=PASSWORD, is_staff=True)
    response = sign_in(client, "clerk", PASSWORD, next_url="https://evil.example/")
    assert response.status_code == 302 and response.url == "/signed-in/"
    response = client.get("/signed-in/", follow=True)
    assert response.redirect_chain == [("/", 302)] and response.status_code == 200


def test_a_safe_next_is_honoured(client, durham_officer, durham):
    response = sign_in(client, "durham-officer", PASSWORD, next_url="/councils/durham/")
    assert response.status_code == 302 and response.url == "/councils/durham/"


# --- sessions ---------------------------------------------------------------------------


def test_a_session_ends_after_thirty_idle_minutes_and_at_browser_close(client, durham_officer):
    response = sign_in(client, "durham-officer", PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # gone when the browser closes

    session = Session.objects.get()
    idle = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < idle <= timedelta(minutes=30)

    # Each request moves the expiry on: 20 minutes later, 30 minutes are left again.
    Session.objects.update(expire_date=timezone.now() + timedelta(minutes=10))
    assert client.get("/officers/").status_code == 200
    assert Session.objects.get().expire_date - timezone.now() > timedelta(minutes=29)

    # 31 minutes without a request: signed out.
    Session.objects.update(expire_date=timezone.now() - timedelta(minutes=1))
    response = client.get("/officers/")
    assert response.status_code == 302 and response.url.startswith(LOGIN)
