"""Shared fixtures: a replica server and a quick way to crawl it into a fresh database."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawlers.run import CrawlReport, crawl
from replicas import serve

SINCE = "2026-09-01"
# Real politeness settings, shrunk so the misbehaving-replica tests take seconds, not minutes.
TEST_SETTINGS = [
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "RETRY_BACKOFF_BASE=0.05",
    "RETRY_AFTER_MAX=0.3",
    "BLOCK_PAUSE=0.3",
    "DOWNLOAD_TIMEOUT=10",
]


@pytest.fixture(scope="module")
def replica():
    server, _base_url = serve()
    with server:
        yield server


def run_crawl(db: Path, base_url: str, *, sites: list[str] | None = None, since: str | None = SINCE,
              settings: list[str] = (), **options) -> CrawlReport:
    """Crawl the replica with the test settings; raises if the crawl process itself failed."""
    report = crawl(db, sites=sites, since=since, base_url=base_url, settings=[*TEST_SETTINGS, *settings],
                   progress=False, **options)
    assert report.returncode == 0, report
    return report
