"""The test suite's settings (pyproject.toml): local use, as `make run` has it, unless the
environment says otherwise. DEBUG is off by default everywhere else (scrutiny/settings.py);
pytest-django still runs each test with DEBUG off. The tests also cover the load-test
generator, so its app is installed."""

import os

os.environ.setdefault("DEBUG", "true")
os.environ.setdefault("SCRUTINY_LOADTEST", "true")

from scrutiny.settings import *  # noqa: E402,F403

# Django's advice for test suites: PBKDF2's million rounds cost ~0.3 s of CPU per password
# set or checked, and the suite sets and checks a few hundred. Production keeps the default
# (tests/test_settings.py checks settings.py in a fresh process).
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
