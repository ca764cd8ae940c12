import html
import re

import pytest

from reports.matching import BY_KEY, matches

pytestmark = pytest.mark.django_db


def text(response):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.mark.parametrize(
    "key, name",
    [
        ("looked-after-children-rate", "Rate of looked after children per 10,000 population"),
        ("looked-after-children-rate", "LAC - Rate per 10K Under-18s"),
        ("child-protection-plan-rate", "Children Subject to CP Plans - Rate per 10K Under-18s"),
        ("care-leavers-eet", "Percentage of care leavers aged 17-21 in education, employment"),
        ("single-assessments-timeliness", "Assessments auth in 45 WD - %"),
    ],
)
def test_matching_finds_each_councils_wording(key, name):
    assert matches(BY_KEY[key], name)


@pytest.mark.parametrize(
    "key, name",
    [
        (
            "child-protection-plan-rate",
            "Number of children becoming subject to a CP plan per 10,000",
        ),
        ("single-assessments-timeliness", "Open assessments already past 45 working days"),
    ],
)
def test_matching_leaves_out_similar_but_different_measures(key, name):
    assert not matches(BY_KEY[key], name)


def test_it_compares_a_matched_indicator_across_councils(client, durham, norfolk):
    page = text(client.get("/compare/?indicator=child-protection-plan-rate"))
    assert "Durham CYP S17" in page and "38.0 per 10,000" in page
    assert "Not defined: Norfolk has no matching indicator." in page


def test_an_unknown_matched_indicator_is_a_404(client):
    assert client.get("/compare/?indicator=nonsense").status_code == 404


def test_an_indicator_reference_opens_the_match_it_is_in(client, durham, norfolk):
    # README's /compare/?indicator=<ref>: Durham's CYP S17 is the child protection plan rate.
    response = client.get("/compare/?indicator=cyp-s17")
    assert response.status_code == 200
    assert response.context["match"].key == "child-protection-plan-rate"
    assert "of 2 councils)" in text(response)  # how many councils define each
