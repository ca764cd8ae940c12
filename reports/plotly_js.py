"""plotly.js from the plotly Python package, served by the portal itself: council
intranets block CDNs. The URL carries the version, so it can be cached for a year."""

import gzip
from functools import cache
from pathlib import Path

import plotly
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

BUNDLE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
ONE_YEAR = 365 * 24 * 60 * 60


@cache
def _bundle():
    raw = BUNDLE.read_bytes()
    return raw, gzip.compress(raw, compresslevel=6)


def plotly_js_url():
    return reverse("reports:plotly_js", kwargs={"version": plotly.__version__})


@require_safe
def plotly_js(request, version):
    if version != plotly.__version__:
        raise Http404("Unknown plotly.js version.")
    raw, compressed = _bundle()
    use_gzip = "gzip" in request.headers.get("Accept-Encoding", "")
    response = HttpResponse(
        compressed if use_gzip else raw, content_type="text/javascript; charset=utf-8"
    )
    if use_gzip:
        response["Content-Encoding"] = "gzip"
    response["Vary"] = "Accept-Encoding"
    response["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"
    return response
