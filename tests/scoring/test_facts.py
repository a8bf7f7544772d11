"""Facts valid on the as-of date, from the store: dates, the evidence window, review status."""

from __future__ import annotations

from datetime import date

import pytest

from scoring.facts import load_facts, months_before
from scoring.rating import rate_batch


def star(db) -> int:
    return db.execute("SELECT company_id FROM company_aliases WHERE alias = '星澜云'").fetchone()[0]


def star_facts(db, rules, as_of="2018-06-30"):
    cid = star(db)
    return load_facts(db, [cid], date.fromisoformat(as_of), rules)[cid]


def escort(db):
    db["memberships"].insert({"company_id": star(db), "tier": "escort", "valid_from": "2018-01-22",
                              "entered_by": "test", "entered_at": "2018-01-22T00:00:00+00:00"})


@pytest.mark.parametrize(("status", "points"), [("pending", 35), ("rejected", 35), ("duplicate", 35),
                                                ("confirmed", 0)])
def test_only_confirmed_evidence_counts(db, rules, status, points, company_id, add_evidence):
    from scoring.dimensions import self_discipline

    escort(db)
    add_evidence(db, company_id(db, "星澜云"), status, "2018-03-15")
    result = self_discipline(star_facts(db, rules), rules)
    assert result.points == points
    assert len(result.facts["evidence"]) == (status == "confirmed")


@pytest.mark.parametrize(("occurred", "counted"), [("2017-06-30", True), ("2017-06-29", False),
                                                   ("2018-06-30", True), ("2018-07-01", False)])
def test_evidence_window_is_the_12_months_before_as_of(db, rules, occurred, counted, company_id, add_evidence):
    add_evidence(db, company_id(db, "星澜云"), "confirmed", occurred)
    assert bool(star_facts(db, rules).evidence) is counted


def test_evidence_without_occurred_on_uses_the_document_date(db, rules, company_id, add_evidence):
    add_evidence(db, company_id(db, "星澜云"), "confirmed", None, published="2016-12-01")
    add_evidence(db, company_id(db, "星澜云"), "confirmed", None, published="2018-02-01", violation="license_lending")
    facts = star_facts(db, rules)
    assert [(e.violation_type, e.on) for e in facts.evidence] == [("license_lending", "2018-02-01")]


def test_evidence_window_is_a_setting(db, variant, company_id, add_evidence):
    add_evidence(db, company_id(db, "星澜云"), "confirmed", "2017-03-01")
    rules = variant(("self_discipline", "evidence_window_months"), 24)
    assert len(star_facts(db, rules).evidence) == 1


def test_list_entries_before_2018_01_22_do_not_count(db, rules, company_id):
    cid = company_id(db, "星澜云")
    for day in ("2018-01-21", "2018-01-22"):
        db["list_entries"].insert({"company_id": cid, "list": "bad", "date_in": day, "business": day,
                                   "entered_at": "2018-02-01T00:00:00+00:00"})
    assert [e.date_in for e in star_facts(db, rules).list_entries] == ["2018-01-22"]


def test_facts_after_the_as_of_date_are_ignored(db, rules, company_id):
    cid = company_id(db, "星澜云")
    db["list_entries"].insert({"company_id": cid, "list": "dishonest", "date_in": "2018-07-01",
                               "entered_at": "2018-07-01T00:00:00+00:00"})
    db["memberships"].insert({"company_id": cid, "tier": "signer", "valid_from": "2018-01-22",
                              "valid_to": "2018-06-30", "entered_at": "2018-01-22T00:00:00+00:00"})
    facts = star_facts(db, rules)
    assert facts.list_entries == [] and facts.memberships == []


def test_months_before_handles_short_months():
    assert months_before(date(2018, 3, 31), 1) == date(2018, 2, 28)
    assert months_before(date(2020, 2, 29), 12) == date(2019, 2, 28)
    assert months_before(date(2018, 6, 30), 12) == date(2017, 6, 30)


def test_confirmed_evidence_lowers_a_table5_rating(ref_db, rules, company_id):
    telecom = company_id(ref_db, "中国电信")
    ref_db["documents"].insert({"url": "https://www.example.gov.cn/x.html", "fingerprint": "x",
                                "published": "2018-05-01"})
    doc = ref_db.execute("SELECT id FROM documents").fetchone()[0]
    ref_db["evidence"].insert({"document_id": doc, "company_id": telecom, "violation_type": "zero_price_bid",
                               "score": 0.9, "model_version": "t", "status": "confirmed",
                               "created_at": "2018-05-02", "updated_at": "2018-05-02"})
    rating = next(r for r in rate_batch(ref_db, "2018-06-30", rules=rules) if r.company_id == telecom)
    assert (rating.self_discipline.points, rating.total, rating.grade) == (0, 55, "C")
    assert len(rating.explanation["self_discipline"]["facts"]["evidence"]) == 1


def test_explanation_decided_after_as_of_is_not_yet_known(db, rules):
    from scoring.dimensions import records

    entry = db["list_entries"].insert({"company_id": star(db), "list": "bad", "date_in": "2018-03-01",
                                       "business": "呼叫中心业务", "cloud_related": 0,
                                       "entered_at": "2018-03-02T00:00:00+00:00"}).last_pk
    db["explanations"].insert({"list_entry_id": entry, "accepted": 1, "decided_on": "2018-07-15",
                               "note": "与云服务无关", "entered_by": "甲", "entered_at": "2018-07-15T00:00:00+00:00"})
    assert records(star_facts(db, rules), rules).points == 10
    assert records(star_facts(db, rules, "2018-07-15"), rules).points == 30
