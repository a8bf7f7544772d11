"""Which responses the crawl takes for block / verification pages (BlockPageMiddleware.is_block_page)."""

from __future__ import annotations

import pytest
from scrapy.http import Response
from scrapy.utils.test import get_crawler

from crawlers import settings
from crawlers.middlewares import BlockPageMiddleware
from replicas import build
from replicas.server import BLOCK_PAGE

REPLICA = build(bench_pages=1)
BENCH_DETAIL = REPLICA.route("GET", "/bench/t_0.htm", b"", "http://bench.invalid").body
GBK_LIST = REPLICA.route("GET", "/pub/jszfcg/cgxx/cjgg/index.html", b"", "http://www.ccgp-jiangsu.gov.cn").body
BUSY = "<p>访问过于频繁，请稍后再试</p>"
FILLER = "<p>" + "某项目成交公告，供应商名称与成交金额见附件。" * 1000 + "</p>"


def page(title: str, body: str, charset: str = "") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<!DOCTYPE html>\n<html><head>{meta}<title>{title}</title></head><body>{body}</body></html>"


# name: (Content-Type header, body, a block page?)
CASES = {
    "the replica's block page": ("text/html; charset=utf-8", BLOCK_PAGE.encode(), True),
    "the block page in GBK, charset in a meta tag": (
        "text/html", BLOCK_PAGE.replace('charset="utf-8"', 'charset="gbk"').encode("gbk"), True),
    "a GBK page with a marker, charset in the header": ("text/html; charset=GBK", page("提示", BUSY).encode("gbk"), True),
    "a GBK page with a marker, no charset declared (read as UTF-8)": ("text/html", page("提示", BUSY).encode("gbk"),
                                                                       False),
    "a UTF-8 page with a marker": ("text/html", page("提示", "验证码：<input>", "utf-8").encode(), True),
    "a page under an unknown charset (read as UTF-8)": ("text/html; charset=x-nonesuch", page("提示", BUSY).encode(),
                                                        True),
    "no Content-Type, markup with a marker": ("", b"  \n" + page("提示", "<p>稍后再试</p>").encode(), True),
    "JSON with a marker": ("application/json", '{"msg": "访问过于频繁"}'.encode(), False),
    "a bench detail page": ("text/html; charset=utf-8", BENCH_DETAIL, False),
    "a GBK list page": ("text/html; charset=gbk", GBK_LIST, False),
    "the markers' characters, not the markers": (
        "text/html", page("通知", "欢迎访问，频道，验收结果，稍作调整，试运行", "utf-8").encode(), False),
    "a large page with a marker": ("text/html", page("成交公告", BUSY + FILLER, "utf-8").encode(), False),
    "a large page titled 安全验证": ("text/html", page(" 安全验证 ", FILLER, "utf-8").encode(), True),
    "a large GBK page titled 安全验证": ("text/html", page("安全验证", FILLER, "gbk").encode("gbk"), True),
}


@pytest.fixture(scope="module")
def middleware() -> BlockPageMiddleware:
    values = {name: value for name, value in vars(settings).items() if name.startswith("BLOCK_")}
    return BlockPageMiddleware(get_crawler(settings_dict=values))


@pytest.mark.parametrize("name", CASES)
def test_block_page_verdicts(middleware, name):
    content_type, body, blocked = CASES[name]
    headers = {"Content-Type": content_type} if content_type else {}
    assert middleware.is_block_page(Response("http://www.example.gov.cn/t.htm", body=body, headers=headers)) is blocked


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
@pytest.mark.parametrize("marker", settings.BLOCK_MARKERS)
def test_every_marker_makes_a_small_page_a_block_page(middleware, marker, charset):
    body = page("提示", f"<p>请注意：{marker}。</p>", charset).encode(charset)
    assert middleware.is_block_page(Response("http://www.example.gov.cn/t.htm", body=body,
                                             headers={"Content-Type": "text/html"}))
