"""record_flag and record_flags keep human decisions; decide logs every decision through the trigger."""

from __future__ import annotations

import json
import sqlite3

import pytest

from evidence.records import decide, history, record_flag


def flag(db, document_id=1, violation_type="zero_price_bid", **overrides):
    fields = dict(
        score=0.9,
        model_version="m1",
        company_id=1,
        company_name="星澜云科技有限公司",
        reason="成交金额为0元",
        triggers=["成交金额：0元。"],
        winner="星澜云科技有限公司",
        amount_yuan=0.0,
        budget_yuan=1_200_000.0,
        buyer="某市大数据局",
        cluster_id="c1",
        occurred_on="2026-01-15",
    )
    fields.update(overrides)
    return record_flag(db, document_id=document_id, violation_type=violation_type, **fields)


def test_new_flag_is_pending_with_machine_fields(store):
    evidence_id = flag(store)
    row = store["evidence"].get(evidence_id)
    assert row["status"] == "pending"
    assert row["reviewer"] is None
    assert json.loads(row["triggers"]) == ["成交金额：0元。"]
    assert row["budget_yuan"] == 1_200_000.0


def test_reanalysis_updates_pending_item_in_place(store):
    first = flag(store)
    second = flag(store, score=0.6, model_version="m2", triggers=["零元"])
    assert first == second
    row = store["evidence"].get(first)
    assert (row["score"], row["model_version"], json.loads(row["triggers"])) == (0.6, "m2", ["零元"])
    assert store.execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == 1


def test_reanalysis_never_touches_a_decided_item(store):
    evidence_id = flag(store)
    decide(store, evidence_id, actor="li", new_status="confirmed", note="checked the award notice")
    before = store["evidence"].get(evidence_id)
    assert flag(store, score=0.1, model_version="m9", reason="changed") == evidence_id
    after = store["evidence"].get(evidence_id)
    assert after == before


def test_other_violation_type_is_a_separate_item(store):
    assert flag(store) != flag(store, violation_type="license_lending")


def test_decide_logs_old_and_new_status(store):
    evidence_id = flag(store)
    decide(store, evidence_id, actor="li", new_status="confirmed", note="first look")
    decide(store, evidence_id, actor="wang", new_status="rejected", note="changed my mind: a promotion")
    row = store["evidence"].get(evidence_id)
    assert (row["status"], row["reviewer"], row["note"]) == ("rejected", "wang", "changed my mind: a promotion")
    log = history(store, evidence_id)
    assert [(e["actor"], e["old_status"], e["new_status"]) for e in log] == [
        ("li", "pending", "confirmed"),
        ("wang", "confirmed", "rejected"),
    ]
    assert log[0]["note"] == "first look"


def test_machine_update_does_not_log(store):
    evidence_id = flag(store)
    flag(store, score=0.5)
    assert history(store, evidence_id) == []


def test_decide_rejects_bad_input_and_writes_nothing(store):
    evidence_id = flag(store)
    with pytest.raises(ValueError):
        decide(store, evidence_id, actor="li", new_status="approved", note=None)
    with pytest.raises(ValueError):
        decide(store, evidence_id, actor=" ", new_status="confirmed", note=None)
    with pytest.raises(ValueError):
        decide(store, 999, actor="li", new_status="confirmed", note=None)
    assert store["evidence"].get(evidence_id)["status"] == "pending"
    assert history(store, evidence_id) == []


def test_record_flag_rejects_bad_type_and_score(store):
    with pytest.raises(ValueError):
        flag(store, violation_type="bribery")
    with pytest.raises(ValueError):
        flag(store, score=1.5)


def test_review_log_is_append_only(store):
    evidence_id = flag(store)
    decide(store, evidence_id, actor="li", new_status="duplicate", note="same as #2")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.execute("UPDATE review_log SET note = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        store.execute("DELETE FROM review_log")


def test_status_change_without_reviewer_is_refused(store):
    evidence_id = flag(store)
    with pytest.raises(sqlite3.IntegrityError, match="reviewer"):
        store.execute("UPDATE evidence SET status = 'confirmed' WHERE id = ?", [evidence_id])


def test_sql_decision_logs_like_decide(store):
    """The statement the Datasette writable query runs produces the same log entry."""
    evidence_id = flag(store)
    store.execute(
        "UPDATE evidence SET status = 'confirmed', reviewer = :actor,"
        " reviewed_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now'), note = :note WHERE id = :id",
        {"actor": "zhao", "note": "ok", "id": evidence_id},
    )
    assert [(e["actor"], e["new_status"], e["note"]) for e in history(store, evidence_id)] == [("zhao", "confirmed", "ok")]


def test_flag_copies_the_document_site_and_needs_the_document(store):
    evidence_id = flag(store)
    assert store["evidence"].get(evidence_id)["site"] == "ccgp"
    assert store["evidence"].get(evidence_id)["month"] == "2026-01"
    with pytest.raises(ValueError, match="no document"):
        flag(store, document_id=999)


def _fields(document_id, violation_type, **overrides):
    fields = dict(document_id=document_id, violation_type=violation_type, score=0.9, model_version="m1",
                  company_id=1, company_name="星澜云科技有限公司", reason="成交金额为0元", triggers=["成交金额：0元。"],
                  winner="星澜云科技有限公司", amount_yuan=0.01, budget_yuan=1_200_000.0, buyer="某市大数据局",
                  cluster_id="c1", occurred_on="2026-01-15")
    fields.update(overrides)
    return fields


def test_record_flags_in_bulk_gives_what_record_flag_gives_one_by_one(store, tmp_path):
    from evidence.records import record_flags

    decided = flag(store, document_id=2, violation_type="license_lending")
    decide(store, decided, actor="li", new_status="confirmed", note="checked")
    before = store["evidence"].get(decided)
    pending = flag(store, document_id=3, score=0.4)
    flags = [_fields(1, "zero_price_bid"), _fields(1, "license_lending", score=0.7),
             _fields(2, "license_lending", score=0.2, reason="changed"), _fields(3, "zero_price_bid", score=0.8)]
    ids = record_flags(store, flags)
    assert ids[2:] == [decided, pending] and len(set(ids)) == 4
    assert store["evidence"].get(decided) == before
    assert store["evidence"].get(pending)["score"] == 0.8
    assert [store["evidence"].get(i)["amount_yuan"] for i in ids[:2]] == [0.01, 0.01]
    assert record_flags(store, flags) == ids
    assert store.execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == 4
    assert store.execute("INSERT INTO evidence_fts(evidence_fts, rank) VALUES ('integrity-check', 1)")
    assert store.execute("SELECT COUNT(*) FROM evidence_fts WHERE evidence_fts MATCH '\"星澜云\"'").fetchone()[0] == 4


def test_record_flags_writes_nothing_when_one_flag_is_bad(store):
    from evidence.records import record_flags

    with pytest.raises(ValueError, match="no document"):
        record_flags(store, [_fields(1, "zero_price_bid"), _fields(999, "zero_price_bid")])
    with pytest.raises(ValueError, match="twice"):
        record_flags(store, [_fields(1, "zero_price_bid"), _fields(1, "zero_price_bid", score=0.1)])
    with pytest.raises(ValueError, match="score"):
        record_flags(store, [_fields(1, "zero_price_bid"), _fields(2, "zero_price_bid", score=2)])
    assert store.execute("SELECT COUNT(*) FROM evidence").fetchone()[0] == 0
    assert record_flags(store, []) == []
