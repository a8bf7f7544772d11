"""A read-only database and a full disk give one clear `error:` line from the CLI, never a traceback.

The tests run as whoever runs the suite; when that is root, the child gives up the capabilities that
let root ignore file modes (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH), so `chmod 444` bites. A full disk
is a file-size limit (RLIMIT_FSIZE) in the child: writes past it fail with EFBIG, as on a full disk.
"""

from __future__ import annotations

import ctypes
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from replicas import serve
from store.captures import append_capture
from store.db import open_db
from tests.crawlers.conftest import SINCE

ROOT = Path(__file__).resolve().parents[2]
PR_CAPBSET_DROP = 24
DAC_CAPABILITIES = (1, 2)  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
FULL_AT = 64 * 1024

AWARD = """<html><head><meta charset="utf-8"></head><body><div class="vF_detail_main">
<h2>青岚市政务云租赁服务项目中标公告</h2><p>采购人名称：青岚市数据局</p><p>预算金额：300万元</p>
<p>中标供应商名称：北京云栈数据有限公司</p><p>中标金额：0.01元</p>{filler}</div></body></html>"""


def without_root_file_access() -> None:
    """preexec_fn: root loses the right to ignore file modes (no-op for other users)."""
    if os.geteuid() != 0:
        return
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in DAC_CAPABILITIES:
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def on_a_full_disk() -> None:
    """preexec_fn: no file may grow past FULL_AT bytes."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (FULL_AT, FULL_AT))


@pytest.fixture
def store(tmp_path) -> Path:
    """A store with a few stored pages waiting for analysis."""
    path = tmp_path / "m.db"
    db = open_db(path)
    for number in range(1, 13):
        payload = AWARD.format(filler="<p>说明：本项目采用公开招标方式。</p>" * 200 * number).encode()
        offset, record_id = append_capture(tmp_path / "warc" / "t.warc.gz", url=f"https://a.example/{number}",
                                           status=200, reason="OK", headers=[("Content-Type", "text/html")],
                                           payload=payload, fetched_at="2026-11-20T00:00:00+00:00")
        db["documents"].insert({"url": f"https://a.example/{number}", "fingerprint": f"fp{number}",
                                "kind": "bulletin", "title": "中标公告", "published": "2026-11-20",
                                "warc_file": "warc/t.warc.gz", "warc_offset": offset, "warc_record_id": record_id,
                                "content_type": "text/html"})
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


def cli(db: Path, args: list[str], preexec) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cloudcredit", "--db", str(db), *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300, preexec_fn=preexec,
                          env={**os.environ, "COLUMNS": "200"})


def assert_one_line_error(result: subprocess.CompletedProcess, *needles: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: "), result.stderr
    assert any(needle in result.stderr for needle in needles), result.stderr


COMMANDS = {
    "load-reference": ["load-reference"],
    "analyze": ["analyze", "--no-progress"],
}
CASES = [pytest.param("load-reference"), pytest.param("analyze", marks=pytest.mark.slow)]  # analyze loads the model


@pytest.mark.parametrize("command", CASES)
def test_read_only_database(store, command):
    store.chmod(0o444)
    result = cli(store, COMMANDS[command], without_root_file_access)
    assert_one_line_error(result, "readonly database")
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("command", CASES)
def test_full_disk(store, command):
    result = cli(store, COMMANDS[command], on_a_full_disk)
    assert_one_line_error(result, "disk is full", "disk I/O error")
    assert result.stderr.count("\n") == 1
    assert open_db(store).execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.fixture(scope="module")
def replica_url():
    server, base_url = serve()
    with server:
        yield base_url


CRAWL = ["crawl", "--site", "cctime", "--since", SINCE, "--set", "LOG_LEVEL=CRITICAL"]


@pytest.mark.slow
def test_crawl_into_a_read_only_database_fetches_nothing(store, replica_url):
    store.chmod(0o444)
    result = cli(store, [*CRAWL, "--base-url", replica_url], without_root_file_access)
    assert_one_line_error(result, "cannot write to the database")
    assert result.stderr.count("\n") == 1


@pytest.mark.slow
def test_crawl_onto_a_full_disk_says_storing_failed(store, replica_url):
    result = cli(store, [*CRAWL, "--base-url", replica_url], on_a_full_disk)
    assert_one_line_error(result, "storing failed")
    db = open_db(store)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [r["status"] for r in db.query("SELECT status FROM crawl_runs")] in ([], ["failed"])
