"""The `cloudcredit` Typer application, its global options and the helpers stage commands share."""

from __future__ import annotations

from pathlib import Path

import sqlite_utils
import typer
from rich.console import Console

from store.db import default_db_path, open_db

app = typer.Typer(
    name="cloudcredit",
    help="Watch China's cloud-services market for self-discipline breaches and rate companies (AAA…C).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console()


_options: dict[str, Path] = {}


class UserError(Exception):
    """Bad input from the user: shown as one line on stderr, exit code 1."""


@app.callback()
def global_options(
    db: Path = typer.Option(
        None, "--db", envvar="CLOUDCREDIT_DB", help="SQLite database (default: data/monitor.db).", show_default=False
    ),
) -> None:
    """Global options shared by every subcommand."""
    _options["db_path"] = db or default_db_path()


def db_path() -> Path:
    """The database path chosen by --db, CLOUDCREDIT_DB or the default."""
    return _options.get("db_path") or default_db_path()


def open_store() -> sqlite_utils.Database:
    """Open the store named on the command line, migrated to the current schema."""
    return open_db(db_path())
