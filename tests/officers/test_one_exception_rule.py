"""One exception rule (indicators.rules.exceptions.assess_exceptions): the same value meets
the same criteria, in the same words, on the members' dashboard, in the officers' exception
advice and in the return checklist. A Red rating against England is not one of them."""

import pytest

from officers.exception_advice import exception_advice
from officers.returns.due import checklist
from reports.dashboard import dashboard_rows
from tests import factories as f

pytestmark = pytest.mark.django_db

PREFIX = "commentary (an exception: "


@pytest.fixture
def council(durham, q1):
    """Three quarterly measures, rated against the target and England (Durham's 2%)."""
    durham.rating_scheme = f.scheme(rated=["target", "national"])
    durham.save()
    england = f.group("England")
    # Green against its target, Red against England: no criterion met.
    on_target = f.indicator(durham, "CYP S1", order=1)
    f.value(on_target, q1, 90)
    f.target(on_target, q1, 90)
    f.benchmark(england, on_target, q1, 95)
    # Red against its target and 37.5% short of it.
    off_target = f.indicator(durham, "CYP S2", order=2)
    f.value(off_target, q1, 50)
    f.target(off_target, q1, 80)
    f.benchmark(england, off_target, q1, 40)
    # Worse three quarters running, with a Tracker (no target to be off).
    worse = f.indicator(durham, "CYP S3", order=3)
    for year, first_month, figure in ((2016, 7, 90), (2016, 10, 88), (2017, 1, 86)):
        f.value(worse, f.quarter(year, first_month=first_month), figure)
    f.value(worse, q1, 84)
    f.target(worse, q1, kind="tracker")
    f.benchmark(england, worse, q1, 70)
    return durham


EXPECTED = {
    "CYP S1": [],
    "CYP S2": ["Red rating", "5% or more off target"],
    "CYP S3": ["Worse three periods running"],
}


def test_the_value_red_against_england_is_red_there(council):
    """The premise: CYP S1 is rated Red against England and Green against its target."""
    [row] = [r for r in dashboard_rows(council) if r.ref == "CYP S1"]
    assert row.rating == "green"
    assert row.benchmark("national").rating == "red"


def test_the_dashboard_advice_and_checklist_give_the_same_reasons(council, q1):
    dashboard = {r.ref: r.exceptions for r in dashboard_rows(council)}
    advice = {a.value.indicator.ref: a.words for a in exception_advice(council, q1.end)}
    listed = {
        item["indicator"].ref: m.removeprefix(PREFIX).removesuffix(")").split("; ")
        for item in checklist(council, q1)
        for m in item["missing"]
        if m.startswith(PREFIX)
    }
    in_checklist = {ref: listed.get(ref, []) for ref in EXPECTED}
    assert dashboard == EXPECTED
    assert advice == EXPECTED
    assert in_checklist == EXPECTED


def test_the_advice_proposes_only_the_exceptions(council, q1):
    proposed = {a.value.indicator.ref for a in exception_advice(council, q1.end) if a.proposed}
    assert proposed == {"CYP S2", "CYP S3"}
