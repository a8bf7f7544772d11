"""The store pipeline: each document's capture goes to a WARC file, then its row in one transaction."""

from __future__ import annotations

import http
import time
from pathlib import Path

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from crawlers.items import Capture, DocumentItem
from crawlers.storage import db_path, finish_run, insert_document, known_fingerprints, start_run
from store.captures import append_capture, data_dir
from store.db import open_db

FINISH_STATUS = {"finished": "ok", "shutdown": "interrupted"}


class StorePipeline:
    """Writes documents, attachments and the site's crawl_runs row."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.path = db_path(crawler.settings.get("CLOUDCREDIT_DB"))
        self.run_id = 0
        self.started = 0.0
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> StorePipeline:
        return cls(crawler)

    def open_spider(self) -> None:
        spider = self.crawler.spider
        self.db = open_db(self.path)
        self.site = spider.site
        spider.prepare(self.db)
        self.seen = known_fingerprints(self.db, self.site.name)
        self.run_id = start_run(self.db, self.site, spider.since)
        spider.crawl_run_id = self.run_id
        self.warc_file = f"warc/{self.site.name}-{self.run_id}.warc.gz"
        self.warc_path = data_dir(self.path) / self.warc_file
        self.started = time.monotonic()

    def _write(self, capture: Capture) -> tuple[str, int, str]:
        try:
            reason = http.HTTPStatus(capture.status).phrase
        except ValueError:
            reason = ""
        offset, record_id = append_capture(
            Path(self.warc_path), url=capture.url, status=capture.status, reason=reason,
            headers=capture.headers, payload=capture.body, fetched_at=capture.fetched_at,
        )
        return self.warc_file, offset, record_id

    def process_item(self, item: object) -> object:
        if not isinstance(item, DocumentItem):
            return item
        stats = self.crawler.stats
        if item.fingerprint in self.seen:
            stats.inc_value("cloudcredit/known")
            return item
        warc = {item.url: self._write(item.capture)}
        for attachment in item.attachments:
            if attachment.inline:
                warc[attachment.url] = warc[item.url]
            elif attachment.capture is not None:
                warc[attachment.url] = self._write(attachment.capture)
        if insert_document(self.db, item, self.run_id, warc):
            stats.inc_value("cloudcredit/new")
            self.seen.add(item.fingerprint)
        else:
            stats.inc_value("cloudcredit/known")
        return item

    def spider_closed(self, spider: Spider, reason: str) -> None:
        if not self.run_id:
            return
        stats = self.crawler.stats.get_stats()
        failures = {k.split("/", 2)[2]: int(v) for k, v in stats.items() if k.startswith("cloudcredit/failed/")}
        counts = {
            "fetched": int(stats.get("downloader/response_count", 0)),
            "new": int(stats.get("cloudcredit/new", 0)),
            "known": int(stats.get("cloudcredit/known", 0)),
            "blocked": int(stats.get("cloudcredit/blocked", 0)),
        }
        status = FINISH_STATUS.get(reason, "failed")
        if status == "ok" and failures.get("blocked"):
            status = "blocked"
        finish_run(self.db, self.run_id, status=status, counts=counts, failures=failures,
                   duration=time.monotonic() - self.started)

