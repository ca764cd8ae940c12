"""Generate the national data set: reproducible from a seed, replaced wholesale on each run.

Every figure comes from a `random.Random` seeded with the data set's seed and the names
of what it belongs to (council code, indicator reference), so a council's series is the
same whichever other councils or indicators a smaller run includes, and the same seed
always gives the same data.

What the generator writes and owns: the national indicators whose reference starts with
"NAT " (authority NULL), their values, targets and tolerances, and each council's
generated neighbour groups. It reuses (upserts by slug) the councils and comparator
groups already loaded from fixtures/reference.json.
"""

import math
import random
import time
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from indicators.benchmarks import refresh_benchmarks
from indicators.bulk import delete_rows, insert_rows, refresh_statistics
from indicators.models import (
    Authority,
    BenchmarkValue,
    ComparatorGroup,
    ComparisonKind,
    Indicator,
    Period,
    RatingScheme,
    Target,
    Tolerance,
    Value,
)
from indicators.rules.periods import PeriodKind, shift_months

from .authorities import REGIONS, authority_rows, region_group_slug
from .catalogue import REF_PREFIX, indicator_rows

DEFAULT_SEED = 2026
LATEST_QUARTER = (date(2025, 1, 1), date(2025, 3, 31))  # Q4 2024/25
PORTAL_COUNCILS = ["durham", "stockton-on-tees", "norfolk"]  # first in any smaller run
SCHEME_NAME = "National data set: relative 2% tolerance"
MISSING_SHARE = 0.02  # a council occasionally has no figure for a quarter
SMALL_COUNCILS = {"E06000053": 2_300, "E09000001": 8_600}  # Isles of Scilly, City of London
POPULATION = {"county": 800_000, "unitary": 280_000, "metropolitan": 310_000, "london": 280_000}
RURALITY = {"county": 1.0, "unitary": 0.0, "metropolitan": -0.7, "london": -1.5}
DEPRIVATION = {
    "North East": 0.8,
    "North West": 0.5,
    "Yorkshire and The Humber": 0.4,
    "West Midlands": 0.3,
    "London": 0.2,
    "East Midlands": 0.0,
    "East of England": -0.4,
    "South West": -0.4,
    "South East": -0.7,
}


@dataclass
class Profile:
    """What drives a council's figures: how deprived, how rural, how many residents."""

    authority: Authority
    deprivation: float
    rurality: float
    population: int


def generate(seed=DEFAULT_SEED, authorities=None, indicators=None, quarters=40, log=print):
    """Build (or rebuild) the national data set; returns {step: seconds} and counts."""
    timings, counts = {}, {}
    started = time.perf_counter()

    def step(name):
        now = time.perf_counter()
        timings[name] = now - step.last
        step.last = now
        log(f"  {name}: {timings[name]:.1f}s")

    step.last = started
    source = f"Generated: national data set, seed {seed}"
    with transaction.atomic():
        councils = _councils(authorities, seed)
        counts["authorities"] = len(councils)
        step("councils")
        counts["comparator groups"] = _groups(councils, seed)
        step("comparator groups")
        periods = _quarters(quarters)
        year = Period.objects.for_span(PeriodKind.FINANCIAL_YEAR, *_financial_year(periods[-1]))
        national = _indicators(indicators, source)
        counts["indicators"] = len(national)
        step("indicators and periods")
        counts["values"] = insert_rows(
            Value, VALUE_COLUMNS, _value_rows(councils, national, periods, seed, source)
        )
        step("values")
        counts["targets"] = insert_rows(
            Target, TARGET_COLUMNS, _target_rows(councils, national, year, seed, source)
        )
        counts["tolerances"] = insert_rows(
            Tolerance, TOLERANCE_COLUMNS, _tolerance_rows(councils, national, seed, source)
        )
        step("targets and tolerances")
        refresh = refresh_benchmarks(indicators=[i.pk for i, _ in national])
        counts["benchmark values"] = refresh.created + refresh.updated + refresh.unchanged
        step("benchmarks")
    # Fresh planner statistics for a million new rows: without them SQLite reads a
    # council's values through the area index (nearly every row) and PostgreSQL waits for
    # autovacuum, and the member pages take seconds.
    refresh_statistics()
    step("planner statistics")
    timings["total"] = time.perf_counter() - started
    return timings, counts


# Councils and groups ---------------------------------------------------------------------


def _councils(limit, seed):
    rows = authority_rows()
    rows.sort(key=lambda r: (r["slug"] not in PORTAL_COUNCILS, r["ons_code"]))
    rows = rows[:limit] if limit else rows
    scheme, _ = RatingScheme.objects.get_or_create(
        name=SCHEME_NAME,
        defaults={
            "kind": "relative_tolerance",
            "tolerance_percent": Decimal("2"),
            "rated_comparisons": ["target", "previous_year", "national", "regional"],
            "key_text": "Same or better than the comparator: Green; worse by up to 2% of the "
            "comparator value: Amber; worse by more than 2%: Red.",
            "source": "Generated for the national data set (the Durham Appendix 2 rule).",
        },
    )
    existing = {a.slug: a for a in Authority.objects.filter(slug__in=[r["slug"] for r in rows])}
    profiles = []
    for row in rows:
        council = existing.get(row["slug"])
        if council is None:
            council = Authority(slug=row["slug"], name=row["name"])
        council.ons_code, council.kind, council.region = (
            row["ons_code"],
            row["kind"],
            row["region"],
        )
        if not council.reports_to_portal:
            # A council that only appeared as a comparator now reports its own figures.
            council.reports_to_portal = True
            council.rating_scheme = council.rating_scheme or scheme
        council.save()
        profiles.append(_profile(council, seed))
    return profiles


def _profile(council, seed):
    rng = random.Random(f"{seed}:council:{council.ons_code}")
    population = SMALL_COUNCILS.get(council.ons_code) or int(
        POPULATION[council.kind] * math.exp(rng.gauss(0, 0.35))
    )
    return Profile(
        authority=council,
        deprivation=DEPRIVATION[council.region] + rng.gauss(0, 0.7),
        rurality=RURALITY[council.kind] + rng.gauss(0, 0.5),
        population=population,
    )


def _neighbours(profile, profiles, seed):
    """10 to 15 nearest councils by deprivation, rurality, size and kind: the shape of the
    CIPFA and DfE nearest-neighbour models (their real inputs are not public here)."""

    def distance(other):
        return (
            (profile.deprivation - other.deprivation) ** 2
            + (profile.rurality - other.rurality) ** 2
            + (math.log(profile.population) - math.log(other.population)) ** 2 / 4
            + (0.5 if profile.authority.kind != other.authority.kind else 0)
        )

    others = [p for p in profiles if p.authority.pk != profile.authority.pk]
    size = random.Random(f"{seed}:neighbours:{profile.authority.ons_code}").randint(10, 15)
    others.sort(key=lambda p: (distance(p), p.authority.ons_code))
    return [p.authority for p in others[:size]]


def _groups(profiles, seed):
    councils = [p.authority for p in profiles]
    ComparatorGroup.objects.get_or_create(
        slug="england",
        defaults={
            "name": "England",
            "kind": ComparisonKind.NATIONAL,
            "model": "All English authorities",
        },
    )
    ComparatorGroup.objects.get_or_create(
        slug="national-top-quartile",
        defaults={
            "name": "National top quartile",
            "kind": ComparisonKind.NATIONAL_TOP_QUARTILE,
            "model": "All English authorities",
        },
    )
    made = 2
    for region in REGIONS:
        group, _ = ComparatorGroup.objects.get_or_create(
            slug=region_group_slug(region),
            defaults={"name": region, "kind": ComparisonKind.REGIONAL, "model": "Region"},
        )
        # add, not set: a smaller run must not shrink a region loaded from the fixtures.
        group.members.add(*[c for c in councils if c.region == region])
        made += 1
    owned = {
        g.owner_id: g
        for g in ComparatorGroup.objects.filter(
            kind=ComparisonKind.STATISTICAL_NEIGHBOURS, members__isnull=False
        ).prefetch_related("members")
    }
    model = f"Generated nearest neighbours (national data set, seed {seed})"
    for profile in profiles:
        council = profile.authority
        published = owned.get(council.pk)
        if published:
            # Durham's 15 CIPFA neighbours are real: its averages use them.
            members = list(published.members.all())
        else:
            members = _neighbours(profile, profiles, seed)
            _owned_group(
                council,
                "national-neighbours",
                "Statistical neighbours",
                ComparisonKind.STATISTICAL_NEIGHBOURS,
                model,
                members,
            )
            made += 1
        _owned_group(
            council,
            "national-best-neighbour",
            "Best statistical neighbour",
            ComparisonKind.BEST_STATISTICAL_NEIGHBOUR,
            published.model if published else model,
            members,
        )
        made += 1
    return made


def _owned_group(council, suffix, name, kind, model, members):
    group, _ = ComparatorGroup.objects.update_or_create(
        slug=f"{council.slug}-{suffix}",
        defaults={"name": name, "kind": kind, "owner": council, "model": model},
    )
    group.members.set(members)


# Periods and indicators ------------------------------------------------------------------


def _quarters(n):
    spans = [shift_months(PeriodKind.QUARTER, *LATEST_QUARTER, -3 * k) for k in range(n)]
    return [Period.objects.for_span(PeriodKind.QUARTER, s, e) for s, e in reversed(spans)]


def _financial_year(quarter):
    first = quarter.end.year if quarter.end.month >= 4 else quarter.end.year - 1
    return date(first, 4, 1), date(first + 1, 3, 31)


def _indicators(limit, source):
    """The national indicators, spread across the catalogue when fewer are asked for."""
    catalogue = indicator_rows()
    if limit and limit < len(catalogue):
        catalogue = [catalogue[i * len(catalogue) // limit] for i in range(limit)]
    generated = Indicator.objects.filter(authority__isnull=True, ref__startswith=f"{REF_PREFIX} ")
    # The data set is replaced, not merged: a second run with the same seed is identical.
    for model in (Value, Target, Tolerance):
        delete_rows(model.objects.filter(indicator__in=generated))
    delete_rows(
        BenchmarkValue.objects.filter(
            indicator__in=generated, source__startswith="Computed by the portal"
        )
    )
    generated.exclude(ref__in=[row["ref"] for row in catalogue]).delete()
    made = []
    for order, row in enumerate(catalogue, start=1):
        indicator, _ = Indicator.objects.update_or_create(
            authority=None,
            ref=row["ref"],
            defaults={
                "name": row["name"],
                "polarity": row["polarity"],
                "unit": row["unit"],
                "decimal_places": row["decimal_places"],
                "frequency": Indicator.Frequency.QUARTERLY,
                "source": source,
                "order": order,
            },
        )
        made.append((indicator, row))
    return made


# Figures ---------------------------------------------------------------------------------

VALUE_COLUMNS = [
    "indicator_id", "authority_id", "area_id", "period_id", "value", "numerator",
    "denominator", "status", "workflow", "printed", "printed_period_label", "note",
    "published_quirk", "source", "earlier_value",
]  # fmt: skip
TARGET_COLUMNS = [
    "indicator_id", "authority_id", "period_id", "kind", "value", "upper", "inclusive",
    "deadline", "printed", "note", "published_quirk", "source", "workflow",
]  # fmt: skip
TOLERANCE_COLUMNS = [
    "indicator_id", "authority_id", "red", "green", "published_quirk", "source", "workflow",
]  # fmt: skip


def _places(n):
    return Decimal(1).scaleb(-n)


def _figure(x, places):
    return Decimal(repr(x)).quantize(_places(places), rounding=ROUND_HALF_UP)


def _better(row):
    return -1 if row["polarity"] == "lower" else 1


def _level(profile, row, seed):
    """A council's underlying level and yearly trend for one indicator (no noise)."""
    rng = random.Random(f"{seed}:level:{profile.authority.ons_code}:{row['ref']}")
    shape = random.Random(f"{seed}:indicator:{row['ref']}")
    # Deprived places do worse on most measures, rural ones a little differently.
    worse = -_better(row) if row["polarity"] != "none" else shape.choice([-1, 1])
    z = (
        worse * shape.uniform(0.3, 0.7) * profile.deprivation
        + shape.uniform(-0.4, 0.4) * profile.rurality
        + rng.gauss(0, 0.7)
    )
    level = row["level"] + row["spread"] * z
    trend = row["trend"] * (1 + rng.gauss(0, 0.5)) + row["spread"] * rng.gauss(0, 0.04)
    return level, trend


def _clamp(x, unit):
    if unit == "percent":
        return min(max(x, 0.0), 100.0)
    if unit == "score":
        return x
    return max(x, 0.0)


def _value_rows(profiles, national, periods, seed, source):
    latest = periods[-1].pk
    for profile in profiles:
        council = profile.authority
        missing = 0.25 if council.ons_code in SMALL_COUNCILS else MISSING_SHARE
        # Few residents, noisy figures: a handful of cases moves a small council's rate.
        volatility = min(5.0, math.sqrt(100_000 / profile.population))
        for indicator, row in national:
            rng = random.Random(f"{seed}:values:{council.ons_code}:{row['ref']}")
            level, trend = _level(profile, row, seed)
            places, unit = row["decimal_places"], row["unit"]
            share = random.Random(f"{seed}:denominator:{row['ref']}").uniform(0.002, 0.02)
            noise = 0.0
            for t, period in enumerate(periods):
                noise = 0.6 * noise + rng.gauss(0, 0.12 * row["spread"] * volatility)
                x = _clamp(level + trend * (t - len(periods) + 1) / 4 + noise, unit)
                if rng.random() < missing:
                    continue
                numerator = denominator = None
                if unit == "count":
                    figure = Decimal(round(x * profile.population / 100_000))
                elif unit == "percent":
                    denominator = max(
                        1, round(profile.population * share * rng.uniform(0.95, 1.05))
                    )
                    numerator = min(denominator, round(x / 100 * denominator))
                    figure = (Decimal(numerator) * 100 / denominator).quantize(
                        _places(places), rounding=ROUND_HALF_UP
                    )
                    numerator, denominator = Decimal(numerator), Decimal(denominator)
                else:
                    figure = _figure(x, places)
                yield (
                    indicator.pk, council.pk, None, period.pk, figure, numerator, denominator,
                    "provisional" if period.pk == latest else "final", "approved",
                    "", "", "", "", source, None,
                )  # fmt: skip


def _target(profile, row, seed):
    level, _ = _level(profile, row, seed)
    return _figure(
        _clamp(level + _better(row) * 0.2 * row["spread"], row["unit"]), row["decimal_places"]
    )


def _target_rows(profiles, national, year, seed, source):
    for profile in profiles:
        for indicator, row in national:
            if row["polarity"] == "none":
                kind, figure = "tracker", None
            else:
                kind = "at_least" if row["polarity"] == "higher" else "at_most"
                figure = _target(profile, row, seed)
            yield (indicator.pk, profile.authority.pk, year.pk, kind, figure, None, True,
                   None, "", "", "", source, "approved")  # fmt: skip


def _tolerance_rows(profiles, national, seed, source):
    for profile in profiles:
        for indicator, row in national:
            if row["polarity"] == "none":
                continue
            green = _target(profile, row, seed)
            red = _figure(
                _clamp(float(green) - _better(row) * 0.5 * row["spread"], row["unit"]),
                row["decimal_places"],
            )
            yield (indicator.pk, profile.authority.pk, red, green, "", source, "approved")


def generated_values():
    """The generated values as (indicator ref, council slug, period end, figure), for
    comparing two runs."""
    return list(
        Value.objects.filter(
            indicator__authority__isnull=True, indicator__ref__startswith=REF_PREFIX
        )
        .order_by("indicator__ref", "authority__slug", "period__end")
        .values_list("indicator__ref", "authority__slug", "period__end", "value")
    )
