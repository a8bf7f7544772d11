"""Downloader middlewares for polite crawling: site pauses, backoff retries, block-page detection."""

from __future__ import annotations

import asyncio
import logging
import time
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.response import response_status_message

from crawlers.pages import declared_charset

logger = logging.getLogger(__name__)

SITE_WIDE_STATUSES = {429, 503}


class BlockedPage(IgnoreRequest):
    """The site answered with a block or verification page, again and again."""


class Pauses:
    """Per-site pause deadlines (wall-clock seconds), shared by the middlewares of one crawler."""

    def __init__(self) -> None:
        self.until: dict[str, float] = {}

    def hold(self, slot: str, seconds: float) -> None:
        self.until[slot] = max(self.until.get(slot, 0.0), time.time() + seconds)

    def remaining(self, slot: str) -> float:
        return max(0.0, self.until.get(slot, 0.0) - time.time())


def pauses(crawler: Crawler) -> Pauses:
    """The crawler's shared Pauses."""
    if not hasattr(crawler, "cloudcredit_pauses"):
        crawler.cloudcredit_pauses = Pauses()
    return crawler.cloudcredit_pauses


def slot_of(request: Request) -> str:
    return request.meta.get("download_slot") or urlparse_cached(request).hostname or ""


def retry_after_seconds(value: bytes | str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(text).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


class SitePauseMiddleware:
    """Holds each request until its site's pause (and its own retry delay) is over."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SitePauseMiddleware:
        return cls(crawler)

    async def process_request(self, request: Request) -> None:
        slot = slot_of(request)
        while True:
            wait = max(pauses(self.crawler).remaining(slot), request.meta.get("not_before", 0.0) - time.time())
            if wait <= 0:
                return None
            await asyncio.sleep(wait)


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retries, spaced out: Retry-After when the site sends it, else exponential backoff.

    429 and 503 pause the whole site for that long; other errors delay only the retried request.
    """

    def __init__(self, settings) -> None:
        super().__init__(settings)
        self.base = settings.getfloat("RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("RETRY_BACKOFF_MAX")
        self.after_max = settings.getfloat("RETRY_AFTER_MAX")

    def delay(self, request: Request, response: Response | None) -> float:
        header = response.headers.get(b"Retry-After") if response is not None else None
        seconds = retry_after_seconds(header)
        if seconds is not None:
            return min(seconds, self.after_max)
        return min(self.base * 2 ** request.meta.get("retry_times", 0), self.cap)

    def _schedule(self, retry: Request, request: Request, response: Response | None) -> Request:
        wait = self.delay(request, response)
        stats = self.crawler.stats
        stats.inc_value("cloudcredit/retry_wait_s", wait)
        if response is not None and response.status in SITE_WIDE_STATUSES:
            pauses(self.crawler).hold(slot_of(request), wait)
        retry.meta["not_before"] = time.time() + wait
        logger.info("retrying %s in %.1fs", request.url, wait)
        return retry

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        retry = self._retry(request, response_status_message(response.status))
        return self._schedule(retry, request, response) if retry is not None else response

    def process_exception(self, request: Request, exception: Exception) -> Request | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        retry = self._retry(request, exception)
        return self._schedule(retry, request, None) if retry is not None else None


class BlockPageMiddleware:
    """Spots block / verification pages, pauses the site, tries again later, never lets them through."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        # (a character of the marker, the marker): a one-character search is many times faster than a
        # search for a CJK phrase, and a page without the character cannot hold the marker
        self.markers = [(marker[:1], marker) for marker in settings.getlist("BLOCK_MARKERS")]
        self.titles = settings.getlist("BLOCK_TITLES")
        self.max_bytes = settings.getint("BLOCK_MAX_BYTES")
        self.pause = settings.getfloat("BLOCK_PAUSE")
        self.retries = settings.getint("BLOCK_RETRIES")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BlockPageMiddleware:
        return cls(crawler)

    def is_block_page(self, response: Response) -> bool:
        content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
        if "html" not in content_type and not response.body.lstrip()[:1] == b"<":
            return False
        charset = declared_charset(content_type, response.body) or "utf-8"
        try:
            text = response.body[: max(self.max_bytes, 4096)].decode(charset, "replace")
        except LookupError:
            text = response.body[: max(self.max_bytes, 4096)].decode("utf-8", "replace")
        head = text[:4096]
        start, end = head.find("<title>"), head.find("</title>")
        if start >= 0 and end > start and head[start + 7 : end].strip() in self.titles:
            return True
        return len(response.body) <= self.max_bytes and any(
            probe in text and marker in text for probe, marker in self.markers
        )

    def process_response(self, request: Request, response: Response) -> Request | Response:
        if not self.is_block_page(response):
            return response
        stats = self.crawler.stats
        stats.inc_value("cloudcredit/blocked")
        slot = slot_of(request)
        pauses(self.crawler).hold(slot, self.pause)
        tries = request.meta.get("block_retries", 0)
        logger.warning("block page at %s: pausing %s for %.0fs (try %d)", request.url, slot, self.pause, tries + 1)
        if tries >= self.retries:
            raise BlockedPage(f"still blocked after {tries} pauses: {request.url}")
        retry = request.replace(dont_filter=True)
        retry.meta["block_retries"] = tries + 1
        return retry
