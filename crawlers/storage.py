"""What the crawl reads from and writes to the store: sources, runs, known fingerprints, documents."""

from __future__ import annotations

import hashlib
import json
from datetime import date, timedelta
from pathlib import Path

import sqlite_utils

from crawlers.items import DocumentItem
from crawlers.siteconfig import SiteConfig
from store.db import default_db_path, now, transaction


def db_path(setting: str | None) -> Path:
    """The database the crawl writes to: the CLOUDCREDIT_DB setting, else the store's default."""
    return Path(setting) if setting else default_db_path()


def ensure_source(db: sqlite_utils.Database, config: SiteConfig) -> None:
    """Create or refresh the site's `sources` row (its `enabled` flag is left as the user set it)."""
    db.execute(
        "INSERT INTO sources (name, title, base_url, kind, config_path) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET title = excluded.title, base_url = excluded.base_url, "
        "kind = excluded.kind, config_path = excluded.config_path",
        [config.name, config.title, config.base_url, config.kind, config.path],
    )


def start_run(db: sqlite_utils.Database, config: SiteConfig, since: date) -> int:
    """Record the start of a crawl of one site; returns the crawl_runs id."""
    with transaction(db):
        ensure_source(db, config)
        cursor = db.execute(
            "INSERT INTO crawl_runs (site, started_at, status, since) VALUES (?, ?, 'running', ?)",
            [config.name, now(), since.isoformat()],
        )
        return cursor.lastrowid


def close_abandoned_runs(db: sqlite_utils.Database, site: str) -> None:
    """Record the site's runs still 'running' (their crawl was killed) as 'interrupted'.

    Called as a local crawl of the site starts; a crawl that is in fact still running sets its own
    status when it finishes.
    """
    with transaction(db):
        db.execute("UPDATE crawl_runs SET status = 'interrupted' WHERE site = ? AND status = 'running'", [site])


def finish_run(db: sqlite_utils.Database, run_id: int, *, status: str, counts: dict[str, int],
               failures: dict[str, int], duration: float) -> None:
    """Write a run's final counts."""
    with transaction(db):
        db.execute(
            "UPDATE crawl_runs SET finished_at = ?, status = ?, fetched = ?, new = ?, known = ?, failed = ?, "
            "blocked = ?, failures = ?, duration_s = ? WHERE id = ?",
            [now(), status, counts["fetched"], counts["new"], counts["known"], sum(failures.values()),
             counts["blocked"], json.dumps(failures, sort_keys=True), round(duration, 3), run_id],
        )


def known_fingerprints(db: sqlite_utils.Database, site: str) -> set[str]:
    """Fingerprints of the site's documents already stored."""
    return {row[0] for row in db.execute("SELECT fingerprint FROM documents WHERE site = ?", [site])}


def default_since(db: sqlite_utils.Database, config: SiteConfig, today: date) -> date:
    """Where an incremental run starts: a week before the last good run, else the site's window."""
    row = db.execute(
        "SELECT MAX(started_at) FROM crawl_runs WHERE site = ? AND status = 'ok'", [config.name]
    ).fetchone()
    if row and row[0]:
        return date.fromisoformat(row[0][:10]) - timedelta(days=7)
    return today - timedelta(days=config.window_days)


def insert_document(db: sqlite_utils.Database, item: DocumentItem, run_id: int, warc: dict) -> bool:
    """Store one document and its attachments in one transaction; False when it was already there.

    `warc` maps the document's and each attachment's URL to (warc_file, offset, record_id).
    """
    with transaction(db):
        return add_document(db, item, run_id, warc)


def add_document(db: sqlite_utils.Database, item: DocumentItem, run_id: int, warc: dict) -> bool:
    """`insert_document` inside the caller's transaction, without a savepoint of its own: for a caller whose
    whole transaction rolls back when a document fails (the store writer's batches)."""
    if db.execute("SELECT 1 FROM documents WHERE fingerprint = ? OR url = ?", [item.fingerprint, item.url]).fetchone():
        return False
    capture = item.capture
    warc_file, offset, record_id = warc[item.url]
    cursor = db.execute(
        "INSERT INTO documents (url, fingerprint, site, kind, title, published, fetched_at, http_status, "
        "content_type, encoding, content_hash, warc_file, warc_offset, warc_record_id, crawl_run_id) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [item.url, item.fingerprint, item.site, item.kind, item.title, item.published, capture.fetched_at,
         capture.status, item.content_type, item.encoding, _sha256(capture.body), warc_file, offset,
         record_id, run_id],
    )
    document_id = cursor.lastrowid
    for attachment in item.attachments:
        where = warc.get(attachment.url, (None, None, None))
        payload = attachment.capture.body if attachment.capture else None
        db.execute(
            "INSERT OR IGNORE INTO attachments (document_id, url, name, content_type, content_hash, warc_file, "
            "warc_offset, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [document_id, attachment.url, attachment.name, attachment.content_type,
             _sha256(payload) if payload is not None else None, where[0], where[1], attachment.text],
        )
    return True


def _sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()
