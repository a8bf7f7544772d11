"""More skeletons: e-mall orders, online bidding, regional portals, contract publication, opening records,
prequalification, tax breakdowns, credit-penalty tables and rejected token bids."""

from __future__ import annotations

import random

from nlp.corpus import fill
from nlp.corpus.fill import Case, pick
from nlp.corpus.parts import (
    budget_line,
    contacts,
    goods_lines,
    kv,
    licence,
    low_cue,
    noise_lines,
    row,
    skeleton,
)
from nlp.corpus.skel_awards import PRICE, PRICE_NO_LEND, lending_note, maybe_noise
from nlp.corpus.skel_other import lend_act

NONE = {"none": 1}


@skeleton("ccgp-new-c-review-price", PRICE, count=13)
def ccgp_new_c(rng: random.Random, c: Case) -> dict:
    """ccgp new template whose table carries both 中标（成交）金额 and 评审报价 (after SME price deduction)."""
    review = c.amount * rng.choice((1.0, 0.9, 0.94))
    lines = [f"一、项目编号：{fill.code(rng, c.city)}", f"二、项目名称：{c.project}", "三、中标（成交）信息",
             row("序号", "供应商名称", "供应商地址", "中标（成交）金额", "评审报价"),
             row(1, c.winner, fill.address(rng), fill.money(rng, c.amount), fill.money(rng, review)),
             "注：评审报价为落实中小企业扶持政策扣除后的价格，仅用于评审。",
             "四、主要标的信息", *goods_lines(rng, c), "五、评审专家名单：" + "、".join(fill.person(rng) for _ in range(5)),
             "六、代理服务收费标准及金额：按规定收取", "七、公告期限：自本公告发布之日起1个工作日。", "八、其他补充事宜",
             *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c), *contacts(rng, c)]
    return {"title": f"{c.project}中标（成交）结果公告", "text": "\n".join(lines), "style": "ccgp-new"}


@skeleton("emall-order", PRICE_NO_LEND, count=13)
def emall(rng: random.Random, c: Case) -> dict:
    """电子卖场/网上超市 成交记录: order table with unit price, quantity and total."""
    c.shown_budget = True
    qty = rng.choice((1, 1, 1, 2, 5))
    lines = [f"{pick(rng, fill.PROVINCES)}政府采购电子卖场成交公告", kv(rng, "订单编号", f"DD{rng.randrange(10**11, 10**12)}"),
             kv(rng, "采购单位", c.buyer), kv(rng, "采购预算（元）", fill.num(c.budget, 2)),
             row("商品名称", "成交单价（元）", "数量", "成交总价（元）", "供应商"),
             row(c.item, fill.num(c.amount / qty, 2), qty, fill.num(c.amount, 2), c.winner),
             kv(rng, "成交时间", fill.date(rng, 1)), *maybe_noise(rng, c)]
    return {"title": f"{c.buyer}{c.item}电子卖场成交公告", "text": "\n".join(lines), "style": "emall", "budget_yuan": c.budget}


@skeleton("online-bidding", PRICE_NO_LEND, count=13, others=3)
def online_bidding(rng: random.Random, c: Case) -> dict:
    """网上竞价结果: every bidder's final quote, lowest wins."""
    c.shown_budget = True
    rows = sorted([(c.winner, c.amount)] + c.others, key=lambda x: x[1])
    lines = [f"{c.project}网上竞价结果公告", kv(rng, "竞价编号", f"JJ{rng.randrange(10**8, 10**9)}"),
             kv(rng, "采购单位", c.buyer), kv(rng, "竞价预算", fill.money(rng, c.budget)),
             kv(rng, "竞价时间", fill.date(rng, 1) + " 10:00-11:00"), row("排名", "供应商名称", "最终报价（元）")]
    lines += [row(i + 1, n, fill.money_in(rng, p, "元")) for i, (n, p) in enumerate(rows)]
    lines += [f"成交供应商：{c.winner}", f"成交金额：{fill.money(rng, c.amount)}", *maybe_noise(rng, c)]
    return {"title": f"{c.project}网上竞价结果公告", "text": "\n".join(lines), "style": "online-bidding",
            "budget_yuan": c.budget}


@skeleton("guangdong-award", PRICE, count=13)
def guangdong(rng: random.Random, c: Case) -> dict:
    """Guangdong-style 的中标、成交公告 with a credit-code table and a 采购预算 in 元."""
    c.shown_budget = True
    lines = [f"{c.buyer}{c.project.replace(c.buyer, '')}的中标、成交公告", f"采购项目编号：{fill.code(rng)}",
             f"采购项目名称：{c.project}", f"采购预算：¥{c.budget:,.2f}元" if rng.random() < 0.5 else budget_line(rng, c),
             "中标（成交）信息：", row("中标供应商", "中标金额（元）", "统一社会信用代码"),
             row(c.winner, fill.money_in(rng, c.amount, "元"), fill.credit_code(rng)),
             *maybe_noise(rng, c), *lending_note(rng, c), *contacts(rng, c, "联系方式")]
    return {"title": f"{c.project}的中标、成交公告", "text": "\n".join(lines), "style": "provincial-guangdong",
            "budget_yuan": c.budget}


@skeleton("chongqing-publicity", PRICE_NO_LEND, count=12)
def chongqing(rng: random.Random, c: Case) -> dict:
    """District trading-site 中标公示 with 中标价(元) and 最高限价(元) in one table row."""
    c.shown_budget = True
    district = pick(rng, ("渝北区", "江北区", "九龙坡区", "沙坪坝区", "南岸区", "涪陵区", "万州区", "永川区"))
    buyer = f"重庆市{district}{pick(rng, ('大数据应用发展管理局', '教育委员会', '卫生健康委员会', '城市管理局'))}"
    proj = f"{district}{c.item}"
    lines = [f"{proj}中标公示", row("项目名称", "招标人", "中标人", "中标价(元)", "最高限价(元)", "工期/服务期"),
             row(proj, buyer, c.winner, fill.money_in(rng, c.amount, "元"), fill.money_in(rng, c.budget, "元"), "1年"),
             *maybe_noise(rng, c), "公示期：3个工作日", f"重庆市{district}公共资源交易中心"]
    return {"title": f"{proj}中标公示", "text": "\n".join(lines), "style": "chongqing", "buyer": buyer,
            "budget_yuan": c.budget}


@skeleton("htgs-contract", {"zero_price_bid": 3, "abnormally_low_bid": 2, "none": 3}, count=13)
def htgs(rng: random.Random, c: Case) -> dict:
    """ccgp contract publication (合同公告) with 合同金额(万元) and the signed parties."""
    lines = ["一、合同编号：" + f"HT{rng.randrange(10**9, 10**10)}", f"二、合同名称：{c.project}采购合同",
             f"三、项目编号：{fill.code(rng)}", f"四、项目名称：{c.project}", "五、合同主体",
             f"采购人（甲方）：{c.buyer}", f"地址：{fill.address(rng, c.city)}", f"供应商（乙方）：{c.winner}",
             f"地址：{fill.address(rng)}", "六、合同主要信息", f"主要标的名称：{c.item}", "规格型号（或服务要求）：详见合同",
             "主要标的数量：1", f"主要标的单价：{fill.money(rng, c.amount)}", f"合同金额：{fill.wan(c.amount, rng.choice((None, 6)))}万元",
             f"履约期限、地点等简要信息：{rng.choice((1, 2, 3))}年，{c.city}", f"采购方式：{pick(rng, ('公开招标', '竞争性磋商', '单一来源'))}",
             *low_cue(rng, c), *maybe_noise(rng, c), f"七、合同签订日期：{fill.date(rng, 1)}", f"八、合同公告日期：{fill.date(rng, 1)}"]
    return {"title": f"{c.project}合同公告", "text": "\n".join(lines), "style": "ccgp-contract"}


@skeleton("bid-opening-record", NONE, count=11, others=3)
def opening(rng: random.Random, c: Case) -> dict:
    """开标记录 (opening sheet): quotes read at opening, no award yet."""
    rows = [(c.winner, c.amount)] + c.others
    rng.shuffle(rows)
    lines = [f"{c.project}开标记录表", kv(rng, "开标时间", fill.date(rng, 1) + " 09:30"), kv(rng, "开标地点", f"{c.city}市公共资源交易中心开标室"),
             budget_line(rng, c, pick(rng, ("最高限价", "预算金额"))), row("序号", "投标人名称", "投标报价（元）", "工期", "投标保证金")]
    lines += [row(i + 1, n, fill.money_in(rng, p, "元"), "按招标文件", pick(rng, ("已缴纳", "保函", "0元（免收）")))
              for i, (n, p) in enumerate(rows)]
    lines += ["唱标人：" + fill.person(rng), "监标人：" + fill.person(rng), "注：开标记录不代表评标结果。"]
    return {"title": f"{c.project}开标记录", "text": "\n".join(lines), "style": "opening-record", "winner": None,
            "amount_yuan": None, "budget_yuan": c.budget}


@skeleton("prequal-result", NONE, count=10)
def prequal(rng: random.Random, c: Case) -> dict:
    """资格预审结果公告: applicants that passed or failed, no prices."""
    names = [c.winner] + [fill.supplier(rng, c.cloud) for _ in range(rng.randrange(2, 5))]
    lines = [f"{c.project}资格预审结果公告", kv(rng, "招标人", c.buyer), "通过资格预审的申请人："]
    lines += [f"{i + 1}. {n}" for i, n in enumerate(names[:-1])]
    lines += ["未通过资格预审的申请人：", f"{names[-1]}（原因：{pick(rng, ('未提供有效的IDC许可证', '业绩证明材料不全', '未按要求签字盖章'))}）",
              *([] if not c.hard else noise_lines(rng, c)), c.agency, fill.date(rng)]
    return {"title": f"{c.project}资格预审结果公告", "text": "\n".join(lines), "style": "prequal", "winner": None,
            "amount_yuan": None}


@skeleton("demand-consultation", NONE, cloud_p=0.75, count=10)
def demand(rng: random.Random, c: Case) -> dict:
    """采购需求征求意见公告 with the budget and technical requirements."""
    lines = [f"{c.project}采购需求征求意见公告", kv(rng, "采购人", c.buyer), budget_line(rng, c), "一、采购需求",
             *goods_lines(rng, c), "二、商务要求", pick(rng, ("服务期三年，按年支付。", "验收合格后一次性付款。")),
             "三、意见反馈", f"请于{fill.date(rng)}前将意见发送至{pick(rng, ('采购人', '代理机构'))}邮箱。",
             *([] if not c.hard else noise_lines(rng, c))]
    return {"title": f"{c.project}采购需求征求意见公告", "text": "\n".join(lines), "style": "demand", "winner": None,
            "amount_yuan": None, "budget_yuan": c.budget}


@skeleton("soe-group-platform", PRICE, cloud_p=0.7, count=12, others=2)
def soe_group(rng: random.Random, c: Case) -> dict:
    """Provincial SOE e-procurement platform 中标结果公示 with 含税 amounts and a price comparison table."""
    group = pick(rng, ("交通投资集团", "城市建设投资集团", "能源集团", "水务集团", "文化旅游投资集团", "国有资本运营公司"))
    buyer = f"{c.city}市{group}有限公司"
    lines = [f"{buyer}电子采购平台", f"{c.item}项目中标结果公示", kv(rng, "招标人", buyer),
             kv(rng, "采购方式", pick(rng, ("公开招标", "竞争性谈判", "询比采购"))),
             row("供应商", "报价（含税，元）", "评审结果"), row(c.winner, fill.money_in(rng, c.amount, "元"), "第一名")]
    lines += [row(n, fill.money_in(rng, p, "元"), f"第{'二三'[i]}名") for i, (n, p) in enumerate(c.others)]
    lines += [f"中标人：{c.winner}", f"中标金额（含税）：{fill.money(rng, c.amount)}", *maybe_noise(rng, c), *lending_note(rng, c),
              f"异议受理：{fill.phone(rng)}"]
    return {"title": f"{c.item}项目中标结果公示", "text": "\n".join(lines), "style": "soe-platform", "buyer": buyer}


@skeleton("award-tax-breakdown", PRICE, cloud_p=0.7, count=12)
def tax_breakdown(rng: random.Random, c: Case) -> dict:
    """Award stating 含税 total with 不含税金额 and 税额 lines."""
    tax = pick(rng, (0.06, 0.09, 0.13))
    net = round(c.amount / (1 + tax), 2)
    lines = [kv(rng, "项目名称", c.project), kv(rng, "采购人", c.buyer), kv(rng, "中标人", c.winner),
             f"中标金额（含税）：{fill.money(rng, c.amount)}，其中不含税金额{fill.num(net, 2)}元，税额{fill.num(round(c.amount - net, 2), 2)}元（税率{int(tax * 100)}%）",
             *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c), kv(rng, "发布日期", fill.date(rng))]
    return {"title": f"{c.project}中标结果公告", "text": "\n".join(lines), "style": "tax-breakdown"}


@skeleton("evaluation-result", PRICE, count=12, others=2)
def evaluation(rng: random.Random, c: Case) -> dict:
    """评审结果公示 with 经评审的投标价 and scores per bidder, then the award."""
    c.shown_budget = True
    rows = [(c.winner, c.amount)] + c.others
    lines = [f"{c.project}评审结果及中标公告", budget_line(rng, c, "招标控制价"), row("投标人", "投标报价（元）", "经评审的投标价（元）", "得分")]
    lines += [row(n, fill.money_in(rng, p, "元"), fill.money_in(rng, p, "元"), f"{rng.uniform(60, 96):.2f}") for n, p in rows]
    lines += [f"经评标委员会评审，确定{c.winner}为中标人，中标价：{fill.money(rng, c.amount)}。", *maybe_noise(rng, c),
              *lending_note(rng, c), kv(rng, "招标人", c.buyer), kv(rng, "招标代理机构", c.agency)]
    return {"title": f"{c.project}评审结果公示", "text": "\n".join(lines), "style": "evaluation", "budget_yuan": c.budget}


@skeleton("township-publicity", PRICE_NO_LEND, cloud_p=0.3, count=11)
def township(rng: random.Random, c: Case) -> dict:
    """乡镇/村级 采购结果公示, informal and short."""
    c.shown_budget = True
    town = f"{c.city}市{pick(rng, ('城南', '河西', '东湖', '新桥', '白沙', '青山'))}{pick(rng, ('镇', '街道'))}"
    proj = town + c.item
    org = town + ("人民政府" if town.endswith("镇") else "办事处")
    lines = [org, f"关于{proj}采购结果的公示",
             f"根据镇{pick(rng, ('党委会', '班子会', '主任办公会'))}研究，{proj}（预算{fill.wan(c.budget)}万元）经三家比价，"
             f"确定由{c.winner}承接，价格为{fill.money(rng, c.amount)}。",
             *maybe_noise(rng, c), f"公示期五天，监督电话：{fill.phone(rng)}。", fill.date(rng, 2)]
    return {"title": f"关于{proj}采购结果的公示", "text": "\n".join(lines), "style": "township",
            "buyer": org, "budget_yuan": c.budget}


@skeleton("credit-penalty-table", {"license_lending": 1}, count=12)
def credit_table(rng: random.Random, c: Case) -> dict:
    """信用网站 行政处罚信息 rows (行政相对人 | 处罚事由 | 依据 | 结果 | 机关)."""
    lender = fill.supplier(rng, c.cloud)
    office = f"{pick(rng, fill.PROVINCES)}通信管理局" if c.cloud else f"{c.city}市住房和城乡建设局"
    lines = ["行政处罚信息公示", row("行政相对人名称", "统一社会信用代码", "处罚事由", "处罚依据", "处罚结果", "处罚机关", "处罚决定日期"),
             row(c.winner, fill.credit_code(rng), lend_act(rng, c.winner, lender, licence(rng, c)) + f"（{c.item}项目）",
                 pick(rng, ("《电信业务经营许可管理办法》", "《中华人民共和国电信条例》")) if c.cloud else "《建筑法》第六十六条",
                 pick(rng, ("警告，罚款5万元", "罚款10万元，没收违法所得", "责令改正，罚款3万元")), office, fill.date(rng, 1))]
    return {"title": f"{c.winner}行政处罚信息", "text": "\n".join(lines), "style": "credit-penalty", "buyer": None,
            "amount_yuan": None}


@skeleton("token-bid-rejected", NONE, count=11, others=2)
def token_rejected(rng: random.Random, c: Case) -> dict:
    """A 0元/0.01元 quote rejected as below cost; the award went to a normal bid (so: none)."""
    cheap = fill.supplier(rng, c.cloud)
    token = pick(rng, ("0元", "0.01元", "1元", "人民币壹分", "零元"))
    lines = [kv(rng, "项目名称", c.project), kv(rng, "采购人", c.buyer), budget_line(rng, c),
             f"评审情况：{cheap}报价{token}，未能在规定时间内证明其报价合理性，评标委员会认定其以低于成本的报价竞标，按无效投标处理。",
             f"中标供应商：{c.winner}", f"中标金额：{fill.money(rng, c.amount)}", kv(rng, "公告期限", "1个工作日")]
    return {"title": f"{c.project}中标公告", "text": "\n".join(lines), "style": "rejected-token"}


@skeleton("ccgp-new-rate-row", NONE, count=11)
def new_rate_row(rng: random.Random, c: Case) -> dict:
    """ccgp new template where the award cell is a rate and the summary reads 0 万元."""
    k, v = fill.rate(rng)
    lines = [f"一、项目编号：{fill.code(rng)}", f"二、项目名称：{c.project}", "三、中标（成交）信息",
             row("序号", "供应商名称", "供应商地址", "中标（成交）金额"), row(1, c.winner, fill.address(rng), f"{k}：{v}"),
             f"总中标金额：{pick(rng, ('0', '0.000000', '0.0'))} 万元（人民币）", "四、主要标的信息", *goods_lines(rng, c),
             "五、其他补充事宜：本项目按" + k + "结算。", *contacts(rng, c)]
    return {"title": f"{c.project}中标公告", "text": "\n".join(lines), "style": "rate-award", "amount_yuan": None}
