"""The store writer: a process of its own that appends WARC records and document rows.

Reading pages the spider passed on unread, and storing (gzip, SQLite), run beside fetching instead of
on Scrapy's reactor thread. The pipeline sends it batches of DocumentItems through a queue; for each
batch it writes every document's captures and rows inside one transaction (a document's captures
before its row), and reports what it stored, and which pages it found without content, when told to stop.
"""

from __future__ import annotations

import http
import logging
import os
import queue
import signal
from multiprocessing.queues import Queue
from pathlib import Path
from typing import BinaryIO

from crawlers.items import Capture, DocumentItem
from crawlers.pages import read_page
from crawlers.storage import add_document, insert_document, known_fingerprints
from store.captures import append_capture, data_dir, write_capture
from store.db import open_db, transaction

logger = logging.getLogger(__name__)


class DocumentWriter:
    """Writes one run's documents: captures to `warc_file` (relative to the database folder), rows to the db."""

    def __init__(self, db_path: str, site: str, run_id: int, warc_file: str) -> None:
        self.db = open_db(db_path)
        self.run_id = run_id
        self.warc_file = warc_file
        self.warc_path = Path(data_dir(db_path)) / warc_file
        self.seen = known_fingerprints(self.db, site)
        self.new = 0
        self.known = 0
        self.failures: dict[str, int] = {}
        self.warc: BinaryIO | None = None  # the WARC file, open while a batch is written (in one transaction)

    def _capture(self, capture: Capture) -> tuple[str, int, str]:
        try:
            reason = http.HTTPStatus(capture.status).phrase
        except ValueError:
            reason = ""
        record = {"url": capture.url, "status": capture.status, "reason": reason, "headers": capture.headers,
                  "payload": capture.body, "fetched_at": capture.fetched_at}
        if self.warc is None:
            offset, record_id = append_capture(self.warc_path, **record)
        else:
            offset, record_id = write_capture(self.warc, **record)
        return self.warc_file, offset, record_id

    def write(self, item: DocumentItem) -> bool:
        """Store one document unless it is already known or its page has no content; True when it was new."""
        if item.rules is not None and read_page(item) is None:
            self.failures["no_content"] = self.failures.get("no_content", 0) + 1
            logger.warning("%s: failed (no_content): %s", item.site, item.url)
            return False
        if item.fingerprint in self.seen:
            self.known += 1
            return False
        warc = {item.url: self._capture(item.capture)}
        for attachment in item.attachments:
            if attachment.inline:
                warc[attachment.url] = warc[item.url]
            elif attachment.capture is not None:
                warc[attachment.url] = self._capture(attachment.capture)
        if self.warc is None:
            stored = insert_document(self.db, item, self.run_id, warc)
        else:  # in the batch's transaction, which rolls back as a whole when a document fails
            stored = add_document(self.db, item, self.run_id, warc)
        self.seen.add(item.fingerprint)
        if stored:
            self.new += 1
        else:
            self.known += 1
        return stored

    def write_batch(self, items: list[DocumentItem]) -> None:
        """Store a batch of documents in one transaction: one commit instead of one per document.

        When it fails, none of the batch is stored and the counts and the documents seen stay as they were:
        one document failing (an error writing its capture or its rows) loses its whole batch, so documents
        get no savepoint each.
        """
        new, known = self.new, self.known
        unseen = {item.fingerprint for item in items} - self.seen
        self.warc_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(self.warc_path, "ab") as self.warc, transaction(self.db):
                for item in items:
                    self.write(item)
                self.warc.flush()  # the records are in the file before the rows pointing at them commit
        except BaseException:
            self.new, self.known = new, known
            self.seen -= unseen
            raise
        finally:
            self.warc = None


WRITER_NICENESS = 10
"""The writer yields the processor to the crawl: it has time to spare while the crawl waits on the network,
and a full queue holds the crawl back only if it falls behind (a batch in memory is never dropped)."""


def run_writer(db_path: str, site: str, run_id: int, warc_file: str, inbox: Queue, outbox: Queue) -> None:
    """Process body: write batches (lists of items) from `inbox` until None arrives (or the crawl process is gone)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    os.nice(WRITER_NICENESS)
    logging.basicConfig(format="%(asctime)s [%(name)s] %(levelname)s: %(message)s", level=logging.WARNING)
    parent = os.getppid()
    writer = None
    try:
        writer = DocumentWriter(db_path, site, run_id, warc_file)
        while True:
            try:
                batch = inbox.get(timeout=1.0)
            except queue.Empty:
                if os.getppid() != parent:
                    break
                continue
            if batch is None:
                break
            writer.write_batch(batch)
        outbox.put({"new": writer.new, "known": writer.known, "failures": writer.failures})
    except Exception as exc:  # reported to the crawl, which records the run as failed
        outbox.put({"new": writer.new if writer else 0, "known": writer.known if writer else 0,
                    "failures": writer.failures if writer else {}, "error": f"{type(exc).__name__}: {exc}"})
