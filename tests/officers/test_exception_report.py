"""The officers' exception report: it shows which indicators meet the criteria and why, and
only the council's own officers and approvers choose the set that goes to committee."""

import pytest

from indicators.models import Commentary, ExceptionReport, Role
from tests import factories as f

from .conftest import make_user

pytestmark = pytest.mark.django_db

URL = "/officers/norfolk/exceptions/?period=2018-04-30"


@pytest.fixture
def indicators(norfolk):
    """Three monthly measures rated against tolerances: one Red, one worse three months
    running but Green, one meeting no criterion but with a report card written."""
    norfolk.rating_scheme = f.scheme("absolute_thresholds", "0", rated=["target"])
    norfolk.save()
    months = [f.month(2018, m) for m in (1, 2, 3, 4)]
    red = f.indicator(norfolk, "6.14", name="CP children seen", frequency="monthly", order=1)
    worse = f.indicator(norfolk, "8.5", name="Care leavers in touch", frequency="monthly", order=2)
    calm = f.indicator(
        norfolk, "7.13", name="LAC with up-to-date PEP", frequency="monthly", order=3
    )
    for ind, figures in ((red, "60 61 62 51"), (worse, "99 98 97 96"), (calm, "95 95 95 95")):
        for period, figure in zip(months, figures.split(), strict=True):
            f.value(ind, period, figure)
        f.tolerance(ind, red="80", green="90")
        f.target(ind, months[-1], "90")
    Commentary.objects.create(
        indicator=calm,
        authority=norfolk,
        period=months[-1],
        why_important="Every child in care needs an education plan.",
        lead_officer="Phil Watson",
    )
    return {"red": red, "worse": worse, "calm": calm}


@pytest.fixture
def norfolk_approver(norfolk):
    return make_user("norfolk-approver", norfolk, Role.Kind.APPROVER)


def test_it_shows_each_proposed_indicator_with_its_reasons(client, norfolk_officer, indicators):
    client.force_login(norfolk_officer)
    page = client.get(URL)
    assert page.status_code == 200
    proposed = {a.value.indicator.ref: a for a in page.context["proposed"]}
    assert set(proposed) == {"6.14", "8.5", "7.13"}
    assert proposed["6.14"].words == ["Red rating", "5% or more off target"]
    assert proposed["8.5"].words == ["Worse three periods running"]
    assert proposed["7.13"].words == [] and proposed["7.13"].has_card
    html = page.content.decode()
    assert "Worse three periods running" in html and "Written; lead Phil Watson" in html


def test_before_a_choice_the_indicators_with_a_card_are_ticked(client, norfolk_officer, indicators):
    client.force_login(norfolk_officer)
    assert client.get(URL).context["ticked"] == {indicators["calm"].pk}


def test_an_officer_saves_the_choice_in_the_order_shown(client, norfolk_officer, indicators):
    client.force_login(norfolk_officer)
    chosen = [indicators["worse"].pk, indicators["red"].pk]
    response = client.post(
        URL,
        {"indicators": chosen, "committee": "Children's Services", "meeting_date": "2018-07-10"},
    )
    assert response.status_code == 302
    report = ExceptionReport.objects.get()
    assert [c.indicator.ref for c in report.chosen.all()] == ["6.14", "8.5"]
    assert report.chosen.first().reasons == ["Red rating", "5% or more off target"]
    assert (report.chosen_by, str(report.meeting_date)) == (norfolk_officer, "2018-07-10")
    assert client.get(URL).context["ticked"] == set(chosen)
    client.post(URL, {"indicators": [indicators["calm"].pk]})
    assert [c.indicator.ref for c in ExceptionReport.objects.get().chosen.all()] == ["7.13"]


def test_an_approver_may_choose_too(client, norfolk_approver, indicators):
    client.force_login(norfolk_approver)
    assert client.post(URL, {"indicators": [indicators["red"].pk]}).status_code == 302
    assert ExceptionReport.objects.get().chosen.count() == 1


def test_it_rejects_an_indicator_outside_the_period_and_saves_nothing(
    client, norfolk_officer, indicators, durham
):
    other = f.indicator(durham, "CYP S16")
    client.force_login(norfolk_officer)
    page = client.post(URL, {"indicators": [indicators["red"].pk, other.pk]})
    assert page.status_code == 200
    assert f"Indicators: {other.pk} is not one of this council" in page.content.decode()
    assert not ExceptionReport.objects.exists()


def test_it_rejects_a_bad_meeting_date_and_saves_nothing(client, norfolk_officer, indicators):
    client.force_login(norfolk_officer)
    page = client.post(URL, {"indicators": [indicators["red"].pk], "meeting_date": "10 Julyish"})
    assert "Meeting date: Give the meeting date as a date" in page.content.decode()
    assert not ExceptionReport.objects.exists()


def test_it_requires_a_role_for_that_council(
    client, durham_officer, member, norfolk_officer, indicators
):
    assert client.get(URL).status_code == 302  # to the login page
    for user in (durham_officer, member):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"indicators": [indicators["red"].pk]}).status_code == 403
    assert not ExceptionReport.objects.exists()


def test_it_is_a_404_for_an_unknown_council_or_period(client, norfolk_officer, indicators):
    client.force_login(norfolk_officer)
    assert client.get("/officers/nowhere/exceptions/").status_code == 404
    assert client.get("/officers/norfolk/exceptions/?period=April").status_code == 404
    assert client.get("/officers/norfolk/exceptions/?period=2001-03-31").status_code == 404
    assert client.get("/officers/norfolk/exceptions/").status_code == 200  # the latest


@pytest.mark.parametrize("installed", [True, False])
def test_the_saved_choice_links_a_pdf_pack_only_when_chromium_can_print_it(
    client, norfolk_officer, indicators, settings, tmp_path, installed
):
    settings.CHROMIUM_PATH = __file__ if installed else str(tmp_path / "no-chromium")
    client.force_login(norfolk_officer)
    client.post(URL, {"indicators": [indicators["red"].pk]})
    html = client.get(URL).content.decode()
    assert "committee-pack.docx" in html
    assert ("committee-pack.pdf" in html) is installed
    assert ("PDF needs Chromium on the server" in html) is not installed


def test_recent_figures_read_as_entered(client, norfolk_officer, indicators):
    client.force_login(norfolk_officer)
    html = client.get(URL).content.decode()
    assert "recent: 99, 98, 97, 96" in html and "0000" not in html
