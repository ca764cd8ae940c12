"""PDF from the print-ready HTML page, printed by Chromium (the same browser the tests
drive): real, tagged text in A4 landscape, not a screenshot.

A Chromium takes about a second and several hundred MB: at most SCRUTINY_CHROMIUM_SLOTS run
at once on a machine, whichever worker or process asks (chromium_slot), and the printed
documents are remembered (reports/exports/printed.py).
"""

import fcntl
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

BROWSER_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class PdfUnavailable(RuntimeError):
    pass


class ChromiumBusy(RuntimeError):
    """Every place to run Chromium stayed taken for SCRUTINY_CHROMIUM_WAIT seconds."""

    retry_after = 30  # seconds: a queue of renders of about a second each has gone by then

    def __init__(self):
        super().__init__(
            "The portal is printing several documents at the moment. "
            f"Please try again in {self.retry_after} seconds."
        )


def chromium_path():
    return getattr(settings, "CHROMIUM_PATH", "") or os.environ.get(
        "CHROMIUM_PATH", "/usr/bin/chromium"
    )


def chromium_available():
    return os.path.exists(chromium_path())


def slot_files():
    folder = Path(settings.VAR_DIR) / "chromium-slots"
    folder.mkdir(parents=True, exist_ok=True)
    return [folder / f"slot-{n}.lock" for n in range(settings.SCRUTINY_CHROMIUM_SLOTS)]


_holding = threading.local()


@contextmanager
def chromium_slot():
    """One of the machine's places to run Chromium, waiting up to SCRUTINY_CHROMIUM_WAIT
    seconds for one, else ChromiumBusy. A place is an exclusive lock (flock) on a file in
    the var directory, shared by every worker process on the machine; the system drops it
    when its holder ends, so a killed worker never keeps a place. Re-entrant in a thread
    (a remembered print holds its place while it prints)."""
    if getattr(_holding, "slot", False):
        yield
        return
    files = slot_files()
    deadline = time.monotonic() + settings.SCRUTINY_CHROMIUM_WAIT
    while True:
        for path in files:
            handle = open(path, "a")  # held for the block: closing it drops the lock
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                continue
            _holding.slot = True
            try:
                yield
            finally:
                _holding.slot = False
                handle.close()  # and with it the lock
            return
        if time.monotonic() >= deadline:
            raise ChromiumBusy()
        time.sleep(0.2)


def with_chromium(work):
    """work(browser) with a headless Chromium, once a place to run it is free."""
    path = chromium_path()
    if not os.path.exists(path):
        raise PdfUnavailable(f"No Chromium at {path}: set CHROMIUM_PATH to print PDFs.")
    with chromium_slot():
        return launch_chromium(path, work)


def launch_chromium(path, work):
    """Start Chromium and run work(browser) in a thread of its own: Playwright's sync API
    refuses to start in a thread already running an event loop (a test session's browser,
    an async server), and a fresh thread never is."""
    from playwright.sync_api import sync_playwright

    outcome = {}

    def run():
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=path, args=BROWSER_ARGS)
                try:
                    outcome["result"] = work(browser)
                finally:
                    browser.close()
        except Exception as error:  # handed back to the caller's thread
            outcome["error"] = error

    thread = threading.Thread(target=run, name="chromium")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def html_to_pdf(html, base_url="http://127.0.0.1/"):
    def print_pdf(browser):
        page = browser.new_page()
        page.set_content(html, wait_until="load")
        page.emulate_media(media="print")
        return page.pdf(
            format="A4",
            landscape=True,
            print_background=True,
            tagged=True,
            outline=True,
            margin={"top": "12mm", "bottom": "12mm", "left": "10mm", "right": "10mm"},
        )

    return with_chromium(print_pdf)


def svgs_to_png(svgs, scale=2):
    """PNG pictures of SVG drawings (the report cards' charts) for Word, which cannot show
    SVG everywhere; one Chromium for them all. None for each when Chromium is missing."""
    if not any(svgs):
        return [None] * len(svgs)

    def shoot(browser):
        page = browser.new_page(device_scale_factor=scale)
        pictures = []
        for svg in svgs:
            if not svg:
                pictures.append(None)
                continue
            page.set_content(f'<body style="margin:0">{svg}</body>', wait_until="load")
            pictures.append(page.locator("svg").first.screenshot())
        return pictures

    try:
        return with_chromium(shoot)
    except PdfUnavailable:
        return [None] * len(svgs)
