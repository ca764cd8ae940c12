"""The English councils official statistics report on, bundled with the portal.

`data/english_councils.csv`: every current upper-tier and unitary council (153) as the
Department for Education's local-authority files name them: ONS code, name, other names
in common use ("Durham" for "County Durham"), the DfE's three-digit `old_la_code`, kind,
and its region (ONS code and name). Derived from the DfE release "Children looked after
in England including adoptions" (placement stability, 2020-2024, Explore Education
Statistics, Open Government Licence): every `Local authority` row's `new_la_code`,
`old_la_code`, `la_name` and region, less Cumbria and Northamptonshire (abolished). London
boroughs are put in London (E12000007): the DfE file gives them Inner or Outer London.
The other names are added by hand.

`data/council_predecessors.csv`: ONS codes retired by reorganisations and boundary
changes since 2013, with their successors (ONS Register of Geographic Codes). A code with
one successor is that council's earlier figure (North Yorkshire E10000023 is E06000065); a
code split between several (Cumbria, Northamptonshire) belongs to none of them.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

DATA = Path(__file__).resolve().parent / "data"
ENGLAND_CODE = "E92000001"


@dataclass(frozen=True)
class Council:
    ons_code: str
    name: str
    other_names: tuple[str, ...]
    old_la_code: str
    kind: str
    region_code: str
    region_name: str

    @property
    def names(self):
        return (self.name, *self.other_names)


@dataclass(frozen=True)
class Predecessor:
    ons_code: str
    name: str
    successors: tuple[str, ...]
    until: str


def _rows(name):
    with open(DATA / name, encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@cache
def english_councils() -> dict[str, Council]:
    """{ONS code: Council}."""
    return {
        row["ons_code"]: Council(
            ons_code=row["ons_code"],
            name=row["name"],
            other_names=tuple(n for n in row["other_names"].split(";") if n),
            old_la_code=row["old_la_code"],
            kind=row["kind"],
            region_code=row["region_code"],
            region_name=row["region_name"],
        )
        for row in _rows("english_councils.csv")
    }


@cache
def predecessors() -> dict[str, Predecessor]:
    """{retired ONS code: Predecessor}."""
    return {
        row["ons_code"]: Predecessor(
            row["ons_code"], row["name"], tuple(row["successors"].split()), row["until"]
        )
        for row in _rows("council_predecessors.csv")
    }


def name_key(name: str) -> str:
    """Names compared without case, punctuation or "council": "St. Helens" is "St Helens"."""
    words = "".join(c if c.isalnum() else " " for c in name.lower().replace("&", " and "))
    return " ".join(w for w in words.split() if w not in {"council", "county"})


@cache
def _by_name() -> dict[str, Council]:
    found = {}
    for council in english_councils().values():
        for name in council.names:
            found.setdefault(name_key(name), council)
    return found


def find_council(code: str = "", name: str = "") -> Council | Predecessor | None:
    """The council (or retired code) an official row names, by ONS code, an old DfE code or
    a name. A retired code returns its Predecessor: the caller decides what a split means."""
    code = (code or "").strip().upper()
    if code in english_councils():
        return english_councils()[code]
    if code in predecessors():
        return predecessors()[code]
    if code.isdigit():
        for council in english_councils().values():
            if council.old_la_code == code:
                return council
    return _by_name().get(name_key(name)) if name else None


def single_successor(found):
    """The current council a row belongs to: itself, or a retired code's only successor."""
    if isinstance(found, Predecessor):
        if len(found.successors) == 1:
            return english_councils().get(found.successors[0])
        return None
    return found


def regional_group(region_code, region_name, create=True):
    """The regional comparator group for an ONS region code (matched by code, else by
    name: the seed's "Eastern region" is the East of England), created if missing."""
    from indicators.models import ComparatorGroup, ComparisonKind

    groups = ComparatorGroup.objects.filter(kind=ComparisonKind.REGIONAL, owner__isnull=True)
    group = groups.filter(ons_code=region_code).first()
    if group is None:
        official = {c.region_code: c.region_name for c in english_councils().values()}
        names = {name_key(region_name), name_key(official.get(region_code, region_name))}
        if region_code == "E12000006":
            names.add(name_key("Eastern region"))
        group = next((g for g in groups if name_key(g.name) in names), None)
        if group is not None and not group.ons_code:
            group.ons_code = region_code
            group.save(update_fields=["ons_code"])
    if group is None and create:
        region_name = official.get(region_code, region_name)
        group = ComparatorGroup.objects.create(
            name=region_name,
            slug=_free_slug(ComparatorGroup, slugify(region_name)),
            kind=ComparisonKind.REGIONAL,
            ons_code=region_code,
            model="Region",
            description=f"Upper-tier councils of {region_name} (ONS {region_code}).",
        )
    return group


def england_group(create=True):
    from indicators.models import ComparatorGroup, ComparisonKind

    groups = ComparatorGroup.objects.filter(kind=ComparisonKind.NATIONAL)
    group = groups.filter(ons_code=ENGLAND_CODE).first() or groups.order_by("pk").first()
    if group is None and create:
        group = ComparatorGroup.objects.create(
            name="England",
            slug=_free_slug(ComparatorGroup, "england"),
            kind=ComparisonKind.NATIONAL,
            ons_code=ENGLAND_CODE,
            model="All English authorities",
        )
    return group


def _free_slug(model, base):
    slug, n = base, 1
    while model.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def authority_for(council: Council):
    """The portal's authority for a council of the list: by ONS code, else by any of its
    names; None when the portal does not have it."""
    from indicators.models import Authority

    found = Authority.objects.filter(ons_code=council.ons_code).first()
    if found is None:
        keys = {name_key(n) for n in council.names}
        for authority in Authority.objects.filter(ons_code=""):
            if name_key(authority.name) in keys:
                return authority
    return found


@transaction.atomic
def add_council(council: Council, reports_to_portal=False):
    """Create the council as an authority in its regional group. Returns (authority,
    created): an existing authority (same ONS code or name) is returned, not changed,
    except that it joins its region's group."""
    from indicators.models import Authority

    authority = authority_for(council)
    created = authority is None
    if created:
        authority = Authority.objects.create(
            name=council.name,
            slug=_free_slug(Authority, slugify(council.name)),
            ons_code=council.ons_code,
            kind=council.kind,
            region=council.region_name,
            reports_to_portal=reports_to_portal,
        )
    regional_group(council.region_code, council.region_name).members.add(authority)
    return authority, created
