#!/usr/bin/env bash
# Makes the checkout ready to run: a .venv with the project and its test tools
# installed, and Debian's Chromium, which prints the PDF downloads and runs the browser tests.
# Idempotent and quick when nothing changed, so the other scripts call it every time.
#
# Environment:
#   PYTHON        interpreter used to create .venv (default: python3, needs >= 3.11)
#   WITH_BROWSER  "0" skips the Chromium step (test.sh and run.sh default it on)
#   CI            "true" turns a failed Chromium install into an error
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV=.venv
STAMP="$VENV/.installed"
PYTHON="${PYTHON:-python3}"

say() { echo "bootstrap: $*"; }
die() { echo "bootstrap: ERROR: $*" >&2; exit 1; }

ensure_venv() {
    # A .venv whose interpreter no longer runs (python upgraded or moved) is
    # recreated rather than left to fail later with a confusing error.
    if [[ -x "$VENV/bin/python" ]] && "$VENV/bin/python" -c '' 2>/dev/null; then
        say ".venv exists"
        return
    fi
    command -v "$PYTHON" >/dev/null || die "$PYTHON not found; install Python 3.11+ or set PYTHON=/path/to/python3.11"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "$PYTHON is $("$PYTHON" -V 2>&1); the project needs Python 3.11+ (set PYTHON=...)"
    say "creating .venv with $("$PYTHON" -V 2>&1)"
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
}

install_project() {
    # The stamp is touched only after a successful install, so a failed or
    # interrupted install is retried next time; editing pyproject.toml re-installs.
    if [[ -f "$STAMP" && "$STAMP" -nt pyproject.toml ]]; then
        say "project already installed (delete $STAMP to force a reinstall)"
        return
    fi
    say "upgrading pip"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    say "installing the project: pip install -e '.[test]'"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -e '.[test]'
    touch "$STAMP"
}

ensure_chromium() {
    # The portal prints PDFs with Debian's chromium and the browser tests drive it
    # (Playwright downloads of browsers cannot be relied on). Only installed where
    # we can do it without asking: as root with apt-get. Elsewhere the pages offer
    # no PDF download and the browser tests skip themselves.
    if [[ "${WITH_BROWSER:-1}" == "0" ]]; then
        return
    fi
    if [[ -x /usr/bin/chromium ]]; then
        say "chromium present (/usr/bin/chromium)"
        return
    fi
    if [[ "$(id -u)" != "0" ]] || ! command -v apt-get >/dev/null; then
        say "WARNING: /usr/bin/chromium missing; no PDF downloads, browser tests skipped (install: sudo apt-get install chromium)"
        return
    fi
    say "installing chromium with apt-get (set WITH_BROWSER=0 to skip)"
    if DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; then
        say "chromium installed"
    elif [[ "${CI:-}" == "true" ]]; then
        die "apt-get install chromium failed (CI=true, so this is an error)"
    else
        say "WARNING: apt-get install chromium failed; no PDF downloads, browser tests skipped"
    fi
}

ensure_venv
install_project
ensure_chromium
