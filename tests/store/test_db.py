"""The store opens in WAL mode with foreign keys on, migrates old databases and refuses newer ones."""

import sqlite3

import pytest
import sqlite_utils

from store import schema
from store.db import StoreError, open_db, schema_version, table_counts, transaction
from store.identity import lookup


def test_new_database_is_wal_with_foreign_keys_at_current_version(tmp_path):
    db = open_db(tmp_path / "m.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA cache_size").fetchone()[0] == -8192
    assert db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 4000
    assert schema_version(db) == schema.SCHEMA_VERSION


def test_foreign_keys_are_enforced(tmp_path):
    db = open_db(tmp_path / "m.db")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO lots (document_id, lot_no) VALUES (999, 1)")


@pytest.mark.parametrize("older", range(schema.SCHEMA_VERSION))
def test_opening_an_older_database_upgrades_it_and_keeps_its_rows(tmp_path, older):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    old = sqlite_utils.Database(conn)
    old.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    for version in range(1, older + 1):
        schema.MIGRATIONS[version - 1](old)
        old.execute("INSERT INTO schema_version VALUES (?, '2018-01-01')", [version])
    if older >= 1:
        old.execute(
            "INSERT INTO companies (legal_name, verified, created_at) VALUES ('北京测试云有限公司', 1, '2018-01-01')"
        )
    conn.commit()
    conn.close()

    db = open_db(path)
    assert schema_version(db) == schema.SCHEMA_VERSION
    if older >= 1:
        assert [r["legal_name"] for r in db["companies"].rows] == ["北京测试云有限公司"]


def test_opening_a_database_from_a_newer_cloudcredit_fails_clearly(tmp_path):
    path = tmp_path / "new.db"
    open_db(path).execute("INSERT INTO schema_version VALUES (?, '2030-01-01')", [schema.SCHEMA_VERSION + 1])
    with pytest.raises(StoreError, match="newer than this cloudcredit"):
        open_db(path)


def test_a_file_that_is_not_a_database_fails_clearly(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a usable SQLite database"):
        open_db(path)


def test_transaction_writes_all_or_nothing(tmp_path):
    db = open_db(tmp_path / "m.db")
    with pytest.raises(RuntimeError):
        with transaction(db):
            db.execute("INSERT INTO companies (legal_name, created_at) VALUES ('甲', 'x')")
            raise RuntimeError("boom")
    assert table_counts(db)["companies"] == 0
    with transaction(db):
        db.execute("INSERT INTO companies (legal_name, created_at) VALUES ('乙', 'x')")
        with pytest.raises(RuntimeError):
            with transaction(db):
                db.execute("INSERT INTO companies (legal_name, created_at) VALUES ('丙', 'x')")
                raise RuntimeError("inner")
    assert [r["legal_name"] for r in db["companies"].rows] == ["乙"]


def test_review_log_is_append_only(tmp_path):
    db = open_db(tmp_path / "m.db")
    db.execute("INSERT INTO documents (url, fingerprint) VALUES ('http://x/1', 'f1')")
    db.execute(
        "INSERT INTO evidence (document_id, violation_type, score, model_version, created_at, updated_at)"
        " VALUES (1, 'zero_price_bid', 0.9, 'm1', 'now', 'now')"
    )
    db.execute(
        "INSERT INTO review_log (evidence_id, actor, at, old_status, new_status) VALUES (1, 'a', 'now', 'pending', 'confirmed')"
    )
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE review_log SET actor = 'b'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM review_log")


def test_chinese_full_text_search_finds_zero_price_phrases(tmp_path):
    db = open_db(tmp_path / "m.db")
    db["documents"].insert(
        {"url": "http://x/1", "fingerprint": "f1", "title": "某市政务云项目0元中标引争议", "clean_text": "星澜云以0元中标"}
    )
    hits = db.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", ['"0元中标"']).fetchall()
    assert hits == [(1,)]


def _matches(db, table: str, phrase: str) -> list[int]:
    return [row[0] for row in db.execute(f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?", [f'"{phrase}"'])]


def test_full_text_indexes_follow_a_row_only_when_its_text_changes(tmp_path):
    db = open_db(tmp_path / "m.db")
    db["documents"].insert({"url": "http://x/1", "fingerprint": "f1", "title": "某市政务云项目成交公告"})
    db.execute("DELETE FROM search_queue")
    db.execute("UPDATE documents SET clean_text = '星澜云以0元中标', analyzed_at = 'a', model_version = 'm1' WHERE id = 1")
    assert _matches(db, "documents", "0元中标") == [1]
    assert db.execute("SELECT kind, row_id FROM search_queue").fetchall() == [("documents", 1)]
    db.execute("DELETE FROM search_queue")
    # Re-analysed by another model: the same text written again, nothing to re-index or re-segment.
    db.execute("UPDATE documents SET clean_text = '星澜云以0元中标', analyzed_at = 'b', model_version = 'm2' WHERE id = 1")
    assert db.execute("SELECT COUNT(*) FROM search_queue").fetchone()[0] == 0
    db.execute("UPDATE documents SET clean_text = '远舟科技以1元成交' WHERE id = 1")
    assert _matches(db, "documents", "0元中标") == [] and _matches(db, "documents", "1元成交") == [1]
    assert db.execute("SELECT kind, row_id FROM search_queue").fetchall() == [("documents", 1)]
    db.execute("UPDATE documents SET id = 7 WHERE id = 1")
    assert _matches(db, "documents", "1元成交") == [7]
    for table in ("documents", "evidence"):
        db.execute(f"INSERT INTO {table}_fts ({table}_fts, rank) VALUES ('integrity-check', 1)")


def test_an_analysts_decision_re_indexes_evidence_only_for_its_note(tmp_path):
    db = open_db(tmp_path / "m.db")
    db["documents"].insert({"url": "http://x/1", "fingerprint": "f1", "title": "公告"})
    db["evidence"].insert({"document_id": 1, "violation_type": "zero_price_bid", "score": 0.9, "status": "pending", "model_version": "m1",
                           "company_name": "星澜云科技有限公司", "reason": "zero_price_bid (rule, p=0.97)",
                           "created_at": "2026-12-03T00:00:00+00:00", "updated_at": "2026-12-03T00:00:00+00:00"})
    db.execute("DELETE FROM search_queue")
    db.execute("UPDATE evidence SET status = 'confirmed', reviewer = 'li', reviewed_at = '2026-12-03' WHERE id = 1")
    assert db.execute("SELECT COUNT(*) FROM search_queue").fetchone()[0] == 0
    db.execute("UPDATE evidence SET note = '核实：中标价一分钱' WHERE id = 1")
    assert _matches(db, "evidence", "一分钱") == [1] and _matches(db, "evidence", "星澜云") == [1]
    assert db.execute("SELECT kind, row_id FROM search_queue").fetchall() == [("evidence", 1)]
    db.execute("INSERT INTO evidence_fts (evidence_fts, rank) VALUES ('integrity-check', 1)")


def test_insert_rows_and_update_rows_write_many_rows_past_the_parameter_limit(tmp_path):
    from store.db import MAX_VARIABLES, insert_rows, update_rows

    db = open_db(tmp_path / "m.db")
    count = MAX_VARIABLES  # three columns each: three statements' worth
    insert_rows(db, "companies", [{"legal_name": f"甲{n}公司", "created_at": "x", "verified": n % 2}
                                  for n in range(count)])
    ids = [r[0] for r in db.execute("SELECT id FROM companies ORDER BY id")]
    assert len(ids) == count
    update_rows(db, "companies", [{"id": i, "note": f"n{i}", "short_name": "甲"} for i in ids], where="verified = 1")
    rows = db.execute("SELECT verified, COUNT(*), COUNT(note), SUM(note = 'n' || id) FROM companies GROUP BY verified")
    assert rows.fetchall() == [(0, (count + 1) // 2, 0, None), (1, count // 2, count // 2, count // 2)]
    insert_rows(db, "companies", [])
    update_rows(db, "companies", [])
    assert table_counts(db)["companies"] == count


def test_an_sqlite_too_old_for_the_store_fails_clearly(tmp_path, monkeypatch):
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 31, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.31.1")
    with pytest.raises(StoreError, match=r"SQLite 3\.31\.1 is too old: cloudcredit needs 3\.33\.0 or newer"):
        open_db(tmp_path / "m.db")
    assert not (tmp_path / "m.db").exists()


def test_upgrading_folds_alias_keys_and_leaves_a_clash_to_an_analyst(tmp_path):
    path = tmp_path / "v11.db"
    conn = sqlite3.connect(path)
    old = sqlite_utils.Database(conn)
    old.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)")
    for version in range(1, 12):
        schema.MIGRATIONS[version - 1](old)
        old.execute("INSERT INTO schema_version VALUES (?, '2018-01-01')", [version])
    companies = {"澄湖雲數據有限公司": 1, "澄湖云数据有限公司": 2, "霁岭數據有限公司": 3}
    for name, company_id in companies.items():
        old.execute("INSERT INTO companies (id, legal_name, verified, created_at) VALUES (?, ?, 0, '2018-01-01')",
                    [company_id, name])
        old.execute("INSERT INTO company_aliases (alias_key, alias, company_id, kind) VALUES (?, ?, ?, 'legal')",
                    [name, name, company_id])
    conn.commit()
    conn.close()

    db = open_db(path)
    assert lookup(db, "霁岭数据有限公司") == 3
    assert lookup(db, "澄湖云数据有限公司") == lookup(db, "澄湖雲數據有限公司") == 2
    assert db.execute("SELECT COUNT(*) FROM company_aliases").fetchone()[0] == 3
    assert [dict(r) for r in db.query("SELECT name, company_id, status FROM name_candidates")] == [
        {"name": "澄湖雲數據有限公司", "company_id": 2, "status": "open"}]
