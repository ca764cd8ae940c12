"""The downloadable template for a council's return: the due indicators, pre-filled."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook

from indicators.rules.figures import stored
from indicators.spreadsheet_text import append_xlsx_row, csv_record
from officers.returns.due import grid_rows

from .reading import BENCHMARK_COLUMNS, VALUE_COLUMNS


def _figure(number):
    return stored(number)


def template_rows(authority, period):
    rows = []
    for row in grid_rows(authority, period):
        v = row["value"]
        rows.append(
            {
                "authority": authority.slug,
                "area": "",
                "indicator_ref": row["indicator"].ref,
                "period": row["period"],
                "value": _figure(v.value) if v else "",
                "numerator": _figure(v.numerator) if v else "",
                "denominator": _figure(v.denominator) if v else "",
                "status": v.status if v else "",
                "note": v.note if v else "",
            }
        )
    return rows


def template_csv(authority, period) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=VALUE_COLUMNS)
    writer.writeheader()
    # An officer's note is text in any spreadsheet that opens the template, never a formula.
    writer.writerows(csv_record(row) for row in template_rows(authority, period))
    return out.getvalue()


def template_xlsx(authority, period) -> bytes:
    workbook = Workbook()
    values = workbook.active
    values.title = "values"
    append_xlsx_row(values, VALUE_COLUMNS)
    for row in template_rows(authority, period):
        # Text cells throughout (openpyxl would make a note "=..." a formula).
        append_xlsx_row(values, [row[column] for column in VALUE_COLUMNS])
    append_xlsx_row(workbook.create_sheet("benchmarks"), BENCHMARK_COLUMNS)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
