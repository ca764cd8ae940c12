"""Reads that run while the page goes on with other work: a second thread reads on its own
database connection, and the database answers while Python builds the rows. psycopg2 lets
the other thread run while it waits for PostgreSQL, so a national Durham dashboard hides
its trends and ranks queries (~18 ms of its ~40 ms of SQL) behind the comparisons: median
121 -> 111 ms, same run (scripts/benchmark.py).

Inside a transaction a read runs here and now: another connection would not see what the
transaction has not committed. SQLite answers in-process, so reads there run here too.
"""

from concurrent.futures import Future, ThreadPoolExecutor

from django.db import close_old_connections, connection, connections

_reader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reads-alongside")
_used = False


def alongside(read, *args, **kwargs):
    """A Future of read(*args, **kwargs), begun at once; .result() waits for it."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
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
