"""表1 服务能力可信情况: share of all domestic AZs, both schemes, plus grades, Hong Kong, other proofs."""

from __future__ import annotations

import pytest

from scoring.dimensions import capability
from scoring.facts import Grading, OtherProof, Zone


def zones(facts, *specs, inventory=False):
    """specs: (location, scheme, grade) or (location, None, None) for an ungraded AZ."""
    for i, (location, scheme, grade) in enumerate(specs, start=1):
        facts.zones.append(Zone(i, f"可用区{i}", location, inventory))
        if scheme:
            facts.gradings.append(Grading(100 + i, i, scheme, grade, False, "2018-06-30"))


@pytest.mark.parametrize(
    ("grade", "points"),
    [("五星+", 35), ("五星", 35), ("四星+", 25), ("四星", 25), ("三星+", 15), ("三星", 15), ("两星", 0)],
)
def test_table1_rows_comprehensive(facts, rules, grade, points):
    zones(facts, ("domestic", "comprehensive", grade))
    assert capability(facts, rules).points == points


@pytest.mark.parametrize(("grade", "points"), [("五星", 35), ("四星", 25), ("三星", 15), ("两星", 0)])
def test_table1_rows_availability(facts, rules, grade, points):
    zones(facts, ("domestic", "availability", grade))
    assert capability(facts, rules).points == points


def test_exactly_half_is_enough(facts, rules):
    zones(facts, ("domestic", "availability", "五星"), ("domestic", None, None), inventory=True)
    result = capability(facts, rules)
    assert result.points == 35
    assert result.facts["at_or_above"] == {"五星": 1, "四星": 1, "三星": 1}
    assert "50%" in result.text


def test_just_under_half_falls_to_the_next_level(facts, rules):
    zones(facts, ("domestic", "availability", "五星"), ("domestic", "comprehensive", "三星"),
          ("domestic", None, None), inventory=True)
    assert capability(facts, rules).points == 15


def test_ungraded_domestic_azs_count_against(facts, rules):
    zones(facts, ("domestic", "comprehensive", "四星"), ("domestic", None, None), ("domestic", None, None),
          inventory=True)
    result = capability(facts, rules)
    assert result.points == 0
    assert result.facts["domestic_azs"] == 3 and result.facts["inventory_known"] is True
    assert "未掌握" not in result.text


def test_overseas_azs_are_excluded(facts, rules):
    zones(facts, ("domestic", "comprehensive", "四星"), ("overseas", None, None), ("overseas", None, None))
    result = capability(facts, rules)
    assert result.points == 25
    assert result.facts["domestic_azs"] == 1
    assert "可用区2（境外）" in result.text


@pytest.mark.parametrize(("hong_kong", "points", "domestic"), [(False, 25, 1), (True, 0, 3)])
def test_hong_kong_setting(facts, variant, hong_kong, points, domestic):
    rules = variant(("capability", "hong_kong_domestic"), hong_kong)
    zones(facts, ("domestic", "comprehensive", "四星"), ("hong_kong", None, None), ("hong_kong", None, None))
    result = capability(facts, rules)
    assert (result.points, result.facts["domestic_azs"]) == (points, domestic)


def test_best_grade_across_both_schemes(facts, rules):
    zones(facts, ("domestic", "comprehensive", "三星+"))
    facts.gradings.append(Grading(200, 1, "availability", "五星", False, "2018-06-30"))
    result = capability(facts, rules)
    assert result.points == 35
    assert result.facts["gradings"] == [101, 200]


def test_no_inventory_means_graded_azs_are_the_inventory(facts, rules):
    zones(facts, ("domestic", "comprehensive", "四星"))
    result = capability(facts, rules)
    assert result.facts["inventory_known"] is False
    assert "未掌握该企业可用区清单" in result.text


def test_lower_bound_is_said(facts, rules):
    facts.zones.append(Zone(1, "北京", "domestic", False))
    facts.gradings.append(Grading(5, 1, "comprehensive", "四星", True, "2018-06-30"))
    assert "四星及以上" in capability(facts, rules).text


def test_other_proof_lifts_the_result_and_is_shown(facts, rules):
    zones(facts, ("domestic", None, None), inventory=True)
    facts.other_proofs.append(OtherProof(9, "五星", "2018-05-01", "第三方机构可用性测评报告（编号X-1）"))
    result = capability(facts, rules)
    assert result.points == 35
    assert result.facts["other_proofs"] == [9]
    assert "第三方机构可用性测评报告（编号X-1）" in result.text


def test_other_proof_never_lowers(facts, rules):
    zones(facts, ("domestic", "availability", "五星"))
    facts.other_proofs.append(OtherProof(9, "三星", "2018-05-01", "说明"))
    result = capability(facts, rules)
    assert result.points == 35
    assert "说明" not in result.text


def test_no_azs_at_all(facts, rules):
    result = capability(facts, rules)
    assert result.points == 0 and result.facts["domestic_azs"] == 0
