"""Remembering the costly part of a member page until the data behind it changes.

A committee dashboard at national scale is about 240 indicators, each compared with a
target, two earlier values and three benchmarks: some 200 ms of work on a 2-core server,
for data that changes a few times a quarter. The page is remembered in Django's cache
(settings.CACHES["pages"]) with the database's data version (indicators.data_version) as
the cache key's version: every write changes it in the writer's own transaction, bulk
loads included, so a remembered page is never older than the data.

The memory is each app server's own: nothing is shared, so a server that starts, or a new
release, simply renders afresh once.
"""

from django.conf import settings
from django.core.cache import caches

from indicators.data_version import current_token


def data_version():
    """The version a request's pages are remembered under, read once per request so all its
    parts match: None without one (a flushed test database) or with SCRUTINY_PAGE_CACHE off."""
    return current_token() if settings.SCRUTINY_PAGE_CACHE else None


def remember(key, build, version):
    """`build()`'s result, remembered under `version`; built afresh when there is none."""
    if version is None:
        return build()
    return caches["pages"].get_or_set(key, build, version=version)
