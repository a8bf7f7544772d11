"""Capture pages: decoding, readable text, trigger highlighting."""

from __future__ import annotations

from evidence.capture_view import capture_view, decode, highlight, readable_text, trigger_sentences
from store.captures import append_capture


def test_decode_uses_declared_charset_and_gbk_family():
    html = "<html><head><meta charset='gb2312'></head><body>成交公告</body></html>"
    assert "成交公告" in decode(html.encode("gbk"), None)
    assert decode("政务云".encode(), "text/html; charset=UTF-8") == "政务云"
    assert decode("云主机".encode("gb18030"), None, "gb18030") == "云主机"


def test_readable_text_drops_scripts_and_keeps_blocks():
    text = readable_text("<html><body><p>一</p><script>alert(1)</script><div>二<br>三</div></body></html>")
    assert text.split("\n") == ["一", "二", "三"]


def test_capture_view_reads_the_warc_record(tmp_path):
    offset, _ = append_capture(
        tmp_path / "w.warc.gz", url="https://example.gov.cn/a", status=200, reason="OK",
        headers=[("Content-Type", "text/html; charset=gbk")], payload="<p>成交金额：0元</p>".encode("gbk"),
        fetched_at="2026-01-01T00:00:00+00:00",
    )
    view = capture_view(tmp_path / "monitor.db", {"warc_file": "w.warc.gz", "warc_offset": offset})
    assert view.found and view.text == "成交金额：0元"
    assert ("HTTP status", "200") in view.facts


def test_missing_capture_falls_back_to_clean_text(tmp_path):
    view = capture_view(tmp_path / "monitor.db", {"warc_file": None, "warc_offset": None, "clean_text": "正文"})
    assert not view.found and view.text == "正文" and "no archived capture" in view.problem
    broken = capture_view(tmp_path / "monitor.db", {"warc_file": "gone.warc.gz", "warc_offset": 0, "clean_text": "x"})
    assert not broken.found and "unreadable" in broken.problem


def test_highlight_and_triggers():
    assert highlight("甲乙丙丁", ["乙丙"]) == [("甲", False), ("乙丙", True), ("丁", False)]
    assert highlight("甲", ["无关"]) == [("甲", False)]
    assert highlight("", ["无关"]) == [("", False)]


def test_highlight_matches_normalised_clauses_across_lines():
    text = "名称：星澜云科技有限公司\n地址：某市某区某路 10 号\n中标（成交）金额：1元"
    trigger = "中标(成交)供应商名称:星澜云科技有限公司;地址:某市某区某路10号;中标(成交)金额:1元"
    marked = [piece for piece, is_trigger in highlight(text, [trigger]) if is_trigger]
    assert marked == ["地址：某市某区某路 10 号", "中标（成交）金额：1元"]
    assert "".join(piece for piece, _ in highlight(text, [trigger])) == text
    assert trigger_sentences('["a", "b"]') == ["a", "b"]
    assert trigger_sentences("not json") == ["not json"]


def test_highlight_splits_table_cells():
    text = "中标（成交）供应商名称\n星澜云科技有限公司\n合同金额\n0元 人民币"
    marked = [p for p, t in highlight(text, ["中标(成交)供应商名称 | 星澜云科技有限公司", "合同金额 | 0元 人民币"]) if t]
    assert marked == ["中标（成交）供应商名称", "星澜云科技有限公司", "合同金额", "0元 人民币"]
