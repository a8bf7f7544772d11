"""Tokenisation: jieba with the domain dictionary, initialised once per process, cache in a writable place."""

from __future__ import annotations

import threading

import pytest

from nlp import tokenize
from nlp.tokenize import DICT_PATH, tokenizer, tokens


@pytest.mark.parametrize(
    "word",
    ["阿里云", "腾讯云", "华为云", "UCloud", "京东云", "天翼云", "移动云", "金山云", "浪潮云", "政务云", "云主机",
     "云服务器", "云存储", "互联网资源协作服务", "IDC", "0元中标", "一分钱中标", "借用资质", "租借许可证", "挂靠",
     "中标麒麟", "中标软件", "下浮率"],
)
def test_domain_words_stay_whole(word: str) -> None:
    assert word in tokens(f"据报道，有关方面就{word}一事作出说明。")


def test_sentence() -> None:
    words = tokens("星澜云科技有限公司以0元中标某市政务云项目，涉嫌租借许可证。")
    assert {"0元中标", "政务云", "租借许可证"} <= set(words)
    assert " " not in words and "" not in words


def test_brand_is_not_split_into_an_award_word() -> None:
    assert "中标" not in tokens("采购中标麒麟操作系统")


def test_place_names_with_yun() -> None:
    words = tokens("云南省昆明市和广州市白云区，云浮市")
    assert "白云区" in words and any(w.startswith("云南") for w in words) and any(w.startswith("云浮") for w in words)
    assert "云" not in words


def test_empty() -> None:
    assert tokens("") == [] and tokens("   ") == []


def test_dictionary_ships_with_the_package() -> None:
    lines = DICT_PATH.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 100 and all(len(line.split()) == 3 for line in lines)


def test_initialised_once_across_threads() -> None:
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(id(tokenizer()))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(seen)) == 1


def test_cache_file_in_writable_location(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tokenize, "_tokenizer", None)
    monkeypatch.setenv("CLOUDCREDIT_JIEBA_CACHE", str(tmp_path / "jieba"))
    tokenize._run_tokens.cache_clear()
    assert "政务云" in tokens("政务云")
    assert list((tmp_path / "jieba").glob("cloudcredit-jieba-*.cache"))


@pytest.mark.parametrize(
    "text",
    [
        "一、项目编号：ZB-2024-018（包1）\n二、项目名称：政务云服务采购项目\n中标金额：0.01元（壹分）",
        "據報道，某雲公司以1元中標；UCloud、IDC 及 CDN 業務 100% 下浮率 3.5%……",
        "  \t\n",
        "星澜云科技有限公司 星澜云科技有限公司 星澜云科技有限公司",
    ],
)
def test_words_are_those_of_one_jieba_pass(text: str) -> None:
    """Remembering the words of repeated runs never changes the result of segmenting the whole text."""
    expected = [word for word in tokenizer().lcut(text) if word.strip()]
    assert tokens(text) == expected
    assert tokens(text) == expected  # a second time, from the cache
