"""Checks on the committed bulletin corpus (nlp/corpus/bulletins.jsonl) and its generator."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "nlp" / "corpus" / "bulletins.jsonl"
LABELS = {"zero_price_bid", "abnormally_low_bid", "license_lending", "none"}
FIELDS = ["id", "kind", "title", "text", "label", "cloud_related", "winner", "buyer", "amount_yuan", "budget_yuan",
          "style", "group", "split"]
BIG_VENDORS = ("阿里云", "阿里巴巴", "腾讯", "华为", "中国电信", "中国移动", "中国联通", "中国联合网络", "天翼云", "浪潮",
               "金山云", "京东", "百度", "移动云", "联通云", "紫光", "电信股份")


@pytest.fixture(scope="module")
def items() -> list[dict]:
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_size_and_fields(items):
    assert len(items) >= 850
    for item in items:
        assert list(item) == FIELDS
        assert item["kind"] == "bulletin"
        assert item["label"] in LABELS
        assert item["split"] in ("train", "test")
        assert isinstance(item["cloud_related"], bool)
        assert isinstance(item["title"], str) and item["title"]
        assert isinstance(item["text"], str) and len(item["text"]) > 30
        for key in ("winner", "buyer"):
            assert item[key] is None or (isinstance(item[key], str) and item[key])
        for key in ("amount_yuan", "budget_yuan"):
            assert item[key] is None or (isinstance(item[key], int | float) and item[key] >= 0)
        assert item["style"] and item["group"]


def test_ids_unique(items):
    ids = [i["id"] for i in items]
    assert len(ids) == len(set(ids))


def test_label_mix_and_split_coverage(items):
    labels = Counter(i["label"] for i in items)
    assert set(labels) == LABELS
    for label in LABELS:
        assert labels[label] / len(items) >= 0.1
    assert 0.3 <= labels["none"] / len(items) <= 0.55
    cloud = sum(i["cloud_related"] for i in items) / len(items)
    assert 0.45 <= cloud <= 0.75
    test = [i for i in items if i["split"] == "test"]
    assert {i["label"] for i in test} == LABELS
    assert 0.1 <= len(test) / len(items) <= 0.35


def test_groups_never_straddle_splits(items):
    splits: dict[str, set[str]] = {}
    for item in items:
        splits.setdefault(item["group"], set()).add(item["split"])
    assert all(len(s) == 1 for s in splits.values())
    assert all(g.startswith("bul-") for g in splits)
    skeletons = {g for g in splits if not g.startswith("bul-oneoff-")}
    oneoffs = set(splits) - skeletons
    assert len(skeletons) >= 60
    assert len(oneoffs) >= 80


def test_token_prices_are_token(items):
    for item in items:
        if item["label"] == "zero_price_bid" and item["amount_yuan"] is not None:
            assert item["amount_yuan"] <= 10, item["id"]
        if item["label"] == "abnormally_low_bid" and item["amount_yuan"] is not None:
            assert item["amount_yuan"] > 10, item["id"]


def test_no_big_vendor_as_violator(items):
    for item in items:
        if item["label"] != "none" and item["winner"]:
            assert not any(v in item["winner"] for v in BIG_VENDORS), (item["id"], item["winner"])


def test_traditional_items_present(items):
    assert sum(i["style"] == "traditional" for i in items) >= 40


def test_regeneration_is_byte_identical(tmp_path):
    out = tmp_path / "b.jsonl"
    subprocess.run([sys.executable, "-m", "nlp.corpus.make_bulletins", "-o", str(out)], cwd=ROOT, check=True,
                   capture_output=True)
    assert out.read_bytes() == CORPUS.read_bytes()
