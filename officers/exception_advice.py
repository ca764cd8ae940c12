"""Norfolk's exception criteria for every indicator of a period, as advice to officers:
which indicators qualify for a report card and why (Performance Monitoring §1.2.3)."""

from dataclasses import dataclass, field

from indicators.comparisons import ComparisonFinder
from indicators.latest import latest_values, recent_series
from indicators.models import Commentary

CARD_FIELDS = ("why_important", "background", "actions", "success")


@dataclass
class ExceptionAdvice:
    value: object
    target: object  # the target Comparison, if any
    reasons: list
    recent_values: list
    commentary: object = None  # the officers' latest words on it, up to the period
    words: list = field(default_factory=list)  # the reasons in plain words

    @property
    def qualifies(self):
        return bool(self.reasons)

    @property
    def has_card(self):
        """Officers have written report-card text for it (why, background, actions...)."""
        return bool(self.commentary) and any(getattr(self.commentary, f) for f in CARD_FIELDS)

    @property
    def proposed(self):
        """Proposed for committee: a criterion is met, or officers have written a card
        (Norfolk's EHCP card went to committee with no target to be rated against)."""
        return self.qualifies or self.has_card


def exception_advice(authority, period_end):
    values = latest_values([authority], period_end)
    finder = ComparisonFinder(values)
    series = recent_series(values)
    flags = {
        c.indicator_id: c
        for c in Commentary.objects.working()
        .filter(authority=authority, period__end__lte=period_end)
        .order_by("period__end")
    }
    advice = []
    for value in values:
        comparisons = finder.comparisons(value)
        target = comparisons.target
        commentary = flags.get(value.indicator_id)
        recent = series.get(value.pk, [])
        reasons, words = finder.exceptions(value, recent, commentary, comparisons)
        advice.append(ExceptionAdvice(value, target, reasons, recent, commentary, words))
    return advice
