"""`make run` installs Chromium where it can, as `make test` does: without it the portal
prints no PDFs (scripts/bootstrap.sh installs Debian's chromium as root with apt-get)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run_script(tmp_path, name, **env):
    """scripts/<name> in a copy of the checkout whose bootstrap and Python only record what
    they were asked: the Chromium choice handed to bootstrap.sh."""
    (tmp_path / "scripts").mkdir()
    shutil.copy(ROOT / "scripts" / name, tmp_path / "scripts" / name)
    asked = tmp_path / "asked"
    (tmp_path / "scripts" / "bootstrap.sh").write_text(f'echo "$WITH_BROWSER" > {asked}\n')
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text("#!/bin/sh\nexit 0\n")
    python.chmod(0o755)
    environment = {k: v for k, v in os.environ.items() if k != "WITH_BROWSER"}
    subprocess.run(
        ["bash", str(tmp_path / "scripts" / name)],
        env={**environment, **env},
        check=True,
        capture_output=True,
        timeout=60,
    )
    return asked.read_text().strip()


@pytest.mark.parametrize("env,expected", [({}, "1"), ({"WITH_BROWSER": "0"}, "0")])
def test_the_run_command_installs_chromium_unless_told_not_to(tmp_path, env, expected):
    assert run_script(tmp_path, "run.sh", **env) == expected
