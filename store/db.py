"""Open the store: one SQLite file in WAL mode with foreign keys on, migrated to the current schema."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from store.schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = Path("data/monitor.db")
MIN_SQLITE = (3, 33, 0)
"""The oldest SQLite the store's statements run on (Debian 12's Python has 3.40)."""
CACHE_KIB = 8192
"""Page cache of a connection (SQLite's default is 2 MiB): the indexes a batch job looks up stay in memory."""
CHECKPOINT_PAGES = 4000
"""WAL pages written before SQLite copies them into the database (its default is 1,000): a page that a batch
rewrites many times is copied once per checkpoint."""


class StoreError(Exception):
    """A problem with the database that the user can act on (shown as one line)."""


def default_db_path() -> Path:
    """The database named by CLOUDCREDIT_DB, else data/monitor.db."""
    return Path(os.environ.get("CLOUDCREDIT_DB") or DEFAULT_DB)


def now() -> str:
    """The current UTC time as ISO-8601 text, the store's timestamp format."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def schema_version(db: sqlite_utils.Database) -> int:
    """The schema version recorded in the database (0 for an empty one)."""
    if "schema_version" not in db.table_names():
        return 0
    row = db.execute("SELECT MAX(version) FROM schema_version").fetchone()
    return row[0] or 0


def open_db(path: str | Path | None = None, *, migrate: bool = True) -> sqlite_utils.Database:
    """Open (creating if needed) the store at `path` and bring its schema up to date.

    Raises StoreError when the file is newer than this code, not a database, or not writable, or when Python's
    SQLite is older than MIN_SQLITE.
    """
    if sqlite3.sqlite_version_info < MIN_SQLITE:
        raise StoreError(f"SQLite {sqlite3.sqlite_version} is too old: cloudcredit needs "
                         f"{'.'.join(map(str, MIN_SQLITE))} or newer (UPDATE … FROM, generated columns, JSON functions)")
    path = Path(path) if path is not None else default_db_path()
    if str(path) != ":memory:":
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for {path}: {exc.strerror}") from exc
    try:
        conn = sqlite3.connect(str(path), timeout=30, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 30000")
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = {-CACHE_KIB}")
        conn.execute(f"PRAGMA wal_autocheckpoint = {CHECKPOINT_PAGES}")
        db = sqlite_utils.Database(conn)
        current = schema_version(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path} is not a usable SQLite database: {exc}") from exc
    if current > SCHEMA_VERSION:
        raise StoreError(
            f"{path} has schema version {current}, newer than this cloudcredit understands "
            f"({SCHEMA_VERSION}); upgrade cloudcredit"
        )
    if migrate and current < SCHEMA_VERSION:
        _migrate(db, current)
    return db


def _migrate(db: sqlite_utils.Database, current: int) -> None:
    try:
        with transaction(db):
            db.execute(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            for version in range(current + 1, SCHEMA_VERSION + 1):
                MIGRATIONS[version - 1](db)
                db.execute("INSERT INTO schema_version VALUES (?, ?)", [version, now()])
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot upgrade the database schema: {exc}") from exc


@contextmanager
def transaction(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """Run a block in one IMMEDIATE transaction: all of it is written, or none of it."""
    conn = db.conn
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        try:
            yield db
        except BaseException:
            if conn.in_transaction:  # SQLite already rolled back everything after a full disk or I/O error
                conn.execute("ROLLBACK TO nested")
                conn.execute("RELEASE nested")
            raise
        conn.execute("RELEASE nested")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if conn.in_transaction:  # SQLite already rolled back after a full disk or I/O error
            conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def insert_row(db: sqlite_utils.Database, table: str, row: dict[str, object], *, ignore: bool = False) -> int:
    """Insert one row with plain SQL and return its rowid (for hot paths: sqlite-utils' `insert` reads the
    schema on every call). With `ignore`, a row that breaks a uniqueness constraint is skipped."""
    columns = ", ".join(f"[{name}]" for name in row)
    marks = ", ".join(f":{name}" for name in row)
    verb = "INSERT OR IGNORE" if ignore else "INSERT"
    return db.execute(f"{verb} INTO [{table}] ({columns}) VALUES ({marks})", row).lastrowid


MAX_VARIABLES = 999
"""Most parameters `insert_rows` and `update_rows` put in one statement (SQLite's lowest default limit)."""


def _values(rows: list[dict[str, object]], columns: list[str]) -> Iterator[tuple[str, list[object]]]:
    """`VALUES` lists of the rows and their parameters, as many rows to a list as the parameter limit allows."""
    size = max(1, MAX_VARIABLES // max(len(columns), 1))
    row_marks = "(" + ", ".join("?" * len(columns)) + ")"
    for start in range(0, len(rows), size):
        part = rows[start : start + size]
        yield ", ".join([row_marks] * len(part)), [row[name] for row in part for name in columns]


def insert_rows(db: sqlite_utils.Database, table: str, rows: list[dict[str, object]]) -> None:
    """Insert many rows (dicts with the same keys) with as few statements as the parameter limit allows.

    Tables with a full-text index are written this way: FTS5 writes its pending terms out at every savepoint,
    and SQLite opens one for each writing statement that fires triggers or can fail half-way, so rows written
    one statement at a time leave one small index segment each, for later merges to rewrite.
    """
    if not rows:
        return
    columns = list(rows[0])
    names = ", ".join(f"[{name}]" for name in columns)
    for values, parameters in _values(rows, columns):
        db.execute(f"INSERT INTO [{table}] ({names}) VALUES {values}", parameters)


def update_rows(
    db: sqlite_utils.Database, table: str, rows: list[dict[str, object]], *, key: str = "id", where: str | None = None
) -> None:
    """Update many rows (dicts with the same keys, `key` among them, naming the row) with as few statements as
    the parameter limit allows (see `insert_rows`); `where` adds a condition on the rows to update."""
    if not rows:
        return
    columns = list(rows[0])
    position = {name: number for number, name in enumerate(columns, 1)}
    assignments = ", ".join(f"[{name}] = staged.column{position[name]}" for name in columns if name != key)
    condition = f"[{table}].[{key}] = staged.column{position[key]}" + (f" AND ({where})" if where else "")
    for values, parameters in _values(rows, columns):
        db.execute(f"UPDATE [{table}] SET {assignments} FROM (VALUES {values}) AS staged WHERE {condition}", parameters)


def table_counts(db: sqlite_utils.Database) -> dict[str, int]:
    """Rows per user table (full-text shadow tables left out)."""
    counts = {}
    for name in sorted(db.table_names()):
        if "_fts" in name or name.startswith("sqlite_"):
            continue
        counts[name] = db.execute(f"SELECT COUNT(*) FROM [{name}]").fetchone()[0]
    return counts
