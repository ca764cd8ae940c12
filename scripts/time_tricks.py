"""Durham dashboard rendered afresh, seeded data cloned 10x, SQLite: with and without the
__in_ids lookup, the hand-rolled related-row sharing and the table's rows joined by hand
(reports/tables.py body_html over reports/cells.py) instead of django-tables2's own rows
and cells. Not a test: a measurement.

    .venv/bin/python scripts/time_tricks.py [rounds]  # builds TRICKS_DB once

TRICKS_DB defaults to /tmp/tricks/bench.sqlite3.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path(os.environ.get("TRICKS_DB", "/tmp/tricks/bench.sqlite3"))
DB.parent.mkdir(parents=True, exist_ok=True)
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ.setdefault("DEBUG", "true")
os.environ["DJANGO_SETTINGS_MODULE"] = "scrutiny.settings_for_tests"
os.environ["SCRUTINY_PAGE_CACHE"] = "off"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db.models import prefetch_related_objects  # noqa: E402
from django.db.models.lookups import In  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils.safestring import SafeString  # noqa: E402

import indicators.latest as latest  # noqa: E402
from indicators.lookups import InIds  # noqa: E402
from reports.tables import DashboardTable  # noqa: E402

if not DB.exists():
    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("load_seed_data", verbosity=0)
    from tests.reports.conftest import clone_indicators

    clone_indicators(10)

# --- the standard tools, swapped in for the tricks -------------------------------------
TRICK_IN = (InIds.get_prep_lookup, InIds.batch_process_rhs)


def plain_in(on):
    """__in_ids behaves exactly as __in (each id prepared by the field) when off."""
    if on:
        InIds.get_prep_lookup, InIds.batch_process_rhs = TRICK_IN
    else:
        InIds.get_prep_lookup, InIds.batch_process_rhs = In.get_prep_lookup, In.batch_process_rhs


def prefetch_attach(instances, name, found):
    prefetch_related_objects(instances, name)


def prefetch_attach_from_db(instances, name, known=None):
    prefetch_related_objects(instances, name)
    result = dict(known or {})
    for i in instances:
        related = getattr(i, name)
        if related is not None:
            result[related.pk] = related
    return result


TRICK_SHARE = {mod: (mod.attach, mod.attach_from_db) for mod in (latest,)}


def shared(on):
    for mod, (a, afd) in TRICK_SHARE.items():
        mod.attach, mod.attach_from_db = (
            (a, afd) if on else (prefetch_attach, prefetch_attach_from_db)
        )


TRICK_BODY = DashboardTable.body_html


def tables2_body_html(self, records=None):
    """The same <tr>s through django-tables2's standard path: a BoundRow per record, each
    cell rendered by the library (its accessor, then render_<column> by signature)."""
    table = self
    if records is not None:  # one group's rows, its links keeping the chosen period
        table = type(self)(records)
        table.query, table._urls = self.query, self._urls
    html = []
    for row in table.rows:
        cells = list(row.items())
        (first, value), rest = cells[0], cells[1:]
        html.append(f'<tr><th scope="row" class="col-{first.name}">{value}</th>')
        html.extend(f'<td class="col-{column.name}">{value}</td>' for column, value in rest)
        html.append("</tr>\n")
    return SafeString("".join(html))


def hand_joined(on):
    DashboardTable.body_html = TRICK_BODY if on else tables2_body_html
    # render_<column> for every cell, "No data" included, as body_html calls them.
    for column in DashboardTable.base_columns.values():
        column.empty_values = ()


# (__in_ids, shared rows, rows joined by hand)
VARIANTS = {
    "all tricks (today)": (True, True, True),
    "plain __in": (False, True, True),
    "prefetch_related": (True, False, True),
    "plain __in + prefetch_related": (False, False, True),
    "django-tables2 rows and cells": (True, True, False),
}


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    client = Client()
    url = "/councils/durham/"
    samples = {name: [] for name in VARIANTS}
    bodies = {}
    for name, (in_ids, share, by_hand) in VARIANTS.items():  # warm each, check same page
        plain_in(in_ids), shared(share), hand_joined(by_hand)
        bodies[name] = client.get(url).content
    base = bodies["all tricks (today)"]
    for name, body in bodies.items():
        assert body == base, f"{name}: a different page"
    names = list(VARIANTS)
    for r in range(rounds):
        # Interleaved, each round starting one further on: drift and position hit all alike.
        for name in names[r % len(names) :] + names[: r % len(names)]:
            in_ids, share, by_hand = VARIANTS[name]
            plain_in(in_ids), shared(share), hand_joined(by_hand)
            # CPU time of this process (SQLite runs in it): the machine's other load
            # shows in wall time far more than in this.
            start = time.process_time()
            response = client.get(url)
            samples[name].append((time.process_time() - start) * 1000)
            assert response.status_code == 200
    plain_in(True), shared(True), hand_joined(True)
    from indicators.models import Indicator, Value

    print(
        f"{Indicator.objects.count()} indicators, {Value.objects.count()} values; "
        f"{rounds} rounds, Durham dashboard afresh, SQLite, CPU ms"
    )
    ref = statistics.median(samples["all tricks (today)"])
    for name, times in samples.items():
        med = statistics.median(times)
        print(
            f"{name:32} median {med:7.1f} ms  ({(med / ref - 1) * 100:+5.1f}%)"
            f"  min {min(times):6.1f}"
        )


if __name__ == "__main__":
    main()
