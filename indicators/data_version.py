"""The data version: a token that changes with every write to the tables the member pages
read, so a rendered page can be remembered until the data behind it changes.

Triggers rather than Django signals: bulk loads (bulk_create, PostgreSQL COPY, queryset
update) send no signals, and a page remembered across one of them would show a stale
figure. The database fires a trigger for every statement that writes, whoever runs it, in
the writer's transaction: readers see the new token exactly when they see the new rows.

The token is random, never a counter: a counter rolled back with a transaction would be
reused by the next writer, and a page remembered under it would match different data.
"""

from django.apps import apps as global_apps
from django.core.exceptions import ImproperlyConfigured

TABLE = "indicators_dataversion"
FUNCTION = "scrutiny_data_changed"
TRIGGER = "scrutiny_data_changed"

# Random 32 hex digits, in each database's own SQL.
NEW_TOKEN = {
    "postgresql": "md5(random()::text || clock_timestamp()::text)",
    "sqlite": "lower(hex(randomblob(16)))",
}


def watched_tables(apps=global_apps):
    """Every table of the indicators app, many-to-many tables included, except the audit
    history (written alongside the tables it records) and the version itself."""
    tables = []
    for model in apps.get_app_config("indicators").get_models(include_auto_created=True):
        table = model._meta.db_table
        if model._meta.managed and not model._meta.proxy and table != TABLE:
            if not model.__name__.startswith("Historical"):
                tables.append(table)
    return sorted(set(tables))


def install(schema_editor, tables):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN UPDATE {TABLE} SET token = {NEW_TOKEN[vendor]}; RETURN NULL; END $$"
        )
        for table in tables:
            # Once per statement, not per row: a 100,000-row COPY changes the token once.
            schema_editor.execute(
                f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f'ON "{table}" FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()'
            )
    elif vendor == "sqlite":
        # SQLite has row triggers only.
        for table in tables:
            for event in ("INSERT", "UPDATE", "DELETE"):
                schema_editor.execute(
                    f'CREATE TRIGGER "{TRIGGER}_{table}_{event.lower()}" AFTER {event} '
                    f'ON "{table}" BEGIN UPDATE {TABLE} SET token = {NEW_TOKEN[vendor]}; END'
                )
    else:
        # The portal supports these two databases (README); any other would serve stale
        # dashboards without the triggers, so the migration stops here rather than pass.
        raise ImproperlyConfigured(
            f"Use PostgreSQL or SQLite: there are no data-version triggers for {vendor}."
        )
    schema_editor.execute(f"DELETE FROM {TABLE}")
    schema_editor.execute(f"INSERT INTO {TABLE} (id, token) VALUES (1, {NEW_TOKEN[vendor]})")


def uninstall(schema_editor, tables):
    vendor = schema_editor.connection.vendor
    for table in tables:
        if vendor == "postgresql":
            schema_editor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}"')
        else:
            for event in ("insert", "update", "delete"):
                schema_editor.execute(f'DROP TRIGGER IF EXISTS "{TRIGGER}_{table}_{event}"')
    if vendor == "postgresql":
        schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")


def reinstall(apps, schema_editor):
    """RunPython for a migration that alters the app's tables: SQLite alters a table by
    rebuilding it, which drops its triggers."""
    tables = watched_tables(apps)
    uninstall(schema_editor, tables)
    install(schema_editor, tables)


def triggered_tables(connection):
    """The tables that carry the trigger, read from the database's catalogue."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT DISTINCT event_object_table FROM information_schema.triggers "
                "WHERE trigger_name = %s",
                [TRIGGER],
            )
        else:
            cursor.execute(
                "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE %s",
                [f"{TRIGGER}%"],
            )
        return sorted(row[0] for row in cursor.fetchall())


def current_token():
    """The token now, or None when there is none (a test database flushed between tests):
    then nothing is remembered."""
    from .models import DataVersion

    return DataVersion.objects.values_list("token", flat=True).first()
