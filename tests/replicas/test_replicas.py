"""The replica server: every site's pages, real URL schemes and encodings, and misbehaviour on demand."""

from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
import time

import httpx
import pytest
from pdfminer.high_level import extract_text

from replicas import serve
from replicas.content import VIOLATORS, articles, bulletins
from replicas.numerals import capital_yuan
from replicas.pdf import make_pdf


@pytest.fixture(scope="module")
def replica():
    server, base_url = serve()
    with server:
        yield server, httpx.Client(base_url=base_url, timeout=5)


@pytest.fixture(autouse=True)
def calm(replica):
    replica[0].replica.calm()
    yield
    replica[0].replica.calm()


def test_serves_on_a_free_loopback_port(replica):
    server, client = replica
    assert server.base_url.startswith("http://127.0.0.1:")
    assert int(server.base_url.rsplit(":", 1)[1]) > 0
    assert "User-agent: *" in client.get("/robots.txt").text


@pytest.mark.parametrize(
    ("path", "charset", "marker"),
    [
        ("/bxsearch?page_index=1&bidType=7&start_time=2026:09:01&end_time=2026:11:28", "utf-8", "vT-srch-result-list-bid"),
        ("/cggg/dfgg/cjgg/index.htm", "utf-8", "Pager({size:"),
        ("/xxgg/sjzfcggg/sjzbjggg/index.html", "utf-8", "xinxi_ul"),
        ("/queryMoreInfoList.do?channelCode=0008&pageIndex=1", "utf-8", "m_m_c_list"),
        ("/pub/jszfcg/cgxx/cjgg/index.html", "gbk", "createPageHTML("),
        ("/news/roll.asp?page=1", "gbk", "new_list_c"),
        ("/html/news/list_1.htm", "utf-8", "item_list"),
    ],
)
def test_list_pages_use_the_real_markup_and_encoding(replica, path, charset, marker):
    response = replica[1].get(path)
    assert response.status_code == 200
    assert f"charset={charset}" in response.headers["content-type"]
    assert marker in response.content.decode(charset)


def test_gbk_pages_are_really_gbk(replica):
    body = replica[1].get("/pub/jszfcg/cgxx/cjgg/index.html").content
    with pytest.raises(UnicodeDecodeError):
        body.decode("utf-8")
    assert bulletins("jiangsu")[0].title in body.decode("gbk")


def test_bxsearch_filters_by_bid_type_and_date_window(replica):
    wins = [b for b in bulletins("ccgp") if b.notice == "award" and b.method == "公开招标"]
    page = replica[1].get("/bxsearch", params={"bidType": "7", "page_index": "1"}).text
    assert f">{len(wins)}</span> 条内容" in page
    late = [b for b in wins if b.published.isoformat() >= "2026-11-01"]
    page = replica[1].get("/bxsearch", params={"bidType": "7", "start_time": "2026:11:01", "end_time": "2026:11:30"}).text
    assert f">{len(late)}</span> 条内容" in page


def test_ggzy_json_api_and_detail_pages(replica):
    client = replica[1]
    data = client.post("/information/pubTradingInfo/getTradList", data={"PAGENUMBER": "1"}).json()
    assert data["code"] == 200 and data["data"]["total"] == len(bulletins("ggzy"))
    record = data["data"]["records"][0]
    assert record["url"].startswith("/information/deal/html/a/")
    assert "showDetail(this," in client.get(record["url"]).text
    detail = client.get(record["url"].replace("/html/a/", "/html/b/")).text
    assert 'id="mycontent"' in detail and record["title"] in detail


def test_cmcc_detail_is_a_base64_pdf(replica):
    client = replica[1]
    api = "/api-b2b/api-sync-es/white_list_api/b2b/publish"
    rows = client.post(f"{api}/queryList", json={"current": 1, "size": 20}).json()["data"]["content"]
    detail = client.post(f"{api}/queryDetail", json={"publishId": rows[0]["id"]}).json()["data"]
    text = extract_text(io.BytesIO(base64.b64decode(detail["noticeContent"])))
    assert rows[0]["name"] in text


def test_js_list_is_empty_without_a_browser_and_its_json_has_the_rows(replica):
    client = replica[1]
    assert "<li>" not in client.get("/queryMoreInfoList.do?pageIndex=1").text
    rows = json.loads(client.get("/queryMoreInfoListJson.do?pageIndex=1").text)["rows"]
    assert rows and all(len(row["noticeId"]) == 32 for row in rows)


def test_status_misbehaviour_with_retry_after_stops_after_n_times(replica):
    server, client = replica
    rule = server.replica.misbehave("status", "/news/*", status=429, retry_after="7", times=2)
    first = client.get("/news/roll.asp")
    assert first.status_code == 429 and first.headers["retry-after"] == "7"
    assert client.get("/news/roll.asp").status_code == 429
    assert client.get("/news/roll.asp").status_code == 200
    assert rule.hits == 2


def test_block_page_truncation_wrong_charset_and_slowness(replica):
    server, client = replica
    server.replica.misbehave("block", "/html/news/*", times=1)
    assert "<title>安全验证</title>" in client.get("/html/news/list_1.htm").text
    server.replica.misbehave("truncate", "/xxgg/*", times=1)
    with pytest.raises(httpx.RemoteProtocolError):
        client.get("/xxgg/sjzfcggg/sjzbjggg/index.html")
    server.replica.misbehave("wrong_charset", "/pub/*", times=1)
    response = client.get("/pub/jszfcg/cgxx/cjgg/index.html")
    assert "charset=utf-8" in response.headers["content-type"]
    assert bulletins("jiangsu")[0].title in response.content.decode("gbk")
    server.replica.misbehave("slow", "/robots.txt", delay=0.3, times=1)
    started = time.monotonic()
    client.get("/robots.txt")
    assert time.monotonic() - started >= 0.3


def test_unknown_misbehaviour_is_refused(replica):
    with pytest.raises(ValueError, match="unknown misbehaviour"):
        replica[0].replica.misbehave("explode")


def test_request_log(replica):
    server, client = replica
    client.get("/robots.txt")
    client.post("/information/pubTradingInfo/getTradList", data={})
    assert server.replica.requests() == ["/robots.txt", "/information/pubTradingInfo/getTradList"]
    assert server.replica.requests("POST") == ["/information/pubTradingInfo/getTradList"]


def test_content_volume_and_fictional_violators():
    sites = ("ccgp", "ggzy", "beijing", "guangdong", "jiangsu", "cmcc")
    total = sum(len(bulletins(s)) for s in sites) + len(articles("c114")) + len(articles("cctime"))
    assert 60 <= total <= 150
    winners = {lot.winner for s in sites for b in bulletins(s) for lot in b.lots}
    for name, _address in VIOLATORS.values():
        assert name in winners or any(name in p for s in ("c114", "cctime") for a in articles(s) for p in a.paragraphs)
    notices = {b.notice for s in sites for b in bulletins(s)}
    assert notices == {"award", "tender", "cancelled", "correction"}
    assert any(len(b.lots) > 1 for s in sites for b in bulletins(s))
    amounts = [lot.amount for s in sites for b in bulletins(s) for lot in b.lots]
    assert {"0元", "0.01元", "1元"} <= set(amounts)
    assert any("万元" in a for a in amounts) and any("下浮率" in a for a in amounts) and any("元整" in a for a in amounts)


@pytest.mark.parametrize(
    ("amount", "text"),
    [(639000, "陆拾叁万玖仟元整"), (149000, "壹拾肆万玖仟元整"), (64000, "陆万肆仟元整"),
     (539211, "伍拾叁万玖仟贰佰壹拾壹元整"), (28320604, "贰仟捌佰叁拾贰万零陆佰零肆元整"), (100001, "壹拾万零壹元整")],
)
def test_capital_numerals(amount, text):
    assert capital_yuan(amount) == text


def test_pdf_text_survives_pdfminer():
    lines = ["中标人：某某云计算有限公司", "报价：0.01元（人民币）", "Plain ASCII 123"]
    assert extract_text(io.BytesIO(make_pdf(lines))).split("\n\n")[:3] == lines


def test_python_m_replicas_prints_its_url_and_serves():
    child = subprocess.Popen([sys.executable, "-m", "replicas"], stdout=subprocess.PIPE, text=True)
    try:
        url = child.stdout.readline().strip()
        assert url.startswith("http://127.0.0.1:")
        assert httpx.get(f"{url}/robots.txt", timeout=5).status_code == 200
    finally:
        child.terminate()
        child.wait(timeout=10)
