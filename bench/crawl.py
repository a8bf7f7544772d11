"""Crawl benchmark: the full pipeline (fetch → parse → store → WARC) against a bare fetch-only spider.

    .venv/bin/python bench/crawl.py [--pages 10000] [--concurrency 16] [--rounds 5]

Both crawl the same synthetic replica channel (list pages of 20 + detail pages in the 中国政府采购网
template) in one run, each in its own process, in paired rounds (one bare and one full crawl each, the
order alternating). Prints pages/s of each round, the ratio of each pair and their median (the figure
held to the target ≥ 0.8: the two crawls of a pair share the machine's speed of the moment, which on a
shared machine swings the bare crawl alone by half), and the peak memory (max RSS) of each process.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import scrapy
import yaml
from scrapy.crawler import CrawlerProcess

from replicas import serve
from store.db import open_db

ROOT = Path(__file__).resolve().parents[1]

HOST = "http://bench.invalid"
CONFIG = {
    "name": "bench",
    "title": "benchmark channel",
    "base_url": HOST,
    "lists": [{
        "name": "bench",
        "first_url": f"{HOST}/bench/index_0.htm",
        "url": f"{HOST}/bench/index_{{page}}.htm",
        "items": "div.main_list li",
        "fields": {"title": "a::attr(title)", "link": "a::attr(href)", "date": "span::text"},
        "pagination": {"first": 0, "max_pages": 100000, "total": "script::text", "total_regex": r"size:(\d+)"},
    }],
    "detail": {"content": ["div.vF_detail_content"], "title": ["h2.tc::text"]},
}


def speed_settings(concurrency: int) -> dict[str, object]:
    return {
        "CONCURRENT_REQUESTS": concurrency,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "CONCURRENT_ITEMS": 8,
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "LOG_LEVEL": "WARNING",
    }


class BareSpider(scrapy.Spider):
    """Fetches the same list and detail pages and does nothing else."""

    name = "bare"

    def __init__(self, base_url: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.base_url = base_url

    async def start(self):
        yield scrapy.Request(f"{self.base_url}/bench/index_0.htm", callback=self.parse_list)

    def parse_list(self, response):
        links = response.css("div.main_list li a::attr(href)").getall()
        for href in links:
            yield response.follow(href, callback=self.parse_detail)
        if links:
            number = int(response.url.rsplit("_", 1)[1].split(".")[0])
            yield scrapy.Request(f"{self.base_url}/bench/index_{number + 1}.htm", callback=self.parse_list)

    def parse_detail(self, response):
        return None


def bare_worker(base_url: str, concurrency: int, out: str) -> None:
    """Child process: run the bare spider and write its stats as JSON."""
    settings = {**speed_settings(concurrency), "ROBOTSTXT_OBEY": True, "HTTPERROR_ALLOWED_CODES": [404]}
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(BareSpider)
    process.crawl(crawler, base_url=base_url)
    process.start()
    stats = crawler.stats.get_stats()
    Path(out).write_text(json.dumps({"pages": stats.get("downloader/response_count", 0),
                                     "seconds": stats["elapsed_time_seconds"]}))


def run_child(command: list[str]) -> int:
    """Run a child process; returns its peak RSS in MiB."""
    child = subprocess.Popen(command, cwd=ROOT)
    _pid, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark child failed: {' '.join(command)}")
    return usage.ru_maxrss // 1024


def bare_round(base_url: str, concurrency: int, tmp: Path) -> tuple[float, int, dict]:
    """One bare crawl: (pages/s, peak RSS MiB, stats)."""
    stats_file = tmp / "bare.json"
    rss = run_child([sys.executable, __file__, "--concurrency", str(concurrency), "--bare-worker", base_url,
                     str(stats_file)])
    stats = json.loads(stats_file.read_text())
    return stats["pages"] / stats["seconds"], rss, stats


def full_round(base_url: str, concurrency: int, tmp: Path, number: int) -> tuple[float, int, dict]:
    """One full-pipeline crawl into a fresh database: (pages/s, peak RSS MiB of the crawl process, run row)."""
    folder = tmp / f"full{number}"
    folder.mkdir()
    config = folder / "bench.yaml"
    config.write_text(yaml.safe_dump(CONFIG), encoding="utf-8")
    db_file = folder / "bench.db"
    open_db(db_file)
    overrides = [f"{k}={v}" for k, v in speed_settings(concurrency).items()]
    rss = run_child([sys.executable, "-m", "crawlers.run", "--db", str(db_file), "--site-config", str(config),
                     "--since", "2000-01-01", "--base-url", base_url, *[a for o in overrides for a in ("--set", o)]])
    run = open_db(db_file)["crawl_runs"].get(1)
    run["warc_mb"] = sum(p.stat().st_size for p in (folder / "warc").glob("*.warc.gz")) / 2**20
    return run["fetched"] / run["duration_s"], rss, run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10000, help="detail pages in the synthetic channel")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=5,
                        help="paired rounds (a bare and a full crawl each, in alternating order)")
    parser.add_argument("--bare-worker", nargs=2, metavar=("BASE_URL", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare_worker:
        bare_worker(args.bare_worker[0], args.concurrency, args.bare_worker[1])
        return
    server, base_url = serve(bench_pages=args.pages)
    bare, full = [], []
    with server, tempfile.TemporaryDirectory() as tmp:
        for number in range(args.rounds):
            # Alternate which crawl goes first, so a machine that speeds up or slows down favours neither.
            if number % 2:
                full.append(full_round(base_url, args.concurrency, Path(tmp), number))
                bare.append(bare_round(base_url, args.concurrency, Path(tmp)))
            else:
                bare.append(bare_round(base_url, args.concurrency, Path(tmp)))
                full.append(full_round(base_url, args.concurrency, Path(tmp), number))
    ratios = [f[0] / b[0] for b, f in zip(bare, full, strict=True)]
    bare_rate, bare_rss, stats = max(bare, key=lambda r: r[0])
    full_rate, full_rss, run = max(full, key=lambda r: r[0])
    print(f"pages in channel:       {args.pages} details + {-(-args.pages // 20)} list pages, "
          f"{args.rounds} paired rounds")
    print(f"bare fetch-only spider: {stats['pages']} pages, best {bare_rate:.0f} pages/s "
          f"(rounds: {', '.join(f'{r[0]:.0f}' for r in bare)}), peak RSS {max(r[1] for r in bare)} MiB")
    print(f"full pipeline:          {run['fetched']} pages, best {full_rate:.0f} pages/s "
          f"(rounds: {', '.join(f'{r[0]:.0f}' for r in full)}), {run['new']} documents, {run['warc_mb']:.1f} MiB "
          f"of WARC, peak RSS {max(r[1] for r in full)} MiB (crawl process; the writer process is separate)")
    print(f"ratio per round:        {', '.join(f'{r:.2f}' for r in ratios)}; best full / best bare "
          f"{full_rate / bare_rate:.2f}")
    print(f"ratio full / bare:      {statistics.median(ratios):.2f} (median of the paired rounds; target >= 0.8)")


if __name__ == "__main__":
    main()
