"""`cloudcredit crawl` and `cloudcredit crawl-status`."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import typer

from cloudcredit.app import UserError, console, db_path, open_store
from crawlers.runs import health, runs_table
from crawlers.settings import CRAWL_MAX_ERROR_RATE, CRAWL_STALE_DAYS
from crawlers.siteconfig import ConfigError, load_config, site_configs


def _check_args(sites: list[str], site_config: Path | None, since: str | None, base_url: str | None) -> None:
    if sites and site_config:
        raise UserError("give either --site or --site-config, not both")
    known = site_configs()
    for name in sites:
        if name not in known:
            raise UserError(f"unknown site {name!r}; configured sites: {', '.join(sorted(known))}")
    if since:
        try:
            date.fromisoformat(since)
        except ValueError:
            raise UserError(f"--since must be a date like 2026-11-01, not {since!r}") from None
    if base_url:
        parts = urlsplit(base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise UserError(f"--base-url must look like http://127.0.0.1:8000, not {base_url!r}")
    if site_config:
        try:
            load_config(site_config)
        except ConfigError as exc:
            raise UserError(str(exc)) from None


def crawl(
    site: list[str] = typer.Option([], "--site", help="Crawl this configured site (repeatable; default: all)."),
    site_config: Path = typer.Option(None, "--site-config", help="Crawl the site described by this config file."),
    since: str = typer.Option(None, "--since", help="Only items published on or after DATE (YYYY-MM-DD)."),
    base_url: str = typer.Option(None, "--base-url", help="Send the site's requests to this host (a replica)."),
    jobdir: Path = typer.Option(None, "--jobdir", help="Keep crawl state here so a killed crawl can resume."),
    setting: list[str] = typer.Option([], "--set", help="Override a Scrapy setting, KEY=VALUE (repeatable)."),
    redis_url: str = typer.Option(None, "--redis", envvar="REDIS_URL",
                                  help="Share one frontier on this Redis (scale-out, docs/scaleout.md)."),
    workers: int = typer.Option(1, "--workers", min=1, help="With --redis: crawl processes to start here."),
    join: bool = typer.Option(False, "--join", help="With --redis: join the shared crawl, store nothing here."),
) -> None:
    """Crawl configured sites into the store and report what was fetched, kept, known and failed."""
    _check_args(site, site_config, since, base_url)
    for override in setting:
        if "=" not in override:
            raise UserError(f"--set takes KEY=VALUE, not {override!r}")
    if redis_url or join or workers > 1:
        from crawlers.scaleout_cli import crawl_on_redis

        report = crawl_on_redis(redis_url, sites=site, site_config=site_config, since=since, base_url=base_url,
                                jobdir=jobdir, settings=setting, workers=workers, join=join)
        if report is None:
            return
    else:
        from crawlers.run import crawl as run_crawl

        report = run_crawl(db_path(), sites=site, site_configs=[site_config] if site_config else [], since=since,
                           base_url=base_url, jobdir=jobdir, settings=setting)
    db = open_store()
    if report.run_ids:
        console.print(runs_table(db, report.run_ids))
    if report.returncode != 0:
        raise UserError(f"the crawl process failed (exit code {report.returncode}); see its log above")
    for problem in health(db, stale_days=CRAWL_STALE_DAYS, max_error_rate=CRAWL_MAX_ERROR_RATE, sites=report.sites):
        console.print(f"[yellow]check:[/yellow] {problem}")


def crawl_status(
    stale_days: int = typer.Option(CRAWL_STALE_DAYS, "--stale-days", help="Report sites with nothing new this long."),
    max_error_rate: float = typer.Option(CRAWL_MAX_ERROR_RATE, "--max-error-rate",
                                         help="Report sites whose last run failed more than this share."),
    last: int = typer.Option(20, "--last", help="How many recent runs to list."),
) -> None:
    """List recent crawl runs and report stale or failing sites (exit code 2 when there are problems)."""
    db = open_store()
    run_ids = [r[0] for r in db.execute("SELECT id FROM crawl_runs ORDER BY id DESC LIMIT ?", [last])]
    console.print(runs_table(db, sorted(run_ids)))
    problems = health(db, stale_days=stale_days, max_error_rate=max_error_rate)
    for problem in problems:
        console.print(f"[yellow]check:[/yellow] {problem}")
    if problems:
        raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add the crawl commands to the cloudcredit CLI."""
    app.command("crawl")(crawl)
    app.command("crawl-status")(crawl_status)
