from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from indicators.latest import latest_values
from indicators.models import Authority, ComparisonKind, Theme, Value
from indicators.observations import export_values, observation_rows, write_csv

from . import charts, matching, queries
from .dashboard import (
    build_rows,
    council_dashboard,
    dashboard_rows,
    group_rows,
    split_context,
    summarise,
)
from .formatting import ref_slug
from .indicator_page import indicator_page
from .messages import key_messages as build_key_messages
from .page_cache import data_version, remember
from .report_key import report_key
from .spine import MIN_COUNCILS, spine_lines
from .tables import ContextTable, DashboardTable, dashboard_layout, locality_rows

COMPARISON_LABELS = dict(ComparisonKind.choices)


def home(request):
    published = Q(values__workflow=Value.Workflow.APPROVED)
    councils = list(
        Authority.objects.filter(reports_to_portal=True)
        .annotate(value_count=Count("values", filter=published))
        .prefetch_related(Prefetch("themes", queryset=Theme.objects.order_by("order", "name")))
        .order_by("name")
    )
    version = data_version()
    for council in councils:
        # The period its dashboard opens at, from the same remembered choices: the home page
        # and the dashboard never disagree about "latest".
        choices = _choices(council, version)
        council.latest = queries.resolve_period(None, choices)
        council.newest = choices[0] if choices else None
    return render(request, "reports/home.html", {"councils": councils})


def _council(slug):
    return get_object_or_404(
        Authority.objects.select_related("rating_scheme"), slug=slug, reports_to_portal=True
    )


def _choices(council, version):
    return remember(f"periods:{council.pk}", lambda: queries.period_choices(council), version)


def _period(request, council, version):
    choices = _choices(council, version)
    chosen = queries.resolve_period(request.GET.get("period"), choices)
    return choices, chosen


def dashboard(request, slug):
    council = _council(slug)
    version = data_version()
    choices, chosen = _period(request, council, version)
    body = remember(
        f"dashboard:{council.pk}:{chosen.param if chosen else ''}",
        lambda: _dashboard_body(council, chosen),
        version,
    )
    context = {"council": council, "choices": choices, "chosen": chosen, "body": body}
    return render(request, "reports/dashboard.html", context)


def _dashboard_body(council, chosen):
    """The summary, the tables and the key: everything on the dashboard that comes from
    the council's data, as HTML (remembered by the view until the data changes)."""
    dashboard = council_dashboard(council, chosen.end) if chosen else None
    all_rows = dashboard.rows if dashboard else []
    # The committee's table as its export lays it out; context figures apart, not rated.
    rows, context_rows = split_context(all_rows)
    layout = dashboard_layout(council, rows)
    localities, local_rows = [], {}
    if layout == "mi":
        localities, local_rows = locality_rows(council, rows, chosen.end)
    param = chosen.param if chosen else ""
    table = DashboardTable(rows, param, layout, localities, local_rows)
    groups = group_rows(rows)
    for group in groups:
        group.head = table.head_html(group.rows)
        group.body = table.body_html(group.rows)
        group.anchor = f"theme-{ref_slug(group.title) or 'other'}"
    context_table = ContextTable(context_rows, param)
    summary = summarise(rows)
    context = {
        "council": council,
        "chosen": chosen,
        "table": table,
        "head": table.head_html(),
        "groups": groups,
        "themes": list(dict.fromkeys((g.title, g.anchor) for g in groups)),
        "context_table": context_table,
        "context_body": context_table.body_html(),
        "summary": summary,
        "exception_links": [(table.indicator_url(row), row) for row in summary.exceptions],
        "key": report_key(
            council.rating_scheme,
            queries.comparator_groups(council, dashboard.groups if dashboard else None),
            COMPARISON_LABELS,
        ),
    }
    return render_to_string("reports/includes/dashboard_body.html", context)


def indicator(request, slug, ref):
    council = _council(slug)
    found = queries.indicator_for(council, ref)
    if found is None:
        raise Http404("No such indicator for this council.")
    choices, chosen = _period(request, council, data_version())
    page = indicator_page(council, found, chosen.end if chosen else None)
    context = {"council": council, "indicator": found, "choices": choices, "chosen": chosen}
    context["page"] = page
    if page.row:
        context.update(_indicator_charts(council, found, page))
    return render(request, "reports/indicator.html", context)


def _indicator_charts(council, ind, page):
    points = [(v.period.end, v.period_label, v.value) for v in page.history]
    targets = [(t.period.end, t.period.label, t.value) for t in page.targets]
    trend = charts.trend_figure(
        f"{ind.ref}: {council.name} over time",
        ind.unit,
        council.name,
        points,
        targets,
        page.benchmark_series,
        errors=[(i.lower, i.upper) if i else None for i in page.intervals],
    )
    stats = page.row.statistics
    spc = None
    if stats and stats.spc.points:
        spc = charts.spc_figure(
            f"{ind.ref}: statistical process control chart",
            ind.unit,
            [p.label for p in stats.spc_series],
            stats.spc,
            ind.polarity,
            page.row.target.figure if page.row.target and stats.assurance else None,
        )
    # (name, period, figure, the figure as the row shows it at its own precision)
    bars = [(council.name, page.row.period_label, page.row.value, page.row.text)] + [
        (c.name, c.period_label, c.figure, c.text)
        for c in page.row.all_benchmarks
        if c.figure is not None
    ]
    comparison = charts.comparison_figure(
        f"{ind.ref}: {council.name} and comparators", ind.unit, bars
    )
    return {
        "trend_chart": charts.figure_data(trend),
        "comparison_chart": charts.figure_data(comparison) if len(bars) > 1 else None,
        "bars": bars,
        "spc_chart": charts.figure_data(spc) if spc else None,
    }


def compare(request):
    councils = list(
        Authority.objects.filter(reports_to_portal=True)
        .select_related("rating_scheme")
        .order_by("name")
    )
    matches = matching.find_matches(councils)
    if not matches:
        return render(request, "reports/compare.html", {"matches": [], "match": None})
    key = request.GET.get("indicator") or matches[0].key
    match = next((m for m in matches if m.key == key), None)
    if match is None:
        # An indicator's reference ("cyp-s3"): the match one of its councils' indicators is in.
        match = next(
            (m for m in matches if any(ref_slug(i.ref) == key for i in m.indicators.values())),
            None,
        )
    if match is None:
        raise Http404("No such matched indicator.")
    found = match.indicators
    values = latest_values(councils, indicators=list(found.values()))
    rows = {r.authority_slug: r for r in build_rows(values, councils)}
    table = [
        (c, found.get(c.pk), rows.get(c.slug), ref_slug(found[c.pk].ref) if c.pk in found else "")
        for c in councils
    ]
    context = {
        "matches": [(m, len(m.indicators)) for m in matches],
        "match": match,
        "table": table,
        "council_count": len(councils),
    }
    return render(request, "reports/compare.html", context)


def spine(request, slug):
    """The spine chart: every indicator against England's range, at the chosen period."""
    council = _council(slug)
    choices, chosen = _period(request, council, data_version())
    lines = spine_lines(council, chosen.end if chosen else None)
    context = {"council": council, "choices": choices, "chosen": chosen, "lines": lines}
    context["min_councils"] = MIN_COUNCILS
    return render(request, "reports/spine.html", context)


def key_messages(request, slug):
    council = _council(slug)
    version = data_version()
    choices, chosen = _period(request, council, version)
    messages = remember(
        f"key-messages:{council.pk}:{chosen.param if chosen else ''}",
        lambda: (
            build_key_messages(dashboard_rows(council, chosen.end), chosen.end) if chosen else None
        ),
        version,
    )
    context = {"council": council, "choices": choices, "chosen": chosen, "messages": messages}
    return render(request, "reports/key_messages.html", context)


def observations_csv(request):
    """The open data file: published values only, one row per comparison."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="observations.csv"'
    write_csv(observation_rows(export_values(published_only=True)), response)
    return response
