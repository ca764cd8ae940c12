"""The benchmark's throwaway PostgreSQL (loadtest/pgserver.py)."""

import pytest

from loadtest import pgserver


def test_a_server_stopped_by_a_restart_is_not_taken_for_running(tmp_path):
    # A machine's restart leaves postmaster.pid behind: the benchmark must start the server
    # again, not try to reach one that is not there.
    try:
        server = pgserver.Server(tmp_path)
    except RuntimeError:
        pytest.skip("no PostgreSQL binaries")
    server.data.mkdir()
    (server.data / "PG_VERSION").write_text("15\n")
    (server.data / "postmaster.pid").write_text("2147483646\n/nowhere\n")
    assert not server.running()
