"""`field__in_ids=[...]`: the SQL of `__in`, for a list of plain integer ids.

A dashboard filters seven queries by its 237 indicators or values. Django's `__in`
prepares every id of a foreign key one by one (a few microseconds each, about 1.5 ms a
query); these are ids the page has just read, so this takes them as integers. The SQL,
and so the database's plan, is the same as `__in`'s.

Kept (issue 12): with plain `__in` the Durham dashboard rendered afresh (seeds cloned 10x,
SQLite) took 20-24% more CPU, median of 30 (scripts/time_tricks.py).
"""

from django.db.models import ForeignObject, IntegerField
from django.db.models.lookups import In


class InIds(In):
    lookup_name = "in_ids"

    def get_prep_lookup(self):
        if hasattr(self.rhs, "resolve_expression"):  # a subquery: as __in
            return super().get_prep_lookup()
        return [int(i) for i in self.rhs if i is not None]

    def batch_process_rhs(self, compiler, connection, rhs=None):
        if not isinstance(self.rhs, list):
            return super().batch_process_rhs(compiler, connection, rhs)
        rhs = self.rhs if rhs is None else rhs
        return ["%s"] * len(rhs), list(rhs)


def register():
    ForeignObject.register_lookup(InIds)
    IntegerField.register_lookup(InIds)
