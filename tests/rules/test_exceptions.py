"""Norfolk's exception criteria (Performance Monitoring §1.2.3)."""

from decimal import Decimal as D

import pytest

from indicators.rules.exceptions import (
    ExceptionReason,
    assess_exceptions,
    describe_reason,
    is_deteriorating,
)
from indicators.rules.types import Polarity, Rating, TargetKind, TargetSpec

H, L, NO = Polarity.HIGHER, Polarity.LOWER, Polarity.NONE
OFF, WORSE = ExceptionReason.OFF_TARGET, ExceptionReason.DETERIORATING


def value_target(number):
    return TargetSpec(TargetKind.VALUE, D(number))


def under(number):
    return TargetSpec(TargetKind.AT_MOST, D(number), inclusive=False)


# The worked evaluation in seeds-stockton-norfolk.md §2.3: the latest four values
# (oldest first, rebuilt from the printed changes), the target, and whether the measure
# is off target by 5% or more and worse three periods running.
NORFOLK_WORKED = [
    ("S17 re-referral", L, ["23.9", "24.2", "24.1", "24.2"], under("20"), True, False),
    ("CIN plan", H, ["58.9", "59.1", "65.8", "81.7"], value_target("100"), True, False),
    ("CP seen", H, ["82.7", "89.1", "87.3", "83.6"], value_target("100"), True, False),
    ("LAC care plan", H, ["94.3", "96.0", "95.7", "94.0"], value_target("100"), True, False),
    (
        "LAC health assessment",
        H,
        ["75.1", "76.5", "74.2", "77.4"],
        value_target("100"),
        True,
        False,
    ),
    (
        "Eligible CL pathway plan",
        H,
        ["83.1", "79.7", "75.6", "76.3"],
        value_target("100"),
        True,
        False,
    ),
    ("All young people EET", H, ["91.1", "91.0", "90.8", "90.4"], value_target("92"), False, True),
    ("Care leavers EET", H, ["59.2", "58.2", "58.3", "58.4"], value_target("70"), True, False),
    ("PEP", H, ["89.2", "89.4", "88.5", "88.7"], value_target("100"), True, False),
    ("LAC rate", L, ["65.7", "66.2", "66.5", "69.7"], under("55"), True, True),
]


@pytest.mark.parametrize(
    ("sign", "polarity", "values", "target", "off_target", "deteriorating"),
    NORFOLK_WORKED,
    ids=[row[0] for row in NORFOLK_WORKED],
)
def test_norfolk_worked_evaluation(sign, polarity, values, target, off_target, deteriorating):
    reasons = assess_exceptions(
        ratings=[],
        value=D(values[-1]),
        target=target,
        polarity=polarity,
        recent_values=[D(v) for v in values],
    )
    assert (OFF in reasons) == off_target
    assert (WORSE in reasons) == deteriorating


def test_red_rating_is_a_reason():
    reasons = assess_exceptions(
        ratings=[("target", Rating.RED)], value=D("1"), target=None, polarity=H, recent_values=[]
    )
    assert reasons == [ExceptionReason.RED]


def test_red_against_england_is_no_reason():
    """§1.2.3 "off-target (Red RAG rating ...)": the Red that counts is against the target."""
    for kind in ("national", "regional", "statistical_neighbours", "previous_year"):
        reasons = assess_exceptions(
            ratings=[("target", Rating.GREEN), (kind, Rating.RED)],
            value=D("90"),
            target=value_target("90"),
            polarity=H,
            recent_values=[],
        )
        assert reasons == [], kind


def test_red_against_the_target_counts_whatever_the_benchmarks_say():
    reasons = assess_exceptions(
        ratings=[("national", Rating.GREEN), ("target", Rating.RED), ("regional", "")],
        value=D("1"),
        target=None,
        polarity=H,
        recent_values=[],
    )
    assert reasons == [ExceptionReason.RED]


def test_amber_rating_alone_is_no_reason():
    reasons = assess_exceptions(
        ratings=[("target", Rating.AMBER)], value=D("1"), target=None, polarity=H, recent_values=[]
    )
    assert reasons == []


def test_off_target_by_exactly_five_percent_is_a_reason():
    reasons = assess_exceptions(
        ratings=[], value=D("95"), target=value_target("100"), polarity=H, recent_values=[]
    )
    assert reasons == [OFF]


def test_off_target_by_less_than_five_percent_is_no_reason():
    reasons = assess_exceptions(
        ratings=[], value=D("95.01"), target=value_target("100"), polarity=H, recent_values=[]
    )
    assert reasons == []


def test_variance_threshold_is_configurable():
    reasons = assess_exceptions(
        ratings=[],
        value=D("98"),
        target=value_target("100"),
        polarity=H,
        recent_values=[],
        variance_percent=D("2"),
    )
    assert reasons == [OFF]


def test_tracker_or_missing_target_is_never_off_target():
    for target in (None, TargetSpec.tracker()):
        reasons = assess_exceptions(
            ratings=[], value=D("1"), target=target, polarity=H, recent_values=[]
        )
        assert reasons == []


def test_all_reasons_come_in_norfolks_order():
    reasons = assess_exceptions(
        ratings=[("target", Rating.RED)],
        value=D("69.7"),
        target=under("55"),
        polarity=L,
        recent_values=[D("65.7"), D("66.2"), D("66.5"), D("69.7")],
        affects_budget=True,
        affects_corporate_risk=True,
    )
    assert reasons == list(ExceptionReason)


def test_budget_and_corporate_risk_are_officer_flags():
    reasons = assess_exceptions(
        ratings=[], value=None, target=None, polarity=NO, recent_values=[], affects_budget=True
    )
    assert reasons == [ExceptionReason.BUDGET]
    reasons = assess_exceptions(
        ratings=[],
        value=None,
        target=None,
        polarity=NO,
        recent_values=[],
        affects_corporate_risk=True,
    )
    assert reasons == [ExceptionReason.CORPORATE_RISK]


# --- is_deteriorating -----------------------------------------------------------------


def test_three_deteriorations_need_four_values():
    assert is_deteriorating([D("3"), D("2"), D("1")], H) is False
    assert is_deteriorating([D("4"), D("3"), D("2"), D("1")], H) is True


def test_only_the_latest_changes_count():
    assert is_deteriorating([D("1"), D("9"), D("8"), D("7"), D("6")], H) is True
    assert is_deteriorating([D("9"), D("8"), D("7"), D("6"), D("7")], H) is False


def test_no_change_breaks_a_run():
    assert is_deteriorating([D("4"), D("3"), D("3"), D("2")], H) is False


def test_missing_value_breaks_a_run():
    assert is_deteriorating([D("4"), None, D("2"), D("1")], H) is False


def test_missing_value_before_the_run_does_not_matter():
    assert is_deteriorating([None, D("4"), D("3"), D("2"), D("1")], H) is True


def test_deterioration_follows_polarity():
    rising = [D("1"), D("2"), D("3"), D("4")]
    assert is_deteriorating(rising, L) is True
    assert is_deteriorating(rising, H) is False


def test_info_measure_never_deteriorates():
    assert is_deteriorating([D("4"), D("3"), D("2"), D("1")], NO) is False


def test_run_length_is_configurable():
    assert is_deteriorating([D("3"), D("2"), D("1")], H, consecutive=2) is True
    reasons = assess_exceptions(
        ratings=[],
        value=D("1"),
        target=None,
        polarity=H,
        recent_values=[D("3"), D("2"), D("1")],
        consecutive=2,
    )
    assert reasons == [WORSE]


def test_run_length_must_be_at_least_one():
    with pytest.raises(ValueError):
        is_deteriorating([D("2"), D("1")], H, consecutive=0)


# --- describe_reason ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "words"),
    [
        (ExceptionReason.RED, "Red rating"),
        (ExceptionReason.OFF_TARGET, "5% or more off target"),
        (ExceptionReason.DETERIORATING, "Worse three periods running"),
        (ExceptionReason.BUDGET, "Affects the budget"),
        (ExceptionReason.CORPORATE_RISK, "Affects a corporate risk"),
    ],
)
def test_each_reason_has_plain_words(reason, words):
    assert describe_reason(reason) == words
    assert describe_reason(reason.value) == words


def test_words_follow_configured_criteria():
    assert describe_reason(OFF, variance_percent=D("10")) == "10% or more off target"
    # As stored (DecimalField, two places) and normalised: printed as Norfolk would.
    assert describe_reason(OFF, variance_percent=D("10.00")) == "10% or more off target"
    assert describe_reason(OFF, variance_percent=D("2.50")) == "2.5% or more off target"
    assert describe_reason(WORSE, consecutive=2) == "Worse two periods running"
    assert describe_reason(WORSE, consecutive=12) == "Worse 12 periods running"
    assert describe_reason(WORSE, consecutive=1) == "Worse than the previous period"
