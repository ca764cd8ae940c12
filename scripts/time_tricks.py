"""Durham dashboard rendered afresh, seeded data cloned 10x, SQLite: with and without the
__in_ids lookup and the hand-rolled related-row sharing. Not a test: a measurement.

    .venv/bin/python scripts/time_tricks.py [rounds]     # builds /tmp/tricks/bench.sqlite3 once
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB = Path("/tmp/tricks/bench.sqlite3")
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

import indicators.latest as latest  # noqa: E402
from indicators.lookups import InIds  # noqa: E402

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


VARIANTS = {
    "both tricks (today)": (True, True),
    "plain __in": (False, True),
    "prefetch_related": (True, False),
    "plain __in + prefetch_related": (False, False),
}


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    client = Client()
    url = "/councils/durham/"
    samples = {name: [] for name in VARIANTS}
    bodies = {}
    for name, (in_ids, share) in VARIANTS.items():  # warm each once, and check same page
        plain_in(in_ids), shared(share)
        bodies[name] = client.get(url).content
    base = bodies["both tricks (today)"]
    for name, body in bodies.items():
        assert body == base, f"{name}: a different page"
    names = list(VARIANTS)
    for r in range(rounds):
        # Interleaved, each round starting one further on: drift and position hit all alike.
        for name in names[r % len(names) :] + names[: r % len(names)]:
            in_ids, share = VARIANTS[name]
            plain_in(in_ids), shared(share)
            # CPU time of this process (SQLite runs in it): the machine's other load
            # shows in wall time far more than in this.
            start = time.process_time()
            response = client.get(url)
            samples[name].append((time.process_time() - start) * 1000)
            assert response.status_code == 200
    plain_in(True), shared(True)
    from indicators.models import Indicator, Value

    print(
        f"{Indicator.objects.count()} indicators, {Value.objects.count()} values; "
        f"{rounds} rounds, Durham dashboard afresh, SQLite, CPU ms"
    )
    ref = statistics.median(samples["both tricks (today)"])
    for name, times in samples.items():
        med = statistics.median(times)
        print(
            f"{name:32} median {med:7.1f} ms  ({(med / ref - 1) * 100:+5.1f}%)"
            f"  min {min(times):6.1f}"
        )


if __name__ == "__main__":
    main()
