"""Bulk import: bad files get a clear message and change nothing; good files preview,
then apply all rows or none; re-importing changes nothing; the command line agrees."""

import io
from decimal import Decimal

import pandas as pd
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from indicators.models import BenchmarkValue, Value
from officers.imports import reading
from officers.imports.apply import PlanRejected, apply_plan
from officers.imports.plan import plan_sheets
from officers.imports.reading import ImportFileError, read_upload
from tests import factories as f

pytestmark = pytest.mark.django_db

HEADER = "authority,area,indicator_ref,period,value,numerator,denominator,status,note\n"


def csv_file(*lines):
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


def plan_for(durham, data, name="q1.csv", period=None):
    return plan_sheets(durham, read_upload(name, data), period)


def reasons(plan):
    return [(r.row, r.column, r.reason) for r in plan.rejected]


# --- The file as a whole -----------------------------------------------------------------


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("q1.pdf", b"%PDF-1.4", "is not a CSV (.csv) or Excel (.xlsx) file"),
        ("q1.xls", b"\xd0\xcf\x11\xe0", "save it as .xlsx"),
        ("q1.csv", b"", "The file is empty"),
        ("q1.csv", HEADER.encode(), "has column headings but no rows"),
        ("q1.csv", "authority\nDurham £\n".encode("cp1252"), "not UTF-8"),
        ("q1.csv", b"PK\x03\x04rest", "rename it to .xlsx"),
        ("q1.xlsx", b"authority,value\n", "is not an Excel workbook"),
    ],
)
def test_a_bad_file_gets_a_clear_message(name, data, message):
    with pytest.raises(ImportFileError) as caught:
        read_upload(name, data)
    assert message in str(caught.value)


def test_missing_and_extra_columns_are_named_with_a_suggestion():
    data = (
        b"authority,area,indicator,period,value,numerator,denominator,status,note\nx,,a,b,1,,,,\n"
    )
    with pytest.raises(ImportFileError) as caught:
        read_upload("q1.csv", data)
    message = str(caught.value)
    assert "missing column(s) indicator_ref" in message
    assert "unknown column 'indicator' (did you mean 'indicator_ref'?)" in message


def test_a_50_megabyte_file_is_refused_before_it_is_read():
    with pytest.raises(ImportFileError, match=r"50\.0 MB; the limit is 10\.0 MB"):
        read_upload("big.csv", b"x" * (50 * 1024 * 1024))


def test_headings_are_matched_whatever_their_case_and_spacing(durham, s16, q1):
    data = b"Authority,Area,Indicator Ref,Period,Value,Numerator,Denominator,Status,Note\n"
    data += b"durham,,CYP S16,Apr - Jun 2017,80.0,,,final,\n"
    assert len(plan_for(durham, data).adds) == 1


# --- Row by row --------------------------------------------------------------------------


def test_unknown_references_suggest_the_nearest_match(durham, s16, q1):
    plan = plan_for(durham, csv_file("durham,,CYP S61,Apr - Jun 2017,80,,,final,"))
    assert reasons(plan) == [
        (2, "indicator_ref", "'CYP S61' is not an indicator of Durham (did you mean 'CYP S16'?)")
    ]


def test_unparseable_numbers_are_rejected_with_row_and_column(durham, s16, s15, q1):
    plan = plan_for(
        durham,
        csv_file(
            "durham,,CYP S16,Apr - Jun 2017,c.85%,,,final,",
            "durham,,CYP S15,Apr - Jun 2017,7100.0%,,,final,",
            "durham,,CYP S16,Jul - Sep 2017,12..5,,,final,",
        ),
    )
    got = reasons(plan)
    assert got[0][:2] == (2, "value") and "'c.85%' is not a number" in got[0][2]
    assert got[1] == (3, "value", "'7100.0%' has a % sign but CYP S15 is a count, not a percentage")
    assert got[2][:2] == (4, "value") and "not a number" in got[2][2]
    assert not plan.adds


def test_validation_reuses_the_value_rules(durham, s16, q1):
    plan = plan_for(
        durham,
        csv_file(
            "durham,,CYP S16,Apr - Jun 2017,120,,,final,",
            "durham,,CYP S16,Jan - Mar 2017,55.5,96,906,final,",
        ),
    )
    got = reasons(plan)
    assert got[0][:2] == (2, "value") and "not a percentage between 0 and 100" in got[0][2]
    # A figure its parts do not give is kept as published, with a warning (issue 13).
    assert len(got) == 1
    assert plan.warnings == [
        (
            3,
            "55.5 does not match numerator 96 / denominator 906 = 10.6 at 1 decimal places; "
            "kept as published",
        )
    ]


def test_periods_must_be_readable_match_the_frequency_and_fall_in_the_return(durham, s16, q1):
    plan = plan_for(
        durham,
        csv_file(
            "durham,,CYP S16,Summer 2017,80,,,final,",
            "durham,,CYP S16,2016/17,80,,,final,",
            "durham,,CYP S16,Jul - Sep 2017,80,,,final,",
        ),
        period=q1,
    )
    got = reasons(plan)
    assert got[0][:2] == (2, "period") and "Cannot read period label 'Summer 2017'" in got[0][2]
    assert got[1] == (
        3,
        "period",
        "'2016/17' is a financial year period but CYP S16 is reported quarterly",
    )
    assert got[2] == (4, "period", "'Jul - Sep 2017' ends outside the return period Apr - Jun 2017")


def test_duplicates_and_other_councils_rows_are_rejected(durham, s16, q1):
    plan = plan_for(
        durham,
        csv_file(
            "durham,,CYP S16,Apr - Jun 2017,80,,,final,",
            "Durham,,CYP S16,Apr - Jun 2017,81,,,final,",
            "norfolk,,CYP S16,Apr - Jun 2017,80,,,final,",
        ),
    )
    assert reasons(plan)[0] == (3, "period", "duplicates row 2 (CYP S16 Apr - Jun 2017)")
    assert reasons(plan)[1][:2] == (4, "authority")


def test_a_large_change_without_a_note_is_a_warning_not_a_rejection(durham, s16, q1, q4):
    f.value(s16, q4, 40)
    plan = plan_for(
        durham,
        csv_file(
            "durham,,CYP S16,Apr - Jun 2017,80,,,final,",
        ),
    )
    assert plan.ok and len(plan.adds) == 1
    assert "changed by 100% since Jan - Mar 2017 (40 -> 80)" in plan.warnings[0][1]
    noted = plan_for(durham, csv_file("durham,,CYP S16,Apr - Jun 2017,80,,,final,New system"))
    assert noted.warnings == []


def test_the_share_that_needs_a_note_is_configurable(durham, s16, q1, q4, settings):
    f.value(s16, q4, 40)
    row = csv_file("durham,,CYP S16,Apr - Jun 2017,55,,,final,")  # 37.5% up
    assert len(plan_for(durham, row).warnings) == 1  # the default: more than 25%
    settings.SCRUTINY_CHANGE_NOTE_SHARE = "0.5"
    assert plan_for(durham, row).warnings == []


# --- Preview, apply, re-import ------------------------------------------------------------


def test_the_plan_lists_adds_and_changes_old_to_new_and_writes_nothing(durham, s16, s15, q1):
    f.value(s15, q1, 17, workflow=Value.Workflow.DRAFT)
    plan = plan_for(
        durham,
        csv_file(
            "durham,,CYP S16,Apr - Jun 2017,80.0,,,provisional,",
            "durham,,CYP S15,Apr - Jun 2017,18,,,final,",
        ),
    )
    assert [p.indicator.ref for p in plan.adds] == ["CYP S16"]
    assert [(p.indicator.ref, p.changes) for p in plan.changes] == [
        ("CYP S15", [("value", 17, 18)])
    ]
    assert Value.objects.count() == 1  # the preview wrote nothing
    assert "change  row 3: CYP S15  Apr - Jun 2017: value 17 -> 18" in "\n".join(plan.lines())


def test_apply_writes_all_rows_then_reimporting_changes_nothing(durham, s16, s15, q1):
    data = csv_file(
        "durham,,CYP S16,Apr - Jun 2017,80.0,160,200,provisional,From the new system",
        "durham,,CYP S15,Apr - Jun 2017,18,,,final,",
    )
    assert apply_plan(plan_for(durham, data)) == 2
    stored = Value.objects.get(indicator=s16)
    assert (stored.value, stored.status, stored.workflow) == (80, "provisional", "draft")
    assert stored.history.first().history_change_reason == "Imported"
    again = plan_for(durham, data)
    assert (len(again.adds), len(again.changes), len(again.unchanged)) == (0, 0, 2)
    assert apply_plan(again) == 0
    assert stored.history.count() == 1


def test_a_plan_with_rejected_rows_writes_nothing(durham, s16, q1):
    plan = plan_for(
        durham,
        csv_file("durham,,CYP S16,Apr - Jun 2017,80,,,final,", "durham,,NOPE,Apr - Jun 2017,1,,,,"),
    )
    with pytest.raises(PlanRejected):
        apply_plan(plan)
    assert not Value.objects.exists()


def test_excel_workbooks_carry_values_and_benchmarks(durham, s16, q1):
    england = f.group("England")
    out = io.BytesIO()
    with pd.ExcelWriter(out) as writer:
        pd.DataFrame(
            [["durham", "", "CYP S16", "Apr - Jun 2017", 80.5, "", "", "final", ""]],
            columns=reading.VALUE_COLUMNS,
        ).to_excel(writer, sheet_name="values", index=False)
        pd.DataFrame(
            [["England", "CYP S16", "2016/17", 78.1, ""], ["Englnd", "CYP S16", "", 70, ""]],
            columns=reading.BENCHMARK_COLUMNS,
        ).to_excel(writer, sheet_name="benchmarks", index=False)
    plan = plan_for(durham, out.getvalue(), "q1.xlsx")
    assert reasons(plan) == [
        (
            3,
            "comparator_group",
            "'Englnd' is not a comparator group of Durham (did you mean 'England'?)",
        )
    ]
    with pytest.raises(PlanRejected):  # all or nothing: the good rows wait for the bad one
        apply_plan(plan)
    assert not BenchmarkValue.objects.exists() and not Value.objects.exists()
    plan.rejected.clear()  # (as if the officer had corrected the row)
    apply_plan(plan)
    bench = BenchmarkValue.objects.get(comparator_group=england)
    assert (bench.value, bench.period.label) == (Decimal("78.1"), "2016/17")
    assert Value.objects.get(indicator=s16).value == Decimal("80.5")


def test_a_submitted_value_cannot_be_changed_by_import(durham, s16, q1):
    f.value(s16, q1, 70, workflow=Value.Workflow.SUBMITTED)
    plan = plan_for(durham, csv_file("durham,,CYP S16,Apr - Jun 2017,80,,,final,"))
    assert "awaiting sign-off" in plan.rejected[0].reason


# --- Command line -------------------------------------------------------------------------


def test_the_command_applies_a_valid_file_and_prints_the_preview(durham, s16, q1, tmp_path):
    path = tmp_path / "q1.csv"
    path.write_bytes(csv_file("durham,,CYP S16,Apr - Jun 2017,80,,,final,"))
    out = io.StringIO()
    call_command("import_values", str(path), authority="durham", stdout=out)
    assert "1 to add" in out.getvalue() and "Imported 1 row(s)" in out.getvalue()
    assert Value.objects.get().value == 80


def test_the_command_dry_run_writes_nothing(durham, s16, q1, tmp_path):
    path = tmp_path / "q1.csv"
    path.write_bytes(csv_file("durham,,CYP S16,Apr - Jun 2017,80,,,final,"))
    out = io.StringIO()
    call_command("import_values", str(path), "--dry-run", authority="durham", stdout=out)
    assert "valid; nothing written" in out.getvalue()
    assert not Value.objects.exists()


def test_the_command_fails_with_the_row_errors_and_writes_nothing(durham, s16, q1, tmp_path):
    path = tmp_path / "q1.csv"
    path.write_bytes(
        csv_file("durham,,CYP S16,Apr - Jun 2017,80,,,final,", "durham,,CYP S16,Q5,1,,,,")
    )
    with pytest.raises(CommandError, match=r"row 3, period: Cannot read period label 'Q5'"):
        call_command("import_values", str(path), authority="durham", stdout=io.StringIO())
    assert not Value.objects.exists()


def test_the_command_rejects_a_bad_file(durham, tmp_path):
    path = tmp_path / "q1.txt"
    path.write_text("hello")
    with pytest.raises(CommandError, match="not a CSV"):
        call_command("import_values", str(path), authority="durham")


# --- Through the web ------------------------------------------------------------------------


def test_upload_previews_then_confirm_imports(client, durham_officer, durham, s16, s15, q1):
    client.force_login(durham_officer)
    url = reverse("officers:import", args=[durham.slug, q1.pk])
    upload = io.BytesIO(
        csv_file(
            "durham,,CYP S16,Apr - Jun 2017,80,,,final,", "durham,,CYP S15,Apr - Jun 2017,,,,,"
        )
    )
    upload.name = "q1.csv"
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200 and not Value.objects.exists()
    plan = preview.context["plan"]
    assert len(plan.adds) == 1 and plan.skipped == 1 and not plan.rejected
    assert b"Confirm: import 1 row(s)" in preview.content
    response = client.post(
        url, {"token": preview.context["token"], "digest": preview.context["digest"]}
    )
    assert response.status_code == 302
    stored = Value.objects.get()
    assert stored.value == 80 and stored.history.first().history_user == durham_officer


def test_a_bad_upload_shows_the_message_and_changes_nothing(
    client, durham_officer, durham, q1, monkeypatch
):
    monkeypatch.setattr(reading, "MAX_BYTES", 10)
    client.force_login(durham_officer)
    upload = io.BytesIO(csv_file("durham,,CYP S16,Apr - Jun 2017,80,,,final,"))
    upload.name = "q1.csv"
    response = client.post(reverse("officers:import", args=[durham.slug, q1.pk]), {"file": upload})
    assert "the limit is" in response.context["file_error"]
    assert b"Nothing was imported" in response.content


def test_the_template_is_prefilled_with_the_due_indicators(
    client, durham_officer, durham, s16, s15, q1
):
    f.indicator(durham, "AN1", frequency="annual")
    f.value(s15, q1, 17)
    client.force_login(durham_officer)
    text = client.get(reverse("officers:template", args=[durham.slug, q1.pk, "csv"])).content
    lines = text.decode().splitlines()
    assert lines[0] == HEADER.strip()
    assert "durham,,CYP S15,Apr - Jun 2017,17,,,final," in lines
    assert "durham,,CYP S16,Apr - Jun 2017,,,,," in lines
    assert not any("AN1" in line for line in lines)
    xlsx = client.get(reverse("officers:template", args=[durham.slug, q1.pk, "xlsx"])).content
    sheets = read_upload("t.xlsx", xlsx)
    assert [s.kind for s in sheets] == ["values", "benchmarks"]
