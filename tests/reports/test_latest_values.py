"""The dashboard's values come with everything its rows read: no query per row."""

import pytest

from indicators.latest import latest_values

pytestmark = pytest.mark.django_db


def read_what_a_row_reads(value):
    indicator = value.indicator
    return (
        value.period.pk,
        value.authority.rating_scheme.pk,
        indicator.theme.pk if indicator.theme_id else None,
        indicator.key_question.pk if indicator.key_question_id else None,
        indicator.rating_scheme.pk if indicator.rating_scheme_id else None,
    )


def test_a_value_s_period_indicator_theme_and_scheme_cost_no_more_queries(
    durham, django_assert_num_queries
):
    values = latest_values([durham])
    assert any(v.indicator.theme_id and v.indicator.key_question_id for v in values)
    with django_assert_num_queries(0):
        shown = [read_what_a_row_reads(v) for v in values]
    # Each is the row its foreign key names, not a neighbour's.
    assert shown == [
        (
            v.period_id,
            durham.rating_scheme_id,
            v.indicator.theme_id,
            v.indicator.key_question_id,
            v.indicator.rating_scheme_id,
        )
        for v in values
    ]


def test_they_stay_in_the_council_s_order(durham, norfolk):
    values = latest_values([norfolk, durham])
    keys = [(v.authority.name, v.indicator.order, v.indicator.ref) for v in values]
    assert keys == sorted(keys)
    assert {v.authority for v in values} == {durham, norfolk}
