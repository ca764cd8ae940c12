#!/usr/bin/env python
"""Load test: members reading a committee dashboard at once, against gunicorn on
PostgreSQL, with a static file from the same server as the ceiling.

    .venv/bin/python scripts/loadtest.py                    # throwaway PostgreSQL in --pg-dir
    DATABASE_URL=postgres://... .venv/bin/python scripts/loadtest.py --users 8 --seconds 30

Each concurrent member is a process with one keep-alive connection, asking again as soon
as a page arrives, until --seconds or --max-requests (all members together) is reached.
It prints requests per second, latency percentiles and errors for each scenario.
Everything listens on and talks to 127.0.0.1 only. Production-like settings: DEBUG=False,
static files collected and served by WhiteNoise, SSL redirect off (no TLS on loopback).
The national data set must be loaded (scripts/benchmark.py --postgres --generate does it).
The members run on the same machine as the server: on two cores they take CPU from it,
so the figures are a floor for what a separate client would see.
"""

import argparse
import http.client
import multiprocessing
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HOST = "127.0.0.1"  # loopback only, never any other address


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


def member(port, path, deadline, budget):
    """One member: requests `path` until the deadline or the shared budget runs out.
    Returns ([latency ms], errors)."""
    latencies, errors = [], 0
    connection = http.client.HTTPConnection(HOST, port, timeout=30)
    while time.time() < deadline:
        with budget.get_lock():
            if budget.value <= 0:
                break
            budget.value -= 1
        started = time.perf_counter()
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            connection.close()
            connection = http.client.HTTPConnection(HOST, port, timeout=30)
            continue
        latencies.append((time.perf_counter() - started) * 1000)
    connection.close()
    return latencies, errors


def _init(shared):
    global BUDGET
    BUDGET = shared


def _member(args):
    return member(*args, BUDGET)


def scenario(port, path, users, seconds, max_requests):
    budget = multiprocessing.Value("i", max_requests)
    started = time.perf_counter()
    deadline = time.time() + seconds
    with multiprocessing.Pool(users, initializer=_init, initargs=(budget,)) as pool:
        results = pool.map(_member, [(port, path, deadline)] * users)
    elapsed = time.perf_counter() - started
    latencies = sorted(x for lat, _ in results for x in lat)
    errors = sum(e for _, e in results)

    def pct(share):
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))]

    return {
        "requests": len(latencies) + errors,
        "errors": errors,
        "rps": len(latencies) / elapsed,
        "p50": statistics.median(latencies),
        "p95": pct(0.95),
        "p99": pct(0.99),
        "max": latencies[-1],
        "seconds": elapsed,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--council", default="durham")
    parser.add_argument("--users", type=int, default=8, help="Concurrent members.")
    parser.add_argument("--seconds", type=int, default=30, help="Run time per scenario.")
    parser.add_argument("--max-requests", type=int, default=5_000, help="Per scenario.")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn worker processes.")
    parser.add_argument("--pg-dir", default="/tmp/scrutiny-benchmark-pg")
    args = parser.parse_args()

    if not os.environ.get("DATABASE_URL"):
        from loadtest.pgserver import Server

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
    for command in (["createcachetable"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True)
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
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(
            f"gunicorn {args.workers} sync workers on {base}, PostgreSQL; {args.users} "
            f"concurrent members; {args.seconds} s or {args.max_requests:,} requests per "
            f"scenario; {os.cpu_count()} cores, load before (1, 5, 15 min) {load}"
        )
        for label, path in [("static file (ceiling)", static_path), ("dashboard", dashboard)]:
            wait_for(base + path)  # warm every worker's connection before timing
            r = scenario(port, path, args.users, args.seconds, args.max_requests)
            print(
                f"  {label} {path}: {r['rps']:.1f} req/s, {r['requests']:,} requests in "
                f"{r['seconds']:.0f} s, {r['errors']} errors; latency p50 {r['p50']:.0f} ms, "
                f"p95 {r['p95']:.0f} ms, p99 {r['p99']:.0f} ms, max {r['max']:.0f} ms"
            )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


if __name__ == "__main__":
    main()
