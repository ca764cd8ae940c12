"""`manage.py import_statistics`: the DfE's and OHID's own files for every English council
(issue 13), and `manage.py add_council`."""

import csv
from decimal import Decimal
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


MARKERS = ["c", "x", "z", "..", "[c]", "[x]", "low", "u", ":"]
# Nine councils of the list for the nine suppression markers.
MARKED = [
    "E06000001",
    "E06000002",
    "E06000003",
    "E06000005",
    "E08000021",
    "E08000022",
    "E08000023",
    "E08000024",
    "E06000057",
]


def ees_row(
    level,
    code="",
    name="",
    figure="85",
    number="845",
    population="98914",
    region=("E12000001", "North East"),
    old="",
    period="202324",
    identifier="Academic year",
    measure="All",
):
    country = ("E92000001", "England")
    region = region if level != "National" else ("", "")
    return (
        ",".join(
            [
                period,
                identifier,
                level,
                *country,
                *region,
                old,
                name,
                code,
                measure,
                number,
                population,
                figure,
            ]
        )
        + "\n"
    )


EES_HEADER = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,la_name,new_la_code,measure,number,population,rate_per_10000\n"
)
RATE = [
    "--indicator",
    "CLA-RATE",
    "--value",
    "rate_per_10000",
    "--numerator",
    "number",
    "--denominator",
    "population",
]
NEW_RATE = [
    "--name",
    "Children looked after per 10,000",
    "--unit",
    "rate_10000",
    "--polarity",
    "none",
    "--frequency",
    "annual",
]


def ees_file(tmp_path, rows, name="cla.csv", encoding="utf-8-sig"):
    path = tmp_path / name
    path.write_bytes((EES_HEADER + "".join(rows)).encode(encoding))
    return str(path)


@pytest.fixture
def official_file(tmp_path, england_and_durham):
    rows = [
        ees_row("National", figure="70", number="83630", population="12000000"),
        ees_row("Regional", figure="114", number="6110", population="536000"),
        # Durham as the DfE names it: a whole-number rate kept as published.
        ees_row("Local authority", "E06000047", "County Durham", old="840"),
        # Retired codes: North Yorkshire and Somerset before 2023.
        ees_row("Local authority", "E10000023", "North Yorkshire", old="815"),
        ees_row("Local authority", "E10000027", "Somerset", old="933"),
        # By name alone; and a published figure the parts do not give (a warning).
        ees_row("Local authority", "", "St Helens"),
        ees_row("Local authority", "E08000037", "Gateshead", figure="90"),
    ]
    rows += [
        ees_row("Local authority", code, "", figure=marker, number=marker)
        for code, marker in zip(MARKED, MARKERS, strict=True)
    ]
    return ees_file(tmp_path, rows)


def test_an_official_file_is_read_as_published(official_file, england_and_durham, capsys):
    durham, england, north_east = england_and_durham
    assert run("import_statistics", official_file, *RATE, *NEW_RATE) == 0
    out = capsys.readouterr().out
    assert "Row 8: the published 90 does not match 845 / 98914 = 85" in out
    indicator = Indicator.objects.get(ref="CLA-RATE", authority=None)  # created, national
    assert (indicator.unit, indicator.decimal_places) == ("rate_10000", 0)
    values = Value.objects.filter(indicator=indicator, period__kind="academic_year")
    durham_2324 = values.get(authority=durham)
    assert (durham_2324.value, durham_2324.numerator, durham_2324.denominator) == (85, 845, 98914)
    assert durham_2324.period.label == "2023/24 ac yr"
    assert not durham_2324.published_quirk
    by_code = {v.authority.ons_code: v for v in values}
    assert "E06000065" in by_code and "E06000066" in by_code  # successors of retired codes
    assert by_code["E08000013"].authority.name == "St. Helens"
    assert "does not match" in by_code["E08000037"].published_quirk
    assert by_code["E08000037"].value == 90
    for code, marker in zip(MARKED, MARKERS, strict=True):
        assert (by_code[code].value, by_code[code].suppressed) == (None, marker)
        assert by_code[code].printed == marker  # shown as the marker; nothing to rate
    assert BenchmarkValue.objects.get(comparator_group=england).value == 70
    assert BenchmarkValue.objects.get(comparator_group=north_east).value == 114
    assert not Value.objects.published().exists()  # drafts until an administrator publishes
    # Idempotent.
    assert run("import_statistics", official_file, *RATE) == 0
    assert "0 added, 0 changed, 0 published, 14 unchanged" in capsys.readouterr().out


def test_a_windows_1252_file_is_read(tmp_path, england_and_durham):
    path = ees_file(
        tmp_path,
        [ees_row("Local authority", "E06000047", "County Durham", measure="Children’s homes")],
        encoding="cp1252",
    )
    assert (
        run("import_statistics", path, *RATE, *NEW_RATE, "--where", "measure=Children’s homes") == 0
    )
    assert Value.objects.get().value == 85


@pytest.mark.parametrize(
    "row, message",
    [
        (
            ees_row("Local authority", "E06000047", "Durham", figure="n/a"),
            "Row 2, column rate_per_10000: 'n/a' is not a number or a suppression marker",
        ),
        (
            ees_row("Local authority", "E06000999", "Atlantis"),
            "Row 2, column new_la_code: no English council has the code 'E06000999'",
        ),
        (
            ees_row("Local authority", "E06000047", "Durham", identifier="Week 3"),
            "Row 2, column time_period: time_identifier 'Week 3' is not one the portal reads",
        ),
        (
            ees_row("Local authority", "E06000047", "Durham", period="2024-25"),
            "'2024-25' is not a year (2024) or a year pair (202324)",
        ),
    ],
)
def test_a_bad_row_refuses_the_whole_file(tmp_path, england_and_durham, capsys, row, message):
    good = ees_row("Local authority", "E06000004", "Stockton-on-Tees")
    path = ees_file(tmp_path, [row, good])
    assert run("import_statistics", path, *RATE, *NEW_RATE) == 1
    err = capsys.readouterr().err
    assert message in err and "nothing imported" in err
    assert not Value.objects.exists() and not Indicator.objects.exists()


def test_a_new_indicator_needs_its_name_unit_polarity_and_frequency(official_file, capsys):
    assert run("import_statistics", official_file, *RATE, "--unit", "rate_10000") == 1
    assert "There is no national indicator CLA-RATE: give --name, --polarity, --frequency" in (
        capsys.readouterr().err
    )
    assert not Value.objects.exists()


def test_a_dry_run_writes_nothing(official_file, capsys):
    assert run("import_statistics", official_file, *RATE, *NEW_RATE, "--dry-run") == 0
    assert "Dry run, nothing saved. Would write: Values: 14 added" in capsys.readouterr().out
    assert not Value.objects.exists() and not Indicator.objects.exists()


def test_publishing_needs_a_second_administrator(official_file, users, django_user_model, capsys):
    django_user_model.objects.create_user("officer")
    same = ["--publish", "--by", "admin", "--approved-by", "admin"]
    not_admin = ["--publish", "--by", "importer", "--approved-by", "officer"]
    assert run("import_statistics", official_file, *RATE, *NEW_RATE, *same) == 1
    assert run("import_statistics", official_file, *RATE, *NEW_RATE, *not_admin) == 1
    err = capsys.readouterr().err
    assert "someone other than the person importing (four eyes)" in err
    assert "officer is not an administrator" in err
    assert not Value.objects.exists()
    # Drafts imported by one person, published by an administrator.
    assert run("import_statistics", official_file, *RATE, *NEW_RATE, "--by", "importer") == 0
    assert "All are drafts until a second administrator publishes them." in capsys.readouterr().out
    assert run("import_statistics", official_file, *RATE, *PUBLISH) == 0
    out = capsys.readouterr().out
    assert "14 published" in out and "All are published, approved by admin." in out
    assert Value.objects.published().count() == 14
    durham = Value.objects.get(authority__ons_code="E06000047")
    assert durham.history.first().history_user.username == "admin"


FINGERTIPS = (
    "Indicator ID,Indicator Name,Parent Code,Parent Name,Area Code,Area Name,Area Type,Sex,Age,"
    "Category Type,Category,Time period,Value,Lower CI 95.0 limit,Upper CI 95.0 limit,"
    "Lower CI 99.8 limit,Upper CI 99.8 limit,Count,Denominator,Value note\n"
    "90284,Obesity,,,E92000001,England,England,Persons,4-5 yrs,,,2022/23,9.2,9.1,9.3,,,"
    "55000,600000,\n"
    "90284,Obesity,E92000001,England,E12000001,North East region (statistical),Region,Persons,"
    "4-5 yrs,,,2022/23,10.4,10.1,10.7,,,2900,27900,\n"
    "90284,Obesity,E12000001,North East,E06000047,County Durham,Counties & UAs,Persons,4-5 yrs,,,"
    "2022/23,10.5,9.6,11.5,,,530,5050,\n"
    "90284,Obesity,E12000001,North East,E07000001,A district,Districts & UAs,Persons,4-5 yrs,,,"
    "2022/23,10,9,11,,,50,500,\n"
    "90284,Obesity,E12000001,North East,E06000001,Hartlepool,Counties & UAs,Persons,4-5 yrs,,,"
    "2022/23,,,,,,,,Value suppressed for disclosure control\n"
)


def test_a_fingertips_export_is_read(tmp_path, england_and_durham):
    durham, england, north_east = england_and_durham
    path = tmp_path / "fingertips.csv"
    path.write_text(FINGERTIPS)
    new = [
        "--name",
        "Obesity in reception",
        "--unit",
        "percent",
        "--polarity",
        "lower",
        "--frequency",
        "annual",
    ]
    assert run("import_statistics", str(path), "--indicator", "OB-R", "--value", "Value", *new) == 0
    value = Value.objects.get()
    assert (value.authority, value.value, value.numerator, value.denominator) == (
        durham,
        Decimal("10.5"),
        530,
        5050,
    )
    assert value.period.label == "2022/23"
    assert BenchmarkValue.objects.get(comparator_group=north_east).value == Decimal("10.4")
    assert BenchmarkValue.objects.get(comparator_group=england).value == Decimal("9.2")


def test_add_council_from_the_bundled_list(capsys):
    assert run("add_council", "E06000065") == 0
    north_yorkshire = Authority.objects.get(ons_code="E06000065")
    group = ComparatorGroup.objects.get(members=north_yorkshire)
    assert (north_yorkshire.name, group.name, group.ons_code, group.kind) == (
        "North Yorkshire",
        "Yorkshire and The Humber",
        "E12000003",
        "regional",
    )
    assert run("add_council", "E06000065") == 0
    assert Authority.objects.count() == 1
    assert run("add_council", "E10000023") == 1
    assert "was North Yorkshire (county) until 2023-03-31; use E06000065" in (
        capsys.readouterr().err
    )


def test_a_suppressed_figure_shows_its_marker_and_is_never_rated(official_file, users):
    from reports.dashboard import dashboard_rows

    assert run("import_statistics", official_file, *RATE, *NEW_RATE, *PUBLISH) == 0
    hartlepool = Authority.objects.get(ons_code="E06000001")  # "c" in the file
    (row,) = dashboard_rows(hartlepool)
    assert (row.value, row.text, row.paper_text) == (None, "c", "c")
    cells = row.comparison_cells()
    assert {c.kind for c in cells} >= {"national", "regional"}  # England's and NE's figures
    assert not any(c.rating for c in cells)


def test_a_fingertips_interval_is_kept_as_supplied_and_tested_against_england(
    tmp_path, england_and_durham, users, client
):
    """Fingertips' own 95% interval is stored, shown as supplied, decides significance and
    goes into the open data. Here it is 10.45 to 11.5 for Durham's 10.5 (530 of 5,050): the
    North East's 10.4 is below it, so (lower is better) Durham is worse, where Wilson's
    interval from the count (9.7 to 11.4) would call it similar."""
    from indicators.observations import export_values, observation_rows

    durham, england, north_east = england_and_durham
    Authority.objects.filter(pk=durham.pk).update(reports_to_portal=True)
    path = tmp_path / "fingertips.csv"
    path.write_text(FINGERTIPS.replace("2022/23,10.5,9.6,11.5,", "2022/23,10.5,10.45,11.5,"))
    new = ["--name", "Obesity in reception", "--unit", "percent", "--polarity", "lower"]
    args = ["--indicator", "OB-R", "--value", "Value", *new, "--frequency", "annual"]
    assert run("import_statistics", str(path), *args, *PUBLISH) == 0
    value = Value.objects.get()
    assert (value.lower_ci, value.upper_ci, value.ci_source) == (
        Decimal("10.45"),
        Decimal("11.5"),
        "OHID Fingertips",
    )

    page = text_of(client.get("/councils/durham/indicators/ob-r/"))
    assert "95%: 10.45% to 11.50% (as supplied with the data by OHID Fingertips)" in page
    assert "99.8%: " in page  # still worked out from the count, by its own method
    assert "Significantly worse than England (9.2%)" in page
    assert "Significantly worse than North East (10.4%)" in page

    rows = [r for r in observation_rows(export_values(durham))]
    assert {(r["lower_ci"], r["upper_ci"]) for r in rows} == {("10.45", "11.5")}
    by_kind = {r["comparison_kind"]: r["significance"] for r in rows}
    assert (by_kind["national"], by_kind["regional"]) == ("worse", "worse")


@pytest.mark.parametrize(
    "cells, message",
    [
        ("10.5,9.6,,", "Row 4, column Upper CI 95.0 limit: a confidence interval needs both"),
        ("10.5,11.5,9.6,", "the lower limit 11.5 is above the upper limit 9.6"),
    ],
)
def test_a_broken_supplied_interval_refuses_the_file(tmp_path, capsys, cells, message):
    good = "2022/23,10.5,9.6,11.5,"
    assert good in FINGERTIPS
    path = tmp_path / "fingertips.csv"
    path.write_text(FINGERTIPS.replace(good, f"2022/23,{cells.rsplit(',', 1)[0]},"))
    args = ["--indicator", "OB-R", "--value", "Value", "--name", "Obesity", "--unit", "percent"]
    args += ["--polarity", "lower", "--frequency", "annual"]
    assert run("import_statistics", str(path), *args) == 1
    assert message in capsys.readouterr().err
    assert not Value.objects.exists()


def text_of(response):
    import html
    import re

    assert response.status_code == 200
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))
