"""Scale-out on Redis: several crawl processes share one frontier; one importer writes the store.

Crawl processes (`crawlers.run` with `worker_settings`) use scrapy-redis's scheduler and RFPDupeFilter
under per-job keys, so a request any of them scheduled is fetched once by whichever pops it. They never
open the database: `RedisItemPipeline` pushes JSON messages (`start`, `doc` with base64 capture bytes,
`finish`) to one Redis list, and the importer (`import_captures`, run by `cloudcredit crawl --redis` or
`cloudcredit import-captures`) pops them and writes WARC records and rows through the ordinary store
writer, one transaction per document. The importer also publishes what the store knows (fingerprints
and each site's incremental `since`) so crawlers on other machines skip known pages.

Redis keys (prefix `cloudcredit:`): `job` (the shared crawl now running), `<job>:<spider>:requests`,
`<job>:<spider>:dupefilter`, `<job>:busy`, `<job>:workers`, `runs`, `items`, `known:<site>`,
`since:<site>`.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import time
import uuid
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import redis
from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, ScrapyDeprecationWarning

from crawlers.items import AttachmentItem, Capture, DocumentItem, PageRules
from crawlers.preflight import check_writable
from crawlers.run import CrawlReport
from crawlers.siteconfig import ConfigError, load_config
from crawlers.storage import default_since, finish_run, known_fingerprints, start_run
from crawlers.writer import DocumentWriter
from store.db import StoreError, open_db

PREFIX = "cloudcredit:"
ITEMS = PREFIX + "items"
RUNS = PREFIX + "runs"
JOB = PREFIX + "job"
STALE_AFTER = 60.0
"""A crawler that said it was busy but has not been heard of for this many seconds is taken for dead."""
FINISH_STATUS = {"finished": "ok", "shutdown": "interrupted"}
# scrapy-redis 0.9 still calls APIs Scrapy 2.13 deprecated; its warnings say nothing about our crawl.
warnings.filterwarnings("ignore", category=ScrapyDeprecationWarning, module="scrapy_redis")


class ScaleOutError(StoreError):
    """Redis is unreachable or no shared crawl is running (shown as one line)."""


def connect(url: str) -> redis.Redis:
    """A Redis client for `url`; ScaleOutError when Redis does not answer."""
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=5)
        client.ping()
    except (redis.RedisError, ValueError) as exc:
        raise ScaleOutError(f"cannot reach Redis at {url}: {exc}") from exc
    return client


def worker_settings(url: str, job: str) -> list[str]:
    """KEY=VALUE Scrapy settings for a crawl process that shares job `job`'s frontier on Redis `url`."""
    return [
        "SCHEDULER=scrapy_redis.scheduler.Scheduler",
        "DUPEFILTER_CLASS=scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST=True",
        f"SCHEDULER_QUEUE_KEY={PREFIX}{job}:%(spider)s:requests",
        f"SCHEDULER_DUPEFILTER_KEY={PREFIX}{job}:%(spider)s:dupefilter",
        f"REDIS_URL={url}",
        f"CLOUDCREDIT_REDIS_JOB={job}",
        'ITEM_PIPELINES={"crawlers.scaleout.RedisItemPipeline": 300}',
    ]


# messages


def _capture_json(capture: Capture | None) -> dict | None:
    if capture is None:
        return None
    data = asdict(capture)
    data["body"] = base64.b64encode(capture.body).decode("ascii")
    return data


def _capture_from(data: dict | None) -> Capture | None:
    if data is None:
        return None
    return Capture(**{**data, "body": base64.b64decode(data["body"]),
                      "headers": [tuple(pair) for pair in data["headers"]]})


def item_to_json(item: DocumentItem) -> dict:
    """A DocumentItem as JSON-ready data, capture bytes in base64."""
    data = asdict(item)
    data["capture"] = _capture_json(item.capture)
    data["attachments"] = [{**asdict(a), "capture": _capture_json(a.capture)} for a in item.attachments]
    return data


def item_from_json(data: dict) -> DocumentItem:
    """The DocumentItem `item_to_json` described."""
    attachments = [AttachmentItem(**{**a, "capture": _capture_from(a["capture"])}) for a in data["attachments"]]
    rules = PageRules(**data["rules"]) if data.get("rules") else None
    return DocumentItem(**{**data, "capture": _capture_from(data["capture"]), "attachments": attachments,
                           "rules": rules})


# crawl side


class RedisItemPipeline:
    """Replaces StorePipeline in a crawl process: hands documents and run counts to the importer via Redis."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.redis = connect(crawler.settings.get("REDIS_URL"))
        self.job = crawler.settings.get("CLOUDCREDIT_REDIS_JOB")
        self.busy = f"{PREFIX}{self.job}:busy"
        self.worker = ""
        self.started = 0.0
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.working, signal=signals.request_reached_downloader)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisItemPipeline:
        return cls(crawler)

    def push(self, message: dict) -> None:
        self.redis.rpush(ITEMS, json.dumps({**message, "worker": self.worker}, ensure_ascii=False))

    def open_spider(self) -> None:
        if self.redis.get(JOB) != self.job.encode():
            raise ScaleOutError(f"the shared crawl {self.job} has ended; nothing to join")
        spider = self.crawler.spider
        site = spider.site
        number = self.redis.incr(f"{PREFIX}{self.job}:workers")
        self.worker = f"{self.job}:{number}:{site.name}"
        spider.crawl_run_id = int(number)
        spider.known = {v.decode() for v in self.redis.smembers(f"{PREFIX}known:{site.name}")}
        published = self.redis.get(f"{PREFIX}since:{site.name}")
        spider.since = spider.since_arg or (date.fromisoformat(published.decode()) if published
                                            else spider.until - timedelta(days=site.window_days))
        spider.prepared = True
        self.push({"type": "start", "site": {"name": site.name, "title": site.title, "base_url": site.base_url,
                                             "kind": site.kind, "path": site.path},
                   "since": spider.since.isoformat(), "host": socket.gethostname(), "pid": os.getpid()})
        self.started = time.monotonic()

    def process_item(self, item: object) -> object:
        if isinstance(item, DocumentItem):
            self.push({"type": "doc", "item": item_to_json(item)})
        return item

    def working(self, request: object, spider: Spider) -> None:
        self.redis.hset(self.busy, self.worker, time.time())

    def spider_idle(self, spider: Spider) -> None:
        """Stay open while another crawler of the job may still schedule requests into the shared queue."""
        self.redis.hdel(self.busy, self.worker)
        now = time.time()
        if any(now - float(seen) < STALE_AFTER for seen in self.redis.hvals(self.busy)):
            raise DontCloseSpider

    def spider_closed(self, spider: Spider, reason: str) -> None:
        self.redis.hdel(self.busy, self.worker)
        stats = self.crawler.stats.get_stats()
        failures = {k.split("/", 2)[2]: int(v) for k, v in stats.items() if k.startswith("cloudcredit/failed/")}
        self.push({"type": "finish", "status": FINISH_STATUS.get(reason, "failed"), "failures": failures,
                   "fetched": int(stats.get("downloader/response_count", 0)),
                   "known": int(stats.get("cloudcredit/known", 0)), "blocked": int(stats.get("cloudcredit/blocked", 0)),
                   "duration": time.monotonic() - self.started})


# store side


def publish_state(db_path: str | Path, client: redis.Redis) -> None:
    """Tell crawlers what the store knows: each site's stored fingerprints and where its next run starts.

    The store is the truth: what Redis knew before (from another store, or an older copy) is replaced.
    """
    db = open_db(db_path)
    stale = client.keys(f"{PREFIX}known:*") + client.keys(f"{PREFIX}since:*")
    if stale:
        client.delete(*stale)
    for source in db.query("SELECT name, config_path FROM sources"):
        known = known_fingerprints(db, source["name"])
        if known:
            client.sadd(f"{PREFIX}known:{source['name']}", *known)
        try:
            config = load_config(source["config_path"]) if source["config_path"] else None
        except ConfigError:
            config = None
        if config is not None:
            client.set(f"{PREFIX}since:{source['name']}", default_since(db, config, date.today()).isoformat())


class Importer:
    """Pops crawl messages from Redis and writes them to the store: the store's single writer."""

    def __init__(self, db_path: str | Path, client: redis.Redis) -> None:
        self.db_path = str(db_path)
        self.db = open_db(db_path)
        self.redis = client
        self.writers: dict[str, DocumentWriter] = {}
        self.run_ids: list[int] = []

    @property
    def open_runs(self) -> list[str]:
        return [worker.decode() for worker in self.redis.hkeys(RUNS)]

    def writer(self, worker: str) -> DocumentWriter | None:
        if worker not in self.writers:
            run_id = self.redis.hget(RUNS, worker)
            if run_id is None:
                return None
            site = self.db["crawl_runs"].get(int(run_id))["site"]
            self.writers[worker] = DocumentWriter(self.db_path, site, int(run_id), f"warc/{site}-{int(run_id)}.warc.gz")
        return self.writers[worker]

    def handle(self, message: dict) -> None:
        worker = message["worker"]
        if message["type"] == "start":
            site = message["site"]
            config = SimpleNamespace(name=site["name"], title=site["title"], base_url=site["base_url"],
                                     kind=site["kind"], path=site["path"])
            run_id = start_run(self.db, config, date.fromisoformat(message["since"]))
            self.redis.hset(RUNS, worker, run_id)
            self.run_ids.append(run_id)
            return
        writer = self.writer(worker)
        if writer is None:
            return
        if message["type"] == "doc":
            item = item_from_json(message["item"])
            writer.write(item)
            if item.fingerprint in writer.seen:  # stored now or before; not a page without content
                self.redis.sadd(f"{PREFIX}known:{item.site}", item.fingerprint)
        elif message["type"] == "finish":
            failures = dict(message["failures"])
            for reason, count in writer.failures.items():
                failures[reason] = failures.get(reason, 0) + count
            status = "blocked" if message["status"] == "ok" and failures.get("blocked") else message["status"]
            counts = {"fetched": message["fetched"], "new": writer.new, "known": message["known"] + writer.known,
                      "blocked": message["blocked"]}
            finish_run(self.db, writer.run_id, status=status, counts=counts, failures=failures,
                       duration=message["duration"])
            self.redis.hdel(RUNS, worker)
            del self.writers[worker]

    def interrupt(self, workers: Sequence[str]) -> None:
        """Close the runs of crawlers that went silent (killed) as `interrupted`, keeping what they sent."""
        for worker in workers:
            writer = self.writer(worker)
            if writer is not None:
                counts = {"fetched": 0, "new": writer.new, "known": writer.known, "blocked": 0}
                finish_run(self.db, writer.run_id, status="interrupted", counts=counts, failures=writer.failures,
                           duration=0.0)
                self.writers.pop(worker, None)
            self.redis.hdel(RUNS, worker)

    def run(self, *, idle_timeout: float, follow: bool = False, crawlers_done: Callable[[], bool] | None = None) -> None:
        """Import until the queue is empty, no crawler is open and `crawlers_done()` (if given) says so.

        Crawlers silent for `idle_timeout` seconds are recorded `interrupted`. With `follow` it never stops.
        """
        last = time.monotonic()
        while True:
            popped = self.redis.blpop([ITEMS], timeout=1)
            if popped is not None:
                self.handle(json.loads(popped[1]))
                last = time.monotonic()
                continue
            if follow:
                continue
            if crawlers_done is not None and not crawlers_done():
                continue
            if not self.open_runs:
                return
            if time.monotonic() - last >= idle_timeout:
                self.interrupt(self.open_runs)
                return


def import_captures(db_path: str | Path, url: str, *, idle_timeout: float = 60.0, follow: bool = False) -> list[int]:
    """`cloudcredit import-captures`: publish the store's state, import what crawlers sent; returns run ids."""
    client = connect(url)
    check_writable(open_db(db_path), db_path)
    publish_state(db_path, client)
    importer = Importer(db_path, client)
    importer.run(idle_timeout=idle_timeout, follow=follow)
    return importer.run_ids


def join_job(client: redis.Redis) -> str:
    """The shared crawl now running, for a crawler that joins it from another machine."""
    job = client.get(JOB)
    if job is None:
        raise ScaleOutError("no shared crawl is running on this Redis; start one with `cloudcredit crawl --redis URL`")
    return job.decode()


def crawl_shared(
    db_path: str | Path | None,
    url: str,
    *,
    sites: Sequence[str] | None = None,
    site_configs: Sequence[str | Path] = (),
    since: str | None = None,
    base_url: str | None = None,
    settings: Sequence[str] = (),
    workers: int = 1,
    import_items: bool = True,
    idle_timeout: float = 60.0,
    progress: bool = True,
) -> CrawlReport:
    """Run `workers` crawl processes on one Redis frontier; unless `import_items` is False (a crawler joining
    from another machine), start a new shared crawl and import everything its crawlers send into the store."""
    client = connect(url)
    if import_items:
        check_writable(open_db(db_path), db_path)
        job = uuid.uuid4().hex[:12]
        client.set(JOB, job)
        publish_state(db_path, client)
    else:
        job = join_job(client)
    command = [sys.executable, "-m", "crawlers.run"]
    command += [arg for name in sites or () for arg in ("--site", name)]
    command += [arg for path in site_configs for arg in ("--site-config", str(path))]
    for flag, value in (("--since", since), ("--base-url", base_url)):
        if value:
            command += [flag, str(value)]
    overrides = [*worker_settings(url, job), *(settings if progress else ["LOG_LEVEL=WARNING", *settings])]
    command += [arg for override in overrides for arg in ("--set", override)]
    output = None if progress else subprocess.DEVNULL
    children = [subprocess.Popen(command, stdout=output) for _ in range(workers)]
    names = list(sites or ()) + [load_config(path).name for path in site_configs]
    if not import_items:
        return CrawlReport(returncode=max(child.wait() for child in children), sites=names)
    importer = Importer(db_path, client)
    importer.run(idle_timeout=idle_timeout, crawlers_done=lambda: all(c.poll() is not None for c in children))
    if not client.hgetall(f"{PREFIX}{job}:busy") and not importer.open_runs:
        if client.get(JOB) == job.encode():
            client.delete(JOB)
        finished = client.keys(f"{PREFIX}{job}:*")
        if finished:
            client.delete(*finished)
    runs = [importer.db["crawl_runs"].get(run_id) for run_id in importer.run_ids]
    return CrawlReport(runs=runs, returncode=max(child.wait() for child in children), sites=names)
