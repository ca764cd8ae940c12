"""The test suite's settings (pyproject.toml): local use, as `make run` has it, unless the
environment says otherwise. DEBUG is off by default everywhere else (scrutiny/settings.py);
pytest-django still runs each test with DEBUG off."""

import os

os.environ.setdefault("DEBUG", "true")

from scrutiny.settings import *  # noqa: E402,F403
