"""The source's own data, from a fresh database built only from load_reference, rated as of 2018-06-30."""

from __future__ import annotations

import json

from scoring.rating import REGISTRY_BATCH, rate_batch


def by_name(ratings):
    return {r.company: r for r in ratings}


def test_table5_companies_get_their_published_grade(ref_db, rules):
    ratings = rate_batch(ref_db, "2018-06-30", rules=rules)
    expected = {row["legal_name"]: row["grade"] for row in ref_db.query(
        "SELECT c.legal_name, e.grade FROM expected_ratings e JOIN companies c ON c.id = e.company_id"
        " WHERE e.batch = '2018H1'")}
    assert len(expected) == 11
    assert {r.company: r.grade for r in ratings} == expected
    assert all(r.batch == "2018H1" for r in ratings)
    for r in ratings:
        assert (r.records.points, r.self_discipline.points) == (30, 35)
        assert r.capability.points >= 25


def test_other_results_follow_the_rules(ref_db, rules):
    ratings = by_name(rate_batch(ref_db, "2018-06-30", rules=rules, all_companies=True))
    assert (ratings["北京百度网讯科技有限公司"].total, ratings["北京百度网讯科技有限公司"].grade) == (80, "AA")
    assert (ratings["北京互联港湾科技有限公司"].total, ratings["北京互联港湾科技有限公司"].grade) == (90, "AAA")
    signer = ratings["北京奇虎科技有限公司"]
    assert (signer.records.points, signer.self_discipline.points, signer.capability.points) == (30, 25, 0)
    assert (signer.total, signer.grade) == (55, "C")
    assert all(r.batch == REGISTRY_BATCH for r in ratings.values())


def test_a_participation_puts_baidu_in_the_batch(ref_db, rules, company_id):
    ref_db["participations"].insert({"batch": "2018H1", "company_id": company_id(ref_db, "百度"),
                                     "entered_by": "test", "entered_at": "2018-07-01T00:00:00+00:00"})
    ratings = by_name(rate_batch(ref_db, "2018-06-30", "2018H1", rules))
    assert len(ratings) == 12
    assert ratings["北京百度网讯科技有限公司"].grade == "AA"


def test_the_day_before_escorts_and_gradings_nobody_is_aaa(ref_db, rules):
    ratings = rate_batch(ref_db, "2018-06-29", rules=rules)
    assert {(r.total, r.grade) for r in ratings} == {(55, "C")}


def test_signatures_before_the_method_was_published_do_not_count(ref_db, rules):
    ratings = rate_batch(ref_db, "2018-01-21", rules=rules)
    assert {r.self_discipline.points for r in ratings} == {0}


def test_ratings_are_stored_with_the_explanation_contract(ref_db, rules, company_id):
    rate_batch(ref_db, "2018-06-30", rules=rules)
    rows = list(ref_db.query("SELECT * FROM ratings"))
    assert len(rows) == 11
    row = next(r for r in rows if r["company_id"] == company_id(ref_db, "中国电信"))
    assert (row["records"], row["self_discipline"], row["capability"], row["total"], row["grade"]) == \
        (30, 35, 25, 90, "AAA")
    assert row["rules_version"] == rules.version and len(row["inputs_digest"]) == 64
    explanation = json.loads(row["explanation"])
    assert set(explanation) == {"rules", "records", "self_discipline", "capability", "summary"}
    assert set(explanation["rules"]) == {"path", "version"}
    assert set(explanation["records"]["facts"]) == {"list_entries", "explanations"}
    assert set(explanation["self_discipline"]["facts"]) == {"memberships", "evidence"}
    assert set(explanation["capability"]["facts"]) == {
        "availability_zones", "gradings", "other_proofs", "domestic_azs", "at_or_above", "inventory_known"}
    assert explanation["capability"]["facts"]["domestic_azs"] == 12
    assert explanation["capability"]["facts"]["at_or_above"] == {"五星": 0, "四星": 12, "三星": 12}
    assert "护航成员（2018-06-30起）" in explanation["self_discipline"]["text"]
    assert len(explanation["self_discipline"]["facts"]["memberships"]) == 2


def test_ucloud_hong_kong_setting_changes_the_count_not_the_grade(ref_db, variant, company_id):
    ucloud = company_id(ref_db, "UCloud")
    for hong_kong, domestic in ((False, 4), (True, 5)):
        rules = variant(("capability", "hong_kong_domestic"), hong_kong, ("version",), f"hk-{hong_kong}")
        rating = by_name(rate_batch(ref_db, "2018-06-30", rules=rules))["上海优刻得信息科技有限公司"]
        assert rating.company_id == ucloud
        assert rating.capability.facts["domestic_azs"] == domestic
        assert rating.grade == "AAA"
    assert ref_db.execute("SELECT COUNT(*) FROM ratings WHERE company_id = ?", [ucloud]).fetchone()[0] == 2
