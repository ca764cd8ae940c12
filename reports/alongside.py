"""Reads that run while the page goes on with other work: a second thread reads on its own
database connection, and the database answers while Python builds the rows. psycopg2 lets
the other thread run while it waits for PostgreSQL. A national Durham dashboard reads its
comparator groups, trends, commentaries and ranks this way (about 20 of its 33 ms of SQL)
while it reads its latest figures, loads the comparisons and builds the rows: median
105 -> 93 ms against the same code with every read in line (alternating runs).

Inside a transaction a read runs here and now: another connection would not see what the
transaction has not committed. On SQLite (the demo, and the test suite by default) every
read runs here: the second connection is for PostgreSQL, the production database.
"""

import threading
from concurrent.futures import Future, ThreadPoolExecutor

from django.db import close_old_connections, connection, connections

THREAD_NAME = "reads-alongside"
_reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix=THREAD_NAME)
_used = False


def alongside(read, *args, **kwargs):
    """A Future of read(*args, **kwargs), begun at once; .result() waits for it."""
    if (
        connection.vendor != "postgresql"
        or connection.in_atomic_block
        # A read that reads alongside would wait for the one reading thread: itself.
        or threading.current_thread().name.startswith(THREAD_NAME)
    ):
        done = Future()
        done.set_result(read(*args, **kwargs))
        return done
    global _used
    _used = True
    return _reader.submit(_read, read, args, kwargs)


def _read(read, args, kwargs):
    # As Django does around each request: the connection is kept for CONN_MAX_AGE and
    # health-checked, and closed when unusable or older.
    close_old_connections()
    try:
        return read(*args, **kwargs)
    finally:
        close_old_connections()


def close():
    """Closes the reading thread's connection, if it has one: the test suite's, so that
    its database can be dropped."""
    if _used:
        _reader.submit(connections.close_all).result()
