#!/usr/bin/env python
"""Hostile and careless upload files, and what one posted to the officers' upload page costs.

    .venv/bin/python scripts/hostile_uploads.py write DIR        # writes the files below
    .venv/bin/python scripts/hostile_uploads.py measure FILE...  # each in a fresh process

The files (issue #11):
    xfd.xlsx        2,000 rows each with one cell in column XFD (about 15 KB)
    tiny-rows.csv   10 MB of 13-byte rows, each rejected three times (about 806,000 rows)
    bomb.xlsx       a workbook whose one note expands to 200 MB (about 200 KB zipped)

`measure` posts each file to the upload page of a throwaway council in a fresh in-memory
SQLite database, in a process of its own, and prints the time, the process's peak resident
memory, the answer's status and size and the first line of what it said. Timings are not
tests: the test suite asserts the messages; this prints the cost.
"""

import json
import os
import resource
import subprocess
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HEADER = "authority,area,indicator_ref,period,value,numerator,denominator,status,note"


def xfd_workbook(path, rows=2000):
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("values")
    sheet.append(HEADER.split(","))
    assert get_column_letter(16384) == "XFD"
    for _ in range(rows):
        sheet.append([None] * 16383 + ["x"])
    workbook.save(path)


def tiny_rows_csv(path, size=10 * 1024 * 1024 - 1):
    row = "x,,x,x,1,,,,\n"  # unknown council, indicator and period: three rejections
    count = (size - len(HEADER) - 1) // len(row)
    with open(path, "w") as out:
        out.write(HEADER + "\n")
        out.write(row * count)
    return count


def note_bomb(path, note_bytes=200 * 1024 * 1024):
    """A real workbook whose sheet holds one 200 MB note, written by streaming
    (never 200 MB in memory): deflate packs a run of one letter about 1,000 to 1."""
    import io

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "values"
    sheet.append(HEADER.split(","))
    sheet.append(["bench", None, "B1", "Apr - Jun 2017", 50, None, None, "final", "NOTE-HERE"])
    plain = io.BytesIO()
    workbook.save(plain)
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if b"NOTE-HERE" not in data:
                out.writestr(item, data)
                continue
            before, after = data.split(b"NOTE-HERE")
            with out.open(item.filename, "w", force_zip64=True) as part:
                part.write(before)
                chunk = b"A" * (1024 * 1024)
                for _ in range(note_bytes // len(chunk)):
                    part.write(chunk)
                part.write(after)


def write(folder):
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    xfd_workbook(folder / "xfd.xlsx")
    count = tiny_rows_csv(folder / "tiny-rows.csv")
    note_bomb(folder / "bomb.xlsx")
    for name in ("xfd.xlsx", "tiny-rows.csv", "bomb.xlsx"):
        print(f"{folder / name}: {(folder / name).stat().st_size / 1024:,.0f} KB")
    print(f"tiny-rows.csv has {count:,} rows")


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def measure_one(path):
    """In this process: a throwaway council, then one upload of `path` through the page."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    import django

    django.setup()
    import re

    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.urls import reverse

    from indicators.management.commands.create_demo_users import grant
    from indicators.models import Authority, Indicator, Period, Role
    from indicators.rules.periods import parse_period_label

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    council = Authority.objects.create(name="Bench", slug="bench", reports_to_portal=True)
    Indicator.objects.create(
        authority=council, ref="B1", name="B1", polarity="higher", unit="percent",
        frequency="quarterly", decimal_places=1,
    )  # fmt: skip
    quarter = Period.objects.for_span(*parse_period_label("Apr - Jun 2017"))
    officer = get_user_model().objects.create_user("bench-officer")
    grant(officer, council, Role.Kind.OFFICER)
    client = Client()
    client.force_login(officer)
    data = Path(path).read_bytes()
    before = peak_mb()
    started = time.perf_counter()
    response = client.post(
        reverse("officers:import", args=[council.slug, quarter.pk]),
        {"file": SimpleUploadedFile(Path(path).name, data)},
    )
    took = time.perf_counter() - started
    page = response.content.decode()
    said = re.search(r'class="errornote"[^>]*>([^<]+)<|<h2>(Preview: [^<]+)</h2>', page)
    return {
        "file": Path(path).name,
        "file_kb": len(data) // 1024,
        "seconds": round(took, 2),
        "peak_rss_mb_before": round(before),
        "peak_rss_mb": round(peak_mb()),
        "status": response.status_code,
        "page_kb": len(page) // 1024,
        "said": (said.group(1) or said.group(2))[:160] if said else None,
    }


def measure(paths):
    for path in paths:
        child = subprocess.run(
            [sys.executable, __file__, "measure-one", path],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if child.returncode:
            print(child.stderr[-2000:])
            continue
        print(child.stdout.strip().splitlines()[-1])


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    if command == "write":
        write(*args)
    elif command == "measure":
        measure(args)
    elif command == "measure-one":
        print(json.dumps(measure_one(args[0])))
    else:
        raise SystemExit(__doc__)
