"""A council's history in one upload, signed off in one step per person (issue 13): the
upload covers many periods, all or nothing; "Submit all" and "Approve all" move every
return it fills, four eyes kept."""

import io
import re

import pytest
from django.urls import reverse

from indicators.models import SignOff, Value

pytestmark = pytest.mark.django_db

HEADER = "authority,area,indicator_ref,period,value,numerator,denominator,status,note\n"
QUARTERS = ["Apr - Jun 2016", "Jul - Sep 2016", "Oct - Dec 2016", "Jan - Mar 2017"]
HISTORY = HEADER + "".join(
    f"durham,,CYP S16,{q},{70 + i},,,final,\n" for i, q in enumerate(QUARTERS)
)


def upload(text):
    handle = io.BytesIO(text.encode())
    handle.name = "history.csv"
    return handle


def test_history_in_one_upload_and_one_sign_off_each(
    client, durham, s16, durham_officer, durham_approver
):
    url = reverse("officers:history", args=[durham.slug])
    client.force_login(durham_officer)
    page = client.post(url, {"file": upload(HISTORY)}).content.decode()
    assert "Confirm: import 4 row(s)" in page and not Value.objects.exists()
    fields = dict(re.findall(r'name="(token|digest)" value="([^"]*)"', page))
    client.post(url, fields)
    assert Value.objects.count() == 4
    page = client.get(url).content.decode()
    assert "4 return(s)" in page and "Submit all 4 return(s)" in page
    client.post(url, {"action": "submitted"})
    assert set(Value.objects.values_list("workflow", flat=True)) == {"submitted"}
    assert SignOff.objects.filter(action="submitted").count() == 4
    client.post(url, {"action": "approved"})  # the officer who submitted cannot approve
    assert not Value.objects.published().exists()
    client.force_login(durham_approver)
    client.post(url, {"action": "approved"})
    assert Value.objects.published().count() == 4


def test_a_history_file_with_a_rejected_row_imports_nothing(client, durham, s16, durham_officer):
    url = reverse("officers:history", args=[durham.slug])
    client.force_login(durham_officer)
    bad = HISTORY + "durham,,CYP S99,Apr - Jun 2016,1,,,final,\n"
    page = client.post(url, {"file": upload(bad)}).content.decode()
    assert "nothing can be imported from this file" in page
    assert 'name="token"' not in page and not Value.objects.exists()
