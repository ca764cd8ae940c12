import pytest
from django.contrib.auth import get_user_model

from indicators.management.commands.create_demo_users import grant
from indicators.models import Role
from tests import factories as f

PASSWORD = "scrutiny-demo"


def make_user(username, authority=None, kind=None):
    user = get_user_model().objects.create_user(username, password=PASSWORD)
    if authority is not None:
        grant(user, authority, kind)
    return user


def form_data(client, url):
    """The admin form's own fields as the page offers them, ready to post back."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value
    return data


@pytest.fixture
def durham(db):
    return f.authority("Durham")


@pytest.fixture
def norfolk(db):
    return f.authority("Norfolk")


@pytest.fixture
def q1(db):
    return f.quarter(2017)  # Apr - Jun 2017


@pytest.fixture
def q4(db):
    return f.quarter(2017, first_month=1)  # Jan - Mar 2017


@pytest.fixture
def s16(durham):
    return f.indicator(durham, "CYP S16", unit="percent")


@pytest.fixture
def s15(durham):
    return f.indicator(durham, "CYP S15", unit="count", decimal_places=0)


@pytest.fixture
def norfolk_indicator(norfolk):
    return f.indicator(norfolk, "6.10b", unit="percent")


@pytest.fixture
def durham_officer(durham):
    return make_user("durham-officer", durham, Role.Kind.OFFICER)


@pytest.fixture
def durham_approver(durham):
    return make_user("durham-approver", durham, Role.Kind.APPROVER)


@pytest.fixture
def norfolk_officer(norfolk):
    return make_user("norfolk-officer", norfolk, Role.Kind.OFFICER)


@pytest.fixture
def member(db):
    return make_user("member")
