"""The committee table (django-tables2): render through cell templates on screen, value_*
for the exports, so both come from the same dashboard rows."""

import django_tables2 as tables

from indicators.models import ComparisonKind

from .formatting import direction_parts, rating_parts


def _rating_word(rating):
    return rating_parts(rating)[2]


def _cell_text(cell, with_direction=False):
    if cell is None:
        return ""
    parts = [cell.text]
    if cell.period_label:
        parts.append(f"({cell.period_label})")
    if with_direction and cell.direction:
        parts.append(direction_parts(cell.direction)[1])
    if cell.rating:
        parts.append(_rating_word(cell.rating))
    if cell.not_comparable:
        parts.append("not comparable")
    return " ".join(p for p in parts if p)


def _cell(template, header, accessor, **extra):
    return tables.TemplateColumn(
        template_name=f"reports/cells/{template}.html",
        verbose_name=header,
        accessor=accessor,
        extra_context=extra,
        default="",
    )


class DashboardTable(tables.Table):
    indicator = _cell("indicator", "Indicator", "ref")
    latest = _cell("latest", "Latest value", "text")
    target = _cell("target", "Target and rating", "target")
    previous_period = _cell("earlier", "Previous period", "previous_period")
    previous_year = _cell("earlier", "12 months earlier", "previous_year")
    england = _cell("benchmark", "England", tables.A(f"benchmarks__{ComparisonKind.NATIONAL}"))
    region = _cell("benchmark", "Region", tables.A(f"benchmarks__{ComparisonKind.REGIONAL}"))
    neighbours = _cell(
        "benchmark",
        "Statistical neighbours",
        tables.A(f"benchmarks__{ComparisonKind.STATISTICAL_NEIGHBOURS}"),
    )
    trend = _cell("trend", "Trend", "trend")

    class Meta:
        orderable = False
        template_name = "reports/dashboard_table.html"
        attrs = {"class": "data-table dashboard-table"}

    def __init__(self, data, caption="", **kwargs):
        super().__init__(data, **kwargs)
        self.caption = caption

    # Exports: plain text, the same rows -------------------------------------------------

    def value_indicator(self, record):
        return f"{record.ref} {record.name}"

    def value_latest(self, record):
        provisional = " provisional" if record.provisional else ""
        return f"{record.text} ({record.period_label}){provisional}"

    def value_target(self, record):
        text = _cell_text(record.target)
        return f"{text} {record.tolerance}".strip()

    def value_previous_period(self, record):
        return _cell_text(record.previous_period, with_direction=True)

    def value_previous_year(self, record):
        return _cell_text(record.previous_year, with_direction=True)

    def value_england(self, record):
        return _cell_text(record.benchmark(ComparisonKind.NATIONAL))

    def value_region(self, record):
        return _cell_text(record.benchmark(ComparisonKind.REGIONAL))

    def value_neighbours(self, record):
        return _cell_text(record.benchmark(ComparisonKind.STATISTICAL_NEIGHBOURS))

    def value_trend(self, record):
        return "; ".join(f"{label}: {figure}" for label, figure in record.trend)
