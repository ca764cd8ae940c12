"""Official statistics through the web for administrators: preview, all-or-nothing confirm,
publication by a second administrator (issue 13)."""

import re

import pytest

from indicators.models import Value

from .test_import_statistics import (  # noqa: F401 (fixtures)
    ees_file,
    ees_row,
    england_and_durham,
    official_file,
)

pytestmark = pytest.mark.django_db
URL = "/officers/statistics/"
OPTIONS = {
    "indicator": "CLA-RATE",
    "value": "rate_per_10000",
    "numerator": "number",
    "denominator": "population",
    "name": "Children looked after per 10,000",
    "unit": "rate_10000",
    "polarity": "none",
    "frequency": "annual",
}


@pytest.fixture
def admins(django_user_model):
    return [django_user_model.objects.create_superuser(n, password="x") for n in ("ann", "bob")]


def preview(client, path, **extra):
    with open(path, "rb") as file:
        return client.post(URL, {**OPTIONS, **extra, "file": file}).content.decode()


def confirm(client, page):
    fields = dict(re.findall(r'name="(token|digest|options)" value="([^"]*)"', page))
    return client.post(URL, fields, follow=True).content.decode()


def test_only_administrators_import_official_statistics(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("officer", is_staff=True))
    assert client.get(URL).status_code == 403


def test_preview_then_confirm_then_a_second_administrator_publishes(
    client,
    admins,
    official_file,  # noqa: F811
):
    client.force_login(admins[0])
    page = preview(client, official_file)
    assert "Values: 14 added" in page and "the published 90 does not match" in page
    assert not Value.objects.exists()  # a preview writes nothing
    assert "Imported cla.csv: Values: 14 added" in confirm(client, page)
    assert Value.objects.count() == 14 and not Value.objects.published().exists()
    # The importer may not publish their own drafts (four eyes).
    page = preview(client, official_file, publish="on")
    assert "Confirm the import" not in page and "another administrator must publish" in page
    client.force_login(admins[1])
    page = preview(client, official_file, publish="on")
    assert "14 published" in page
    confirm(client, page)
    assert Value.objects.published().count() == 14


def test_a_file_with_a_rejected_row_cannot_be_confirmed(
    client,
    admins,
    tmp_path,
    england_and_durham,  # noqa: F811
):
    client.force_login(admins[0])
    bad = ees_file(
        tmp_path,
        [
            ees_row("Local authority", "E06000047", "Durham", figure="n/a"),
            ees_row("Local authority", "E06000004", "Stockton-on-Tees"),
        ],
    )
    page = preview(client, bad)
    assert "1 rejection(s): nothing can be imported" in page and "Confirm the import" not in page
    assert "&#x27;n/a&#x27; is not a number" in page
    assert not Value.objects.exists()
