"""Entry point of the `cloudcredit` command: the core commands plus each stage's own."""

from __future__ import annotations

import sqlite3
import sys

from cloudcredit import store_cli
from cloudcredit.app import UserError, app, err_console
from store.db import StoreError

STAGE_COMMANDS = (store_cli.register,)

for register in STAGE_COMMANDS:
    register(app)


def main() -> None:
    """Run the CLI; user-facing failures become one line on stderr and exit code 1."""
    try:
        app()
    except (UserError, StoreError, ValueError, FileNotFoundError) as exc:
        err_console.print(f"error: {exc}", markup=False, highlight=False)
        sys.exit(1)
    except sqlite3.OperationalError as exc:
        err_console.print(f"error: database: {exc}", markup=False, highlight=False)
        sys.exit(1)
    except OSError as exc:
        err_console.print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), markup=False)
        sys.exit(1)
