"""Running crawls: `crawl()` for Python callers and `python -m crawlers.run`, the child process it starts.

Scrapy's Twisted reactor cannot be restarted within a process, so every crawl runs in a child process;
callers (the CLI, the daily job, tests, benches) get a CrawlReport read back from the store.

Scrapy and the spiders are imported by the functions that use them: the crawl's store writer process
(multiprocessing "spawn") re-imports this module, the crawl's `__main__`, and needs none of them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import sqlite_utils

from crawlers.preflight import check_writable
from crawlers.siteconfig import load_config
from store.db import open_db

if TYPE_CHECKING:
    from scrapy.settings import Settings


@dataclass
class CrawlReport:
    """The crawl_runs rows one crawl wrote, and how its process ended."""

    runs: list[dict] = field(default_factory=list)
    returncode: int = 0
    sites: list[str] = field(default_factory=list)

    @property
    def run_ids(self) -> list[int]:
        return [run["id"] for run in self.runs]

    @property
    def failed_sites(self) -> list[str]:
        """Sites whose run did not end 'ok' (or never started)."""
        ok = {run["site"] for run in self.runs if run["status"] == "ok"}
        return [site for site in self.sites if site not in ok]

    def summary(self) -> str:
        """One line: per site, new / known / fetched / failed."""
        parts = [
            f"{run['site']}: {run['new']} new, {run['known']} known, {run['fetched']} fetched, {run['failed']} failed"
            + ("" if run["status"] == "ok" else f" ({run['status']})")
            for run in self.runs
        ]
        return "; ".join(parts) or "nothing crawled"


def enabled_sites(db: sqlite_utils.Database) -> list[str]:
    """Bundled sites whose config is enabled and which nobody switched off in `sources.enabled`."""
    from crawlers.spiders.sites import SITE_SPIDERS

    disabled = {row[0] for row in db.execute("SELECT name FROM sources WHERE enabled = 0")}
    return [name for name, spider in sorted(SITE_SPIDERS.items())
            if load_config(spider.config_path).enabled and name not in disabled]


def crawl(
    db_path: str | Path,
    *,
    sites: Sequence[str] | None = None,
    site_configs: Sequence[str | Path] = (),
    since: str | None = None,
    base_url: str | None = None,
    jobdir: str | Path | None = None,
    settings: Sequence[str] = (),
    progress: bool = True,
) -> CrawlReport:
    """Crawl the named sites (every enabled site when neither sites nor site_configs are given).

    `settings` are Scrapy setting overrides as KEY=VALUE. With progress=False the crawl log is kept quiet
    (warnings only, on stderr).
    """
    db = open_db(db_path)
    check_writable(db, db_path)
    if not sites and not site_configs:
        sites = enabled_sites(db)
    if os.environ.get("REDIS_URL"):  # scale-out: a shared Redis frontier, this process imports (docs/scaleout.md)
        from crawlers.scaleout import crawl_shared

        return crawl_shared(db_path, os.environ["REDIS_URL"], sites=sites, site_configs=site_configs, since=since,
                            base_url=base_url, settings=settings, progress=progress)
    before = db.execute("SELECT COALESCE(MAX(id), 0) FROM crawl_runs").fetchone()[0]
    command = [sys.executable, "-m", "crawlers.run", "--db", str(db_path)]
    command += [arg for name in sites or () for arg in ("--site", name)]
    command += [arg for path in site_configs for arg in ("--site-config", str(path))]
    for flag, value in (("--since", since), ("--base-url", base_url), ("--jobdir", jobdir)):
        if value:
            command += [flag, str(value)]
    overrides = list(settings) if progress else ["LOG_LEVEL=WARNING", *settings]
    command += [arg for override in overrides for arg in ("--set", override)]
    result = subprocess.run(command, check=False, stdout=None if progress else subprocess.DEVNULL)
    runs = list(db.query("SELECT * FROM crawl_runs WHERE id > ? ORDER BY id", [before]))
    names = list(sites or ()) + [load_config(path).name for path in site_configs]
    return CrawlReport(runs=runs, returncode=result.returncode, sites=names)


def build_settings(db: str | None, overrides: list[str]) -> Settings:
    """The project settings with the database and any KEY=VALUE overrides applied."""
    from scrapy.utils.project import get_project_settings

    os.environ.setdefault("SCRAPY_SETTINGS_MODULE", "crawlers.settings")
    settings = get_project_settings()
    if db:
        settings.set("CLOUDCREDIT_DB", db, priority="cmdline")
    for override in overrides:
        key, _, value = override.partition("=")
        value = value.strip()
        settings.set(key.strip(), json.loads(value) if value[:1] in "[{" else value, priority="cmdline")
    return settings


LOOPBACK_SETTINGS = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8}
LOOPBACK_PRIORITY = 25  # above the project settings, below --set


def is_loopback(url: str | None) -> bool:
    """Whether a base URL points at this machine (a replica)."""
    host = urlsplit(url).hostname if url else None
    return host in ("localhost", "::1") or bool(host and host.startswith("127."))


def main(argv: list[str] | None = None) -> None:
    """The crawl process: run the given sites' spiders in one Scrapy CrawlerProcess."""
    from scrapy.crawler import CrawlerProcess

    from crawlers.spiders.sites import BASES, SITE_SPIDERS

    parser = argparse.ArgumentParser(description="Run cloudcredit site spiders (started by crawlers.run.crawl).")
    parser.add_argument("--db")
    parser.add_argument("--site", action="append", default=[])
    parser.add_argument("--site-config", action="append", default=[])
    parser.add_argument("--since")
    parser.add_argument("--base-url")
    parser.add_argument("--jobdir")
    parser.add_argument("--set", action="append", default=[], dest="overrides")
    args = parser.parse_args(argv)
    settings = build_settings(args.db, args.overrides)
    if is_loopback(args.base_url) and settings.getbool("LOOPBACK_FAST"):
        settings.setdict(LOOPBACK_SETTINGS, priority=LOOPBACK_PRIORITY)
    process = CrawlerProcess(settings)
    jobs: list[tuple[str, type, dict]] = []
    for path in args.site_config:
        config = load_config(path)
        jobs.append((config.name, BASES[config.spider], {"config": config.path}))
    enabled = [name for name, spider in sorted(SITE_SPIDERS.items()) if load_config(spider.config_path).enabled]
    for name in args.site or ([] if args.site_config else enabled):
        jobs.append((name, SITE_SPIDERS[name], {}))
    crawlers = []
    for name, spider, kwargs in jobs:
        crawler = process.create_crawler(spider)
        crawlers.append((name, crawler))
        crawler.settings.frozen = False
        if args.jobdir:
            crawler.settings.set("JOBDIR", str(Path(args.jobdir) / name), priority="cmdline")
        if not any(spec.browser for spec in load_config(kwargs.get("config") or spider.config_path).lists):
            crawler.settings.set("DOWNLOAD_HANDLERS", {}, priority="cmdline")
        process.crawl(crawler, since=args.since, base_url=args.base_url, **kwargs)
    process.start()
    errors = [crawler.stats.get_value("cloudcredit/store_error")
              or (None if getattr(crawler.spider, "crawl_run_id", 0) else f"{name}: the crawl did not start")
              for name, crawler in crawlers]
    for error in filter(None, errors):
        print(f"error: {error}", file=sys.stderr)
    if any(errors):
        sys.exit(1)


if __name__ == "__main__":
    main()
