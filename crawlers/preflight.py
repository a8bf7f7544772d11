"""Checks before a crawl starts: can the store and its WARC folder be written at all?

A crawl against a read-only database or folder would fetch pages only to throw them away; this
turns that into one clear error before anything is fetched.
"""

from __future__ import annotations

import sqlite3
import tempfile
from pathlib import Path

import sqlite_utils

from store.captures import data_dir
from store.db import StoreError


def check_writable(db: sqlite_utils.Database, db_path: str | Path) -> None:
    """Raise StoreError unless a write to the database and a file in its WARC folder both succeed."""
    try:
        db.execute("BEGIN IMMEDIATE")
        try:
            db.execute("CREATE TABLE _cloudcredit_write_probe (x)")
        finally:
            db.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot write to the database {db_path}: {exc}") from exc
    warc = data_dir(db_path) / "warc"
    try:
        warc.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=warc):
            pass
    except OSError as exc:
        raise StoreError(f"cannot write WARC files to {warc}: {exc.strerror or exc}") from exc
