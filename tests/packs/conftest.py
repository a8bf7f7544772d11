"""Fixture data for the pack tests: a store with a rated company, confirmed evidence and real WARC captures."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from store.captures import append_capture
from store.db import open_db, transaction
from store.identity import add_alias, add_company

RULES_TEXT = 'version: "test-rules-1"\nstart_date: "2018-01-22"\n'
PAGE = (
    "<html><head><meta charset='utf-8'><title>政务云服务项目成交公告</title></head><body>"
    "<p>成交供应商：星澜云科技有限公司</p><p>成交金额：0元</p><script>alert('x')</script></body></html>"
)
CLEAN_TEXT = (
    "某市政务云服务项目成交公告\n一、成交供应商：星澜云科技有限公司。\n二、成交金额：0元。"
    "\n三、备注：<script>alert('x')</script> & 其他。"
)
TRIGGER = "二、成交金额：0元。"


@dataclass
class Fixture:
    """What the tests need to find again: the db, its path, the rating and the capture it cites."""

    db: object
    db_path: Path
    rating_id: int
    company_id: int
    evidence_id: int
    document_id: int
    url: str
    payload: bytes


def _insert_document(db, warc_dir: Path, n: int, url: str, payload: bytes, text: str) -> int:
    offset, record_id = append_capture(
        warc_dir / "crawl-20260301.warc.gz",
        url=url,
        status=200,
        reason="OK",
        headers=[("Content-Type", "text/html; charset=utf-8")],
        payload=payload,
        fetched_at="2026-03-01T08:00:00+00:00",
    )
    return (
        db["documents"]
        .insert(
            {
                "id": n,
                "url": url,
                "fingerprint": f"fp-{n}",
                "site": "ccgp",
                "title": "某市政务云服务项目成交公告",
                "published": "2026-02-27",
                "fetched_at": "2026-03-01T08:00:00+00:00",
                "http_status": 200,
                "content_type": "text/html; charset=utf-8",
                "content_hash": "sha256:test",
                "warc_file": "warc/crawl-20260301.warc.gz",
                "warc_offset": offset,
                "warc_record_id": record_id,
                "clean_text": text,
            }
        )
        .last_pk
    )


def make_rated(tmp_path: Path) -> Fixture:
    """A store holding one rating of 星澜云科技有限公司 that cites every kind of fact and one confirmed item."""
    data = tmp_path / "data"
    db_path = data / "monitor.db"
    db = open_db(db_path)
    rules = tmp_path / "rules.yaml"
    rules.write_text(RULES_TEXT, encoding="utf-8")
    url = "http://www.example.gov.cn/cggg/2026/0227/notice-17.html"
    payload = PAGE.encode("utf-8")
    with transaction(db):
        company = add_company(db, "星澜云科技有限公司", short_name="星澜云")
        add_alias(db, company, "星澜云", "short")
        db["sources"].insert({"name": "ccgp", "title": "中国政府采购网"})
        other = _insert_document(
            db, data / "warc", 1, "http://www.example.gov.cn/other.html", b"<p>other</p>", "x"
        )
        doc = _insert_document(db, data / "warc", 17, url, payload, CLEAN_TEXT)
        db["bulletin_facts"].insert(
            {
                "document_id": doc,
                "notice_type": "award",
                "title": "某市政务云服务项目成交公告",
                "buyer": "某市大数据局",
                "budget_yuan": 1200000.0,
                "label": "zero_price_bid",
                "score": 0.97,
                "extracted_at": "2026-03-01",
            }
        )
        db["lots"].insert(
            {"document_id": doc, "lot_no": 1, "winner": "星澜云科技有限公司", "amount_yuan": 0.0}
        )
        stamp = "2026-03-01T09:00:00+00:00"
        membership = (
            db["memberships"]
            .insert(
                {
                    "company_id": company,
                    "tier": "signer",
                    "valid_from": "2018-01-01",
                    "source": "蓝皮书表3",
                    "entered_at": stamp,
                }
            )
            .last_pk
        )
        az = (
            db["availability_zones"]
            .insert({"company_id": company, "name": "华东一区", "source": "蓝皮书表4", "entered_at": stamp})
            .last_pk
        )
        grading = (
            db["gradings"]
            .insert(
                {
                    "company_id": company,
                    "az_id": az,
                    "scheme": "availability",
                    "grade": "五星",
                    "graded_on": "2018-05-01",
                    "source": "蓝皮书表4",
                }
            )
            .last_pk
        )
        entry = (
            db["list_entries"]
            .insert(
                {
                    "company_id": company,
                    "list": "bad",
                    "date_in": "2019-06-01",
                    "date_out": "2020-06-01",
                    "business": "呼叫中心",
                    "cloud_related": 0,
                    "reason": "未报送年报",
                    "source": "工信部",
                    "entered_at": stamp,
                }
            )
            .last_pk
        )
        explained = (
            db["explanations"]
            .insert(
                {
                    "list_entry_id": entry,
                    "accepted": 1,
                    "decided_on": "2020-07-01",
                    "note": "与云业务无关",
                    "entered_by": "analyst-li",
                    "entered_at": stamp,
                }
            )
            .last_pk
        )
        proof = (
            db["other_proofs"]
            .insert(
                {
                    "company_id": company,
                    "level": "四星",
                    "valid_from": "2026-01-01",
                    "note": "第三方测评报告",
                    "entered_by": "analyst-li",
                    "entered_at": stamp,
                }
            )
            .last_pk
        )
        evidence = (
            db["evidence"]
            .insert(
                {
                    "document_id": doc,
                    "company_id": company,
                    "company_name": "星澜云科技有限公司",
                    "violation_type": "zero_price_bid",
                    "score": 0.97,
                    "model_version": "nlp-test-1",
                    "reason": "成交金额为0元",
                    "triggers": json.dumps([TRIGGER, "<b>不存在的句子</b>"], ensure_ascii=False),
                    "winner": "星澜云科技有限公司",
                    "amount_yuan": 0.0,
                    "budget_yuan": 1200000.0,
                    "buyer": "某市大数据局",
                    "occurred_on": "2026-02-27",
                    "created_at": stamp,
                    "updated_at": stamp,
                }
            )
            .last_pk
        )
        db.execute(
            "UPDATE evidence SET status = 'confirmed', reviewer = 'analyst-wang', reviewed_at = ?, note = ?"
            " WHERE id = ?",
            ["2026-03-02T10:00:00+00:00", "核实原公告，0元成交属实", evidence],
        )
        explanation = {
            "rules": {"path": str(rules), "version": "test-rules-1"},
            "records": {
                "points": 20,
                "text": "曾列入不良名单（已移出）",
                "facts": {"list_entries": [entry], "explanations": [explained]},
            },
            "self_discipline": {
                "points": 0,
                "text": "已签署自律规范，但有经确认的违规",
                "facts": {"memberships": [membership], "evidence": [evidence]},
            },
            "capability": {
                "points": 35,
                "text": "境内可用区全部五星",
                "facts": {
                    "availability_zones": [az],
                    "gradings": [grading],
                    "other_proofs": [proof],
                    "domestic_azs": 1,
                    "at_or_above": {"五星": 1},
                    "inventory_known": True,
                },
            },
            "summary": "总分55，等级C",
        }
        rating = (
            db["ratings"]
            .insert(
                {
                    "company_id": company,
                    "batch": "2026-1",
                    "as_of": "2026-06-30",
                    "rules_version": "test-rules-1",
                    "records": 20,
                    "self_discipline": 0,
                    "capability": 35,
                    "total": 55,
                    "grade": "C",
                    "explanation": json.dumps(explanation, ensure_ascii=False),
                    "inputs_digest": "sha256:inputs",
                    "rated_at": "2026-07-01T00:00:00+00:00",
                }
            )
            .last_pk
        )
    assert other == 1
    return Fixture(db, db_path, rating, company, evidence, doc, url, payload)


@pytest.fixture
def rated(tmp_path: Path) -> Fixture:
    """The fixture store of `make_rated`, in the test's own temporary folder."""
    return make_rated(tmp_path)
