"""`kill -9` in the middle of `cloudcredit analyze`, then a rerun: the store ends exactly as after one
uninterrupted run — nothing missing, nothing twice, integrity ok, analysts' decisions untouched."""

from __future__ import annotations

import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawlers.run import crawl
from evidence.records import decide, history
from nlp.analyze import analyze
from replicas import serve
from store.db import open_db
from tests.crawlers.conftest import SINCE, TEST_SETTINGS

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SITES = ["ccgp", "ggzy", "beijing", "jiangsu", "c114", "cctime"]
COPIES = 3
# What analyze writes, compared row by row (timestamps left out).
OUTPUT = {
    "bulletin_facts": "document_id, notice_type, title, buyer, budget_yuan, label, score, cloud_related",
    "lots": "document_id, lot_no, winner, amount_yuan, rate",
    "evidence": "document_id, violation_type, status, reviewer, note, company_name, score, cluster_id",
    "documents": "id, clean_text IS NOT NULL, analyzed_at IS NOT NULL, model_version, cluster_id",
    "companies": "id, legal_name, verified",
    "review_log": "evidence_id, old_status, new_status, actor",
}


def copy_store(source: Path, target: Path) -> Path:
    """A consistent copy of a store (database and WARC files)."""
    target.mkdir(parents=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target / source.name) as dst:
        src.backup(dst)
    shutil.copytree(source.parent / "warc", target / "warc")
    return target / source.name


def add_reposts(db_file: Path) -> int:
    """Every crawled document again under COPIES more URLs (reposts), not analysed yet; returns how many."""
    db = open_db(db_file)
    rows = list(db.query("SELECT * FROM documents ORDER BY id"))
    with db.conn:
        for copy in range(1, COPIES + 1):
            for row in rows:
                db.execute(
                    "INSERT INTO documents (url, fingerprint, site, kind, title, published, fetched_at, http_status, "
                    "content_type, encoding, content_hash, warc_file, warc_offset, warc_record_id, crawl_run_id) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [f"{row['url']}#repost-{copy}", f"{row['fingerprint']}-{copy}", row["site"], row["kind"],
                     row["title"], row["published"], row["fetched_at"], row["http_status"], row["content_type"],
                     row["encoding"], row["content_hash"], row["warc_file"], row["warc_offset"],
                     row["warc_record_id"], row["crawl_run_id"]],
                )
    return len(rows) * COPIES


def snapshot(db_file: Path) -> dict[str, list[tuple]]:
    db = open_db(db_file)
    return {table: sorted(tuple(r) for r in db.execute(f"SELECT {columns} FROM {table}"))
            for table, columns in OUTPUT.items()}


def children(parent: int) -> list[int]:
    """Processes whose parent is `parent`."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == parent:
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """Is the process alive (not gone, not a zombie)?"""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, IndexError):
        return False


def analyzed(db_file: Path) -> int:
    with sqlite3.connect(db_file, timeout=30) as conn:
        return conn.execute("SELECT COUNT(*) FROM documents WHERE analyzed_at IS NOT NULL").fetchone()[0]


@pytest.fixture(scope="module")
def reviewed(tmp_path_factory) -> tuple[Path, list[int]]:
    """A crawled and analysed store in which an analyst has decided on some evidence, plus new reposts."""
    db_file = tmp_path_factory.mktemp("reviewed") / "m.db"
    server, base_url = serve()
    with server:
        report = crawl(db_file, sites=SITES, since=SINCE, base_url=base_url, settings=TEST_SETTINGS, progress=False)
    assert report.returncode == 0 and not report.failed_sites
    db = open_db(db_file)
    analyze(db, db_file, progress=False)
    decided = [r["id"] for r in db.query("SELECT id FROM evidence ORDER BY id LIMIT 3")]
    assert len(decided) == 3
    for evidence_id, status in zip(decided, ("confirmed", "rejected", "duplicate"), strict=True):
        decide(db, evidence_id, actor="analyst", new_status=status, note=f"{status} by hand")
    add_reposts(db_file)
    return db_file, decided


def test_kill_9_mid_analyze_then_rerun_equals_one_clean_run(reviewed, tmp_path):
    source, decided = reviewed
    reference = copy_store(source, tmp_path / "reference")
    analyze(open_db(reference), reference, progress=False)
    expected = snapshot(reference)

    db_file = copy_store(source, tmp_path / "killed")
    start = analyzed(db_file)
    total = open_db(db_file)["documents"].count
    command = [sys.executable, "-m", "cloudcredit", "--db", str(db_file), "analyze", "--no-progress",
               "--batch-size", "20"]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and analyzed(db_file) < start + 20 and child.poll() is None:
        time.sleep(0.02)
    workers = children(child.pid)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert start < analyzed(db_file) < total, "the kill should land in the middle of the run"
    assert workers, "the run should have worker processes"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(running(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(running(pid) for pid in workers), "workers outlived their killed parent"
    history_before = {i: history(open_db(db_file), i) for i in decided}

    rerun = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    db = open_db(db_file)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert analyzed(db_file) == total
    assert snapshot(db_file) == expected
    assert {i: history(db, i) for i in decided} == history_before
    assert [db["evidence"].get(i)["status"] for i in decided] == ["confirmed", "rejected", "duplicate"]
