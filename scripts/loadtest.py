#!/usr/bin/env python
"""Load test: members reading a committee dashboard at once, against gunicorn on
PostgreSQL, with a static file from the same server as the ceiling.

    .venv/bin/python scripts/loadtest.py                    # throwaway PostgreSQL in --pg-dir
    DATABASE_URL=postgres://... .venv/bin/python scripts/loadtest.py --users 8 --seconds 30
    .venv/bin/python scripts/loadtest.py --hostile-uploads   # and an officer posting bad files

Each concurrent member is a process with one keep-alive connection, asking again as soon
as a page arrives, until --seconds or --max-requests (all members together) is reached.
It prints requests per second, latency percentiles and errors for each scenario.
Everything listens on and talks to 127.0.0.1 only. Production-like settings: DEBUG=False,
static files collected and served by WhiteNoise, SSL redirect off (no TLS on loopback).
The national data set must be loaded (scripts/benchmark.py --postgres --generate does it).
With --hostile-uploads, an officer (--officer, a demo account by default) posts the files of
scripts/hostile_uploads.py (a workbook with cells in column XFD, a 10 MB CSV of 800,000 bad
rows, a workbook expanding to 200 MB) one after another while the members read the
dashboard; it reports how each was answered and the gunicorn workers' peak memory.
The members run on the same machine as the server: on two cores they take CPU from it,
so the figures are a floor for what a separate client would see.
"""

import argparse
import http.client
import http.cookiejar
import json
import multiprocessing
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))
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


def worker_memory(master_pid):
    """{pid: resident MB} of gunicorn's worker processes, from /proc (Linux)."""
    found = {}
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return found
    for pid in children:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        rss = re.search(r"VmRSS:\s+(\d+) kB", status)
        if rss:
            found[int(pid)] = int(rss.group(1)) / 1024
    return found


def watch_memory(master_pid, stop, peaks):
    while not stop.is_set():
        for pid, mb in worker_memory(master_pid).items():
            peaks[pid] = max(peaks.get(pid, 0), mb)
        stop.wait(0.2)


def multipart(fields, name, data):
    boundary = secrets.token_hex(16)
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def csrf_of(page):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def hostile_officer(base, import_path, username, password, files, deadline, results):
    """Logs in as an officer and posts each hostile file in turn until the deadline.
    Appends (file, status, seconds, what the page said) to results."""
    # The settings mark the session and CSRF cookies Secure (DEBUG off); loopback is plain
    # HTTP, so send them anyway.
    jar = http.cookiejar.CookieJar(http.cookiejar.DefaultCookiePolicy(secure_protocols=("http",)))
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = base + "/admin/login/"
    page = opener.open(login, timeout=60).read().decode()
    form = {"username": username, "password": password, "csrfmiddlewaretoken": csrf_of(page),
            "next": import_path}  # fmt: skip
    opener.open(login, urllib.parse.urlencode(form).encode(), timeout=60).read()
    while time.time() < deadline:
        for path in files:
            if time.time() >= deadline:
                return
            token = csrf_of(opener.open(base + import_path, timeout=60).read().decode())
            body, kind = multipart({"csrfmiddlewaretoken": token}, path.name, path.read_bytes())
            request = urllib.request.Request(
                base + import_path, body, {"Content-Type": kind, "Referer": base + import_path}
            )
            started = time.perf_counter()
            try:
                with opener.open(request, timeout=120) as response:
                    status, answer = response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                status, answer = error.code, ""
            except OSError as error:
                status, answer = 0, str(error)
            said = re.search(r'class="errornote"[^>]*>([^<]{0,90})', answer)
            results.append(
                (path.name, status, time.perf_counter() - started, said.group(1) if said else "")
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--council", default="durham")
    parser.add_argument("--users", type=int, default=8, help="Concurrent members.")
    parser.add_argument("--seconds", type=int, default=30, help="Run time per scenario.")
    parser.add_argument("--max-requests", type=int, default=5_000, help="Per scenario.")
    parser.add_argument("--workers", type=int, default=5, help="gunicorn worker processes.")
    parser.add_argument("--pg-dir", default="/tmp/scrutiny-benchmark-pg")
    parser.add_argument(
        "--hostile-uploads",
        action="store_true",
        help="An officer posts hostile files during the dashboard scenario.",
    )
    parser.add_argument("--officer", default="durham-officer", help="For --hostile-uploads.")
    parser.add_argument(
        "--officer-password", default=os.environ.get("LOADTEST_OFFICER_PASSWORD", "scrutiny-demo")
    )
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
    files = []
    if args.hostile_uploads:
        import hostile_uploads

        files = [workdir / "xfd.xlsx", workdir / "tiny-rows.csv", workdir / "bomb.xlsx"]
        hostile_uploads.xfd_workbook(files[0])
        hostile_uploads.tiny_rows_csv(files[1])
        hostile_uploads.note_bomb(files[2])
        period = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c",
             "from indicators.models import Period; print(Period.objects.filter("
             "kind='quarter', values__authority__slug='" + args.council + "')"
             ".order_by('-end').values_list('pk', flat=True).first())"],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout.split()[-1]  # fmt: skip
        import_path = f"/officers/{args.council}/{period}/import/"
    try:
        wait_for(base + dashboard)
        load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
        print(
            f"gunicorn {args.workers} sync workers on {base}, PostgreSQL; {args.users} "
            f"concurrent members; {args.seconds} s or {args.max_requests:,} requests per "
            f"scenario; {os.cpu_count()} cores, load before (1, 5, 15 min) {load}"
        )
        scenarios = [("static file (ceiling)", static_path), ("dashboard", dashboard)]
        if files:
            scenarios.append(("dashboard, hostile uploads in flight", dashboard))
        for label, path in scenarios:
            wait_for(base + path)  # warm every worker's connection before timing
            stop, peaks, uploads, officer = threading.Event(), {}, [], None
            watcher = threading.Thread(target=watch_memory, args=(gunicorn.pid, stop, peaks))
            watcher.start()
            if files and "hostile" in label:
                officer = threading.Thread(
                    target=hostile_officer,
                    args=(base, import_path, args.officer, args.officer_password, files,
                          time.time() + args.seconds, uploads),
                )  # fmt: skip
                officer.start()
            r = scenario(port, path, args.users, args.seconds, args.max_requests)
            if officer:
                officer.join()
            stop.set()
            watcher.join()
            print(
                f"  {label} {path}: {r['rps']:.1f} req/s, {r['requests']:,} requests in "
                f"{r['seconds']:.0f} s, {r['errors']} errors; latency p50 {r['p50']:.0f} ms, "
                f"p95 {r['p95']:.0f} ms, p99 {r['p99']:.0f} ms, max {r['max']:.0f} ms; "
                f"worker peak memory {max(peaks.values(), default=0):.0f} MB"
            )
            for name in dict.fromkeys(u[0] for u in uploads):
                mine = [u for u in uploads if u[0] == name]
                refused = [u for u in mine if u[1] == 200 and u[3]]
                print(
                    f"    upload {name}: {len(mine)} posted, {len(refused)} refused with a "
                    f"message, {len(mine) - len(refused)} otherwise; slowest "
                    f"{max(u[2] for u in mine):.1f} s; said {json.dumps(mine[0][3])}"
                )
    finally:
        gunicorn.terminate()
        gunicorn.wait(timeout=30)


if __name__ == "__main__":
    main()
