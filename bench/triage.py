"""Benchmark the analysts' Datasette: 1,000,000 documents and 100,000 evidence rows in a temporary store.

Serves the store with `cloudcredit serve` on 127.0.0.1, logs in as an analyst, and measures p50/p95 over
HTTP of the triage queue page, a company dossier and full-text searches, each as a ratio against a trivial
page (/-/versions.json) measured in the same run. Target: p95 ≤ 200 ms.

    .venv/bin/python bench/triage.py [--documents N] [--evidence N] [--requests N] [--seed N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evidence.accounts import add_analyst  # noqa: E402
from store.db import open_db  # noqa: E402

STAMP = "2026-01-01T00:00:00+00:00"
CITIES = ["北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "武汉", "西安", "重庆", "天津", "苏州", "长沙", "郑州", "济南"]
ORGS = ["市大数据局", "区教育局", "人民医院", "市公安局", "区政务服务中心", "大学", "市税务局", "市交通运输局"]
PROJECTS = ["政务云服务", "云主机租用", "数据中心运维", "对象存储扩容", "智慧校园平台", "视频监控云", "灾备中心建设", "网络安全等保"]
NOTICES = ["成交公告", "中标公告", "结果公告", "中标候选人公示", "采购公告"]
PREFIXES = ["星澜", "云栈", "赤霄", "北辰", "海川", "曜石", "蓝鲸", "天衡", "松果", "云梯", "澄光", "明岳", "远舟", "博弈", "星河"]
SUFFIXES = ["云科技", "数据", "信息技术", "网络科技", "云计算", "智能科技"]
AMOUNTS = ["0元", "0.01元", "1元", "96.5万元", "128万元", "3.2万元", "壹分", "零元"]
TYPES = ("zero_price_bid", "abnormally_low_bid", "license_lending")
STATUSES = ("pending",) * 5 + ("confirmed", "confirmed", "rejected", "rejected", "duplicate")
SEARCHES = ["青岚", "0元中标", "政务云 中标", "云栈0001", "北京 灾备中心建设"]
CHROME_FREE = {"CLOUDCREDIT_PASSWORD_HASH_", "CLOUDCREDIT_SECRETS"}


def companies(count: int) -> list[tuple[str, str]]:
    """(legal name, short name) of fictional companies; the first has a two-character brand, 青岚."""
    names = [("青岚云计算有限公司", "青岚云")]
    for i in range(count - 1):
        short = f"{PREFIXES[i % len(PREFIXES)]}{i:04d}"
        names.append((f"{short}{SUFFIXES[i % len(SUFFIXES)]}有限公司", short))
    return names


def generate(path: Path, documents: int, evidence: int, seed: int) -> dict:
    """Fill a fresh store quickly: bulk inserts with the per-row index triggers off, then bulk index builds."""
    rng = random.Random(seed)
    db = open_db(path)
    conn = db.conn
    dropped = [
        r for r in conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('documents', 'evidence')"
            " AND name NOT LIKE 'evidence_review%' AND name NOT LIKE 'evidence_decision%'"
        ).fetchall()
    ]
    for name, _sql in dropped:
        conn.execute(f"DROP TRIGGER [{name}]")
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("PRAGMA temp_store = MEMORY")
    names = companies(2000)
    conn.execute("BEGIN")
    conn.execute("INSERT INTO sources (name, title) VALUES ('bench', 'benchmark site')")
    conn.executemany(
        "INSERT INTO companies (id, legal_name, short_name, created_at) VALUES (?, ?, ?, ?)",
        [(i, legal, short, STAMP) for i, (legal, short) in enumerate(names, 1)],
    )
    conn.executemany(
        "INSERT INTO company_aliases (alias_key, alias, company_id, kind) VALUES (?, ?, ?, ?)",
        [(n.lower(), n, i, kind) for i, (legal, short) in enumerate(names, 1) for n, kind in ((legal, "legal"), (short, "short"))]
        + [("青岚", "青岚", 1, "brand")],
    )
    docs, segs = [], []
    for doc_id in range(1, documents + 1):
        city, org, project, notice = rng.choice(CITIES), rng.choice(ORGS), rng.choice(PROJECTS), rng.choice(NOTICES)
        legal, short = names[rng.randrange(len(names))] if rng.random() > 0.02 else names[0]
        amount = rng.choice(AMOUNTS)
        title = f"{city}{org}{project}项目{notice}"
        text = f"中标供应商：{legal}，以{amount}中标。采购人：{city}{org}。"
        day = f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        docs.append((doc_id, f"https://bench.example.gov.cn/{doc_id}.html", f"fp{doc_id}", "bench", title, day, text))
        brand = " 青岚" if short == "青岚云" else ""
        segs.append((doc_id, f"{city} {org} {project} 项目 {notice}",
                     f"中标 供应商 {legal} {short}{brand} 以 {amount} 中标 采购 人 {city} {org}"))
        if len(docs) == 100_000:
            _flush_docs(conn, docs, segs)
    _flush_docs(conn, docs, segs)
    conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('rebuild')")
    rows, review = [], []
    used: set[tuple[int, str]] = set()
    cluster = 0
    while len(rows) < evidence:
        cluster += 1
        size = 1 if rng.random() < 0.7 else rng.randrange(2, 5)
        kind = rng.choice(TYPES)
        company = rng.randrange(1, 21) if rng.random() < 0.1 else rng.randrange(1, len(names) + 1)
        for _ in range(size):
            doc_id = rng.randrange(1, documents + 1)
            if (doc_id, kind) in used or len(rows) >= evidence:
                continue
            used.add((doc_id, kind))
            status = rng.choice(STATUSES)
            score = round(rng.betavariate(2, 1.2), 4)
            reviewer, reviewed_at = (None, None) if status == "pending" else ("bench", f"2026-01-{rng.randrange(1, 29):02d}T10:00:00+00:00")
            created = f"2025-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T08:00:00+00:00"
            legal = names[company - 1][0]
            rows.append((len(rows) + 1, doc_id, company, legal, kind, score, "bench-1", "bench", '["中标金额：0元。"]', legal,
                         0.0, 1_000_000.0, "某市大数据局", f"k{cluster}" if size > 1 else None, created[:10], status,
                         reviewer, reviewed_at, created, created, "bench"))
            if status != "pending":
                review.append((len(rows), "bench", reviewed_at, "pending", status, None))
    conn.executemany(
        "INSERT INTO evidence (id, document_id, company_id, company_name, violation_type, score, model_version, reason,"
        " triggers, winner, amount_yuan, budget_yuan, buyer, cluster_id, occurred_on, status, reviewer, reviewed_at,"
        " created_at, updated_at, site) VALUES (" + ", ".join("?" * 21) + ")",
        rows,
    )
    conn.executemany("INSERT INTO review_log (evidence_id, actor, at, old_status, new_status, note) VALUES (?, ?, ?, ?, ?, ?)", review)
    conn.execute("INSERT INTO evidence_fts (evidence_fts) VALUES ('rebuild')")
    conn.executemany(
        "INSERT INTO evidence_seg_fts (rowid, company_name, winner, buyer, reason, note) VALUES (?, ?, ?, ?, ?, '')",
        [(r[0], f"{r[3]} {names[r[2] - 1][1]}", r[9], "某市 大数据 局", "bench") for r in rows],
    )
    conn.execute("DELETE FROM search_queue")
    for _name, sql in dropped:
        conn.execute(sql)
    conn.execute("COMMIT")
    conn.execute("PRAGMA analysis_limit = 1000")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")
    top = conn.execute(
        "SELECT c.short_name, COUNT(*) FROM evidence e JOIN companies c ON c.id = e.company_id"
        " GROUP BY e.company_id ORDER BY 2 DESC LIMIT 1"
    ).fetchone()
    conn.close()
    return {"dossier_company": top[0], "dossier_rows": top[1]}


def _flush_docs(conn, docs: list, segs: list) -> None:
    conn.executemany(
        "INSERT INTO documents (id, url, fingerprint, site, title, published, clean_text) VALUES (?, ?, ?, ?, ?, ?, ?)", docs
    )
    conn.executemany("INSERT INTO documents_seg_fts (rowid, title, clean_text) VALUES (?, ?, ?)", segs)
    docs.clear()
    segs.clear()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(path: Path, port: int) -> subprocess.Popen:
    """`cloudcredit serve` on loopback with a benchmark analyst; waits until it answers."""
    add_analyst(path.parent / "analysts.json", "bench", "bench password")
    env = {k: v for k, v in os.environ.items() if not any(k.startswith(p) for p in CHROME_FREE)}
    process = subprocess.Popen(
        [sys.executable, "-m", "cloudcredit", "--db", str(path), "serve", "--port", str(port)],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/-/login", timeout=2)
            return process
        except httpx.HTTPError:
            if process.poll() is not None:
                break
            time.sleep(0.3)
    process.kill()
    raise SystemExit(f"serve did not start: {process.stderr.read().decode()}")


def login(base: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=30)
    form = client.get("/-/login")
    token = re.search(r'name="csrftoken" value="([^"]+)"', form.text)
    data = {"username": "bench", "password": "bench password"}
    if token:
        data["csrftoken"] = token.group(1)
    client.post("/-/login", data=data)
    if client.get("/-/actor.json").json().get("actor") is None:
        raise SystemExit("login failed")
    return client


def measure(client: httpx.Client, paths: list[str], requests: int) -> list[float]:
    """Milliseconds per request, cycling through `paths` (after one warm-up round)."""
    for path in paths:
        client.get(path).raise_for_status()
    times = []
    for i in range(requests):
        start = time.perf_counter()
        response = client.get(paths[i % len(paths)])
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
    return times


def pct(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--evidence", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="Build the store in this folder and keep it.")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="cc-triage-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "monitor.db"
    if path.exists():
        raise SystemExit(f"{path} exists; pick an empty --keep folder")
    start, cpu = time.perf_counter(), time.process_time()
    facts = generate(path, args.documents, args.evidence, args.seed)
    print(f"generated {args.documents:,} documents, {args.evidence:,} evidence in {time.perf_counter() - start:.1f} s"
          f" ({time.process_time() - cpu:.1f} s CPU; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    port = free_port()
    process = serve(path, port)
    try:
        client = login(f"http://127.0.0.1:{port}")
        pages = {
            "baseline /-/versions.json": ["/-/versions.json"],
            "triage queue": ["/monitor/triage_queue?violation_type="],
            "triage queue (one type)": ["/monitor/triage_queue?violation_type=license_lending"],
            f"dossier ({facts['dossier_company']}, {facts['dossier_rows']} evidence)": [
                f"/monitor/company_dossier?company={facts['dossier_company']}"
            ],
            "search " + " | ".join(SEARCHES): [f"/-/cc/search?q={q}" for q in SEARCHES],
            "evidence table, 5 facets": ["/monitor/evidence"],
            "recently decided": ["/monitor/recently_decided"],
        }
        results = {name: measure(client, paths, args.requests) for name, paths in pages.items()}
    finally:
        process.terminate()
        process.wait(timeout=10)
    base50, base95 = pct(results["baseline /-/versions.json"], 50), pct(results["baseline /-/versions.json"], 95)
    print(f"{'page':60} {'p50 ms':>8} {'p95 ms':>8} {'p50 ×base':>10} {'p95 ×base':>10}")
    for name, times in results.items():
        p50, p95 = pct(times, 50), pct(times, 95)
        print(f"{name:60} {p50:8.1f} {p95:8.1f} {p50 / base50:10.1f} {p95 / base95:10.1f}"
              + ("" if p95 <= 200 else "   (over the 200 ms p95 target)"))
    if not args.keep:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
