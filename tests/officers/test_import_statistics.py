"""`manage.py import_statistics`: the DfE's and OHID's own files for every English council
(issue 13), and `manage.py add_council`."""

import csv
from pathlib import Path

import pytest
from django.core.management import ManagementUtility

from indicators.models import Authority, BenchmarkValue, ComparatorGroup, Indicator, Value

pytestmark = pytest.mark.django_db

# The real DfE file, beside the repository (../shared/data/official, as in CI).
OFFICIAL = Path(__file__).resolve().parents[3] / "shared" / "data" / "official"
DFE = OFFICIAL / "la_cla_placement_stability_2020_2024.csv"
EES_HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,la_name,new_la_code,measure,number,percentage\n"
)


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


def run(*argv):
    try:
        ManagementUtility(["manage.py", *argv]).execute()
    except SystemExit as stopped:
        return stopped.code
    return 0


def council(name, code):
    return Authority.objects.create(name=name, slug=name.lower(), ons_code=code, kind="unitary")


@pytest.fixture
def england_and_durham():
    """As the seed has them: Durham by its short name, England and North East groups."""
    durham = council("Durham", "E06000047")
    england = ComparatorGroup.objects.create(
        name="England", slug="england", kind="national", ons_code="E92000001"
    )
    north_east = ComparatorGroup.objects.create(name="North East", slug="ne", kind="regional")
    north_east.members.add(durham)
    return durham, england, north_east


@pytest.fixture
def users(django_user_model):
    return (
        django_user_model.objects.create_user("importer"),
        django_user_model.objects.create_superuser("admin", password="x"),
    )


PUBLISH = ["--publish", "--by", "importer", "--approved-by", "admin"]
NEW = [
    "--name",
    "Children with 3 or more placements",
    "--unit",
    "percent",
    "--polarity",
    "lower",
    "--frequency",
    "annual",
]
DFE_ARGS = [
    "--indicator",
    "CLA-3PLUS",
    "--value",
    "percentage",
    "--numerator",
    "number",
    "--denominator",
    "number",
    "--where",
    "cla_group=CLA 2 years on 31 March",
    "--where",
    "placement_stability=With 3 or more placements during the previous 2 years",
    "--denominator-where",
    "placement_stability=Total children",
    *NEW,
]


@pytest.mark.skipif(not DFE.exists(), reason="the shared DfE file is not beside the clone")
def test_the_real_dfe_file_for_every_council_in_one_command(england_and_durham, users, capsys):
    durham, england, north_east = england_and_durham
    # The councils alone first: England's and the North East's figures computed from them
    # are the sum of numerators over the sum of denominators, as the DfE's are.
    only_councils = ["--where", "geographic_level=Local authority"]
    assert run("import_statistics", str(DFE), *DFE_ARGS, *only_councils, *PUBLISH) == 0
    indicator = Indicator.objects.get(ref="CLA-3PLUS", authority=None)
    year = {"period__kind": "financial_year", "period__end": "2024-03-31"}
    computed = BenchmarkValue.objects.get(comparator_group=north_east, **year)
    assert computed.computed
    assert round(computed.value) == 24  # DfE's North East 2024; a mean of rates gives 25
    in_region = Value.objects.filter(
        authority__comparator_groups=north_east, value__isnull=False, **year
    )
    assert in_region.count() == 12
    pooled = sum(v.numerator for v in in_region) / sum(v.denominator for v in in_region) * 100
    assert computed.value == round(pooled, 8)
    assert round(BenchmarkValue.objects.get(comparator_group=england, **year).value) == 23

    # The whole file: England's and the regions' published figures win over computed ones.
    assert run("import_statistics", str(DFE), *DFE_ARGS, *PUBLISH) == 0
    out = capsys.readouterr().out
    assert "Cumbria (E10000006), split in 2023" in out
    published = Value.objects.published()
    figure = published.get(authority=durham, indicator=indicator, **year)
    assert (figure.value, figure.numerator, figure.denominator) == (22, 176, 815)
    assert figure.source == DFE.name
    for group, official in ((england, 23), (north_east, 24)):
        bench = BenchmarkValue.objects.published().get(comparator_group=group, **year)
        assert (bench.value, bench.computed) == (official, False)
    assert Authority.objects.filter(ons_code__startswith="E").count() == 153
    assert not Authority.objects.filter(name="County Durham").exists()
    suppressed = dict(
        published.filter(**year).exclude(suppressed="").values_list("authority__name", "printed")
    )
    with open(DFE, encoding="utf-8-sig", newline="") as file:
        marked = {
            row["la_name"]: row["percentage"]
            for row in csv.DictReader(file)
            if row["time_period"] == "2024"
            and row["geographic_level"] == "Local authority"
            and row["cla_group"] == "CLA 2 years on 31 March"
            and row["placement_stability"].startswith("With 3")
            and row["percentage"] in ("c", "z")
            and row["new_la_code"] not in ("E10000006", "E10000021")  # abolished
        }
    assert marked and suppressed == marked
    assert published.filter(**year, suppressed="c", value__isnull=False).count() == 0
    # North Yorkshire's and Somerset's earlier years are under their current codes.
    assert published.filter(authority__ons_code="E06000065").count() == 5

    # Idempotent: the same file again changes nothing.
    assert run("import_statistics", str(DFE), *DFE_ARGS, *PUBLISH) == 0
    assert "0 added, 0 changed, 0 published, 765 unchanged" in capsys.readouterr().out
