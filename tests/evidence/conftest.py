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
