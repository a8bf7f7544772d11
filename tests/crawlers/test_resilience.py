"""Faults test_misbehaving.py does not cover: 429 pauses, resets, 20 MB pages, binary replies, redirect
loops, endless pagination and `kill -9` in the middle of a crawl. The crawl completes, every failure
is recorded with its reason, and every good page is stored exactly once."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time

import pytest
import yaml

from evidence.records import decide, history, record_flag
from replicas import faults
from replicas.content import articles, bulletins
from store.captures import data_dir, read_capture
from store.db import open_db
from tests.crawlers.conftest import SINCE, TEST_SETTINGS, run_crawl

pytestmark = pytest.mark.slow

CCTIME = len(articles("cctime"))
PATHS = [f"/html/{a.published:%Y-%m-%d}/{a.key}.htm" for a in articles("cctime")]


@pytest.fixture(autouse=True)
def calm(replica):
    replica.replica.calm()
    yield
    replica.replica.calm()


def stored(db_file, site="cctime") -> list[dict]:
    return list(open_db(db_file).query("SELECT * FROM documents WHERE site = ? ORDER BY url", [site]))


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def assert_stored_once(db_file, expected: set[str], site: str = "cctime") -> list[dict]:
    """Exactly the `expected` paths are stored, once each, with captures that read back intact."""
    rows = stored(db_file, site)
    assert sorted(path_of(r["url"]) for r in rows) == sorted(expected)
    for row in rows:
        payload = read_capture(data_dir(db_file), row["warc_file"], row["warc_offset"]).payload
        assert hashlib.sha256(payload).hexdigest() == row["content_hash"]
    return rows


def test_429_retry_after_pauses_the_whole_site(replica, tmp_path):
    rule = replica.replica.misbehave("status", PATHS[0], status=429, retry_after="1", times=1)
    run = run_crawl(tmp_path / "m.db", replica.base_url, sites=["cctime"], settings=["RETRY_AFTER_MAX=5"]).runs[0]
    assert (run["new"], run["failed"], run["status"]) == (CCTIME, 0, "ok") and rule.hits == 1
    timeline = replica.replica.timeline()
    refused = next(t for t, _m, target in timeline if target == PATHS[0])
    later = [t - refused for t, _m, _target in timeline if t > refused + 0.1]
    assert later and min(later) >= 0.9, "no request reached the site while it asked for a pause"
    assert_stored_once(tmp_path / "m.db", set(PATHS))


def test_connection_resets_are_retried_then_recorded(replica, tmp_path):
    replica.replica.misbehave("reset", PATHS[0], times=1)
    replica.replica.misbehave("reset", PATHS[1])
    run = run_crawl(tmp_path / "m.db", replica.base_url, sites=["cctime"], settings=["RETRY_TIMES=2"]).runs[0]
    assert (run["new"], json.loads(run["failures"]), run["status"]) == (CCTIME - 1, {"connection": 1}, "ok")
    # 3 tries by Scrapy; Twisted may resend a GET once on its own when a reused connection is reset
    assert 3 <= replica.replica.requests().count(PATHS[1]) <= 6
    assert_stored_once(tmp_path / "m.db", set(PATHS) - {PATHS[1]})


def test_a_20_mb_page_is_kept_whole_unless_over_download_maxsize(replica, tmp_path):
    replica.replica.misbehave("huge", PATHS[0])
    run = run_crawl(tmp_path / "a.db", replica.base_url, sites=["cctime"]).runs[0]
    assert (run["new"], run["failed"]) == (CCTIME, 0)
    (big,) = [r for r in assert_stored_once(tmp_path / "a.db", set(PATHS)) if path_of(r["url"]) == PATHS[0]]
    payload = read_capture(data_dir(tmp_path / "a.db"), big["warc_file"], big["warc_offset"]).payload
    assert len(payload) == faults.HUGE_SIZE and payload.endswith(b" -->")
    capped = run_crawl(tmp_path / "b.db", replica.base_url, sites=["cctime"],
                       settings=["DOWNLOAD_MAXSIZE=5000000"]).runs[0]
    assert (capped["new"], json.loads(capped["failures"])) == (CCTIME - 1, {"too_large": 1})
    assert replica.replica.requests().count(PATHS[0]) == 2


def test_binary_replies_are_not_stored_as_pages_but_kept_as_attachments(replica, tmp_path):
    replica.replica.misbehave("binary", PATHS[0])
    replica.replica.misbehave("binary", "/oss/gpfile/jiangsu/*")
    run = run_crawl(tmp_path / "m.db", replica.base_url, sites=["cctime"]).runs[0]
    assert (run["new"], json.loads(run["failures"]), run["status"]) == (CCTIME - 1, {"no_content": 1}, "ok")
    assert_stored_once(tmp_path / "m.db", set(PATHS) - {PATHS[0]})
    jiangsu = run_crawl(tmp_path / "m.db", replica.base_url, sites=["jiangsu"]).runs[0]
    assert (jiangsu["new"], jiangsu["failed"]) == (len(bulletins("jiangsu")), 0)
    files = list(open_db(tmp_path / "m.db").query("SELECT * FROM attachments"))
    assert len(files) == sum(b.attachment for b in bulletins("jiangsu"))
    digest = hashlib.sha256(faults.binary_payload()).hexdigest()
    for row in files:
        assert (row["content_type"], row["content_hash"], row["text"]) == ("application/octet-stream", digest, None)
        assert read_capture(data_dir(tmp_path / "m.db"), row["warc_file"], row["warc_offset"]).payload.startswith(b"PK")


def test_redirect_loops_end_and_are_recorded(replica, tmp_path):
    replica.replica.misbehave("redirect_loop", PATHS[2] + "*")
    run = run_crawl(tmp_path / "m.db", replica.base_url, sites=["cctime"], settings=["REDIRECT_MAX_TIMES=5"]).runs[0]
    assert (run["new"], json.loads(run["failures"]), run["status"]) == (CCTIME - 1, {"redirect_loop": 1}, "ok")
    assert sum(target.startswith(PATHS[2]) for target in replica.replica.requests()) == 6
    assert_stored_once(tmp_path / "m.db", set(PATHS) - {PATHS[2]})


def endless_config(tmp_path) -> str:
    config = {
        "name": "endless", "title": "翻不完的列表", "base_url": "http://www.endless.example", "kind": "news",
        "lists": [{"name": "news", "url": "http://www.endless.example/_faults/endless/list_{page}.htm",
                   "items": "ul.items li",
                   "fields": {"title": "a::text", "link": "a::attr(href)", "date": "span.time::text"},
                   "pagination": {"first": 1, "next": "a.next::attr(href)"}}],
        "detail": {"content": ["div.art_content"], "title": ["h1.art_title::text"],
                   "date": ["div.art_info span.date::text"]},
    }
    path = tmp_path / "endless.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return str(path)


def test_endless_pagination_stops_at_the_first_page_that_repeats(replica, tmp_path):
    faults.add_endless_list(replica.replica, PATHS[:3])
    run = run_crawl(tmp_path / "m.db", replica.base_url, site_configs=[endless_config(tmp_path)]).runs[0]
    assert (run["site"], run["new"], run["failed"], run["status"]) == ("endless", 3, 0, "ok")
    lists = [t for t in replica.replica.requests() if t.startswith("/_faults/")]
    assert lists == ["/_faults/endless/list_1.htm", "/_faults/endless/list_2.htm"]
    assert [t for t in replica.replica.requests() if t.startswith("/html/")].count(PATHS[0]) == 1
    assert_stored_once(tmp_path / "m.db", set(PATHS[:3]), site="endless")


def decided_evidence(db_file) -> int:
    """A reviewed evidence item on a document of another site, as an analyst left it before the crash."""
    db = open_db(db_file)
    db.execute("INSERT INTO sources (name, title) VALUES ('c114', 'C114通信网')")
    db.execute("INSERT INTO documents (id, url, fingerprint, site, kind, title) "
               "VALUES (1, 'https://www.c114.com.cn/news/16/a1.html', 'fp-a1', 'c114', 'news', '星澜云0元中标')")
    evidence_id = record_flag(db, document_id=1, violation_type="zero_price_bid", score=0.9, model_version="t",
                              company_id=None, company_name="星澜云科技有限公司", reason="test", triggers=[],
                              winner="星澜云科技有限公司", amount_yuan=0.0, budget_yuan=None, buyer=None,
                              cluster_id=None, occurred_on="2026-11-20")
    decide(db, evidence_id, actor="analyst", new_status="confirmed", note="checked by hand")
    return evidence_id


def test_kill_9_mid_crawl_then_rerun(replica, tmp_path):
    db_file, jobdir = tmp_path / "m.db", tmp_path / "job"
    evidence_id = decided_evidence(db_file)
    before = (open_db(db_file)["evidence"].get(evidence_id), history(open_db(db_file), evidence_id))
    replica.replica.misbehave("slow", "/html/2026-*", delay=0.3)
    command = [sys.executable, "-m", "crawlers.run", "--db", str(db_file), "--site", "cctime", "--since", SINCE,
               "--base-url", replica.base_url, "--jobdir", str(jobdir)]
    settings = [*TEST_SETTINGS, "CONCURRENT_REQUESTS=1", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "LOG_LEVEL=ERROR"]
    child = subprocess.Popen(command + [a for s in settings for a in ("--set", s)], start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(stored(db_file)) < 2:
        time.sleep(0.05)
    os.killpg(child.pid, signal.SIGKILL)  # the crawl and its store writer, mid-write if need be
    child.wait(timeout=30)
    killed = {r["url"] for r in stored(db_file)}
    assert 2 <= len(killed) < CCTIME
    replica.replica.calm()
    rerun = run_crawl(db_file, replica.base_url, sites=["cctime"], jobdir=jobdir).runs[0]
    assert rerun["status"] == "ok" and rerun["new"] == CCTIME - len(killed)
    assert open_db(db_file)["crawl_runs"].get(1)["status"] == "interrupted"
    assert_stored_once(db_file, set(PATHS))
    db = open_db(db_file)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert (db["evidence"].get(evidence_id), history(db, evidence_id)) == before
    assert before[0]["status"] == "confirmed"
