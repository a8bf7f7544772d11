"""Shared fixtures for the scoring tests: the default rules, rule variants, fresh stores, small helpers."""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest

from scoring.facts import CompanyFacts
from scoring.rules import Rules, load_rules, parse_rules
from store.db import open_db, transaction
from store.identity import add_alias, add_company
from store.reference import load_reference

AS_OF = "2018-06-30"


@pytest.fixture(scope="session")
def rules() -> Rules:
    """The rules file under version control."""
    return load_rules()


@pytest.fixture
def variant(rules):
    """Rules with some settings changed: variant(("capability", "hong_kong_domestic"), True, …)."""

    def _variant(*changes) -> Rules:
        data = copy.deepcopy(rules.raw)
        for keys, value in zip(changes[::2], changes[1::2], strict=True):
            target = data
            for key in keys[:-1]:
                target = target[key]
            target[keys[-1]] = value
        return parse_rules(data, "variant.yaml")

    return _variant


@pytest.fixture
def facts():
    """Empty facts of one company as of 2018-06-30 (fill the lists in the test)."""
    return CompanyFacts(company_id=1, name="星澜云科技有限公司", as_of=AS_OF)


@pytest.fixture(scope="session")
def reference_file(tmp_path_factory) -> Path:
    """A database built only from load_reference, made once and copied per test."""
    path = tmp_path_factory.mktemp("reference") / "reference.db"
    db = open_db(path)
    load_reference(db)
    db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


@pytest.fixture
def ref_db(reference_file, tmp_path):
    """A fresh copy of the reference-only database."""
    target = tmp_path / "monitor.db"
    shutil.copy(reference_file, target)
    return open_db(target)


@pytest.fixture
def db(tmp_path):
    """An empty migrated store with two fictional companies (星澜云, 北京云栈数据) and one document."""
    store = open_db(tmp_path / "monitor.db")
    with transaction(store):
        star = add_company(store, "星澜云科技有限公司", short_name="星澜云")
        add_alias(store, star, "星澜云", "short")
        add_company(store, "北京云栈数据有限公司", short_name="云栈")
        store["documents"].insert({"id": 1, "url": "https://www.example.gov.cn/notice/1.html", "fingerprint": "fp1",
                                   "title": "某市政务云服务项目成交公告", "published": "2018-03-15"})
    return store


@pytest.fixture(name="company_id")
def company_id_fixture():
    """company_id(db, name): the registry id of a company by any of its names."""
    return company_id


def company_id(db, name: str) -> int:
    """The registry id of a company by any of its names."""
    row = db.execute("SELECT company_id FROM company_aliases WHERE alias = ?", [name]).fetchone()
    assert row, f"{name} is not in the registry"
    return row[0]


@pytest.fixture(name="add_evidence")
def add_evidence_fixture():
    """add_evidence(db, company, status, occurred_on, …): insert one evidence row directly."""
    return add_evidence


def add_evidence(db, company: int, status: str, occurred_on: str | None, *, violation="zero_price_bid",
                 published="2018-03-15") -> int:
    """Insert one evidence row directly (with its own document, needed for the foreign key)."""
    doc = db["documents"].insert({"url": f"https://www.example.gov.cn/e/{db['documents'].count + 1}.html",
                                  "fingerprint": f"e{db['documents'].count + 1}", "published": published,
                                  "title": "政务云项目成交结果公告"}).last_pk
    return db["evidence"].insert({
        "document_id": doc, "company_id": company, "company_name": "星澜云科技有限公司",
        "violation_type": violation, "score": 0.97, "model_version": "test", "occurred_on": occurred_on,
        "status": status, "created_at": "2018-06-01T00:00:00+00:00", "updated_at": "2018-06-01T00:00:00+00:00",
    }).last_pk


@pytest.fixture
def cli(tmp_path):
    """Run `cloudcredit ARGS…` in a subprocess against tmp_path/cli.db; returns the CompletedProcess."""
    import os
    import subprocess
    import sys

    def _run(*args: str) -> subprocess.CompletedProcess:
        env = dict(os.environ, CLOUDCREDIT_DB=str(tmp_path / "cli.db"))
        return subprocess.run([sys.executable, "-m", "cloudcredit", *args], capture_output=True, text=True,
                              env=env, cwd=tmp_path, timeout=300)

    return _run
