"""Issue 13: a new portal has the officer and approver groups without a shell (a data
migration makes them from the one definition in indicators/access.py)."""

import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from indicators import access

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("indicators.migrations.0011_role_groups")


def test_the_migration_makes_each_role_group_with_its_permissions():
    # From nothing, as on a new database (another test may have flushed the migrated one).
    Group.objects.all().delete()
    Permission.objects.filter(content_type__app_label="indicators").delete()
    MIGRATION.create_role_groups(apps, None)
    for name, codenames in access.ROLE_GROUPS.values():
        group = Group.objects.get(name=name)
        assert sorted(group.permissions.values_list("codename", flat=True)) == sorted(codenames)


def test_the_demo_command_reuses_the_same_groups(settings):
    MIGRATION.create_role_groups(apps, None)
    before = set(Group.objects.values_list("pk", flat=True))
    settings.DEBUG = True
    call_command("create_demo_users", stdout=io.StringIO())
    assert set(Group.objects.values_list("pk", flat=True)) == before
