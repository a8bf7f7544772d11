"""Crawl run reports: the summary table of a crawl and the health check of every site."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import sqlite_utils
from rich.table import Table


def runs_table(db: sqlite_utils.Database, run_ids: list[int]) -> Table:
    """One row per crawl run: fetched, new, known, failed (by reason), blocked, duration."""
    table = Table(title="crawl runs")
    for column in ("run", "site", "status", "since", "fetched", "new", "known", "failed", "blocked", "seconds"):
        table.add_column(column, justify="right" if column in ("run", "fetched", "new", "known", "blocked",
                                                                "seconds") else "left")
    for run_id in run_ids:
        row = db["crawl_runs"].get(run_id)
        reasons = json.loads(row["failures"] or "{}")
        failed = str(row["failed"]) + (f" ({', '.join(f'{k} {v}' for k, v in sorted(reasons.items()))})"
                                       if reasons else "")
        table.add_row(str(row["id"]), row["site"], row["status"], row["since"] or "", str(row["fetched"]),
                      str(row["new"]), str(row["known"]), failed, str(row["blocked"]),
                      f"{row['duration_s'] or 0:.1f}")
    return table


def health(db: sqlite_utils.Database, *, stale_days: int, max_error_rate: float,
           sites: list[str] | None = None, now: datetime | None = None) -> list[str]:
    """Problems worth a look: sites with nothing new for `stale_days`, or too many failures last time."""
    now = now or datetime.now(UTC)
    names = sites or [r[0] for r in db.execute("SELECT name FROM sources WHERE enabled = 1 ORDER BY name")]
    problems = []
    for site in names:
        runs = list(db.query("SELECT * FROM crawl_runs WHERE site = ? AND status != 'running' ORDER BY id", [site]))
        if not runs:
            problems.append(f"{site}: never crawled")
            continue
        with_new = [r for r in runs if r["new"] > 0]
        reference = (with_new or runs[:1])[-1]["started_at"]
        idle = (now - datetime.fromisoformat(reference)).days
        if idle >= stale_days:
            what = "nothing new" if with_new else "nothing stored yet"
            problems.append(f"{site}: {what} for {idle} days (since {reference[:10]})")
        last = runs[-1]
        attempts = last["fetched"] + last["failed"]
        if attempts and last["failed"] / attempts > max_error_rate:
            reasons = ", ".join(f"{k} {v}" for k, v in sorted(json.loads(last["failures"]).items()))
            problems.append(f"{site}: {last['failed']} of {attempts} requests failed in run {last['id']} ({reasons})")
        if last["status"] in ("blocked", "failed", "interrupted"):
            problems.append(f"{site}: last run {last['id']} ended {last['status']}")
    return problems
