"""plotly.js from the plotly Python package, served by the portal itself as a static file:
council intranets block CDNs. WhiteNoise serves it like the portal's own CSS (compressed
by collectstatic); its path carries plotly's version, so browsers keep it for good."""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage
from django.templatetags.static import static

BUNDLE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
FOLDER = f"plotly-{plotly.__version__}"
# The version names the content as a hash would (settings.WHITENOISE_IMMUTABLE_FILE_TEST).
STATIC_PATH = f"{FOLDER}/{BUNDLE.name}"


# What the member pages load: plotly.js's "basic" partial bundle (scatter, bar and pie
# traces: all the charts draw), from the npm registry's plotly.js-basic-dist-min, vendored
# in reports/static with its MIT licence and of the same plotly.js version as the Python
# package's bundle. 1.1 MB (372 KB gzipped) against the full bundle's 4.9 MB (1.46 MB).
BASIC_PATH = "plotly-basic-3.7.0/plotly-basic.min.js"


def plotly_js_url():
    return static(BASIC_PATH)


class PlotlyFinder(BaseFinder):
    """Finds plotly.min.js alone, not the rest of plotly's package data (10 MB of notebook
    widgets and sample data sets), under its versioned path."""

    def __init__(self, *args, **kwargs):
        self.storage = FileSystemStorage(location=BUNDLE.parent)
        self.storage.prefix = FOLDER  # where collectstatic and WhiteNoise put it

    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path != STATIC_PATH:
            return [] if find_all or kwargs.get("all") else None
        return [str(BUNDLE)] if find_all or kwargs.get("all") else str(BUNDLE)

    def list(self, ignore_patterns):
        yield BUNDLE.name, self.storage
