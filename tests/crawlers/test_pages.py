"""Page helpers: fingerprints, decoding with wrong declarations, dates, selectors, Retry-After."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from parsel import Selector

from crawlers.middlewares import retry_after_seconds
from crawlers.pages import (
    declared_charset,
    decode,
    fingerprint,
    first_text,
    first_value,
    json_path,
    matches,
    parse_date,
    select,
    values,
)


def test_fingerprint_is_sha1_of_the_canonical_url_with_fragment():
    a = fingerprint("http://example.cn/a?b=2&a=1")
    assert a == fingerprint("http://example.cn/a?a=1&b=2")
    assert a == hashlib.sha1(b"http://example.cn/a?a=1&b=2").hexdigest()
    assert fingerprint("https://b2b.10086.cn/#/noticeDetail?publishId=1") != fingerprint(
        "https://b2b.10086.cn/#/noticeDetail?publishId=2"
    )


def test_decode_trusts_bytes_over_a_wrong_declaration():
    text = "<p>江苏栖云网络科技有限公司 成交金额：壹万贰仟元整</p>"
    gbk = text.encode("gbk")
    decoded, encoding = decode(gbk, "utf-8", None)
    assert decoded == text and encoding in ("gbk", "gb18030")
    assert decode(text.encode("utf-8"), "gbk", "gbk") == (text, "utf-8")
    assert decode(gbk, None, "gbk") == (text, "gbk")


def test_declared_charset_header_then_meta():
    assert declared_charset("text/html; charset=GBK", b"") == "gbk"
    assert declared_charset("text/html", b'<meta http-equiv="Content-Type" content="text/html; charset=gb2312">') == "gb2312"
    assert declared_charset(None, b"<html>") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026.03.17 00:00:00 | 采购人：", "2026-03-17"),
        ("发布时间：2026-11-26 12:15", "2026-11-26"),
        ("2026年11月05日 09:30", "2026-11-05"),
        ("2026/11/5", "2026-11-05"),
        ("2026:09:01", "2026-09-01"),
        ("no date", None),
        ("2026-02-30", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_month_day_takes_the_latest_year_not_in_the_future():
    assert parse_date("11-20 09:31", today=date(2026, 11, 28)) == "2026-11-20"
    assert parse_date("12-30 09:31", today=date(2026, 11, 28)) == "2025-12-30"


def test_selectors_css_and_xpath():
    page = Selector(text='<ul><li><a href="./t1.htm" title="甲">甲 <b>一</b></a><span>2026-11-01</span></li></ul>'
                         '<div class="a_div"><a href="index_1.html">下一页</a></div>')
    assert first_text(page, ["li a::text"]) == "甲"
    assert first_text(page, ["li a ::text"]) == "甲 一"
    assert first_value(page, ["xpath://div[@class='a_div']/a[text()='下一页']/@href"]) == "index_1.html"
    assert first_value(page, ["em::text", "span::text"]) == "2026-11-01"
    assert first_text(page, ["xpath:count(//li)"]) == "1.0"


PAGE = ('<html><body><ul class="list"><li><a href="./t1.htm" title="甲">甲 <b>一</b></a><span>2026-11-01</span></li>'
        '<li><a href="t2.htm">乙</a><!-- note --></li></ul><p>tail</p></body></html>')
EXPRESSIONS = ["a::attr(href)", "a::text", "a ::text", "a", "b", "span::text", "em::text", "xpath:./a/@title",
               "xpath:count(.//a)", "xpath:boolean(.//b)", "xpath:string(.)", "xpath:.//comment()",
               "xpath:.//a[re:test(@href, 't[0-9]')]/@href", "xpath:set:distinct(.//a/@href)", "xpath:./a[", "a::nope"]


@pytest.mark.parametrize("expression", EXPRESSIONS)
def test_values_and_matches_read_like_parsel(expression):
    for node in [Selector(text=PAGE, type="html"), *Selector(text=PAGE, type="html").css("li"),
                 *Selector(text='<?xml version="1.0"?><r><li><a href="x">X</a></li></r>', type="xml").css("li"),
                 *Selector(text=PAGE, type="html").css("li::text")]:
        try:
            expected = select(node, expression).getall()
        except Exception as error:  # the same error either way
            with pytest.raises(type(error)):
                values(node, expression)
            with pytest.raises(type(error)):
                matches(node, expression)
            continue
        assert values(node, expression) == expected
        assert matches(node, expression) is bool(select(node, expression))


def test_json_path():
    assert json_path({"data": {"records": [1]}}, "data.records") == [1]
    assert json_path({"data": None}, "data.records") is None


def test_retry_after_seconds_and_dates():
    assert retry_after_seconds(b"120") == 120.0
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert retry_after_seconds(None) is None
    assert retry_after_seconds("soon") is None
