"""The news half of the labelled corpus: shape, coverage, split hygiene and reproducibility."""

from __future__ import annotations

import importlib.util
import json
import random
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "nlp" / "corpus" / "news.jsonl"
SCRIPT = ROOT / "nlp" / "corpus" / "make_news.py"
LABELS = {"zero_price_bid", "abnormally_low_bid", "license_lending", "none"}
FIELDS = [
    "id", "kind", "title", "text", "label", "cloud_related", "winner", "buyer",
    "amount_yuan", "budget_yuan", "style", "group", "split",
]
BIG_VENDORS = (
    "阿里云", "阿里巴巴", "腾讯", "华为", "天翼云", "中国电信", "移动云", "中国移动", "联通", "百度", "京东",
    "金山云", "浪潮", "优刻得", "UCloud", "青云", "七牛", "紫光", "火山引擎", "新华三", "曙光",
)


def _generator():
    spec = importlib.util.spec_from_file_location("make_news", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_size_and_fields(rows: list[dict]) -> None:
    assert len(rows) >= 850
    for row in rows:
        assert list(row) == FIELDS, row["id"]
        assert row["kind"] == "news"
        assert row["label"] in LABELS
        assert row["split"] in {"train", "test"}
        assert isinstance(row["cloud_related"], bool)
        assert isinstance(row["title"], str) and row["title"].strip()
        assert isinstance(row["text"], str) and len(row["text"]) >= 10
        assert isinstance(row["style"], str) and isinstance(row["group"], str)
        for key in ("winner", "buyer"):
            assert row[key] is None or (isinstance(row[key], str) and row[key].strip())
        for key in ("amount_yuan", "budget_yuan"):
            assert row[key] is None or (isinstance(row[key], (int, float)) and row[key] >= 0)


def test_text_is_two_to_twelve_sentences(rows: list[dict]) -> None:
    for row in rows:
        sentences = [s for s in re.split(r"[。！？!?\n]+", row["text"]) if s.strip()]
        assert 2 <= len(sentences) <= 12, row["id"]


def test_no_template_syntax_left(rows: list[dict]) -> None:
    for row in rows:
        body = row["title"] + row["text"]
        assert not re.search(r"\{\w+\}", body), row["id"]
        assert not re.search(r"\[[^\[\]]*\|[^\[\]]*\]", body), row["id"]


def test_unique_ids(rows: list[dict]) -> None:
    ids = [row["id"] for row in rows]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("n-") for i in ids)


def test_label_and_split_coverage(rows: list[dict]) -> None:
    for split in ("train", "test"):
        assert {row["label"] for row in rows if row["split"] == split} == LABELS
    labels = Counter(row["label"] for row in rows)
    assert 0.3 <= labels["none"] / len(rows) <= 0.5
    test_share = sum(row["split"] == "test" for row in rows) / len(rows)
    assert 0.1 <= test_share <= 0.3
    cloud = sum(row["cloud_related"] for row in rows) / len(rows)
    assert 0.5 <= cloud <= 0.8
    violations = [row for row in rows if row["label"] != "none"]
    assert any(not row["cloud_related"] for row in violations)


def test_no_group_in_both_splits(rows: list[dict]) -> None:
    splits: dict[str, set[str]] = {}
    for row in rows:
        splits.setdefault(row["group"], set()).add(row["split"])
    assert all(len(s) == 1 for s in splits.values())


def test_variety(rows: list[dict]) -> None:
    groups = {row["group"] for row in rows}
    oneoffs = [g for g, n in Counter(row["group"] for row in rows).items() if n == 1]
    assert len(groups) - len(oneoffs) >= 70
    assert len(oneoffs) >= 100
    styles = {row["style"] for row in rows}
    assert {"wire", "trade-press", "opinion", "forum-repost", "weibo", "traditional",
            "press-release", "regulator-notice", "interview"} <= styles


def test_no_big_vendor_wins_a_violation(rows: list[dict]) -> None:
    for row in rows:
        if row["label"] != "none" and row["winner"]:
            assert not any(v in row["winner"] for v in BIG_VENDORS), row["id"]


def test_stated_values_appear_in_text(rows: list[dict]) -> None:
    """Names recorded for an article are written in it."""
    for row in rows:
        body = row["title"] + row["text"]
        for key in ("winner", "buyer"):
            if row[key]:
                assert row[key] in body, (row["id"], key)


def test_amounts_fit_their_label(rows: list[dict]) -> None:
    """Token wins are a few yuan, abnormal wins far below the budget, ordinary wins within it."""
    for row in rows:
        amount, budget = row["amount_yuan"], row["budget_yuan"]
        if row["label"] == "zero_price_bid" and amount is not None:
            assert amount <= 10, row["id"]
        if amount is None or budget is None:
            continue
        if row["label"] == "abnormally_low_bid":
            assert 10 < amount <= 0.35 * budget, row["id"]
        if row["label"] == "none":
            assert 0.5 * budget <= amount <= budget, row["id"]


def test_rerun_reproduces_file(tmp_path: Path) -> None:
    out = tmp_path / "news.jsonl"
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == CORPUS.read_bytes()


def test_linked_alternatives_pick_the_same_index() -> None:
    gen = _generator()
    for seed in range(30):
        title, text = gen.resolve_choices(random.Random(seed), ["[@k:甲|乙|丙]标题[x|y]", "正文[@k:甲|乙|丙]"])
        assert title[0] == text[-1]
        assert title[-1] in "xy"


def test_fictional_companies_avoid_real_names() -> None:
    gen = _generator()
    rng = random.Random(7)
    for _ in range(2000):
        full, short = gen.company(rng, gen.CLOUD_SUFFIXES)
        assert full.endswith("有限公司") and short
        assert not any(v in full for v in gen.REAL_VENDORS)
        assert not any(t in full for t in gen.TAKEN_BRANDS)
