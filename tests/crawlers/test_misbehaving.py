"""Crawls against a misbehaving replica: nothing is lost, and every failure is recorded with its reason."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from replicas.content import articles, bulletins
from store.captures import data_dir, read_capture
from store.db import open_db
from tests.crawlers.conftest import SINCE, TEST_SETTINGS, run_crawl

pytestmark = pytest.mark.slow

CCTIME = len(articles("cctime"))
DETAILS = "/html/2026-*"


@pytest.fixture(autouse=True)
def calm(replica):
    robots = replica.replica.robots_txt
    replica.replica.calm()
    yield
    replica.replica.calm()
    replica.replica.robots_txt = robots


def detail_paths(replica) -> list[str]:
    return [t for t in replica.replica.requests() if t.startswith("/html/2026-")]


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def stored(db_file, site="cctime") -> list[dict]:
    return list(open_db(db_file).query("SELECT * FROM documents WHERE site = ?", [site]))


def test_retry_after_is_honoured(replica, tmp_path):
    replica.replica.misbehave("status", DETAILS, status=503, retry_after="1", times=1)
    report = run_crawl(tmp_path / "m.db", replica.base_url, sites=["cctime"], settings=["RETRY_AFTER_MAX=5"])
    run = report.runs[0]
    assert (run["new"], run["failed"], run["status"]) == (CCTIME, 0, "ok")
    timeline = [(t, target) for t, _m, target in replica.replica.timeline()]
    first_hit = next((t, target) for t, target in timeline if target.startswith("/html/2026-"))
    again = next(t for t, target in timeline if target == first_hit[1] and t > first_hit[0])
    assert again - first_hit[0] >= 0.95


def test_persistent_server_error_is_recorded_and_picked_up_next_run(replica, tmp_path):
    db_file = tmp_path / "m.db"
    victim = f"/html/{articles('cctime')[2].published:%Y-%m-%d}/{articles('cctime')[2].key}.htm"
    replica.replica.misbehave("status", victim, status=500)
    run = run_crawl(db_file, replica.base_url, sites=["cctime"], settings=["RETRY_TIMES=2"]).runs[0]
    assert (run["new"], run["failed"], json.loads(run["failures"]), run["status"]) == (
        CCTIME - 1, 1, {"http_500": 1}, "ok")
    assert replica.replica.requests().count(victim) == 3
    replica.replica.calm()
    again = run_crawl(db_file, replica.base_url, sites=["cctime"]).runs[0]
    assert (again["new"], again["failed"]) == (1, 0)
    assert detail_paths(replica) == [victim]
    assert len(stored(db_file)) == CCTIME


def test_block_pages_pause_the_site_and_are_never_stored(replica, tmp_path):
    db_file = tmp_path / "m.db"
    paths = [f"/html/{a.published:%Y-%m-%d}/{a.key}.htm" for a in articles("cctime")]
    replica.replica.misbehave("block", paths[0], times=1)
    replica.replica.misbehave("block", paths[1])
    run = run_crawl(db_file, replica.base_url, sites=["cctime"], settings=["BLOCK_RETRIES=2"]).runs[0]
    assert run["blocked"] == 1 + 3
    assert json.loads(run["failures"]) == {"blocked": 1} and run["status"] == "blocked"
    assert replica.replica.requests().count(paths[1]) == 3
    rows = stored(db_file)
    assert len(rows) == CCTIME - 1 and paths[1] not in {path_of(r["url"]) for r in rows}
    for row in rows:
        payload = read_capture(data_dir(db_file), row["warc_file"], row["warc_offset"]).payload.decode()
        assert "安全验证" not in payload and "验证码" not in payload


def test_truncated_responses_are_retried_or_recorded(replica, tmp_path):
    paths = [f"/html/{a.published:%Y-%m-%d}/{a.key}.htm" for a in articles("cctime")]
    replica.replica.misbehave("truncate", "/html/news/list_1.htm", times=1)
    replica.replica.misbehave("truncate", paths[0], times=1)
    replica.replica.misbehave("truncate", paths[3])
    run = run_crawl(tmp_path / "m.db", replica.base_url, sites=["cctime"], settings=["RETRY_TIMES=1"]).runs[0]
    assert run["new"] == CCTIME - 1
    assert json.loads(run["failures"]) == {"dataloss": 1}


def test_wrong_charset_declaration_is_detected(replica, tmp_path):
    db_file = tmp_path / "m.db"
    replica.replica.misbehave("wrong_charset", "/pub/*")
    run = run_crawl(db_file, replica.base_url, sites=["jiangsu"]).runs[0]
    assert (run["new"], run["failed"]) == (len(bulletins("jiangsu")), 0)
    rows = stored(db_file, "jiangsu")
    assert sorted(r["title"] for r in rows) == sorted(b.title for b in bulletins("jiangsu"))
    for row in rows:
        capture = read_capture(data_dir(db_file), row["warc_file"], row["warc_offset"])
        assert "charset=utf-8" in capture.header("Content-Type")
        assert row["encoding"] == "gbk" and row["title"] in capture.payload.decode("gbk")


def test_slow_responses_time_out_and_are_recorded(replica, tmp_path):
    victim = f"/html/{articles('cctime')[0].published:%Y-%m-%d}/{articles('cctime')[0].key}.htm"
    replica.replica.misbehave("slow", victim, delay=1.0)
    run = run_crawl(tmp_path / "m.db", replica.base_url, sites=["cctime"],
                    settings=["DOWNLOAD_TIMEOUT=0.4", "RETRY_TIMES=1"]).runs[0]
    assert run["new"] == CCTIME - 1 and json.loads(run["failures"]) == {"timeout": 1}


def test_killed_crawl_resumes_from_its_jobdir(replica, tmp_path):
    db_file, jobdir = tmp_path / "m.db", tmp_path / "job"
    replica.replica.misbehave("slow", DETAILS, delay=0.4)
    command = [sys.executable, "-m", "crawlers.run", "--db", str(db_file), "--site", "cctime", "--since", SINCE,
               "--base-url", replica.base_url, "--jobdir", str(jobdir)]
    settings = [*TEST_SETTINGS, "CONCURRENT_REQUESTS=1", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "LOG_LEVEL=WARNING"]
    open_db(db_file)
    child = subprocess.Popen(command + [a for s in settings for a in ("--set", s)])
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(stored(db_file)) < 2:
        time.sleep(0.1)
    child.send_signal(signal.SIGINT)
    assert child.wait(timeout=60) == 0
    first = open_db(db_file)["crawl_runs"].get(1)
    kept = {r["url"] for r in stored(db_file)}
    assert first["status"] == "interrupted" and 2 <= len(kept) < CCTIME
    first_details = set(detail_paths(replica))
    replica.replica.calm()
    report = run_crawl(db_file, replica.base_url, sites=["cctime"], jobdir=jobdir)
    assert report.runs[0]["status"] == "ok"
    rows = stored(db_file)
    assert len(rows) == len({r["url"] for r in rows}) == CCTIME
    resumed = set(detail_paths(replica))
    assert not resumed & {path_of(url) for url in kept}
    assert resumed | first_details >= {path_of(r["url"]) for r in rows}


def test_robots_txt_is_obeyed(replica, tmp_path):
    barred = articles("cctime")[1]
    replica.replica.robots_txt = f"User-agent: *\nDisallow: /html/{barred.published:%Y-%m-%d}/\n"
    run = run_crawl(tmp_path / "m.db", replica.base_url, sites=["cctime"]).runs[0]
    same_day = sum(a.published == barred.published for a in articles("cctime"))
    assert run["new"] == CCTIME - same_day
    assert json.loads(run["failures"]) == {"robots": same_day}
    assert not any(p.startswith(f"/html/{barred.published:%Y-%m-%d}/") for p in replica.replica.requests())
