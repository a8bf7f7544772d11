from __future__ import annotations

import pytest

from nlp.parties import in_text


@pytest.mark.parametrize(
    ("name", "text", "written"),
    [
        ("星澜云(北京)科技有限公司", "由星澜云（北京）科技有限公司以0.01元中标", "星澜云（北京）科技有限公司"),
        ("星澜云（北京）科技有限公司", "由星澜云(北京)科技有限公司中标", "星澜云(北京)科技有限公司"),
        ("星澜云科技有限公司", "由星澜云科技有限公司中标", "星澜云科技有限公司"),
        ("星澜云科技有限公司", "文中没有这个名字", "星澜云科技有限公司"),
        ("a.b(c)", "x A.B(C) a.b（c） y", "a.b（c）"),
        (None, "任何文字", None),
    ],
)
def test_in_text_finds_the_name_as_written_whatever_its_brackets(name, text, written):
    assert in_text(name, text) == written
