"""Remembering the costly part of a member page until the data behind it changes.

A committee dashboard at national scale is about 240 indicators, each compared with a
target, two earlier values and three benchmarks: some 200 ms of work on a 2-core server,
for data that changes a few times a quarter. The page is remembered under the database's
data version (indicators.data_version), which every write changes in the writer's own
transaction, bulk loads included: a remembered page is never older than the data.

The memory is each app server's own (settings.CACHES["pages"]): nothing is shared, so a
server that starts, or a new release, simply renders afresh once.
"""

from django.conf import settings
from django.core.cache import caches

from indicators.data_version import current_token

_MISSING = object()


class PageMemory:
    """What one request may remember: read the data version once, then look up or build
    each part under it. `enabled` is False without a version (a flushed test database) or
    with SCRUTINY_PAGE_CACHE off."""

    def __init__(self):
        self.token = current_token() if settings.SCRUTINY_PAGE_CACHE else None

    @property
    def enabled(self):
        return self.token is not None

    def remember(self, key, build):
        if not self.enabled:
            return build()
        store = caches["pages"]
        full_key = ":".join(str(part) for part in (*key, self.token))
        found = store.get(full_key, _MISSING)
        if found is _MISSING:
            found = build()
            store.set(full_key, found)
        return found
