"""Issue 11: a GET never writes. Opening /officers/?authority=durham&period=Jan+-+Mar+2999
created the period, changing the data version and so forgetting every remembered page."""

import pytest
from django.urls import reverse

from indicators.data_version import current_token
from indicators.models import Commentary, Period, SignOff, Value
from meetings.models import Committee
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def unchanged(db):
    """Asserts, after the test's requests, that nothing was written: the data version (which
    every write to the portal's tables changes) and the periods are as they were."""
    before = (current_token(), Period.objects.count())
    yield
    assert (current_token(), Period.objects.count()) == before


def open_return(client, council, label):
    return client.get(reverse("officers:index"), {"authority": council, "period": label})


def test_opening_a_return_for_a_period_not_yet_known_writes_nothing(
    client, durham_officer, durham, s16, q1, unchanged
):
    assert current_token()  # the data version is there to compare
    client.force_login(durham_officer)
    page = open_return(client, "durham", "Jan - Mar 2999")
    assert page.status_code == 200
    text = page.content.decode()
    assert "No return for Durham for Jan - Mar 2999 yet" in text
    assert "Jan - Mar 2999 has not begun yet" in text and "Start the return" not in text


def test_an_officer_starts_a_new_return_with_a_post_and_lands_on_its_grid(
    client, durham_officer, durham, s16, q1
):
    client.force_login(durham_officer)
    before = (current_token(), Period.objects.count())
    page = open_return(client, "durham", "Jan - Mar 2016")
    assert (current_token(), Period.objects.count()) == before
    assert "Start the return for Jan - Mar 2016" in page.content.decode()
    started = client.post(
        reverse("officers:index"), {"authority": "durham", "period": "Jan - Mar 2016"}
    )
    period = Period.objects.get(label="Jan - Mar 2016")
    assert started.url == reverse("officers:return", args=["durham", period.pk])
    assert client.get(started.url).status_code == 200


def test_a_known_period_opens_its_grid_without_writing(
    client, durham_officer, durham, s16, q1, unchanged
):
    client.force_login(durham_officer)
    response = open_return(client, "durham", "Apr - Jun 2017")
    assert response.url == reverse("officers:return", args=["durham", q1.pk])


def test_a_period_that_is_not_a_return_is_refused_with_a_message(
    client, durham_officer, durham, unchanged
):
    client.force_login(durham_officer)
    page = open_return(client, "durham", "As at Jun 2017")
    assert "As at Jun 2017 is not a month, quarter, term or year" in page.content.decode()


def test_only_an_officer_may_start_a_return_and_not_for_a_period_to_come(
    client, durham, durham_officer, durham_approver, unchanged
):
    client.force_login(durham_approver)
    page = open_return(client, "durham", "Jan - Mar 2016")
    assert page.status_code == 200 and "Start the return" not in page.content.decode()
    index = reverse("officers:index")
    assert client.post(index, {"authority": "durham", "period": "Jan - Mar 2016"}).status_code == (
        403
    )
    client.force_login(durham_officer)
    refused = client.post(index, {"authority": "durham", "period": "Jan - Mar 2999"}, follow=True)
    assert "Jan - Mar 2999 has not begun yet" in refused.content.decode()


@pytest.fixture
def officer_pages(durham, s16, q1):
    value = f.value(s16, q1, 80, workflow=Value.Workflow.DRAFT)
    Commentary.objects.create(indicator=s16, authority=durham, period=q1)
    SignOff.objects.create(authority=durham, period=q1, action="submitted")
    Committee.objects.create(authority=durham, name="Scrutiny", slug="scrutiny")
    grid = [durham.slug, q1.pk]
    return [
        reverse("officers:index"),
        reverse("officers:index") + "?authority=durham&period=Jan+-+Mar+2999",
        reverse("officers:index") + "?authority=durham&period=Oct+-+Dec+2015",
        reverse("officers:return", args=grid),
        reverse("officers:import", args=grid),
        reverse("officers:template", args=[*grid, "csv"]),
        reverse("officers:template", args=[*grid, "xlsx"]),
        reverse("officers:audit") + "?authority=durham",
        reverse("officers:audit_csv"),
        reverse("officers:exceptions", args=["durham"]),
        reverse("officers:exceptions", args=["durham"]) + "?period=2999-03-31",
        reverse("admin:indicators_value_history", args=[value.pk]),
        reverse("meetings:committees", args=["durham"]),
        reverse("meetings:committee_add", args=["durham"]),
        reverse("meetings:committee_edit", args=["durham", "scrutiny"]),
        reverse("meetings:record", args=["durham"]),
    ]


def test_no_officers_page_writes_on_get(client, durham_officer, officer_pages, unchanged):
    client.force_login(durham_officer)
    for url in officer_pages:
        assert client.get(url).status_code in (200, 302, 404), url


@pytest.fixture
def public_pages(durham, s16, q1):
    f.value(s16, q1, 80)
    councils = ["durham"]
    return [
        reverse("reports:home"),
        reverse("reports:dashboard", args=councils),
        reverse("reports:dashboard", args=councils) + "?period=2999-03-31",
        reverse("reports:dashboard", args=councils) + "?period=Jan+-+Mar+2999",
        reverse("reports:indicator", args=["durham", "cyp-s16"]),
        reverse("reports:indicator", args=["durham", "cyp-s16"]) + "?period=2999-03-31",
        reverse("reports:key_messages", args=councils),
        reverse("reports:compare") + "?indicator=cyp-s16",
        reverse("reports:observations_csv"),
        *(
            reverse("reports:committee_table", args=["durham", fmt])
            for fmt in ("csv", "xlsx", "docx", "html")
        ),
        reverse("reports:committee_table", args=["durham", "csv"]) + "?period=2999-03-31",
    ]


def test_no_public_page_writes_on_get(client, public_pages, unchanged):
    for url in public_pages:
        assert client.get(url).status_code in (200, 302, 404), url
