"""The officer and approver groups with their permissions, so a new portal needs no shell
(issue 13: only create_demo_users made them, and it refuses to run in production)."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

from indicators.access import role_groups


def create_role_groups(apps, schema_editor):
    # Permissions are normally created after migrating; the groups need them now.
    for label in ("contenttypes", "auth", "indicators"):
        create_permissions(global_apps.get_app_config(label), verbosity=0)
    role_groups(apps.get_model("auth", "Group"), apps.get_model("auth", "Permission"))


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0010_official_statistics"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_role_groups, migrations.RunPython.noop)]
