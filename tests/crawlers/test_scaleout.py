"""Scale-out on Redis: two crawl processes share one frontier, each page is fetched once, the importer
stores everything exactly once. Needs /usr/bin/redis-server (scripts/system-packages.sh installs it)."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
import redis

from crawlers.items import AttachmentItem, Capture, DocumentItem, PageRules
from crawlers.run import crawl
from crawlers.scaleout import (
    ITEMS,
    JOB,
    Importer,
    crawl_shared,
    item_from_json,
    item_to_json,
    worker_settings,
)
from replicas.content import articles
from store.db import open_db
from tests.crawlers.conftest import SINCE, TEST_SETTINGS

CCTIME = len(articles("cctime"))
ROOT = Path(__file__).resolve().parents[2]


def test_items_survive_the_trip_through_json():
    capture = Capture("http://x/1", 200, [("Content-Type", "text/html; charset=gbk")], "公告".encode("gbk") + b"\x00\xff",
                      "2026-11-20T00:00:00+00:00")
    item = DocumentItem("http://x/1", "fp", "ccgp", "bulletin", "标题", "2026-11-20", capture, "text/html", "gbk",
                        [AttachmentItem("http://x/1.pdf", "附件", capture, "application/pdf", "正文"),
                         AttachmentItem("http://x/2.pdf", "缺失")])
    assert item_from_json(item_to_json(item)) == item
    unread = dataclasses.replace(item, rules=PageRules(["div.content"], ["h1::text"], [], "gbk"))
    assert item_from_json(item_to_json(unread)) == unread


@pytest.fixture(scope="module")
def redis_url():
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (scripts/system-packages.sh installs it)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
                              stdout=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 10
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(autouse=True)
def calm(replica):
    replica.replica.calm()
    yield
    replica.replica.calm()


@pytest.mark.slow
def test_two_crawlers_on_one_frontier_fetch_each_page_once(replica, redis_url, tmp_path):
    db_file = tmp_path / "m.db"
    # One page a second per crawler: an idle crawler looks at the shared queue every 5 s (Scrapy's heartbeat),
    # so both get a share of the 7 detail pages.
    replica.replica.misbehave("slow", "/html/2026-*", delay=1.0)
    settings = [*TEST_SETTINGS, "CONCURRENT_REQUESTS=1", "CONCURRENT_REQUESTS_PER_DOMAIN=1"]
    report = crawl_shared(db_file, redis_url, sites=["cctime"], since=SINCE, base_url=replica.base_url,
                          settings=settings, workers=2, progress=False)
    assert report.returncode == 0
    pages = Counter(t for t in replica.replica.requests() if t != "/robots.txt")
    assert pages and max(pages.values()) == 1, [p for p, n in pages.items() if n > 1]
    details = [p for p in pages if p.startswith("/html/2026-")]
    assert len(details) == CCTIME
    runs = report.runs
    assert [r["site"] for r in runs] == ["cctime", "cctime"] and {r["status"] for r in runs} == {"ok"}
    assert sum(r["new"] for r in runs) == CCTIME
    assert all(r["fetched"] >= 2 for r in runs), "both crawlers should have fetched pages"
    assert sum(r["fetched"] for r in runs) == sum(pages.values()) + replica.replica.requests().count("/robots.txt")
    db = open_db(db_file)
    rows = list(db.query("SELECT url, crawl_run_id FROM documents WHERE site = 'cctime'"))
    assert len(rows) == len({r["url"] for r in rows}) == CCTIME
    assert {r["crawl_run_id"] for r in rows} <= {r["id"] for r in runs}
    client = redis.Redis.from_url(redis_url)
    assert client.llen(ITEMS) == 0 and client.get(JOB) is None

    replica.replica.calm()
    again = crawl_shared(db_file, redis_url, sites=["cctime"], base_url=replica.base_url, settings=settings,
                         workers=2, progress=False)
    assert again.returncode == 0 and sum(r["new"] for r in again.runs) == 0
    assert Counter(t for t in replica.replica.requests() if t != "/robots.txt") == {"/html/news/list_1.htm": 1}
    assert open_db(db_file)["documents"].count == CCTIME


def cloudcredit(db, *args: str) -> list[str]:
    return [sys.executable, "-m", "cloudcredit", "--db", str(db), *args]


@pytest.mark.slow
def test_a_crawler_joins_from_another_machine_and_stores_nothing_there(replica, redis_url, tmp_path):
    replica.replica.misbehave("slow", "/news/16/*", delay=1.0)
    sets = [a for s in [*TEST_SETTINGS, "LOG_LEVEL=ERROR", "CONCURRENT_REQUESTS_PER_DOMAIN=1"] for a in ("--set", s)]
    crawl = ["crawl", "--redis", redis_url, "--site", "c114", "--since", SINCE, "--base-url", replica.base_url, *sets]
    env = {**os.environ, "COLUMNS": "200"}
    main = subprocess.Popen(cloudcredit(tmp_path / "m.db", *crawl), cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    client = redis.Redis.from_url(redis_url)
    deadline = time.monotonic() + 30
    while client.get(JOB) is None and time.monotonic() < deadline:
        time.sleep(0.05)
    elsewhere = tmp_path / "elsewhere" / "m.db"
    joined = subprocess.run(cloudcredit(elsewhere, *crawl, "--join"), cwd=ROOT, env=env, capture_output=True,
                            text=True, timeout=120)
    out, err = main.communicate(timeout=120)
    assert (main.returncode, joined.returncode) == (0, 0), err + joined.stderr
    assert not elsewhere.exists()
    pages = Counter(t for t in replica.replica.requests() if t != "/robots.txt")
    assert max(pages.values()) == 1 and sum(p.startswith("/news/16/") for p in pages) == len(articles("c114"))
    db = open_db(tmp_path / "m.db")
    assert [r["status"] for r in db.query("SELECT status FROM crawl_runs")] == ["ok", "ok"]
    assert db["documents"].count == len(articles("c114")) and "crawl runs" in out
    drained = subprocess.run(cloudcredit(tmp_path / "m.db", "import-captures", "--redis", redis_url,
                                         "--idle-timeout", "1"), cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=60)
    assert drained.returncode == 0 and "crawl runs" in drained.stdout and db["documents"].count == len(articles("c114"))


@pytest.mark.slow
def test_redis_url_in_the_environment_sends_every_crawl_through_redis(replica, redis_url, tmp_path, monkeypatch):
    monkeypatch.setenv("REDIS_URL", redis_url)
    report = crawl(tmp_path / "m.db", sites=["c114"], since=SINCE, base_url=replica.base_url,
                   settings=TEST_SETTINGS, progress=False)
    assert report.returncode == 0 and [r["status"] for r in report.runs] == ["ok"]
    assert report.runs[0]["new"] == open_db(tmp_path / "m.db")["documents"].count == len(articles("c114"))
    assert redis.Redis.from_url(redis_url).scard("cloudcredit:known:c114") == len(articles("c114"))


@pytest.mark.slow
def test_a_crawler_killed_mid_crawl_is_recorded_interrupted_and_the_rerun_loses_nothing(replica, redis_url, tmp_path):
    db_file = tmp_path / "m.db"
    db = open_db(db_file)
    client = redis.Redis.from_url(redis_url)
    client.set(JOB, "killed")
    replica.replica.misbehave("slow", "/html/2026-*", delay=0.4)
    settings = [*worker_settings(redis_url, "killed"), *TEST_SETTINGS, "CONCURRENT_REQUESTS=1", "LOG_LEVEL=ERROR"]
    child = subprocess.Popen([sys.executable, "-m", "crawlers.run", "--site", "cctime", "--since", SINCE, "--base-url",
                              replica.base_url, *[a for s in settings for a in ("--set", s)]], start_new_session=True)
    importer = Importer(db_file, client)
    deadline = time.monotonic() + 60
    while db["documents"].count < 2 and time.monotonic() < deadline:
        popped = client.blpop([ITEMS], timeout=1)
        if popped is not None:
            importer.handle(json.loads(popped[1]))
    os.killpg(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    importer.run(idle_timeout=1)
    (run,) = db.query("SELECT * FROM crawl_runs")
    assert run["status"] == "interrupted" and 2 <= run["new"] < CCTIME
    client.delete(JOB)
    replica.replica.calm()
    rerun = crawl_shared(db_file, redis_url, sites=["cctime"], since=SINCE, base_url=replica.base_url,
                         settings=TEST_SETTINGS, progress=False)
    assert rerun.returncode == 0 and rerun.runs[0]["new"] == CCTIME - run["new"]
    rows = list(db.query("SELECT url FROM documents"))
    assert len(rows) == len({r["url"] for r in rows}) == CCTIME
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
