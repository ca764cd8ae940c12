"""One target choice (Target.choose): the return checklist asks for a target exactly when
the dashboard would show the value with none."""

from datetime import date

import pytest

from indicators.models import Period
from officers.returns.due import checklist
from reports.dashboard import dashboard_rows
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_a_years_target_serves_its_quarters_in_the_checklist_as_on_the_dashboard(durham, s16, q1):
    year = Period.objects.for_span("financial_year", date(2017, 4, 1), date(2018, 3, 31))
    f.value(s16, q1, 80)
    f.target(s16, year, 75)
    f.benchmark(f.group("England"), s16, q1, 70)
    [row] = dashboard_rows(durham)
    assert row.target.figure == 75
    assert checklist(durham, q1) == []


def test_a_target_for_another_period_is_missing_in_both(durham, s16, q1, q4):
    f.value(s16, q1, 80)
    f.target(s16, q4, 75)  # last quarter's: not this value's
    f.benchmark(f.group("England"), s16, q1, 70)
    [row] = dashboard_rows(durham)
    assert row.target is None
    [item] = checklist(durham, q1)
    assert item["missing"] == ["target (or Tracker)"]
