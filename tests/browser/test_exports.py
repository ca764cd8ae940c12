"""Downloads in a real browser: a member takes the committee table from the dashboard, and
the pack's print view and the officers' exception report pass axe-core."""

from datetime import date

import pytest
from docx import Document

from indicators.models import ExceptionReport, Indicator, Role
from tests.officers.conftest import make_user

from .test_pages import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_member_downloads_a_themes_table_as_word_from_the_dashboard(
    live_server, page, durham, tmp_path
):
    Indicator.objects.filter(authority=durham).update(table_ref="1")
    page.goto(live_server.url + "/councils/durham/?period=2017-06-30")
    page.get_by_label("Committee table for").select_option(label="Altogether Better for Children")
    with page.expect_download() as download:
        page.get_by_role("button", name="Word").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.name == "durham-committee-table-Apr-Jun2017.docx"
    table = Document(str(path)).tables[0]
    refs = [row.cells[1].text for row in table.rows[1:] if row.cells[0].text != row.cells[-1].text]
    assert refs == ["CYP S16", "CYP S17"]


def test_the_pack_print_view_and_the_exception_report_pass_axe(live_server, page, axe, norfolk):
    Indicator.objects.filter(authority=norfolk).update(table_ref="1")
    ExceptionReport.save_choice(
        norfolk, date(2018, 4, 30), [(Indicator.objects.get(ref="6.10b"), ["Red rating"])], None
    )
    page.goto(live_server.url + "/councils/norfolk/committee-pack.html?period=2018-04-30")
    assert page.get_by_role("heading", name="Percentage of CP visits in timescale").is_visible()
    assert_accessible(axe, page)

    officer = make_user("norfolk-officer", norfolk, Role.Kind.OFFICER)
    page.context.add_cookies(
        [{"name": "sessionid", "value": _session(officer), "url": live_server.url}]
    )
    page.goto(live_server.url + "/officers/norfolk/exceptions/?period=2018-04-30")
    assert page.get_by_label("6.10b").is_checked()
    assert_accessible(axe, page)


def _session(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value
