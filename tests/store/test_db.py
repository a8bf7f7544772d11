"""The store opens in WAL mode with foreign keys on, migrates old databases and refuses newer ones."""

import sqlite3

import pytest
import sqlite_utils

from store import schema
from store.db import StoreError, open_db, schema_version, table_counts, transaction


def test_new_database_is_wal_with_foreign_keys_at_current_version(tmp_path):
    db = open_db(tmp_path / "m.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
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
