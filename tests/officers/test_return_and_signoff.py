"""The period return grid, its checklist, sign-off, revisions and the audit trail."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from indicators.models import Commentary, Period, SignOff, Value
from officers.returns.audit import trail
from officers.returns.due import checklist
from officers.returns.signoff import sign_off
from tests import factories as f

pytestmark = pytest.mark.django_db


def grid_url(council, period):
    return reverse("officers:return", args=[council.slug, period.pk])


def test_the_grid_lists_every_due_indicator_prefilled(client, durham_officer, durham, s16, s15, q1):
    f.indicator(durham, "AN1", frequency="annual")
    f.value(s15, q1, 17, note="Stored note")
    client.force_login(durham_officer)
    response = client.get(grid_url(durham, q1))
    refs = [row["indicator"].ref for row in response.context["rows"]]
    assert refs == ["CYP S15", "CYP S16"]
    assert b'value="17"' in response.content and b"Stored note" in response.content


def test_saving_the_grid_validates_every_row_together(client, durham_officer, durham, s16, s15, q1):
    client.force_login(durham_officer)
    rows = {
        r["indicator"].ref: r["number"] for r in client.get(grid_url(durham, q1)).context["rows"]
    }
    bad = {f"r{rows['CYP S16']}-value": "101", f"r{rows['CYP S15']}-value": "12"}
    response = client.post(grid_url(durham, q1), bad)
    assert response.status_code == 200
    assert "not a percentage between 0 and 100" in response.context["rows"][1]["errors"][0]
    assert not Value.objects.exists()  # the good row waits for the bad one
    good = {**bad, f"r{rows['CYP S16']}-value": "80.1", f"r{rows['CYP S16']}-commentary": "Up"}
    assert client.post(grid_url(durham, q1), good).status_code == 302
    assert Value.objects.count() == 2
    assert s16.commentaries.get().performance_analysis == "Up"


def test_a_large_change_needs_confirming_or_a_note(client, durham_officer, durham, s16, q1, q4):
    f.value(s16, q4, 40)
    client.force_login(durham_officer)
    response = client.post(grid_url(durham, q1), {"r1-value": "80"})
    assert response.context["needs_confirm"] and not Value.objects.filter(period=q1).exists()
    assert (
        client.post(grid_url(durham, q1), {"r1-value": "80", "confirm": "yes"}).status_code == 302
    )
    assert Value.objects.get(period=q1).value == 80


def test_the_checklist_names_what_is_missing(durham, s16, s15, q1):
    f.value(s16, q1, 80)
    f.target(s16, q1, 75)
    f.target(s15, q1, kind="tracker")
    f.benchmark(f.group("England"), s16, q1, 70)
    items = {i["indicator"].ref: i["missing"] for i in checklist(durham, q1)}
    assert items == {"CYP S15": ["value", "benchmarks"]}


def test_the_checklist_asks_for_commentary_on_a_red_rating(durham, s16, q1):
    f.value(s16, q1, 50)
    f.target(s16, q1, 80)
    f.benchmark(f.group("England"), s16, q1, 70)
    durham.rating_scheme = f.scheme()
    durham.save()
    items = checklist(durham, q1)
    assert items[0]["missing"] == ["commentary (an exception: Red rating; 5% or more off target)"]
    Commentary.objects.create(indicator=s16, authority=durham, period=q1)
    assert checklist(durham, q1) == []


def test_the_checklist_asks_for_commentary_when_worse_three_periods_running(durham, s16, q1):
    for year, first_month, figure in ((2016, 7, 90), (2016, 10, 88), (2017, 1, 86)):
        f.value(s16, f.quarter(year, first_month=first_month), figure)
    f.value(s16, q1, 84, workflow=Value.Workflow.DRAFT)  # not Red: no target, no rating
    f.target(s16, q1, kind="tracker")
    f.benchmark(f.group("England"), s16, q1, 70)
    [item] = checklist(durham, q1)
    assert item["missing"] == ["commentary (an exception: Worse three periods running)"]


def test_sign_off_moves_draft_to_submitted_to_approved(
    durham_officer, durham_approver, durham, s16, q1
):
    value = f.value(s16, q1, 80, workflow=Value.Workflow.DRAFT)
    assert not Value.objects.published().exists()
    with pytest.raises(PermissionDenied):
        sign_off(SignOff.Action.APPROVED, durham, q1, durham_officer)
    sign_off(SignOff.Action.SUBMITTED, durham, q1, durham_officer)
    with pytest.raises(PermissionDenied):
        sign_off(SignOff.Action.SUBMITTED, durham, q1, durham_approver)
    sign_off(SignOff.Action.APPROVED, durham, q1, durham_approver)
    value.refresh_from_db()
    assert value.workflow == "approved" and list(Value.objects.published()) == [value]
    reasons = [h.history_change_reason for h in value.history.all()]
    assert reasons[:2] == ["Approved and published", "Submitted for sign-off"]


def test_sending_back_needs_a_reason_and_returns_values_to_draft(
    client, durham_officer, durham_approver, durham, s16, q1
):
    value = f.value(s16, q1, 80, workflow=Value.Workflow.SUBMITTED)
    with pytest.raises(ValidationError):
        sign_off(SignOff.Action.SENT_BACK, durham, q1, durham_approver, "  ")
    client.force_login(durham_approver)
    client.post(
        reverse("officers:sign_off", args=[durham.slug, q1.pk]),
        {"action": "sent_back", "reason": "Check the denominator"},
    )
    value.refresh_from_db()
    assert value.workflow == "draft"
    assert value.history.first().history_change_reason == (
        "Sent back to the officer: Check the denominator"
    )
    client.force_login(durham_officer)
    assert b"Check the denominator" in client.get(grid_url(durham, q1)).content


def test_correcting_an_approved_value_keeps_the_earlier_figure_as_a_revision(
    client, durham_officer, durham_approver, durham, s16, q1
):
    value = f.value(s16, q1, 80)
    client.force_login(durham_officer)
    client.post(
        grid_url(durham, q1), {"r1-value": "82", "r1-status": "final", "reason": "Late returns"}
    )
    # Members keep the published figure while the correction waits for sign-off.
    value.refresh_from_db()
    assert (value.value, value.status, value.workflow) == (80, "final", "approved")
    draft = value.working_copy()
    assert (draft.value, draft.earlier_value, draft.status, draft.workflow) == (
        82,
        80,
        "revised",
        "draft",
    )
    assert "80" in client.get("/councils/durham/").content.decode()
    # Saving the grid again changes nothing more.
    client.post(grid_url(durham, q1), {"r1-value": "82", "r1-status": "final"})
    assert draft.history.count() == 1
    sign_off(SignOff.Action.SUBMITTED, durham, q1, durham_officer)
    sign_off(SignOff.Action.APPROVED, durham, q1, durham_approver)
    value.refresh_from_db()
    assert (value.value, value.earlier_value, value.status, value.workflow) == (
        82,
        80,
        "revised",
        "approved",
    )
    assert not Value.objects.filter(revises=value).exists()  # one record, its history kept
    assert [h.value for h in value.history.all()][-1] == 80  # the first approved figure


def test_the_audit_trail_records_who_when_before_after_and_why(
    client, durham_officer, durham, s16, q1
):
    client.force_login(durham_officer)
    client.post(grid_url(durham, q1), {"r1-value": "80", "reason": "First entry"})
    client.post(grid_url(durham, q1), {"r1-value": "81", "reason": "Typo"})
    entries = trail(durham_officer, durham)
    latest = entries[0]
    assert latest.who == "durham-officer" and latest.why == "Typo"
    assert ("value", "80", "81") in latest.changes
    csv_text = client.get(reverse("officers:audit_csv") + "?authority=durham").content.decode()
    assert csv_text.splitlines()[0].startswith("when,who,what")
    assert ",durham-officer,value," in csv_text and ",value,80,81,Typo" in csv_text
    page = client.get(reverse("admin:indicators_value_history", args=[Value.objects.get().pk]))
    assert page.status_code == 200 and b"Typo" in page.content


def test_target_tolerance_benchmark_and_commentary_changes_are_audited(durham, s16, q1):
    f.target(s16, q1, 75)
    f.tolerance(s16, 60, 75)
    f.benchmark(f.group("England"), s16, q1, 70)
    f.value(s16, q1, 80)
    admin = get_user_model().objects.create_superuser("root", password="x")
    kinds = {e.what for e in trail(admin)}
    assert kinds == {"value", "target", "tolerance", "benchmark value"}


def test_an_occasional_indicator_is_signed_off_with_the_next_return(
    client, durham_officer, durham_approver, durham, s16, q1
):
    """Issue 13: no return is due for an occasional indicator (an inspection), so its
    values stayed draft for ever. They go with the council's next return."""
    ofsted = f.indicator(durham, "OFSTED", unit="judgement", frequency="occasional")
    inspection = f.value(
        ofsted, Period.objects.from_label("As at 28 Sep 2017"), 2, workflow=Value.Workflow.DRAFT
    )
    f.value(s16, q1, 80, workflow=Value.Workflow.DRAFT)
    client.force_login(durham_officer)
    page = client.get(grid_url(durham, q1)).content.decode()
    assert "1 value of occasional indicators" in page
    sign_off(SignOff.Action.SUBMITTED, durham, q1, durham_officer)
    step = sign_off(SignOff.Action.APPROVED, durham, q1, durham_approver)
    inspection.refresh_from_db()
    assert inspection.workflow == "approved"
    assert step.counts[Value] == 2
