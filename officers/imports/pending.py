"""Uploads waiting for the officer to confirm the preview.

They live in the database (the "uploads" cache, table scrutiny_uploads), not on an app
server's disk, so the confirm may land on any server; they expire after
SCRUTINY_UPLOAD_HOURS and `manage.py clear_pending_uploads` deletes the expired ones. A
cache table rather than a model: every indicators_* table changes the data version, which
would forget every remembered dashboard at each preview.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router
from django.utils.timezone import now

ALIAS = "uploads"
TOKEN = re.compile(r"[0-9a-f]{32}")


@dataclass(frozen=True)
class Pending:
    name: str
    data: bytes
    digest: str


def _key(authority, token):
    return f"{authority.pk}:{token}"


def keep(authority, name: str, data: bytes) -> tuple[str, str]:
    """Store the upload for this council; returns (token, digest) for the confirm form."""
    token = secrets.token_hex(16)
    digest = hashlib.sha256(data).hexdigest()
    # The name goes into messages and the audit trail: the file's own name, bounded.
    name = Path(name or "a file").name[:200]
    caches[ALIAS].set(_key(authority, token), {"name": name, "data": data, "digest": digest})
    return token, digest


def take(authority, token: str) -> Pending | None:
    """The upload previewed under this token for this council, or None when there is none
    (expired, already imported, another council's, or not a token at all)."""
    if not TOKEN.fullmatch(token or ""):
        return None
    stored = caches[ALIAS].get(_key(authority, token))
    if stored is None:
        return None
    return Pending(stored["name"], stored["data"], stored["digest"])


def forget(authority, token: str) -> None:
    caches[ALIAS].delete(_key(authority, token))


def clear_expired() -> int:
    """Delete the expired uploads; returns how many. (The cache forgets an expired one when
    it is next asked for it; an upload never confirmed is never asked for again.)"""
    cache = caches[ALIAS]
    table = settings.CACHES[ALIAS]["LOCATION"]
    connection = connections[router.db_for_write(cache.cache_model_class)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {connection.ops.quote_name(table)} "
            f"WHERE {connection.ops.quote_name('expires')} < %s",
            [connection.ops.adapt_datetimefield_value(now().replace(microsecond=0))],
        )
        return cursor.rowcount
