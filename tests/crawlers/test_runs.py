"""Run records: the health check's stale and error-rate reports, and the summary table."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from rich.console import Console

from crawlers.runs import health, runs_table
from store.db import open_db


def add_run(db, site, started, *, new=0, fetched=10, failed=0, status="ok", failures=None):
    db.execute("INSERT OR IGNORE INTO sources (name, title) VALUES (?, ?)", [site, site])
    return db.execute(
        "INSERT INTO crawl_runs (site, started_at, finished_at, status, fetched, new, failed, failures, duration_s) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1.5)",
        [site, started, started, status, fetched, new, failed, json.dumps(failures or {})],
    ).lastrowid


def test_health_reports_stale_failing_and_never_crawled_sites(tmp_path):
    db = open_db(tmp_path / "m.db")
    now = datetime(2026, 11, 28, tzinfo=UTC)
    add_run(db, "fresh", "2026-11-27T06:00:00+00:00", new=3)
    add_run(db, "stale", "2026-11-10T06:00:00+00:00", new=4)
    add_run(db, "stale", "2026-11-27T06:00:00+00:00", new=0)
    add_run(db, "failing", "2026-11-27T06:00:00+00:00", new=2, fetched=6, failed=4, failures={"http_503": 4})
    db.execute("INSERT INTO sources (name, title) VALUES ('idle', 'idle')")
    problems = health(db, stale_days=7, max_error_rate=0.2, now=now)
    assert problems == [
        "failing: 4 of 10 requests failed in run 4 (http_503 4)",
        "idle: never crawled",
        "stale: nothing new for 17 days (since 2026-11-10)",
    ]
    assert health(db, stale_days=30, max_error_rate=0.5, now=now, sites=["fresh", "stale"]) == []


def test_health_reports_blocked_runs(tmp_path):
    db = open_db(tmp_path / "m.db")
    add_run(db, "ccgp", "2026-11-27T06:00:00+00:00", new=1, failed=1, fetched=20, status="blocked",
            failures={"blocked": 1})
    problems = health(db, stale_days=7, max_error_rate=0.2, now=datetime(2026, 11, 28, tzinfo=UTC))
    assert problems == ["ccgp: last run 1 ended blocked"]


def test_runs_table_lists_failures_by_reason(tmp_path):
    db = open_db(tmp_path / "m.db")
    run = add_run(db, "ggzy", "2026-11-27T06:00:00+00:00", new=2, failed=3, failures={"http_500": 2, "timeout": 1})
    console = Console(width=200, record=True)
    console.print(runs_table(db, [run]))
    text = console.export_text()
    assert "ggzy" in text and "3 (http_500 2, timeout 1)" in text
