"""Benchmark the analyze stage against bare jieba segmentation of the same texts, and its peak memory.

Builds a temporary store of N different documents (corpus texts, then new renderings of the corpus
templates, wrapped in HTML pages and stored as WARC captures), runs the whole analyze path on them (read
capture → decode → clean text → facts → classify → lots, registry, clusters, evidence) and `jieba.lcut`
over the same texts in the same run (once before and once after analyze, averaged: the machine's speed
drifts), and prints documents/s of both and their ratio (target ≥ 0.5). Each size runs in a fresh
process so its peak memory (VmHWM of the main process, max RSS of the largest worker) can be compared:
1k vs 10k documents should be flat.

    .venv/bin/python bench/analyze.py [--sizes 1000 10000] [--rounds 3] [--batch-size 200] [--workers N]
                                      [--texts FILE.csv]

Each size runs `--rounds` times, each round in a fresh process that builds its own store, segments, analyses
and segments again; the median of the rounds' ratios is the figure held to the target (this machine's speed
swings by a fifth from one second to the next, and more between runs).

The corpus texts are short (about 360 characters; real bulletins run to about 2,000), so the per-document
costs that do not grow with length (reading, the classifier's call, the database writes) weigh more in
them than in a day's crawl. `--texts` runs the same measure on real bulletins instead: a CSV with
`title`/`text` (or `标题`/`正文`) columns, each row one document, each used once.

`--workers` is analyze's own option (default: one worker process per core; 1 runs everything in one
process). The jieba baseline always runs in one process. The ratio in CPU time (jieba's CPU seconds ÷
analyze's, its workers included) says what the stage costs per document whatever the number of cores.
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp.corpus import make_bulletins, make_news  # noqa: E402
from nlp.dataset import load_corpus  # noqa: E402
from store.captures import append_capture  # noqa: E402
from store.db import open_db, transaction  # noqa: E402


def _page(title: str, text: str) -> bytes:
    paragraphs = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines())
    return (
        f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title></head><body><div class='nav'>首页 | 公告</div>"
        f"<div class='vF_detail_main'><h2>{html.escape(title)}</h2>{paragraphs}</div><div class='footer'>版权所有</div></body></html>"
    ).encode()


def documents(size: int) -> list[tuple[str, str, str]]:
    """(title, text, kind) of `size` different documents: the corpus first, then new renderings of its
    templates with other seeds, so that no document repeats (no cache ever sees one twice)."""
    items = [(item.title, item.text, item.kind) for item in load_corpus()]
    seen = {text for _title, text, _kind in items}
    skeletons = yaml.safe_load(make_news.SKELETONS.read_text(encoding="utf-8"))
    seed = 0
    while len(items) < size:
        seed += 1
        rng = random.Random(f"bench-{seed}")
        fresh = [(x["title"], x["text"], "bulletin") for x in make_bulletins.skeleton_items(rng)]
        fresh += [(x["title"], x["text"], "news") for x in make_news.skeleton_items(rng, skeletons, str)]
        for title, text, kind in fresh:
            if text not in seen:
                seen.add(text)
                items.append((title, text, kind))
    return items[:size]


def csv_documents(path: Path) -> list[tuple[str, str, str]]:
    """(title, text, "bulletin") of each row of a CSV of real bulletins with a text (`title`/`text` or `标题`/`正文`)."""
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    items = [((row.get("title") or row.get("标题") or "").strip(), (row.get("text") or row.get("正文") or "").strip(),
              "bulletin") for row in rows]
    items = [item for item in items if item[1]]
    if not items:
        raise SystemExit(f"{path}: no rows with a text (columns title/text or 标题/正文)")
    return items


def build_store(folder: Path, items: list[tuple[str, str, str]]) -> tuple[Path, list[str]]:
    """A store of the documents `items` (title, text, kind); returns its path and their texts."""
    path = folder / "bench.db"
    db = open_db(path)
    texts = []
    with transaction(db):
        for number, (title, body, kind) in enumerate(items):
            text = f"{body}\n文号：{number}"
            texts.append(f"{title}\n{text}")
            offset, record_id = append_capture(
                folder / "warc" / "bench.warc.gz", url=f"https://bench.example/{number}", status=200, reason="OK",
                headers=[("Content-Type", "text/html; charset=utf-8")], payload=_page(title, text),
                fetched_at="2024-05-01T00:00:00+00:00",
            )
            db["documents"].insert({
                "url": f"https://bench.example/{number}", "fingerprint": f"bench-{number}", "kind": kind,
                "title": title, "published": "2024-05-01", "warc_file": "warc/bench.warc.gz",
                "warc_offset": offset, "warc_record_id": record_id, "content_type": "text/html; charset=utf-8",
            })
    db.conn.close()
    return path, texts


def _peak_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _cpu_s() -> float:
    """CPU seconds used by this process and its finished children (analyze's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _segment(lcut: Callable[[str], list[str]], texts: list[str]) -> tuple[float, float]:
    """Seconds and CPU seconds of segmenting `texts` once."""
    started, cpu = time.perf_counter(), _cpu_s()
    for text in texts:
        lcut(text)
    return time.perf_counter() - started, _cpu_s() - cpu


def run_one(size: int, batch_size: int, workers: int | None, texts_csv: Path | None = None) -> dict:
    """Build, analyse and segment `size` documents (from `texts_csv` when given) in this process; the figures."""
    import jieba

    from nlp.analyze import analyze, default_workers
    from nlp.model import current_model, warm_up

    model = current_model()
    warm_up(model)
    jieba.initialize()
    with tempfile.TemporaryDirectory() as tmp:
        items = csv_documents(texts_csv)[:size] if texts_csv else documents(size)
        path, texts = build_store(Path(tmp), items)
        size = len(items)
        first_s, first_cpu = _segment(jieba.lcut, texts)
        peak_before = _peak_kib()
        db = open_db(path)
        started, cpu = time.perf_counter(), _cpu_s()
        stats = analyze(db, path, batch_size=batch_size, progress=False, model=model, workers=workers)
        analyze_s, analyze_cpu = time.perf_counter() - started, _cpu_s() - cpu
        peak_after = _peak_kib()
        second_s, second_cpu = _segment(jieba.lcut, texts)
        jieba_s, jieba_cpu = (first_s + second_s) / 2, (first_cpu + second_cpu) / 2
    return {
        "size": size, "mean_chars": sum(map(len, texts)) / size, "workers": workers or default_workers(), "analyzed": stats.analyzed, "failed": stats.failed, "flagged": stats.flagged,
        "analyze_docs_per_s": stats.analyzed / analyze_s, "jieba_docs_per_s": size / jieba_s,
        "ratio": (stats.analyzed / analyze_s) / (size / jieba_s), "cpu_ratio": jieba_cpu / analyze_cpu,
        "peak_mib_before": peak_before / 1024, "peak_mib_analyze": peak_after / 1024,
        "peak_mib_worker": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--batch-size", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None, help="analyze's worker processes (default: one per core)")
    parser.add_argument("--texts", type=Path, help="a CSV of real bulletins (title/text or 标题/正文 columns) to use instead "
                        "of the corpus; --sizes then caps how many of its rows")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per size, each in a fresh process (the median ratio "
                        "is the figure held to the target)")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.batch_size, args.workers, args.texts)))
        return
    sizes = [min(args.sizes[-1], len(csv_documents(args.texts)))] if args.texts else args.sizes
    options = ["--batch-size", str(args.batch_size)] + (["--workers", str(args.workers)] if args.workers else [])
    options += ["--texts", str(args.texts)] if args.texts else []
    results = []
    for size in sizes:
        rounds = []
        for number in range(1, args.rounds + 1):
            out = subprocess.run([sys.executable, __file__, "--one", str(size), *options],
                                 capture_output=True, text=True, check=True)
            row = json.loads(out.stdout.strip().splitlines()[-1])
            rounds.append(row)
            print(f"{row['size']:>6} docs ({row['mean_chars']:.0f} characters on average), round {number}: analyze "
                  f"({row['workers']} workers) {row['analyze_docs_per_s']:.1f} docs/s, bare jieba.lcut "
                  f"{row['jieba_docs_per_s']:.1f} docs/s, ratio {row['ratio']:.2f} (in CPU time {row['cpu_ratio']:.2f}); "
                  f"peak memory {row['peak_mib_analyze']:.0f} MiB (before analyze {row['peak_mib_before']:.0f} MiB), "
                  f"largest worker {row['peak_mib_worker']:.0f} MiB; {row['flagged']} flagged, {row['failed']} failed")
        middle = {key: statistics.median(row[key] for row in rounds)
                  for key in ("ratio", "cpu_ratio", "peak_mib_analyze", "peak_mib_before", "peak_mib_worker")}
        results.append({"size": rounds[0]["size"], **middle})
        print(f"{rounds[0]['size']:>6} docs: median ratio {middle['ratio']:.2f} over {len(rounds)} rounds "
              f"(target ≥ 0.5; in CPU time {middle['cpu_ratio']:.2f})")
    if len(results) > 1:
        first, last = results[0], results[-1]
        growth = (last["peak_mib_analyze"] - last["peak_mib_before"]) - (first["peak_mib_analyze"] - first["peak_mib_before"])
        print(f"peak memory {first['size']} → {last['size']} docs: {first['peak_mib_analyze']:.0f} → "
              f"{last['peak_mib_analyze']:.0f} MiB (analyze's own growth differs by {growth:+.0f} MiB); largest worker "
              f"{first['peak_mib_worker']:.0f} → {last['peak_mib_worker']:.0f} MiB")


if __name__ == "__main__":
    main()
