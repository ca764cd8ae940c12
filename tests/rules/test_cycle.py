"""A council's reporting cycle, from its indicators' frequencies."""

from indicators.rules.cycle import reporting_cycle
from indicators.rules.periods import PeriodKind


def test_quarterly_councils_step_through_quarters():
    # Durham: quarterly indicators with annual and occasional ones beside them.
    assert reporting_cycle(["quarterly"] * 5 + ["annual"] * 9 + ["occasional"] * 3) == "quarter"


def test_norfolks_mi_report_steps_through_months():
    assert reporting_cycle(["monthly"] * 30 + ["quarterly"] * 4) == PeriodKind.MONTH


def test_annual_and_occasional_measures_do_not_set_the_cycle():
    # Stockton: mostly occasional snapshots, a few quarterly measures.
    assert reporting_cycle(["occasional"] * 37 + ["quarterly"] * 2) == PeriodKind.QUARTER


def test_a_tie_or_no_cycle_indicator_means_quarterly():
    assert reporting_cycle(["monthly", "quarterly"]) == PeriodKind.QUARTER
    assert reporting_cycle([]) == PeriodKind.QUARTER
