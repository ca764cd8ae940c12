"""`__in_ids` finds the same rows as `__in` with the same SQL, for plain ids."""

import pytest

from indicators.models import Period, Value

pytestmark = pytest.mark.django_db


def test_it_finds_the_rows_in_and_finds_with_the_same_sql(durham):
    some = list(Value.objects.values_list("indicator_id", flat=True)[:3])
    ids = {*some, None}
    by_in = Value.objects.filter(indicator_id__in=ids).order_by("pk")
    by_ids = Value.objects.filter(indicator_id__in_ids=ids).order_by("pk")
    assert list(by_ids) == list(by_in) != []
    assert str(by_ids.query) == str(by_in.query)


def test_no_ids_find_nothing(durham):
    assert list(Value.objects.filter(indicator_id__in_ids=[])) == []
    assert list(Period.objects.filter(pk__in_ids=[None])) == []


def test_a_subquery_works_as_with_in(durham):
    periods = Period.objects.filter(end__year=2017)
    by_ids = Value.objects.filter(period_id__in_ids=periods.values("pk")).order_by("pk")
    by_in = Value.objects.filter(period_id__in=periods.values("pk")).order_by("pk")
    assert list(by_ids) == list(by_in) != []
