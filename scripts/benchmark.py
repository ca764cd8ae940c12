#!/usr/bin/env python
"""Server-side cost of the member pages and the import with the national data set loaded.

Not a test: a measurement for the README. For each page that exists it prints the median
and p95 server time over warm repeats (django.test.Client, inside this process), the
number of queries, the time of the bare SQL that fetches the same rows (the page's own
SELECTs replayed on a raw cursor: the database's limit for that page) and the ratio;
then import throughput for 100,000 values through the real import path against a bare
bulk insert of the same rows; and the process's peak memory.

    .venv/bin/python scripts/benchmark.py                       # SQLite in SCRUTINY_VAR_DIR
    DATABASE_URL=postgres://... .venv/bin/python scripts/benchmark.py
    .venv/bin/python scripts/benchmark.py --postgres            # throwaway server, kept in --pg-dir
    .venv/bin/python scripts/benchmark.py --both                # SQLite, then PostgreSQL

The national data set must be loaded first
(`SCRUTINY_LOADTEST=true manage.py generate_national_dataset`), or
pass --generate to build it when missing. The import is measured inside a transaction
that is rolled back: the database is left as it was.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
os.environ.setdefault("DEBUG", "true")  # local measurement: a throwaway secret key
os.environ.setdefault("SCRUTINY_LOADTEST", "true")  # --generate runs the load-test app's command
# The import's synthetic history goes back 50 years (500 indicators x 200 quarters).
os.environ.setdefault("SCRUTINY_EARLIEST_YEAR", "1970")

TARGETS_MS = {
    "committee dashboard": 100,
    "committee dashboard, rendered afresh": 100,
    "indicator page": 100,
}
# Issue 7: the dashboard within three times the bare SQL that fetches its rows.
RATIO_VERDICT = {
    name: lambda r: " MET" if r <= 3 else " MISSED (target 3x)"
    for name in ("committee dashboard", "committee dashboard, rendered afresh")
}
# Pages the portal remembers until the data changes (reports/page_cache.py): measured as
# members get them, and rendered afresh as the first member after a change gets them.
REMEMBERED = ("committee dashboard", "key messages")


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentile(samples, share):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


# Pages ----------------------------------------------------------------------------------


def targets(council_slug):
    """[(name, label, callable returning bytes)]: the member pages through the test client
    and the committee table export (reports/exports) through its function, as the
    download view and `manage.py committee_table` call it."""
    from django.test import Client
    from django.urls import reverse

    from indicators.models import Authority, Indicator
    from reports import queries
    from reports.exports.formats import render
    from reports.exports.layout import committee_table
    from reports.formatting import ref_slug

    client = Client()

    def page(url):
        def get():
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url}: HTTP {response.status_code}")
            return response.content

        return get

    council = Authority.objects.get(slug=council_slug)
    own = Indicator.objects.filter(authority=council, values__isnull=False).order_by("order")
    national = Indicator.objects.filter(authority__isnull=True, values__authority=council).order_by(
        "order"
    )
    found = [
        ("committee dashboard", reverse("reports:dashboard", args=[council_slug])),
        ("key messages", reverse("reports:key_messages", args=[council_slug])),
    ]
    for name, indicator in (("indicator page", own.first()), ("indicator page", national.first())):
        if indicator is not None:
            url = reverse("reports:indicator", args=[council_slug, ref_slug(indicator.ref)])
            found.append((name, url))
    found.append(("compare-councils page", reverse("reports:compare")))
    result = []
    for name, url in found:
        if name in REMEMBERED:
            result.append((name, f"{url} (remembered until the data changes)", page(url)))
            result.append((f"{name}, rendered afresh", url, afresh(page(url))))
        else:
            result.append((name, url, page(url)))
    choices = queries.period_choices(council)
    if choices:
        chosen = choices[0]
        for fmt in ("csv", "xlsx", "docx"):

            def export(fmt=fmt):
                return render(committee_table(council, chosen.end, chosen.label), fmt)

            result.append(("committee table export", f"{fmt}, {chosen.label}", export))
    return result


def afresh(produce):
    """The page as the first member after a change gets it: nothing remembered."""
    from django.test import override_settings

    def get():
        with override_settings(SCRUTINY_PAGE_CACHE=False):
            return produce()

    return get


def bare_sql_ms(queries, repeats):
    """Replay the page's SELECTs on a raw cursor, fetching every row: no ORM, no template."""
    from django.db import connection

    selects = [
        q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("SELECT", "WITH"))
    ]
    samples = []
    with connection.cursor() as cursor:
        for _ in range(repeats):
            started = time.perf_counter()
            for sql in selects:
                cursor.execute(sql)
                cursor.fetchall()
            samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


class _CollectorTime:
    """The garbage collector's time while measuring (gc.callbacks), part of the CPU: a
    page that makes many objects pays for their collection too (scrutiny/wsgi.py)."""

    def __enter__(self):
        import gc

        self.seconds, self._started = 0.0, None
        gc.callbacks.append(self._callback)
        return self

    def __exit__(self, *exc):
        import gc

        gc.callbacks.remove(self._callback)

    def _callback(self, phase, _info):
        if phase == "start":
            self._started = time.perf_counter()
        elif self._started is not None:
            self.seconds += time.perf_counter() - self._started


def measure(produce, repeats, rows_from=None):
    """Server time of produce(); the bare SQL is that of rows_from() (default produce):
    a remembered page fetches its rows once per change, so the database's limit for the
    rows it shows is the SQL of rendering it afresh."""
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    for _ in range(2):  # warm: connection, templates, caches
        content = produce()
    samples, cpu = [], []
    collecting = _CollectorTime()
    with collecting:
        for _ in range(repeats):
            started, started_cpu = time.perf_counter(), time.process_time()
            produce()
            samples.append((time.perf_counter() - started) * 1000)
            # This process's CPU: on a machine shared with other work, wall time shows
            # their load far more than this does (the database's own CPU is not in it).
            cpu.append((time.process_time() - started_cpu) * 1000)
    # Counted in a transaction, where the reads a page makes alongside its other work run
    # in line on this one connection (reports/alongside.py): every query, and the bare SQL
    # as the database answers them one after another.
    with transaction.atomic(), CaptureQueriesContext(connection) as captured:
        produce()
    with transaction.atomic(), CaptureQueriesContext(connection) as rows_sql:
        (rows_from or produce)()
    return {
        "median": statistics.median(samples),
        "cpu": statistics.median(cpu),
        "gc": collecting.seconds * 1000 / repeats,
        "p95": percentile(samples, 0.95),
        "queries": len(captured.captured_queries),
        "bare": bare_sql_ms(rows_sql.captured_queries, repeats),
        "bytes": len(content),
        "peak_mb": peak_mb(),
    }


# Import ---------------------------------------------------------------------------------


class Rollback(Exception):
    pass


def import_rows(n):
    """n value rows for a scratch council: 500 quarterly indicators x n/500 quarters."""
    from datetime import date

    from indicators.rules.periods import PeriodKind, period_label, shift_months

    per = 500
    quarters = -(-n // per)
    latest = (date(2025, 1, 1), date(2025, 3, 31))
    spans = [shift_months(PeriodKind.QUARTER, *latest, -3 * k) for k in range(quarters)]
    rows = []
    for q, (start, end) in enumerate(spans):
        label = period_label(PeriodKind.QUARTER, start, end)
        for i in range(per):
            if len(rows) == n:
                return rows, spans
            figure = f"{50 + (i % 7) + (q % 3) * 0.1:.1f}"
            rows.append(("benchmark-import", "", f"BI {i:03d}", label, figure, start, end, i))
    return rows, spans


def measure_import(n):
    import csv
    import io
    from decimal import Decimal

    from django.db import transaction

    from indicators.bulk import insert_rows
    from indicators.models import Authority, Indicator, Period, Value
    from indicators.rules.periods import PeriodKind

    rows, spans = import_rows(n)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    # Every column of the import format (officers.imports.reading), in its order.
    writer.writerow(
        ["authority", "area", "indicator_ref", "period", "value", "numerator", "denominator",
         "status", "note"]
    )  # fmt: skip
    for slug, area, ref, label, figure, *_ in rows:
        writer.writerow([slug, area, ref, label, figure, "", "", "final", ""])
    data = buffer.getvalue().encode()
    result = {"rows": n, "file_mb": len(data) / 1e6}

    try:
        with transaction.atomic():
            council = Authority.objects.create(
                name="Benchmark import council", slug="benchmark-import", reports_to_portal=True
            )
            indicators = {
                ref: Indicator.objects.create(
                    authority=council,
                    ref=ref,
                    name=ref,
                    polarity="higher",
                    unit="percent",
                    frequency="quarterly",
                    decimal_places=1,
                )  # fmt: skip
                for ref in sorted({r[2] for r in rows})
            }
            periods = {(s, e): Period.objects.for_span(PeriodKind.QUARTER, s, e) for s, e in spans}
            try:
                from officers.imports.apply import apply_plan
                from officers.imports.plan import plan_sheets
                from officers.imports.reading import MAX_BYTES, read_upload

                result["path"] = "officers.imports (read_upload, plan_sheets, apply_plan)"
            except ImportError:
                result["path"] = None
            if result["path"]:
                import officers.imports.reading as reading

                reading.MAX_BYTES = max(MAX_BYTES, len(data) + 1)  # the web limit, not ours
                with transaction.atomic():
                    started = time.perf_counter()
                    sheets = read_upload("benchmark.csv", data, max_rows=n)
                    read_done = time.perf_counter()
                    plan = plan_sheets(council, sheets)
                    plan_done = time.perf_counter()
                    if plan.rejected:  # an import is all or nothing: nothing to time
                        raise SystemExit(
                            f"{len(plan.rejected)} generated rows rejected, e.g. "
                            + "; ".join(str(r) for r in plan.rejected[:3])
                        )
                    written = apply_plan(plan, None, "Benchmark")
                    done = time.perf_counter()
                    result.update(
                        written=written,
                        read_s=read_done - started,
                        plan_s=plan_done - read_done,
                        apply_s=done - plan_done,
                        import_s=done - started,
                    )
                    transaction.set_rollback(True)
            columns = [
                "indicator_id", "authority_id", "area_id", "period_id", "value", "numerator",
                "denominator", "status", "workflow", "printed", "printed_period_label", "note",
                "published_quirk", "source", "earlier_value",
            ]  # fmt: skip
            tuples = (
                (indicators[ref].pk, council.pk, None, periods[(s, e)].pk, Decimal(figure),
                 None, None, "final", "draft", "", "", "", "", "", None)
                for _, _, ref, _, figure, s, e, _ in rows
            )  # fmt: skip
            started = time.perf_counter()
            insert_rows(Value, columns, tuples)
            result["bare_s"] = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return result


# Report ---------------------------------------------------------------------------------


def render_afresh(council, times):
    """The committee dashboard rendered afresh `times` times after two warm renders: what
    --instructions counts under valgrind."""
    from django.test import Client, override_settings
    from django.urls import reverse

    client = Client()
    url = reverse("reports:dashboard", args=[council])
    with override_settings(SCRUTINY_PAGE_CACHE=False):
        for _ in range(2 + times):
            client.get(url)
    return 0


def count_instructions(args, pages=5):
    """Instructions this process executes for one fresh dashboard, by valgrind's callgrind:
    (warm + `pages` renders - warm) / `pages`. The machine's load cannot move it, so a
    change can be compared with the code before it to within a fraction of a percent."""
    import re
    import shutil

    if not shutil.which("valgrind"):
        print("valgrind is not installed (apt-get install valgrind)")
        return 1
    where = ["--postgres", "--pg-dir", args.pg_dir] if args.postgres else []
    counts = []
    for times in (0, pages):
        out = subprocess.run(
            ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable,
             __file__, *where, "--council", args.council, "--render", str(times)],
            capture_output=True, text=True, cwd=ROOT,
        )  # fmt: skip
        found = re.search(r"Collected : (\d+)", out.stderr)
        if out.returncode or not found:
            print(out.stdout + out.stderr)
            return 1
        counts.append(int(found.group(1)))
    per_page = (counts[1] - counts[0]) / pages
    print(f"committee dashboard, rendered afresh: {per_page / 1e6:.1f} million instructions")
    return 0


def run(args):
    import importlib

    # Set up as a gunicorn worker is: scrutiny.wsgi loads Django and the views and freezes
    # them out of the garbage collector's reach (gc.freeze) before the first request.
    importlib.import_module("scrutiny.wsgi")
    if args.render is not None:
        return render_afresh(args.council, args.render)
    if args.instructions:
        return count_instructions(args)
    from django.conf import settings
    from django.db import connection

    from indicators.models import BenchmarkValue, Value

    vendor = connection.vendor
    national = Value.objects.filter(indicator__authority__isnull=True).count()
    if national < 1000 and args.generate:
        from django.core.management import call_command

        call_command("generate_national_dataset", "--seed", "2026")
        national = Value.objects.filter(indicator__authority__isnull=True).count()
    print(f"== {vendor} ({settings.DATABASES['default']['NAME']})")
    print(
        f"national values: {national:,}; all values: {Value.objects.count():,}; "
        f"benchmark values: {BenchmarkValue.objects.count():,}"
    )
    if national < 1000:
        print(
            "The national data set is not loaded: run "
            "SCRUTINY_LOADTEST=true manage.py generate_national_dataset."
        )
        return 1
    print(f"peak memory before pages: {peak_mb():.0f} MB")
    print(f"machine load (1, 5, 15 min): {', '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print(f"\n{args.council} ({args.repeats} warm repeats each, server time in this process):")
    measured = targets(args.council)
    fresh = {name.split(",")[0]: produce for name, _, produce in measured if "afresh" in name}
    for name, label, produce in measured:
        try:
            m = measure(produce, args.repeats, rows_from=fresh.get(name))
        except RuntimeError as error:
            print(f"  {name} {label}: {error}")
            continue
        target = TARGETS_MS.get(name)
        verdict = ""
        if target:
            verdict = " MET" if m["median"] < target else f" MISSED (target {target} ms)"
        ratio = m["median"] / max(m["bare"], 0.001)
        print(
            f"  {name} {label}: median {m['median']:.1f} ms "
            f"(CPU {m['cpu']:.1f} ms, of it collecting garbage {m['gc']:.1f}), "
            f"p95 {m['p95']:.1f} ms,{verdict}; "
            f"{m['queries']} queries, bare SQL{' of its rows' if name in fresh else ''} "
            f"{m['bare']:.1f} ms, "
            f"page/bare {ratio:.1f}x{RATIO_VERDICT.get(name, lambda r: '')(ratio)}; "
            f"{m['bytes'] / 1024:.0f} KB, process peak {m['peak_mb']:.0f} MB"
        )
    if args.import_rows:
        print(f"\nimport of {args.import_rows:,} values (rolled back):")
        r = measure_import(args.import_rows)
        if r.get("path"):
            print(
                f"  real path, {r['path']}: {r['import_s']:.1f} s "
                f"({args.import_rows / r['import_s']:,.0f} rows/s; read {r['read_s']:.1f} s, "
                f"check {r['plan_s']:.1f} s, write {r['apply_s']:.1f} s; "
                f"{r['written']:,} written, file {r['file_mb']:.1f} MB)"
                + (" MET" if r["import_s"] < 20 else " MISSED (target 20 s)")
            )
        else:
            print("  officers.imports not available: bulk path only")
        bare = "COPY" if vendor == "postgresql" else "bulk_create"
        print(
            f"  bare bulk insert ({bare}): {r['bare_s']:.2f} s "
            f"({args.import_rows / r['bare_s']:,.0f} rows/s)"
            + (f"; real path / bare = {r['import_s'] / r['bare_s']:.0f}x" if r.get("path") else "")
        )
    print(f"\npeak memory of the process (ru_maxrss): {peak_mb():.0f} MB")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--postgres", action="store_true", help="Use a throwaway PostgreSQL.")
    where.add_argument("--both", action="store_true", help="SQLite, then PostgreSQL.")
    parser.add_argument(
        "--pg-dir",
        default="/tmp/scrutiny-benchmark-pg",
        help="Data directory of the throwaway server (kept between runs).",
    )
    parser.add_argument("--stop", action="store_true", help="Stop the throwaway server after.")
    parser.add_argument("--council", default="durham")
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--import-rows", type=int, default=100_000)
    parser.add_argument("--generate", action="store_true", help="Generate the data set if missing.")
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="Count a fresh dashboard's instructions under valgrind (about 2 minutes).",
    )
    parser.add_argument("--render", type=int, help=argparse.SUPPRESS)  # --instructions' child
    args = parser.parse_args()

    if args.both:
        own = [a for a in sys.argv[1:] if a != "--both"]
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        rc = subprocess.call([sys.executable, __file__, *own], env=env)
        return rc or subprocess.call([sys.executable, __file__, "--postgres", *own], env=env)
    if args.postgres:
        from loadtest.pgserver import Server

        server = Server(args.pg_dir)
        created = server.start()
        os.environ["DATABASE_URL"] = server.url
        try:
            if created:
                subprocess.check_call([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT)
                subprocess.check_call([sys.executable, "manage.py", "load_seed_data"], cwd=ROOT)
                args.generate = True
            return run(args)
        finally:
            if args.stop:
                server.stop()
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
