"""`cloudcredit classify INPUT.jsonl [-o OUT]`: the interfaces contract, no database, one-line errors."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cloudcredit.app import UserError
from nlp.cli import _read_classify_input

KEYS = ["id", "label", "score", "cloud_related", "winner", "buyer", "amount_yuan", "budget_yuan"]
ROWS = [
    {"id": "z1", "kind": "news", "title": "星澜云科技有限公司以1元中标政务云项目",
     "text": "近日，某市政务云服务项目结果公布，星澜云科技有限公司以1元的报价中标，项目预算为500万元。"},
    {"id": 2, "title": "某县政务云平台建设项目招标公告", "kind": "bulletin",
     "text": "项目名称：某县政务云平台建设项目\n预算金额：300万元\n最高限价：300万元\n投标截止时间：2024年6月1日"},
    {"id": "p3", "title": "云服务商推出0元试用活动", "text": "新用户注册即可0元试用云服务器一个月，免费上云。", "published": "2024-01-02"},
]


def cloudcredit(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CLOUDCREDIT_DB=str(tmp_path / "db" / "never.db"))
    return subprocess.run([sys.executable, "-m", "cloudcredit", *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)


@pytest.fixture(scope="module")
def classified(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("classify")
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS) + "\n", encoding="utf-8")
    result = cloudcredit(tmp_path, "classify", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "db").exists(), "classify must not touch the database"
    return [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]


def test_output_follows_the_contract_in_input_order(classified):
    assert [r["id"] for r in classified] == ["z1", 2, "p3"]
    for record in classified:
        assert list(record) == KEYS
        assert record["label"] in {"zero_price_bid", "abnormally_low_bid", "license_lending", "none"}
        assert 0.0 <= record["score"] <= 1.0 and isinstance(record["cloud_related"], bool)


def test_labels_of_a_token_price_a_tender_and_a_promotion(classified):
    token, tender, promotion = classified
    assert (token["label"], token["winner"], token["amount_yuan"]) == ("zero_price_bid", "星澜云科技有限公司", 1.0)
    assert token["score"] > 0.5 and token["cloud_related"]
    assert tender["label"] == "none" and tender["budget_yuan"] == 3_000_000
    assert promotion["label"] == "none" and promotion["score"] < 0.5


@pytest.mark.parametrize(
    "content, message",
    [("{not json\n", "in.jsonl:1: not JSON"), ('{"title": "x", "text": "y"}\n', "expected a JSON object with an id"),
     ('{"id": 1, "title": "x", "text": 5}\n', "text must be a string"),
     ('{"id": 1, "title": "x", "text": "y", "kind": "blog"}\n', "kind must be bulletin or news")],
)
def test_bad_input_lines_are_named(tmp_path, content, message):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 0, "title": "ok", "text": "ok"}\n' + content, encoding="utf-8")
    with pytest.raises(UserError, match=message.replace(":1:", ":2:")):
        _read_classify_input(source)


def test_bad_input_exits_1_with_one_line_and_writes_nothing(tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": 0, "title": "ok", "text": "ok"}\n{not json\n', encoding="utf-8")
    result = cloudcredit(tmp_path, "classify", str(source), "-o", str(tmp_path / "out.jsonl"))
    assert result.returncode == 1
    assert "in.jsonl:2: not JSON" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.jsonl").exists()


def test_missing_input_file(tmp_path):
    with pytest.raises(UserError, match="no such input file"):
        _read_classify_input(tmp_path / "nope.jsonl")
