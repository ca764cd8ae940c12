"""Fast writes for hundreds of thousands of rows: COPY on PostgreSQL, bulk_create elsewhere.

insert_rows skips model save(), signals and django-simple-history: callers use it only
for generated or computed rows whose history is the run that made them.
create_with_history writes the audit records too, for figures people enter.
"""

import csv
import io
from itertools import islice

from django.db import connections, models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

BATCH = 50_000


def batches(rows, size=BATCH):
    rows = iter(rows)
    while batch := list(islice(rows, size)):
        yield batch


def insert_rows(model, columns, rows, using="default"):
    """Insert tuples (in the order of `columns`, attribute names such as "indicator_id")
    into the model's table; returns how many rows were written."""
    columns, rows = _with_defaults(model, columns, rows)
    connection = connections[using]
    if connection.vendor == "postgresql":
        return _copy(model, columns, rows, connection)
    written = 0
    for batch in batches(rows, 5_000):
        model.objects.using(using).bulk_create(
            [model(**dict(zip(columns, row, strict=True))) for row in batch]
        )
        written += len(batch)
    return written


def _with_defaults(model, columns, rows):
    """Columns the caller leaves out take the model's default, as a save would: COPY would
    write NULL into a NOT NULL field added after the caller was written (`suppressed`)."""
    missing = [
        f
        for f in model._meta.concrete_fields
        if f.attname not in columns
        and not f.primary_key
        and not f.null
        and (f.has_default() or isinstance(f, (models.CharField, models.TextField)))
    ]
    if not missing:
        return columns, rows
    defaults = tuple(f.get_default() for f in missing)
    return [*columns, *(f.attname for f in missing)], (tuple(row) + defaults for row in rows)


def create_with_history(objs, user=None, reason="", using="default"):
    """Insert new model instances and their django-simple-history "created" records (who,
    when, why), as save() would: an officer's 100,000-row return in seconds. PostgreSQL
    takes ids from the table's sequence and COPYs both tables; elsewhere simple_history's
    bulk_create_with_history does it. Returns how many were written."""
    if not objs:
        return 0
    model = type(objs[0])
    connection = connections[using]
    if connection.vendor != "postgresql":
        bulk_create_with_history(
            objs, model, batch_size=5_000, default_user=user, default_change_reason=reason
        )
        return len(objs)
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, model._meta.pk.column, len(objs)],
        )
        for obj, (pk,) in zip(objs, cursor.fetchall(), strict=True):
            obj.pk = pk
    columns = [f.attname for f in model._meta.concrete_fields]
    insert_rows(model, columns, ([getattr(o, c) for c in columns] for o in objs), using)
    now = timezone.now()
    user_id = getattr(user, "pk", None)
    audit = [now, reason or None, "+", user_id]
    insert_rows(
        model.history.model,
        [*columns, "history_date", "history_change_reason", "history_type", "history_user_id"],
        ([*(getattr(o, c) for c in columns), *audit] for o in objs),
        using,
    )
    return len(objs)


def _copy(model, columns, rows, connection):
    # COPY's CSV format with \N for NULL keeps an empty string ('') apart from NULL.
    fields = {f.attname: f for f in model._meta.concrete_fields}
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(fields[c].column) for c in columns)
    sql = f"COPY {table} ({names}) FROM STDIN WITH (FORMAT csv, NULL '\\N')"
    written = 0
    with connection.cursor() as cursor:
        for batch in batches(rows):
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerows(tuple("\\N" if x is None else x for x in row) for row in batch)
            buffer.seek(0)
            cursor.cursor.copy_expert(sql, buffer)
            written += len(batch)
    return written


def delete_rows(queryset):
    """DELETE in one statement, without loading the rows: QuerySet.delete() would fetch
    every row to send the history signals, a million at a time here."""
    model = queryset.model
    connection = connections[queryset.db]
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    inner, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({inner})", params)
        return cursor.rowcount


def refresh_statistics(using="default"):
    """ANALYZE: the planner's statistics for what was just written, now rather than when
    autovacuum next looks. Until then PostgreSQL plans as if the tables were empty: a
    Norfolk dashboard's latest values, believed one row, were read by ranking the council's
    values again for each value (2-8 s a query instead of milliseconds)."""
    with connections[using].cursor() as cursor:
        cursor.execute("ANALYZE")
