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
from indicators.models.workflow import SignedOff, Workflow, publishing
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
    """Caches lookups and writes only what differs, so a second load changes nothing: not a
    figure, and not the audit trail either (django-simple-history records a save even when
    nothing changed, which would add a "changed" entry per value on every reload)."""

    REASON = "Loaded from the published papers (load_seed_data)"

    def __init__(self, log=None):
        self.log = log or (lambda message: None)
        self._periods = {}
        self._touched = set()  # (model, pk) of audited rows this load wrote
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

    def write(self, model, lookup, fields):
        """update_or_create that saves only when a field differs. Audited models get one
        history record per load for what changed overall (see finish()): a later loader
        annotating a note the first one wrote is one change, not two."""
        if issubclass(model, SignedOff):
            # The papers were published: their figures need no second sign-off.
            fields.setdefault("workflow", Workflow.APPROVED)
            lookup = {**lookup, "revises": None}
        obj = model.objects.filter(**lookup).first()
        audited = _audited(model)
        if obj is None:
            obj = model(**lookup, **fields)
            if audited:  # finish() records it in the audit trail, in bulk
                self._quiet_save(obj)
                self._touched.add((model, obj.pk))
            else:
                obj.save()
            return obj
        if audited:
            self._touched.add((model, obj.pk))
        changed = [name for name, new in fields.items() if getattr(obj, name) != new]
        if changed:
            for name in changed:
                setattr(obj, name, fields[name])
            self._quiet_save(obj)
        return obj

    def annotate(self, obj, **sentences):
        """Add each sentence to the named text field unless it is there already."""
        changed = []
        for name, sentence in sentences.items():
            current = getattr(obj, name)
            if sentence and sentence not in current:
                setattr(obj, name, f"{current} {sentence}".strip())
                changed.append(name)
        if changed:
            if _audited(type(obj)):
                self._touched.add((type(obj), obj.pk))
            self._quiet_save(obj)
        return bool(changed)

    def _quiet_save(self, obj):
        obj.skip_history_when_saving = True
        try:
            with publishing("the published papers"):
                obj.save()
        finally:
            del obj.skip_history_when_saving

    def finish(self):
        """Record in the audit trail, in bulk, each row this load created ("+") or left
        different from its last history record ("~"): nothing after a reload of the same
        fixtures."""
        by_model = {}
        for model, pk in self._touched:
            by_model.setdefault(model, []).append(pk)
        recorded = 0
        for model, pks in by_model.items():
            latest = {}
            for record in model.history.filter(id__in=pks).order_by("history_date", "history_id"):
                latest[record.id] = _audited_state(record)
            objs = list(model.objects.filter(pk__in=pks))
            new = [o for o in objs if o.pk not in latest]
            changed = [o for o in objs if o.pk in latest and latest[o.pk] != _audited_state(o)]
            for rows, update in ((new, False), (changed, True)):
                if rows:
                    model.history.bulk_history_create(
                        rows, update=update, default_change_reason=self.REASON
                    )
            recorded += len(changed)
        self._touched = set()
        return recorded

    def indicator(self, authority, ref, **fields):
        indicator = self.write(Indicator, {"authority": authority, "ref": ref}, fields)
        self.count("indicators")
        return indicator

    def value(self, indicator, authority, period, area=None, **fields):
        lookup = {"indicator": indicator, "authority": authority, "area": area, "period": period}
        value = self.write(Value, lookup, fields)
        self.count("values")
        return value

    def target(self, indicator, authority, period, **fields):
        lookup = {"indicator": indicator, "authority": authority, "period": period}
        target = self.write(Target, lookup, fields)
        self.count("targets")
        return target

    def tolerance(self, indicator, authority, red, green, **fields):
        lookup = {"indicator": indicator, "authority": authority}
        tolerance = self.write(Tolerance, lookup, {"red": red, "green": green, **fields})
        self.count("tolerances")
        return tolerance

    def benchmark(self, group, indicator, period, **fields):
        lookup = {"comparator_group": group, "indicator": indicator, "period": period}
        benchmark = self.write(BenchmarkValue, lookup, fields)
        self.count("benchmark values")
        return benchmark

    def published(self, value, kind, group=None, **fields):
        lookup = {"value": value, "kind": kind, "comparator_group": group}
        comparison = self.write(PublishedComparison, lookup, fields)
        self.count("published comparisons")
        return comparison


def _audited(model):
    # Not hasattr(model, "history"): simple-history's descriptor builds a manager class on
    # every access, which costs a second over a full load.
    return hasattr(model._meta, "simple_history_manager_attribute")


def _audited_state(obj):
    """The model's own fields, from the model or from one of its history records."""
    model = getattr(obj, "instance_type", type(obj))
    return {f.attname: getattr(obj, f.attname) for f in model._meta.concrete_fields}


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


def load_national_codes(seeder):
    """The national code of each council's indicator measuring a national measure
    (fixtures/national_codes.json): the compare page matches councils' indicators by it."""
    for code, refs in read_json("national_codes.json").items():
        if code.startswith("_"):
            continue
        for slug, ref in refs.items():
            updated = Indicator.objects.filter(authority__slug=slug, ref=ref).update(
                national_code=code
            )
            if updated != 1:
                raise ValueError(f"national_codes.json: {slug} has no indicator {ref!r}")
            seeder.count("national codes")
