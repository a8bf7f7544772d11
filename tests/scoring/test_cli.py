"""The `score`, `report` and `import …` commands as a user runs them."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

RULES = Path(__file__).resolve().parents[2] / "scoring" / "rules.yaml"


@pytest.mark.slow
def test_score_report_and_errors(cli, tmp_path):
    assert cli("load-reference").returncode == 0
    done = cli("score", "--as-of", "2018-06-30", "--json")
    assert done.returncode == 0, done.stderr
    ratings = json.loads(done.stdout)
    assert len(ratings) == 11
    assert set(ratings[0]) >= {"company", "dimensions", "total", "grade", "explanation"}
    assert set(ratings[0]["dimensions"]) == {"records", "self_discipline", "capability"}
    assert {r["grade"] for r in ratings} == {"AAA"}

    everyone = json.loads(cli("score", "--as-of", "2018-06-30", "--all-companies", "--json").stdout)
    assert {r["company"]: r["grade"] for r in everyone}["北京百度网讯科技有限公司"] == "AA"

    for args, message in [
        (("score", "--as-of", "30/06/2018"), "bad date"),
        (("score", "--as-of", "2018-06-30", "--batch", "2030H1"), "no participants in batch"),
        (("score", "--as-of", "2018-06-30", "--batch", "2018H1", "--all-companies"), "not both"),
        (("score", "--as-of", "2018-06-30", "--rules", "missing.yaml"), "cannot read rules file"),
    ]:
        failed = cli(*args)
        assert failed.returncode == 1 and message in failed.stderr
        assert len(failed.stderr.strip().splitlines()) == 1

    bad_rules = tmp_path / "bad.yaml"
    bad_rules.write_text(RULES.read_text(encoding="utf-8").replace("zero_on_violation\n", "lenient\n"),
                         encoding="utf-8")
    failed = cli("score", "--as-of", "2018-06-30", "--rules", str(bad_rules))
    assert failed.returncode == 1 and "evidence_policy must be one of" in failed.stderr

    out = tmp_path / "report"
    done = cli("report", "--as-of", "2018-06-30", "-o", str(out))
    assert done.returncode == 0, done.stderr
    with open(out / "ratings.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 11 and rows[0]["grade"] == "AAA"


@pytest.mark.slow
def test_import_commands(cli, tmp_path):
    assert cli("load-reference").returncode == 0
    good = tmp_path / "p.csv"
    good.write_text("batch,company\n2018H2,百度\n2018H2,互联港湾\n", encoding="utf-8")
    done = cli("import", "participations", str(good), "--by", "分析员甲")
    assert done.returncode == 0, done.stderr
    ratings = json.loads(cli("score", "--as-of", "2018-06-30", "--json").stdout)
    assert sorted((r["company"], r["total"]) for r in ratings) == [
        ("北京互联港湾科技有限公司", 90), ("北京百度网讯科技有限公司", 80)]
    bad = tmp_path / "bad.csv"
    bad.write_text("batch,company\n2018H3,百度\n2018H3,不存在的云公司\n", encoding="utf-8")
    failed = cli("import", "participations", str(bad), "--by", "甲")
    assert failed.returncode == 1 and "row 3" in failed.stderr
    missing = cli("import", "azs", str(tmp_path / "nope.csv"), "--by", "甲")
    assert missing.returncode == 1 and "no such file" in missing.stderr
