"""Clean text: encodings from the bytes, main content without chrome, normalisation for analysis."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from nlp.text import canonical_encoding, decode_html, normalize, page_text

PAGES = Path(__file__).parent / "pages"
BODY = "<p>中标供应商：星澜云科技有限公司，中标金额：壹拾万元整。采购人：东湖区大数据中心。</p>"


def _page(head: str = "") -> str:
    return f"<html><head>{head}<title>政务云服务中标公告</title></head><body>{BODY}</body></html>"


@pytest.mark.parametrize(
    ("name", "codec"),
    [("gb2312", "gb18030"), ("GBK", "gb18030"), ("x-gbk", "gb18030"), ("GB18030", "gb18030"), ("utf8", "utf-8"),
     ("UTF-8", "utf-8"), ("big5", "big5"), ("no-such-charset", None), (None, None)],
)
def test_canonical_encoding(name: str | None, codec: str | None) -> None:
    assert canonical_encoding(name) == codec


def test_utf8_bom_wins() -> None:
    data = codecs.BOM_UTF8 + _page('<meta charset="gbk">').encode("utf-8")
    text, codec = decode_html(data)
    assert codec == "utf-8" and "星澜云" in text and not text.startswith("\ufeff")


def test_utf16_bom() -> None:
    text, codec = decode_html(_page().encode("utf-16"))
    assert codec == "utf-16" and "星澜云" in text


def test_meta_charset_gb2312_decodes_as_gb18030() -> None:
    # 镕 is outside GB2312; pages declaring gb2312 still use GBK characters.
    page = _page('<meta charset="gb2312">').replace("星澜云", "星镕云")
    text, codec = decode_html(page.encode("gb18030"))
    assert codec == "gb18030" and "星镕云科技" in text


def test_http_equiv_content_type() -> None:
    page = _page('<meta http-equiv="Content-Type" content="text/html; charset=GBK">')
    text, codec = decode_html(page.encode("gbk"))
    assert codec == "gb18030" and "壹拾万元整" in text


def test_http_equiv_with_content_first() -> None:
    page = _page('<meta content="text/html; charset=gbk" http-equiv="Content-Type">')
    assert "星澜云" in decode_html(page.encode("gbk"))[0]


def test_http_declared_charset_used_when_the_page_says_nothing() -> None:
    text, codec = decode_html(_page().encode("gbk"), declared="gbk")
    assert codec == "gb18030" and "星澜云" in text


def test_detection_without_any_declaration() -> None:
    text, codec = decode_html(_page().encode("gbk"))
    assert "星澜云科技有限公司" in text and codec in ("gb18030", "gbk", "gb2312")


def test_page_saying_utf8_with_gbk_bytes_still_decodes() -> None:
    data = (PAGES / "wrong_charset_gbk.html").read_bytes()
    text, codec = decode_html(data)
    assert codec == "gb18030" and "桐城安澜信息技术有限公司" in text


def test_page_saying_gbk_with_utf8_bytes_decodes_as_utf8() -> None:
    text, codec = decode_html(_page('<meta charset="gbk">').encode("utf-8"))
    assert codec == "utf-8" and "星澜云" in text


def test_http_header_latin1_is_not_trusted_for_chinese_bytes() -> None:
    text, codec = decode_html(_page().encode("utf-8"), declared="ISO-8859-1")
    assert codec == "utf-8" and "星澜云" in text


def test_big5_page() -> None:
    text, codec = decode_html((PAGES / "traditional_big5.html").read_bytes())
    assert codec == "big5" and "雲棧數據服務有限公司" in text


def test_ccgp_new_template_keeps_summary_and_body_without_chrome() -> None:
    text = page_text((PAGES / "ccgp_new.html").read_text(encoding="utf-8"))
    assert "总中标金额 | ￥0.000100 万元（人民币）" in text
    assert "1 | 星澜云科技有限公司 | 东湖区科创路8号 | 报价:1(元)" in text
    assert "政策法规" not in text and "版权所有" not in text


def test_ccgp_old_template_body() -> None:
    text = page_text((PAGES / "ccgp_old_rate.html").read_text(encoding="utf-8"))
    assert "成交下浮系数：20%" in text and "0.0 万元" in text


def test_ggzy_b_page_detail_and_table() -> None:
    text = page_text((PAGES / "ggzy_contract.html").read_text(encoding="utf-8"))
    assert "合同金额 | 0元 人民币" in text
    assert "签署时间：2025-03-17" in text
    assert "主办单位" not in text and "mysid" not in text


def test_known_article_container_selected() -> None:
    html = (PAGES / "provincial_gbk_wanyuan.html").read_bytes()
    text = page_text(decode_html(html)[0])
    assert "1 | 青禾数智科技有限公司 | 221 . 533 | 三年" in text
    assert "网站首页" not in text and "技术支持" not in text


def test_unknown_layout_uses_extractor_and_keeps_tables() -> None:
    text = page_text((PAGES / "generic_news_like.html").read_text(encoding="utf-8"))
    assert "云栖智城科技有限公司 | ￥1,256,772.03" in text
    assert "东岳信息工程有限公司 | 2,980,000.00" in text
    assert "关于我们" not in text and "网站地图" not in text


def test_flattened_table_falls_back_to_full_text() -> None:
    text = page_text((PAGES / "candidates.html").read_text(encoding="utf-8"))
    assert "第一名 | 江北筑城建设有限公司 | 5,210,000.00" in text


def test_scripts_styles_and_comments_dropped() -> None:
    html = ("<html><body><script>var price='999元';</script><style>p{}</style><!-- 中标金额：1元 -->"
            "<div class='detail'><h4>某项目成交公告</h4><p>成交供应商：北京云栈数据有限公司，成交金额：5万元。</p></div>"
            "</body></html>")
    text = page_text(html)
    assert "999元" not in text and "中标金额：1元" not in text and "北京云栈数据有限公司" in text


def test_empty_page() -> None:
    assert page_text("") == ""


def test_normalize_full_width_traditional_and_whitespace() -> None:
    raw = "雲端主機　採購　中標金額：１２３，４５６元（ＲＭＢ）\n\n\n  第二行\u200b文字  "
    assert normalize(raw) == "云端主机 采购 中标金额:123,456元(RMB)\n第二行文字"


def test_normalize_keeps_simplified_text() -> None:
    assert normalize("政务云服务采购") == "政务云服务采购"


def test_fold_is_nfkc_then_simplified():
    from nlp.text import fold

    assert fold("雲計算ＡＢＣ１２３") == "云计算ABC123"
    assert fold("雲計算ＡＢＣ１２３") == fold("云计算ABC123")
    assert fold("") == ""


def test_select_gives_what_cssselect_gives_and_skips_names_the_page_lacks():
    from nlp.text import parse_html, select

    page = parse_html(
        "<html><body><div id='main' class='vF_detail_main wide'><h2 class='tc'>标题</h2><p>正文</p>"
        "<a href='a.pdf'>附件</a></div><div class='title'><h2>另一个</h2></div></body></html>"
    )
    for selector in ("div.vF_detail_main", "div#main", "h2.tc", ".title h2", "div.title > h2", "h2", "div.tit",
                     "div#zoom", "div.vT_detail_main h2", "a[href$='.pdf']", "div.wide", "div.wid"):
        assert select(page, selector) == page.cssselect(selector), selector
    other = parse_html("<html><body><div class='tit'>别的页面</div></body></html>")
    assert [e.text for e in select(other, "div.tit")] == ["别的页面"]
    assert select(page, "div.tit") == []
