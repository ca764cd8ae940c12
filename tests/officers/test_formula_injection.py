"""Officers' notes and reasons never run as formulas in the audit CSV or the import
templates (OWASP "CSV injection"), and the template still reads back as written."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from officers.imports.reading import read_upload
from tests import factories as f

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://x","y")'


def test_the_audit_csv_quotes_notes_and_reasons(client, durham_officer, durham, s16, q1):
    value = f.value(s16, q1, 80, note=LINK, workflow="draft")
    value.note = "+1"
    value.value = -3.2
    value._change_reason = "@SUM(A1)"
    value.save()
    client.force_login(durham_officer)
    content = client.get(reverse("officers:audit_csv") + "?authority=durham").content.decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    changes = {(r["field"], r["before"], r["after"], r["why"]) for r in rows}
    assert ("note", "'" + LINK, "'+1", "'@SUM(A1)") in changes
    assert ("value", "80", "-3.2", "'@SUM(A1)") in changes  # a negative figure stays a number


def test_the_templates_keep_a_note_as_text_and_read_it_back(
    client, durham_officer, durham, s15, q1
):
    f.value(s15, q1, 17, note=LINK)
    client.force_login(durham_officer)
    url = reverse("officers:template", args=[durham.slug, q1.pk, "csv"])
    text = client.get(url).content
    [row] = list(csv.DictReader(io.StringIO(text.decode())))
    assert row["note"] == "'" + LINK
    xlsx = client.get(url.replace(".csv", ".xlsx")).content
    sheet = load_workbook(io.BytesIO(xlsx))["values"]
    assert [c.coordinate for r in sheet.iter_rows() for c in r if c.data_type == "f"] == []
    note = sheet.cell(2, 9)
    assert (note.value, note.data_type) == (LINK, "s")
    # Uploading either template unchanged gives back the note the officer wrote.
    for name, data in (("t.csv", text), ("t.xlsx", xlsx)):
        [sheet] = [s for s in read_upload(name, data) if s.kind == "values"]
        assert sheet.rows[0][1]["note"] == LINK, name
