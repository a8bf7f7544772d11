"""Scrapy settings for real use: polite, slow, honest. Tests and benches override a few with `--set`."""

from __future__ import annotations

from cloudcredit.chromium import launch_options

BOT_NAME = "cloudcredit"
SPIDER_MODULES = ["crawlers.spiders"]
NEWSPIDER_MODULE = "crawlers.spiders"

# Honest identification, and robots.txt obeyed.
USER_AGENT = "cloudcredit-crawler/0.1 (procurement-bulletin research; contact: crawler@cloudcredit.invalid)"
ROBOTSTXT_OBEY = True
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/json;q=0.9,*/*;q=0.8",
    "Accept-Language": "zh-CN,zh;q=0.9",
}

# Slow by default: one request at a time per site, seconds apart, adapted by AutoThrottle.
CONCURRENT_REQUESTS = 8
CONCURRENT_REQUESTS_PER_DOMAIN = 1
DOWNLOAD_DELAY = 3.0
DOWNLOAD_DELAY_JITTER = 0.5
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 5.0
AUTOTHROTTLE_MAX_DELAY = 60.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 0.5
DOWNLOAD_TIMEOUT = 60
# Callbacks yield at most one list page of requests; Scrapy's default of 100 parallel item workers per
# response costs more than it gives.
CONCURRENT_ITEMS = 8
# Scrapy parses a generator callback's source (inspect + ast) to warn about `return value` in it, again
# for every response whose bound callback is not in its small weak cache: most of them in a crawl.
WARN_ON_GENERATOR_RETURN_VALUE = False
# 中国政府采购网 bans an IP for 10–30 minutes after bursts; its detail pages are the strictest.
DOWNLOAD_SLOTS = {
    "www.ccgp.gov.cn": {"concurrency": 1, "delay": 10.0},
    "search.ccgp.gov.cn": {"concurrency": 1, "delay": 6.0},
    "www.ggzy.gov.cn": {"concurrency": 1, "delay": 4.0},
    "b2b.10086.cn": {"concurrency": 1, "delay": 5.0},
}

# Retries with exponential backoff that honour Retry-After (crawlers.middlewares.BackoffRetryMiddleware).
RETRY_ENABLED = True
RETRY_TIMES = 4
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
RETRY_BACKOFF_BASE = 10.0
RETRY_BACKOFF_MAX = 900.0
RETRY_AFTER_MAX = 1800.0

# Block / verification pages pause the whole site, then the page is tried again; never stored.
BLOCK_MARKERS = ["访问过于频繁", "频繁访问", "验证码", "稍后再试"]
BLOCK_TITLES = ["安全验证"]
BLOCK_MAX_BYTES = 20000
BLOCK_PAUSE = 1200.0
BLOCK_RETRIES = 2

DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "crawlers.middlewares.BackoffRetryMiddleware": 550,
    "crawlers.middlewares.BlockPageMiddleware": 560,
    "crawlers.middlewares.SitePauseMiddleware": 50,
}
ITEM_PIPELINES = {"crawlers.pipelines.StorePipeline": 300}
LOG_FORMATTER = "crawlers.pipelines.QuietItemsLogFormatter"

# JS-rendered lists go through scrapy-playwright with Debian's Chromium; everything else is plain HTTP.
DOWNLOAD_HANDLERS = {
    "http": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
    "https": "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler",
}
TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = launch_options()
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 60000
PLAYWRIGHT_ABORT_REQUEST = "crawlers.browser.abort_request"

# The store: the database the pipeline writes to (default: CLOUDCREDIT_DB or data/monitor.db).
CLOUDCREDIT_DB = None
# A --base-url on this machine (a replica) needs no politeness: no delays, no throttling, 8 at a time.
LOOPBACK_FAST = True
# Health check: a site with nothing new for this many days, or this share of failed requests, is reported.
CRAWL_STALE_DAYS = 7
CRAWL_MAX_ERROR_RATE = 0.2

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
