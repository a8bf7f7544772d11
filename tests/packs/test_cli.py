"""`cloudcredit pack` and `cloudcredit verify-pack`: in-process for speed, plus one run of the real command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cloudcredit.app import UserError
from cloudcredit.cli import app
from store.identity import add_company

runner = CliRunner()


def _invoke(db: Path, *args: str):
    return runner.invoke(app, ["--db", str(db), *args])


def _second_rating(rated) -> None:
    other = add_company(rated.db, "北京云栈数据有限公司", short_name="云栈")
    explanation = json.loads(rated.db["ratings"].get(rated.rating_id)["explanation"])
    for dimension in ("records", "self_discipline", "capability"):
        explanation[dimension]["facts"] = {}
    rated.db["ratings"].insert(
        {
            "company_id": other, "batch": "2026-1", "as_of": "2026-06-30", "rules_version": "test-rules-1",
            "records": 30, "self_discipline": 25, "capability": 0, "total": 55, "grade": "C",
            "explanation": json.dumps(explanation, ensure_ascii=False), "inputs_digest": "x",
            "rated_at": "2026-07-01T00:00:00+00:00",
        }
    )  # fmt: skip


def test_pack_by_short_name_then_verify(rated, tmp_path):
    out = tmp_path / "out"
    done = _invoke(rated.db_path, "pack", "星澜云", "--as-of", "2026-06-30", "-o", str(out), "--no-pdf")
    assert done.exit_code == 0, done.output
    [archive] = out.glob("*.zip")
    assert str(archive) in done.output
    ok = _invoke(rated.db_path, "verify-pack", str(archive))
    assert ok.exit_code == 0 and "match" in ok.output and "offline" not in ok.output
    offline = _invoke(rated.db_path, "verify-pack", str(archive), "--offline")
    assert offline.exit_code == 0 and "offline" in offline.output
    other_db = _invoke(tmp_path / "absent.db", "verify-pack", str(archive))
    assert other_db.exit_code == 0 and "offline" in other_db.output


def test_pack_all_writes_every_rating_of_the_batch(rated, tmp_path):
    _second_rating(rated)
    out = tmp_path / "all"
    done = _invoke(rated.db_path, "pack", "--all", "--as-of", "2026-06-30", "-o", str(out), "--no-pdf")
    assert done.exit_code == 0, done.output
    assert "2 of 2 packs written" in done.output
    assert len(list(out.glob("*.zip"))) == 2
    digests = [r[0] for r in rated.db.execute("SELECT pack_digest FROM ratings")]
    assert len(digests) == 2 and all(d and len(d) == 64 for d in digests)


def test_pack_all_reports_a_failing_rating_and_goes_on(rated, tmp_path):
    _second_rating(rated)
    rated.db.execute("UPDATE ratings SET rules_version = 'other-9' WHERE id = ?", [rated.rating_id])
    done = _invoke(rated.db_path, "pack", "--all", "--as-of", "2026-06-30", "-o", str(tmp_path / "x"), "--no-pdf")
    assert done.exit_code == 1
    assert "1 of 2 packs written" in done.output
    assert f"failed: rating {rated.rating_id}: rules file" in done.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("pack", "无名云有限公司", "--as-of", "2026-06-30", "-o", "x"), "unknown company: 无名云有限公司"),
        (("pack", "星澜云", "--as-of", "30/06/2026", "-o", "x"), "bad date for --as-of"),
        (("pack", "--as-of", "2026-06-30", "-o", "x"), "give either a COMPANY or --all"),
        (("pack", "星澜云", "--as-of", "2025-06-30", "-o", "x"), "no rating of 星澜云 as of 2025-06-30"),
        (("pack", "星澜云", "--as-of", "2026-06-30", "--batch", "9", "-o", "x"), "in batch 9"),
        (("verify-pack", "nowhere"), "no pack at nowhere"),
        (("verify-pack", ".", "--db", "missing.db"), "no database at missing.db"),
    ],
)
def test_bad_input_is_a_user_error(rated, args, message):
    done = _invoke(rated.db_path, *args)
    assert isinstance(done.exception, UserError)
    assert message in str(done.exception)


def test_real_command_exit_codes_and_lines(rated, tmp_path):
    """The installed entry point: a tampered pack exits 1 with one line per problem; bad input one error line."""
    out = tmp_path / "out"
    assert _invoke(rated.db_path, "pack", "星澜云", "--as-of", "2026-06-30", "-o", str(out), "--no-pdf").exit_code == 0
    [folder] = [p for p in out.iterdir() if p.is_dir()]
    (folder / "report.html").write_text("changed", encoding="utf-8")
    (folder / "documents" / "17.txt").unlink()
    env = dict(os.environ, CLOUDCREDIT_DB=str(rated.db_path))
    command = [sys.executable, "-m", "cloudcredit", "verify-pack", str(folder)]
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0] == "missing file: documents/17.txt"
    assert lines[1].startswith("changed file: report.html (sha256 ")
    assert lines[2] == f"FAILED: 2 problem(s) in {folder}"
    bad = subprocess.run(
        [*command[:3], "pack", "星澜云", "--as-of", "June", "-o", "x"],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300,
    )  # fmt: skip
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines() == ["error: bad date for --as-of: 'June' (expected YYYY-MM-DD)"]
