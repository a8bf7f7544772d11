"""Run the real `cloudcredit` command in a subprocess, as a user would."""

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.fixture
def run(tmp_path):
    """Run `cloudcredit ARGS…` against a fresh database in tmp_path; returns the CompletedProcess."""

    def _run(*args: str, db: Path | None = None, input: str | None = None) -> subprocess.CompletedProcess:
        env = dict(os.environ, CLOUDCREDIT_DB=str(db or tmp_path / "cli.db"))
        return subprocess.run(
            [sys.executable, "-m", "cloudcredit", *args],
            capture_output=True, text=True, env=env, input=input, cwd=tmp_path, timeout=300,
        )

    return _run
