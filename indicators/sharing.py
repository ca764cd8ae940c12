"""Related rows read once and shared, instead of a join that builds them again per row.

A dashboard's 237 values sit in a few dozen periods and a handful of themes: joined with
select_related, each row gets its own copy of each, and building those model instances
cost more than the query. These read each related table once and attach the same
instance to every row that points at it.

Kept (issue 12): prefetch_related also shares instances, but the Durham dashboard rendered
afresh (seeds cloned 10x, SQLite) took 19% more CPU with it, median of 30
(scripts/time_tricks.py); nor can it reuse rows already in hand (councils, periods).
"""


def attach(instances, name, found):
    """Set the foreign key `name` of each instance to its object in `found` ({id: object}),
    as select_related would (no query when it is read), without the descriptor's checks."""
    if not instances:
        return
    field = type(instances[0])._meta.get_field(name)
    attname = field.attname
    for instance in instances:
        key = getattr(instance, attname)
        related = found.get(key)
        # One missing (deleted since) is left to load, or fail, when it is read.
        if related is not None or key is None:
            field.set_cached_value(instance, related)


def attach_from_db(instances, name, known=None):
    """attach() with the related rows read in one query (none when `known`, {id: object},
    already holds them all). Returns every related object by id."""
    if not instances:
        return dict(known or {})
    field = type(instances[0])._meta.get_field(name)
    found = dict(known or {})
    wanted = {getattr(i, field.attname) for i in instances} - {None} - set(found)
    if wanted:
        found.update(field.related_model._base_manager.order_by().in_bulk(wanted))
    attach(instances, name, found)
    return found
