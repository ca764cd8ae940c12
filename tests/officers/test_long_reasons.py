"""Issue 11.3: the reasons officers and approvers give are kept whole in the audit trail.
PostgreSQL enforced django-simple-history's varchar(100) and answered 500, losing the work;
SQLite does not enforce lengths, so run these on both (DATABASE_URL=postgres://...)."""

import io

import pytest
from django.urls import reverse

from indicators.models import SignOff, Value
from officers.returns.audit import REASON_MAX_LENGTH, trail
from tests import factories as f

pytestmark = pytest.mark.django_db

HEADER = "authority,area,indicator_ref,period,value,numerator,denominator,status,note\n"


def words(length):
    """Ordinary prose of exactly `length` characters, ending in a full stop."""
    text = "The denominator excludes the children placed out of county this quarter; " * 40
    return text[: length - 1] + "."


def grid_url(council, period):
    return reverse("officers:return", args=[council.slug, period.pk])


def grid_rows(client, council, period):
    rows = client.get(grid_url(council, period)).context["rows"]
    return {r["indicator"].ref: r["number"] for r in rows}


def test_words_are_the_length_asked_for():
    assert [len(words(n)) for n in (103, 120, 130, 300, 2001)] == [103, 120, 130, 300, 2001]


def test_a_130_character_send_back_reason_is_kept_whole(client, durham_approver, durham, s16, q1):
    value = f.value(s16, q1, 80, workflow=Value.Workflow.SUBMITTED)
    reason = words(130)
    client.force_login(durham_approver)
    response = client.post(
        reverse("officers:sign_off", args=[durham.slug, q1.pk]),
        {"action": "sent_back", "reason": reason},
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.workflow == Value.Workflow.DRAFT
    assert value.history.first().history_change_reason == f"Sent back to the officer: {reason}"
    assert SignOff.objects.get().reason == reason
    assert trail(durham_approver, durham)[0].why == f"Sent back to the officer: {reason}"


def test_a_120_character_why_in_the_grid_is_kept_whole_for_new_and_changed_figures(
    client, durham_officer, durham, s16, s15, q1
):
    changed = f.value(s16, q1, 80, workflow=Value.Workflow.DRAFT)
    reason = words(120)
    client.force_login(durham_officer)
    rows = grid_rows(client, durham, q1)
    response = client.post(
        grid_url(durham, q1),
        {
            f"r{rows['CYP S16']}-value": "81",
            f"r{rows['CYP S15']}-value": "17",  # new: written in bulk (COPY on PostgreSQL)
            "reason": reason,
        },
    )
    assert response.status_code == 302
    added = Value.objects.get(indicator=s15)
    assert changed.history.first().history_change_reason == reason
    assert added.history.first().history_change_reason == reason
    page = client.get(reverse("officers:audit"), {"authority": durham.slug})
    assert page.content.decode().count(reason) == 2


def test_a_103_character_file_name_imports_and_is_named_whole_in_the_audit_trail(
    client, durham_officer, durham, s16, q1
):
    name = ("durham-q1-return-" * 7)[:99] + ".csv"
    assert len(name) == 103
    upload = io.BytesIO((HEADER + "durham,,CYP S16,Apr - Jun 2017,80.0,,,final,\n").encode())
    upload.name = name
    client.force_login(durham_officer)
    url = reverse("officers:import", args=[durham.slug, q1.pk])
    preview = client.post(url, {"file": upload})
    confirm = {k: preview.context[k] for k in ("token", "digest")} | {"filename": name}
    assert client.post(url, confirm).status_code == 302
    value = Value.objects.get()
    assert value.history.first().history_change_reason == f"Imported from {name}"


def admin_form(client, value):
    url = reverse("admin:indicators_value_change", args=[value.pk])
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data = {k: v for k, v in data.items() if k not in ("workflow", "earlier_value")}
    data.update(
        {
            "published_comparisons-TOTAL_FORMS": "0",
            "published_comparisons-INITIAL_FORMS": "0",
        }
    )
    return url, data


def test_a_300_character_reason_through_the_admin_form_is_kept_whole(
    client, durham_officer, s16, q1
):
    value = f.value(s16, q1, 80, workflow=Value.Workflow.DRAFT)
    reason = words(300)
    client.force_login(durham_officer)
    url, data = admin_form(client, value)
    response = client.post(url, {**data, "value": "81.0", "change_reason": reason})
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert value.history.first().history_change_reason == reason
    history = client.get(reverse("admin:indicators_value_history", args=[value.pk]))
    assert reason in history.content.decode()


def test_a_reason_over_the_limit_gets_a_message_and_changes_nothing(
    client, durham_officer, durham_approver, durham, s16, q1
):
    too_long = words(REASON_MAX_LENGTH + 1)
    value = f.value(s16, q1, 80, workflow=Value.Workflow.DRAFT)
    limit = f"{REASON_MAX_LENGTH:,} characters"

    client.force_login(durham_officer)
    grid = client.post(grid_url(durham, q1), {"r1-value": "81", "reason": too_long})
    assert grid.status_code == 200
    assert limit in grid.content.decode() and "nothing was saved" in grid.content.decode()
    url, data = admin_form(client, value)
    admin = client.post(url, {**data, "value": "82.0", "change_reason": too_long})
    assert admin.status_code == 200
    assert "at most 2000 characters" in str(admin.context["adminform"].form.errors)
    value.refresh_from_db()
    assert (value.value, value.history.count()) == (80, 1)

    value.workflow = Value.Workflow.SUBMITTED
    value.save()
    client.force_login(durham_approver)
    back = client.post(
        reverse("officers:sign_off", args=[durham.slug, q1.pk]),
        {"action": "sent_back", "reason": too_long},
        follow=True,
    )
    assert back.status_code == 200 and limit in back.content.decode()
    value.refresh_from_db()
    assert value.workflow == Value.Workflow.SUBMITTED and not SignOff.objects.exists()
