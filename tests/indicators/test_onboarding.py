"""Issue 13: a fourth council set up from the admin, without a shell."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from indicators.models import Indicator, KeyQuestion, RatingScheme, Theme
from reports.exports.table import appendix3_table
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    user = get_user_model().objects.create_superuser("root", password="pw-for-tests")
    client.force_login(user)
    return client


@pytest.fixture
def councils(db):
    durham = f.authority("Durham", ons_code="E06000047")
    theme = Theme.objects.create(authority=durham, name="Altogether Better for Children")
    question = KeyQuestion.objects.create(theme=theme, number=1, text="Are children safe?")
    f.indicator(durham, "CYP S16", theme=theme, key_question=question, table_ref="1")
    f.indicator(durham, "CYP S3", national_code="CLA-RATE", table_ref="2")
    newtown = f.authority("Newtown", ons_code="E06000099")
    f.authority("Gateshead", ons_code="E08000037")
    return durham, newtown


def test_neighbours_load_from_a_csv_of_ons_codes(admin_client, councils):
    durham, _ = councils
    group = f.group("Durham neighbours", kind="statistical_neighbours", owner=durham)
    url = f"/admin/indicators/comparatorgroup/{group.pk}/change/"
    data = {"name": group.name, "slug": group.slug, "kind": group.kind, "owner": durham.pk}
    bad = SimpleUploadedFile("n.csv", b"ons_code\nE08000037\nE99999999\n")
    response = admin_client.post(url, {**data, "members_csv": bad})
    assert (
        "Row 3: &#x27;E99999999&#x27; is no council&#x27;s ONS code." in response.content.decode()
    )
    assert not group.members.exists()  # nothing changed
    good = SimpleUploadedFile("n.csv", b"\xef\xbb\xbfons_code\nE08000037\ne06000099\n")
    assert admin_client.post(url, {**data, "members_csv": good}).status_code == 302
    assert sorted(group.members.values_list("name", flat=True)) == ["Gateshead", "Newtown"]


def test_an_indicator_set_is_copied_from_another_council(admin_client, councils):
    durham, newtown = councils
    response = admin_client.post(
        "/admin/indicators/authority/",
        {"action": "copy_indicator_set", "_selected_action": [newtown.pk], "source": durham.pk},
        follow=True,
    )
    assert "Copied 2 of Durham&#x27;s indicators to Newtown" in response.content.decode()
    copy = Indicator.objects.get(authority=newtown, ref="CYP S16")
    assert copy.theme.authority == newtown and copy.key_question.theme == copy.theme
    assert copy.same_as == Indicator.objects.get(authority=durham, ref="CYP S16")
    assert Indicator.objects.get(authority=newtown, ref="CYP S3").national_code == "CLA-RATE"
    # Again: nothing doubled, and it says what it kept.
    again = admin_client.post(
        "/admin/indicators/authority/",
        {"action": "copy_indicator_set", "_selected_action": [newtown.pk], "source": durham.pk},
        follow=True,
    )
    assert "kept 2 it already has" in again.content.decode()
    assert Indicator.objects.filter(authority=newtown).count() == 2


def test_rated_comparisons_are_checkboxes(admin_client):
    page = admin_client.get("/admin/indicators/ratingscheme/add/").content.decode()
    assert 'type="checkbox" name="rated_comparisons" value="national"' in page
    response = admin_client.post(
        "/admin/indicators/ratingscheme/add/",
        {
            "name": "Newtown 5%",
            "kind": "relative_tolerance",
            "tolerance_percent": "5",
            "amber_inclusive": "on",
            "green_inclusive": "on",
            "rated_comparisons": ["target", "national", "regional"],
            "exception_variance_percent": "5",
        },
    )
    assert response.status_code == 302
    assert RatingScheme.objects.get(name="Newtown 5%").rated_comparisons == [
        "target",
        "national",
        "regional",
    ]


def test_an_invalid_kind_lists_the_valid_ones():
    scheme = RatingScheme(name="x", kind="relative_tolerance", rated_comparisons=["england"])
    with pytest.raises(Exception, match="the kinds are target, previous_year"):
        scheme.clean()


def test_the_theme_picker_names_each_themes_council(admin_client, councils):
    durham, newtown = councils
    Theme.objects.create(authority=newtown, name="Altogether Better for Children")
    page = admin_client.get("/admin/indicators/indicator/add/").content.decode()
    assert "Durham: Altogether Better for Children" in page
    assert "Newtown: Altogether Better for Children" in page


def test_a_new_indicator_gets_the_next_table_row(admin_client, councils):
    durham, _ = councils
    response = admin_client.post(
        "/admin/indicators/indicator/add/",
        {
            "authority": durham.pk,
            "ref": "CYP S99",
            "aliases": "[]",
            "name": "A new measure",
            "polarity": "higher",
            "unit": "pounds_000",
            "decimal_places": "0",
            "frequency": "annual",
            "year_to_date": "none",
            "order": "9",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Indicator.objects.get(ref="CYP S99").table_ref == "3"


def test_a_council_without_table_rows_shows_every_indicator(councils):
    _, newtown = councils
    ind = f.indicator(newtown, "NT1", name="Newtown's measure")
    f.value(ind, f.quarter(2017), "50")
    table = appendix3_table(newtown, f.quarter(2017).end)
    assert [line.row.ref for _, line in table.flat_rows()] == ["NT1"]


def test_left_out_indicators_are_named(councils, tmp_path):
    durham, _ = councils
    f.value(Indicator.objects.get(ref="CYP S16"), f.quarter(2017), "80")
    f.value(f.indicator(durham, "EXTRA", name="For key messages only"), f.quarter(2017), "1")
    out = io.StringIO()
    call_command(
        "committee_table",
        "durham",
        "--period",
        "2017-06-30",
        "--format",
        "csv",
        "-o",
        str(tmp_path / "t.csv"),
        stdout=out,
    )
    assert "Not in the table (no table reference): EXTRA." in out.getvalue()


def test_no_data_says_as_at_once(councils, tmp_path):
    with pytest.raises(CommandError) as error:
        call_command(
            "committee_table", "durham", "--period", "2024-03-31", "-o", str(tmp_path / "t")
        )
    assert str(error.value) == "Durham has no published data as at 31 March 2024."
