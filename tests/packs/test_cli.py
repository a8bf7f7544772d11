"""`cloudcredit pack` and `cloudcredit verify-pack`, run as a user would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from store.identity import add_company


def _run(db: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, CLOUDCREDIT_DB=str(db))
    return subprocess.run(
        [sys.executable, "-m", "cloudcredit", *args], capture_output=True, text=True, env=env, cwd=cwd, timeout=300
    )


def _second_rating(rated) -> None:
    other = add_company(rated.db, "北京云栈数据有限公司", short_name="云栈")
    explanation = json.loads(rated.db["ratings"].get(rated.rating_id)["explanation"])
    for dimension in ("records", "self_discipline", "capability"):
        explanation[dimension]["facts"] = {}
    rated.db["ratings"].insert(
        {"company_id": other, "batch": "2026-1", "as_of": "2026-06-30", "rules_version": "test-rules-1",
         "records": 30, "self_discipline": 25, "capability": 0, "total": 55, "grade": "C",
         "explanation": json.dumps(explanation, ensure_ascii=False), "inputs_digest": "x",
         "rated_at": "2026-07-01T00:00:00+00:00"}
    )


def test_pack_by_short_name_then_verify(rated, tmp_path):
    out = tmp_path / "out"
    done = _run(rated.db_path, "pack", "星澜云", "--as-of", "2026-06-30", "-o", str(out), "--no-pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [archive] = out.glob("*.zip")
    assert str(archive) in done.stdout
    ok = _run(rated.db_path, "verify-pack", str(archive), cwd=tmp_path)
    assert ok.returncode == 0 and "match" in ok.stdout and "offline" not in ok.stdout
    offline = _run(rated.db_path, "verify-pack", str(archive), "--offline", cwd=tmp_path)
    assert offline.returncode == 0 and "offline" in offline.stdout
    report = out / archive.stem / "report.html"
    report.write_text(report.read_text(encoding="utf-8") + " ", encoding="utf-8")
    bad = _run(rated.db_path, "verify-pack", str(out / archive.stem), cwd=tmp_path)
    assert bad.returncode == 1
    assert bad.stdout.splitlines()[0].startswith("changed file: report.html (sha256 ")
    assert bad.stdout.splitlines()[-1].startswith("FAILED: 1 problem(s)")


def test_pack_all_writes_every_rating_of_the_batch(rated, tmp_path):
    _second_rating(rated)
    out = tmp_path / "all"
    done = _run(rated.db_path, "pack", "--all", "--as-of", "2026-06-30", "-o", str(out), "--no-pdf", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "2 of 2 packs written" in done.stdout
    assert len(list(out.glob("*.zip"))) == 2
    digests = [r[0] for r in rated.db.execute("SELECT pack_digest FROM ratings")]
    assert all(d and len(d) == 64 for d in digests)


def test_bad_input_gives_one_line_errors(rated, tmp_path):
    cases = {
        ("pack", "无名云有限公司", "--as-of", "2026-06-30", "-o", "x"): "unknown company: 无名云有限公司",
        ("pack", "星澜云", "--as-of", "30/06/2026", "-o", "x"): "bad date for --as-of",
        ("pack", "--as-of", "2026-06-30", "-o", "x"): "give either a COMPANY or --all",
        ("pack", "星澜云", "--as-of", "2025-06-30", "-o", "x"): "no rating of 星澜云 as of 2025-06-30",
        ("verify-pack", "nowhere"): "no pack at nowhere",
    }
    for args, message in cases.items():
        done = _run(rated.db_path, *args, cwd=tmp_path)
        assert done.returncode == 1, args
        assert done.stderr.startswith("error: ") and message in done.stderr, (args, done.stderr)
        assert len(done.stderr.strip().splitlines()) == 1
