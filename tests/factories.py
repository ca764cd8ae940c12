"""Small factories for a hand-made data set: two councils, a few indicators."""

from datetime import date
from decimal import Decimal

from indicators.models import (
    Authority,
    BenchmarkValue,
    Commentary,
    ComparatorGroup,
    Indicator,
    Period,
    PublishedComparison,
    RatingScheme,
    Target,
    Tolerance,
    Value,
)
from indicators.models.workflow import Workflow, publishing


def scheme(kind="relative_tolerance", tolerance="2", rated=None, name=None):
    return RatingScheme.objects.create(
        name=name or f"{kind} {tolerance}",
        kind=kind,
        tolerance_percent=Decimal(tolerance),
        rated_comparisons=rated
        or ["target", "previous_year", "previous_period", "national", "regional"],
    )


def authority(name="Durham", rating_scheme=None, **fields):
    slug = name.lower().replace(" ", "-")
    return Authority.objects.create(
        name=name, slug=slug, reports_to_portal=True, rating_scheme=rating_scheme, **fields
    )


def indicator(council, ref="CYP S16", polarity="higher", unit="percent", **fields):
    fields.setdefault("name", f"Indicator {ref}")
    fields.setdefault("frequency", "quarterly")
    fields.setdefault("decimal_places", 1)
    return Indicator.objects.create(
        authority=council, ref=ref, polarity=polarity, unit=unit, **fields
    )


def quarter(year, first_month=4):
    """A financial quarter starting in the given month."""
    import calendar

    last_month = first_month + 2
    end_day = calendar.monthrange(year, last_month)[1]
    return Period.objects.for_span(
        "quarter", date(year, first_month, 1), date(year, last_month, end_day)
    )


def month(year, number):
    import calendar

    return Period.objects.for_span(
        "month", date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])
    )


def _published(model, **fields):
    """Figures the tests take as already signed off, as a loaded paper is."""
    fields.setdefault("workflow", Workflow.APPROVED)
    with publishing("test data"):
        return model.objects.create(**fields)


def value(ind, period, figure, council=None, **fields):
    return _published(
        Value,
        indicator=ind,
        authority=council or ind.authority,
        period=period,
        value=None if figure is None else Decimal(str(figure)),
        **fields,
    )


def target(ind, period, figure=None, kind="value", **fields):
    return _published(
        Target,
        indicator=ind,
        authority=ind.authority,
        period=period,
        kind=kind,
        value=None if figure is None else Decimal(str(figure)),
        **fields,
    )


def tolerance(ind, red, green, **fields):
    return _published(
        Tolerance,
        indicator=ind,
        authority=ind.authority,
        red=Decimal(str(red)),
        green=Decimal(str(green)),
        **fields,
    )


def group(name="England", kind="national", owner=None, members=()):
    g = ComparatorGroup.objects.create(
        name=name, slug=name.lower().replace(" ", "-"), kind=kind, owner=owner
    )
    g.members.set(members)
    return g


def benchmark(grp, ind, period, figure, **fields):
    return _published(
        BenchmarkValue,
        comparator_group=grp,
        indicator=ind,
        period=period,
        value=Decimal(str(figure)),
        **fields,
    )


def commentary(ind, period, **fields):
    return _published(Commentary, indicator=ind, authority=ind.authority, period=period, **fields)


def published(val, kind, grp=None, **fields):
    return PublishedComparison.objects.create(value=val, kind=kind, comparator_group=grp, **fields)
