"""The scale-out side of the CLI: `cloudcredit crawl --redis …` and `cloudcredit import-captures`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cloudcredit.app import UserError, console, db_path, open_store
from crawlers.runs import runs_table

if TYPE_CHECKING:
    from crawlers.run import CrawlReport


def crawl_on_redis(redis_url: str | None, *, sites: list[str], site_config: Path | None, since: str | None,
                   base_url: str | None, jobdir: Path | None, settings: list[str], workers: int,
                   join: bool) -> CrawlReport | None:
    """Run `cloudcredit crawl` on a shared Redis frontier; None for a joining crawler (it stores nothing)."""
    from crawlers.scaleout import crawl_shared

    if not redis_url:
        raise UserError("--workers and --join need --redis URL (or REDIS_URL)")
    if jobdir:
        raise UserError("--jobdir does not apply with --redis: the shared frontier lives in Redis")
    report = crawl_shared(None if join else db_path(), redis_url, sites=sites,
                          site_configs=[site_config] if site_config else [], since=since, base_url=base_url,
                          settings=settings, workers=workers, import_items=not join)
    if join:
        if report.returncode != 0:
            raise UserError(f"the crawl process failed (exit code {report.returncode}); see its log above")
        return None
    return report


def import_captures_command(
    redis_url: str = typer.Option(..., "--redis", envvar="REDIS_URL", help="The Redis the crawlers push to."),
    idle_timeout: float = typer.Option(60.0, "--idle-timeout", min=0.0,
                                       help="Record crawlers silent this many seconds as interrupted, then stop."),
    follow: bool = typer.Option(False, "--follow", help="Keep importing for ever (run it as a service)."),
) -> None:
    """Import what crawlers on Redis sent (captures, documents, run counts) into the store, then stop."""
    from crawlers.scaleout import import_captures

    run_ids = import_captures(db_path(), redis_url, idle_timeout=idle_timeout, follow=follow)
    console.print(runs_table(open_store(), run_ids))


def register(app: typer.Typer) -> None:
    """Add `import-captures` to the cloudcredit CLI."""
    app.command("import-captures")(import_captures_command)
