"""Issue #5's bad-input list through the upload page, each with a clear message and nothing
written; the benchmark file kind; all rows or none; re-importing the same file."""

import html
import io
import re
from datetime import timedelta

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


# --- Issue #11: all or nothing; the previewed file waits in the database --------------------


def confirm(client, durham, q1, preview):
    return client.post(
        import_url(durham, q1), {k: preview.context[k] for k in ("token", "digest")}, follow=True
    )


def said(response):
    return [str(m) for m in response.context["messages"]]


def test_a_file_with_a_rejected_row_offers_no_confirm_and_a_forged_one_is_refused(
    officer, durham, q1
):
    data = HEADER + GOOD + "durham,,CYP S15,Apr - Jun 2017,c.5,,,,\n"
    response = officer.post(import_url(durham, q1), {"file": upload(data)})
    assert response.context["plan"].rejected_count == 1
    assert len(response.context["plan"].adds) == 1  # the good row is not offered alone
    assert "token" not in response.context and b'name="token"' not in response.content
    assert b"Confirm" not in response.content
    assert b"nothing can be imported from this file" in response.content
    forged = officer.post(import_url(durham, q1), {"token": "0" * 32, "digest": "x"}, follow=True)
    assert "upload the file again" in said(forged)[0]
    assert not Value.objects.exists()


def test_a_confirm_refused_when_rows_are_rejected_by_then(officer, durham, s15, q1):
    data = HEADER + GOOD + "durham,,CYP S15,Apr - Jun 2017,18,,,,\n"
    first = officer.post(import_url(durham, q1), {"file": upload(data)})
    assert first.context["plan"].writes == 2
    f.value(s15, q1, 17, workflow=Value.Workflow.SUBMITTED)  # meanwhile, sent for sign-off
    response = confirm(officer, durham, q1, first)
    assert said(response) == [
        "1 row(s) of q1.csv are rejected; nothing was imported. "
        "Correct the file and upload it again."
    ]
    assert Value.objects.count() == 1  # only the submitted one; CYP S16 was not imported


def test_a_confirm_works_on_another_server(officer, durham, q1, settings, tmp_path, monkeypatch):
    from django.core.cache import CacheHandler
    from django.core.cache.backends import locmem

    from officers.imports import pending

    settings.VAR_DIR = tmp_path
    first = officer.post(import_url(durham, q1), {"file": upload(HEADER + GOOD)})
    # Another app server: its own processes, so none of this one's cache objects or memory.
    for store in ("_caches", "_expire_info", "_locks"):  # every in-memory cache's contents
        monkeypatch.setattr(locmem, store, {})
    monkeypatch.setattr(pending, "caches", CacheHandler())
    response = confirm(officer, durham, q1, first)
    assert said(response) == ["Imported 1 row(s) from q1.csv."]
    assert Value.objects.get().value == 80
    assert not any(tmp_path.rglob("*"))  # nothing kept on this server's disk
    again = confirm(officer, durham, q1, first)  # used up
    assert "upload the file again" in said(again)[0] and Value.objects.count() == 1


def test_an_expired_upload_asks_for_the_file_again_and_is_cleared(officer, durham, q1, capsys):
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    first = officer.post(import_url(durham, q1), {"file": upload(HEADER + GOOD)})
    waiting = officer.post(import_url(durham, q1), {"file": upload(HEADER + GOOD)})
    a_minute_ago = timezone.now() - timedelta(minutes=1)
    with connection.cursor() as cursor:  # the first one's two hours are up
        cursor.execute(
            "UPDATE scrutiny_uploads SET expires = %s WHERE cache_key LIKE %s",
            [
                connection.ops.adapt_datetimefield_value(a_minute_ago),
                f"%{first.context['token']}",
            ],
        )
    call_command("clear_pending_uploads")
    assert capsys.readouterr().out == "Deleted 1 expired pending upload(s).\n"
    response = confirm(officer, durham, q1, first)
    assert said(response) == [
        "That upload has expired (uploads wait 2 hours for confirmation) or was already "
        "imported; upload the file again."
    ]
    assert not Value.objects.exists()
    assert said(confirm(officer, durham, q1, waiting)) == ["Imported 1 row(s) from q1.csv."]


def test_another_councils_token_is_refused(client, durham, s16, q1, norfolk, durham_officer):
    from indicators.management.commands.create_demo_users import grant
    from indicators.models import Role

    grant(durham_officer, norfolk, Role.Kind.OFFICER)  # an officer of both councils
    client.force_login(durham_officer)
    first = client.post(import_url(durham, q1), {"file": upload(HEADER + GOOD)})
    response = client.post(
        import_url(norfolk, q1),
        {k: first.context[k] for k in ("token", "digest")},
        follow=True,
    )
    assert "upload the file again" in said(response)[0]
    assert not Value.objects.exists()
    assert said(confirm(client, durham, q1, first)) == ["Imported 1 row(s) from q1.csv."]
