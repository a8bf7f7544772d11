"""`make demo`: the whole system at work on the bundled replica sites, from an empty database.

Loads the Blue Book reference data, serves the replicas on 127.0.0.1, runs the daily job against them
(crawl → analyze → digest → score → packs), writes the rating report, creates a demo analyst login and
starts Datasette, printing the URL and the login.
"""

from __future__ import annotations

import argparse
import os
import secrets
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from cloudcredit.daily import DailyOptions, run_daily
from store.db import open_db
from store.reference import load_reference

DEMO_DB = Path("data/demo.db")
DEMO_ANALYST = "analyst"
console = Console()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run cloudcredit end to end on the bundled replica sites.")
    parser.add_argument("--db", type=Path, default=Path(os.environ.get("CLOUDCREDIT_DB") or DEMO_DB))
    parser.add_argument("--port", type=int, default=8001, help="Datasette port")
    parser.add_argument("--as-of", default=None, help="rating date (default: today)")
    parser.add_argument("--no-serve", action="store_true", help="stop after the pipeline instead of starting Datasette")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the demo; returns the exit code (1 when a stage failed)."""
    from evidence.accounts import add_analyst, secrets_path
    from replicas import serve

    args = parse_args(argv)
    db = open_db(args.db)
    load_reference(db)
    console.print(f"[bold]database[/] {args.db} — Blue Book reference data loaded")
    server, base_url = serve()
    console.print(f"[bold]replica sites[/] serving on {base_url}")
    try:
        options = DailyOptions(db_path=args.db, base_url=base_url, since="2018-01-01", as_of=args.as_of)
        results, log_path = run_daily(db, options)
    finally:
        server.stop()
    table = Table(title="daily run on the replicas")
    for column in ("stage", "status", "seconds", "summary"):
        table.add_column(column)
    for result in results:
        table.add_row(result.name, "ok" if result.ok else "failed", f"{result.seconds:.1f}", result.summary or result.error)
    console.print(table)
    console.print(f"log: {log_path}")
    as_of = options.as_of or _latest_as_of(db)
    if as_of:
        subprocess.call(_cloudcredit(args.db, "report", "--as-of", as_of))
    password = os.environ.get("CLOUDCREDIT_DEMO_PASSWORD") or secrets.token_urlsafe(9)
    add_analyst(secrets_path(args.db), DEMO_ANALYST, password)
    ok = all(r.ok for r in results)
    if args.no_serve:
        return 0 if ok else 1
    console.print(
        f"\n[bold green]Datasette[/] http://127.0.0.1:{args.port}/  — log in at /-/login as "
        f"[bold]{DEMO_ANALYST}[/] with password [bold]{password}[/]  (Ctrl-C to stop)"
    )
    return subprocess.call(_cloudcredit(args.db, "serve", "--port", str(args.port)))


def _cloudcredit(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "cloudcredit", "--db", str(db), *args]


def _latest_as_of(db) -> str | None:
    row = db.execute("SELECT MAX(as_of) FROM ratings").fetchone()
    return row[0] if row else None


if __name__ == "__main__":
    sys.exit(main())
