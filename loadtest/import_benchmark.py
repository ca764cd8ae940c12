"""Time the preview (read + plan, nothing written) of a 10,000-row import.

    SCRUTINY_VAR_DIR=/tmp/bench python -m loadtest.import_benchmark

Builds a throwaway council in a fresh in-memory SQLite database (100 indicators x 100
monthly periods), writes the file as CSV and as Excel, and prints the preview times; then
posts a 10,000-row return to the officers' upload page and times the page end to end.
Issue #5 asks for under 10 seconds. Kept out of the test suite: timings are not tests.
"""

import os
import re
import time


def main(rows=10_000):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scrutiny.settings")
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    import django

    django.setup()
    import io
    from datetime import date

    import pandas as pd
    from django.core.management import call_command

    from indicators.models import Authority, Indicator
    from indicators.rules.periods import period_label
    from officers.imports.plan import plan_sheets
    from officers.imports.reading import VALUE_COLUMNS, read_upload

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)  # the previewed upload waits there
    council = Authority.objects.create(name="Benchmark", slug="benchmark", reports_to_portal=True)
    Indicator.objects.bulk_create(
        Indicator(
            authority=council,
            ref=f"B{i}",
            name=f"Indicator {i}",
            polarity="higher",
            unit="percent",
            frequency="monthly",
            decimal_places=1,
        )
        for i in range(100)
    )
    months = []
    for n in range(rows // 100):
        year, month = divmod(2010 * 12 + n, 12)
        start = date(year, month + 1, 1)
        end = (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date()
        months.append(period_label("month", start, end))
    records = [
        {
            "authority": "benchmark",
            "area": "",
            "indicator_ref": f"B{i}",
            "period": label,
            "value": "50.0",
            "numerator": "1",
            "denominator": "2",
            "status": "final",
            "note": "",
        }
        for label in months
        for i in range(100)
    ]
    frame = pd.DataFrame(records, columns=VALUE_COLUMNS)
    csv_bytes = frame.to_csv(index=False).encode()
    xlsx = io.BytesIO()
    frame.to_excel(xlsx, sheet_name="values", index=False)
    for name, data in (("file.csv", csv_bytes), ("file.xlsx", xlsx.getvalue())):
        started = time.perf_counter()
        plan = plan_sheets(council, read_upload(name, data))
        took = time.perf_counter() - started
        print(f"{name}: {len(records)} rows previewed in {took:.2f}s ({plan.summary()})")
    web_preview(council, rows)


def web_preview(council, rows):
    """The officer's upload page end to end: upload, check, render the preview table.
    One financial-year return: rows // 10 indicators x 10 months, each due monthly."""
    import io
    from datetime import date

    import pandas as pd
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django.urls import reverse

    from indicators.management.commands.create_demo_users import grant
    from indicators.models import Indicator, Period, Role
    from indicators.rules.periods import period_label

    year = Period.objects.for_span("financial_year", date(2017, 4, 1), date(2018, 3, 31))
    Indicator.objects.bulk_create(
        Indicator(
            authority=council,
            ref=f"W{i}",
            name=f"Monthly indicator {i}",
            polarity="higher",
            unit="percent",
            frequency="monthly",
            decimal_places=1,
        )
        for i in range(rows // 10)
    )
    months = []
    for n in range(10):
        start = date(2017 + (3 + n) // 12, (3 + n) % 12 + 1, 1)
        end = (pd.Timestamp(start) + pd.offsets.MonthEnd(0)).date()
        months.append(period_label("month", start, end))
    lines = ["authority,area,indicator_ref,period,value,numerator,denominator,status,note"]
    lines += [f"benchmark,,W{i},{m},50.0,1,2,final," for m in months for i in range(rows // 10)]
    upload = io.BytesIO("\n".join(lines).encode())
    upload.name = "return.csv"
    officer = get_user_model().objects.create_user("benchmark-officer")
    grant(officer, council, Role.Kind.OFFICER)
    client = Client()
    client.force_login(officer)
    url = reverse("officers:import", args=[council.slug, year.pk])
    started = time.perf_counter()
    response = client.post(url, {"file": upload})
    took = time.perf_counter() - started
    page = response.content.decode()
    summary = re.search(r"<h2>Preview: ([^<]+)</h2>", page)
    print(
        f"web upload page: {len(lines) - 1} rows uploaded, checked and the preview page "
        f"rendered in {took:.2f}s (status {response.status_code}; "
        f"{summary.group(1) if summary else 'no preview'}; {len(page) // 1024} KB)"
    )


if __name__ == "__main__":
    main()
