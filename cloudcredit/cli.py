"""Entry point of the `cloudcredit` command: the core commands plus each stage's own."""

from __future__ import annotations

import sqlite3
import sys

from cloudcredit import daily_cli, store_cli
from cloudcredit.app import UserError, app
from crawlers import cli as crawlers_cli
from crawlers import scaleout_cli
from evidence import cli as evidence_cli
from nlp import cli as nlp_cli
from packs import cli as packs_cli
from scoring import cli as scoring_cli
from store.db import StoreError

STAGE_COMMANDS = (store_cli.register, daily_cli.register, scoring_cli.register, packs_cli.register, nlp_cli.register, evidence_cli.register, crawlers_cli.register, scaleout_cli.register)

for register in STAGE_COMMANDS:
    register(app)


def main() -> None:
    """Run the CLI; user-facing failures become one line on stderr and exit code 1."""
    try:
        app()
    except (UserError, StoreError, ValueError, FileNotFoundError) as exc:
        fail(str(exc))
    except sqlite3.OperationalError as exc:
        hint = " (is the disk full, or the database read-only?)" if "disk" in str(exc) else ""
        fail(f"database: {exc}{hint}")
    except OSError as exc:
        fail(f"{exc.strerror or exc}: {exc.filename or ''}".rstrip(": "))


def fail(message: str) -> None:
    """Print `error: message` as one line on stderr and exit 1."""
    print(f"error: {' '.join(message.split())}", file=sys.stderr)
    sys.exit(1)
