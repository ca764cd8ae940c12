"""A council's history in one upload, signed off in one step per person (issue 13): the
upload covers many periods, all or nothing; "Submit all" and "Approve all" move every
return it fills and no other, four eyes kept."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse

from indicators.models import HistoryUpload, Period, SignOff, Value

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
    # A return the upload did not fill, waiting too: the batch leaves it alone.
    other = Value.objects.create(
        indicator=s16,
        authority=durham,
        period=Period.objects.for_span("quarter", date(2017, 4, 1), date(2017, 6, 30)),
        value=75,
    )
    batch = HistoryUpload.objects.get().pk
    page = client.get(url).content.decode()
    assert "4 return(s)" in page and "Submit all 4 return(s)" in page
    client.post(url, {"action": "submitted", "upload": batch})
    assert set(Value.objects.exclude(pk=other.pk).values_list("workflow", flat=True)) == {
        "submitted"
    }
    assert SignOff.objects.filter(action="submitted").count() == 4
    client.post(url, {"action": "approved", "upload": batch})  # the submitter cannot approve
    assert not Value.objects.published().exists()
    client.force_login(durham_approver)
    client.post(url, {"action": "approved", "upload": batch})
    assert Value.objects.published().count() == 4
    other.refresh_from_db()
    assert other.workflow == "draft" and not SignOff.objects.filter(period=other.period)
    assert "Submit all" not in client.get(url).content.decode()  # nothing of it waits


def test_a_history_file_with_a_rejected_row_imports_nothing(client, durham, s16, durham_officer):
    url = reverse("officers:history", args=[durham.slug])
    client.force_login(durham_officer)
    bad = HISTORY + "durham,,CYP S99,Apr - Jun 2016,1,,,final,\n"
    page = client.post(url, {"file": upload(bad)}).content.decode()
    assert "nothing can be imported from this file" in page
    assert 'name="token"' not in page and not Value.objects.exists()
