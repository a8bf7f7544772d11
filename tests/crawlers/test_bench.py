"""bench/crawl.py runs end to end on a small channel and prints its ratio (no timing asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_crawl_bench_smoke():
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "crawl.py"), "--pages", "60", "--rounds", "1"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert re.search(r"ratio full / bare:\s+\d+\.\d\d", result.stdout)
    assert "60 documents" in result.stdout
