"""The return as a task an officer can finish (issue 14): targets carried forward beside the
values, what is missing at the top, errors linked to their inputs, a confirmation before an
incomplete return is submitted, and figures as the council writes them."""

import re
from html import unescape

import pytest
from django.urls import reverse

from indicators.models import SignOff, Target, Value
from officers.returns.signoff import sign_off
from tests import factories as f

pytestmark = pytest.mark.django_db


def grid(client, council, period):
    return client.get(reverse("officers:return", args=[council.slug, period.pk]))


def number_of(html, ref):
    return re.search(
        rf'<tr id="row-(\d+)"[^>]*>\s*<th scope="row">[^<]*<input[^>]*>'
        rf'<span class="ref">{re.escape(ref)}<',
        html,
    )[1]


def row_of(html, ref):
    return re.search(
        rf'<tr id="row-\d+"[^>]*>\s*<th scope="row">.*?{re.escape(ref)}.*?</tr>', html, re.S
    )[0]


def test_a_new_period_carries_the_last_target_forward_tracker_kept_to_the_dashboard(
    client, durham_officer, durham_approver, durham, s16, s15, q1, q4
):
    f.value(s16, q4, "81.5")
    f.target(s16, q4, kind="tracker", printed="Tracker")
    f.value(s15, q4, "12")
    f.target(s15, q4, "15", kind="at_most")
    client.force_login(durham_officer)
    html = grid(client, durham, q1).content.decode()
    s16_row = row_of(html, "CYP S16")
    assert 'name="r1-target"' in s16_row and 'value="Tracker"' in s16_row
    assert "carried forward from Jan - Mar 2017" in s16_row
    assert 'value="&lt;=15"' in row_of(html, "CYP S15")

    a, b = number_of(html, "CYP S16"), number_of(html, "CYP S15")
    data = {f"r{a}-value": "83.2", f"r{a}-target": "Tracker", f"r{a}-status": "final"}
    data |= {f"r{b}-target": "<=15", f"r{b}-status": "final"}  # no value yet: target waits
    response = client.post(reverse("officers:return", args=[durham.slug, q1.pk]), data)
    assert response.status_code == 302
    [carried] = Target.objects.filter(indicator=s16, period=q1)
    assert (carried.kind, carried.printed, carried.workflow) == ("tracker", "Tracker", "draft")
    assert not Target.objects.filter(indicator=s15, period=q1).exists()

    sign_off(SignOff.Action.SUBMITTED, durham, q1, durham_officer)
    sign_off(SignOff.Action.APPROVED, durham, q1, durham_approver)
    dashboard = client.get(reverse("reports:dashboard", args=[durham.slug])).content.decode()
    s16_on_dashboard = re.search(r"<tr[^>]*>(?:(?!</tr>).)*CYP S16.*?</tr>", dashboard, re.S)[0]
    assert "Tracker" in s16_on_dashboard and "No target" not in s16_on_dashboard


def test_a_target_typed_that_cannot_be_read_is_an_error_on_its_input(
    client, durham_officer, durham, s16, q1
):
    client.force_login(durham_officer)
    url = reverse("officers:return", args=[durham.slug, q1.pk])
    response = client.post(url, {"r1-value": "83.2", "r1-target": "about 85", "r1-status": "final"})
    html = response.content.decode()
    assert "'about 85' is not a target" in unescape(html)
    assert re.search(r'<input[^>]*id="r1-target"[^>]*aria-invalid="true"', html)
    assert not Value.objects.exists() and not Target.objects.exists()


def test_errors_are_summarised_with_links_and_their_inputs_marked_invalid(
    client, durham_officer, durham, s16, s15, q1
):
    client.force_login(durham_officer)
    url = reverse("officers:return", args=[durham.slug, q1.pk])
    response = client.post(url, {"r1-value": "c.17", "r1-status": "final", "r2-status": "final"})
    html = response.content.decode()
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S)[0]
    assert 'href="#r1-value"' in summary and "not a number" in summary
    value_input = re.search(r'<input[^>]*id="r1-value"[^>]*>', html)[0]
    assert 'aria-invalid="true"' in value_input and 'aria-describedby="r1-error"' in value_input
    assert 'id="r1-error"' in html
    other = re.search(r'<input[^>]*id="r2-value"[^>]*>', html)[0]
    assert "aria-invalid" not in other
    assert not Value.objects.exists()


def test_what_is_missing_is_summarised_at_the_top_with_links_to_the_rows(
    client, durham_officer, durham, s16, s15, q1
):
    f.value(s16, q1, "83.2")
    client.force_login(durham_officer)
    html = grid(client, durham, q1).content.decode()
    summary = re.search(r'<section class="summary" id="checklist".*?</section>', html, re.S)[0]
    assert html.index('id="checklist"') < html.index('id="return-grid"')
    no_value = re.search(r"<dt>No value: 1</dt>\s*<dd>(.*?)</dd>", summary, re.S)[1]
    number = number_of(html, "CYP S15")
    assert f'<a href="#row-{number}">CYP S15</a>' in no_value and "CYP S16" not in no_value


def test_submitting_a_return_with_values_missing_asks_first(
    client, durham_officer, durham, s16, s15, q1
):
    f.value(s16, q1, "83.2", workflow=Value.Workflow.DRAFT)
    client.force_login(durham_officer)
    url = reverse("officers:sign_off", args=[durham.slug, q1.pk])
    response = client.post(url, {"action": "submitted"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "1 of 2 indicators due in Apr - Jun 2017 have no value" in html
    assert "CYP S15" in html and 'name="confirm" value="yes"' in html
    assert not SignOff.objects.exists()
    assert Value.objects.get().workflow == "draft"

    client.post(url, {"action": "submitted", "confirm": "yes"})
    assert Value.objects.get().workflow == "submitted"


def test_a_complete_return_submits_without_the_question(client, durham_officer, durham, s16, q1):
    f.value(s16, q1, "83.2", workflow=Value.Workflow.DRAFT)
    client.force_login(durham_officer)
    url = reverse("officers:sign_off", args=[durham.slug, q1.pk])
    assert client.post(url, {"action": "submitted"}).status_code == 302
    assert Value.objects.get().workflow == "submitted"


def test_figures_read_as_the_council_writes_them_in_the_grid(
    client, durham_officer, durham, s16, q1, q4
):
    f.value(s16, q4, "9.10000000")
    f.value(s16, q1, "83.20000000")
    f.target(s16, q1, "85.00000000")
    client.force_login(durham_officer)
    html = grid(client, durham, q1).content.decode()
    assert "0000" not in html
    assert "before: 9.1 (Jan - Mar 2017)" in html  # at the indicator's one decimal place
    assert 'value="83.2"' in html and 'value="85.0%"' in html
    assert html.count("<h1") == 1 and "Django administration" not in html


def test_the_403_page_says_why_and_where_to_go(client, durham_officer, norfolk, q1):
    client.force_login(durham_officer)
    response = client.get(reverse("officers:return", args=[norfolk.slug, q1.pk]))
    assert response.status_code == 403
    html = response.content.decode()
    assert "You have no role for Norfolk" in html
    assert reverse("officers:index") in html and reverse("reports:home") in html
    assert 'class="site-header"' in html


def test_the_admin_sign_in_has_a_heading_and_points_councillors_to_their_pages(client, member):
    response = client.post(
        reverse("admin:login"), {"username": "member", "password": "scrutiny-demo"}
    )
    html = response.content.decode()
    assert "<h1>Sign in" in html
    pointer = re.search(r'<div class="help members-pointer">.*?</div>', html, re.S)[0]
    assert "Councillors" in pointer and f'href="{reverse("reports:home")}"' in pointer
    assert "Django administration" not in html
