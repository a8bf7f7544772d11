"""Licence import and cross-check, and the price red flags with their ratios."""

from dataclasses import dataclass, field

import pytest

from nlp.licences import has_licence_data, holds_cloud_licence, import_licences, licence_flag, price_flags
from store.db import open_db
from store.identity import lookup, resolve


@dataclass
class Lot:
    winner: str | None
    amount_yuan: float | None
    rate: str | None = None


@dataclass
class Facts:
    notice_type: str
    lots: list = field(default_factory=list)
    budget_yuan: float | None = None
    other_bids_yuan: list = field(default_factory=list)


CSV = (
    "company,licence_type,issuer,licence_no,granted_on\n"
    "北京云栈数据有限公司,互联网资源协作服务,北京市通信管理局,京B1-20180001,2018-03-01\n"
    "南海星桥网络有限公司,互联网数据中心,工业和信息化部,B1-20170002,\n"
)


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "m.db")


def _csv(tmp_path, text=CSV):
    path = tmp_path / "licences.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_is_idempotent_and_resolves_companies(db, tmp_path):
    assert import_licences(db, _csv(tmp_path)) == 2
    assert import_licences(db, _csv(tmp_path)) == 2
    assert db.execute("SELECT COUNT(*) FROM licences").fetchone()[0] == 2
    holder = lookup(db, "北京云栈数据有限公司")
    assert holds_cloud_licence(db, holder)
    assert not holds_cloud_licence(db, holder, on="2017-12-31")
    assert not holds_cloud_licence(db, lookup(db, "南海星桥网络有限公司"))


@pytest.mark.parametrize(
    "text, message",
    [
        ("company,licence_type\n甲,乙\n", "missing column"),
        (CSV + ",互联网资源协作服务,局,1,\n", ":4: empty company"),
        (CSV + "甲公司,互联网资源协作服务,局,1,2018/1/1\n", ":4: granted_on .* YYYY-MM-DD"),
    ],
)
def test_bad_csv_is_refused_and_nothing_written(db, tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        import_licences(db, _csv(tmp_path, text))
    assert db.execute("SELECT COUNT(*) FROM licences").fetchone()[0] == 0


def test_no_licence_data_means_no_flag(db):
    company_id = resolve(db, "星澜云科技有限公司").company_id
    assert not has_licence_data(db)
    assert licence_flag(db, company_id=company_id, winner="星澜云科技有限公司", cloud_related=True, on=None) is None


def test_unlicensed_cloud_winner_is_a_lending_candidate_with_reason(db, tmp_path):
    import_licences(db, _csv(tmp_path))
    unlicensed = resolve(db, "星澜云科技有限公司").company_id
    flag = licence_flag(db, company_id=unlicensed, winner="星澜云科技有限公司", cloud_related=True, on="2019-01-01")
    assert flag.violation_type == "license_lending"
    assert "星澜云科技有限公司" in flag.reason and "互联网资源协作服务" in flag.reason
    assert licence_flag(db, company_id=unlicensed, winner="星澜云科技有限公司", cloud_related=False, on=None) is None
    holder = lookup(db, "北京云栈数据有限公司")
    assert licence_flag(db, company_id=holder, winner="北京云栈数据有限公司", cloud_related=True, on="2019-01-01") is None


def test_branch_of_licensed_parent_counts_as_licensed(db, tmp_path):
    import_licences(db, _csv(tmp_path))
    parent = lookup(db, "北京云栈数据有限公司")
    child = resolve(db, "云栈数据（杭州）有限公司").company_id
    db.execute("UPDATE companies SET parent_id = ? WHERE id = ?", [parent, child])
    assert holds_cloud_licence(db, child)


def test_award_far_below_budget_is_flagged_with_the_ratio():
    facts = Facts("award", [Lot("星澜云科技有限公司", 2_000_000.0)], budget_yuan=10_000_000.0)
    (flag,) = price_flags(facts)
    assert flag.violation_type == "abnormally_low_bid"
    assert "20.0%" in flag.reason


def test_award_far_below_other_bids_is_flagged():
    facts = Facts("award", [Lot("星澜云科技有限公司", 300_000.0)], other_bids_yuan=[900_000.0, 1_000_000.0, 950_000.0])
    (flag,) = price_flags(facts)
    assert "31.6%" in flag.reason and "other bids" in flag.reason


@pytest.mark.parametrize(
    "facts",
    [
        Facts("award", [Lot("甲", 9_000_000.0)], budget_yuan=10_000_000.0),  # ordinary win
        Facts("award", [Lot("甲", 0.01)], budget_yuan=10_000_000.0),  # token price: the zero-price label's job
        Facts("tender", [Lot(None, 1_000_000.0)], budget_yuan=10_000_000.0),  # not an award
        Facts("award", [Lot("甲", None, rate="下浮率20%")], budget_yuan=10_000_000.0),  # rate award
    ],
)
def test_no_price_flag_for_ordinary_token_tender_or_rate(facts):
    assert price_flags(facts) == []
