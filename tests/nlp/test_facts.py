"""Bulletin facts: notice types, every label variant of sites.md §8, the gotchas of §10, pages of many layouts."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from nlp.facts import extract_facts, facts_from_text, notice_type_of, parse_date

PAGES = Path(__file__).parent / "pages"


def page(name: str):
    return extract_facts((PAGES / name).read_bytes())


# --- notice type ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("东湖区政务云服务采购项目中标公告", "award"),
        ("嘉定南翔汽车站保安服务成交公告", "award"),
        ("重庆文理学院数字化校园配套设备结果公告", "award"),
        ("某某局云主机租赁项目中标（成交）结果公告", "award"),
        ("德清县体育中心用车服务采购项目合同", "award"),
        ("江北区智慧社区一期工程中标候选人公示", "other"),
        ("某医院信息化项目评标结果公示", "other"),
        ("某区政务云项目公开招标公告", "tender"),
        ("某区数据中心运维竞争性磋商公告", "tender"),
        ("某县云存储设备竞争性谈判公告", "tender"),
        ("某学校服务器询价公告", "tender"),
        ("北坪区财政局中标麒麟操作系统正版化采购询价公告", "tender"),
        ("中标软件授权采购公告", "tender"),
        ("石桥镇政务外网云服务项目流标公告", "cancelled"),
        ("某局IDC托管服务项目废标公告", "cancelled"),
        ("某市政务云采购项目终止公告", "cancelled"),
        ("某市政务云采购项目更正公告", "other"),
        ("某市政务云采购项目中标结果更正公告", "other"),
        ("关于召开政务云建设座谈会的通知", "other"),
    ],
)
def test_notice_type(title: str, expected: str) -> None:
    assert notice_type_of(title) == expected


def test_notice_type_from_text_when_title_is_silent() -> None:
    assert notice_type_of("东湖区大数据中心公告", "经评审，现将成交结果公告如下") == "award"


# --- label variants (sites.md §8) -------------------------------------------------------------------------

WINNER_LABELS = [
    "中标供应商", "中标供应商名称", "中标（成交）供应商名称", "中标(成交)供应商名称", "成交供应商", "成交供应商名称",
    "中标人", "中标单位", "成交单位", "中标成交供应商名称",
]


@pytest.mark.parametrize("label", WINNER_LABELS)
def test_winner_labels(label: str) -> None:
    facts = facts_from_text("某某项目中标公告", f"{label}：北京云栈数据有限公司\n中标金额：52.8万元")
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("北京云栈数据有限公司", 528000.0)]


def test_generic_supplier_label_in_an_award() -> None:
    facts = facts_from_text("某某项目成交公告", "供应商名称：北京云栈数据有限公司\n成交金额：1000元")
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("北京云栈数据有限公司", 1000.0)]


def test_winner_class_hook() -> None:
    facts = page("ccgp_new.html")
    assert [(lot.lot_no, lot.winner, lot.amount_yuan) for lot in facts.lots] == [("1", "星澜云科技有限公司", 1.0)]


AMOUNT_LABELS = [
    ("中标（成交）金额", "980000.00", 980000.0),
    ("中标(成交)金额", "980000元", 980000.0),
    ("中标（成交）金额(元)", "980000", 980000.0),
    ("中标（成交）金额：（可填写下浮率、折扣率或费率）", "980000元", 980000.0),
    ("中标金额", "98万元", 980000.0),
    ("中标金额（费率、单价等）", "980000元", 980000.0),
    ("中标金额(万元)", "98", 980000.0),
    ("中标金额 ( 元 )", "980000", 980000.0),
    ("成交金额", "980000元", 980000.0),
    ("成交金额(万元)", "98", 980000.0),
    ("中标价", "980000元", 980000.0),
    ("中标价格", "980000元", 980000.0),
    ("中标价（万元）", "98", 980000.0),
    ("成交价", "980000元", 980000.0),
    ("成交价格", "980000元", 980000.0),
    ("合同金额", "980000元", 980000.0),
    ("投标报价", "980000元", 980000.0),
    ("投标报价（元）", "980000", 980000.0),
    ("经评审的投标价（元）", "980000", 980000.0),
    ("投标总价", "980000元", 980000.0),
    ("最终报价（元）", "980000", 980000.0),
    ("评审报价", "980000元", 980000.0),
    ("评审价格", "980000元", 980000.0),
    ("报价", "980000元", 980000.0),
]


@pytest.mark.parametrize(("label", "value", "yuan"), AMOUNT_LABELS)
def test_amount_labels(label: str, value: str, yuan: float) -> None:
    text = f"中标供应商：北京云栈数据有限公司\n{label}：{value}"
    facts = facts_from_text("某某项目中标公告", text)
    assert [lot.amount_yuan for lot in facts.lots] == [yuan]


@pytest.mark.parametrize(
    "value", ["下浮率20%", "20%", "费率：1.5%", "折扣率96.18%", "折扣比例95%", "折扣系数0.9", "价格系数：99.99%",
              "优惠率：3%", "按收费标准的50%计取", "经财政部门评审后最终价的0.74%"],
)
def test_rate_awards_have_no_price(value: str) -> None:
    facts = facts_from_text("某某设计项目成交公告", f"成交供应商：北京云栈数据有限公司\n成交金额：{value}")
    (lot,) = facts.lots
    assert lot.winner == "北京云栈数据有限公司" and lot.amount_yuan is None and lot.rate


@pytest.mark.parametrize("label", ["下浮率", "成交下浮系数", "费率", "折扣率", "价格系数", "优惠率"])
def test_rate_labels(label: str) -> None:
    facts = facts_from_text("某某项目成交公告", f"成交供应商：北京云栈数据有限公司\n{label}：12%")
    (lot,) = facts.lots
    assert lot.amount_yuan is None and lot.rate and "12" in lot.rate


@pytest.mark.parametrize(
    ("label", "attribute", "value", "expected"),
    [
        ("项目编号", "project_code", "DH-2025-01", "DH-2025-01"),
        ("采购项目编号", "project_code", "DH-2025-02", "DH-2025-02"),
        ("招标编号", "project_code", "ZB-03", "ZB-03"),
        ("招标文件编号", "project_code", "ZBWJ-04", "ZBWJ-04"),
        ("采购计划编号", "project_code", "JH-05", "JH-05"),
        ("采购人", "buyer", "东湖区大数据中心", "东湖区大数据中心"),
        ("采购单位", "buyer", "东湖区财政局", "东湖区财政局"),
        ("采购人名称", "buyer", "东湖区教育局", "东湖区教育局"),
        ("招标人", "buyer", "东湖区水务局", "东湖区水务局"),
        ("代理机构", "agency", "青岚招标咨询有限公司", "青岚招标咨询有限公司"),
        ("采购代理机构", "agency", "青岚采购代理有限公司", "青岚采购代理有限公司"),
        ("代理机构名称", "agency", "青岚项目管理有限公司", "青岚项目管理有限公司"),
        ("公告时间", "published", "2025年07月14日", "2025-07-14"),
        ("发布时间", "published", "2025-07-15 10:00", "2025-07-15"),
        ("签署时间", "published", "2025/7/16", "2025-07-16"),
    ],
)
def test_field_labels(label: str, attribute: str, value: str, expected: str) -> None:
    facts = facts_from_text("某某项目中标公告", f"{label}：{value}\n中标供应商：北京云栈数据有限公司")
    assert getattr(facts, attribute) == expected


def test_pubdate_meta_and_pubtime_span() -> None:
    assert page("ccgp_new.html").published == "2025-07-14"
    html = '<html><body><span id="pubTime">2024年03月05日 09:30</span><div class="vF_detail_content">' + \
        "<p>" + "成交供应商：北京云栈数据有限公司。" * 3 + "</p></div></body></html>"
    assert extract_facts(html).published == "2024-03-05"


def test_ccgp_code_hooks() -> None:
    facts = page("ccgp_new.html")
    assert (facts.project_code, facts.buyer, facts.agency) == ("DHCG-2025-0117", "东湖区大数据中心", "青岚招标咨询有限公司")
    assert facts.title == "东湖区大数据中心政务云服务采购项目中标公告"


def test_buyer_and_agency_in_numbered_contact_sections() -> None:
    text = "九、联系方式\n1.采购人信息\n名称：东湖区卫生健康委员会\n地址：东湖区\n2.采购代理机构信息\n名称：青岚招标咨询有限公司\n" \
        "中标供应商：北京云栈数据有限公司"
    facts = facts_from_text("某某项目中标公告", text)
    assert (facts.buyer, facts.agency) == ("东湖区卫生健康委员会", "青岚招标咨询有限公司")


# --- gotchas (sites.md §10) -------------------------------------------------------------------------------


def test_gotcha1_zero_summary_beside_rate_is_a_rate_award() -> None:
    facts = page("ccgp_old_rate.html")
    assert facts.notice_type == "award"
    (lot,) = facts.lots
    assert lot.amount_yuan is None and lot.rate == "20%"
    assert lot.winner == "临江市筑安设计审查中心"


def test_gotcha2_contract_zero_is_real_and_raw_kept() -> None:
    facts = page("ggzy_contract.html")
    (lot,) = facts.lots
    assert (lot.winner, lot.amount_yuan, lot.amount_raw) == ("北京云栈数据有限公司", 0.0, "0元 人民币")
    assert facts.buyer == "南岭县大数据发展中心" and facts.published == "2025-03-17"


@pytest.mark.parametrize("header", ["中标金额(万元)", "成交金额(万元)", "中标价（万元）", "金额（万元）"])
def test_gotcha3_header_unit_propagates_to_cells(header: str) -> None:
    text = f"序号 | 中标供应商 | {header}\n1 | 北京云栈数据有限公司 | 3602.5688\n2 | 星澜云科技有限公司 | 58.48"
    facts = facts_from_text("某某项目中标公告", text)
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [
        ("北京云栈数据有限公司", pytest.approx(36025688.0)), ("星澜云科技有限公司", pytest.approx(584800.0))]


def test_gotcha3_ccgp_summary_is_wan_yuan_and_gbk_table_header() -> None:
    facts = page("provincial_gbk_wanyuan.html")
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("青禾数智科技有限公司", pytest.approx(2215330.0))]
    assert facts.budget_yuan == 3_200_000.0 and facts.published == "2024-11-05"


def test_gotcha4_multi_package_lots_and_summary_is_their_sum() -> None:
    facts = page("multi_lot.html")
    assert [lot.lot_no for lot in facts.lots] == ["标包A", "标包B", "标包C", "标包D"]
    assert [lot.winner for lot in facts.lots] == [
        "海川云计算有限公司", "滨海恒基建设集团有限公司", "启明安信科技股份有限公司", "滨海云维技术服务有限公司"]
    assert sum(lot.amount_yuan for lot in facts.lots) == pytest.approx(106185203.89)
    assert facts.lots[0].lot_name == "政务云平台扩容"


def test_gotcha4_summary_used_for_a_single_winner_without_amount() -> None:
    facts = facts_from_text("某某项目成交公告", "总成交金额：9.955 万元（人民币）\n成交供应商名称：北京云栈数据有限公司")
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("北京云栈数据有限公司", pytest.approx(99550.0))]


def test_gotcha5_highlighted_and_wrapped_titles() -> None:
    html = ('<html><body><div class="detail"><h4 class="h4_o"><span class="p_tit">政务</span>云\n服务'
            '<span class="p_tit">中标</span>公告</h4><div id="mycontent"><p>中标供应商：北京云栈数据有限公司，'
            '中标金额：100万元。采购人：东湖区大数据中心。</p></div></div></body></html>')
    facts = extract_facts(html)
    assert facts.title == "政务云 服务中标公告"
    assert facts.notice_type == "award"


def test_gotcha6_candidates_are_not_an_award() -> None:
    facts = page("candidates.html")
    assert facts.notice_type == "other" and facts.lots == []
    assert facts.other_bids_yuan == [5210000.0, 5366500.0, 5402800.0]
    assert facts.budget_yuan == 5_800_000.0


@pytest.mark.parametrize(
    "body",
    ['<div id="mycontent"><iframe src="/files/a.pdf"></iframe></div>', '<div id="mycontent"><img src="a.png"></div>',
     '<div class="vF_detail_content"><a href="a.pdf">附件：中标公告.pdf</a></div>'],
)
def test_gotcha7_image_iframe_or_pdf_bodies(body: str) -> None:
    facts = extract_facts(f"<html><head><title>某某项目中标公告</title></head><body>{body}</body></html>")
    assert facts.notice_type == "award" and facts.lots == [] and facts.title == "某某项目中标公告"


# --- budgets, bids, other layouts ---------------------------------------------------------------------------


def test_budget_and_ceiling_are_never_awards() -> None:
    facts = page("tender.html")
    assert facts.notice_type == "tender" and facts.lots == []
    assert facts.budget_yuan == 4_600_000.0
    assert (facts.buyer, facts.agency, facts.project_code) == ("临川区数据资源管理局", "临川同信招标有限公司", "LC-ZFY-2025-09")


def test_ceiling_beside_an_award_is_not_the_award() -> None:
    facts = page("daxie.html")
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("河阳宏建建筑工程有限公司", 28320604.19)]
    assert facts.budget_yuan == 29_500_000.0
    assert (facts.buyer, facts.agency, facts.project_code) == ("河阳市第二中学", "河阳建达工程管理有限公司", "HY-JS-2024-119")


def test_other_bids_listed_on_the_page() -> None:
    facts = page("low_bid.html")
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("星澜云科技有限公司", 480000.0)]
    assert facts.other_bids_yuan == [2650000.0, 2790000.0]
    assert facts.budget_yuan == 3_000_000.0 and facts.median_other_bid == 2720000.0


def test_generic_layout() -> None:
    facts = page("generic_news_like.html")
    assert facts.notice_type == "award" and facts.project_code == "YQ-CS-2025-002"
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("云栖智城科技有限公司", 1256772.03)]
    assert facts.other_bids_yuan == [2980000.0, 3105000.0] and facts.published == "2025-01-08"


def test_failed_tender_has_no_lots() -> None:
    facts = page("failed.html")
    assert facts.notice_type == "cancelled" and facts.lots == [] and facts.budget_yuan == 480000.0


def test_traditional_characters() -> None:
    facts = page("traditional_big5.html")
    assert facts.notice_type == "award" and facts.published == "2024-09-18"
    # Parsed after folding to simplified characters, reported as written.
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("雲棧數據服務有限公司", 0.0)]
    assert facts.buyer == "遠山市資訊中心" and facts.title == "雲端主機租賃服務採購案決標公告"
    assert facts.agency == "遠山標準招標顧問有限公司"


def test_wrong_charset_declaration() -> None:
    facts = page("wrong_charset_gbk.html")
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("桐城安澜信息技术有限公司", 100000.0)]
    assert facts.published == "2023-06-02"


def test_brand_name_is_not_an_award() -> None:
    facts = page("brand_tender.html")
    assert facts.notice_type == "tender" and facts.lots == [] and facts.budget_yuan == 125000.0


def test_label_on_one_line_value_on_the_next() -> None:
    text = "采购人名称\n德清县体育中心\n中标（成交）供应商名称\n湖州云途汽车服务有限公司\n合同金额\n0元 人民币\n合同期限\n1年"
    facts = facts_from_text("某某服务采购项目合同", text)
    assert facts.buyer == "德清县体育中心"
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("湖州云途汽车服务有限公司", 0.0)]


def test_winner_named_after_a_compound_label() -> None:
    text = "成交供应商名称、地址及成交金额：\n重庆维云资讯有限公司，地址：重庆市，成交金额：陆万肆仟元（￥64000.00）"
    facts = facts_from_text("某某项目成交公告", text)
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("重庆维云资讯有限公司", 64000.0)]


def test_vertical_result_block_repeated_in_appendix_is_one_lot() -> None:
    block = "1.成交供应商名称：广西德云数码股份有限公司\n2.成交供应商地址：南宁市\n3.成交金额：陆拾叁万玖仟元整（¥639000.00）\n"
    facts = facts_from_text("某某项目成交公告", block + "序号 | 货物名称 | 数量\n1 | 空调 | 2台\n" + block)
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("广西德云数码股份有限公司", 639000.0)]


@pytest.mark.parametrize(
    ("title", "text", "winner", "amount"),
    [
        ("星澜云以0.01元中标政务云项目", "近日，星澜云科技有限公司以0.01元中标某市政务云项目，引发业内关注。", "星澜云科技有限公司", 0.01),
        ("一分钱中标", "据悉，北京云栈数据有限公司报价一分钱中标该市云主机租赁服务。", "北京云栈数据有限公司", 0.01),
        ("零元中标再现", "本次采购中，海川云计算有限公司以零元中标，预算为300万元。", "海川云计算有限公司", 0.0),
    ],
)
def test_news_prose_awards(title: str, text: str, winner: str, amount: float) -> None:
    facts = facts_from_text(title, text)
    assert facts.notice_type == "award"
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [(winner, amount)]


def test_news_budget_is_not_the_award() -> None:
    facts = facts_from_text("某市政务云项目招标", "某市政务云项目预算为300万元，将于下月开标。")
    assert facts.lots == [] and facts.notice_type == "tender"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025年7月14日", "2025-07-14"), ("2025-07-14 16:20", "2025-07-14"), ("2025/7/4", "2025-07-04"),
     ("2025.07.04", "2025-07-04"), ("2025年13月01日", None), ("无", None), (None, None)],
)
def test_parse_date(text: str | None, expected: str | None) -> None:
    assert parse_date(text) == expected


# --- real saved pages (read from shared/ beside the checkout at test time, never copied) -------------------------------

REAL = Path(os.environ.get("CLOUDCREDIT_REALDATA") or Path(__file__).resolve().parents[3] / "shared" / "realdata")
CCGP_2016 = REAL / "jlxxlj-bidding/analysis/test/ccgp"
GGZY_B = REAL / "beidouKen-ggzy-workspace/ggzy_bid_scout/data/raw/detail_b_sample.html"
GGZY_ITEMS = REAL / "beidouKen-ggzy-workspace/ggzy_bid_scout/data/structured/bid_data.json"


@pytest.mark.skipif(not CCGP_2016.exists(), reason="the real data folder shared/realdata beside the checkout is not present")
def test_real_ccgp_2016_pages_match_their_saved_fields(capsys: pytest.CaptureFixture[str]) -> None:
    pages = sorted(CCGP_2016.glob("*.json"))
    scores = {"amount": 0, "buyer": 0, "agency": 0, "award": 0, "winner": 0}
    for path in pages:
        record = json.loads(path.read_text(encoding="utf-8"))
        facts = extract_facts(record["content"], url=record["url"])
        saved = record["total_winning_money"]["money_amount"]
        amounts = [lot.amount_yuan for lot in facts.lots if lot.amount_yuan is not None]
        if saved == 0:
            # sites.md §10.1: the saved 0.0 is a rate award; the amount must stay unknown, not zero.
            scores["amount"] += not amounts and any(lot.rate for lot in facts.lots)
        else:
            scores["amount"] += sum(amounts) == pytest.approx(saved)
        scores["buyer"] += facts.buyer == record["purchaser_name"]
        scores["agency"] += facts.agency == record["agent_name"]
        scores["award"] += facts.notice_type == "award"
        scores["winner"] += any(lot.winner for lot in facts.lots) or saved == 0
    with capsys.disabled():
        print(f"\nccgp 2016 ({len(pages)} pages): " + ", ".join(f"{k} {v}/{len(pages)}" for k, v in scores.items()))
    assert len(pages) == 10
    assert scores["award"] == 10 and scores["amount"] >= 9 and scores["buyer"] >= 9 and scores["agency"] >= 9
    assert scores["winner"] >= 9


@pytest.mark.skipif(not GGZY_B.exists(), reason="the real data folder shared/realdata beside the checkout is not present")
def test_real_ggzy_contract_page() -> None:
    facts = extract_facts(GGZY_B.read_bytes())
    assert facts.notice_type == "award" and facts.published == "2026-03-17"
    (lot,) = facts.lots
    assert lot.amount_yuan == 0.0 and lot.amount_raw == "0元 人民币" and lot.winner


@pytest.mark.skipif(not GGZY_ITEMS.exists(), reason="the real data folder shared/realdata beside the checkout is not present")
def test_real_ggzy_texts_winners_and_amounts(capsys: pytest.CaptureFixture[str]) -> None:
    from nlp.amounts import parse_amount

    items = json.loads(GGZY_ITEMS.read_text(encoding="utf-8"))["items"]
    winners = winners_ok = amounts = amounts_ok = 0
    for item in items:
        fields = item.get("structured_fields") or {}
        facts = facts_from_text(item["title"], item["content_text"])
        named = [v for k, v in fields.items() if "供应商名称" in k or k.startswith("中标人")]
        if named:
            winners += 1
            winners_ok += named[0] in [lot.winner for lot in facts.lots]
        prices = [v for k, v in fields.items() if k in ("合同金额", "中标金额", "成交金额", "中标（成交）金额")]
        if prices and (reference := parse_amount(prices[0])) is not None and reference.kind == "total":
            amounts += 1
            amounts_ok += reference.yuan in [lot.amount_yuan for lot in facts.lots]
    with capsys.disabled():
        print(f"\nggzy texts: winners {winners_ok}/{winners}, award amounts {amounts_ok}/{amounts}")
    assert winners >= 3 and winners_ok == winners and amounts_ok == amounts


TRADE = REAL / "DanrunFR-ccgp_trade_detection_data/data/trade.csv"
CHANNELS = {"zbgg": "award", "cjgg": "award", "gkzb": "tender", "jzxcs": "tender", "jzxtpgg": "tender",
            "xjgg": "tender", "dylygg": "tender", "yqzbgg": "tender", "gzgg": "other", "fblbgg": "cancelled"}


@pytest.mark.skipif(not TRADE.exists(), reason="the real data folder shared/realdata beside the checkout is not present")
def test_real_ccgp_titles_notice_type_agrees_with_channel(capsys: pytest.CaptureFixture[str]) -> None:
    """The ccgp channel of each URL (zbgg 中标, cjgg 成交, gkzb 公开招标, gzgg 更正, fblbgg 废标/流标 …) is the truth.

    Titles alone cannot be perfect: many name only the project, and 废标 notices are often titled 结果公告.
    """
    import re

    total = agree = 0
    for line in TRADE.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        channel = re.search(r"/cggg/\w+/(\w+)/", parts[-1]) if len(parts) >= 5 else None
        if channel is None or channel.group(1) not in CHANNELS:
            continue
        total += 1
        agree += notice_type_of(parts[2]) == CHANNELS[channel.group(1)]
    with capsys.disabled():
        print(f"\nccgp titles: notice type agrees with the channel for {agree}/{total} ({agree / total:.3f})")
    assert total > 15000 and agree / total >= 0.93


JLXXLJ = REAL / "jlxxlj-bidding/analysis/test"


@pytest.mark.skipif(not JLXXLJ.exists(), reason="the real data folder shared/realdata beside the checkout is not present")
def test_real_result_pages_of_other_layouts(capsys: pytest.CaptureFixture[str]) -> None:
    """重庆 政府采购网 / 公共资源交易中心 and older provincial result pages: each names its winner and price."""
    paths = sorted((JLXXLJ / "cqgp").glob("*.json")) + sorted((JLXXLJ / "cqggzy").glob("*.json")) + sorted(
        JLXXLJ.glob("test_*.json"))
    pages = awards = with_winner = with_amount = 0
    for path in paths:
        record = json.loads(path.read_text(encoding="utf-8"))
        if len(record.get("content") or "") < 500:
            continue  # an empty shell (the bulletin is an attachment)
        html = f"<html><head><title>{record['title']}</title></head><body>{record['content']}</body></html>"
        facts = extract_facts(html, url=record.get("url"))
        pages += 1
        awards += facts.notice_type == "award"
        with_winner += any(lot.winner for lot in facts.lots)
        with_amount += any(lot.amount_yuan for lot in facts.lots)
    with capsys.disabled():
        print(f"\nother result pages: {pages}, award {awards}, winner {with_winner}, amount {with_amount}")
    assert pages >= 18
    assert awards == pages and with_winner >= pages - 1 and with_amount >= pages - 3


# --- layouts seen in plain texts ------------------------------------------------------------------------------


def lots_of(title: str, text: str) -> list[tuple[str | None, float | None]]:
    return [(lot.winner, lot.amount_yuan) for lot in facts_from_text(title, text).lots]


def test_labels_without_colon() -> None:
    text = ("第一标段：中标人澈启建设工程有限责任公司，中标价人民币肆拾玖万柒仟元整。\n"
            "第二标段：中标人常州烁算环境工程股份有限公司，中标价人民币3190000.00元。")
    assert lots_of("某校设备采购中标结果公示", text) == [
        ("澈启建设工程有限责任公司", 497000.0), ("常州烁算环境工程股份有限公司", 3190000.0)]


def test_bilingual_labels() -> None:
    text = "Buyer 采购人：扬州市不动产登记中心\nWinning Bidder 中标人：金华市骁汇云数据有限公司\nContract Price 中标价：RMB 2132000.00"
    facts = facts_from_text("某服务中标公告 Award Notice", text)
    assert facts.buyer == "扬州市不动产登记中心"
    assert lots_of("某服务中标公告 Award Notice", text) == [("金华市骁汇云数据有限公司", 2132000.0)]


def test_entrusted_buyer_and_agency_in_prose() -> None:
    text = "受杭州市住房公积金管理中心委托，杭州暄穹招标代理有限公司对该项目进行了公开招标。\n中标供应商：吉林省霁铂软件有限公司"
    facts = facts_from_text("某项目中标（成交）结果公告", text)
    assert (facts.buyer, facts.agency) == ("杭州市住房公积金管理中心", "杭州暄穹招标代理有限公司")


def test_buyer_column_and_tab_separated_sheet() -> None:
    text = "A:项目名称\tB:采购方式\tC:中标单位\tD:中标金额(元)\tE:招标人\n小店区医疗云服务\t竞争性磋商\t骁辰云联科技（太原）有限公司\t1.00\t小店区卫生健康局"
    facts = facts_from_text("小店区基层医疗云HIS服务采购结果", text)
    assert lots_of("小店区基层医疗云HIS服务采购结果", text) == [("骁辰云联科技（太原）有限公司", 1.0)]
    assert facts.buyer == "小店区卫生健康局"


def test_framework_entrants_are_lots() -> None:
    text = "入围供应商及报价：\n供应商 | 报价方式 | 报价\n株洲市璟星科技有限责任公司 | 总价 | RMB27100.00元\n吉林省晞算云网科技有限公司 | 价格系数 | 92.61%"
    facts = facts_from_text("某局信息系统上云迁移服务入围结果公告", text)
    assert [(lot.winner, lot.amount_yuan, lot.rate) for lot in facts.lots] == [
        ("株洲市璟星科技有限责任公司", 27100.0, None), ("吉林省晞算云网科技有限公司", None, "92.61%")]


def test_lowest_price_wins_a_price_only_procurement() -> None:
    text = "询价单位：佛山市实验小学\n报价单位 | 报价（元） | 是否响应\n晞拓园林绿化有限公司 | 0.01 | 是\n兰州嵘图消防工程有限公司 | 8164045 | 是"
    facts = facts_from_text("佛山市实验小学生活垃圾清运服务询价结果公告", text)
    assert lots_of("佛山市实验小学生活垃圾清运服务询价结果公告", text) == [("晞拓园林绿化有限公司", 0.01)]
    assert facts.other_bids_yuan == [8164045.0]


def test_zero_total_of_a_unit_price_contract_is_no_price() -> None:
    text = "合同金额：0元\n说明：本合同为框架协议，按实际使用云资源量以单价结算。\n供应商：峤数云服（酒泉）有限公司"
    facts = facts_from_text("肃州区政务云服务框架协议合同公告", text)
    (lot,) = facts.lots
    assert (lot.winner, lot.amount_yuan, lot.amount_raw) == ("峤数云服（酒泉）有限公司", None, "0元")


def test_consortium_lead_is_the_winner() -> None:
    text = "中标供应商：哈尔滨市崧穹数据服务有限公司（联合体牵头人）、山西省珩星数据科技有限公司（联合体成员）\n中标金额：￥461.480000 万元（人民币）"
    assert lots_of("某项目中标公告", text) == [("哈尔滨市崧穹数据服务有限公司", 4614800.0)]


def test_values_broken_over_lines() -> None:
    text = "项目编号：SSQ-2024-\nCS-017\n成交供应商：峤芯云图信息技术（合\n肥）有限公司\n成交金额：人民币零元整"
    facts = facts_from_text("某服务项目成交公告（PDF转文本）", text)
    assert facts.project_code == "SSQ-2024-CS-017"
    assert lots_of("某服务项目成交公告", text) == [("峤芯云图信息技术（合肥）有限公司", 0.0)]


def test_prose_winner_keeps_its_brackets() -> None:
    text = "经学校比选小组评议，确定曦川餐饮管理（赣州）有限公司为成交单位，报价0元（零元）。"
    assert lots_of("某校食堂承包服务比选结果公示", text) == [("曦川餐饮管理（赣州）有限公司", 0.0)]


def test_result_heading_then_winner_line() -> None:
    text = "六、成交结果(入围供应商)\n重庆惠友久隆工程机械有限公司，总价355000.00元。\n七、其他事项"
    assert lots_of("某局装载机采购结果公告", text) == [("重庆惠友久隆工程机械有限公司", 355000.0)]


@pytest.mark.parametrize(
    ("title", "text", "winner", "amount", "budget"),
    [
        ("云计算行业周报", "【政采】上饶政务云安全服务项目结果公布，霁拓信息以124.17万元中标，仅为预算2400万元的5.2%。",
         "霁拓信息", 1241700.0, 24000000.0),
        ("“一毛钱中标”背后", "中标价一栏写着“一毛钱”。中标方是莆田溪川数据科技有限公司，参与竞争的移动云报价接近预算。",
         None, 0.1, None),
        ("政务云中标价不到预算两成", "云浮城市大脑云资源租赁项目，预算198.68万元，泓栈云中标价353600元，只有预算的17.8%。",
         "泓栈云", 353600.0, 1986800.0),
        ("荆州政务云人民币0元中标，大家怎么看？", "荆州市某项目，中标的是牡丹江锦桓云科技有限公司，报价人民币0元！预算240.8万元啊。",
         "牡丹江锦桓云科技有限公司", 0.0, 2408000.0),
        ("某市通报", "经查，原中标供应商太原淞联云科技有限公司所提交的许可持证主体为他人，现依法确定渝阵数字科技股份有限公司为中标供应商，"
         "中标金额4824926.58元。", "渝阵数字科技股份有限公司", 4824926.58, None),
    ],
)
def test_news_and_reports(title: str, text: str, winner: str | None, amount: float, budget: float | None) -> None:
    facts = facts_from_text(title, text)
    assert facts.notice_type == "award"
    (lot,) = facts.lots
    if winner:
        assert lot.winner == winner
    assert lot.amount_yuan == pytest.approx(amount) and facts.budget_yuan == budget


def test_commentary_without_a_case_has_no_lot() -> None:
    facts = facts_from_text("评论：遏制“0元中标”需要制度合力", "近年来，0元中标、1分钱中标屡见报端。专家认为应当加强成本审查，行业自律公约也明确反对低于成本报价。")
    assert all(lot.winner is None for lot in facts.lots)


def test_budget_column_of_a_result_table() -> None:
    text = ("项目名称 | 招标人 | 中标人 | 中标价(元) | 最高限价(元)\n"
            "渝北区云计算资源池扩容项目 | 重庆市渝北区大数据应用发展管理局 | 琮擎云数据有限公司 | 0.01 | 3334700")
    facts = facts_from_text("渝北区云计算资源池扩容项目中标公示", text)
    assert lots_of("渝北区云计算资源池扩容项目中标公示", text) == [("琮擎云数据有限公司", 0.01)]
    assert facts.budget_yuan == 3334700.0 and facts.buyer == "重庆市渝北区大数据应用发展管理局"


def test_budget_written_in_capitals_then_figures() -> None:
    text = "招标控制价： 大写：人民币陆拾贰万壹仟肆佰元整，小写：￥621400.00元\n中标人：翎核信息技术有限公司\n中标价：619700.00元"
    assert facts_from_text("某项目中标公告", text).budget_yuan == 621400.0


def test_title_skips_site_logo_headings_and_site_names() -> None:
    html = ("<html><head><title>某区云主机租赁服务成交公告-某市公共资源交易网</title></head><body>"
            "<h1>某市公共资源交易网</h1><div class='nav'>首页</div><h2>某区云主机租赁服务成交公告</h2>"
            "<p>成交供应商：北京云栈数据有限公司</p><p>成交金额：12万元</p></body></html>")
    assert extract_facts(html).title == "某区云主机租赁服务成交公告"
    bare = "<html><head><title>某区云主机租赁服务成交公告_某市政府采购网</title></head><body><p>正文</p></body></html>"
    assert extract_facts(bare).title == "某区云主机租赁服务成交公告"


def test_lots_as_columns_of_a_transposed_table() -> None:
    html = ("<html><head><title>某市云资源服务（包1、包2）中标公告</title></head><body><table>"
            "<tr><td>包号</td><td>包1</td><td>包2</td></tr>"
            "<tr><td>中标供应商</td><td>甲云科技有限公司</td><td>乙数据服务有限公司</td></tr>"
            "<tr><td>中标金额（万元）</td><td>120.5</td><td>88</td></tr></table></body></html>")
    facts = extract_facts(html)
    assert [(lot.lot_no, lot.winner, lot.amount_yuan) for lot in facts.lots] == [
        ("包1", "甲云科技有限公司", 1205000.0), ("包2", "乙数据服务有限公司", 880000.0)]


CORPUS = Path(__file__).resolve().parents[2] / "nlp" / "corpus" / "bulletins.jsonl"


def _as_page(title: str, text: str, layout: int) -> bytes:
    """A bulletin text laid out as an HTML page: paragraphs, ` | ` rows as tables, some site chrome."""
    import html

    parts, rows = [], []
    for line in text.split("\n") + [""]:
        if " | " in line:
            rows.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in line.split(" | ")) + "</tr>")
            continue
        if rows:
            parts.append("<table border='1'>" + "".join(rows) + "</table>")
            rows = []
        if line:
            parts.append(f"<p>{html.escape(line)}</p>")
    inner, heading = "".join(parts), html.escape(title)
    pages = (
        f"<html><head><title>{heading}_某市政府采购网</title></head><body><div class='nav'>首页 | 采购公告</div>"
        f"<h1>{heading}</h1><div class='article-content'>{inner}</div><div class='footer'>版权所有</div></body></html>",
        f"<html><head><title>{heading}</title></head><body><table><tr><td><h3>{heading}</h3>{inner}</td></tr>"
        "</table></body></html>",
        f"<html><head><title>{heading} - 交易平台</title></head><body><header><nav>首页 交易信息</nav></header>"
        f"<main><article><h2>{heading}</h2>{inner}</article></main><footer>地址：某路1号</footer></body></html>",
    )
    return pages[layout].encode("gb18030" if layout == 1 else "utf-8")


def test_pages_give_the_same_facts_as_their_text(capsys: pytest.CaptureFixture[str]) -> None:
    """Bulletin texts of the corpus rendered as pages of three layouts (one GBK): same notice type and lots."""
    records = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()[::10]]
    records = [r for r in records if "\t" not in r["text"]]
    same = total = 0
    for number, record in enumerate(records):
        expected = facts_from_text(record["title"], record["text"])
        got = extract_facts(_as_page(record["title"], record["text"], number % 3))
        total += 1
        same += (got.notice_type, [(x.winner, x.amount_yuan) for x in got.lots]) == (
            expected.notice_type, [(x.winner, x.amount_yuan) for x in expected.lots])
    with capsys.disabled():
        print(f"\npages vs texts: {same}/{total} identical")
    assert total >= 50 and same / total >= 0.97


def test_numbered_section_ends_the_result_section() -> None:
    text = ("三、中标（成交）信息\n序号 | 中标（成交）金额(元) | 中标供应商名称 | 中标供应商地址\n1 | 1,234,000.00 | 星澜云科技有限公司 | 北京市\n"
            "四、主要标的信息\n名称：云主机 服务范围：全市 服务时间：一年")
    assert lots_of("某单位云服务采购项目中标公告", text) == [("星澜云科技有限公司", 1234000.0)]


@pytest.mark.parametrize(
    ("text", "code"),
    [("受某局委托，某公司就某项目（项目编号：JXTC2022070158）组织采购。", "JXTC2022070158"),
     ("项目编号：QHCG[2024]087号", "QHCG[2024]087号"), ("招标文件编号：HZZFCG2016货字406号", "HZZFCG2016货字406号"),
     ("采购计划编号： 建昶FW16-10-354 ", "建昶FW16-10-354")],
)
def test_project_codes_in_sentences_and_with_brackets(text: str, code: str) -> None:
    assert facts_from_text("某项目中标公告", text).project_code == code


def test_english_labels() -> None:
    text = ("Project: Xiuzhou District Government Cloud Service\nPurchaser: 嘉兴市秀洲区大数据发展中心\n"
            "Winning bidder: 霁星数联（嘉兴）云计算有限公司\nAward price: RMB 0.01\nBudget: RMB 2,950,000.00")
    facts = facts_from_text("Xiuzhou District Gov Cloud Service - Award Result 秀洲区政务云服务中标结果", text)
    assert (facts.notice_type, facts.buyer, facts.budget_yuan) == ("award", "嘉兴市秀洲区大数据发展中心", 2950000.0)
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("霁星数联（嘉兴）云计算有限公司", 0.01)]


def test_price_in_brackets_after_the_winner() -> None:
    text = "成交供应商（成交金额）：澜数云服（株洲）有限公司（7.4万元）\n项目预算（万元）：96"
    facts = facts_from_text("天元区政务云灾备服务成交结果", text)
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [("澜数云服（株洲）有限公司", 74000.0)]
    assert facts.budget_yuan == 960000.0


@pytest.mark.parametrize(
    ("text", "buyer"),
    [
        ("近日，公司收到南充市交通运输局发出的中标通知书，公司中标南充乡村道路硬化工程。", "南充市交通运输局"),
        ("据报道，运城市公安局日前公布智慧城市云平台服务项目中标结果，昊衡数据科技有限公司以2993.49万元中标。", "运城市公安局"),
        ("最新的一例发生在南通：南通市信息中心的云主机租用服务项目由保定瀚数信息科技有限公司以1分钱中标。", "南通市信息中心"),
        ("泓塬信息将许可证出借给沐融信息，以后者名义签约柳州市公安局政务云项目。", "柳州市公安局"),
        ("浙江省财政厅发布政府采购领域专项整治通知。", None),
    ],
)
def test_buyer_in_prose(text: str, buyer: str | None) -> None:
    assert facts_from_text("快讯", text).buyer == buyer


@pytest.mark.parametrize(
    ("title", "text", "winner", "amount"),
    [
        ("55000元的政务云", "预算一百多万的政务云，溪桥数据5.5万就拿下了，第二名报了一百零几万。", "溪桥数据", 55000.0),
        ("关于我司参与盐城云平台项目投标情况的说明", "近日，有媒体关注我司以0.01元报价中标盐城市某局政务云服务采购项目一事，现说明如下。",
         None, 0.01),
        ("1分钱中标！保定政务外网云资源扩容项目结果引热议", "近日，保定市行政审批服务局发布中标结果公告，曜数科技有限公司成为中标供应商。",
         "曜数科技有限公司", 0.01),
    ],
)
def test_wins_told_without_the_usual_wording(title: str, text: str, winner: str | None, amount: float) -> None:
    facts = facts_from_text(title, text)
    assert facts.notice_type == "award"
    assert [(lot.winner, lot.amount_yuan) for lot in facts.lots] == [(winner, amount)]


NOTICES_2025 = REAL / "MrWhite416-purchase_spider_yuan/all_data.csv"


@pytest.mark.skipif(not NOTICES_2025.exists(), reason="the real data folder shared/realdata beside the checkout is not present")
def test_real_2025_notices(capsys: pytest.CaptureFixture[str]) -> None:
    """305 real 2025 notices (mostly 招标/磋商/谈判 invitations): no invitation yields a lot; budgets and codes found."""
    import csv
    import sys

    csv.field_size_limit(sys.maxsize)
    with NOTICES_2025.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    invitations = wrong = budgets = codes = 0
    for row in rows:
        facts = facts_from_text(row["标题"], row["正文"])
        budgets += facts.budget_yuan is not None
        codes += facts.project_code is not None
        if re.search(r"(?:招标|磋商|谈判|询价|采购)公告$", row["标题"]) and not re.search(r"结果|中标|成交|废标|更正|变更", row["标题"]):
            invitations += 1
            wrong += facts.notice_type != "tender" or bool(facts.lots)
    with capsys.disabled():
        print(f"\n2025 notices: {len(rows)}; invitations {invitations}, misread {wrong}; budget {budgets}, code {codes}")
    assert len(rows) == 305 and invitations >= 150 and wrong == 0
    assert budgets >= 0.6 * len(rows) and codes >= 0.7 * len(rows)


def test_value_split_across_lines_in_a_cell() -> None:
    html = ("<html><head><title>某县云平台运维中标公告</title></head><body><table>"
            "<tr><td>序号</td><td>中标单位</td><td>中标金额<br>（万元）</td></tr>"
            "<tr><td>1</td><td>青禾数智科技<br>有限公司</td><td>221\n. 533</td></tr></table></body></html>")
    assert [(lot.winner, lot.amount_yuan) for lot in extract_facts(html).lots] == [("青禾数智科技有限公司", 2215330.0)]


@pytest.mark.parametrize("label, expected", [
    ("发布时间：2024年5月6日", "2024-05-06"),
    ("發布時間：2024年5月6日", "2024-05-06"),
    ("发布时\u200b间：2024-05-06", "2024-05-06"),
    ("公告日期 2024/05/06", "2024-05-06"),
    ("浏览次数：12", None),
])
def test_a_publishing_date_labelled_outside_the_main_content(label, expected):
    page = (f"<html><head><title>某单位云服务采购项目成交公告</title></head><body><div class='info'>{label}</div>"
            "<div class='vF_detail_main'><h2>某单位云服务采购项目成交公告</h2>"
            "<p>成交供应商：某某科技有限公司</p><p>成交金额：120000.00元</p></div></body></html>")
    assert extract_facts(page).published == expected
