"""PDF from the print-ready HTML page, printed by Chromium (the same browser the tests
drive): real, tagged text in A4 landscape, not a screenshot."""

import os
import threading

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


def chromium_path():
    return getattr(settings, "CHROMIUM_PATH", "") or os.environ.get(
        "CHROMIUM_PATH", "/usr/bin/chromium"
    )


def with_chromium(work):
    """work(browser) with a headless Chromium, in a thread of its own: Playwright's sync
    API refuses to start in a thread already running an event loop (a test session's
    browser, an async server), and a fresh thread never is."""
    path = chromium_path()
    if not os.path.exists(path):
        raise PdfUnavailable(f"No Chromium at {path}: set CHROMIUM_PATH to print PDFs.")
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
