"""Amount parsing: every format of sites.md §9, rates, unit prices, 大写 numerals, and the real coomaso prices."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from nlp.amounts import find_amounts, parse_amount, unit_from_label

TOTALS = [
    # plain yuan
    ("569800.00", None, 569800.0),
    ("736320.0", None, 736320.0),
    ("3986200元", None, 3986200.0),
    ("2969660.00 元", None, 2969660.0),
    ("1277100.00", None, 1277100.0),
    # thousands separators
    ("￥584,800.00", None, 584800.0),
    ("￥149,000.00", None, 149000.0),
    # 万元 / 亿元, unit in the value or from the header
    ("52.8万元", None, 528000.0),
    ("2837.861389万元", None, 28378613.89),
    ("3602.5688", "万元", 36025688.0),
    ("58.48", "万元", 584800.0),
    ("25400.99万元", None, 254009900.0),
    ("320 万元", None, 3200000.0),
    ("1.2亿元", None, 120000000.0),
    ("三千元", None, 3000.0),
    # a unit written next to the number wins over the header's
    ("3986200元", "万元", 3986200.0),
    # summary-table style and raw JSTL
    ("￥56.980000 万元（人民币）", None, 569800.0),
    ('<fmt:formatNumber pattern="￥.000000#" type="currency">9.955</fmt:formatNumber> 万元（人民币）', None, 99550.0),
    # prefixes and wrappers
    ("报价:798000(元)", None, 798000.0),
    ("总价形式报价:569800.00(元)", None, 569800.0),
    ("报价：999200（元）", None, 999200.0),
    ("总价：539000（元）", None, 539000.0),
    ("RMB1256772.03元", None, 1256772.03),
    ("人民币29347030.00元", None, 29347030.0),
    ("$1200", None, 1200.0),
    # zero and near zero
    ("0元 人民币", None, 0.0),
    ("0.0 万元（人民币）", None, 0.0),
    ("0.01元", None, 0.01),
    ("1分钱", None, 0.01),
    ("一分钱", None, 0.01),
    ("零元", None, 0.0),
    ("人民币零元整", None, 0.0),
    ("壹分", None, 0.01),
    ("0元报价或是1元报价", None, 0.0),
    # 大写
    ("壹拾万元整", None, 100000.0),
    ("陆拾叁万玖仟元整（¥639000.00）", None, 639000.0),
    ("壹拾肆万玖仟元整（￥149,000.00）", None, 149000.0),
    ("陆万肆仟元（￥64000.00）", None, 64000.0),
    ("人民币 伍拾叁万玖仟贰佰壹拾壹元（￥539211.00元）", None, 539211.0),
    ("贰仟捌佰叁拾贰万零陆佰零肆元壹角玖分（￥ 28320604.19 ）", None, 28320604.19),
    ("10718940.76元（大写：壹仟零柒拾壹万捌仟玖佰肆拾元柒角陆分）", None, 10718940.76),
    ("人民币玖万玖仟伍佰伍拾元整", None, 99550.0),
    ("捌仟贰佰元整", None, 8200.0),
    ("壹佰玖拾伍万 万 元整（￥ 195 万元）", None, 1950000.0),
    ("叁佰叁拾\u200c叁万元整", None, 3330000.0),
    # compound: the first figure is the total
    ("81536163.96元=建安费报价80807163.96元+设计费报价729000元", None, 81536163.96),
    ("55901921.24元(其中建安费报价：55491021.24元)", None, 55901921.24),
    ("18791886.00元（含暂列金990000元）", None, 18791886.0),
    ("投标报价1：320 万元 … 投标报价2：53 %", None, 3200000.0),
    # stray spaces
    ("0. 01元", None, 0.01),
    ("221 . 533", "万元", 2215330.0),
    ("110 . 346672", "万元", 1103466.72),
    # label inside the text names the unit
    ("中标金额(万元)：58.48", None, 584800.0),
    ("成交金额（万元）：12.5", None, 125000.0),
    ("中标金额（费率、单价等）：1234元", None, 1234.0),
    # unit in brackets after the figure
    ("56.98（万元）", None, 569800.0),
    ("12 (万元)", None, 120000.0),
]


@pytest.mark.parametrize(("text", "hint", "yuan"), TOTALS)
def test_totals(text: str, hint: str | None, yuan: float) -> None:
    amount = parse_amount(text, hint)
    assert amount is not None
    assert amount.kind == "total"
    assert amount.yuan == pytest.approx(yuan, rel=1e-9, abs=1e-9)


RATES = [
    ("下浮率20.50%", 20.5),
    ("下浮%2.5", 2.5),
    ("下浮率31％", 31.0),
    ("费率:99.98 %", 99.98),
    ("折扣率96.18%", 96.18),
    ("价格系数：99.99%", 99.99),
    ("9.99%（价格系数）", 9.99),
    ("成交下浮系数：20%", 20.0),
    ("下浮系数 0.85", 0.85),
    ("优惠率：3%", 3.0),
    ("设计费：下浮率99%，建安工程费：下浮率9%", 99.0),
    ("按《工程勘察设计收费管理规定》（计价格[2002]10 号）文收费标准的50%计取", 50.0),
    ("经财政部门评审后最终价的0.74%", 0.74),
]


@pytest.mark.parametrize(("text", "rate"), RATES)
def test_rates_are_not_prices(text: str, rate: float) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.kind == "rate"
    assert amount.yuan is None
    assert amount.rate == pytest.approx(rate)


@pytest.mark.parametrize(
    ("text", "yuan", "unit"),
    [
        ("286.6元/工日", 286.6, "元/工日"),
        ("107.8元/延米", 107.8, "元/延米"),
        ("30.9元/平方米", 30.9, "元/平方米"),
        ("513360.00 元每年", 513360.0, "元每年"),
        ("0.12元/GB/月", 0.12, "元/GB/月"),
        ("单价报价：35元", 35.0, "元"),
    ],
)
def test_unit_prices_are_not_totals(text: str, yuan: float, unit: str) -> None:
    amount = parse_amount(text)
    assert amount is not None and amount.kind == "unit_price"
    assert amount.yuan == pytest.approx(yuan)
    assert amount.currency_unit == unit


def test_zero_total_beside_a_rate_is_a_rate_award() -> None:
    amount = parse_amount("总成交金额：0.0 万元（人民币） 成交下浮系数：20%")
    assert amount is not None and amount.kind == "rate" and amount.yuan is None


def test_real_zero_keeps_raw() -> None:
    amount = parse_amount("0元 人民币")
    assert amount is not None and amount.yuan == 0.0 and amount.raw == "0元 人民币"


@pytest.mark.parametrize("text", ["详见公告正文", "未提供", "", "2016年11月30日", "第1包", "联系电话：0771-5501091", "3 (台)"])
def test_no_amount(text: str) -> None:
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("label", "unit"),
    [("中标金额(万元)", "万元"), ("成交金额（万元）", "万元"), ("中标金额 ( 元 )", "元"), ("中标价（万元）", "万元"),
     ("投标报价（元）", "元"), ("金额单位：万元", "万元"), ("中标金额", None)],
)
def test_unit_from_label(label: str, unit: str | None) -> None:
    assert unit_from_label(label) == unit


def test_prose_amounts_need_a_unit() -> None:
    found = find_amounts("星澜云科技有限公司以0.01元中标，第二名报价1分钱，预算为300万元，共3家，2024年。")
    assert [a.yuan for _, _, a in found] == [0.01, 0.01, 3_000_000.0]


REAL = Path(os.environ.get("CLOUDCREDIT_REALDATA") or Path(__file__).resolve().parents[3] / "shared" / "realdata")
COOMASO = REAL / "coomaso-zhongbiao" / "hx_parsed.json"
_PLAIN = re.compile(r"(\d+(?:\.\d+)?)\s*(元)?")
_PERCENT = re.compile(r"[^元]*?(\d+(?:\.\d+)?)\s*[%％][^元]*")


def _reference(price: str) -> tuple[str, float | None] | None:
    """A deliberately narrow reference reading of a price cell; None when the shape is not clear-cut.

    On this site (宜昌 公共资源交易, 中标候选人公示) the price column is headed 投标报价(元/%): a bare number
    or `N元` is a total in yuan, a cell whose only figure is a percentage (with or without 下浮率/价格系数/
    折扣率 words) is a rate, `N元/unit` is a unit price, and `未提供` or the repeated header has no amount.
    """
    text = price.strip()
    if text in ("未提供", "投标报价(元/%)", ""):
        return ("none", None)
    if match := _PLAIN.fullmatch(text):
        return ("total", float(match.group(1)))
    if re.fullmatch(r"\d+(?:\.\d+)?\s*元/[^\d]{1,6}", text):
        return ("unit_price", float(re.match(r"\d+(?:\.\d+)?", text).group(0)))
    if _PERCENT.fullmatch(text) and len(re.findall(r"\d+(?:\.\d+)?", text)) == 1:
        return ("rate", None)
    return None


@pytest.mark.skipif(not COOMASO.exists(), reason="the real data folder shared/realdata beside the checkout is not present")
def test_real_coomaso_prices_agree_with_reference(capsys: pytest.CaptureFixture[str]) -> None:
    records = json.loads(COOMASO.read_text(encoding="utf-8"))
    prices = [b["price"] for r in records for b in (r.get("parsed_data") or {}).get("bidders_and_prices", [])]
    decided = agree = parsed_other = 0
    for price in prices:
        reference = _reference(price)
        amount = parse_amount(price)
        if reference is None:
            parsed_other += amount is not None
            continue
        decided += 1
        kind, yuan = reference
        if kind == "none":
            agree += amount is None
        elif amount is not None and amount.kind == kind and (
            yuan is None or amount.yuan == pytest.approx(yuan, rel=1e-9)
        ):
            agree += 1
    with capsys.disabled():
        print(f"\ncoomaso: {len(prices)} prices, {decided} clear-cut, agreement {agree / decided:.4f}; "
              f"{parsed_other}/{len(prices) - decided} of the rest parsed")
    assert len(prices) > 6000
    assert decided >= 0.9 * len(prices)
    assert agree / decided >= 0.95
