"""Norfolk's exception criteria for every indicator of a period, as advice to officers:
which indicators qualify for a report card and why (Performance Monitoring §1.2.3)."""

from dataclasses import dataclass

from indicators.comparisons import ComparisonFinder
from indicators.latest import latest_values, recent_series
from indicators.models import Commentary, ComparisonKind
from indicators.rules.exceptions import describe_reason, exception_reasons
from indicators.rules.types import Rating

CARD_FIELDS = ("why_important", "background", "actions", "success")


@dataclass
class ExceptionAdvice:
    value: object
    target: object  # the target Comparison, if any
    reasons: list
    recent_values: list
    commentary: object = None  # the officers' latest words on it, up to the period

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

    @property
    def reason_words(self):
        return [describe_reason(r) for r in self.reasons]


def exception_advice(authority, period_end):
    values = latest_values(authority, period_end)
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
        target = next(
            (c for c in finder.comparisons(value) if c.kind == ComparisonKind.TARGET), None
        )
        commentary = flags.get(value.indicator_id)
        scheme = value.indicator.scheme_for(value.authority)
        spec = None
        target_model = finder.target_for(value)
        if target_model is not None:
            spec = target_model.as_rule()
        reasons = exception_reasons(
            rating=target.rating if target else Rating.NOT_RATED,
            value=value.value,
            target=spec,
            polarity=value.indicator.polarity,
            recent_values=series.get(value.pk, []),
            variance_percent=scheme.exception_variance_percent if scheme else 5,
            affects_budget=bool(commentary and commentary.affects_budget),
            affects_corporate_risk=bool(commentary and commentary.affects_corporate_risk),
        )
        advice.append(ExceptionAdvice(value, target, reasons, series.get(value.pk, []), commentary))
    return advice
