"""Report cards in the standard format all Norfolk committees use (July 2018 pack,
Appendix 3): why it is important; performance (a chart with its data table); the
background to current performance; actions; what success looks like; lead officer and
data owner. Built for a list of indicators in a fixed number of queries."""

from dataclasses import dataclass, field

from indicators.comparisons import ComparisonFinder
from indicators.latest import latest_values
from indicators.models import Commentary, Value
from indicators.rules.types import Rating

from .card_chart import performance_svg
from .dashboard import build_rows
from .formatting import UNIT_SUFFIX, as_printed, rating_parts

SERIES_LENGTH = 13  # Norfolk's dashboard and cards show a rolling 13 periods


@dataclass
class CardPoint:
    label: str
    value: object  # Decimal or None
    text: str
    target: str = ""


@dataclass
class ReportCard:
    indicator: object
    value: object
    reasons: list[str]
    rating: str = ""
    target: str = ""
    scheme: object = None
    points: list[CardPoint] = field(default_factory=list)
    why_important: str = ""
    background: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    success: list[str] = field(default_factory=list)
    lead_officer: str = ""
    data_owner: str = ""
    chart_svg: str = ""

    @property
    def title(self):
        return self.indicator.name

    @property
    def rating_words(self):
        _, shape, word = rating_parts(self.rating)
        return f"{shape} {word}"

    @property
    def has_text(self):
        return bool(self.why_important or self.background or self.actions or self.success)


def points_from_text(text):
    """Officers write bullets as lines starting "- "; each line is one point."""
    points = []
    for line in (text or "").splitlines():
        line = line.strip().removeprefix("- ").removeprefix("• ").strip()
        if line:
            points.append(line)
    return points


def report_cards(authority, period_end, chosen):
    """chosen: [(indicator, [reason words])] in print order -> [ReportCard]."""
    ids = {indicator.pk for indicator, _ in chosen}
    latest = {
        v.indicator_id: v for v in latest_values([authority], period_end) if v.indicator_id in ids
    }
    series = _series(authority, latest.values())
    # The comparisons read once, for the latest figures: the card's rating and target are
    # its dashboard row's (one row source); each earlier point's target is chosen from the
    # same targets.
    finder = ComparisonFinder(list(latest.values()))
    rows = build_rows(list(latest.values()), [authority], period_end, finder=finder)
    rows = {row.indicator_id: row for row in rows}
    commentaries = _commentaries(authority, ids, period_end)
    cards = []
    for indicator, reasons in chosen:
        value = latest.get(indicator.pk)
        card = ReportCard(indicator=indicator, value=value, reasons=list(reasons))
        if value is not None:
            _performance(card, value, rows[indicator.pk], series[value.pk], finder)
        commentary = commentaries.get(indicator.pk)
        if commentary is not None:
            card.why_important = commentary.why_important
            card.background = points_from_text(commentary.background)
            card.actions = points_from_text(commentary.actions)
            card.success = points_from_text(commentary.success)
            card.lead_officer = commentary.lead_officer
            card.data_owner = commentary.data_owner
        cards.append(card)
    return cards


def _series(authority, values):
    """{latest value pk: [values of the same period kind, oldest first, ending with it]}."""
    values = list(values)
    history = (
        Value.objects.published()
        .filter(
            authority=authority,
            area__isnull=True,
            indicator_id__in={v.indicator_id for v in values},
        )
        .for_export()
    )
    by_kind = {}
    for v in history:
        by_kind.setdefault((v.indicator_id, v.period.kind), []).append(v)
    return {
        v.pk: [
            x
            for x in by_kind.get((v.indicator_id, v.period.kind), [])
            if x.period.end <= v.period.end
        ][-SERIES_LENGTH:]
        for v in values
    }


def _commentaries(authority, indicator_ids, period_end):
    """Each indicator's latest commentary up to the period: the card officers wrote."""
    found = (
        Commentary.objects.published()
        .filter(authority=authority, indicator_id__in=indicator_ids, period__end__lte=period_end)
        .select_related("period")
        .order_by("period__end")
    )
    return {c.indicator_id: c for c in found}


def _performance(card, value, row, history, finder):
    indicator = value.indicator
    decimals = indicator.decimal_places
    if row.target is not None:
        # The target as the committee table prints it, from the dashboard's own cell.
        card.rating = row.target.rating or Rating.NOT_RATED
        card.target = row.target.paper_text
    card.scheme = indicator.scheme_for(value.authority)
    targets = []
    for point in history:
        spec = finder.target_for(point)
        card.points.append(
            CardPoint(
                label=point.period_label,
                value=point.value,
                text=as_printed(point.value, point.printed, decimals),
                target=spec.display if spec else "",
            )
        )
        targets.append(spec.value if spec and spec.kind != "tracker" else None)
    suffix = "%" if indicator.unit == "percent" else ""
    card.chart_svg = performance_svg(
        f"{indicator.name}: {UNIT_SUFFIX.get(indicator.unit, '').strip() or 'value'} "
        f"over the last {len(history)} periods",
        [(p.label, p.value, t) for p, t in zip(card.points, targets, strict=True)],
        decimals,
        suffix,
    )
