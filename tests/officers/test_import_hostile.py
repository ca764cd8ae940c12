"""Issue #11: hostile and careless files are bounded and refused with a clear message, on the
web and the command line; odd cells are rejections naming the row and column; periods in the
future or before the portal's first year are refused on every path.

The workbooks are made here: openpyxl write-only for the wide and long ones, and a zip
written by hand for the compression bomb and for sheet XML Excel writes but openpyxl does not
(a formula with its saved result, a sheet with no declared size)."""

import io
import re
import zipfile

import pytest
from django.urls import reverse
from openpyxl import Workbook

from indicators.models import BenchmarkValue, Value
from officers.imports import reading
from officers.imports.plan import plan_sheets, plan_values
from officers.imports.reading import ImportFileError, read_upload
from tests import factories as f

from .test_import_command import keep_the_test_connection, run  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db

COLUMNS = reading.VALUE_COLUMNS
HEADER = ",".join(COLUMNS) + "\n"
GOOD = ["durham", None, "CYP S16", "Apr - Jun 2017", 80, None, None, "final", None]


def csv_file(*lines):
    return (HEADER + "".join(line + "\n" for line in lines)).encode()


def workbook(*rows, title="values"):
    """A write-only workbook with the headings and these rows, as bytes."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    sheet.append(COLUMNS)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rewrite_sheet(data, change):
    """The workbook with its first sheet's XML passed through change(xml) -> xml."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            part = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                part = change(part.decode()).encode()
            target.writestr(item, part, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def with_note_of(data, size):
    """The workbook with the cell "NOTE" replaced by `size` bytes of one letter, streamed
    into the zip (never in memory): about 1,000 to 1 when deflated."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            part = source.read(item.filename)
            if b">NOTE<" not in part:
                target.writestr(item, part, zipfile.ZIP_DEFLATED)
                continue
            before, after = part.split(b"NOTE")
            with target.open(item.filename, "w", force_zip64=True) as stream:
                stream.write(before)
                chunk = b"A" * 1024 * 1024
                for _ in range(size // len(chunk)):
                    stream.write(chunk)
                stream.write(after)
    return out.getvalue()


def refusal(name, data, **limits):
    with pytest.raises(ImportFileError) as caught:
        read_upload(name, data, **limits)
    return str(caught.value)


def reasons(plan):
    return [(r.row, r.column, r.reason) for r in plan.rejected]


@pytest.fixture
def officer(client, durham_officer, s16, s15, q1):
    client.force_login(durham_officer)
    return client


def preview(client, durham, q1, data, name="q1.csv"):
    handle = io.BytesIO(data)
    handle.name = name
    return client.post(reverse("officers:import", args=[durham.slug, q1.pk]), {"file": handle})


# --- 1. Sheet size, bounded before reading ---------------------------------------------------


def test_a_workbook_with_cells_in_column_xfd_is_refused_at_the_first_one():
    # Issue #11: 2,000 such rows (15 KB) took 25.8 s and 1.15 GB when every row was padded
    # to 16,384 cells.
    data = workbook(*([None] * 16383 + ["x"] for _ in range(2000)))
    assert len(data) < 20_000
    message = refusal("q1.xlsx", data)
    assert 'Sheet "values" has something in cell XFD2' in message
    assert "at most 26 columns" in message


def declaring(size):
    return lambda xml: xml.replace("<sheetViews>", f'<dimension ref="{size}"/><sheetViews>', 1)


def test_a_declared_sheet_size_beyond_the_limits_is_refused_before_any_row_is_read(settings):
    settings.SCRUTINY_IMPORT_MAX_ROWS = 100
    data = workbook(GOOD)
    assert len(read_upload("q1.xlsx", rewrite_sheet(data, declaring("A1:I2")))[0].rows) == 1
    wide = rewrite_sheet(data, declaring("A1:XFD2"))
    tall = rewrite_sheet(data, declaring("A1:I1048576"))
    assert "spans 16,384 columns (to column XFD)" in refusal("q1.xlsx", wide)
    assert "spans 1,048,576 rows; the limit is 100 rows" in refusal("q1.xlsx", tall)


def test_a_workbook_without_a_declared_size_is_still_stopped_at_the_row_limit(settings):
    settings.SCRUTINY_IMPORT_MAX_ROWS = 5
    rows = [[*GOOD[:4], n, *GOOD[5:]] for n in range(1, 7)]
    undeclared = workbook(*rows)  # openpyxl's write-only mode declares no <dimension>
    sheet = zipfile.ZipFile(io.BytesIO(undeclared)).read("xl/worksheets/sheet1.xml")
    assert b"<dimension" not in sheet
    assert "more than 5 rows" in refusal("q1.xlsx", undeclared)
    assert len(read_upload("q1.xlsx", undeclared, max_rows=6)[0].rows) == 6


def test_a_workbook_that_expands_to_200_megabytes_is_refused_before_it_is_opened():
    bomb = with_note_of(workbook([*GOOD[:8], "NOTE"]), 200 * 1024 * 1024)
    assert len(bomb) < 300_000  # 209 KB in issue #11
    message = refusal("q1.xlsx", bomb)
    assert "expands to 200.0 MB when opened; the limit is 50.0 MB" in message


def test_a_part_that_expands_more_than_a_hundredfold_is_refused():
    bomb = with_note_of(workbook([*GOOD[:8], "NOTE"]), 5 * 1024 * 1024)  # within 50 MB
    assert "more than 100 times" in refusal("q1.xlsx", bomb)


def test_hostile_workbooks_are_refused_through_the_web_and_the_command_line(
    officer, durham, q1, tmp_path, capsys
):
    wide = workbook(*([None] * 16383 + ["x"] for _ in range(50)))
    response = preview(officer, durham, q1, wide, "wide.xlsx")
    assert "has something in cell XFD2" in response.context["file_error"]
    assert "plan" not in response.context
    path = tmp_path / "wide.xlsx"
    path.write_bytes(wide)
    assert run("import_values", str(path), "--authority", "durham") == 1
    assert "has something in cell XFD2" in capsys.readouterr().err
    assert not Value.objects.exists()


# --- 2. Rows per upload, rejections per preview ---------------------------------------------


def test_an_over_long_csv_is_refused_while_it_is_read(settings):
    settings.SCRUTINY_IMPORT_MAX_ROWS = 100
    rows = ["durham,,CYP S16,Apr - Jun 2017,80,,,final,"] * 100
    assert len(read_upload("q1.csv", csv_file(*rows))[0].rows) == 100
    # Row 102 onwards would be refused for its own reason if it were ever read.
    message = refusal("q1.csv", csv_file(*rows, "x", "a,b,c,d,e,f,g,h,i,j,k"))
    assert message.startswith("The file has more than 100 rows; the limit is 100 rows a file.")


def test_the_command_line_allows_more_rows_than_the_web_and_takes_max_rows(
    settings, durham, s16, tmp_path, capsys
):
    settings.SCRUTINY_IMPORT_MAX_ROWS = 3
    quarters = ["Apr - Jun", "Jul - Sep", "Oct - Dec"]
    lines = [f"durham,,CYP S16,{q} {year},80,,,final," for year in (2016, 2017) for q in quarters]
    path = tmp_path / "history.csv"
    path.write_bytes(csv_file(*lines))
    assert "more than 3 rows" in refusal("history.csv", path.read_bytes())  # the web's limit
    assert run("import_values", str(path), "--authority", "durham", "--max-rows", "5") == 1
    assert "more than 5 rows; the limit is 5 rows a file" in capsys.readouterr().err
    assert run("import_values", str(path), "--authority", "durham") == 0
    assert Value.objects.count() == 6


def test_rejections_are_listed_up_to_the_limit_and_the_rest_counted(
    officer, durham, q1, settings, tmp_path, capsys
):
    settings.SCRUTINY_IMPORT_MAX_REJECTIONS = 5
    data = csv_file(*["x,,x,x,1,,,,"] * 20)  # three rejections a row
    plan = plan_sheets(durham, read_upload("q1.csv", data), q1)
    assert (len(plan.rejected), plan.more_rejected, plan.rejected_count) == (5, 55, 60)
    assert plan.summary() == "0 to add, 0 to change, 0 unchanged, 60 rejected"
    assert plan.lines()[-1] == "  reject  ... and 55 more"

    page = preview(officer, durham, q1, data).content.decode()
    table = re.search(r'<table id="rejected">.*?</table>', page, re.S).group(0)
    assert table.count("<tr><td>") == 5
    assert "and 55 more rejection(s), not listed" in page

    path = tmp_path / "bad.csv"
    path.write_bytes(data)
    assert run("import_values", str(path), "--authority", "durham") == 1
    assert "60 rejection(s); nothing imported" in capsys.readouterr().err


# --- 5. Odd cells: rejections naming the row and column --------------------------------------


@pytest.mark.parametrize(
    "figure,reason",
    [
        ("9\x000", "'9\\x000' contains a hidden character (U+0000)"),
        ("٥", "'٥' uses digits other than 0-9"),
        ("１２", "'１２' uses digits other than 0-9"),
        ("-0", "'-0' is a negative zero: give 0"),
        ("80\u200b", "contains a hidden character (U+200B ZERO WIDTH SPACE)"),
    ],
    ids=["NUL inside", "Arabic-Indic digit", "full-width digits", "minus zero", "zero width"],
)
def test_figures_with_hidden_characters_foreign_digits_or_minus_zero_are_rejected(
    durham, s16, q1, figure, reason
):
    plan = plan_sheets(
        durham,
        read_upload("q1.csv", csv_file(f"durham,,CYP S16,Apr - Jun 2017,{figure},,,final,")),
        q1,
    )
    [(row, column, why)] = reasons(plan)
    assert (row, column) == (2, "value") and reason in why
    assert not plan.adds


def test_a_formula_without_a_saved_result_is_rejected_and_one_with_a_result_is_read(
    durham, s16, s15, q1
):
    data = workbook(
        ["durham", None, "CYP S16", "Apr - Jun 2017", "=40*2", None, None, "final", None],
        ["durham", None, "CYP S15", "Apr - Jun 2017", "=SUM(1,16)", None, None, "final", None],
    )
    # Excel saves the result beside the formula; openpyxl writes none. Give row 3 one.
    data = rewrite_sheet(
        data, lambda xml: xml.replace("<f>SUM(1,16)</f>", "<f>SUM(1,16)</f><v>17</v>")
    )
    plan = plan_sheets(durham, read_upload("q1.xlsx", data), q1)
    assert reasons(plan) == [
        (
            2,
            "value",
            "formula with no saved result: open the file in Excel and save it",
        )
    ]
    assert [(p.indicator.ref, p.fields["value"]) for p in plan.values] == [("CYP S15", 17)]


def test_a_date_in_a_figure_column_is_rejected(durham, s15, q1):
    from datetime import datetime

    data = workbook(
        [
            "durham",
            None,
            "CYP S15",
            "Apr - Jun 2017",
            datetime(1900, 2, 15),
            None,
            None,
            "final",
            None,
        ]
    )
    plan = plan_sheets(durham, read_upload("q1.xlsx", data), q1)
    [(row, column, why)] = reasons(plan)
    assert (row, column) == (2, "value") and why.startswith("the cell is a date in Excel")
    assert not plan.values


def test_a_long_note_is_rejected_with_its_length(durham, s16, q1):
    long_note = "word " * 1000
    plan = plan_sheets(
        durham,
        read_upload("q1.csv", csv_file(f"durham,,CYP S16,Apr - Jun 2017,80,,,final,{long_note}")),
        q1,
    )
    assert reasons(plan) == [(2, "note", "4,999 characters; a cell may hold at most 4,000")]
    huge = csv_file("durham,,CYP S16,Apr - Jun 2017,80,,,final," + "x" * 200_000)
    assert refusal("q1.csv", huge) == (
        "Row 2 has a cell longer than 131,072 characters; a cell may hold at most 4,000."
    )


# --- 6. Periods neither in the future nor before the portal's first year -----------------------


FUTURE = "'Jan - Mar 2099' ends on 31 Mar 2099, in the future"
PAST = "'Jan - Mar 1901' starts before 2000"


def test_future_and_ancient_periods_are_refused_in_the_grid_path(durham, s16):
    rows = [
        (n, {"authority": "durham", "indicator_ref": "CYP S16", "period": label, "value": "80"})
        for n, label in ((1, "Jan - Mar 2099"), (2, "Jan - Mar 1901"), (3, "Jan - Mar 2017"))
    ]
    plan = plan_values(durham, rows)
    got = reasons(plan)
    assert got[0][:2] == (1, "period") and got[0][2].startswith(FUTURE)
    assert got[1][:2] == (2, "period") and got[1][2].startswith(PAST)
    assert [p.row for p in plan.adds] == [3]


def test_the_margin_and_the_first_year_are_settings(durham, s16, settings):
    row = [
        (
            1,
            {
                "authority": "durham",
                "indicator_ref": "CYP S16",
                "period": "Jan - Mar 1999",
                "value": "8",
            },
        )
    ]
    assert reasons(plan_values(durham, row))[0][2].startswith("'Jan - Mar 1999' starts before 2000")
    settings.SCRUTINY_EARLIEST_YEAR = 1990
    assert plan_values(durham, row).ok


def test_a_period_may_end_up_to_the_margin_after_today(durham, s16, settings, monkeypatch):
    from datetime import date

    from officers.imports import plan as planning

    monkeypatch.setattr(planning.timezone, "localdate", lambda: date(2017, 7, 10))
    row = {"authority": "durham", "indicator_ref": "CYP S16", "value": "80"}
    rows = [(1, {**row, "period": "Apr - Jun 2017"}), (2, {**row, "period": "Jul - Sep 2017"})]
    got = reasons(plan_values(durham, rows))  # 30 Sep is 82 days away; the margin is 31
    assert got == [
        (
            2,
            "period",
            "'Jul - Sep 2017' ends on 30 Sep 2017, in the future: a figure can only be given "
            "for a period that has ended",
        )
    ]
    settings.SCRUTINY_FUTURE_DAYS = 90
    assert plan_values(durham, rows).ok


def test_future_benchmarks_are_refused_through_the_web(officer, durham, q1):
    f.group("England")
    data = b"comparator_group,indicator_ref,period,value,note\n" + (
        b"England,CYP S16,Jan - Mar 2099,82.9,\nEngland,CYP S16,,82.9,\n"
    )
    response = preview(officer, durham, q1, data, "b.csv")
    got = reasons(response.context["plan"])
    assert len(got) == 1 and got[0][:2] == (2, "period") and got[0][2].startswith(FUTURE)
    assert "token" not in response.context
    assert not BenchmarkValue.objects.exists()


def test_the_command_line_without_period_refuses_future_and_ancient_periods(
    durham, s16, tmp_path, capsys
):
    path = tmp_path / "odd.csv"
    path.write_bytes(
        csv_file(
            "durham,,CYP S16,Jan - Mar 2099,80,,,final,",
            "durham,,CYP S16,Jan - Mar 1901,80,,,final,",
        )
    )
    assert run("import_values", str(path), "--authority", "durham") == 1
    err = capsys.readouterr().err
    assert f"row 2, period: {FUTURE}" in err and f"row 3, period: {PAST}" in err
    assert not Value.objects.exists()
