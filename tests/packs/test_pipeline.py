"""A pack built from the real pipeline: crawl the replica → analyze → an analyst confirms → score → pack → verify."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest
from warcio.archiveiterator import ArchiveIterator

from evidence.records import decide
from replicas import serve
from store.db import open_db

pytestmark = pytest.mark.slow

FAST_CRAWL = [
    "DOWNLOAD_DELAY=0",
    "AUTOTHROTTLE_ENABLED=False",
    "CONCURRENT_REQUESTS_PER_DOMAIN=8",
    "RETRY_BACKOFF_BASE=0.05",
    "DOWNLOAD_TIMEOUT=10",
]


def _cloudcredit(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CLOUDCREDIT_DB=str(db))
    done = subprocess.run(
        [sys.executable, "-m", "cloudcredit", *args],
        capture_output=True, text=True, env=env, cwd=db.parent, timeout=600,
    )  # fmt: skip
    return done


def test_pack_from_a_crawl_of_the_replica(tmp_path):
    db_path = tmp_path / "monitor.db"
    server, base_url = serve()
    with server:
        settings = [a for s in FAST_CRAWL for a in ("--set", s)]
        crawl = _cloudcredit(
            db_path, "crawl", "--site", "ccgp", "--base-url", base_url, "--since", "2026-09-01", *settings
        )
        assert crawl.returncode == 0, crawl.stderr[-2000:]
        analyze = _cloudcredit(db_path, "analyze", "--no-progress")
        assert analyze.returncode == 0, analyze.stderr[-2000:]
        db = open_db(db_path)
        flagged = list(
            db.query(
                "SELECT e.id, e.company_id, e.occurred_on, d.url FROM evidence e JOIN documents d ON d.id = e.document_id"
                " WHERE e.company_id IS NOT NULL AND e.occurred_on IS NOT NULL ORDER BY e.score DESC, e.id LIMIT 1"
            )
        )
        assert flagged, "the analysis flagged nothing on the replica"
        item = flagged[0]
        decide(db, item["id"], actor="analyst-wang", new_status="confirmed", note="核实原公告")
        as_of = item["occurred_on"][:10]
        score = _cloudcredit(db_path, "score", "--as-of", as_of, "--all-companies")
        assert score.returncode == 0, score.stderr[-2000:]
        company = db["companies"].get(item["company_id"])["legal_name"]
        out = tmp_path / "out"
        pack = _cloudcredit(db_path, "pack", company, "--as-of", as_of, "-o", str(out), "--no-pdf")
        assert pack.returncode == 0, pack.stderr[-2000:]
        [archive] = out.glob("*.zip")
        verify = _cloudcredit(db_path, "verify-pack", str(archive))
        assert verify.returncode == 0, verify.stdout
        assert "match" in verify.stdout

        folder = out / archive.stem
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        [evidence] = manifest["evidence"]
        assert evidence["id"] == item["id"] and evidence["status"] == "confirmed"
        assert [e["new_status"] for e in evidence["review_log"]][-1] == "confirmed"
        assert manifest["rating"]["self_discipline"] == 0
        with open(folder / evidence["capture"]["file"], "rb") as handle:
            records = [
                (r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
                for r in ArchiveIterator(handle)
            ]
        assert records[0][0] == item["url"]
        for url, payload in records:
            assert httpx.get(url).content == payload

    with zipfile.ZipFile(archive) as source:
        names = source.namelist()
    capture = next(n for n in names if "/captures/" in n)
    target = folder / capture.split("/", 1)[1]
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0x01
    target.write_bytes(bytes(data))
    tampered = _cloudcredit(db_path, "verify-pack", str(folder))
    assert tampered.returncode == 1
    assert tampered.stdout.splitlines()[0].startswith(f"changed file: {capture.split('/', 1)[1]} (sha256 ")
