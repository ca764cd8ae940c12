"""`python manage.py import_values FILE --authority SLUG [--dry-run]` as a scheduled job
sees it: the exit status, the preview on stdout, the row-level errors on stderr."""

import pytest
from django.core.management import ManagementUtility

from indicators.models import Value

pytestmark = pytest.mark.django_db

HEADER = "authority,area,indicator_ref,period,value,numerator,denominator,status,note\n"


@pytest.fixture(autouse=True)
def keep_the_test_connection(monkeypatch):
    # manage.py closes every database connection when a command ends, which would close
    # the test transaction's connection on PostgreSQL.
    from django.db import connections

    monkeypatch.setattr(connections, "close_all", lambda: None)


def run(*argv):
    """The exit status of manage.py with these arguments, as a shell would see it."""
    try:
        ManagementUtility(["manage.py", *argv]).execute()
    except SystemExit as stopped:
        return stopped.code
    return 0


@pytest.fixture
def good(tmp_path, s16, q1):
    path = tmp_path / "q1.csv"
    path.write_text(HEADER + "durham,,CYP S16,Apr - Jun 2017,80,,,final,\n")
    return str(path)


@pytest.fixture
def bad(tmp_path, s16, q1):
    path = tmp_path / "q1.csv"
    path.write_text(
        HEADER
        + "durham,,CYP S16,Apr - Jun 2017,80,,,final,\n"
        + "durham,,CYP S61,Apr - Jun 2017,1,,,final,\n"
    )
    return str(path)


def test_a_valid_file_exits_0_and_is_applied(good, capsys):
    assert run("import_values", good, "--authority", "durham") == 0
    assert "1 to add" in capsys.readouterr().out
    assert Value.objects.get().value == 80


def test_a_valid_dry_run_exits_0_and_writes_nothing(good, capsys):
    assert run("import_values", good, "--authority", "durham", "--dry-run") == 0
    assert "Dry run: the file is valid; nothing written." in capsys.readouterr().out
    assert not Value.objects.exists()


@pytest.mark.parametrize("dry_run", [[], ["--dry-run"]])
def test_a_rejected_row_exits_non_zero_with_the_row_errors(bad, capsys, dry_run):
    assert run("import_values", bad, "--authority", "durham", *dry_run) == 1
    out, err = capsys.readouterr()
    assert "1 to add, 0 to change, 0 unchanged, 1 rejected" in out  # the preview
    assert "row 3, indicator_ref: 'CYP S61' is not an indicator of Durham" in err
    assert "did you mean 'CYP S16'?" in err and "nothing imported" in err
    assert not Value.objects.exists()


def test_a_bad_file_or_council_exits_non_zero(tmp_path, durham, capsys):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    assert run("import_values", str(empty), "--authority", "durham") == 1
    assert "The file is empty. Nothing imported." in capsys.readouterr().err
    assert run("import_values", str(empty), "--authority", "nowhere") == 1
    assert "No council with slug 'nowhere'" in capsys.readouterr().err


def test_a_whole_number_published_figure_is_kept_and_a_mismatch_only_warned(
    tmp_path, s16, q1, capsys
):
    # 845 / 989 is 85.4%: the DfE prints 85 (its precision), kept; "85.0" claims a
    # precision the parts do not give: kept as published, with a warning.
    path = tmp_path / "q1.csv"
    path.write_text(HEADER + "durham,,CYP S16,Apr - Jun 2017,85,845,989,final,\n")
    assert run("import_values", str(path), "--authority", "durham") == 0
    value = Value.objects.get()
    assert (value.value, value.numerator, value.denominator) == (85, 845, 989)
    assert not value.published_quirk
    path.write_text(HEADER + "durham,,CYP S16,Apr - Jun 2017,85.0,845,989,final,\n")
    assert run("import_values", str(path), "--authority", "durham") == 0
    assert "85.0 does not match numerator 845 / denominator 989 = 85.4" in (capsys.readouterr().out)
    assert "does not match" in Value.objects.get().published_quirk
