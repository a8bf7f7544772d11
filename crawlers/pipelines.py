"""The store pipeline: hands documents to the writer process in batches and keeps the site's crawl_runs row."""

from __future__ import annotations

import logging
import multiprocessing
import queue
import time

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.logformatter import LogFormatter
from twisted.internet.task import LoopingCall

from crawlers.items import DocumentItem
from crawlers.storage import close_abandoned_runs, db_path, finish_run, start_run
from crawlers.writer import run_writer
from store.db import open_db

logger = logging.getLogger(__name__)

FINISH_STATUS = {"finished": "ok", "shutdown": "interrupted"}
BATCH_SIZE = 50  # documents per message to the writer: one pickle, one pipe write, one commit
FLUSH_SECONDS = 1.0  # a slow crawl's documents still reach the writer within about this long
QUEUE_SIZE = 10  # batches in flight; a full queue holds the crawl back until the writer catches up


class QuietItemsLogFormatter(LogFormatter):
    """Scrapy's log lines, without its per-item DEBUG line "Scraped from ...".

    That line would print the whole item, captured body included, and Python's logging builds a record
    for it on every item even when the log level hides it. What a run stored is in its crawl_runs row.
    """

    def scraped(self, item: object, response: object, spider: Spider) -> None:
        return None


class StorePipeline:
    """Starts a crawl_runs row, streams documents to the writer process, then records the run's counts.

    Documents are collected into batches of BATCH_SIZE; a batch goes out when full, every FLUSH_SECONDS
    and when the spider closes.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.path = db_path(crawler.settings.get("CLOUDCREDIT_DB"))
        self.run_id = 0
        self.started = 0.0
        self.batch: list[DocumentItem] = []
        self.writer_stopped = False
        self.flusher: LoopingCall | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.db = open_db(self.path)
        self.site = spider.site
        spider.prepare(self.db)
        close_abandoned_runs(self.db, self.site.name)
        self.run_id = start_run(self.db, self.site, spider.since)
        spider.crawl_run_id = self.run_id
        context = multiprocessing.get_context("spawn")
        self.inbox = context.Queue(maxsize=QUEUE_SIZE)
        self.outbox = context.Queue()
        self.writer = context.Process(
            target=run_writer, name=f"store-writer-{self.site.name}", daemon=True,
            args=(str(self.path), self.site.name, self.run_id, f"warc/{self.site.name}-{self.run_id}.warc.gz",
                  self.inbox, self.outbox),
        )
        self.writer.start()
        self.flusher = LoopingCall(self.flush)
        self.flusher.start(FLUSH_SECONDS, now=False)
        self.started = time.monotonic()

    def process_item(self, item: object) -> object:
        if not isinstance(item, DocumentItem):
            return item
        if self.writer_stopped:
            self.crawler.stats.inc_value("cloudcredit/failed/store")
            raise DropItem(f"the store writer has stopped; not stored: {item.url}")
        self.batch.append(item)
        if len(self.batch) >= BATCH_SIZE:
            self.flush()
        return item

    def flush(self) -> None:
        """Send the collected documents to the writer (waiting while its queue is full)."""
        if not self.batch:
            return
        batch, self.batch = self.batch, []
        while self.writer.is_alive():
            try:
                self.inbox.put(batch, timeout=1.0)
                return
            except queue.Full:
                continue
        self.writer_stopped = True
        self.crawler.stats.inc_value("cloudcredit/failed/store", len(batch))
        logger.error("%s: the store writer has stopped; %d documents not stored", self.site.name, len(batch))

    def _writer_result(self) -> dict:
        """Send the last documents and the stop sign; what the writer stored, once it has stored everything."""
        if self.flusher is not None and self.flusher.running:
            self.flusher.stop()
        self.flush()
        try:
            if self.writer.is_alive():
                self.inbox.put(None, timeout=30)
            return self.outbox.get(timeout=600)
        except (queue.Empty, queue.Full):
            return {"new": 0, "known": 0, "error": "the store writer did not answer"}

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if not self.run_id:
            return
        result = self._writer_result()
        if "error" in result:
            logger.error("%s: storing failed: %s", self.site.name, result["error"])
            self.crawler.stats.set_value("cloudcredit/store_error",
                                         f"{self.site.name}: storing failed: {result['error']}")
        for failure, count in result.get("failures", {}).items():
            self.crawler.stats.inc_value(f"cloudcredit/failed/{failure}", count)
        stats = self.crawler.stats.get_stats()
        failures = {k.split("/", 2)[2]: int(v) for k, v in stats.items() if k.startswith("cloudcredit/failed/")}
        counts = {
            "fetched": int(stats.get("downloader/response_count", 0)),
            "new": result["new"],
            "known": int(stats.get("cloudcredit/known", 0)) + result["known"],
            "blocked": int(stats.get("cloudcredit/blocked", 0)),
        }
        self.crawler.stats.set_value("cloudcredit/new", result["new"])
        status = "failed" if "error" in result else FINISH_STATUS.get(reason, "failed")
        if status == "ok" and failures.get("blocked"):
            status = "blocked"
        finish_run(self.db, self.run_id, status=status, counts=counts, failures=failures,
                   duration=time.monotonic() - self.started)
        self.writer.join(timeout=30)  # the writer has committed everything; its process is winding down
