"""Issue #5: the run command creates and prints a demo account for each role per council."""

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.http import HttpRequest

from indicators import access
from indicators.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def councils(db, settings):
    settings.DEBUG = True  # the command is for local use only
    return [f.authority("Durham"), f.authority("Norfolk"), f.authority("Stockton-on-Tees")]


def test_every_council_gets_an_officer_and_an_approver_who_can_sign_in(client, councils):
    out = io.StringIO()
    call_command("create_demo_users", stdout=out)
    printed = out.getvalue()
    for council in councils:
        short = council.slug.split("-")[0]
        for kind, may in (
            (Role.Kind.OFFICER, access.can_enter),
            (Role.Kind.APPROVER, access.can_approve),
        ):
            user = get_user_model().objects.get(username=f"{short}-{kind}")
            assert may(user, council) and user.is_staff and not user.is_superuser
            assert [r.authority for r in Role.objects.filter(user=user)] == [council]
            assert f"{short}-{kind}" in printed and council.name in printed
            # django-axes checks every login against its lockouts, so it needs the request.
            assert client.login(
                request=HttpRequest(), username=user.username, password="scrutiny-demo"
            )
    member = get_user_model().objects.get(username="member")
    assert not member.is_staff and not access.is_staff_role(member)
    assert get_user_model().objects.get(username="admin").is_superuser
    assert "member" in printed and "admin" in printed and "password scrutiny-demo" in printed


def test_running_it_again_changes_no_role(councils):
    call_command("create_demo_users", stdout=io.StringIO())
    roles = sorted(Role.objects.values_list("user__username", "authority__slug", "kind"))
    call_command("create_demo_users", stdout=io.StringIO())
    assert sorted(Role.objects.values_list("user__username", "authority__slug", "kind")) == roles


def test_it_refuses_to_run_in_production(councils, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("create_demo_users", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


def test_the_run_command_creates_them_after_loading_the_seed_data():
    script = (Path(settings.BASE_DIR) / "scripts" / "run.sh").read_text()
    steps = ["manage.py load_seed_data", "manage.py create_demo_users", "manage.py runserver"]
    assert [script.index(step) for step in steps] == sorted(script.index(s) for s in steps)


def test_the_printed_addresses_are_where_the_portal_listens(councils):
    # scripts/run.sh passes its HOST:PORT: a newcomer who set PORT=8080 is sent there.
    out = io.StringIO()
    call_command("create_demo_users", address="127.0.0.1:8080", stdout=out)
    printed = out.getvalue()
    assert "http://127.0.0.1:8080/admin/" in printed
    assert "http://127.0.0.1:8080/officers/" in printed
    assert ":8000" not in printed
    assert '--address "$ADDR"' in (Path(settings.BASE_DIR) / "scripts" / "run.sh").read_text()
