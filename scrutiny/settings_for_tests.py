"""The test suite's settings (pyproject.toml): local use, as `make run` has it, unless the
environment says otherwise. DEBUG is off by default everywhere else (scrutiny/settings.py);
pytest-django still runs each test with DEBUG off. The tests also cover the load-test
generator, so its app is installed."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SCRUTINY_LOADTEST", "true")

from scrutiny.settings import *  # noqa: E402,F403
