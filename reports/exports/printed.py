"""Printed downloads remembered until the data changes: a PDF (and a Word pack, whose charts
Chromium draws) is printed once per council, period, theme, format and data version.

Kept in the shared cache (CACHES["default"], in the database), not each worker's own as
the dashboards are: a print costs a Chromium for a second, the dashboards' remembered HTML
a fraction of that, and members download packs in a burst after a meeting's papers are
published. Shared, the first worker to print serves every worker on every server; one
that waited for a Chromium place looks again before printing, so a burst prints once.
Keyed by the data version (indicators.data_version, changed by every write, bulk loads
included) and by a fingerprint of the code and templates, so neither a data change nor a
new release is ever answered with an old print; a day's expiry clears old versions.
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import caches

from indicators.data_version import current_token

from .pdf import chromium_available, chromium_slot

PRINT_SECONDS = 24 * 60 * 60


@functools.cache
def release():
    """A fingerprint of the portal's Python code and templates, read once per process."""
    digest = hashlib.sha256()
    for folder in ("indicators", "reports", "scrutiny", "templates"):
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.suffix in (".py", ".html", ".css"):
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def remembered_print(key, render):
    """render() once for this key and data version, then its remembered bytes. Without a
    data version (a flushed test database) or with SCRUTINY_PAGE_CACHE off, always render."""
    token = current_token() if settings.SCRUTINY_PAGE_CACHE else None
    if token is None:
        return render()
    # A Word pack printed without Chromium has no charts: never served once it is installed.
    parts = ("printed", *key, chromium_available(), release(), token)
    full_key = ":".join(str(part) for part in parts)
    store = caches["default"]
    found = store.get(full_key)
    if found is None:
        with chromium_slot():
            found = store.get(full_key)  # another worker may have printed it meanwhile
            if found is None:
                found = render()
                store.set(full_key, found, PRINT_SECONDS)
    return found
