"""Hashes for the Content-Security-Policy (scrutiny/settings.py)."""

import base64
import hashlib
import importlib.util
import re
from pathlib import Path


def inline_style_hash(path):
    """The CSP source allowing the one <style> element that makes up the template at path.

    The template must be that element alone with no template tags in it, so the rendered
    text is the file's text and the hash follows every edit of the file.
    """
    text = Path(path).read_text(encoding="utf-8")
    match = re.fullmatch(r"\s*<style>(.*)</style>\s*", text, re.DOTALL)
    if match is None or "{%" in text or "{{" in text:
        raise ValueError(f"{path} must be one <style> element with no template tags.")
    return _source(match.group(1))


def _source(text):
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def plotly_style_hashes():
    """The CSP sources for the <style> elements plotly.js makes itself.

    It makes empty ones and fills them through the CSSOM, which the CSP does not govern
    (an empty stylesheet can do nothing), and its bundled map library injects a fixed
    stylesheet when loaded. Read from the bundle the portal serves, so an upgrade of
    plotly keeps its own hashes; tests/browser/test_security.py sees any it misses.
    """
    # reports.plotly_js.BASIC_PATH; not imported, as settings load before the apps.
    bundle = Path(importlib.util.find_spec("reports").origin).parent / "static"
    text = (bundle / "plotly-basic-3.7.0" / "plotly-basic.min.js").read_text(encoding="utf-8")
    literals = re.findall(r'createElement\("style"\);[^`]{0,200}?\.textContent=`([^`$\\]*)`', text)
    return [_source("")] + [_source(css) for css in literals]
