"""Officers see the figures they entered as entered (9.1), never the database's 9.10000000."""

import io

import pytest
from django.urls import reverse

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_return_grid_shows_the_figure_before_without_trailing_zeros(
    client, durham_officer, durham, s16, q1, q4
):
    f.value(s16, q4, "9.1")
    client.force_login(durham_officer)
    page = client.get(reverse("officers:return", args=[durham.slug, q1.pk])).content.decode()
    assert "before: 9.1 (Jan - Mar 2017)" in page
    assert "9.10000000" not in page


def test_the_import_preview_shows_each_figure_as_written(client, durham_officer, durham, s16, q1):
    client.force_login(durham_officer)
    data = "authority,area,indicator_ref,period,value,numerator,denominator,status,note\n"
    data += "durham,,CYP S16,Apr - Jun 2017,87.2,,,final,\n"
    upload = io.BytesIO(data.encode())
    upload.name = "q1.csv"
    page = client.post(reverse("officers:import", args=[durham.slug, q1.pk]), {"file": upload})
    html = page.content.decode()
    assert "<td>87.2</td>" in html and "87.20000000" not in html
