"""Issue 11: nothing reaches members without sign-off, whichever path changed it, and
nobody signs off their own work."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from indicators.comparisons import ComparisonFinder
from indicators.models import BenchmarkValue, Commentary, Role, SignOff, Target, Value
from indicators.models.workflow import NotSignedOff
from officers.returns.signoff import sign_off
from tests import factories as f

from .conftest import form_data, make_user

pytestmark = pytest.mark.django_db


def admin_url(obj, view="change", *extra):
    return reverse(f"admin:indicators_{obj._meta.model_name}_{view}", args=[obj.pk, *extra])


def published_state(value):
    """What members see of a value: the published row."""
    row = Value.objects.published().filter(pk=value.pk).values().first()
    return row and {k: v for k, v in row.items() if k != "changed_by_id"}


def member_page(client):
    client.logout()
    return client.get("/councils/durham/").content.decode()


@pytest.fixture
def approved(s16, q1):
    return f.value(s16, q1, 80, numerator=8, denominator=10, note="As published")


# 1. The admin history "revert" form ------------------------------------------------------


def test_reverting_to_an_approved_version_does_not_publish(
    client, durham_officer, durham_approver, approved
):
    before = published_state(approved)
    client.force_login(durham_officer)
    data = {**form_data(client, admin_url(approved)), "note": "Edited", "change_reason": "e"}
    assert client.post(admin_url(approved), data).status_code == 302
    oldest = approved.history.order_by("history_id").first()
    url = admin_url(approved, "simple_history", oldest.history_id)
    revert = {**form_data(client, url), "value": "99", "numerator": "", "denominator": ""}
    client.post(url, revert)
    # Members still see the approved figure; the officer's figure is a draft for sign-off.
    assert published_state(approved) == before
    draft = Value.objects.get(pk=approved.pk).working_copy()
    assert draft.workflow == "draft" and draft.value == 99
    assert "99" not in member_page(client)


def test_a_submitted_value_cannot_be_changed_by_reverting(client, durham_officer, durham, s16, q1):
    value = f.value(s16, q1, 70, workflow=Value.Workflow.DRAFT)
    sign_off(SignOff.Action.SUBMITTED, durham, q1, durham_officer)
    oldest = value.history.order_by("history_id").first()
    url = admin_url(value, "simple_history", oldest.history_id)
    client.force_login(durham_officer)
    response = client.post(url, {**form_data(client, admin_url(value)), "value": "12"})
    assert response.status_code == 403
    value.refresh_from_db()
    assert (value.value, value.workflow) == (70, "submitted")


def test_someone_who_may_only_view_history_cannot_revert(client, durham_approver, approved):
    oldest = approved.history.order_by("history_id").first()
    url = admin_url(approved, "simple_history", oldest.history_id)
    client.force_login(durham_approver)
    assert client.get(url).status_code == 200  # may look
    data = {"indicator": approved.indicator_id, "authority": approved.authority_id}
    assert client.post(url, {**data, "value": "1"}).status_code == 403
    assert not Value.objects.filter(revises=approved).exists()


# 2. Any change members would see goes back through sign-off -------------------------------


@pytest.mark.parametrize(
    "change",
    [
        {"note": "A new note"},
        {"published_quirk": "Flagged"},
        {"numerator": "9", "value": "90"},
        {"denominator": "16", "value": "50"},
        {"status": "provisional"},
        {"indicator": "other"},
    ],
    ids=lambda c: "+".join(c),
)
def test_the_admin_form_never_changes_an_approved_value_in_place(
    client, durham_officer, durham, approved, change
):
    other = f.indicator(durham, "CYP S2", unit="percent")
    before = published_state(approved)
    client.force_login(durham_officer)
    change = {k: (other.pk if v == "other" else v) for k, v in change.items()}
    data = {**form_data(client, admin_url(approved)), **change, "change_reason": "edit"}
    assert client.post(admin_url(approved), data).status_code == 302
    assert published_state(approved) == before
    draft = Value.objects.get(pk=approved.pk).working_copy()
    assert draft.workflow == "draft" and draft.revises_id == approved.pk
    assert draft.changed_by == durham_officer


def test_every_path_leaves_the_published_figure_until_the_change_is_approved(
    client, durham_officer, durham_approver, durham, s16, q1, approved, tmp_path
):
    # The return grid.
    client.force_login(durham_officer)
    grid = reverse("officers:return", args=[durham.slug, q1.pk])
    client.post(grid, {"r1-value": "85", "r1-status": "final", "reason": "grid"})
    assert published_state(approved)["value"] == 80
    # The command line, on top of the grid's draft: one pending change, not two.
    csv = (
        "authority,area,indicator_ref,period,value,numerator,denominator,status,note\n"
        f"Durham,,CYP S16,{q1.label},90,9,10,final,From the file\n"
    )
    (tmp_path / "q1.csv").write_text(csv)
    call_command("import_values", tmp_path / "q1.csv", "--authority", "durham",
                 stdout=io.StringIO())  # fmt: skip
    assert published_state(approved)["value"] == 80
    assert Value.objects.filter(indicator=s16).count() == 2
    draft = Value.objects.get(pk=approved.pk).working_copy()
    assert (draft.value, draft.status, draft.earlier_value) == (90, "revised", 80)
    assert "90.0%" not in member_page(client) and "80.0%" in member_page(client)

    sign_off(SignOff.Action.SUBMITTED, durham, q1, durham_officer)
    assert published_state(approved)["value"] == 80  # submitted is not published either
    sign_off(SignOff.Action.APPROVED, durham, q1, durham_approver)
    approved.refresh_from_db()
    assert (approved.value, approved.status, approved.workflow) == (90, "revised", "approved")
    assert "90.0%" in member_page(client)


def test_a_change_from_the_published_record_keeps_what_its_draft_already_changed(
    client, durham_officer, durham, q1, approved
):
    client.force_login(durham_officer)
    grid = reverse("officers:return", args=[durham.slug, q1.pk])
    client.post(grid, {"r1-value": "90", "r1-numerator": "9", "r1-denominator": "10",
                       "r1-status": "final", "r1-note": "As published"})  # fmt: skip
    data = {**form_data(client, admin_url(approved)), "published_quirk": "Checked"}
    assert client.post(admin_url(approved), data).status_code == 302
    draft = Value.objects.get(pk=approved.pk).working_copy()
    assert (draft.value, draft.numerator, draft.published_quirk) == (90, 9, "Checked")
    assert Value.objects.filter(revises=approved).count() == 1


def test_the_model_refuses_to_store_an_unsigned_approved_record(approved, s16, q4):
    approved.note = "quietly changed"
    with pytest.raises(NotSignedOff):
        approved.save()
    with pytest.raises(NotSignedOff):
        Value(indicator=s16, authority=s16.authority, period=q4, value=1,
              workflow="approved").save()  # fmt: skip
    approved.refresh_from_db()
    approved.save()  # unchanged: fine
    assert approved.note == "As published"


# 9. Targets, tolerances, benchmarks and commentary follow sign-off -------------------------


def test_a_changed_target_is_not_used_for_members_until_approved(
    client, durham_officer, durham_approver, durham, s16, q1, approved
):
    target = f.target(s16, q1, 90)  # 80 against 90: Red

    def members_target():
        finder = ComparisonFinder(Value.objects.published().filter(pk=approved.pk))
        return finder.target_for(finder.values[0]).value

    client.force_login(durham_officer)
    data = {**form_data(client, admin_url(target)), "value": "50", "change_reason": "lower"}
    assert client.post(admin_url(target), data).status_code == 302
    assert members_target() == 90
    sign_off(SignOff.Action.SUBMITTED, durham, q1, durham_officer)
    sign_off(SignOff.Action.APPROVED, durham, q1, durham_approver)
    assert members_target() == 50
    assert Target.objects.count() == 1


def test_a_changed_figure_does_not_keep_the_papers_printed_form(
    client, durham_officer, s16, q1, approved
):
    target = f.target(s16, q1, 64, printed="64.0")
    client.force_login(durham_officer)
    data = {**form_data(client, admin_url(target)), "value": "50", "change_reason": "reset"}
    assert client.post(admin_url(target), data).status_code == 302
    draft = Target.objects.get(pk=target.pk).working_copy()
    assert (draft.value, draft.printed) == (50, "")
    assert "50" in draft.display and "64" not in draft.display
    # A note alone keeps the printed form: the figure is still the one printed.
    other = f.target(s16, None, 70, printed="70.0")
    data = {**form_data(client, admin_url(other)), "note": "Checked", "change_reason": "x"}
    assert client.post(admin_url(other), data).status_code == 302
    assert Target.objects.get(pk=other.pk).working_copy().printed == "70.0"


def test_new_commentary_and_benchmarks_wait_for_sign_off(
    client, durham_officer, durham_approver, durham, s16, q1, approved
):
    england = f.group("England")
    client.force_login(durham_officer)
    grid = reverse("officers:return", args=[durham.slug, q1.pk])
    client.post(grid, {"r1-value": "80", "r1-numerator": "8", "r1-denominator": "10",
                       "r1-status": "final", "r1-note": "As published",
                       "r1-commentary": "Officers' secret analysis"})  # fmt: skip
    commentary = Commentary.objects.get()
    assert commentary.workflow == "draft"
    BenchmarkValue.objects.create(
        comparator_group=england, indicator=s16, period=q1, value=70, changed_by=durham_officer
    )
    page = member_page(client)
    assert (
        "secret analysis"
        not in client.get(
            f"/councils/durham/indicators/{s16.ref.lower().replace(' ', '-')}/"
        ).content.decode()
    )
    assert "70.0%" not in page
    sign_off(SignOff.Action.SUBMITTED, durham, q1, durham_officer)
    step = sign_off(SignOff.Action.APPROVED, durham, q1, durham_approver)
    assert step.counts[Commentary] == 1 and step.counts[BenchmarkValue] == 1
    assert "70.0%" in member_page(client)
    assert (
        "secret analysis"
        in client.get(
            f"/councils/durham/indicators/{s16.ref.lower().replace(' ', '-')}/"
        ).content.decode()
    )


# 10. Four eyes ----------------------------------------------------------------------------


def test_nobody_approves_a_return_they_submitted(durham, s16, q1):
    both = make_user("both", durham, Role.Kind.OFFICER)
    Role.objects.create(user=both, authority=durham, kind=Role.Kind.APPROVER)
    f.value(s16, q1, 70, workflow=Value.Workflow.DRAFT)
    sign_off(SignOff.Action.SUBMITTED, durham, q1, both)
    with pytest.raises(ValidationError, match="four eyes"):
        sign_off(SignOff.Action.APPROVED, durham, q1, both)
    assert Value.objects.get().workflow == "submitted"
    other = make_user("other-approver", durham, Role.Kind.APPROVER)
    sign_off(SignOff.Action.APPROVED, durham, q1, other)
    assert Value.objects.get().workflow == "approved"


def test_nobody_approves_figures_they_changed_even_if_someone_else_submitted(
    client, durham_officer, durham, s16, q1
):
    changer = make_user("changer", durham, Role.Kind.OFFICER)
    Role.objects.create(user=changer, authority=durham, kind=Role.Kind.APPROVER)
    client.force_login(changer)
    client.post(reverse("officers:return", args=[durham.slug, q1.pk]),
                {"r1-value": "70", "r1-status": "final"})  # fmt: skip
    sign_off(SignOff.Action.SUBMITTED, durham, q1, durham_officer)
    with pytest.raises(ValidationError, match="You changed 1"):
        sign_off(SignOff.Action.APPROVED, durham, q1, changer)


def test_an_administrator_is_held_to_four_eyes_too(durham, s16, q1):
    admin = get_user_model().objects.create_superuser("root", password="x")
    f.value(s16, q1, 70, workflow=Value.Workflow.DRAFT)
    sign_off(SignOff.Action.SUBMITTED, durham, q1, admin)
    with pytest.raises(ValidationError, match="four eyes"):
        sign_off(SignOff.Action.APPROVED, durham, q1, admin)


# Locking: two approvers at once ----------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_approvers_at_once_approve_a_return_once():
    """PostgreSQL locks the return's rows: the second approver finds nothing left to approve
    instead of approving (and recording) it a second time."""
    import threading

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite writes one at a time")
    durham = f.authority("Durham")
    q1 = f.quarter(2017)
    for ref in ("CYP S15", "CYP S16", "CYP S17"):
        f.value(f.indicator(durham, ref), q1, 70, workflow=Value.Workflow.DRAFT)
    sign_off(SignOff.Action.SUBMITTED, durham, q1, make_user("officer", durham, "officer"))
    approvers = [make_user(f"approver-{n}", durham, Role.Kind.APPROVER) for n in (1, 2)]
    start, outcomes = threading.Barrier(2), []

    def approve(user):
        try:
            start.wait()
            sign_off(SignOff.Action.APPROVED, durham, q1, user)
            outcomes.append("approved")
        except ValidationError as error:
            outcomes.append(" ".join(error.messages))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(user,)) for user in approvers]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["Nothing submitted for sign-off in this return.", "approved"]
    assert SignOff.objects.filter(action=SignOff.Action.APPROVED).count() == 1
