"""PDF from the print-ready HTML page, printed by Chromium (the same browser the tests
drive): real, tagged text in A4 landscape, not a screenshot."""

import os

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


def html_to_pdf(html, base_url="http://127.0.0.1/"):
    path = chromium_path()
    if not os.path.exists(path):
        raise PdfUnavailable(f"No Chromium at {path}: set CHROMIUM_PATH to print PDFs.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=BROWSER_ARGS)
        try:
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
        finally:
            browser.close()
