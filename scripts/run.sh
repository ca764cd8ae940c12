#!/usr/bin/env bash
# Starts the portal locally with demo data: http://127.0.0.1:8000/
# Safe to re-run: migrations, the seed data and the demo users are all idempotent.
#
# Environment:
#   HOST, PORT    where runserver listens (default 127.0.0.1:8000)
#   DATABASE_URL  optional; without it the data lives in var/scrutiny.sqlite3
#   WITH_BROWSER  "0" skips installing Chromium, which prints the PDF downloads (default on:
#                 without it the pages offer no PDF)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
# Local use: DEBUG is off unless asked for (scrutiny/settings.py).
export DEBUG=true

say() { echo "run.sh: $*"; }

WITH_BROWSER="${WITH_BROWSER:-1}" bash "$ROOT/scripts/bootstrap.sh"

say "applying migrations"
"$PY" manage.py migrate --noinput
"$PY" manage.py createcachetable
say "loading seed data"
"$PY" manage.py load_seed_data
ADDR="${HOST:-127.0.0.1}:${PORT:-8000}"
say "creating demo users"
"$PY" manage.py create_demo_users --address "$ADDR"
# The demo councillor sits on each council's committee, so it may ask at the meetings.
"$PY" manage.py seat_demo_member
say "collecting static files"
"$PY" manage.py collectstatic --noinput -v0

say "starting the development server on http://$ADDR/ (Ctrl-C stops it)"
exec "$PY" manage.py runserver "$ADDR"
