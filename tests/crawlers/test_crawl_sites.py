"""Crawl every configured site's replica (the JS list in real Chromium) and check every stored field."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path

import pytest

from crawlers.pages import fingerprint
from replicas.content import articles, bulletins
from replicas.sites import cmcc
from store.captures import data_dir, read_capture
from store.db import open_db
from tests.crawlers.conftest import run_crawl

pytestmark = pytest.mark.slow

GBK_SITES = {"jiangsu", "c114"}
# The first page of every list: all a second run over an unchanged replica may fetch.
LIST_FIRST_PAGES = Counter({
    "/bxsearch": 2, "/cggg/zygg/zbgg/index.htm": 1, "/cggg/zygg/cjgg/index.htm": 1, "/cggg/dfgg/zbgg/index.htm": 1,
    "/cggg/dfgg/cjgg/index.htm": 1, "/information/pubTradingInfo/getTradList": 1,
    "/xxgg/sjzfcggg/sjzbjggg/index.html": 1, "/xxgg/sjzfcggg/sjzbgg/index.html": 1,
    "/queryMoreInfoList.do": 1, "/queryMoreInfoListJson.do": 1, "/pub/jszfcg/cgxx/cjgg/index.html": 1,
    "/api-b2b/api-sync-es/white_list_api/b2b/publish/queryList": 2, "/news/roll.asp": 1, "/html/news/list_1.htm": 1,
})


def expected(site: str) -> Counter:
    """(title, published) of every document the replica holds for the site within the crawl window."""
    if site in ("c114", "cctime"):
        return Counter((a.title, a.published.isoformat()) for a in articles(site))
    items = bulletins(site)
    if site == "ccgp":
        items = tuple(b for b in items if b.notice == "award")
    title = cmcc.title if site == "cmcc" else (lambda b: b.title)
    return Counter((title(b), b.published.isoformat()) for b in items)


@pytest.fixture(scope="module")
def crawled(replica, tmp_path_factory):
    db_file = tmp_path_factory.mktemp("crawl") / "monitor.db"
    first = run_crawl(db_file, replica.base_url)
    replica.replica.calm()
    second = run_crawl(db_file, replica.base_url)
    return db_file, first, second, replica.replica.requests()


SITES = ["ccgp", "ggzy", "beijing", "guangdong", "jiangsu", "cmcc", "c114", "cctime"]


def test_every_site_ran_ok(crawled):
    _db, first, _second, _log = crawled
    assert sorted(run["site"] for run in first.runs) == sorted(SITES)
    assert all(run["status"] == "ok" and run["failed"] == 0 and run["blocked"] == 0 for run in first.runs), first.runs
    assert first.failed_sites == []


@pytest.mark.parametrize("site", SITES)
def test_site_documents_and_fields(crawled, site):
    db_file, first, _second, _log = crawled
    db = open_db(db_file)
    run = next(r for r in first.runs if r["site"] == site)
    rows = list(db.query("SELECT * FROM documents WHERE site = ?", [site]))
    assert Counter((r["title"], r["published"]) for r in rows) == expected(site)
    assert run["new"] == len(rows)
    source = db["sources"].get(site)
    assert source["kind"] == ("news" if site in ("c114", "cctime") else "bulletin")
    for row in rows:
        assert row["kind"] == source["kind"]
        assert row["fingerprint"] == fingerprint(row["url"])
        assert row["crawl_run_id"] == run["id"]
        assert row["http_status"] == 200
        assert row["content_type"] == ("application/json" if site == "cmcc" else "text/html")
        assert row["encoding"] == ("gbk" if site in GBK_SITES else "utf-8")
        assert row["clean_text"] is None and row["fetched_at"]
        assert row["warc_file"] == f"warc/{site}-{run['id']}.warc.gz"
        capture = read_capture(data_dir(db_file), row["warc_file"], row["warc_offset"])
        assert capture.record_id == row["warc_record_id"]
        assert capture.status == 200
        assert hashlib.sha256(capture.payload).hexdigest() == row["content_hash"]
        if site == "cmcc":
            assert "queryDetail" in capture.url and row["url"].split("#")[1].startswith("/noticeDetail?publishId=")
        else:
            assert capture.url == row["url"]
            assert row["title"] in capture.payload.decode(row["encoding"])


def test_gbk_pages_are_captured_as_received(crawled):
    db_file = crawled[0]
    row = next(open_db(db_file).query("SELECT * FROM documents WHERE site = 'jiangsu' LIMIT 1"))
    payload = read_capture(data_dir(db_file), row["warc_file"], row["warc_offset"]).payload
    with pytest.raises(UnicodeDecodeError):
        payload.decode("utf-8")


def test_pdf_attachments_are_captured_and_read(crawled):
    db_file = crawled[0]
    db = open_db(db_file)
    expected_files = {b.project_code for site in ("ccgp", "jiangsu") for b in bulletins(site)
                      if b.attachment and (site != "ccgp" or b.notice == "award")}
    rows = list(db.query("SELECT a.*, d.site FROM attachments a JOIN documents d ON d.id = a.document_id "
                         "WHERE d.site != 'cmcc'"))
    assert {code for code in expected_files if any(code in (r["text"] or "") for r in rows)} == expected_files
    for row in rows:
        assert row["content_type"] == "application/pdf" and row["url"].endswith(".pdf")
        capture = read_capture(data_dir(db_file), row["warc_file"], row["warc_offset"])
        assert capture.payload.startswith(b"%PDF")
        assert hashlib.sha256(capture.payload).hexdigest() == row["content_hash"]


def test_base64_pdf_notices_are_read(crawled):
    db = open_db(crawled[0])
    rows = list(db.query("SELECT a.text, d.title, d.warc_offset, a.warc_offset AS att_offset FROM attachments a "
                         "JOIN documents d ON d.id = a.document_id WHERE d.site = 'cmcc'"))
    assert len(rows) == len(bulletins("cmcc"))
    for row in rows:
        assert row["title"] in row["text"] and row["att_offset"] == row["warc_offset"]
    winners = {lot.winner for b in bulletins("cmcc") for lot in b.lots}
    assert all(any(w in r["text"] for r in rows) for w in winners)


def test_second_run_fetches_only_list_pages(crawled):
    _db, first, second, log = crawled
    assert all(run["new"] == 0 and run["status"] == "ok" for run in second.runs)
    pages = Counter(target.split("?")[0] for target in log if not target.startswith("/robots.txt"))
    print(f"second run: {sum(pages.values())} requests besides robots.txt, first run: "
          f"{sum(r['fetched'] for r in first.runs)} responses")
    assert pages == LIST_FIRST_PAGES
    assert sum(r["known"] for r in second.runs) >= len(SITES)


def test_warc_files_live_beside_the_database(crawled):
    db_file = crawled[0]
    files = {r[0] for r in open_db(db_file).execute("SELECT DISTINCT warc_file FROM documents")}
    assert all((Path(db_file).parent / f).is_file() and not Path(f).is_absolute() for f in files)


def test_ccgp_details_in_both_templates_were_kept(crawled):
    db_file = crawled[0]
    rows = list(open_db(db_file).query("SELECT warc_file, warc_offset FROM documents WHERE site = 'ccgp'"))
    bodies = [read_capture(data_dir(db_file), r["warc_file"], r["warc_offset"]).payload for r in rows]
    assert any(b"vF_detail_content" in b for b in bodies) and any(b"vT_detail_content" in b for b in bodies)
