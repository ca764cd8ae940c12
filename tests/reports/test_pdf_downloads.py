"""Printed downloads: Chromium prints a document once per data version, at most two
Chromiums run at once on the machine, and a member who finds them all busy is told to
come back (503 with Retry-After) instead of waiting for ever."""

import fcntl
import threading
import time

import pytest

from indicators.models import Value
from reports.exports import pdf

pytestmark = pytest.mark.django_db

TABLE = "/councils/durham/committee-table.pdf?period=2017-06-30"
PACK = "/councils/durham/committee-pack.pdf?period=2017-06-30"


@pytest.fixture
def launches(monkeypatch, settings, tmp_path):
    """Count Chromium launches (each prints a numbered stand-in PDF); the slot files live
    in this test's own var directory."""
    settings.VAR_DIR = tmp_path
    settings.CHROMIUM_PATH = __file__  # any file that exists: Chromium "is installed"
    started = []

    def launch(path, work):
        started.append(path)
        return f"%PDF-1.7 print {len(started)}".encode()

    monkeypatch.setattr(pdf, "launch_chromium", launch)
    return started


def hold_every_slot():
    handles = [open(path, "a") for path in pdf.slot_files()]
    for handle in handles:
        fcntl.flock(handle, fcntl.LOCK_EX)
    return handles


def test_a_second_download_of_the_same_pdf_does_not_start_chromium(client, durham, launches):
    first = client.get(TABLE)
    assert first.status_code == 200 and first.content == b"%PDF-1.7 print 1"
    again = client.get(TABLE)
    assert again.content == first.content and len(launches) == 1
    assert again["Content-Disposition"].endswith('committee-table-Apr-Jun2017.pdf"')
    # Another document is its own print, remembered as well.
    assert client.get(PACK).content == b"%PDF-1.7 print 2"
    assert client.get(PACK).content == b"%PDF-1.7 print 2" and len(launches) == 2


def test_a_data_change_prints_afresh(client, durham, launches):
    client.get(TABLE)
    assert client.get(TABLE).content == b"%PDF-1.7 print 1"
    Value.objects.filter(value="83.2").update(value="84.0")
    assert client.get(TABLE).content == b"%PDF-1.7 print 2"
    assert len(launches) == 2


def test_when_every_chromium_is_busy_the_member_is_asked_to_retry(
    client, durham, launches, settings
):
    settings.SCRUTINY_CHROMIUM_WAIT = 0.3
    slots = hold_every_slot()
    started = time.monotonic()
    response = client.get(TABLE)
    assert time.monotonic() - started < 5  # a bounded wait, not the worker's whole timeout
    assert response.status_code == 503
    assert int(response["Retry-After"]) > 0
    assert "try again in" in response.content.decode()
    assert launches == []
    for handle in slots:
        handle.close()
    assert client.get(TABLE).status_code == 200


def test_a_download_waits_for_a_place_that_frees_up(client, durham, launches, settings):
    settings.SCRUTINY_CHROMIUM_WAIT = 10
    slots = hold_every_slot()
    threading.Timer(0.5, lambda: [handle.close() for handle in slots]).start()
    assert client.get(TABLE).status_code == 200 and len(launches) == 1


def test_no_more_than_two_chromiums_run_at_once(monkeypatch, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.CHROMIUM_PATH = __file__
    settings.SCRUTINY_CHROMIUM_WAIT = 30
    running, most = [0], [0]
    lock = threading.Lock()

    def launch(path, work):
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.2)
        with lock:
            running[0] -= 1
        return b"%PDF"

    monkeypatch.setattr(pdf, "launch_chromium", launch)
    threads = [threading.Thread(target=pdf.html_to_pdf, args=("<p>x</p>",)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == settings.SCRUTINY_CHROMIUM_SLOTS == 2


@pytest.mark.parametrize("installed", [True, False])
def test_the_dashboard_offers_a_pdf_only_when_chromium_can_print_it(
    client, durham, settings, tmp_path, installed
):
    settings.CHROMIUM_PATH = __file__ if installed else str(tmp_path / "no-chromium")
    html = client.get("/councils/durham/?period=2017-06-30").content.decode()
    assert ("committee-table.pdf" in html) is installed
    assert ("committee-pack.pdf" in html) is installed
    assert ("PDF needs Chromium on the server" in html) is not installed
    assert "committee-table.docx" in html and "committee-pack.docx" in html
    if not installed:  # a PDF URL typed in still answers why
        response = client.get(TABLE)
        assert response.status_code == 503 and "No Chromium at" in response.content.decode()
