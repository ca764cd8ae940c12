"""Issue #5's bad-input list through the upload page, each with a clear message and nothing
written; the benchmark file kind; all rows or none; re-importing the same file."""

import html
import io
import re

import pytest
from django.urls import reverse

from indicators.models import BenchmarkValue, Value
from officers.imports import apply as apply_module
from officers.imports.plan import plan_sheets
from officers.imports.reading import read_upload
from tests import factories as f

pytestmark = pytest.mark.django_db

HEADER = "authority,area,indicator_ref,period,value,numerator,denominator,status,note\n"
GOOD = "durham,,CYP S16,Apr - Jun 2017,80.0,,,final,\n"


def upload(data, name="q1.csv"):
    handle = io.BytesIO(data if isinstance(data, bytes) else data.encode())
    handle.name = name
    return handle


@pytest.fixture
def officer(client, durham_officer, durham, s16, s15, q1):
    client.force_login(durham_officer)
    return client


def import_url(durham, q1):
    return reverse("officers:import", args=[durham.slug, q1.pk])


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("q1.pdf", b"%PDF-1.4 ...", "is not a CSV (.csv) or Excel (.xlsx) file"),
        (
            "q1.csv",
            (HEADER + "Durham £,,CYP S16,Apr - Jun 2017,80,,,,\n").encode("cp1252"),
            "not UTF-8",
        ),
        (
            "q1.csv",
            HEADER.replace(",note", "") + GOOD.rstrip(",\n") + "\n",
            "missing column(s) note",
        ),
        (
            "q1.csv",
            HEADER.replace("\n", ",comment\n") + GOOD.replace("\n", ",x\n"),
            "unknown column 'comment'",
        ),
        ("q1.csv", b"", "The file is empty"),
        ("q1.csv", HEADER, "has column headings but no rows"),
    ],
    ids=["file type", "encoding", "missing column", "extra column", "empty", "headings only"],
)
def test_a_bad_file_is_refused_with_a_clear_message(officer, durham, q1, name, data, message):
    response = officer.post(import_url(durham, q1), {"file": upload(data, name)})
    assert response.status_code == 200
    assert message in response.context["file_error"]
    assert b"Nothing was imported" in response.content and "plan" not in response.context
    assert not Value.objects.exists()


def test_a_50_megabyte_upload_is_refused_before_it_is_read(officer, durham, q1):
    data = (HEADER + GOOD * (50 * 1024 * 1024 // len(GOOD) + 1)).encode()
    response = officer.post(import_url(durham, q1), {"file": upload(data)})
    assert "the limit is 10.0 MB" in response.context["file_error"]
    assert not Value.objects.exists()


def test_bad_rows_are_listed_with_row_column_and_reason_and_nothing_is_written(officer, durham, q1):
    data = HEADER + (
        "durham,,CYP S61,Apr - Jun 2017,80,,,final,\n"
        "durham,,CYP S16,Apr - Jun 2017,c.85%,,,final,\n"
        "durham,,CYP S15,Apr - Jun 2017,7100.0%,,,final,\n"
        "durham,,CYP S15,Jan - Mar 2017,71,,,final,\n"
    )
    response = officer.post(import_url(durham, q1), {"file": upload(data)})
    rejected = [(r.row, r.column, r.reason) for r in response.context["plan"].rejected]
    assert rejected == [
        (2, "indicator_ref", "'CYP S61' is not an indicator of Durham (did you mean 'CYP S16'?)"),
        (3, "value", "'c.85%' is not a number (give digits only, e.g. 54.3)"),
        (4, "value", "'7100.0%' has a % sign but CYP S15 is a count, not a percentage"),
        (5, "period", "'Jan - Mar 2017' ends outside the return period Apr - Jun 2017"),
    ]
    page = response.content.decode()
    assert "<td>5</td><td>period</td>" in page and "did you mean &#x27;CYP S16&#x27;?" in page
    assert "plan" in response.context and not response.context["plan"].writes
    assert not Value.objects.exists()


def test_a_benchmark_file_is_its_own_kind(officer, durham, s16, q1):
    england = f.group("England")
    data = "comparator_group,indicator_ref,period,value,note\nEngland,CYP S16,2016/17,82.9,\n"
    response = officer.post(import_url(durham, q1), {"file": upload(data)})
    [planned] = response.context["plan"].adds
    assert (planned.group, planned.label) == (england, "2016/17")
    officer.post(
        import_url(durham, q1),
        {k: response.context[k] for k in ("token", "digest")} | {"filename": "b.csv"},
    )
    bench = BenchmarkValue.objects.get()
    assert (bench.comparator_group, bench.period.label, str(bench.value)) == (
        england,
        "2016/17",
        "82.90000000",
    )


def test_reimporting_the_same_file_changes_nothing(officer, durham, q1):
    data = HEADER + GOOD + "durham,,CYP S15,Apr - Jun 2017,17,,,provisional,Late\n"
    first = officer.post(import_url(durham, q1), {"file": upload(data)})
    officer.post(
        import_url(durham, q1),
        {k: first.context[k] for k in ("token", "digest")} | {"filename": "q1.csv"},
    )
    stored = sorted(Value.objects.values_list("pk", "value", "status", "note"))
    history = sum(v.history.count() for v in Value.objects.all())

    again = officer.post(import_url(durham, q1), {"file": upload(data)})
    assert again.context["plan"].summary() == "0 to add, 0 to change, 2 unchanged, 0 rejected"
    assert b"Nothing to import" in again.content
    assert sorted(Value.objects.values_list("pk", "value", "status", "note")) == stored
    assert sum(v.history.count() for v in Value.objects.all()) == history


def test_the_preview_shows_each_change_old_to_new_and_writes_nothing(officer, durham, s15, q1):
    f.value(s15, q1, 17, workflow=Value.Workflow.DRAFT)
    data = HEADER + "durham,,CYP S15,Apr - Jun 2017,18,,,provisional,Recount\n"
    response = officer.post(import_url(durham, q1), {"file": upload(data)})
    changes = re.search(r'<table id="changes">.*?</table>', response.content.decode(), re.S)
    cells = html.unescape(re.sub(r"<[^>]+>", " ", changes.group(0)))
    assert "value: 17 → 18" in cells and "status: final → provisional" in cells
    assert "note: (blank) → Recount" in cells
    assert Value.objects.get().value == 17


def test_a_failure_while_writing_leaves_nothing_written(durham, s16, s15, q1, monkeypatch):
    plan = plan_sheets(
        durham,
        read_upload("q1.csv", (HEADER + GOOD + "durham,,CYP S15,Apr - Jun 2017,17,,,,\n").encode()),
        q1,
    )
    real_create = apply_module.create_with_history

    def create_then_fail(*args, **kwargs):  # the figures and their audit are in; then a fault
        real_create(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(apply_module, "create_with_history", create_then_fail)
    with pytest.raises(RuntimeError):
        apply_module.apply_plan(plan)
    assert not Value.objects.exists()  # the rows already written rolled back too


def test_a_share_over_100_is_accepted_only_where_the_indicator_allows_it(durham, q1):
    f.indicator(durham, "1.6", unit="percent", allows_over_100=True)
    f.indicator(durham, "CYP S16", unit="percent")
    f.indicator(durham, "CYP S15", unit="count", decimal_places=0)
    data = HEADER + (
        "durham,,1.6,Apr - Jun 2017,104.5,,,,\n"
        "durham,,CYP S16,Apr - Jun 2017,104.5,,,,\n"
        "durham,,CYP S15,Apr - Jun 2017,-3,,,,\n"
    )
    plan = plan_sheets(durham, read_upload("q1.csv", data.encode()), q1)
    assert [p.indicator.ref for p in plan.adds] == ["1.6"]
    assert [(r.row, r.column) for r in plan.rejected] == [(3, "value"), (4, "value")]
    assert "cannot be negative" in plan.rejected[1].reason
