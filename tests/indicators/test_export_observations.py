"""`manage.py export_observations`: one row per comparison, published values only."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command

from indicators.observations import COLUMNS
from tests import factories as f

pytestmark = pytest.mark.django_db

REQUIRED = (
    "authority, area, indicator_ref, indicator_name, period_label, period_start, period_end, "
    "value, comparison_kind, comparison_name, comparison_value, comparison_period_label, "
    "rating, published_rating, direction, published_direction"
).split(", ")


@pytest.fixture
def durham_quarter():
    durham = f.authority("Durham", rating_scheme=f.scheme())
    s16 = f.indicator(durham, "CYP S16", name="Single assessments in 45 working days")
    latest = f.value(s16, f.quarter(2017), "83.2", printed="83.2")
    f.value(s16, f.quarter(2016), "86.8")
    f.target(s16, f.quarter(2017), kind="tracker")
    f.published(latest, "previous_year", published_rating="red", printed_rating="RED")
    f.value(s16, f.quarter(2017, first_month=7), "90", workflow="draft")
    return durham


def export(*args):
    out = io.StringIO()
    call_command("export_observations", *args, stdout=out)
    return out.getvalue()


def test_it_writes_the_documented_columns_one_row_per_comparison(durham_quarter):
    rows = list(csv.DictReader(io.StringIO(export("--authority", "durham"))))

    assert set(REQUIRED) <= set(rows[0]) and list(rows[0]) == COLUMNS
    latest = [r for r in rows if r["period_label"] == "Apr - Jun 2017"]
    assert {r["comparison_kind"] for r in latest} == {"target", "previous_year"}
    last_year = next(r for r in latest if r["comparison_kind"] == "previous_year")
    assert last_year == {
        **last_year,
        "value": "83.2",
        "comparison_value": "86.8",
        "comparison_period_label": "Apr - Jun 2016",
        "rating": "red",
        "published_rating": "red",
        "direction": "worse",
        "area": "",
        "indicator_ref": "CYP S16",
    }


def test_it_leaves_out_values_not_yet_published(durham_quarter):
    labels = {r["period_label"] for r in csv.DictReader(io.StringIO(export()))}
    assert "Jul - Sep 2017" not in labels


def test_it_writes_json_too(durham_quarter):
    rows = json.loads(export("--format", "json"))
    assert rows[0]["authority"] == "Durham"


def test_an_unknown_authority_is_a_clear_error(durham_quarter):
    with pytest.raises(CommandError, match="Unknown authority 'nowhere'"):
        export("--authority", "nowhere")
