"""Shared fixtures for the evidence tests: a migrated store with a few documents and companies."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.db import open_db, transaction
from store.identity import add_alias, add_company


@pytest.fixture
def store(tmp_path: Path):
    """A fresh store with two fictional companies and three documents."""
    db = open_db(tmp_path / "monitor.db")
    with transaction(db):
        star = add_company(db, "星澜云科技有限公司", short_name="星澜云")
        add_alias(db, star, "星澜云", "short")
        stack = add_company(db, "北京云栈数据有限公司", short_name="云栈")
        add_alias(db, stack, "云栈", "short")
        db["sources"].insert({"name": "ccgp", "title": "中国政府采购网"})
        for n in range(1, 4):
            db["documents"].insert(
                {
                    "id": n,
                    "url": f"https://www.example.gov.cn/notice/{n}.html",
                    "fingerprint": f"fp{n}",
                    "site": "ccgp",
                    "title": f"某市政务云服务项目成交公告 {n}",
                    "published": f"2026-0{n}-15",
                    "clean_text": "成交供应商：星澜云科技有限公司，成交金额：0元。",
                }
            )
    return db


XSS_TITLE = '<script>window.__xss = 1</script>政务云<img src=x onerror="window.__xss = 2">成交公告'
XSS_TEXT = '成交供应商：<script>window.__xss = 3</script>云栈 <img src=x onerror="window.__xss = 4"> 成交金额：0元。'


def build_site_store(path: Path) -> dict:
    """A store for the Datasette tests: companies, captured documents, clustered evidence, history rows.

    Everyone flagged is fictional; the real brand (京东云) only appears as an ordinary winner (document 6).
    """
    from evidence.records import decide, record_flag
    from store.captures import append_capture

    db = open_db(path)
    ids: dict = {}
    with transaction(db):
        ids["star"] = add_company(db, "星澜云科技有限公司", short_name="星澜云")
        add_alias(db, ids["star"], "星澜云", "short")
        ids["stack"] = add_company(db, "北京云栈数据有限公司", short_name="云栈")
        add_alias(db, ids["stack"], "云栈", "short")
        ids["qing"] = add_company(db, "青岚云计算有限公司", short_name="青岚云")
        add_alias(db, ids["qing"], "青岚", "brand")
        ids["jd"] = add_company(db, "京东云计算有限公司", short_name="京东云")
        add_alias(db, ids["jd"], "京东", "brand")
        db["sources"].insert({"name": "ccgp", "title": "中国政府采购网"})
        docs = [
            (1, "某市政务云服务项目成交公告", "成交供应商：星澜云科技有限公司，成交金额：0元。本项目以0元中标。"),
            (2, "某市政务云服务项目成交公告（转载）", "成交供应商：星澜云科技有限公司，成交金额：0元。本项目以0元中标。"),
            (3, "某区云主机租用项目中标公告", "中标供应商：北京云栈数据有限公司，中标金额：1元。"),
            (4, "某大学数据中心运维项目结果公告", "中标供应商：青岚云计算有限公司，中标金额：3.5万元，预算128万元。"),
            (5, XSS_TITLE, XSS_TEXT),
            (6, "某市政务外网云主机采购项目中标公告", "中标供应商：京东云计算有限公司，中标金额：128万元。"),
        ]
        for doc_id, title, text in docs:
            url = f"https://www.example.gov.cn/notice/{doc_id}.html"
            html = f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><p>{text}</p></body></html>"
            offset, record_id = append_capture(
                path.parent / "warc" / "test.warc.gz",
                url=url,
                status=200,
                reason="OK",
                headers=[("Content-Type", "text/html; charset=utf-8")],
                payload=html.encode("utf-8"),
                fetched_at="2026-03-01T08:00:00+00:00",
            )
            db["documents"].insert(
                {"id": doc_id, "url": url, "fingerprint": f"fp{doc_id}", "site": "ccgp", "title": title,
                 "published": f"2026-0{min(doc_id, 9)}-10", "clean_text": text, "warc_file": "warc/test.warc.gz",
                 "warc_offset": offset, "warc_record_id": record_id}
            )
        db["list_entries"].insert(
            {"company_id": ids["star"], "list": "bad", "date_in": "2025-06-01", "business": "云服务",
             "reason": "以0元中标政务云项目", "entered_at": "2025-06-01T00:00:00+00:00"}
        )
        az = db["availability_zones"].insert(
            {"company_id": ids["star"], "name": "华东一区", "entered_at": "2025-01-01T00:00:00+00:00"}
        ).last_pk
        db["gradings"].insert(
            {"company_id": ids["star"], "az_id": az, "scheme": "comprehensive", "grade": "4级", "graded_on": "2025-03-01"}
        )
        db["ratings"].insert(
            {"company_id": ids["star"], "batch": "2026", "as_of": "2026-03-01", "rules_version": "r1", "records": 10,
             "self_discipline": 20, "capability": 30, "total": 60, "grade": "B", "explanation": "test rating",
             "inputs_digest": "x", "rated_at": "2026-03-01T00:00:00+00:00"}
        )

    def flag(doc, kind, score, company, name, cluster):
        return record_flag(
            db, document_id=doc, violation_type=kind, score=score, model_version="m1", company_id=company,
            company_name=name, reason="test", triggers=["成交金额：0元。"], winner=name, amount_yuan=0.0,
            budget_yuan=1_000_000.0, buyer="某市大数据局", cluster_id=cluster, occurred_on=f"2026-0{doc}-10",
        )

    ids["e1"] = flag(1, "zero_price_bid", 0.97, ids["star"], "星澜云科技有限公司", "c1")
    ids["e2"] = flag(2, "zero_price_bid", 0.91, ids["star"], "星澜云科技有限公司", "c1")
    ids["e3"] = flag(3, "zero_price_bid", 0.88, ids["stack"], "北京云栈数据有限公司", None)
    ids["e4"] = flag(4, "abnormally_low_bid", 0.55, ids["qing"], "青岚云计算有限公司", None)
    ids["e5"] = flag(5, "zero_price_bid", 0.99, ids["stack"], XSS_TITLE, "cx")
    ids["decided"] = flag(3, "license_lending", 0.7, ids["stack"], "北京云栈数据有限公司", None)
    decide(db, ids["decided"], actor="wang", new_status="rejected", note="a promotion, not a win")
    return ids


@pytest.fixture
def site_store(tmp_path: Path) -> tuple[Path, dict]:
    """(database path, ids) of a store built by build_site_store."""
    path = tmp_path / "monitor.db"
    return path, build_site_store(path)
