"""Time the preview (read + plan, nothing written) of a 10,000-row import.

    SCRUTINY_VAR_DIR=/tmp/bench python -m indicators.imports.benchmark

Builds a throwaway council in a fresh in-memory SQLite database (100 indicators x 100
monthly periods), writes the file as CSV and as Excel, and prints the preview times.
Issue #5 asks for under 10 seconds. Kept out of the test suite: timings are not tests.
"""

import os
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

    from indicators.imports.plan import plan_sheets
    from indicators.imports.reading import VALUE_COLUMNS, read_upload
    from indicators.models import Authority, Indicator
    from indicators.rules.periods import period_label

    call_command("migrate", verbosity=0)
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


if __name__ == "__main__":
    main()
