"""`cloudcredit daily`: the job analysts run every morning."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from cloudcredit.app import UserError, console, db_path, open_store
from cloudcredit.daily import DailyLocked, DailyOptions, run_daily


def daily_command(
    site: list[str] = typer.Option(None, "--site", help="Crawl only this site (repeatable); default: every enabled site."),
    site_config: list[Path] = typer.Option(None, "--site-config", help="Also crawl the site described by this config file (repeatable)."),
    base_url: str = typer.Option(None, "--base-url", help="Point the crawled sites at this host (a replica or a dry run)."),
    since: str = typer.Option(None, "--since", help="Crawl items published on or after this date (YYYY-MM-DD); default: each site's last successful run."),
    as_of: str = typer.Option(None, "--as-of", help="Rate as of this date (default: today)."),
    batch: str = typer.Option(None, "--batch", help="Rating batch (default: the latest)."),
    threshold: float = typer.Option(0.8, "--threshold", help="Score above which new evidence goes into the digest."),
    webhook: str = typer.Option(None, "--webhook", help="POST the digest as JSON to this URL."),
    no_packs: bool = typer.Option(False, "--no-packs", help="Skip building evidence packs."),
) -> None:
    """Crawl → analyze → digest → re-rate → packs. Exit code 1 when any stage failed; a lock prevents overlap."""
    options = DailyOptions(
        db_path=db_path(), sites=site or None, site_configs=list(site_config or []), base_url=base_url,
        since=since, as_of=as_of, batch=batch, digest_threshold=threshold, webhook=webhook, packs=not no_packs,
    )
    db = open_store()
    try:
        results, log_path = run_daily(db, options)
    except DailyLocked as exc:
        raise UserError(str(exc)) from exc
    table = Table(title="cloudcredit daily")
    for column in ("stage", "status", "seconds", "summary"):
        table.add_column(column)
    for result in results:
        status = "[green]ok[/]" if result.ok else "[red]failed[/]"
        table.add_row(result.name, status, f"{result.seconds:.1f}", result.summary or (result.error or ""))
    console.print(table)
    console.print(f"log: {log_path}")
    if not all(r.ok for r in results):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Attach `daily` to the main app."""
    app.command("daily")(daily_command)
