"""`cloudcredit import-captures`: the store's single writer for crawlers that share a Redis frontier."""

from __future__ import annotations

import typer

from cloudcredit.app import console, db_path, open_store
from crawlers.runs import runs_table
from crawlers.scaleout import import_captures


def import_captures_command(
    redis_url: str = typer.Option(..., "--redis", envvar="REDIS_URL", help="The Redis the crawlers push to."),
    idle_timeout: float = typer.Option(60.0, "--idle-timeout", min=0.0,
                                       help="Record crawlers silent this many seconds as interrupted, then stop."),
    follow: bool = typer.Option(False, "--follow", help="Keep importing for ever (run it as a service)."),
) -> None:
    """Import what crawlers on Redis sent (captures, documents, run counts) into the store, then stop."""
    run_ids = import_captures(db_path(), redis_url, idle_timeout=idle_timeout, follow=follow)
    console.print(runs_table(open_store(), run_ids))


def register(app: typer.Typer) -> None:
    """Add `import-captures` to the cloudcredit CLI."""
    app.command("import-captures")(import_captures_command)
