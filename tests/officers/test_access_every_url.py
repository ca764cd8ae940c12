"""Issue #5: a Durham officer cannot list, open, edit, import into or export drafts of
Norfolk by ANY URL: every admin page of every council-scoped model, every officers' page."""

import io

import pytest
from django.contrib.admin.sites import site
from django.urls import reverse

from indicators.models import (
    BenchmarkValue,
    Commentary,
    PublishedComparison,
    Role,
    SignOff,
    Target,
    Tolerance,
    Value,
)
from meetings.models import Committee, Meeting
from tests import factories as f

from .conftest import form_data, make_user

pytestmark = pytest.mark.django_db

SCOPED = [Value, Target, Tolerance, BenchmarkValue, Commentary, PublishedComparison, SignOff]
HEADER = "authority,area,indicator_ref,period,value,numerator,denominator,status,note\n"


def rows_of(indicator, q1, figure):
    """One row of each council-scoped model for the indicator's council."""
    council = indicator.authority
    value = f.value(indicator, q1, figure, workflow=Value.Workflow.DRAFT, note="draft note")
    return {
        Value: value,
        Target: f.target(indicator, q1, figure),
        Tolerance: f.tolerance(indicator, figure - 10, figure),
        BenchmarkValue: f.benchmark(
            f.group(f"{council} neighbours", "other"), indicator, q1, figure
        ),
        Commentary: Commentary.objects.create(
            indicator=indicator, authority=council, period=q1, performance_analysis="secret"
        ),
        PublishedComparison: f.published(value, "target", printed_rating="AMBER"),
        SignOff: SignOff.objects.create(authority=council, period=q1, action="submitted"),
    }


@pytest.fixture
def norfolk_rows(norfolk_indicator, q1):
    return rows_of(norfolk_indicator, q1, 41)


@pytest.fixture
def durham_rows(s16, q1):
    return rows_of(s16, q1, 81)


def admin_url(model, view, *args):
    return reverse(f"admin:indicators_{model._meta.model_name}_{view}", args=args)


def test_every_scoped_model_is_registered_in_admin():
    assert all(model in site._registry for model in SCOPED)


@pytest.mark.parametrize("model", SCOPED, ids=lambda m: m.__name__)
def test_changelists_show_only_the_officers_council(
    client, durham_officer, durham_rows, norfolk_rows, model
):
    client.force_login(durham_officer)
    response = client.get(admin_url(model, "changelist"))
    if response.status_code == 403:  # no permission for the model at all
        return
    assert response.status_code == 200
    assert list(response.context["cl"].queryset) == [durham_rows[model]]


@pytest.mark.parametrize("model", SCOPED, ids=lambda m: m.__name__)
@pytest.mark.parametrize("view", ["change", "history", "delete"])
def test_another_councils_rows_cannot_be_opened(client, durham_officer, norfolk_rows, model, view):
    client.force_login(durham_officer)
    response = client.get(admin_url(model, view, norfolk_rows[model].pk))
    assert response.status_code in (302, 403, 404)


@pytest.mark.parametrize("model", [Value, Target, Tolerance, BenchmarkValue, Commentary])
def test_another_councils_history_records_cannot_be_opened_or_reverted(
    client, durham_officer, norfolk_rows, model
):
    obj = norfolk_rows[model]
    record = obj.history.first()
    client.force_login(durham_officer)
    url = reverse(
        f"admin:indicators_{model._meta.model_name}_simple_history",
        args=[obj.pk, record.history_id],
    )
    assert client.get(url).status_code in (302, 403, 404)
    assert client.post(url, {}).status_code in (302, 403, 404)
    assert model.objects.get(pk=obj.pk).history.count() == 1


# A change each officer may make to a row of their own council (issue #5: values, targets,
# tolerances, benchmarks and commentary).
EDITS = {
    Value: {"note": "changed"},
    Target: {"printed": "changed"},
    Tolerance: {"red": "1"},
    BenchmarkValue: {"printed": "changed"},
    Commentary: {"performance_analysis": "changed"},
}


@pytest.mark.parametrize("model", list(EDITS), ids=lambda m: m.__name__)
def test_a_valid_edit_of_another_councils_row_is_refused(
    client, durham_officer, norfolk_officer, norfolk_rows, model
):
    obj = norfolk_rows[model]
    url = admin_url(model, "change", obj.pk)
    client.force_login(norfolk_officer)
    data = {**form_data(client, url), **EDITS[model], "change_reason": "test"}
    before = model.objects.filter(pk=obj.pk).values().get()

    client.force_login(durham_officer)
    client.post(url, data)
    client.post(admin_url(model, "delete", obj.pk), {"post": "yes"})
    assert model.objects.filter(pk=obj.pk).values().get() == before

    client.force_login(norfolk_officer)  # the same post from Norfolk's officer is accepted
    assert client.post(url, data).status_code == 302
    field, new = next(iter(EDITS[model].items()))
    if before["workflow"] == "approved":
        # ... as a draft change for sign-off: the published row stays as members see it.
        assert model.objects.filter(pk=obj.pk).values().get() == before
        changed = model.objects.get(pk=obj.pk).working_copy()
        assert changed.pk != obj.pk and changed.workflow == "draft"
    else:
        changed = model.objects.get(pk=obj.pk)
    assert str(getattr(changed, field)).rstrip("0").rstrip(".") == new


@pytest.mark.parametrize("model", [PublishedComparison, SignOff], ids=lambda m: m.__name__)
def test_what_the_papers_printed_and_sign_off_steps_are_not_officers_to_edit(
    client, durham_officer, durham_rows, model
):
    client.force_login(durham_officer)
    url = admin_url(model, "change", durham_rows[model].pk)
    assert client.post(url, {}).status_code == 403


def test_an_officer_cannot_add_a_value_for_another_council(
    client, durham_officer, norfolk, norfolk_indicator, q1
):
    client.force_login(durham_officer)
    response = client.post(
        admin_url(Value, "add"),
        {
            "indicator": norfolk_indicator.pk,
            "authority": norfolk.pk,
            "period": q1.pk,
            "value": "50",
            "status": "final",
            "published_comparisons-TOTAL_FORMS": "0",
            "published_comparisons-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200  # the form again, with errors
    assert "Select a valid choice" in str(response.context["adminform"].form.errors)
    assert not Value.objects.filter(authority=norfolk).exists()


def test_an_approver_sees_their_councils_drafts_only(
    client, durham, norfolk, durham_rows, norfolk_rows
):
    approver = make_user("durham-approver", durham, Role.Kind.APPROVER)
    client.force_login(approver)
    listed = client.get(admin_url(Value, "changelist")).context["cl"].queryset
    assert list(listed) == [durham_rows[Value]]
    url = admin_url(Value, "change", norfolk_rows[Value].pk)
    assert client.get(url).status_code in (302, 403, 404)


# Officers' pages -------------------------------------------------------------------------


def upload(text, name="q1.csv"):
    handle = io.BytesIO(text.encode())
    handle.name = name
    return handle


def test_an_officer_cannot_upload_or_confirm_an_import_into_another_council(
    client, durham_officer, norfolk_officer, norfolk, norfolk_indicator, q1
):
    url = reverse("officers:import", args=[norfolk.slug, q1.pk])
    client.force_login(norfolk_officer)
    preview = client.post(
        url, {"file": upload(HEADER + "norfolk,,6.10b,Apr - Jun 2017,1.0,,,final,\n")}
    )
    token = {k: preview.context[k] for k in ("token", "digest")}

    client.force_login(durham_officer)
    assert client.post(url, {"file": upload(HEADER)}).status_code == 403
    assert client.post(url, {**token, "filename": "q1.csv"}).status_code == 403
    assert not Value.objects.filter(authority=norfolk).exists()


def test_an_approver_cannot_import(client, durham, q1):
    approver = make_user("durham-approver", durham, Role.Kind.APPROVER)
    client.force_login(approver)
    assert client.get(reverse("officers:import", args=[durham.slug, q1.pk])).status_code == 403
    url = reverse("officers:template", args=[durham.slug, q1.pk, "csv"])
    assert client.get(url).status_code == 403


def test_the_return_picker_will_not_open_another_councils_return(
    client, durham_officer, norfolk, q1
):
    client.force_login(durham_officer)
    response = client.get(
        reverse("officers:index"), {"authority": norfolk.slug, "period": "Apr - Jun 2017"}
    )
    assert response.status_code == 403


def test_the_audit_trail_of_another_councils_record_is_empty(client, durham_officer, norfolk_rows):
    client.force_login(durham_officer)
    pk = norfolk_rows[Value].pk
    page = client.get(reverse("officers:audit"), {"model": "value", "record": pk})
    assert page.context["total"] == 0
    csv_text = client.get(reverse("officers:audit_csv"), {"model": "value", "record": pk})
    assert csv_text.content.decode().strip().count("\n") == 0  # the header only


def test_another_councils_approver_cannot_approve_or_send_back(
    client, durham, norfolk, norfolk_rows, q1
):
    approver = make_user("durham-approver", durham, Role.Kind.APPROVER)
    Value.objects.filter(authority=norfolk).update(workflow=Value.Workflow.SUBMITTED)
    client.force_login(approver)
    url = reverse("officers:sign_off", args=[norfolk.slug, q1.pk])
    for action in ("approved", "sent_back"):
        assert client.post(url, {"action": action, "reason": "x"}).status_code == 403
    assert set(Value.objects.filter(authority=norfolk).values_list("workflow", flat=True)) == {
        "submitted"
    }


def test_an_officer_cannot_keep_another_councils_committees_or_record_its_meetings(
    client, durham_officer, norfolk
):
    committee = Committee.objects.create(authority=norfolk, name="Children", slug="children")
    client.force_login(durham_officer)
    pages = {
        reverse("meetings:committees", args=["norfolk"]): {},
        reverse("meetings:committee_add", args=["norfolk"]): {"name": "Durham's own"},
        reverse("meetings:committee_edit", args=["norfolk", "children"]): {"name": "Renamed"},
        reverse("meetings:record", args=["norfolk"]): {
            "committee": committee.pk, "date": "2018-07-11", "period": "2018-04-30"
        },
    }  # fmt: skip
    for url, data in pages.items():
        assert client.get(url).status_code == 403, url
        assert client.post(url, data).status_code == 403, url
    assert list(Committee.objects.values_list("name", flat=True)) == ["Children"]
    assert not Meeting.objects.exists()


def test_drafts_never_reach_the_member_pages_or_open_data(client, norfolk_rows, durham_rows):
    assert "41" not in client.get("/data/observations.csv").content.decode()
    assert client.get("/councils/norfolk/").status_code == 200
    assert b"draft note" not in client.get("/councils/norfolk/").content
