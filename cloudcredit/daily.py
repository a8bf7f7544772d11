"""The daily run: crawl → analyze → digest → re-rate → packs, under a lock, with a log file per run."""

from __future__ import annotations

import fcntl
import logging
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

import sqlite_utils

from store.captures import data_dir


class DailyLocked(Exception):
    """Another daily run holds the lock."""


@dataclass
class DailyOptions:
    """What one daily run does; every field has the value analysts use every day."""

    db_path: Path
    sites: list[str] | None = None
    site_configs: list[Path] = field(default_factory=list)
    base_url: str | None = None
    since: str | None = None
    as_of: str | None = None
    batch: str | None = None
    digest_threshold: float = 0.8
    webhook: str | None = None
    packs: bool = True
    progress: bool = True


@dataclass
class StageResult:
    """How one stage went: a short summary for the table, and the error if it failed."""

    name: str
    ok: bool = True
    summary: str = ""
    seconds: float = 0.0
    error: str | None = None


Stage = Callable[[sqlite_utils.Database, DailyOptions, logging.Logger], str]


@contextmanager
def run_lock(folder: Path) -> Iterator[Path]:
    """Hold `folder/daily.lock` for the duration; raise DailyLocked if another run holds it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "daily.lock"
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise DailyLocked(f"another daily run holds {path}") from exc
        handle.seek(0)
        handle.truncate()
        handle.write(f"{datetime.now(UTC).isoformat()}\n")
        handle.flush()
        try:
            yield path
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_logger(folder: Path) -> tuple[logging.Logger, Path]:
    """A logger writing to a fresh `folder/logs/daily-<UTC time>.log`."""
    logs = folder / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    path = logs / f"daily-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.log"
    logger = logging.getLogger(f"cloudcredit.daily.{path.stem}")
    logger.setLevel(logging.INFO)
    logger.propagate = False
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    return logger, path


def crawl_stage(db: sqlite_utils.Database, options: DailyOptions, log: logging.Logger) -> str:
    """Crawl every enabled site (or the chosen ones) since its last successful run."""
    from crawlers.run import crawl

    report = crawl(
        options.db_path,
        sites=options.sites,
        site_configs=options.site_configs,
        base_url=options.base_url,
        since=options.since,
        progress=options.progress,
    )
    log.info("crawl: %s", report.summary())
    if report.failed_sites:
        raise RuntimeError(f"sites failed: {', '.join(report.failed_sites)}")
    return report.summary()


def analyze_stage(db: sqlite_utils.Database, options: DailyOptions, log: logging.Logger) -> str:
    """Analyze every document not analysed yet and record flags as evidence."""
    from nlp.analyze import analyze

    stats = analyze(db, options.db_path, progress=options.progress)
    log.info("analyze: %s", stats)
    return str(stats)


def digest_stage(db: sqlite_utils.Database, options: DailyOptions, log: logging.Logger) -> str:
    """Summarise new evidence above the threshold (Markdown + HTML, optional webhook)."""
    from evidence.digest import write_digest

    digest = write_digest(db, options.db_path, threshold=options.digest_threshold, webhook=options.webhook)
    log.info("digest: %s", digest)
    return str(digest)


def score_stage(db: sqlite_utils.Database, options: DailyOptions, log: logging.Logger) -> str:
    """Re-rate the batch's participants as of today (or --as-of); unchanged inputs keep their digest."""
    from scoring.rating import rate_batch

    as_of = options.as_of or date.today().isoformat()
    before = {(r["company_id"], r["inputs_digest"]) for r in db.query("SELECT company_id, inputs_digest FROM ratings")}
    ratings = rate_batch(db, as_of, options.batch)
    changed = sum((r.company_id, r.inputs_digest) not in before for r in ratings)
    log.info("score: %d rated as of %s, %d with changed inputs", len(ratings), as_of, changed)
    return f"{len(ratings)} rated as of {as_of}, {changed} changed"


def packs_stage(db: sqlite_utils.Database, options: DailyOptions, log: logging.Logger) -> str:
    """Build a pack for every rating that has none (new or changed ratings)."""
    from packs.build import build_pack

    out = data_dir(options.db_path) / "packs"
    rows = list(db.query("SELECT id FROM ratings WHERE pack_digest IS NULL ORDER BY id"))
    for row in rows:
        result = build_pack(db, options.db_path, row["id"], out, pdf=False)
        log.info("pack: rating %s → %s (%s)", row["id"], result.zip_path, result.digest)
    return f"{len(rows)} packs in {out}"


STAGES: list[tuple[str, Stage]] = [
    ("crawl", crawl_stage),
    ("analyze", analyze_stage),
    ("digest", digest_stage),
    ("score", score_stage),
    ("packs", packs_stage),
]


def run_daily(db: sqlite_utils.Database, options: DailyOptions, stages: list[tuple[str, Stage]] | None = None) -> tuple[list[StageResult], Path]:
    """Run every stage in order under the lock. A failing stage is recorded and the run goes on.

    Returns the results and the log file's path.
    """
    folder = data_dir(options.db_path)
    results: list[StageResult] = []
    with run_lock(folder):
        log, log_path = run_logger(folder)
        for name, stage in stages or STAGES:
            if not options.packs and name == "packs":
                continue
            started = time.monotonic()
            result = StageResult(name)
            try:
                result.summary = stage(db, options, log)
            except Exception as exc:  # a failed stage must not stop the others; it is logged and reported
                result.ok = False
                result.error = f"{type(exc).__name__}: {exc}"
                log.error("%s failed: %s\n%s", name, result.error, traceback.format_exc())
            result.seconds = time.monotonic() - started
            results.append(result)
        for handler in list(log.handlers):
            handler.close()
            log.removeHandler(handler)
    return results, log_path
