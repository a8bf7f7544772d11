"""The store writer: captures first, then one transaction per batch; known documents are skipped, pages the
spider passed on unread are read here."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from crawlers.items import AttachmentItem, Capture, DocumentItem, PageRules
from crawlers.pages import fingerprint
from crawlers.siteconfig import parse_config
from crawlers.storage import start_run
from crawlers.writer import DocumentWriter
from store.captures import data_dir, read_capture
from store.db import open_db

ROOT = Path(__file__).resolve().parents[2]

CONFIG = parse_config({
    "name": "demo", "title": "示例", "base_url": "http://www.example.gov.cn",
    "lists": [{"url": "http://www.example.gov.cn/l_{page}.htm", "items": "li", "fields": {"link": "a::attr(href)"}}],
    "detail": {"content": "div"},
}, "demo.yaml")


def item(url: str, body: bytes, attachments=()) -> DocumentItem:
    capture = Capture(url=url, status=200, headers=[("Content-Type", "text/html; charset=utf-8")], body=body,
                      fetched_at="2026-11-28T08:00:00+00:00")
    return DocumentItem(url=url, fingerprint=fingerprint(url), site="demo", kind="bulletin", title="某项目成交公告",
                        published="2026-11-27", capture=capture, content_type="text/html", encoding="utf-8",
                        attachments=list(attachments))


def test_writer_stores_captures_rows_and_skips_known(tmp_path):
    db_file = tmp_path / "m.db"
    run_id = start_run(open_db(db_file), CONFIG, date(2026, 11, 1))
    writer = DocumentWriter(str(db_file), "demo", run_id, f"warc/demo-{run_id}.warc.gz")
    pdf = Capture(url="http://www.example.gov.cn/a.pdf", status=200, headers=[("Content-Type", "application/pdf")],
                  body=b"%PDF-1.4 fake", fetched_at="2026-11-28T08:00:01+00:00")
    first = item("http://www.example.gov.cn/t1.htm", "<div>成交</div>".encode(),
                 [AttachmentItem(url=pdf.url, name="附件", capture=pdf, content_type="application/pdf", text="文本")])
    assert writer.write(first) is True
    assert writer.write(item("http://www.example.gov.cn/t1.htm", b"<div>again</div>")) is False
    assert (writer.new, writer.known) == (1, 1)
    db = open_db(db_file)
    row = next(db.query("SELECT * FROM documents"))
    assert row["content_hash"] == hashlib.sha256("<div>成交</div>".encode()).hexdigest()
    assert read_capture(data_dir(db_file), row["warc_file"], row["warc_offset"]).payload == "<div>成交</div>".encode()
    attachment = next(db.query("SELECT * FROM attachments"))
    assert attachment["text"] == "文本" and attachment["document_id"] == row["id"]
    assert read_capture(data_dir(db_file), attachment["warc_file"], attachment["warc_offset"]).payload == pdf.body
    again = DocumentWriter(str(db_file), "demo", run_id, f"warc/demo-{run_id}.warc.gz")
    assert again.write(item("http://www.example.gov.cn/t1.htm", b"x")) is False


def test_inline_attachment_points_at_the_documents_record(tmp_path):
    db_file = tmp_path / "m.db"
    run_id = start_run(open_db(db_file), CONFIG, date(2026, 11, 1))
    writer = DocumentWriter(str(db_file), "demo", run_id, "warc/demo.warc.gz")
    url = "http://www.example.gov.cn/#/noticeDetail?publishId=7"
    pdf = Capture(url=url, status=200, headers=[], body=b"%PDF", fetched_at="2026-11-28T08:00:00+00:00")
    writer.write(item(url, b'{"data": {}}', [AttachmentItem(url=url + "#pdf", name="notice.pdf", capture=pdf,
                                                            inline=True)]))
    db = open_db(db_file)
    document = next(db.query("SELECT * FROM documents"))
    attachment = next(db.query("SELECT * FROM attachments"))
    assert attachment["warc_offset"] == document["warc_offset"] and attachment["warc_file"] == document["warc_file"]
    assert attachment["content_hash"] == hashlib.sha256(b"%PDF").hexdigest()


def test_writer_reads_unread_pages_and_counts_those_without_content(tmp_path):
    db_file = tmp_path / "m.db"
    run_id = start_run(open_db(db_file), CONFIG, date(2026, 11, 1))
    writer = DocumentWriter(str(db_file), "demo", run_id, "warc/demo.warc.gz")
    rules = PageRules(content=["div.main"], title=["h1::text"], date=["span.date::text"], encoding="gbk")
    page = '<html><h1> 某项目 成交公告 </h1><span class="date">2026年11月20日</span><div class="main">成交</div></html>'
    good = item("http://www.example.gov.cn/t1.htm", page.encode("gbk"))
    empty = item("http://www.example.gov.cn/t2.htm", "<html><div>别处</div></html>".encode("gbk"))
    for unread in (good, empty):
        unread.capture.headers = [("Content-Type", "text/html")]
        unread.title, unread.published, unread.encoding, unread.rules = "", None, "", rules
    writer.write_batch([good, empty])
    assert (writer.new, writer.known, writer.failures) == (1, 0, {"no_content": 1})
    row = next(open_db(db_file).query("SELECT * FROM documents"))
    assert (row["url"], row["title"], row["published"], row["encoding"]) == (good.url, "某项目 成交公告", "2026-11-20",
                                                                            "gbk")


def test_a_failed_batch_stores_nothing_and_keeps_the_counts(tmp_path):
    db_file = tmp_path / "m.db"
    run_id = start_run(open_db(db_file), CONFIG, date(2026, 11, 1))
    writer = DocumentWriter(str(db_file), "demo", run_id, "warc/demo.warc.gz")
    broken = item("http://www.example.gov.cn/t2.htm", b"<div>two</div>")
    broken.capture = None
    with pytest.raises(AttributeError):
        writer.write_batch([item("http://www.example.gov.cn/t1.htm", b"<div>one</div>"), broken])
    assert (writer.new, writer.known) == (0, 0)
    assert open_db(db_file).execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    writer.write_batch([item("http://www.example.gov.cn/t1.htm", b"<div>one</div>")])  # the same page again
    assert (writer.new, writer.known) == (1, 0)


def test_a_batch_is_one_transaction_without_a_savepoint_per_document(tmp_path):
    db_file = tmp_path / "m.db"
    run_id = start_run(open_db(db_file), CONFIG, date(2026, 11, 1))
    writer = DocumentWriter(str(db_file), "demo", run_id, "warc/demo.warc.gz")
    statements: list[str] = []
    writer.db.conn.set_trace_callback(statements.append)
    writer.write_batch([item(f"http://www.example.gov.cn/t{n}.htm", b"<div>x</div>") for n in range(3)])
    assert [s.split()[0] for s in statements if s.split()[0] in ("BEGIN", "SAVEPOINT", "RELEASE", "COMMIT")] == [
        "BEGIN", "COMMIT"]
    assert writer.new == 3


def test_a_document_failing_after_its_row_is_written_loses_its_whole_batch(tmp_path):
    db_file = tmp_path / "m.db"
    run_id = start_run(open_db(db_file), CONFIG, date(2026, 11, 1))
    writer = DocumentWriter(str(db_file), "demo", run_id, "warc/demo.warc.gz")
    broken = item("http://www.example.gov.cn/t2.htm", b"<div>two</div>",
                  [AttachmentItem(url="http://www.example.gov.cn/a.pdf", name="附件", text={"not": "text"})])
    with pytest.raises(sqlite3.ProgrammingError):  # the attachment row, after the document's row
        writer.write_batch([item("http://www.example.gov.cn/t1.htm", b"<div>one</div>"), broken])
    assert (writer.new, writer.known) == (0, 0)
    db = open_db(db_file)
    assert db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0
    assert db.execute("SELECT COUNT(*) FROM attachments").fetchone()[0] == 0


def test_the_writer_process_starts_without_scrapy():
    """The writer process (multiprocessing spawn) imports the crawl's __main__, crawlers.run, and the writer's
    module; neither needs Scrapy or Twisted, whose imports cost the writer CPU at every crawl's start."""
    code = ("import sys, crawlers.run, crawlers.writer; print([name for name in sys.modules "
            "if name.split('.')[0] in ('scrapy', 'twisted') or name.startswith('crawlers.spiders')])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_writer_process_yields_the_processor_to_the_crawl(tmp_path):
    """The writer runs at a lower priority than the crawl that started it, and stores what it is sent."""
    import multiprocessing
    import os
    import time

    from crawlers.writer import WRITER_NICENESS, run_writer

    db_path = tmp_path / "t.db"
    db = open_db(db_path)
    run_id = start_run(db, CONFIG, date(2026, 11, 1))
    context = multiprocessing.get_context("spawn")
    inbox, outbox = context.Queue(), context.Queue()
    writer = context.Process(target=run_writer, args=(str(db_path), "demo", run_id, "warc/t.warc.gz", inbox, outbox))
    writer.start()
    inbox.put([item("http://www.example.gov.cn/a.htm", "<div>公告</div>".encode())])
    deadline = time.monotonic() + 60
    while not db.execute("SELECT COUNT(*) FROM documents").fetchone()[0] and time.monotonic() < deadline:
        time.sleep(0.05)
    priority = os.getpriority(os.PRIO_PROCESS, writer.pid)  # alive: it waits for the next batch
    inbox.put(None)
    assert outbox.get(timeout=60)["new"] == 1
    writer.join(timeout=30)
    assert priority == min(os.getpriority(os.PRIO_PROCESS, 0) + WRITER_NICENESS, 19)
