"""Small hand-made councils for the member pages, and the seeds cloned ten times."""

from datetime import date
from decimal import Decimal

import pytest

from indicators.bulk import refresh_statistics
from indicators.models import (
    BenchmarkValue,
    Indicator,
    KeyQuestion,
    Period,
    SubArea,
    Target,
    Theme,
    Tolerance,
    Value,
)
from indicators.models.workflow import publishing
from tests import factories as f


@pytest.fixture
def durham(db):
    """Durham-style council: relative 2% scheme, theme and key question, quarterly values."""
    council = f.authority(
        "Durham",
        rating_scheme=f.scheme(
            rated=["target", "previous_year", "national", "regional"], name="Durham 2%"
        ),
        committee="Children and Young People's Overview and Scrutiny Committee",
        region="North East",
    )
    theme = Theme.objects.create(authority=council, name="Altogether Better for Children", order=1)
    question = KeyQuestion.objects.create(theme=theme, number=3, text="Are children safe?")
    england = f.group("England")
    north_east = f.group("North East", kind="regional", members=[council])
    q1_2016, q1_2017, q2_2017 = f.quarter(2016), f.quarter(2017), f.quarter(2017, first_month=7)
    s16 = f.indicator(
        council,
        "CYP S16",
        name="Percentage of single assessments completed within 45 working days",
        theme=theme,
        key_question=question,
        order=1,
    )
    f.value(s16, q1_2016, "80.0")
    f.value(s16, q1_2017, "83.2", numerator="416", denominator="500")
    f.value(s16, q2_2017, "99.9", workflow="draft")  # not published: never shown
    f.target(s16, q1_2017, "85")  # 2.1% behind: Red under the 2% rule
    f.benchmark(england, s16, f.quarter(2016, first_month=1), "82.9")
    f.benchmark(north_east, s16, f.quarter(2016, first_month=1), "86.0")
    s17 = f.indicator(
        council,
        "CYP S17",
        polarity="lower",
        unit="rate_10000",
        name="Rate of children subject to a child protection plan per 10,000",
        theme=theme,
        key_question=question,
        order=2,
    )
    f.value(s17, q1_2016, "40.0")
    f.value(s17, q1_2017, "38.0", status="provisional")
    f.target(s17, q1_2017, kind="tracker")
    return council


@pytest.fixture
def norfolk(db):
    """Norfolk-style council: Red/Green tolerances, monthly values, localities."""
    council = f.authority(
        "Norfolk",
        rating_scheme=f.scheme("absolute_thresholds", "0", rated=["target"], name="Norfolk MI"),
        committee="Children's Services Committee",
    )
    area = Theme.objects.create(authority=council, name="Child Protection", order=6)
    lac = Theme.objects.create(authority=council, name="LAC", order=7)
    ind = f.indicator(
        council,
        "6.10b",
        name="Percentage of CP visits in timescale",
        frequency="monthly",
        theme=area,
        order=1,
    )
    months = [f.month(2018, m) for m in (1, 2, 3, 4)]
    for period, figure in zip(months, ["90", "88", "86", "84"], strict=True):
        f.value(ind, period, figure)  # worse three months running
    f.tolerance(ind, red="80", green="90")
    for i, (name, figure) in enumerate([("Breckland", "95"), ("Norwich", "70")]):
        sub = SubArea.objects.create(authority=council, name=name, slug=name.lower(), order=i)
        f.value(ind, months[-1], figure, area=sub)
    lac_rate = f.indicator(
        council,
        "7.2",
        polarity="none",
        unit="rate_10000",
        name="LAC - Rate per 10K Under-18s",
        frequency="monthly",
        theme=lac,
        order=2,
    )
    f.value(lac_rate, months[-1], "69.7")
    f.commentary(
        ind,
        months[-1],
        performance_analysis="Visits slipped in the West locality.",
        why_important="Children on plans must be seen.",
        lead_officer="Head of Social Work",
    )
    return council


def clone_indicators(times):
    """Each seeded indicator copied `times` more times with its values, targets, tolerances
    and benchmarks: the same shape of data, `times + 1` times as many rows. In bulk: one
    save per clone cost as much as the pages the clones are there to measure."""
    originals = list(Indicator.objects.all())
    clones = []
    for n in range(1, times + 1):
        for original in originals:
            clone = _copy(original)
            clone.ref = f"{original.ref} x{n}"
            clone.order = original.order + 1000 * n
            clones.append((original.pk, clone))
    Indicator.objects.bulk_create([clone for _, clone in clones])
    for model in (Value, Target, Tolerance, BenchmarkValue):
        related = {}
        for row in model.objects.filter(indicator__in=originals):
            related.setdefault(row.indicator_id, []).append(row)
        copies = []
        for original_pk, clone in clones:
            for row in related.get(original_pk, []):
                copy = _copy(row)
                copy.indicator = clone
                copies.append(copy)
        model.objects.bulk_create(copies, batch_size=2000)
    analyze()


def _copy(instance):
    """An unsaved copy of a model instance, every field but the primary key."""
    copy = type(instance)(
        **{f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}
    )
    copy.pk = None
    return copy


def analyze():
    """Fresh planner statistics after a bulk load, as the national generator takes."""
    refresh_statistics()


def extra_periods(council, indicator, count):
    """More history for one indicator: `count` earlier quarters."""
    for year in range(1980, 1980 + count):
        period = Period.objects.for_span("quarter", date(year, 4, 1), date(year, 6, 30))
        with publishing("test data"):
            Value.objects.create(
                indicator=indicator,
                authority=council,
                period=period,
                value=Decimal(year - 1930),
                workflow=Value.Workflow.APPROVED,
            )
