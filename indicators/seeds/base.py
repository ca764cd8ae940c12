"""What every paper loader needs: the fixture files, and idempotent writes."""

import csv
import json
from decimal import Decimal
from pathlib import Path

from django.conf import settings

from indicators.models import (
    Authority,
    BenchmarkValue,
    ComparatorGroup,
    Indicator,
    Period,
    PublishedComparison,
    RatingScheme,
    SubArea,
    Target,
    Tolerance,
    Value,
)
from indicators.rules.printed import parse_printed

FIXTURES = Path(settings.BASE_DIR) / "fixtures"

UNITS = {
    "percent": "percent",
    "rate_per_1000": "rate_1000",
    "rate_per_10k": "rate_10000",
    "rate_per_100k": "rate_100000",
    "count": "count",
    "score": "score",
    "days": "days",
    "average": "average",
    "maximum": "maximum",
}

RAG_WORDS = {
    "GREEN": "green",
    "AMBER": "amber",
    "RED": "red",
    "G": "green",
    "A": "amber",
    "R": "red",
}


def read_json(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def read_paper_rows(name):
    with (FIXTURES / "papers" / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def number(text):
    """The figure in a printed cell, or None for "No Data", "New PI", blanks."""
    return parse_printed(text or "").value


def decimals_in(text):
    return parse_printed(text or "").decimals


class Seeder:
    """Caches lookups and writes with update_or_create, so a second load changes nothing."""

    def __init__(self, log=None):
        self.log = log or (lambda message: None)
        self._periods = {}
        self.counts = {}

    def count(self, what, n=1):
        self.counts[what] = self.counts.get(what, 0) + n

    # Reference data ------------------------------------------------------------------

    def authority(self, slug):
        return Authority.objects.get(slug=slug)

    def group(self, slug):
        return ComparatorGroup.objects.get(slug=slug)

    def scheme(self, name):
        return RatingScheme.objects.get(name=name)

    def sub_area(self, authority, name):
        for area in SubArea.objects.filter(authority=authority):
            if name == area.name or name in area.aliases:
                return area
        raise ValueError(f"{authority} has no locality called '{name}'.")

    def period(self, kind, start, end):
        key = (str(kind), start, end)
        if key not in self._periods:
            self._periods[key] = Period.objects.for_span(kind, start, end)
        return self._periods[key]

    def period_from_label(self, label, kind=None):
        return Period.objects.from_label(label, kind=kind)

    # Writes --------------------------------------------------------------------------

    def indicator(self, authority, ref, **fields):
        indicator, _ = Indicator.objects.update_or_create(
            authority=authority, ref=ref, defaults=fields
        )
        self.count("indicators")
        return indicator

    def value(self, indicator, authority, period, area=None, **fields):
        fields.setdefault("workflow", Value.Workflow.APPROVED)
        value, _ = Value.objects.update_or_create(
            indicator=indicator, authority=authority, area=area, period=period, defaults=fields
        )
        self.count("values")
        return value

    def target(self, indicator, authority, period, **fields):
        target, _ = Target.objects.update_or_create(
            indicator=indicator, authority=authority, period=period, defaults=fields
        )
        self.count("targets")
        return target

    def tolerance(self, indicator, authority, red, green, **fields):
        tolerance, _ = Tolerance.objects.update_or_create(
            indicator=indicator,
            authority=authority,
            defaults={"red": red, "green": green, **fields},
        )
        self.count("tolerances")
        return tolerance

    def benchmark(self, group, indicator, period, **fields):
        benchmark, _ = BenchmarkValue.objects.update_or_create(
            comparator_group=group, indicator=indicator, period=period, defaults=fields
        )
        self.count("benchmark values")
        return benchmark

    def published(self, value, kind, group=None, **fields):
        comparison, _ = PublishedComparison.objects.update_or_create(
            value=value, kind=kind, comparator_group=group, defaults=fields
        )
        self.count("published comparisons")
        return comparison


def load_reference(seeder):
    """Rating schemes, councils, localities and comparator groups (fixtures/reference.json)."""
    data = read_json("reference.json")
    for scheme in data["rating_schemes"]:
        RatingScheme.objects.update_or_create(
            name=scheme["name"],
            defaults={
                "kind": scheme["kind"],
                "tolerance_percent": Decimal(scheme["tolerance_percent"]),
                "rated_comparisons": scheme["rated_comparisons"],
                "key_text": scheme["key_text"],
                "source": scheme["source"],
            },
        )
    for row in data["authorities"]:
        fields = {k: v for k, v in row.items() if k not in ("slug", "rating_scheme")}
        if row.get("rating_scheme"):
            fields["rating_scheme"] = RatingScheme.objects.get(name=row["rating_scheme"])
        Authority.objects.update_or_create(slug=row["slug"], defaults=fields)
    for row in data["sub_areas"]:
        SubArea.objects.update_or_create(
            authority=Authority.objects.get(slug=row["authority"]),
            slug=row["slug"],
            defaults={"name": row["name"], "aliases": row["aliases"], "order": row["order"]},
        )
    for row in data["comparator_groups"]:
        fields = {k: v for k, v in row.items() if k not in ("slug", "members", "owner")}
        if row.get("owner"):
            fields["owner"] = Authority.objects.get(slug=row["owner"])
        group, _ = ComparatorGroup.objects.update_or_create(slug=row["slug"], defaults=fields)
        group.members.set(Authority.objects.filter(slug__in=row.get("members", [])))
    seeder.count("authorities", len(data["authorities"]))
