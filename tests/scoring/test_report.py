"""The published report: HTML like 表5, a CSV beside it, and two PNG charts that render Chinese."""

from __future__ import annotations

import csv

import matplotlib.image
import pytest

from scoring.rating import rate_batch
from scoring.report import cjk_font, write_report


def test_report_files(ref_db, rules, tmp_path):
    ratings = rate_batch(ref_db, "2018-06-30", rules=rules, all_companies=True)
    paths = write_report(ratings, rules, "registry", "2018-06-30", tmp_path / "out")
    assert [p.name for p in paths] == ["index.html", "ratings.csv", "grades.png", "dimensions.png"]
    html = paths[0].read_text(encoding="utf-8")
    assert "中国电信集团有限公司" in html and "自律工作开展情况" in html and 'src="grades.png"' in html
    assert "签署《云服务经营自律规范》" in html
    with open(paths[1], encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(ratings)
    assert rows[0]["grade"] == "AAA" and rows[-1]["grade"] == "C"
    totals = [float(r["total"]) for r in rows]
    assert totals == sorted(totals, reverse=True)
    for png in paths[2:]:
        image = matplotlib.image.imread(png)
        assert image.shape[0] > 200 and image.shape[1] > 200


def test_cjk_font_is_found_when_installed():
    from matplotlib import font_manager

    if not any("CJK" in f.name for f in font_manager.fontManager.ttflist):
        pytest.skip("no CJK font installed")
    assert cjk_font() is not None


def test_chart_limit_keeps_the_company_chart_small(ref_db, rules, tmp_path):
    ratings = rate_batch(ref_db, "2018-06-30", rules=rules, all_companies=True)
    small = write_report(ratings, rules, "registry", "2018-06-30", tmp_path / "small", chart_limit=5)
    full = write_report(ratings, rules, "registry", "2018-06-30", tmp_path / "full")
    assert matplotlib.image.imread(small[3]).shape[0] < matplotlib.image.imread(full[3]).shape[0] / 4
    with open(small[1], encoding="utf-8-sig") as handle:
        assert len(list(csv.DictReader(handle))) == len(ratings)
