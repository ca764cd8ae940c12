"""Norfolk's exception criteria: which measures should go to committee as report cards.

Norfolk Performance Monitoring §1.2.3: a vital sign gets a report card if it is
"off-target (Red RAG rating or variance of 5% or more)", has "deteriorated for three
consecutive months/quarters/years", or adversely affects the budget or a corporate risk.
The rules only advise: officers chose four cards where ten measures met a criterion
(seeds-stockton-norfolk.md §2.3), so the final choice stays with them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from enum import StrEnum

from .direction import direction_of_travel
from .rating import variance_from_target_percent
from .types import Direction, Number, Polarity, Rating, TargetSpec, to_decimal


class ExceptionReason(StrEnum):
    RED = "red"
    OFF_TARGET = "off_target"
    DETERIORATING = "deteriorating"
    BUDGET = "budget"
    CORPORATE_RISK = "corporate_risk"


_NUMBER_WORDS = {
    1: "one",
    2: "two",
    3: "three",
    4: "four",
    5: "five",
    6: "six",
    7: "seven",
    8: "eight",
    9: "nine",
    10: "ten",
}


def is_deteriorating(
    recent_values: Sequence[Number | None], polarity: Polarity | str, consecutive: int = 3
) -> bool:
    """True when each of the last `consecutive` period-on-period changes is worse.

    recent_values runs oldest to newest and ends with the current value, so three
    deteriorations need four values. A missing value breaks the run.
    """
    if consecutive < 1:
        raise ValueError(f"consecutive must be at least 1, not {consecutive}")
    window = list(recent_values)[-(consecutive + 1) :]
    if len(window) < consecutive + 1:
        return False
    return all(
        direction_of_travel(newer, older, polarity) == Direction.WORSE
        for older, newer in zip(window, window[1:], strict=False)
    )


# The comparison whose rating is the "RAG rating" of §1.2.3 (ComparisonKind.TARGET).
TARGET = "target"
DEFAULT_VARIANCE_PERCENT = Decimal("5")


def assess_exceptions(
    *,
    ratings: Iterable[tuple[str, Rating | str]],
    value: Number | None,
    target: TargetSpec | None,
    polarity: Polarity | str,
    recent_values: Sequence[Number | None],
    variance_percent: Number = DEFAULT_VARIANCE_PERCENT,
    consecutive: int = 3,
    affects_budget: bool = False,
    affects_corporate_risk: bool = False,
    stale: bool = False,
) -> list[ExceptionReason]:
    """Every criterion of §1.2.3 the measure meets, in the order Norfolk lists them. The
    one home of the exception rule: the dashboard, the officers' exception advice and the
    return checklist all ask here.

    ratings: (comparison kind, rating) for each of the value's comparisons. Only the rating
    against the target counts. §1.2.3 reads "Performance is off-target (Red RAG rating or
    variance of 5% or more)": the Red rating is named as a way of being *off target*, so a
    value rated Red against England (or 12 months earlier, or a neighbour) but on target is
    not an exception; it is a benchmark comparison members read on the dashboard.

    "Variance of 5%" is read as relative to the target, the same reading as Norfolk's
    dashboard "10% (not percentage points)"; pass a different variance_percent to change it.
    recent_values runs oldest to newest, ends with the value, and holds figures of the
    value's own kind of period only (months with months).

    A stale figure (indicators.rules.staleness: older than its frequency allows) meets no
    criterion: it says nothing about performance now, so it is not an exception.
    """
    if stale:
        return []
    threshold = to_decimal(variance_percent)
    reasons = []
    if any(kind == TARGET and Rating(rating) == Rating.RED for kind, rating in ratings):
        reasons.append(ExceptionReason.RED)
    if target is not None:
        variance = variance_from_target_percent(value, target, polarity)
        if variance is not None and variance >= threshold:
            reasons.append(ExceptionReason.OFF_TARGET)
    if is_deteriorating(recent_values, polarity, consecutive):
        reasons.append(ExceptionReason.DETERIORATING)
    if affects_budget:
        reasons.append(ExceptionReason.BUDGET)
    if affects_corporate_risk:
        reasons.append(ExceptionReason.CORPORATE_RISK)
    return reasons


def describe_reason(
    reason: ExceptionReason | str,
    *,
    variance_percent: Number = DEFAULT_VARIANCE_PERCENT,
    consecutive: int = 3,
) -> str:
    """Plain words for a reason, for the committee table and report cards."""
    reason = ExceptionReason(reason)
    if reason == ExceptionReason.RED:
        return "Red rating"
    if reason == ExceptionReason.OFF_TARGET:
        # "5", "10", "2.5": as Norfolk prints it, never "5.00" or "1E+1".
        return f"{format(to_decimal(variance_percent).normalize(), 'f')}% or more off target"
    if reason == ExceptionReason.DETERIORATING:
        if consecutive == 1:
            return "Worse than the previous period"
        return f"Worse {_NUMBER_WORDS.get(consecutive, str(consecutive))} periods running"
    if reason == ExceptionReason.BUDGET:
        return "Affects the budget"
    return "Affects a corporate risk"
