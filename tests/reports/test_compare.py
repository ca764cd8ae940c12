"""The compare page matches councils' indicators by a national code or an administrator's
"same as" link (issue 13: hard-coded name patterns left a new council with "no matching
indicator")."""

import html
import re

import pytest

from indicators.models import Indicator
from tests import factories as f

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def coded(durham, norfolk):
    Indicator.objects.filter(authority=durham, ref="CYP S17").update(national_code="CPP-RATE")
    return durham


def test_it_compares_a_matched_indicator_across_councils(client, coded, norfolk):
    page = text(client.get("/compare/?indicator=cpp-rate"))
    assert "Durham CYP S17" in page and "38.0 per 10,000" in page
    assert "Not defined: Norfolk has no matching indicator." in page


def test_a_new_council_matches_by_its_national_code_whatever_its_wording(client, coded):
    newtown = f.authority("Newtown")
    mine = f.indicator(newtown, "NT 9", name="Kids on CP plans (rate)", national_code="cpp-rate")
    f.value(mine, f.quarter(2017), "41.5")
    page = text(client.get("/compare/?indicator=cpp-rate"))
    assert "Newtown NT 9 Kids on CP plans (rate)" in page and "41.5" in page
    assert "Newtown has no matching indicator" not in page


def test_a_same_as_link_matches_indicators_without_a_code(client, durham, norfolk):
    theirs = Indicator.objects.get(authority=norfolk, ref="7.2")
    ours = Indicator.objects.get(authority=durham, ref="CYP S16")
    theirs.same_as = ours
    theirs.save()
    page = client.get(f"/compare/?indicator=linked-{ours.pk}")
    assert page.context["match"].title == ours.name
    assert "Norfolk 7.2" in text(page) and "Durham CYP S16" in text(page)


def test_nothing_matched_says_how_to_match(client, durham):
    page = text(client.get("/compare/"))
    assert "same national code" in page


def test_an_unknown_matched_indicator_is_a_404(client, coded):
    assert client.get("/compare/?indicator=nonsense").status_code == 404


def test_an_indicator_reference_opens_the_match_it_is_in(client, coded, norfolk):
    # README's /compare/?indicator=<ref>: Durham's CYP S17 has the national code CPP-RATE.
    response = client.get("/compare/?indicator=cyp-s17")
    assert response.status_code == 200
    assert response.context["match"].key == "cpp-rate"
    assert "of 2 councils)" in text(response)  # how many councils define each
