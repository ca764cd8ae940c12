"""A throwaway PostgreSQL server on 127.0.0.1 for benchmarks, the way scripts/test.sh
starts one for the tests: initdb with trust auth, no durability, loopback only, run as
an unprivileged user when we are root. Unlike the test server its data directory may be
kept between runs, so the national data set is generated once per database."""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

ROLE, DATABASE, OS_USER = "scrutiny", "scrutiny", "scrutinypg"


def bin_dir():
    if os.environ.get("PG_BIN"):
        return Path(os.environ["PG_BIN"])
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if candidates:
        return candidates[-1]
    found = shutil.which("pg_ctl")
    if not found:
        raise RuntimeError("No PostgreSQL binaries (initdb, pg_ctl); install postgresql.")
    return Path(found).parent


def _as_server_user(args, directory):
    if os.geteuid() == 0:
        args = ["runuser", "-u", OS_USER, "--", *args]
    return subprocess.run(args, cwd=directory, capture_output=True, text=True)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, directory):
        self.directory = Path(directory)
        self.data = self.directory / "data"
        self.bin = bin_dir()
        self.port = None

    @property
    def url(self):
        return f"postgres://{ROLE}@127.0.0.1:{self.port}/{DATABASE}"

    def running(self):
        # pg_ctl, not postmaster.pid alone: the file outlives a server the machine's restart
        # stopped, and the benchmark then tried to reach a server that was not there.
        if not (self.data / "postmaster.pid").exists():
            return False
        status = _as_server_user([str(self.bin / "pg_ctl"), "-D", str(self.data), "status"],
                                 self.directory)  # fmt: skip
        return status.returncode == 0

    def start(self):
        """Start (initialising on first use); returns True if this call created the data."""
        created = False
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            subprocess.run(["useradd", "--system", "--no-create-home", OS_USER],
                           capture_output=True)  # fmt: skip
            shutil.chown(self.directory, OS_USER)
        if not self.data.exists():
            out = _as_server_user(
                [str(self.bin / "initdb"), "-D", str(self.data), "-U", ROLE, "--auth=trust",
                 "--encoding=UTF8", "--no-locale", "--no-sync"],
                self.directory,
            )  # fmt: skip
            if out.returncode:
                raise RuntimeError(out.stderr)
            with open(self.data / "postgresql.conf", "a") as conf:
                conf.write(
                    "\n# benchmark server: loopback only, no durability\n"
                    "listen_addresses = '127.0.0.1'\n"
                    f"unix_socket_directories = '{self.directory}'\n"
                    "fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
                    "shared_buffers = 512MB\nwork_mem = 64MB\nmaintenance_work_mem = 256MB\n"
                )
            created = True
        port_file = self.directory / "port"
        if self.running() and port_file.exists():
            self.port = int(port_file.read_text())
            return created
        self.port = _free_port()
        out = _as_server_user(
            [str(self.bin / "pg_ctl"), "-D", str(self.data), "-l",
             str(self.directory / "server.log"), "-o", f"-p {self.port}", "-w", "-t", "60",
             "start"],
            self.directory,
        )  # fmt: skip
        if out.returncode:
            raise RuntimeError(out.stdout + out.stderr)
        port_file.write_text(str(self.port))
        if created:
            for _ in range(20):
                done = subprocess.run(
                    [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                     "-U", ROLE, DATABASE],
                    capture_output=True, text=True,
                )  # fmt: skip
                if done.returncode == 0:
                    break
                time.sleep(0.5)
        return created

    def stop(self):
        if self.running():
            _as_server_user(
                [str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"],
                self.directory,
            )


if __name__ == "__main__":  # python -m loadtest.pgserver DIR start|stop
    import sys

    server = Server(sys.argv[1])
    if sys.argv[2] == "start":
        server.start()
        print(server.url)
    else:
        server.stop()
