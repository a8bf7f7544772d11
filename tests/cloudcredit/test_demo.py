"""`make demo` end to end (without starting Datasette): replicas → daily → ratings, packs, digest, report."""

import json
import subprocess
import sys

import pytest

from store.db import open_db


@pytest.mark.slow
def test_demo_runs_the_whole_pipeline_on_the_replicas(tmp_path):
    db_path = tmp_path / "data" / "demo.db"
    result = subprocess.run(
        [sys.executable, "-m", "cloudcredit.demo", "--db", str(db_path), "--no-serve"],
        capture_output=True, text=True, cwd=tmp_path, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    db = open_db(db_path)
    sites = {r["site"] for r in db.query("SELECT DISTINCT site FROM documents")}
    assert len(sites) >= 8
    assert db.execute("SELECT COUNT(*) FROM documents WHERE clean_text IS NOT NULL").fetchone()[0] > 0
    assert db.execute("SELECT COUNT(*) FROM evidence WHERE status = 'pending'").fetchone()[0] > 0
    grades = [r["grade"] for r in db.query("SELECT grade FROM ratings")]
    assert grades.count("AAA") == 11
    packs = [r["pack_path"] for r in db.query("SELECT pack_path FROM ratings WHERE pack_digest IS NOT NULL")]
    assert len(packs) == 11
    verify = subprocess.run(
        [sys.executable, "-m", "cloudcredit", "--db", str(db_path), "verify-pack", str(db_path.parent / packs[0])],
        capture_output=True, text=True, cwd=tmp_path, timeout=300,
    )
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert list((db_path.parent / "digests").glob("digest-*.md"))
    assert list((db_path.parent / "reports").glob("*/index.html"))
    analysts = json.loads((db_path.parent / "analysts.json").read_text(encoding="utf-8"))
    assert "analyst" in json.dumps(analysts)
