"""Issue 11.7: two officers with the same return open. A later save never silently reverts
an earlier one: a row changed by someone else since the page was loaded is refused if this
officer changed it too, and left as the other officer saved it if not (rows are independent).
"""

from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from indicators.models import Commentary, Role, Value
from tests import factories as f

from .conftest import make_user

pytestmark = pytest.mark.django_db


class GridForm(HTMLParser):
    """The return grid's fields as a browser would post them back."""

    def __init__(self):
        super().__init__()
        self.fields, self._textarea, self._select, self._first = {}, None, None, None
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._in_form = a.get("id") == "return-grid"
        if not self._in_form:
            return
        if tag == "input" and a.get("type") not in ("checkbox", "submit") and "name" in a:
            self.fields[a["name"]] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self.fields[a["name"]] = ""
        elif tag == "select":
            self._select, self._first = a["name"], None
        elif tag == "option" and self._select:
            if self._first is None:
                self._first = a["value"]
                self.fields.setdefault(self._select, a["value"])
            if "selected" in a:
                self.fields[self._select] = a["value"]

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form":
            self._in_form = False

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data


def form_of(response):
    parser = GridForm()
    parser.feed(response.content.decode())
    return parser.fields


def field(response, ref, name):
    number = next(r["number"] for r in response.context["rows"] if r["indicator"].ref == ref)
    return f"r{number}-{name}"


@pytest.fixture
def officers(durham):
    a, b = Client(), Client()
    a.force_login(make_user("officer-a", durham, Role.Kind.OFFICER))
    b.force_login(make_user("officer-b", durham, Role.Kind.OFFICER))
    return a, b


@pytest.fixture
def url(durham, q1):
    return reverse("officers:return", args=[durham.slug, q1.pk])


@pytest.fixture
def stored(s16, s15, q1):
    return {
        "CYP S16": f.value(s16, q1, 80, workflow=Value.Workflow.DRAFT),
        "CYP S15": f.value(s15, q1, 17, workflow=Value.Workflow.DRAFT),
    }


def test_a_later_save_of_the_same_row_is_refused_and_the_earlier_figure_stays(
    officers, url, stored
):
    a, b = officers
    page_a, page_b = a.get(url), b.get(url)
    s16 = field(page_a, "CYP S16", "value")
    assert a.post(url, {**form_of(page_a), s16: "81"}).status_code == 302

    refused = b.post(url, {**form_of(page_b), s16: "85"})
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Someone else changed CYP S16 since you opened this page; nothing was saved" in text
    assert "CYP S16 was changed by officer-a at" in text and "it now reads 81" in text
    assert "you entered 85" in text
    value = stored["CYP S16"]
    value.refresh_from_db()
    assert value.value == 81 and value.history.count() == 2  # created, A's change
    # The page now shows A's figure; saving B's figure again is a deliberate choice.
    again = form_of(refused)
    assert again[s16] == "81"
    assert b.post(url, {**again, s16: "85"}).status_code == 302
    value.refresh_from_db()
    assert value.value == 85


def test_a_change_to_commentary_counts_as_a_change_to_the_row(officers, url, stored, s16, q1):
    a, b = officers
    page_a, page_b = a.get(url), b.get(url)
    note = field(page_a, "CYP S16", "commentary")
    a.post(url, {**form_of(page_a), note: "Fewer referrals after the new front door"})
    refused = b.post(url, {**form_of(page_b), note: "Seasonal"})
    assert refused.status_code == 200 and "Someone else changed CYP S16" in refused.content.decode()
    assert Commentary.objects.get(indicator=s16, period=q1).performance_analysis == (
        "Fewer referrals after the new front door"
    )


def test_a_row_added_meanwhile_is_not_overwritten(officers, url, s16, q1):
    a, b = officers
    page_a, page_b = a.get(url), b.get(url)
    s16_value = field(page_a, "CYP S16", "value")
    a.post(url, {**form_of(page_a), s16_value: "81"})
    refused = b.post(url, {**form_of(page_b), s16_value: "79"})
    assert refused.status_code == 200 and "Someone else changed CYP S16" in refused.content.decode()
    assert Value.objects.get(indicator=s16).value == 81


def test_rows_are_independent_a_save_of_another_row_keeps_the_earlier_change(officers, url, stored):
    a, b = officers
    page_a, page_b = a.get(url), b.get(url)
    s16, s15 = field(page_a, "CYP S16", "value"), field(page_a, "CYP S15", "value")
    a.post(url, {**form_of(page_a), s16: "81"})
    # B's form still shows 80 for CYP S16 (untouched) and changes CYP S15 only.
    response = b.post(url, {**form_of(page_b), s15: "18"}, follow=True)
    assert "Saved 1 row(s)" in response.content.decode()
    assert "kept as they left them (you had not changed these rows): CYP S16" in (
        response.content.decode()
    )
    for value in stored.values():
        value.refresh_from_db()
    assert (stored["CYP S16"].value, stored["CYP S15"].value) == (81, 18)


def test_a_change_made_while_a_form_with_errors_is_corrected_is_still_noticed(
    officers, url, stored
):
    a, b = officers
    page_b = b.get(url)
    s16, s15 = field(page_b, "CYP S16", "value"), field(page_b, "CYP S15", "value")
    corrected = b.post(url, {**form_of(page_b), s15: "many"})  # an error: shown again
    assert corrected.status_code == 200 and "nothing was saved" in corrected.content.decode()
    a.post(url, {**form_of(a.get(url)), s16: "81"})
    # B corrects the error and saves the form as shown, CYP S16 still reading 80.
    response = b.post(url, {**form_of(corrected), s15: "18"})
    assert response.status_code == 302
    for value in stored.values():
        value.refresh_from_db()
    assert (stored["CYP S16"].value, stored["CYP S15"].value) == (81, 18)


def test_saving_the_page_as_loaded_changes_nothing(officers, url, stored):
    a, _ = officers
    page = a.get(url)
    assert a.post(url, form_of(page)).status_code == 302
    assert sum(v.history.count() for v in Value.objects.all()) == 2
