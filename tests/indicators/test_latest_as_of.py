"""Value.objects.latest_as_of: the value a committee paper dated that day shows for each
series. A period counts once it has begun; among those, the latest period end wins."""

from datetime import date

import pytest

from indicators.models import Period, Value
from tests import factories as f

pytestmark = pytest.mark.django_db


def shown(day, queryset=None):
    values = (queryset or Value.objects.published()).latest_as_of(day)
    return {(v.indicator.ref, v.area_id): v.period.label for v in values}


@pytest.fixture
def durham():
    return f.authority("Durham")


def test_a_period_counts_once_it_has_begun(durham):
    # Durham Q1 2017/18 (as at 30 June 2017) printed the 2016/17 academic year.
    s24 = f.indicator(durham, "CYP S24", frequency="annual")
    f.value(s24, Period.objects.from_label("2015/16 ac yr"), "60")
    f.value(s24, Period.objects.from_label("2016/17 ac yr"), "62")
    assert shown(date(2017, 6, 30)) == {("CYP S24", None): "2016/17 ac yr"}
    assert shown(date(2016, 8, 31)) == {("CYP S24", None): "2015/16 ac yr"}


def test_the_latest_end_wins_among_begun_periods(durham):
    s16 = f.indicator(durham, "CYP S16")
    f.value(s16, f.quarter(2016), "80")
    f.value(s16, f.quarter(2017), "83")
    f.value(s16, f.quarter(2017, first_month=7), "85")
    assert shown(date(2017, 6, 30)) == {("CYP S16", None): "Apr - Jun 2017"}
    assert shown(date(2017, 7, 1)) == {("CYP S16", None): "Jul - Sep 2017"}
    assert shown(None) == {("CYP S16", None): "Jul - Sep 2017"}


def test_nothing_is_shown_before_the_first_period_begins(durham):
    f.value(f.indicator(durham, "CYP S16"), f.quarter(2017), "83")
    assert shown(date(2017, 3, 31)) == {}


def test_each_series_has_its_own_latest(durham):
    from indicators.models import SubArea

    s16, s17 = f.indicator(durham, "CYP S16"), f.indicator(durham, "CYP S17")
    north = SubArea.objects.create(authority=durham, name="North", slug="north")
    f.value(s16, f.quarter(2017), "83")
    f.value(s16, f.quarter(2016), "80", area=north)
    f.value(s17, f.quarter(2016), "40")
    assert shown(date(2017, 6, 30)) == {
        ("CYP S16", None): "Apr - Jun 2017",
        ("CYP S16", north.pk): "Apr - Jun 2016",
        ("CYP S17", None): "Apr - Jun 2016",
    }


def test_a_draft_is_not_published_so_the_last_approved_value_stays(durham):
    s16 = f.indicator(durham, "CYP S16")
    f.value(s16, f.quarter(2016), "80")
    f.value(s16, f.quarter(2017), "99.9", workflow="draft")
    assert shown(date(2017, 6, 30)) == {("CYP S16", None): "Apr - Jun 2016"}
    everything = shown(date(2017, 6, 30), Value.objects.all())
    assert everything == {("CYP S16", None): "Apr - Jun 2017"}


def test_filters_after_it_narrow_the_result_not_the_series(durham):
    s16 = f.indicator(durham, "CYP S16")
    f.value(s16, f.quarter(2016), "80")
    f.value(s16, f.quarter(2017), "83", status="provisional")
    latest = Value.objects.published().latest_as_of(date(2017, 6, 30))
    assert list(latest.filter(status="final")) == []  # not the older final value
