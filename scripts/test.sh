#!/usr/bin/env bash
# Runs the test suite on SQLite and then on a throwaway PostgreSQL server, so
# code that only works on one of the two is caught before production
# (PostgreSQL) or a developer's laptop (SQLite) finds it.
#
#   scripts/test.sh                  # everything
#   scripts/test.sh tests/rules -x   # extra arguments go to both pytest runs
#
# The two runs go side by side, one per core; each one's output goes to its own
# log, printed whole (SQLite first) once both have finished, then the summary.
#
# Environment:
#   TEST_PARALLEL "0" runs them one after the other with live output (for
#                 --pdb, or to watch a run)
#   PG_BIN        directory holding initdb/pg_ctl/postgres (default: newest
#                 /usr/lib/postgresql/*/bin, else `pg_config --bindir`)
#   CI            "true" makes missing PostgreSQL binaries an error
#   WITH_BROWSER  "0" skips installing Chromium (default here: on)
#
# Never touches the developer's var/ or DATABASE_URL database: both runs use
# scratch directories that are deleted on exit, and the PostgreSQL server is
# stopped on exit too, including after a failure or Ctrl-C.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PY="$ROOT/.venv/bin/python"
PG_OS_USER=scrutinypg   # runs the server when we are root (initdb refuses root)
PG_ROLE=scrutiny        # superuser created by initdb; pytest-django needs CREATEDB
PG_DB=scrutiny

SCRATCH=""      # SQLite files and junit reports
PG_TMP=""       # PostgreSQL data dir, socket and log
PG_BIN_DIR=""
PG_VERSION=""
AS_PG=()        # command prefix that runs a program as the server's OS user

say() { echo "test.sh: $*"; }

now() { echo "${EPOCHREALTIME:-$SECONDS}"; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2fs", b - a }'; }

cleanup() {
    stop_pytest_runs
    stop_postgres
    if [[ -n "$SCRATCH" ]]; then rm -rf "$SCRATCH"; fi
}
trap cleanup EXIT
# Turn signals into a normal exit so the EXIT trap stops the server.
trap 'exit 130' INT
trap 'exit 143' TERM HUP

# --- PostgreSQL -------------------------------------------------------------

find_pg_bin() {
    # An explicit PG_BIN is taken as the only candidate, so a wrong one is
    # reported instead of silently testing against another version.
    local dir
    if [[ -n "${PG_BIN:-}" ]]; then
        dir="$PG_BIN"
    else
        dir="$(printf '%s\n' /usr/lib/postgresql/*/bin | grep -v '\*' | sort -V | tail -n 1 || true)"
        if [[ -z "$dir" ]] && command -v pg_config >/dev/null; then
            dir="$(pg_config --bindir 2>/dev/null || true)"
        fi
    fi
    if [[ -n "$dir" && -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]; then
        echo "$dir"
    fi
}

ensure_pg_os_user() {
    # initdb and postgres refuse to run as root, so as root the server runs as
    # a dedicated system user (created once), or `nobody` where useradd is missing.
    if id "$PG_OS_USER" >/dev/null 2>&1; then
        echo "$PG_OS_USER"
    elif command -v useradd >/dev/null \
        && { useradd --system --no-create-home --shell /usr/sbin/nologin "$PG_OS_USER" >/dev/null 2>&1 \
             || id "$PG_OS_USER" >/dev/null 2>&1; }; then  # a parallel run may have just created it
        echo "$PG_OS_USER"
    else
        echo nobody
    fi
}

as_pg() {
    # Run from inside the scratch dir: the server's user may not be allowed to
    # enter the caller's working directory.
    (cd "$PG_TMP" && ${AS_PG[@]+"${AS_PG[@]}"} "$@")
}

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_postgres() {
    # Runs in an `if`, where set -e is off: every step checks its own result.
    local t0 user port attempt psql_bin out
    t0="$(now)"
    # Under /tmp rather than $TMPDIR: the server's user must be able to reach it.
    PG_TMP="$(mktemp -d /tmp/scrutiny-pg.XXXXXX)" || return 1
    if [[ "$(id -u)" == "0" ]]; then
        user="$(ensure_pg_os_user)"
        chown "$user:" "$PG_TMP" || return 1
        AS_PG=(runuser -u "$user" --)
    fi

    # Trust auth is safe enough here: loopback only, and the server lives for
    # one test run. No locale: the same byte-order collation as SQLite.
    if ! as_pg "$PG_BIN_DIR/initdb" -D "$PG_TMP/data" -U "$PG_ROLE" --auth=trust \
            --encoding=UTF8 --no-locale --no-sync >"$PG_TMP/initdb.log" 2>&1; then
        cat "$PG_TMP/initdb.log" >&2
        say "ERROR: initdb failed" >&2
        return 1
    fi
    # Durability is pointless for a throwaway database and costs seconds per run.
    cat >>"$PG_TMP/data/postgresql.conf" <<EOF || return 1

# scripts/test.sh: throwaway test server
listen_addresses = '127.0.0.1'
unix_socket_directories = '$PG_TMP'
fsync = off
synchronous_commit = off
full_page_writes = off
# JIT compiles any query the planner costs over 100,000 (the tests' cloned data sets),
# work that only pays back on long-running queries; results do not depend on it.
jit = off
EOF

    # The port is picked free but could be taken before the server binds it,
    # so try a few.
    for attempt in 1 2 3; do
        port="$(free_port)"
        if out="$(as_pg "$PG_BIN_DIR/pg_ctl" -D "$PG_TMP/data" -l "$PG_TMP/server.log" \
                -o "-p $port" -w -t 60 start 2>&1)"; then
            break
        fi
        if [[ "$attempt" == 3 ]] || ! grep -q 'could not bind\|already in use' "$PG_TMP/server.log"; then
            echo "$out" >&2
            tail -n 20 "$PG_TMP/server.log" >&2 || true
            say "ERROR: PostgreSQL did not start" >&2
            return 1
        fi
    done

    psql_bin=psql
    if [[ -x "$PG_BIN_DIR/psql" ]]; then psql_bin="$PG_BIN_DIR/psql"; fi
    "$psql_bin" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U "$PG_ROLE" -d postgres \
        -c "CREATE DATABASE $PG_DB" >/dev/null || { say "ERROR: could not create database $PG_DB" >&2; return 1; }
    export DATABASE_URL="postgres://$PG_ROLE@127.0.0.1:$port/$PG_DB"
    say "PostgreSQL $PG_VERSION started on 127.0.0.1:$port (data in $PG_TMP) in $(elapsed "$t0")"
}

stop_postgres() {
    # Safe to call more than once and after a failed start.
    [[ -n "$PG_TMP" ]] || return 0
    local t0 pid
    t0="$(now)"
    if [[ -f "$PG_TMP/data/postmaster.pid" ]]; then
        if ! as_pg "$PG_BIN_DIR/pg_ctl" -D "$PG_TMP/data" -m fast -w -t 30 stop >/dev/null 2>&1; then
            # Last resort, by pid: never leave a server running behind us.
            pid="$(head -n 1 "$PG_TMP/data/postmaster.pid" 2>/dev/null || true)"
            if [[ -n "$pid" ]]; then kill -9 "$pid" 2>/dev/null || true; fi
        fi
        say "PostgreSQL stopped in $(elapsed "$t0")"
    fi
    rm -rf "$PG_TMP"
    PG_TMP=""
    unset DATABASE_URL
}

# --- test runs --------------------------------------------------------------

django_checks() {
    # On a fresh SQLite file, once: the project must load and its migrations
    # must match the models.
    say "manage.py check"
    "$PY" manage.py check
    say "manage.py makemigrations --check --dry-run"
    if ! "$PY" manage.py makemigrations --check --dry-run; then
        say "ERROR: models have changes without migrations; run: .venv/bin/python manage.py makemigrations" >&2
        return 1
    fi
}

# start_pytest NAME LABEL [pytest args...]: a pytest run in the background,
# its output in $SCRATCH/NAME.log (live instead when TEST_PARALLEL=0).
declare -A PYTEST_PID=() PYTEST_LABEL=() PYTEST_START=()
start_pytest() {
    local name="$1" label="$2"
    shift 2
    PYTEST_LABEL[$name]="$label"
    PYTEST_START[$name]="$(now)"
    if [[ "${TEST_PARALLEL:-1}" == "0" ]]; then
        say "pytest on $label"
        "$PY" -m pytest --junitxml="$SCRATCH/$name.xml" "$@" && echo 0 >"$SCRATCH/$name.rc" \
            || echo $? >"$SCRATCH/$name.rc"
        return 0
    fi
    say "pytest on $label started (output shown when both runs end)"
    # No stdin: a background run must not wait for the terminal.
    "$PY" -m pytest --junitxml="$SCRATCH/$name.xml" "$@" >"$SCRATCH/$name.log" 2>&1 </dev/null &
    PYTEST_PID[$name]=$!
}

# finish_pytest NAME: waits for it, prints its log; sets RESULT to a one-line
# outcome and returns pytest's exit status.
RESULT=""
finish_pytest() {
    local name="$1" rc=0
    if [[ -n "${PYTEST_PID[$name]:-}" ]]; then
        wait "${PYTEST_PID[$name]}" || rc=$?
        unset "PYTEST_PID[$name]"
        echo
        say "===== pytest on ${PYTEST_LABEL[$name]} ====="
        cat "$SCRATCH/$name.log"
    else
        rc="$(cat "$SCRATCH/$name.rc" 2>/dev/null || echo 1)"
    fi
    RESULT="$(counts "$SCRATCH/$name.xml")"
    case "$rc" in
        0) RESULT="passed${RESULT:+ ($RESULT)}" ;;
        5) RESULT="FAILED (no tests collected)" ;;  # a typo in a path must not pass
        *) RESULT="FAILED (pytest exit $rc${RESULT:+; $RESULT})" ;;
    esac
    RESULT="$RESULT in $(elapsed "${PYTEST_START[$name]}")"
    return "$rc"
}

stop_pytest_runs() {
    # Background runs ignore Ctrl-C (bash runs them with SIGINT ignored), so a
    # stopped script stops them itself, before it stops their server.
    local name
    for name in "${!PYTEST_PID[@]}"; do
        kill -TERM "${PYTEST_PID[$name]}" 2>/dev/null || true
        wait "${PYTEST_PID[$name]}" 2>/dev/null || true
    done
    PYTEST_PID=()
}

counts() {
    # "12 passed, 1 failed, 2 skipped" from pytest's junit report, so the
    # summary shows both databases ran the same tests.
    [[ -s "$1" ]] || return 0
    "$PY" - "$1" <<'EOF' 2>/dev/null || true
import sys
import xml.etree.ElementTree as ET

root = ET.parse(sys.argv[1]).getroot()
suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
n = lambda key: sum(int(s.get(key, 0)) for s in suites)
failed = n("failures") + n("errors")
print(f"{n('tests') - failed - n('skipped')} passed, {failed} failed, {n('skipped')} skipped")
EOF
}

main() {
    WITH_BROWSER="${WITH_BROWSER:-1}" bash "$ROOT/scripts/bootstrap.sh"

    SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/scrutiny-test.XXXXXX")"
    # Settings write the SQLite file and the dev secret key to SCRUTINY_VAR_DIR.
    export SCRUTINY_VAR_DIR="$SCRATCH/var"
    # Local settings for the checks below, as the tests have (scrutiny/settings_for_tests.py).
    export DEBUG=true
    unset DATABASE_URL

    django_checks

    local sqlite_rc=0 pg_rc=0 sqlite_result pg_label="PostgreSQL" pg_result="" t0
    t0="$(now)"
    # SQLite first, so it runs while the PostgreSQL server starts.
    start_pytest sqlite SQLite "$@"

    PG_BIN_DIR="$(find_pg_bin)"
    if [[ -z "$PG_BIN_DIR" ]]; then
        # Production runs PostgreSQL, so CI must not go green on SQLite alone;
        # a developer without PostgreSQL still gets the SQLite result.
        local level=WARNING
        if [[ "${CI:-}" == "true" ]]; then
            level=ERROR
            pg_result="FAILED (no PostgreSQL binaries found; CI must test on PostgreSQL)"
            pg_rc=1
        else
            pg_result="not run (WARNING: no PostgreSQL binaries found)"
        fi
        say "$level: no PostgreSQL binaries found${PG_BIN:+ in PG_BIN=$PG_BIN} (need initdb, pg_ctl, postgres; install PostgreSQL, e.g. apt-get install postgresql, or set PG_BIN)" >&2
    else
        PG_VERSION="$("$PG_BIN_DIR/postgres" --version | sed -E 's/^[^0-9]*([0-9]+).*/\1/')"
        pg_label="PostgreSQL $PG_VERSION"
        if [[ "${TEST_PARALLEL:-1}" == "0" ]]; then
            finish_pytest sqlite || sqlite_rc=$?
            sqlite_result="$RESULT"
        fi
        if start_postgres; then
            start_pytest pg "$pg_label" "$@"
        else
            pg_rc=1
            pg_result="FAILED (server did not start)"
        fi
    fi

    if [[ -z "${sqlite_result:-}" ]]; then
        finish_pytest sqlite || sqlite_rc=$?
        sqlite_result="$RESULT"
    fi
    if [[ -z "$pg_result" ]]; then
        finish_pytest pg || pg_rc=$?
        pg_result="$RESULT"
    fi
    stop_postgres

    echo
    echo "SQLite: $sqlite_result"
    echo "$pg_label: $pg_result"
    echo "Both in $(elapsed "$t0")"
    if [[ "$sqlite_rc" != 0 || "$pg_rc" != 0 ]]; then
        exit 1
    fi
}

main "$@"
