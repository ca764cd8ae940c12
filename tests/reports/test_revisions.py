"""Issue #5: an approved value that is later corrected keeps its history and the indicator
page shows "revised" with the figure first published."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from indicators.management.commands.create_demo_users import grant
from indicators.models import Period, Role, SignOff, Value
from officers.returns.signoff import sign_off

pytestmark = pytest.mark.django_db

PAGE = "/councils/durham/indicators/cyp-s16/"


def text(response):
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def officer_and_approver(durham, django_user_model):
    officer = django_user_model.objects.create_user("officer", password="x")
    approver = django_user_model.objects.create_user("approver", password="x")
    grant(officer, durham, Role.Kind.OFFICER)
    grant(approver, durham, Role.Kind.APPROVER)
    return officer, approver


def test_a_corrected_figure_shows_revised_with_the_first_published_figure(
    client, durham, officer_and_approver
):
    officer, approver = officer_and_approver
    q1 = Period.objects.get(label="Apr - Jun 2017")
    assert "first published as" not in text(client.get(PAGE))

    client.force_login(officer)
    rows = client.get(reverse("officers:return", args=["durham", q1.pk])).context["rows"]
    number = next(r["number"] for r in rows if r["indicator"].ref == "CYP S16")
    client.post(
        reverse("officers:return", args=["durham", q1.pk]),
        {
            f"r{number}-value": "84.0",
            f"r{number}-numerator": "420",
            f"r{number}-denominator": "500",
            "reason": "Late case closures",
        },
    )
    sign_off(SignOff.Action.SUBMITTED, durham, q1, officer)
    sign_off(SignOff.Action.APPROVED, durham, q1, approver)
    client.logout()

    value = Value.objects.get(indicator__ref="CYP S16", period=q1)
    assert (value.value, value.earlier_value, value.status) == (84, Decimal("83.2"), "revised")
    page = text(client.get(PAGE))
    assert "84.0% Apr - Jun 2017 revised first published as 83.2" in page
    assert "Revised (first published as 83.2)" in page  # the trend table's row
    assert [h.value for h in value.history.all()][-1] == Decimal("83.2")  # history kept
