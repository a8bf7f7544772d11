"""Non-award and special skeletons: tenders, candidates, cancellations, corrections, rate awards, hard negatives,
licence-lending findings and token-price disputes."""

from __future__ import annotations

import random

from nlp.corpus import fill
from nlp.corpus.fill import Case, pick
from nlp.corpus.parts import (
    LICENCES,
    budget_line,
    contacts,
    goods_lines,
    kv,
    licence,
    noise_lines,
    row,
    skeleton,
)

NONE = {"none": 1}
LEND = {"license_lending": 1}

def lend_act(rng: random.Random, who: str, lender: str, lic: str) -> str:
    """One phrasing of the lending finding."""
    return pick(rng, (
        f"{who}借用{lender}的{lic}参加投标",
        f"{who}以{lender}名义投标，实际由{who}履约",
        f"{who}挂靠{lender}承接项目",
        f"{who}向{lender}租借{lic}，以其名义签订合同",
        f"{lender}将其{lic}出借给{who}使用",
        f"{who}不具备{lic}，由持证企业{lender}代为签约，服务实际由{who}提供",
        f"{who}投标文件所附{lic}的持证主体为{lender}，系借证投标",
        f"{who}通过挂靠{lender}取得投标资格，属于以他人名义投标",
    ))


@skeleton("candidate-publicity", NONE, cloud_p=0.45, count=13, others=2)
def candidates(rng: random.Random, c: Case) -> dict:
    """工程/服务 中标候选人公示: ranked candidates with 投标报价 (not an award)."""
    rows = [(c.winner, c.amount)] + c.others
    lines = [f"{c.project}中标候选人公示", kv(rng, "招标人", c.buyer), kv(rng, "招标代理机构", c.agency),
             kv(rng, "开标时间", fill.date(rng, 1)), budget_line(rng, c, pick(rng, ("招标控制价", "最高投标限价"))),
             row("排名", "中标候选人", "投标报价（元）", "评标得分")]
    for i, (n, p) in enumerate(rows):
        lines.append(row(f"第{'一二三'[i]}中标候选人", n, fill.money_in(rng, p, "元"), f"{rng.uniform(70, 95):.2f}"))
    lines += ["公示期：3日。投标人或者其他利害关系人对评标结果有异议的，应当在公示期间提出。"]
    if c.hard:
        lines += noise_lines(rng, c)
    return {"title": f"{c.project}中标候选人公示", "text": "\n".join(lines), "style": "candidate-publicity",
            "winner": None, "amount_yuan": None, "budget_yuan": c.budget}


@skeleton("candidate-publicity-prose", NONE, cloud_p=0.6, count=9, others=2)
def candidates_prose(rng: random.Random, c: Case) -> dict:
    """成交候选供应商 announced in prose, with a 拟确定 phrase."""
    lines = [f"{c.project}成交候选供应商公示",
             f"{c.project}于{fill.date(rng, 0)}完成评审，评审小组推荐成交候选供应商如下：",
             f"第一成交候选供应商：{c.winner}，报价：{fill.money(rng, c.amount)}",
             *[f"第{'二三'[i]}成交候选供应商：{n}，报价：{fill.money(rng, p)}" for i, (n, p) in enumerate(c.others)],
             "采购人将在公示期满后确定成交供应商，本公示不作为成交通知。", kv(rng, "采购人", c.buyer), fill.date(rng)]
    return {"title": f"{c.project}成交候选供应商公示", "text": "\n".join(lines), "style": "candidate-publicity",
            "winner": None, "amount_yuan": None}


@skeleton("tender-ccgp-open", NONE, count=13)
def tender_open(rng: random.Random, c: Case) -> dict:
    """公开招标公告 with 预算金额 and 最高限价 (not an award)."""
    lines = ["项目概况", f"{c.project}招标项目的潜在投标人应在{c.city}市公共资源交易平台获取招标文件，并于{fill.date(rng, 0)} 09时30分前递交投标文件。",
             "一、项目基本情况", kv(rng, "项目编号", fill.code(rng)), kv(rng, "项目名称", c.project),
             kv(rng, "预算金额", f"{fill.wan(c.budget)}万元（人民币）"), kv(rng, "最高限价（如有）", f"{fill.wan(c.budget)}万元（人民币）"),
             "采购需求：", *goods_lines(rng, c), "合同履行期限：" + f"{rng.choice((1, 2, 3))}年", "本项目不接受联合体投标。",
             "二、申请人的资格要求：", "1.满足《中华人民共和国政府采购法》第二十二条规定；",
             "2.落实政府采购政策需满足的资格要求：本项目专门面向中小企业采购；",
             "3.本项目的特定资格要求：" + (f"投标人须具有有效的{pick(rng, LICENCES)}，不接受借用、租借他人许可证投标。"
                                         if c.cloud else "无"),
             "三、获取招标文件", f"时间：{fill.period(rng, 0)}", "方式：网上获取", "售价：￥0.0元",
             "四、提交投标文件截止时间、开标时间和地点", f"{fill.date(rng, 0)} 09点30分", *([] if not c.hard else noise_lines(rng, c)),
             *contacts(rng, c, "七、对本次招标提出询问，请按以下方式联系。")]
    return {"title": f"{c.project}公开招标公告", "text": "\n".join(lines), "style": "tender", "winner": None,
            "amount_yuan": None, "budget_yuan": c.budget}


@skeleton("tender-consult-invite", NONE, count=10)
def tender_consult(rng: random.Random, c: Case) -> dict:
    """竞争性磋商公告 with 预算 in 元 and the price ceiling."""
    lines = [f"{c.project}竞争性磋商公告", kv(rng, "采购人", c.buyer), kv(rng, "项目编号", fill.code(rng)),
             budget_line(rng, c, "采购预算（元）"), kv(rng, "最高限价", fill.money(rng, c.budget)),
             "报价超过最高限价的，磋商小组应当认定其为无效响应。",
             "磋商小组认为供应商的报价明显低于其他通过符合性审查供应商的报价，有可能影响产品质量或者不能诚信履约的，应当要求其在合理时间内提供书面说明。",
             kv(rng, "响应文件递交截止时间", fill.date(rng, 0)), *([] if not c.hard else noise_lines(rng, c)),
             kv(rng, "联系人", fill.person(rng)), kv(rng, "电话", fill.phone(rng))]
    return {"title": f"{c.project}竞争性磋商公告", "text": "\n".join(lines), "style": "tender", "winner": None,
            "amount_yuan": None, "budget_yuan": c.budget}


@skeleton("tender-budget-zero-typo", NONE, count=9)
def tender_zero_typo(rng: random.Random, c: Case) -> dict:
    """Tender whose budget line reads 0元 (a typo or a to-be-settled budget): a hard negative."""
    zero = pick(rng, ("0元", "0.00元", "0万元", "人民币0元", "¥0.00", "0.000000万元（人民币）"))
    lines = [f"{c.project}{pick(rng, ('询价公告', '招标公告', '磋商公告'))}", kv(rng, "采购人", c.buyer),
             kv(rng, "预算金额", zero), pick(rng, ("（预算以财政批复为准）", "注：预算金额以实际结算为准。", "", "（最高限价详见采购文件）")),
             kv(rng, "采购需求", c.project), *goods_lines(rng, c),
             kv(rng, "获取采购文件时间", fill.date(rng)), kv(rng, "开标时间", fill.date(rng)), *contacts(rng, c, "联系方式")]
    return {"title": f"{c.project}采购公告", "text": "\n".join(x for x in lines if x), "style": "tender",
            "winner": None, "amount_yuan": None, "budget_yuan": 0}


@skeleton("tender-intent", NONE, count=9)
def intent(rng: random.Random, c: Case) -> dict:
    """政府采购意向公开: a table of planned purchases with budgets in 万元."""
    lines = [f"{c.buyer}{fill.date(rng, 0)[:5]}政府采购意向", "为便于供应商及时了解政府采购信息，现将采购意向公开如下：",
             row("序号", "采购项目名称", "采购需求概况", "预算金额（万元）", "预计采购时间")]
    lines.append(row(1, c.project, "详见项目需求", fill.wan(c.budget), f"{rng.randrange(1, 13)}月"))
    for i in range(rng.randrange(1, 4)):
        b = fill.budget(rng, False)
        lines.append(row(i + 2, fill.project(rng, c.cloud and rng.random() < 0.3, c.buyer), "/", fill.wan(b), f"{rng.randrange(1, 13)}月"))
    lines += ["本次公开的采购意向是本单位政府采购工作的初步安排，具体采购项目情况以相关采购公告和采购文件为准。", c.buyer]
    return {"title": f"{c.buyer}政府采购意向公开", "text": "\n".join(lines), "style": "intent", "winner": None,
            "amount_yuan": None, "budget_yuan": c.budget}


@skeleton("failed-bid", NONE, count=11)
def failed(rng: random.Random, c: Case) -> dict:
    """流标/废标公告 for ordinary reasons."""
    reason = pick(rng, ("提交投标文件的供应商不足三家", "对招标文件作实质响应的供应商不足三家",
                        "出现影响采购公正的违法、违规行为", "投标人的报价均超过了采购预算，采购人不能支付",
                        "因重大变故，采购任务取消", "符合资格条件的供应商不足三家", "所有供应商报价均为无效报价"))
    kind = pick(rng, ("废标", "流标", "终止"))
    lines = [f"{c.project}{kind}公告", kv(rng, "项目编号", fill.code(rng)), kv(rng, "项目名称", c.project),
             kv(rng, "采购人", c.buyer), budget_line(rng, c), f"{kind}原因：{reason}。",
             pick(rng, ("采购人将依法重新组织采购。", "本项目将另行组织采购。", "后续采购活动另行公告。")),
             *([] if not c.hard else noise_lines(rng, c)), *contacts(rng, c, "联系方式")]
    return {"title": f"{c.project}{kind}公告", "text": "\n".join(lines), "style": "cancelled", "winner": None,
            "amount_yuan": None, "budget_yuan": c.budget}


@skeleton("terminate-notice", NONE, count=9)
def terminate(rng: random.Random, c: Case) -> dict:
    """终止公告 in the 一、二、三 layout."""
    lines = ["一、项目基本情况", f"采购项目编号：{fill.code(rng)}", f"采购项目名称：{c.project}",
             "二、项目终止的原因", pick(rng, ("因采购需求发生变化，经采购人研究决定终止本项目。", "因项目预算调整，本项目终止。",
                                          "因上级部门统一建设" + ("政务云平台" if c.cloud else "") + "，本项目不再单独采购。")),
             "三、其他补充事宜", pick(rng, ("已获取文件的供应商请联系代理机构办理退还手续。", "无")),
             *contacts(rng, c, "四、联系方式")]
    return {"title": f"{c.project}终止公告", "text": "\n".join(lines), "style": "cancelled", "winner": None,
            "amount_yuan": None}


@skeleton("correction-notice", NONE, count=11)
def correction(rng: random.Random, c: Case) -> dict:
    """更正公告 with a 更正事项 table (before | after)."""
    what = pick(rng, (
        ("投标截止时间", fill.date(rng, 0) + " 09:30", fill.date(rng, 0) + " 09:30"),
        ("预算金额", f"{fill.wan(c.budget * 1.1)}万元", f"{fill.wan(c.budget)}万元"),
        ("资格要求", "具有IDC许可证" if c.cloud else "具有相关资质", "具有有效的增值电信业务经营许可证（IDC/ISP）" if c.cloud else "取消该项要求"),
        ("中标金额", f"{fill.num(c.budget * 0.9, 2)}元", f"{fill.num(c.budget * 0.91, 2)}元"),
    ))
    lines = ["一、项目基本情况", kv(rng, "原公告的采购项目编号", fill.code(rng)), kv(rng, "原公告的采购项目名称", c.project),
             kv(rng, "首次公告日期", fill.date(rng, 0)), "二、更正信息", kv(rng, "更正事项", "采购公告"),
             "更正内容：", row("序号", "更正项", "更正前内容", "更正后内容"), row(1, *what),
             kv(rng, "更正日期", fill.date(rng, 0)), "三、其他补充事宜", "其他内容不变。", *contacts(rng, c, "四、凡对本次公告提出询问，请按以下方式联系")]
    return {"title": f"{c.project}更正公告", "text": "\n".join(lines), "style": "correction", "winner": None,
            "amount_yuan": None}


@skeleton("rate-award-old-zero-summary", NONE, count=11)
def rate_old(rng: random.Random, c: Case) -> dict:
    """Old ccgp rate award: 总成交金额 0.0 万元 beside a 下浮系数 (not a zero price)."""
    k, v = fill.rate(rng)
    lines = [f"{c.agency}受{c.buyer}的委托，就{c.project}项目组织采购，评标工作已经结束，成交结果如下：",
             "一、项目信息", kv(rng, "项目名称", c.project), "四、成交信息", kv(rng, "成交日期", fill.date(rng, 0)),
             f"总成交金额：{pick(rng, ('0.0', '0', '0.000000'))} 万元（人民币）", "成交供应商名称、地址及成交金额：",
             f"{c.winner} {k}：{v}", "五、项目用途、简要技术要求及合同履行日期：详见投标文件",
             f"六、成交标的名称、规格型号、数量、单价、服务要求：{c.project}{k}：{v}", "七、其它补充事宜"]
    return {"title": f"{c.project}成交公告", "text": "\n".join(lines), "style": "ccgp-old", "amount_yuan": None}


@skeleton("rate-award-table", NONE, count=11)
def rate_table(rng: random.Random, c: Case) -> dict:
    """Rate awards in a table column (下浮率/费率/折扣率), sometimes with 中标金额 0."""
    k, v = fill.rate(rng)
    zero_cell = pick(rng, ("/", "0", "0.00", "—", "详见费率"))
    lines = [kv(rng, "项目名称", c.project), kv(rng, "采购人", c.buyer),
             row("序号", "中标供应商", "中标金额（元）", k), row(1, c.winner, zero_cell, v),
             pick(rng, (f"注：本项目以{k}报价，结算金额按实际发生量计算。", "注：中标金额按费率结算。", "")),
             *([] if not c.hard else noise_lines(rng, c)), kv(rng, "公告日期", fill.date(rng))]
    return {"title": f"{c.project}中标结果公告", "text": "\n".join(x for x in lines if x), "style": "rate-award",
            "amount_yuan": None}


@skeleton("rate-award-agency-fee", NONE, cloud_p=0.3, count=9)
def rate_fee(rng: random.Random, c: Case) -> dict:
    """Agency/insurance/audit awards priced as 按…标准的x%计取 or 优惠率."""
    lines = [f"{c.project}成交结果", f"成交供应商：{c.winner}",
             "成交价：" + pick(rng, (f"按国家收费标准的{rng.randrange(40, 95)}%计取", f"经财政部门评审后最终价的{rng.uniform(0.3, 2):.2f}%",
                                  f"优惠率{rng.randrange(5, 40)}%", f"下浮{rng.uniform(1, 30):.1f}%")),
             f"采购单位：{c.buyer}", *([] if not c.hard else noise_lines(rng, c)), fill.date(rng)]
    return {"title": f"{c.project}成交结果公告", "text": "\n".join(lines), "style": "rate-award", "amount_yuan": None}


@skeleton("kylin-goods-award", NONE, count=11)
def kylin(rng: random.Random, c: Case) -> dict:
    """Ordinary award whose goods list names 中标麒麟/中标软件 (brand names, not award cues)."""
    proj = f"{c.buyer}{pick(rng, ('', '2024年', '2025年', '办公'))}信创终端采购"
    lines = [f"一、项目编号：{fill.code(rng)}", f"二、项目名称：{proj}",
             "三、中标（成交）信息", row("供应商名称", "中标（成交）金额"), row(c.winner, fill.money(rng, c.amount)),
             "四、主要标的信息", row("名称", "品牌", "规格型号", "数量", "单价"),
             row("台式计算机", pick(rng, ("长城", "同方", "联想开天")), "国产CPU", f"{rng.randrange(10, 300)}台", fill.num(rng.randrange(4000, 9000))),
             row("操作系统", "中标麒麟", pick(rng, ("V7.0", "桌面版V10", "NeoKylin")), f"{rng.randrange(10, 300)}套", fill.num(rng.randrange(300, 1500))),
             row("办公套件", pick(rng, ("中标软件", "WPS")), "标准版", f"{rng.randrange(10, 300)}套", fill.num(rng.randrange(200, 900))),
             *contacts(rng, c)]
    return {"title": f"{proj}中标公告", "text": "\n".join(lines), "style": "ccgp-new",
            "cloud_related": False, "budget_yuan": None}


@skeleton("cloud-place-noncloud", {"none": 3, "zero_price_bid": 1, "abnormally_low_bid": 1}, cloud_p=0.0, count=14)
def cloud_place(rng: random.Random, c: Case) -> dict:
    """Non-cloud project of a buyer in a 云-named place (云南, 白云区, 云浮, 云和县)."""
    buyer = fill.place_buyer(rng)
    proj = buyer + pick(rng, fill.OTHER_ITEMS)
    lines = [kv(rng, "项目名称", proj), kv(rng, "采购人", buyer), budget_line(rng, c),
             kv(rng, "中标（成交）供应商", c.winner), kv(rng, "中标（成交）金额", fill.money(rng, c.amount)),
             kv(rng, "供应商地址", fill.address(rng)), *([] if not c.hard else noise_lines(rng, c)), kv(rng, "公告期限", "1个工作日")]
    return {"title": f"{proj}中标公告", "text": "\n".join(lines), "style": "provincial-table", "buyer": buyer,
            "cloud_related": False, "budget_yuan": c.budget}


@skeleton("promo-inside-bulletin", NONE, cloud_p=0.9, count=9)
def promo(rng: random.Random, c: Case) -> dict:
    """Normal cloud award whose service terms mention 免费/0元 trials and free migration."""
    lines = [kv(rng, "项目名称", c.project), kv(rng, "采购人", c.buyer), kv(rng, "成交供应商", c.winner),
             kv(rng, "成交金额", fill.money(rng, c.amount)), budget_line(rng, c), "服务承诺：",
             pick(rng, ("1.提供30天0元试用期，试用期满后按合同价计费；", "1.免费提供上云迁移服务，不另行收费；",
                        "1.赠送云安全基础防护（0元），不计入成交价；")),
             pick(rng, ("2.免费提供7×24小时技术支持；", "2.首年免费扩容10%存储空间；", "2.免费培训运维人员3次；")),
             kv(rng, "公告日期", fill.date(rng))]
    return {"title": f"{c.project}成交结果公告", "text": "\n".join(lines), "style": "ccgp-new", "budget_yuan": c.budget}


@skeleton("lawful-consortium", NONE, cloud_p=1.0, count=9)
def consortium(rng: random.Random, c: Case) -> dict:
    """Lawful consortium or licensed partner award (a hard negative for licence lending)."""
    partner = pick(rng, fill.REAL_VENDORS[:8]) if rng.random() < 0.5 else fill.supplier(rng, True)
    lines = [kv(rng, "项目名称", c.project), kv(rng, "采购人", c.buyer), budget_line(rng, c),
             f"中标供应商：{c.winner}（联合体牵头人）、{partner}（联合体成员）",
             f"中标金额：{fill.money(rng, c.amount)}",
             pick(rng, (f"联合体成员{partner}持有有效的{pick(rng, LICENCES)}，负责云资源及机房服务，联合体协议已随投标文件提交。",
                        f"经资格审查，联合体各方均具备相应资质，{partner}具有IDC及ISP经营许可。",
                        "本项目允许联合体投标，联合体各方已按招标文件要求提交共同投标协议。")),
             kv(rng, "公告日期", fill.date(rng))]
    return {"title": f"{c.project}中标公告", "text": "\n".join(lines), "style": "consortium", "budget_yuan": c.budget}


@skeleton("complaint-dismissed", NONE, count=9)
def complaint_dismissed(rng: random.Random, c: Case) -> dict:
    """投诉处理决定 that rejects a lending or low-price allegation (no violation found)."""
    complainant = fill.supplier(rng, c.cloud)
    claim = pick(rng, (f"中标人{c.winner}挂靠其他企业投标", f"中标人{c.winner}不具备{licence(rng, c)}",
                       f"中标人{c.winner}报价低于成本", f"中标人{c.winner}借用他人资质"))
    lines = [f"{c.city}市财政局政府采购投诉处理决定书", f"投诉人：{complainant}", f"被投诉人：{c.buyer}、{c.agency}",
             f"相关供应商：{c.winner}", f"投诉人就{c.project}中标结果提起投诉，称{claim}。",
             pick(rng, (f"经查，{c.winner}持有合法有效的相关证照，投诉事项缺乏事实依据。",
                        f"经查，{c.winner}报价经评标委员会审查，已作出合理说明，中标价为{fill.money(rng, c.amount)}，未低于成本。",
                        "经调查，未发现被投诉人存在违法违规行为。")),
             "根据《政府采购质疑和投诉办法》第二十九条第（二）项，驳回投诉。", f"{c.city}市财政局", fill.date(rng, 0)]
    return {"title": f"{c.project}投诉处理决定书", "text": "\n".join(lines), "style": "complaint-decision"}


@skeleton("complaint-upheld-lending", LEND, count=15)
def complaint_upheld(rng: random.Random, c: Case) -> dict:
    """投诉处理决定 finding the winner borrowed another firm's licence: 中标无效."""
    lender = fill.supplier(rng, c.cloud)
    complainant = fill.supplier(rng, c.cloud)
    lic = licence(rng, c)
    lines = [f"{pick(rng, fill.PROVINCES)}财政厅政府采购投诉处理决定书", f"（{fill.code(rng)}）",
             f"投诉人：{complainant}", f"被投诉人：{c.buyer}", f"相关供应商：{c.winner}",
             f"投诉人对{c.project}（项目编号：{fill.code(rng)}）的中标结果不服，提起投诉。",
             "一、投诉事项", f"{c.winner}不具备{lic}，以他人资质投标。",
             "二、调查情况", f"经调取投标文件并向发证机关核实，{lend_act(rng, c.winner, lender, lic)}。"
             f"{c.winner}中标金额为{fill.money(rng, c.amount)}。",
             "三、处理决定", "投诉事项成立。根据《中华人民共和国政府采购法》第七十七条，认定中标无效，责令采购人依法另行确定中标供应商。",
             f"{pick(rng, fill.PROVINCES)}财政厅", fill.date(rng, 0)]
    return {"title": f"关于{c.project}投诉处理决定的公告", "text": "\n".join(lines), "style": "complaint-decision"}


@skeleton("question-reply-lending", LEND, count=12)
def question_reply(rng: random.Random, c: Case) -> dict:
    """质疑答复 where the agency confirms the winner 挂靠/借用资质."""
    lender = fill.supplier(rng, c.cloud)
    lic = licence(rng, c)
    lines = [f"关于{c.project}质疑的答复", f"{fill.supplier(rng, c.cloud)}：", f"贵公司于{fill.date(rng, 0)}提交的质疑函收悉。经核查，答复如下：",
             f"质疑事项：{c.winner}无{lic}。", f"答复：经向{lender}及发证机关核实，{lend_act(rng, c.winner, lender, lic)}，质疑成立。",
             f"采购人决定取消{c.winner}中标资格，本项目重新组织采购。", c.agency, fill.date(rng, 0)]
    return {"title": f"{c.project}质疑答复", "text": "\n".join(lines), "style": "question-reply", "amount_yuan": None}


@skeleton("penalty-decision", LEND, count=14)
def penalty(rng: random.Random, c: Case) -> dict:
    """行政处罚决定书 (财政/通信管理局) for renting or lending a licence."""
    lender = fill.supplier(rng, c.cloud)
    lic = licence(rng, c)
    issuer = f"{pick(rng, fill.PROVINCES)}通信管理局" if c.cloud else f"{c.city}市财政局"
    fine = round(rng.uniform(1, 30), 0) * 10000
    lines = [f"{issuer}行政处罚决定书", f"{pick(rng, ('通', '财'))}罚字〔{rng.randrange(2022, 2026)}〕{rng.randrange(1, 90)}号",
             f"当事人：{c.winner}", f"统一社会信用代码：{fill.credit_code(rng)}", f"住所：{fill.address(rng)}",
             "经查，" + lend_act(rng, c.winner, lender, lic) + f"，并于{c.project}中中标，中标金额{fill.money(rng, c.amount)}。",
             "上述行为违反了" + (pick(rng, ("《中华人民共和国电信条例》第七条", "《电信业务经营许可管理办法》第三十九条"))
                                if c.cloud and "通信" in issuer else
                                pick(rng, ("《中华人民共和国政府采购法》第七十七条", "《招标投标法实施条例》第六十八条"))) + "。",
             f"依据有关规定，决定：对{c.winner}处罚款人民币{fill.num(fine)}元，" + pick(rng, ("列入不良行为记录名单，一年内禁止参加政府采购活动。",
                                                                              "没收违法所得。", f"对出借方{lender}另案处理。")),
             issuer, fill.date(rng, 0)]
    return {"title": f"{issuer}行政处罚决定书", "text": "\n".join(lines), "style": "penalty", "buyer": None}


@skeleton("idc-disqualify-fail", LEND, cloud_p=1.0, count=13)
def idc_fail(rng: random.Random, c: Case) -> dict:
    """废标 because the winner held no IDC licence and submitted another firm's."""
    lender = fill.supplier(rng, True)
    lines = [f"{c.project}废标公告", kv(rng, "项目编号", fill.code(rng)), kv(rng, "采购人", c.buyer), budget_line(rng, c),
             f"废标原因：经复核，拟中标供应商{c.winner}本身未取得{pick(rng, LICENCES)}，投标文件中提供的许可证为{lender}所有，"
             f"{pick(rng, ('系租借使用', '双方无隶属关系，属借用资质', '由持证方出具授权但实际由投标人运营'))}。"
             "扣除该供应商后，实质性响应的供应商不足三家，本项目废标。",
             "采购人将重新组织采购。", *contacts(rng, c, "联系方式")]
    return {"title": f"{c.project}废标公告", "text": "\n".join(lines), "style": "cancelled", "amount_yuan": None,
            "budget_yuan": c.budget}


@skeleton("blacklist-table", LEND, count=13)
def blacklist(rng: random.Random, c: Case) -> dict:
    """政府采购严重违法失信行为记录名单 table row."""
    lender = fill.supplier(rng, c.cloud)
    lic = licence(rng, c)
    lines = ["政府采购严重违法失信行为信息记录", row("序号", "企业名称", "统一社会信用代码", "严重违法失信行为的具体情形",
                                                   "处罚结果", "处罚依据", "处罚日期", "执法单位"),
             row(1, c.winner, fill.credit_code(rng), lend_act(rng, c.winner, lender, lic) + f"（{c.project}）",
                 pick(rng, ("罚款、一年内禁止参加政府采购活动", "列入不良行为记录名单", "中标无效，罚款")),
                 "《中华人民共和国政府采购法》第七十七条", fill.date(rng, 1), f"{c.city}市财政局")]
    if rng.random() < 0.5:
        other = fill.supplier(rng, not c.cloud)
        lines.append(row(2, other, fill.credit_code(rng), "提供虚假材料谋取中标", "罚款", "第七十七条第一款第（一）项",
                         fill.date(rng, 1), f"{c.city}市财政局"))
    return {"title": "政府采购严重违法失信行为记录名单", "text": "\n".join(lines), "style": "blacklist", "buyer": None,
            "amount_yuan": None}


@skeleton("supervision-notice", LEND, count=12)
def supervision(rng: random.Random, c: Case) -> dict:
    """监督检查通报 listing problems, one of which is licence lending."""
    lender = fill.supplier(rng, c.cloud)
    lic = licence(rng, c)
    lines = [f"关于{rng.randrange(2022, 2026)}年度政府采购监督检查情况的通报",
             f"按照年度工作安排，{c.city}市财政局对部分单位政府采购项目开展了监督检查，发现问题如下：",
             "一、部分项目采购需求设置不合理；", "二、个别代理机构未按规定公告采购结果；",
             f"三、{c.buyer}实施的{c.project}中，中标供应商{lend_act(rng, c.winner, lender, lic)}，已依法认定中标无效并立案处理。",
             "请各单位引以为戒，切实加强政府采购内控管理。", f"{c.city}市财政局", fill.date(rng, 0)]
    return {"title": "政府采购监督检查情况通报", "text": "\n".join(lines), "style": "supervision", "amount_yuan": None}


@skeleton("soe-supplier-violation", LEND, cloud_p=0.85, count=12)
def soe_violation(rng: random.Random, c: Case) -> dict:
    """Operator's 供应商违规处理公告 (借用资质 → 禁入)."""
    op = pick(rng, ("中国移动通信集团", "中国电信集团", "中国联合网络通信集团"))
    prov = pick(rng, ("江苏", "湖南", "四川", "山东", "广东", "浙江"))
    lender = fill.supplier(rng, c.cloud)
    lines = [f"{op}{prov}有限公司关于供应商违规行为处理结果的公告",
             f"在{c.item}采购项目中，{lend_act(rng, c.winner, lender, licence(rng, c))}，违反了我公司供应商管理规定。",
             f"经研究决定：取消{c.winner}本项目中选资格，{pick(rng, ('列入供应商黑名单三年', '暂停合作十二个月', '永久禁止参与我公司采购活动'))}。",
             f"{op}{prov}有限公司", fill.date(rng, 0)]
    return {"title": "关于供应商违规行为处理结果的公告", "text": "\n".join(lines), "style": "soe-violation",
            "buyer": f"{op}{prov}有限公司", "amount_yuan": None}


@skeleton("telecom-authority-bulletin", LEND, cloud_p=1.0, count=12)
def telecom_bulletin(rng: random.Random, c: Case) -> dict:
    """通信管理局 通报 on IDC/cloud firms operating with rented or borrowed licences."""
    n = rng.randrange(2, 4)
    firms = [c.winner] + [fill.supplier(rng, True) for _ in range(n - 1)]
    lines = [f"{pick(rng, fill.PROVINCES)}通信管理局关于互联网数据中心和云服务市场专项整治情况的通报",
             "近期，我局对辖区IDC、云服务企业开展了专项检查，现将违规企业通报如下：",
             row("序号", "企业名称", "违规情形", "处理措施")]
    for i, f in enumerate(firms):
        act = pick(rng, ("租借他人许可证经营IDC业务", "借用持证企业名义承接政务云项目", "无证经营互联网资源协作服务，由持证企业代签合同",
                         "出借增值电信业务经营许可证"))
        lines.append(row(i + 1, f, act, pick(rng, ("责令整改，罚款", "吊销许可证", "约谈并责令限期整改"))))
    lines.append("各企业应严格依法经营，不得出租、出借或者以其他方式转让电信业务经营许可证。")
    return {"title": "关于IDC和云服务市场专项整治情况的通报", "text": "\n".join(lines), "style": "authority-bulletin",
            "buyer": None, "amount_yuan": None}


@skeleton("bad-record-publicity", LEND, count=12)
def bad_record(rng: random.Random, c: Case) -> dict:
    """不良行为记录公示 in label：value lines."""
    lender = fill.supplier(rng, c.cloud)
    lines = ["不良行为记录公示", kv(rng, "单位名称", c.winner), kv(rng, "不良行为类别", pick(rng, ("以他人名义投标", "出借资质", "挂靠投标"))),
             kv(rng, "不良行为内容", lend_act(rng, c.winner, lender, licence(rng, c)) + f"，涉及项目：{c.project}"),
             kv(rng, "认定部门", f"{c.city}市公共资源交易监督管理局"), kv(rng, "认定日期", fill.date(rng, 1)),
             kv(rng, "公示期限", "自公示之日起6个月")]
    return {"title": f"{c.winner}不良行为记录公示", "text": "\n".join(lines), "style": "bad-record", "buyer": None,
            "amount_yuan": None}


@skeleton("zero-price-explained", {"zero_price_bid": 1}, count=13)
def zero_explained(rng: random.Random, c: Case) -> dict:
    """Award with an 评审说明 paragraph about the token-price bid being accepted."""
    lines = [kv(rng, "项目名称", c.project), kv(rng, "采购人", c.buyer), budget_line(rng, c),
             kv(rng, "成交供应商", c.winner), kv(rng, "成交金额", fill.money(rng, c.amount)),
             "评审说明：", pick(rng, (f"{c.winner}报价为{fill.money(rng, c.amount)}，磋商小组要求其作出书面说明，该供应商承诺按采购需求无偿提供服务，磋商小组认可。",
                                 "成交供应商报价明显低于其他供应商，经澄清，其表示以该价格承担本项目以拓展市场，并承诺履约。",
                                 "该供应商报价远低于成本，评审小组经集体讨论后接受其说明。")),
             *contacts(rng, c, "联系方式")]
    return {"title": f"{c.project}成交结果公告", "text": "\n".join(lines), "style": "zero-explained", "budget_yuan": c.budget}


@skeleton("zero-price-complaint", {"zero_price_bid": 2, "abnormally_low_bid": 1}, count=12)
def zero_complaint(rng: random.Random, c: Case) -> dict:
    """质疑答复 upholding an award made at a token or very low price (the low award stands)."""
    lines = [f"{c.project}质疑答复公告", f"质疑供应商：{fill.supplier(rng, c.cloud)}",
             f"质疑事项：中标供应商{c.winner}以{fill.money(rng, c.amount)}中标，报价明显低于成本" +
             (f"（采购预算{fill.money(rng, c.budget)}）" if c.label == "abnormally_low_bid" else "") + "，可能影响诚信履约。",
             "答复：评标委员会已要求其提供书面说明及相关证明材料，其说明合理，质疑事项不成立，维持原中标结果。",
             c.agency, fill.date(rng, 0)]
    return {"title": f"{c.project}质疑答复", "text": "\n".join(lines), "style": "question-reply",
            "budget_yuan": c.budget if c.label == "abnormally_low_bid" else None}


@skeleton("acceptance-result", NONE, count=9)
def acceptance(rng: random.Random, c: Case) -> dict:
    """履约验收结果公告: contract amount and acceptance conclusion."""
    lines = [f"{c.project}验收结果公告", kv(rng, "合同编号", fill.code(rng)), kv(rng, "采购人", c.buyer),
             kv(rng, "供应商", c.winner), kv(rng, "合同金额", fill.money(rng, c.amount)),
             kv(rng, "验收日期", fill.date(rng)), kv(rng, "验收结论", pick(rng, ("合格", "验收通过", "符合合同约定"))),
             *([] if not c.hard else noise_lines(rng, c))]
    return {"title": f"{c.project}验收结果公告", "text": "\n".join(lines), "style": "acceptance"}


@skeleton("single-source-publicity", NONE, count=9)
def single_source_pub(rng: random.Random, c: Case) -> dict:
    """单一来源采购公示 (proposed supplier, budget; not an award)."""
    lines = [f"{c.project}单一来源采购公示", kv(rng, "采购人", c.buyer), kv(rng, "项目预算", fill.money(rng, c.budget)),
             kv(rng, "拟定供应商", c.winner), kv(rng, "拟定供应商地址", fill.address(rng)),
             "采用单一来源采购方式的原因及说明：" + pick(rng, ("原系统为该供应商开发，需保证兼容性和一致性。",
                                                     "云平台扩容须与现有资源池兼容，只能从原供应商处采购。",
                                                     "专利、专有技术，只能从唯一供应商处采购。")),
             "专业人员论证意见：" + "、".join(fill.person(rng) for _ in range(3)) + "一致同意。",
             f"公示期限：{fill.period(rng, 0)}"]
    return {"title": f"{c.project}单一来源采购公示", "text": "\n".join(lines), "style": "single-source", "winner": None,
            "amount_yuan": None, "budget_yuan": c.budget}


@skeleton("framework-zero-settle", NONE, cloud_p=1.0, count=9)
def settle_later(rng: random.Random, c: Case) -> dict:
    """Cloud unit-price contract with 合同金额 0元 and a settlement note (not a zero bid)."""
    lines = [kv(rng, "合同名称", c.project + "服务合同"), kv(rng, "采购人", c.buyer), kv(rng, "供应商", c.winner),
             kv(rng, "合同金额", pick(rng, ("0元 人民币", "0.00元", "0元（按实际使用量结算）"))),
             kv(rng, "计价方式", pick(rng, ("按实际使用的云资源量月结", "单价合同，按月据实结算", "框架协议，按订单结算"))),
             row("资源", "单价"), row("云主机vCPU", f"{rng.uniform(30, 80):.2f}元/核/月"),
             row("存储", f"{rng.uniform(0.1, 0.6):.2f}元/GB/月"), kv(rng, "预估年度金额", fill.money(rng, c.budget))]
    return {"title": f"{c.project}合同公告", "text": "\n".join(lines), "style": "ggzy-contract", "amount_yuan": None,
            "budget_yuan": None}
