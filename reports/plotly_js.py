"""plotly.js served by the portal itself as a static file: council intranets block CDNs.

The member pages load plotly.js's "basic" partial bundle (scatter, bar and pie traces: all
the charts draw), from the npm registry's plotly.js-basic-dist-min, vendored in
reports/static with its MIT licence and of the same plotly.js version as the plotly Python
package's bundle: 1.1 MB (372 KB gzipped) against the full bundle's 4.9 MB (1.46 MB).
WhiteNoise serves it like the portal's own CSS (compressed by collectstatic); its path
carries the version, so browsers keep it for good (settings.WHITENOISE_IMMUTABLE_FILE_TEST).
"""

from pathlib import Path

from django.templatetags.static import static

BASIC_PATH = "plotly-basic-3.7.0/plotly-basic.min.js"
BUNDLE = Path(__file__).parent / "static" / BASIC_PATH


def plotly_js_url():
    return static(BASIC_PATH)
