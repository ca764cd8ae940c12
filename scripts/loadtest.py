#!/usr/bin/env python
"""Load test: members reading a committee dashboard at once, against gunicorn on
PostgreSQL, with a static file from the same server as the ceiling.

    .venv/bin/python scripts/loadtest.py                    # throwaway PostgreSQL in --pg-dir
    DATABASE_URL=postgres://... .venv/bin/python scripts/loadtest.py --users 10 --seconds 30

Uses locust (PyPI) headless, bounded by --seconds and --max-requests per scenario.
Everything listens on and talks to 127.0.0.1 only. Production-like settings: DEBUG=False,
static files collected and served by WhiteNoise, SSL redirect off (no TLS on loopback).
The national data set must be loaded (scripts/benchmark.py --postgres --generate does it).
"""

import argparse
import csv
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOST = "127.0.0.1"  # loopback only, never any other address

LOCUSTFILE = """
import os
from locust import HttpUser, constant, task

PATH = os.environ["LOADTEST_PATH"]
LIMIT = int(os.environ["LOADTEST_MAX_REQUESTS"])
sent = 0


class Member(HttpUser):
    wait_time = constant(0)

    @task
    def read(self):
        global sent
        sent += 1
        if sent > LIMIT:
            self.environment.runner.quit()
            return
        self.client.get(PATH, name=PATH)
"""


def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_for(url, seconds=60):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"{url} did not answer")


def run_locust(base, path, users, seconds, max_requests, workdir):
    locustfile = workdir / "locustfile.py"
    locustfile.write_text(LOCUSTFILE)
    prefix = workdir / f"stats-{abs(hash(path))}"
    env = {**os.environ, "LOADTEST_PATH": path, "LOADTEST_MAX_REQUESTS": str(max_requests)}
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(locustfile), "--headless", "--host", base,
         "-u", str(users), "-r", str(users), "--run-time", f"{seconds}s", "--only-summary",
         "--csv", str(prefix), "--loglevel", "WARNING"],
        env=env, check=False, capture_output=True, text=True, timeout=seconds + 60,
    )  # fmt: skip
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == "Aggregated":
                return row
    raise RuntimeError("locust wrote no statistics")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--council", default="durham")
    parser.add_argument("--users", type=int, default=10, help="Concurrent members.")
    parser.add_argument("--seconds", type=int, default=30, help="Run time per scenario.")
    parser.add_argument("--max-requests", type=int, default=5_000, help="Per scenario.")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes.")
    parser.add_argument("--pg-dir", default="/tmp/scrutiny-benchmark-pg")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        from indicators.national.pgserver import Server

        server = Server(args.pg_dir)
        server.start()
        os.environ["DATABASE_URL"] = server.url
    if not os.environ["DATABASE_URL"].startswith("postgres"):
        sys.exit("The load test runs on PostgreSQL: set DATABASE_URL or use --pg-dir.")

    workdir = Path(tempfile.mkdtemp(prefix="scrutiny-loadtest-"))
    port = free_port()
    env = {
        **os.environ,
        "DEBUG": "False",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "SECURE_SSL_REDIRECT": "False",
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT, env=env, check=True,
    )  # fmt: skip
    static = next(p for p in (workdir / "static").rglob("*.css"))
    static_path = "/static/" + static.relative_to(workdir / "static").as_posix()
    gunicorn = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "scrutiny.wsgi", "--bind", f"{HOST}:{port}",
         "--workers", str(args.workers), "--access-logfile", "/dev/null",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    base = f"http://{HOST}:{port}"
    dashboard = f"/councils/{args.council}/"
    try:
        wait_for(base + dashboard)
        print(
            f"gunicorn {args.workers} workers on {base}, PostgreSQL, {args.users} concurrent "
            f"users, {args.seconds}s or {args.max_requests:,} requests per scenario"
        )
        for label, path in [("static file (ceiling)", static_path), ("dashboard", dashboard)]:
            row = run_locust(base, path, args.users, args.seconds, args.max_requests, workdir)
            print(
                f"  {label} {path}: {float(row['Requests/s']):.1f} req/s, "
                f"{row['Request Count']} requests, {row['Failure Count']} errors; latency "
                f"p50 {row['50%']} ms, p95 {row['95%']} ms, p99 {row['99%']} ms, "
                f"max {float(row['Max Response Time']):.0f} ms"
            )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


if __name__ == "__main__":
    main()
