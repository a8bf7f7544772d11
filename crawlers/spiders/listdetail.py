"""The generic list → detail spider, driven entirely by a site config (crawlers/sites/NAME.yaml)."""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import scrapy
import sqlite_utils
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy_playwright.page import PageMethod
from twisted.internet.error import ConnectionLost, ConnectionRefusedError, DNSLookupError, TCPTimedOutError
from twisted.internet.error import TimeoutError as TwistedTimeoutError
from twisted.python.failure import Failure
from twisted.web.client import ResponseFailed, ResponseNeverReceived

from crawlers.items import AttachmentItem, Capture, DocumentItem, PageRules
from crawlers.middlewares import BlockedPage
from crawlers.pages import (
    declared_charset,
    decode,
    fingerprint,
    first_text,
    first_value,
    page_selector,
    parse_date,
    read_page,
    select,
)
from crawlers.pdftext import pdf_text
from crawlers.siteconfig import ListSpec, SiteConfig, load_config
from crawlers.storage import db_path, default_since, known_fingerprints
from store.db import now, open_db

logger = logging.getLogger(__name__)


@dataclass
class Row:
    """One entry of a list page."""

    link: str
    title: str | None = None
    published: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def meta(self) -> dict[str, Any]:
        """The row as request meta: plain values (dataclasses.asdict, without its deep copy)."""
        return {"link": self.link, "title": self.title, "published": self.published, "extra": dict(self.extra)}


def failure_reason(failure: Failure) -> str:
    """A short, stable name for why a request failed (stored in crawl_runs.failures)."""
    error = failure.value
    if "DataLoss" in type(error).__name__:
        return "dataloss"
    if isinstance(error, HttpError):
        return f"http_{error.response.status}"
    if isinstance(error, BlockedPage):
        return "blocked"
    if isinstance(error, scrapy.exceptions.IgnoreRequest):
        if "redirections" in str(error):
            return "redirect_loop"
        return "robots" if "robots.txt" in str(error) else "ignored"
    if isinstance(error, (TwistedTimeoutError, TCPTimedOutError)) or "Timeout" in type(error).__name__:
        return "timeout"
    if isinstance(error, (DNSLookupError, scrapy.exceptions.CannotResolveHostError)):
        return "dns"
    if isinstance(error, scrapy.exceptions.DownloadCancelledError):
        return "too_large" if "max size" in str(error) else "cancelled"
    if isinstance(error, (ResponseFailed, ResponseNeverReceived)):
        return "dataloss" if "DataLoss" in repr(error.reasons if hasattr(error, "reasons") else error) else "connection"
    if isinstance(error, (ConnectionRefusedError, ConnectionLost, scrapy.exceptions.DownloadFailedError,
                          scrapy.exceptions.DownloadConnectionRefusedError)):
        return "connection"
    return type(error).__name__.lower()


def capture_of(response: Response) -> Capture:
    """The response as received, for its WARC record."""
    headers = [
        (key.decode("latin-1"), value.decode("latin-1"))
        for key, values in response.headers.items()
        for value in values
    ]
    return Capture(url=response.url, status=response.status, headers=headers, body=response.body, fetched_at=now())


def mime_of(response: Response) -> str:
    return response.headers.get(b"Content-Type", b"").decode("latin-1").split(";")[0].strip().lower()


class ListDetailSpider(scrapy.Spider):
    """Crawls a site's lists page by page and stores every new detail page.

    Arguments (`-a`): config (a site config file; bundled sites set it themselves), since (YYYY-MM-DD,
    default: incremental), base_url (send every request for the site's hosts to this host instead).
    """

    name = "listdetail"
    config_path: str | None = None

    def __init__(self, config: str | None = None, since: str | None = None, base_url: str | None = None,
                 *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        path = config or self.config_path
        if not path:
            raise ValueError(f"spider {self.name} needs a site config: -a config=FILE")
        self.site: SiteConfig = load_config(path)
        self.since_arg = date.fromisoformat(since) if since else None
        self.since: date = self.since_arg or date.today()
        self.until = date.today()
        self.base_url = base_url.rstrip("/") if base_url else None
        detail = self.site.detail
        self.page_rules = PageRules(content=detail.content, title=detail.title, date=detail.date,
                                    encoding=self.site.encoding)
        self.known: set[str] = set()
        self.queued: set[str] = set()
        self.prepared = False
        self.crawl_run_id = 0

    def prepare(self, db: sqlite_utils.Database) -> None:
        """Read what the store already holds: known fingerprints and where an incremental run starts."""
        self.known = known_fingerprints(db, self.site.name)
        self.since = self.since_arg or default_since(db, self.site, self.until)
        self.prepared = True

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if not self.prepared:
            self.prepare(open_db(db_path(self.settings.get("CLOUDCREDIT_DB"))))
        logger.info("%s: crawling since %s (%d documents known)", self.site.name, self.since, len(self.known))
        for index, spec in enumerate(self.site.lists):
            yield self.list_request(index, spec, spec.pagination.first)

    # lists

    def values(self, page: int) -> dict[str, Any]:
        fmt = self.site.date_format
        return {"page": page, "since": self.since.strftime(fmt), "until": self.until.strftime(fmt)}

    def list_url(self, spec: ListSpec, page: int) -> str:
        template = spec.first_url if spec.first_url and page == spec.pagination.first else spec.url
        return self.site.rewrite(template.format_map(self.values(page)), self.base_url)

    def list_request(self, index: int, spec: ListSpec, page: int) -> scrapy.Request:
        meta: dict[str, Any] = {"list": index, "page": page}
        if spec.browser:
            items = spec.items or "body"
            wait = "xpath=" + items[len("xpath:") :] if items.startswith("xpath:") else items
            meta.update(playwright=True, playwright_page_methods=[PageMethod("wait_for_selector", wait)])
        return scrapy.Request(self.list_url(spec, page), callback=self.parse_list, errback=self.failed,
                              headers=spec.headers, meta=meta)

    def list_rows(self, spec: ListSpec, response: Response) -> tuple[list[Row], Any]:
        """The entries of one list page, and the parsed page (for pagination)."""
        text, _ = decode(response.body, declared_charset(self.content_type(response), response.body), self.site.encoding)
        page = page_selector(text)
        rows = []
        for node in select(page, spec.items or ""):
            link = first_value(node, spec.fields.get("link", []))
            if link:
                rows.append(Row(link=self.fix_link(spec, link, {}), title=first_text(node, spec.fields.get("title", [])),
                                published=parse_date(first_value(node, spec.fields.get("date", [])))))
        return rows, page

    def fix_link(self, spec: ListSpec, link: str, record: dict[str, str]) -> str:
        if spec.link_template:
            link = spec.link_template.format_map(record)
        if spec.link_replace:
            link = link.replace(spec.link_replace[0], spec.link_replace[1], 1)
        return link

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        index, page = response.meta["list"], response.meta["page"]
        spec = self.site.lists[index]
        rows, parsed = self.list_rows(spec, response)
        stats = self.crawler.stats
        fresh = 0
        for row in rows:
            url = self.site.rewrite(response.urljoin(row.link), self.base_url)
            if row.published and row.published < self.since.isoformat():
                stats.inc_value("cloudcredit/older")
                continue
            key = fingerprint(url)
            if key in self.known:
                stats.inc_value("cloudcredit/known")
                continue
            if key in self.queued:  # a list repeating itself (its page parameter ignored) is not fresh
                stats.inc_value("cloudcredit/repeated")
                continue
            self.queued.add(key)
            fresh += 1
            request = self.detail_request(url, row)
            request.meta["fingerprint"] = key
            yield request
        if not rows:
            logger.info("%s %s: page %d is empty, stopping", self.site.name, spec.name, page)
            return
        if spec.stop and fresh == 0:
            logger.info("%s %s: page %d holds only known or older items, stopping", self.site.name, spec.name, page)
            return
        following = self.next_page(index, spec, page, response, parsed)
        if following is not None:
            yield following

    def total_pages(self, spec: ListSpec, parsed: Any) -> int | None:
        if not spec.pagination.total:
            return None
        text = first_text(parsed, [spec.pagination.total])
        if text and spec.pagination.total_regex:
            match = re.search(spec.pagination.total_regex, text)
            text = match.group(1) if match else None
        try:
            return int(float(text)) if text else None
        except ValueError:
            return None

    def next_page(self, index: int, spec: ListSpec, page: int, response: Response, parsed: Any) -> scrapy.Request | None:
        paging = spec.pagination
        if page + 1 - paging.first >= paging.max_pages:
            return None
        if paging.next:
            href = first_value(parsed, [paging.next])
            if not href:
                return None
            request = self.list_request(index, spec, page + 1)
            return request.replace(url=self.site.rewrite(response.urljoin(href), self.base_url))
        total = self.total_pages(spec, parsed)
        if total is not None and page + 1 >= paging.first + total:
            return None
        return self.list_request(index, spec, page + 1)

    # details

    def detail_request(self, url: str, row: Row) -> scrapy.Request:
        return scrapy.Request(url, callback=self.parse_detail, errback=self.failed, meta={"url": url, "row": row.meta()})

    def content_type(self, response: Response) -> str:
        return response.headers.get(b"Content-Type", b"").decode("latin-1")

    def parse_detail(self, response: Response) -> Iterator[Any]:
        """The page's document, its attachments fetched first.

        Without attachment links to follow, the page is not read here: the store writer reads it
        (crawlers.pages.read_page) in its own process, and counts a page without content as `no_content`.
        """
        row = Row(**response.meta["row"])
        detail = self.site.detail
        item = DocumentItem(
            url=response.meta["url"],
            fingerprint=response.meta["fingerprint"],
            site=self.site.name,
            kind=self.site.kind,
            title=row.title or "",
            published=row.published,
            capture=capture_of(response),
            content_type=mime_of(response),
            encoding="",
            rules=self.page_rules,
        )
        if not detail.attachments:
            yield item
            return
        page = read_page(item)
        if page is None:
            self.fail("no_content", response.url)
            return
        for link in select(page, detail.attachments):
            href = link.attrib.get("href")
            if href:
                url = self.site.rewrite(response.urljoin(href), self.base_url)
                name = " ".join(link.xpath("string()").get("").split()) or url.rsplit("/", 1)[-1]
                item.attachments.append(AttachmentItem(url=url, name=name))
        yield self.next_attachment(item, 0)

    def next_attachment(self, item: DocumentItem, index: int) -> DocumentItem | scrapy.Request:
        """The request for the item's next attachment, or the finished item."""
        if index >= len(item.attachments):
            return item
        return scrapy.Request(item.attachments[index].url, callback=self.parse_attachment,
                              errback=self.attachment_failed, meta={"item": item, "index": index}, dont_filter=True)

    def parse_attachment(self, response: Response) -> Iterator[Any]:
        item, index = response.meta["item"], response.meta["index"]
        attachment = item.attachments[index]
        attachment.capture = capture_of(response)
        attachment.content_type = mime_of(response) or None
        if response.body.startswith(b"%PDF") or attachment.content_type == "application/pdf":
            attachment.text = pdf_text(response.body)
        yield self.next_attachment(item, index + 1)

    def attachment_failed(self, failure: Failure) -> Iterator[Any]:
        request = failure.request
        self.fail("attachment_" + failure_reason(failure), request.url)
        yield self.next_attachment(request.meta["item"], request.meta["index"] + 1)

    # failures

    def fail(self, reason: str, url: str) -> None:
        """Count a failure by reason; the run's crawl_runs row keeps the counts."""
        self.crawler.stats.inc_value(f"cloudcredit/failed/{reason}")
        logger.warning("%s: failed (%s): %s", self.site.name, reason, url)

    def failed(self, failure: Failure) -> None:
        self.fail(failure_reason(failure), failure.request.url)
