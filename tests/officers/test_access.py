"""A Durham officer cannot list, open, edit, import into or export Norfolk's drafts."""

import pytest
from django.urls import reverse

from indicators import access
from indicators.models import Value
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def norfolk_draft(norfolk_indicator, q1):
    return f.value(norfolk_indicator, q1, 40, workflow=Value.Workflow.DRAFT)


@pytest.fixture
def durham_draft(s16, q1):
    return f.value(s16, q1, 80, workflow=Value.Workflow.DRAFT)


def test_an_officer_lists_only_their_own_councils_values_in_admin(
    client, durham_officer, durham_draft, norfolk_draft
):
    client.force_login(durham_officer)
    response = client.get(reverse("admin:indicators_value_changelist"))
    assert response.status_code == 200
    shown = list(response.context["cl"].queryset)
    assert shown == [durham_draft]


@pytest.mark.parametrize("view", ["change", "history"])
def test_an_officer_cannot_open_another_councils_value_in_admin(
    client, durham_officer, norfolk_draft, view
):
    client.force_login(durham_officer)
    response = client.get(reverse(f"admin:indicators_value_{view}", args=[norfolk_draft.pk]))
    assert response.status_code in (302, 403, 404)
    assert b"40" not in response.content or response.status_code != 200


def test_an_officer_cannot_edit_another_councils_value_by_posting(
    client, durham_officer, norfolk_draft
):
    client.force_login(durham_officer)
    url = reverse("admin:indicators_value_change", args=[norfolk_draft.pk])
    client.post(url, {"value": "99", "status": "final"})
    norfolk_draft.refresh_from_db()
    assert norfolk_draft.value == 40


def test_an_officer_can_edit_their_own_draft_in_admin_with_a_reason(
    client, durham_officer, durham_draft
):
    client.force_login(durham_officer)
    url = reverse("admin:indicators_value_change", args=[durham_draft.pk])
    form = client.get(url).context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(value="81.0", change_reason="Corrected from the source system")
    data = {k: v for k, v in data.items() if k not in ("workflow", "earlier_value")}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    durham_draft.refresh_from_db()
    assert durham_draft.value == 81
    latest = durham_draft.history.first()
    assert latest.history_user.username == "durham-officer"
    assert latest.history_change_reason == "Corrected from the source system"


def test_the_authority_choices_offered_to_an_officer_are_their_own(
    client, durham_officer, durham, norfolk
):
    client.force_login(durham_officer)
    form = client.get(reverse("admin:indicators_value_add")).context["adminform"].form
    assert list(form.fields["authority"].queryset) == [durham]


@pytest.mark.parametrize(
    "name,suffix",
    [
        ("officers:return", []),
        ("officers:import", []),
        ("officers:template", ["csv"]),
        ("officers:template", ["xlsx"]),
    ],
)
def test_an_officer_cannot_reach_another_councils_return_pages(
    client, durham_officer, norfolk, norfolk_draft, q1, name, suffix
):
    client.force_login(durham_officer)
    response = client.get(reverse(name, args=[norfolk.slug, q1.pk, *suffix]))
    assert response.status_code == 403
    assert b"6.10b" not in response.content


def test_an_officer_cannot_sign_off_or_post_into_another_councils_return(
    client, durham_officer, norfolk, norfolk_draft, q1
):
    client.force_login(durham_officer)
    client.post(reverse("officers:sign_off", args=[norfolk.slug, q1.pk]), {"action": "submitted"})
    client.post(reverse("officers:return", args=[norfolk.slug, q1.pk]), {"r1-value": "1"})
    norfolk_draft.refresh_from_db()
    assert norfolk_draft.workflow == Value.Workflow.DRAFT and norfolk_draft.value == 40


def test_the_audit_trail_shows_only_the_officers_councils(
    client, durham_officer, durham_draft, norfolk_draft, norfolk
):
    client.force_login(durham_officer)
    csv_text = client.get(reverse("officers:audit_csv")).content.decode()
    assert "CYP S16" in csv_text and "6.10b" not in csv_text
    assert client.get(reverse("officers:audit") + "?authority=norfolk").status_code == 403


def test_a_member_cannot_open_officers_pages(client, member, durham, q1):
    client.force_login(member)
    assert client.get(reverse("officers:return", args=[durham.slug, q1.pk])).status_code == 403
    assert client.get(reverse("officers:audit")).status_code == 403


def test_officers_pages_require_login(client, durham, q1):
    response = client.get(reverse("officers:return", args=[durham.slug, q1.pk]))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_approver_can_see_but_not_enter(durham_approver, durham):
    assert access.can_approve(durham_approver, durham)
    assert access.can_see_drafts(durham_approver, durham)
    assert not access.can_enter(durham_approver, durham)
