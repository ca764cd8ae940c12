"""The downloadable template for a council's return: the due indicators, pre-filled."""

from __future__ import annotations

import csv
import io

import pandas as pd

from indicators.returns.due import grid_rows

from .reading import BENCHMARK_COLUMNS, VALUE_COLUMNS


def _figure(number):
    return "" if number is None else format(number.normalize(), "f")


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
    writer.writerows(template_rows(authority, period))
    return out.getvalue()


def template_xlsx(authority, period) -> bytes:
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        pd.DataFrame(template_rows(authority, period), columns=VALUE_COLUMNS).to_excel(
            writer, sheet_name="values", index=False
        )
        pd.DataFrame(columns=BENCHMARK_COLUMNS).to_excel(
            writer, sheet_name="benchmarks", index=False
        )
    return out.getvalue()
