"""Award-notice skeletons (中标/成交公告, contracts, SOE results): each renders any of the price labels."""

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
    policy_lines,
    row,
    section_titles,
    skeleton,
)

PRICE = {"zero_price_bid": 3.6, "abnormally_low_bid": 3.3, "none": 2.0, "license_lending": 0.5}
PRICE_NO_LEND = {"zero_price_bid": 3.6, "abnormally_low_bid": 3.3, "none": 2.2}


def maybe_noise(rng: random.Random, c: Case) -> list[str]:
    """Hard-negative lines for hard cases, sometimes for others too."""
    if c.hard or rng.random() < 0.18:
        return noise_lines(rng, c) + policy_lines(rng)
    return policy_lines(rng)


def lending_note(rng: random.Random, c: Case) -> list[str]:
    """An 其他补充事宜 paragraph revealing licence or qualification lending (only for license_lending cases)."""
    if c.label != "license_lending":
        return []
    bad = fill.supplier(rng, c.cloud)
    lender = fill.supplier(rng, c.cloud)
    lic = licence(rng, c)
    how = pick(rng, (
        f"原第一名{bad}在投标中借用{lender}的{lic}，经调查属实，其投标无效",
        f"经核查，原中标供应商{bad}所提交的{lic}持证主体为{lender}，系租借他人许可证投标，取消其中标资格",
        f"原成交供应商{bad}挂靠{lender}参与投标，经财政部门调查认定以他人名义投标，成交结果无效",
        f"有供应商质疑{bad}无{lic}，经查该公司借用{lender}资质，质疑成立，原中标结果作废",
        f"{bad}以{lender}出借的{lic}参加本项目，违反《政府采购法》第七十七条，已移交监管部门处理",
    ))
    return [pick(rng, ("补充说明：", "备注：", "中标结果变更说明：")), how + f"，现依法确定{c.winner}为中标（成交）供应商。"]


@skeleton("ccgp-new-a", PRICE, count=16)
def ccgp_new_a(rng: random.Random, c: Case) -> dict:
    """ccgp 2020+ template, table 序号|供应商名称|供应商地址|中标（成交）金额."""
    code = fill.code(rng, c.city)
    amount = fill.money(rng, c.amount)
    lines = [
        f"一、项目编号：{code}", f"二、项目名称：{c.project}", "三、中标（成交）信息",
        row("序号", "供应商名称", "供应商地址", "中标（成交）金额"),
        row(1, c.winner, fill.address(rng), amount),
        "四、主要标的信息", *goods_lines(rng, c),
        "五、评审专家（单一来源采购人员）名单：", "、".join(fill.person(rng) for _ in range(rng.choice((3, 5)))),
        "六、代理服务收费标准及金额：", f"按国家计价格〔2002〕1980号文件标准收取，金额：{fill.money(rng, round(rng.uniform(3000, 30000), -2))}",
        "七、公告期限", "自本公告发布之日起1个工作日。", "八、其他补充事宜", *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c),
        *contacts(rng, c),
    ]
    title = pick(rng, (f"{c.buyer}{c.project.replace(c.buyer, '')}中标公告", f"{c.project}中标（成交）结果公告", f"{c.project}成交公告"))
    return {"title": title, "text": "\n".join(lines), "style": "ccgp-new"}


@skeleton("ccgp-new-b", PRICE, count=15)
def ccgp_new_b(rng: random.Random, c: Case) -> dict:
    """ccgp new template with the amount column first and a budget line."""
    c.shown_budget = True
    unit = pick(rng, ("元", "元", "万元"))
    lines = [
        f"一、项目编号：{fill.code(rng, c.city)}（招标文件编号：{fill.code(rng, c.city)}）", f"二、项目名称：{c.project}",
        budget_line(rng, c, pick(rng, ("预算金额", "采购预算金额"))),
        "三、中标（成交）信息", row("序号", f"中标（成交）金额({unit})", "中标供应商名称", "中标供应商地址"),
        row(1, fill.money_in(rng, c.amount, unit), c.winner, fill.address(rng)),
        "四、主要标的信息", row("服务名称", "服务范围", "服务要求", "服务时间", "服务标准"),
        row(c.item, "详见采购文件", "详见采购文件", f"{rng.choice((1, 2, 3))}年", "满足采购需求"),
        "五、评审专家名单：" + "，".join(fill.person(rng) for _ in range(5)),
        "六、代理服务收费标准及金额：" + pick(rng, ("参照发改价格〔2015〕299号文执行", "由中标人支付，金额详见公告")),
        "七、公告期限：自本公告发布之日起1个工作日。", "八、其他补充事宜：" + pick(rng, ("无", "/", "本项目不专门面向中小企业。")),
        *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c), *contacts(rng, c),
    ]
    return {"title": f"{c.project}中标公告", "text": "\n".join(lines), "style": "ccgp-new", "budget_yuan": c.budget}


@skeleton("ccgp-zcy-codehook", PRICE, count=14)
def ccgp_zcy(rng: random.Random, c: Case) -> dict:
    """政采云-generated table with 总价形式报价:x(元) cells."""
    price = pick(rng, (f"总价形式报价:{fill.num(c.amount, 2)}(元)", f"报价:{fill.num(c.amount)}(元)", f"总价：{fill.num(c.amount)}（元）"))
    lines = [
        kv(rng, "项目编号", fill.code(rng, c.city)), kv(rng, "项目名称", c.project),
        "一、中标（成交）信息", row("序号", "标项名称", "中标（成交）供应商名称", "中标（成交）供应商地址", "中标（成交）金额"),
        row(1, c.item, c.winner, fill.address(rng), price),
        "二、主要标的信息", *goods_lines(rng, c),
        "三、评审专家名单：" + "、".join(fill.person(rng) for _ in range(5)) + "（采购人代表：" + fill.person(rng) + "）",
        "四、代理服务收费标准及金额：", f"代理服务费标准：参照浙价服〔2009〕84号；金额：{fill.num(round(rng.uniform(2000, 20000), -2))}元",
        "五、公告期限：自本公告发布之日起1个工作日。", "六、其他补充事宜", *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c),
        "七、对本次公告内容提出询问、质疑、投诉，请按以下方式联系", kv(rng, "采购人名称", c.buyer),
        kv(rng, "采购代理机构名称", c.agency), kv(rng, "项目联系人", fill.person(rng)), kv(rng, "联系电话", fill.phone(rng)),
    ]
    return {"title": f"{c.project}中标(成交)结果公告", "text": "\n".join(lines), "style": "zcy-codehook"}


@skeleton("ccgp-shandong-reasons", PRICE, count=14, others=3)
def ccgp_shandong(rng: random.Random, c: Case) -> dict:
    """Provincial ccgp variant with 未中标原因 and every bidder's 评审报价 listed."""
    lines = [
        f"一、项目编号：{fill.code(rng, c.city)}", f"二、项目名称：{c.project}", "三、中标（成交）信息",
        row("标包", "供应商名称", "供应商地址", "中标（成交）金额：（可填写下浮率、折扣率或费率）"),
        row("A", c.winner, fill.address(rng), fill.money(rng, c.amount)),
        "四、主要标的信息", *goods_lines(rng, c), "五、评审专家名单：" + " ".join(fill.person(rng) for _ in range(5)),
        "六、代理服务收费标准及金额：详见采购文件", "七、公告期限：1个工作日", "八、其他补充事宜",
        "评审报价一览：", row("供应商名称", "评审报价（元）", "综合得分"),
        row(c.winner, fill.money_in(rng, c.amount, "元"), f"{rng.uniform(80, 96):.2f}"),
        *[row(n, fill.money_in(rng, p, "元"), f"{rng.uniform(55, 88):.2f}") for n, p in c.others],
        *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c),
        "九、未中标（成交）供应商的未中标（成交）原因",
        *[f"{n}：{pick(rng, ('综合得分低于中标供应商', '综合排名第二', '综合得分排名靠后'))}" for n, _ in c.others],
        *contacts(rng, c, "十、凡对本次公告内容提出询问，请按以下方式联系"),
    ]
    return {"title": f"{c.buyer}{pick(rng, ('', '关于'))}{c.project.replace(c.buyer, '')}成交公告", "text": "\n".join(lines),
            "style": "ccgp-provincial"}


@skeleton("ccgp-summary-table", PRICE, count=14)
def ccgp_summary(rng: random.Random, c: Case) -> dict:
    """公告概要 summary rows (总中标金额 ￥x 万元（人民币）) above a short body."""
    lines = [
        "公告概要：", row("采购项目名称", c.project), row("品目", pick(rng, ("服务/信息技术服务/运营服务", "服务/信息技术服务/云计算服务", "货物/通用设备", "服务/物业管理服务") if c.cloud else ("货物/家具用具", "服务/物业管理服务", "工程/道路工程"))),
        row("采购单位", c.buyer), row("行政区域", pick(rng, fill.PROVINCES)), row("公告时间", fill.date(rng, 0)),
        row("评审专家名单", "、".join(fill.person(rng) for _ in range(3))),
        row("总中标金额", f"￥{fill.wan(c.amount, 6)} 万元（人民币）"),
        row("项目联系人", fill.person(rng)), row("项目联系电话", fill.phone(rng)),
        row("采购单位地址", fill.address(rng, c.city)), row("代理机构名称", c.agency), row("代理机构联系方式", fill.phone(rng)),
        "", f"一、项目编号：{fill.code(rng)}", f"二、项目名称：{c.project}", "三、中标（成交）信息",
        f"供应商名称：{c.winner}", f"供应商地址：{fill.address(rng)}", f"中标（成交）金额：{fill.money(rng, c.amount)}",
        *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c), *contacts(rng, c),
    ]
    return {"title": f"{c.project}中标公告", "text": "\n".join(lines), "style": "ccgp-new"}


@skeleton("ccgp-old-2016", PRICE, count=15)
def ccgp_old(rng: random.Random, c: Case) -> dict:
    """Old ccgp template: 四、成交信息 with 总成交金额 x 万元（人民币）."""
    contact = fill.person(rng)
    lines = [
        f"{c.agency}受{c.buyer}的委托，就{c.project}项目（项目编号：{fill.code(rng)}）组织采购，评标工作已经结束，成交结果如下：",
        "一、项目信息", kv(rng, "项目编号", fill.code(rng)), kv(rng, "项目名称", c.project), kv(rng, "项目联系人", contact),
        kv(rng, "联系方式", fill.phone(rng)), "二、采购单位信息", kv(rng, "采购单位名称", c.buyer),
        kv(rng, "采购单位地址", fill.address(rng, c.city)), kv(rng, "采购单位联系方式", fill.person(rng) + fill.phone(rng)),
        "三、采购代理机构信息", kv(rng, "采购代理机构全称", c.agency), kv(rng, "采购代理机构地址", fill.address(rng, c.city)),
        "四、成交信息", kv(rng, "招标文件编号", fill.code(rng)), kv(rng, "本项目招标公告日期", fill.date(rng, 0)),
        kv(rng, "成交日期", fill.date(rng, 0)), f"总成交金额：{fill.wan(c.amount, rng.choice((None, 4, 6)))} 万元（人民币）",
        "成交供应商名称、地址及成交金额：", f"成交供应商：{c.winner} 成交金额：{fill.money(rng, c.amount)} 联系地址：{fill.address(rng)}",
        "谈判小组、询价小组、磋商小组成员名单及单一来源采购人员名单：", "、".join(fill.person(rng) for _ in range(3)),
        "五、项目用途、简要技术要求及合同履行日期：", pick(rng, ("详见投标文件", c.item, "见公告原文")),
        "六、成交标的名称、规格型号、数量、单价、服务要求：", pick(rng, ("详见公告原文", c.project)),
        "七、其它补充事宜", *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c),
    ]
    return {"title": f"{c.project}成交公告", "text": "\n".join(lines), "style": "ccgp-old"}


@skeleton("ccgp-old-prose", PRICE_NO_LEND, count=13)
def ccgp_old_prose(rng: random.Random, c: Case) -> dict:
    """Old ccgp shell whose body is the agency's own prose notice with a 大写 price."""
    dx = fill.daxie(c.amount)
    lines = [
        f"总成交金额：{fill.wan(c.amount)} 万元（人民币）", "成交供应商名称、地址及成交金额：见公告原文",
        f"{c.project}{pick(rng, ('成交结果公告', '采购结果公告'))}",
        f"{c.agency}受采购人{c.buyer}的委托，于{fill.date(rng, 0)}就{c.project}（采购编号：{fill.code(rng)}）进行了"
        f"{pick(rng, ('询价采购', '竞争性谈判采购', '公开招标'))}，现将成交结果公告如下：",
        f"中标供应商名称：{c.winner}",
        f"中标价格为：人民币{dx}，￥:{c.amount:,.2f}元。" if rng.random() < 0.6 else f"成交价：{dx}（￥{fill.num(c.amount, 2)}）",
        f"评委名单：{'、'.join(fill.person(rng) for _ in range(3))}。", *maybe_noise(rng, c), *low_cue(rng, c), "特此公告",
        f"地 址：{fill.address(rng, c.city)}", f"联 系 人：{fill.person(rng)}", f"电 话：{fill.phone(rng)}",
        c.agency, fill.date(rng, 0),
    ]
    return {"title": f"{c.project}成交结果公告", "text": "\n".join(lines), "style": "ccgp-old"}


@skeleton("ggzy-contract", {"zero_price_bid": 3.5, "abnormally_low_bid": 1.5, "none": 3}, count=15)
def ggzy_contract(rng: random.Random, c: Case) -> dict:
    """全国公共资源交易平台 contract notice: th/td pairs with 合同金额 x元 人民币."""
    amt = f"{fill.num(c.amount)}元 人民币" if rng.random() < 0.6 else fill.money(rng, c.amount)
    lines = [
        f"签署时间：{fill.date(rng, 1)}    信息来源：{pick(rng, fill.PROVINCES)}公共资源交易平台",
        row("采购项目编号", fill.code(rng)), row("采购项目名称", c.project), row("采购人名称", c.buyer),
        row("中标（成交）供应商名称", c.winner), row("合同名称", c.project + "合同"), row("合同金额", amt),
        row("合同期限", f"{rng.choice((1, 2, 3))}年"), row("合同签署时间", fill.date(rng, 1)),
        row("主要标的名称", c.item), row("规格型号（或服务要求）", "详见合同"),
        row("履约保证金", pick(rng, ("0元", "无", fill.money(rng, round(c.budget * 0.05, -2)))))
        if rng.random() < 0.5 else row("采购方式", pick(rng, ("公开招标", "竞争性磋商", "询价"))),
        *maybe_noise(rng, c), *low_cue(rng, c),
    ]
    return {"title": f"{c.project}合同公告", "text": "\n".join(lines), "style": "ggzy-contract"}


@skeleton("ggzy-award", PRICE, count=14)
def ggzy_award(rng: random.Random, c: Case) -> dict:
    """ggzy 中标结果 with the 中标金额（费率、单价等） label."""
    c.shown_budget = True
    lines = [
        f"发布时间：{fill.date(rng, 1)}    信息来源：{pick(rng, fill.CITIES)}市公共资源交易中心",
        f"{c.project}中标结果公告", kv(rng, "招标项目编号", fill.code(rng)), kv(rng, "招标人", c.buyer),
        kv(rng, "招标代理机构", c.agency), budget_line(rng, c, "招标控制价") if c.budget else "",
        kv(rng, "中标人", c.winner), kv(rng, "中标金额（费率、单价等）", fill.money(rng, c.amount)),
        kv(rng, "工期（交货期）", f"{rng.randrange(30, 720)}日历天"), kv(rng, "项目负责人", fill.person(rng)),
        *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c), kv(rng, "公示期", "3日"),
    ]
    return {"title": f"{c.project}中标结果公告", "text": "\n".join(x for x in lines if x), "style": "ggzy-award",
            "budget_yuan": c.budget}


@skeleton("beijing-2026-line", PRICE, count=13)
def beijing_line(rng: random.Random, c: Case) -> dict:
    """Beijing-style one-line winner statement with 万元."""
    wan = fill.wan(c.amount, rng.choice((None, 2, 4)))
    lines = [
        f"一、项目编号：{fill.code(rng)}", f"二、项目名称：{c.project}", "三、中标（成交）信息",
        f"中标成交供应商名称：{c.winner} 中标成交供应商地址：{fill.address(rng, '北京')} 中标金额：{wan}万元",
        "四、主要标的信息", *goods_lines(rng, c), "五、评审专家名单：" + "、".join(fill.person(rng) for _ in range(5)),
        "六、代理服务收费标准及金额：按照国家有关规定收取", "七、公告期限：自本公告发布之日起1个工作日。",
        "八、其它补充事宜", *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c), *contacts(rng, c),
    ]
    return {"title": f"{c.project}中标公告", "text": "\n".join(lines), "style": "beijing"}


@skeleton("beijing-credit-table", PRICE_NO_LEND, count=12)
def beijing_table(rng: random.Random, c: Case) -> dict:
    """Beijing table 供应商名称|供应商地址|统一信用代码|中标金额."""
    c.shown_budget = True
    lines = [
        kv(rng, "项目编号", fill.code(rng)), kv(rng, "项目名称", c.project), kv(rng, "采购人", c.buyer),
        budget_line(rng, c), "中标（成交）信息：", row("供应商名称", "供应商地址", "统一社会信用代码", "中标金额"),
        row(c.winner, fill.address(rng, "北京"), fill.credit_code(rng), fill.money(rng, c.amount)),
        *maybe_noise(rng, c), *low_cue(rng, c), kv(rng, "公告期限", "1个工作日"), f"采购代理机构：{c.agency}", f"联系电话：{fill.phone(rng)}",
    ]
    return {"title": f"{c.project}中标结果公告", "text": "\n".join(lines), "style": "beijing", "budget_yuan": c.budget}


@skeleton("provincial-wan-table", PRICE, count=15)
def provincial_wan(rng: random.Random, c: Case) -> dict:
    """Provincial result table with 万元 in the headers (unit only in the header)."""
    c.shown_budget = True
    h = pick(rng, (("中标价（万元）", "预算（万元）"), ("成交金额(万元)", "采购预算(万元)"), ("中标金额(万元)", "控制价（万元）")))
    lines = [
        f"{c.buyer}{c.project.replace(c.buyer, '')}采购结果公告",
        f"根据{pick(rng, ('《中华人民共和国政府采购法》', '政府采购相关规定'))}，现将本项目采购结果公告如下：",
        row("序号", "项目名称", "中标单位", h[0], h[1], "采购方式"),
        row(1, c.project, c.winner, fill.money_in(rng, c.amount, "万元"), fill.money_in(rng, c.budget, "万元"),
            pick(rng, ("公开招标", "竞争性磋商", "竞争性谈判", "询价"))),
        *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c), f"公示期：{fill.period(rng, 1)}",
        f"监督电话：{fill.phone(rng)}", c.agency,
    ]
    return {"title": f"{c.project}采购结果公告", "text": "\n".join(lines), "style": "provincial-table", "budget_yuan": c.budget}


@skeleton("provincial-cj-list", PRICE, count=13, others=2)
def provincial_list(rng: random.Random, c: Case) -> dict:
    """成交金额(万元) column with all bidders' quotes in 万元."""
    rows = [(c.winner, c.amount, "成交")] + [(n, p, "未成交") for n, p in c.others]
    rng.shuffle(rows)
    lines = [
        kv(rng, "项目名称", c.project), kv(rng, "采购单位", c.buyer), kv(rng, "采购方式", "竞争性谈判"),
        row("供应商", "最终报价(万元)", "结果"), *[row(n, fill.money_in(rng, p, "万元"), r) for n, p, r in rows],
        f"成交供应商：{c.winner}", f"成交金额(万元)：{fill.wan(c.amount, rng.choice((None, 4)))}",
        *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c), kv(rng, "公告日期", fill.date(rng)),
    ]
    return {"title": f"{c.project}竞争性谈判成交公告", "text": "\n".join(lines), "style": "provincial-table"}


@skeleton("multi-lot-abc", {"zero_price_bid": 3, "abnormally_low_bid": 2.5, "none": 2.5}, count=15)
def multi_lot(rng: random.Random, c: Case) -> dict:
    """标包A/B/C/D, one winner per package, a 总中标金额 sum; amount_yuan is the violating (or first) lot."""
    c.shown_budget = True
    n = rng.randrange(2, 5)
    lots = []
    bad = rng.randrange(n) if c.label != "none" else 0
    for i in range(n):
        if i == bad:
            lots.append((c.winner, c.amount, c.budget))
        else:
            b = fill.budget(rng, c.cloud)
            lots.append((fill.supplier(rng, c.cloud), fill.price_for(rng, "none", b), b))
    letters = pick(rng, ("ABCD", "一二三四", "1234"))
    pk = pick(rng, ("标包", "包", "标段", "采购包"))
    total = sum(x[1] for x in lots)
    lines = [kv(rng, "项目编号", fill.code(rng)), kv(rng, "项目名称", c.project), kv(rng, "采购人", c.buyer),
             f"总中标金额：￥{fill.wan(total, 6)} 万元（人民币）", "中标（成交）信息：",
             row(pk, "中标供应商名称", "中标金额（元）", "预算金额（元）")]
    for i, (w, a, b) in enumerate(lots):
        lines.append(row(f"{pk}{letters[i]}", w, fill.money_in(rng, a, "元"), fill.money_in(rng, b, "元")))
    lines += [*maybe_noise(rng, c), *low_cue(rng, c), *contacts(rng, c)]
    return {"title": f"{c.project}（{pk}{letters[0]}-{pk}{letters[n - 1]}）中标公告", "text": "\n".join(lines),
            "style": "multi-lot", "budget_yuan": c.budget}


@skeleton("multi-lot-prose", {"zero_price_bid": 3, "abnormally_low_bid": 2, "none": 3}, count=13)
def multi_lot_prose(rng: random.Random, c: Case) -> dict:
    """Multi-lot result written as one paragraph per 标段, units varying per lot."""
    c.shown_budget = True
    n = rng.randrange(2, 4)
    bad = rng.randrange(n) if c.label != "none" else 0
    parts = []
    for i in range(n):
        if i == bad:
            w, a = c.winner, c.amount
        else:
            w, a = fill.supplier(rng, c.cloud), fill.price_for(rng, "none", fill.budget(rng, c.cloud))
        parts.append(f"第{'一二三四'[i]}标段：中标人{w}，中标价{fill.money(rng, a)}。")
    lines = [f"{c.buyer}{c.project.replace(c.buyer, '')}（项目编号：{fill.code(rng)}）已完成评标，经评标委员会评审，"
             f"确定中标结果如下：", *parts, budget_line(rng, c, "项目总预算") if c.label == "abnormally_low_bid" else "",
             *maybe_noise(rng, c), *low_cue(rng, c), f"公示期为{fill.period(rng, 0)}。", c.agency]
    return {"title": f"{c.project}中标结果公示", "text": "\n".join(x for x in lines if x), "style": "multi-lot",
            "budget_yuan": c.budget if c.label == "abnormally_low_bid" else None}


@skeleton("cs-consult-result", PRICE, count=14, others=2)
def consult_result(rng: random.Random, c: Case) -> dict:
    """竞争性磋商成交结果 with every supplier's 最后报价 and score."""
    c.shown_budget = True
    rows = [(c.winner, c.amount)] + c.others
    lines = [
        f"一、项目编号：{fill.code(rng)}", f"二、项目名称：{c.project}", "三、采购方式：竞争性磋商",
        budget_line(rng, c, pick(rng, ("预算金额", "最高限价"))), "四、磋商小组成员：" + "、".join(fill.person(rng) for _ in range(3)),
        "五、各供应商最后报价及综合得分", row("供应商名称", "最后报价", "综合得分", "排名"),
        *[row(n, fill.money(rng, p), f"{rng.uniform(60, 95):.2f}", i + 1) for i, (n, p) in enumerate(rows)],
        "六、成交结果", kv(rng, "成交供应商", c.winner), kv(rng, "成交金额", fill.money(rng, c.amount)),
        *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c), *contacts(rng, c, "七、联系方式"),
    ]
    return {"title": f"{c.project}竞争性磋商成交结果公告", "text": "\n".join(lines), "style": "consultation", "budget_yuan": c.budget}


@skeleton("cn-negotiation", PRICE_NO_LEND, count=12, others=2)
def negotiation(rng: random.Random, c: Case) -> dict:
    """竞争性谈判 result with 最终报价 per round."""
    lines = [f"{c.project}竞争性谈判结果公示", kv(rng, "采购人", c.buyer), kv(rng, "采购代理机构", c.agency),
             kv(rng, "谈判日期", fill.date(rng)), "参与谈判供应商及最终报价："]
    for n, p in [(c.winner, c.amount)] + c.others:
        first = max(p * rng.uniform(1.0, 1.15), p + 1000) if p > 100 else fill.price_for(rng, "none", c.budget)
        lines.append(f"{n}：首轮报价{fill.money(rng, first)}，最终报价{fill.money(rng, p)}")
    lines += [f"根据符合采购需求、质量和服务相等且报价最低的原则，确定{c.winner}为成交供应商，成交价{fill.money(rng, c.amount)}。",
              *maybe_noise(rng, c), *low_cue(rng, c), f"{c.agency}", fill.date(rng)]
    return {"title": f"{c.project}竞争性谈判结果公示", "text": "\n".join(lines), "style": "negotiation"}


@skeleton("inquiry-result", PRICE_NO_LEND, count=12, others=2)
def inquiry_result(rng: random.Random, c: Case) -> dict:
    """询价 result: a compact table with every quote."""
    lines = [f"项目名称：{c.project}", f"询价单位：{c.buyer}", f"询价时间：{fill.date(rng)}",
             row("报价单位", "报价（元）", "是否响应"), row(c.winner, fill.money_in(rng, c.amount, "元"), "是"),
             *[row(n, fill.money_in(rng, p, "元"), "是") for n, p in c.others],
             f"经询价小组评审，{c.winner}报价最低且满足要求，确定为成交供应商，成交金额：{fill.money(rng, c.amount)}。",
             *maybe_noise(rng, c), *low_cue(rng, c)]
    return {"title": f"{c.project}询价结果公告", "text": "\n".join(lines), "style": "inquiry"}


@skeleton("single-source-award", PRICE_NO_LEND, count=12)
def single_source(rng: random.Random, c: Case) -> dict:
    """单一来源采购成交公告 with 协商价格."""
    c.shown_budget = True
    lines = [
        f"一、采购项目名称：{c.project}", f"二、采购项目编号：{fill.code(rng)}", "三、采购方式：单一来源采购",
        budget_line(rng, c, "四、采购预算"), f"五、成交供应商：{c.winner}", f"六、成交价格：{fill.money(rng, c.amount)}",
        "七、单一来源采购人员名单：" + "、".join(fill.person(rng) for _ in range(3)), *maybe_noise(rng, c), *low_cue(rng, c), *contacts(rng, c, "八、联系方式"),
    ]
    return {"title": f"{c.project}单一来源采购成交公告", "text": "\n".join(lines), "style": "single-source", "budget_yuan": c.budget}


@skeleton("soe-mobile-result", PRICE, cloud_p=0.8, count=15, others=2)
def soe_mobile(rng: random.Random, c: Case) -> dict:
    """中国移动-style 中选结果公示 with 中选份额 and 投标报价（不含税）."""
    c.shown_budget = True
    prov = pick(rng, ("广东", "浙江", "江苏", "四川", "河南", "山东", "湖北", "福建"))
    buyer = f"中国移动通信集团{prov}有限公司" + pick(rng, ("", f"{pick(rng, fill.CITIES)}分公司"))
    lines = [
        f"{buyer}{c.item}采购项目中选结果公示", kv(rng, "采购人", buyer), kv(rng, "采购方式", pick(rng, ("公开招标", "公开比选", "单一来源"))),
        kv(rng, "项目编号", f"CMCC{prov[:1]}-{rng.randrange(2022, 2026)}-{rng.randrange(1000, 9999)}"),
        "中选候选人及中选份额：", row("排序", "中选人", "投标报价（不含税，元）", "中选份额"),
        row(1, c.winner, fill.money_in(rng, c.amount, "元"), pick(rng, ("100%", "60%", "50%"))),
        *[row(i + 2, n, fill.money_in(rng, p, "元"), pick(rng, ("40%", "/", "30%"))) for i, (n, p) in enumerate(c.others)],
        f"最高投标限价（不含税）：{fill.money(rng, c.budget)}", *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c),
        f"公示期：{fill.period(rng, 1)}", "如对上述结果有异议，请在公示期内以书面形式提出。",
    ]
    return {"title": f"{c.item}中选结果公示", "text": "\n".join(lines), "style": "soe-mobile", "buyer": buyer,
            "budget_yuan": c.budget}


@skeleton("soe-telecom-result", PRICE, cloud_p=0.8, count=14)
def soe_telecom(rng: random.Random, c: Case) -> dict:
    """中国电信-style 采购结果 with 成交金额（含税）."""
    c.shown_budget = True
    prov = pick(rng, ("上海", "北京", "安徽", "江西", "湖南", "广西", "云南", "贵州"))
    buyer = f"中国电信股份有限公司{prov}分公司"
    lines = [
        kv(rng, "公告类型", "采购结果"), kv(rng, "项目名称", f"{prov}电信{c.item}"), kv(rng, "采购单位", buyer),
        kv(rng, "采购方式", pick(rng, ("公开招标", "竞争性谈判", "询比价"))), kv(rng, "成交供应商", c.winner),
        kv(rng, "成交金额（含税）", fill.money(rng, c.amount)), kv(rng, "税率", pick(rng, ("6%", "9%", "13%"))),
        kv(rng, "采购预算（含税）", fill.money(rng, c.budget)), *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c),
        kv(rng, "发布日期", fill.date(rng, 1)), "中国电信阳光采购网",
    ]
    return {"title": f"{prov}电信{c.item}采购结果公告", "text": "\n".join(lines), "style": "soe-telecom", "buyer": buyer,
            "budget_yuan": c.budget}


@skeleton("soe-unicom-bixuan", PRICE_NO_LEND, cloud_p=0.8, count=12, others=2)
def soe_unicom(rng: random.Random, c: Case) -> dict:
    """联通-style 比选结果公示 with 比选报价."""
    prov = pick(rng, ("河北", "山西", "辽宁", "吉林", "黑龙江", "陕西", "甘肃", "新疆"))
    buyer = f"中国联合网络通信有限公司{prov}省分公司"
    lines = [f"{buyer}{c.item}比选结果公示", f"比选编号：CU{rng.randrange(10**7, 10**8)}",
             "第一成交候选人：" + c.winner, "比选报价：" + fill.money(rng, c.amount)]
    lines += [f"第{'二三'[i]}成交候选人：{n}，比选报价：{fill.money(rng, p)}" for i, (n, p) in enumerate(c.others)]
    lines += ["经比选小组评审并报采购人确认，第一成交候选人为成交人。", *maybe_noise(rng, c), *low_cue(rng, c),
              f"公示时间：{fill.date(rng)}起3日", buyer]
    return {"title": f"{c.item}比选结果公示", "text": "\n".join(lines), "style": "soe-unicom", "buyer": buyer}


@skeleton("university-result", PRICE_NO_LEND, count=12)
def university(rng: random.Random, c: Case) -> dict:
    """A university's own short 采购结果公示 in a lab/IT office voice."""
    c.shown_budget = True
    uni = pick(rng, ("浙江大学", "四川大学", "西北工业大学", "中南大学", "山东大学", "厦门大学", "兰州大学", "郑州大学",
                     "贵州大学", "南昌大学", "广西大学", "云南大学", "华南理工大学", "合肥工业大学"))
    lines = [f"{uni}{pick(rng, ('国有资产与实验室管理处', '网络与信息中心', '采购与招标管理中心', '后勤保障处'))}",
             f"{pick(rng, ('关于', ''))}{c.project.replace(c.buyer, uni)}采购结果的公示",
             f"我校{c.project.replace(c.buyer, '')}项目已按学校采购管理办法完成{pick(rng, ('校内比选', '询价', '竞争性磋商'))}，结果公示如下：",
             f"成交单位：{c.winner}", f"成交金额：{fill.money(rng, c.amount)}",
             f"项目预算：{fill.money(rng, c.budget)}", *maybe_noise(rng, c), *low_cue(rng, c),
             f"公示期3个工作日，如有异议请联系{fill.person(rng)}老师，电话{fill.phone(rng)}。"]
    return {"title": f"{c.project.replace(c.buyer, uni)}采购结果公示", "text": "\n".join(lines), "style": "university",
            "buyer": uni, "budget_yuan": c.budget}


@skeleton("hospital-result", PRICE_NO_LEND, count=12)
def hospital(rng: random.Random, c: Case) -> dict:
    """A hospital's 院内采购结果公告."""
    c.shown_budget = True
    hosp = f"{c.city}市{pick(rng, ('第一人民医院', '中心医院', '中医院', '妇幼保健院', '第三人民医院'))}"
    lines = [f"{hosp}院内采购结果公告（{fill.date(rng, 0)[:5]}第{rng.randrange(1, 90)}期）",
             row("项目名称", "成交单位", "成交价", "预算价"),
             row(c.project.replace(c.buyer, ''), c.winner, fill.money(rng, c.amount), fill.money(rng, c.budget)),
             *maybe_noise(rng, c), *low_cue(rng, c), f"{hosp}采购中心", fill.date(rng)]
    return {"title": f"{hosp}院内采购结果公告", "text": "\n".join(lines), "style": "hospital", "buyer": hosp,
            "budget_yuan": c.budget}


@skeleton("epoint-city-award", PRICE, count=13)
def epoint(rng: random.Random, c: Case) -> dict:
    """City trading-centre 中标结果公示 with labelled blocks and 工期."""
    lines = [f"【{pick(rng, fill.CITIES)}市公共资源交易中心】", f"{c.project}中标结果公示", f"标段编号：{fill.code(rng)}-001",
             f"标段名称：{c.project}", f"招标人：{c.buyer}", f"招标代理：{c.agency}", f"开标时间：{fill.date(rng, 1)} 09:30",
             f"中标单位：{c.winner}", f"中标价格：{fill.money(rng, c.amount)}", f"服务期：{rng.choice((12, 24, 36))}个月",
             *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c), "投诉受理部门：" + f"{c.city}市财政局政府采购监督管理科"]
    return {"title": f"{c.project}中标结果公示", "text": "\n".join(lines), "style": "epoint"}


@skeleton("engineering-award", {"zero_price_bid": 1.5, "abnormally_low_bid": 3, "none": 3, "license_lending": 1},
          cloud_p=0.3, count=13)
def engineering(rng: random.Random, c: Case) -> dict:
    """Works 中标结果公告 with 项目经理, 工期 and 招标控制价."""
    c.shown_budget = True
    lines = [f"{c.project}中标结果公告", f"招标人：{c.buyer}", f"招标控制价：{fill.money(rng, c.budget)}",
             f"中标人：{c.winner}", f"中标价：{fill.money(rng, c.amount)}", f"项目经理：{fill.person(rng)}（注册编号：{fill.code(rng)}）",
             f"工期：{rng.randrange(60, 400)}日历天", f"质量标准：{pick(rng, ('合格', '优良'))}", *maybe_noise(rng, c), *low_cue(rng, c),
             *lending_note(rng, c), f"{c.agency}", fill.date(rng)]
    return {"title": f"{c.project}中标结果公告", "text": "\n".join(lines), "style": "engineering", "budget_yuan": c.budget}


@skeleton("ggzy-b-page", PRICE_NO_LEND, count=12)
def ggzy_b(rng: random.Random, c: Case) -> dict:
    """ggzy detail page with its header line and a 中标结果 body in prose."""
    lines = [f"{c.project}中标（成交）结果公告", f"发布时间：{fill.date(rng, 1)}  信息来源：{pick(rng, fill.PROVINCES)}公共资源交易平台",
             f"采购项目编号：{fill.code(rng)}",
             f"受{c.buyer}委托，{c.agency}对{c.project}进行了{pick(rng, ('公开招标', '竞争性磋商'))}，"
             f"评审委员会推荐并经采购人确认，由{c.winner}以{fill.money(rng, c.amount)}中标。",
             *maybe_noise(rng, c), *low_cue(rng, c), "本公告期限为1个工作日。"]
    return {"title": f"{c.project}中标（成交）结果公告", "text": "\n".join(lines), "style": "ggzy-award"}


@skeleton("zcy-award-fields", PRICE, count=13)
def zcy_fields(rng: random.Random, c: Case) -> dict:
    """政采云 list-record style fields (projectName, supplierName, totalContractAmount) rendered as lines."""
    lines = [kv(rng, "项目名称", c.project), kv(rng, "项目编号", fill.code(rng)), kv(rng, "采购单位", c.buyer),
             kv(rng, "代理机构", c.agency), kv(rng, "采购方式", pick(rng, ("公开招标", "竞争性磋商", "询价", "单一来源"))),
             kv(rng, "行政区划", pick(rng, fill.PROVINCES)), kv(rng, "中标供应商", c.winner),
             kv(rng, "合同总金额", fill.money(rng, c.amount)), kv(rng, "发布日期", fill.date(rng, 1)),
             *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c)]
    return {"title": f"{c.project}采购结果公告", "text": "\n".join(lines), "style": "zcy-fields"}


@skeleton("award-with-unit-prices", {"zero_price_bid": 2, "abnormally_low_bid": 2, "none": 3}, cloud_p=1.0, count=12)
def unit_prices(rng: random.Random, c: Case) -> dict:
    """Award with a total and unit-price lines (元/GB/月, 元/台/月) that are not totals."""
    c.shown_budget = True
    lines = [kv(rng, "项目名称", c.project), kv(rng, "采购人", c.buyer), budget_line(rng, c),
             kv(rng, "中标供应商", c.winner), kv(rng, "中标总价", fill.money(rng, c.amount)), "分项单价：",
             row("资源", "单价"), row("云主机（4核8G）", f"{rng.uniform(80, 400):.2f}元/台/月"),
             row("对象存储", f"{rng.uniform(0.05, 0.3):.3f}元/GB/月"), row("公网带宽", f"{rng.randrange(20, 90)}元/Mbps/月"),
             *maybe_noise(rng, c), *low_cue(rng, c), kv(rng, "服务期", f"{rng.choice((1, 2, 3))}年")]
    return {"title": f"{c.project}中标公告", "text": "\n".join(lines), "style": "unit-prices", "budget_yuan": c.budget}


@skeleton("award-notice-letter", PRICE_NO_LEND, count=12)
def notice_letter(rng: random.Random, c: Case) -> dict:
    """中标通知书 published as text: a letter to the winner."""
    lines = [pick(rng, ("中标通知书", "成交通知书")), f"{c.winner}：",
             f"    我单位（{c.buyer}）组织的{c.project}（项目编号：{fill.code(rng)}）采购活动已结束，经评审，"
             f"确定你单位为中标人，中标金额为{fill.money(rng, c.amount)}。",
             f"    请你单位在收到本通知书之日起{pick(rng, ('30', '二十五', '15'))}日内与采购人签订合同。",
             *maybe_noise(rng, c), *low_cue(rng, c), f"采购人：{c.buyer}（盖章）", f"代理机构：{c.agency}", fill.date(rng, 0)]
    return {"title": f"{c.project}中标通知书", "text": "\n".join(lines), "style": "notice-letter"}


@skeleton("award-sections-paren", PRICE, count=13, others=1)
def sections_paren(rng: random.Random, c: Case) -> dict:
    """Award with （一）（二） numbering and 评审情况 comparing bids."""
    c.shown_budget = True
    h = section_titles(rng)
    lines = [f"{h[0]}项目基本情况", kv(rng, "项目名称", c.project), kv(rng, "采购人", c.buyer), budget_line(rng, c),
             f"{h[1]}评审情况", f"本项目共有{len(c.others) + 1 + rng.randrange(0, 3)}家供应商递交响应文件。",
             f"{c.others[0][0]}报价{fill.money(rng, c.others[0][1])}。",
             f"{h[2]}中标结果", f"中标供应商：{c.winner}", f"中标价：{fill.money(rng, c.amount)}",
             *maybe_noise(rng, c), *low_cue(rng, c), *lending_note(rng, c), f"{h[3]}联系方式", f"{c.agency} {fill.phone(rng)}"]
    return {"title": f"{c.project}中标结果公告", "text": "\n".join(lines), "style": "paren-sections", "budget_yuan": c.budget}


@skeleton("framework-entry", {"zero_price_bid": 1, "abnormally_low_bid": 1, "none": 3}, cloud_p=0.9, count=12)
def framework(rng: random.Random, c: Case) -> dict:
    """Cloud framework (入围) result: the winner with a price plus others at discount rates."""
    c.shown_budget = True
    lines = [f"{c.project}框架协议采购入围结果公告", kv(rng, "征集人", c.buyer), "入围供应商及报价："]
    lines.append(row("供应商", "报价方式", "报价"))
    lines.append(row(c.winner, "总价", fill.money(rng, c.amount)))
    for _ in range(rng.randrange(1, 3)):
        k, v = fill.rate(rng)
        lines.append(row(fill.supplier(rng, True), k, v))
    lines += [budget_line(rng, c, "预估采购金额"), *maybe_noise(rng, c), *low_cue(rng, c), f"入围期限：{rng.choice((1, 2))}年"]
    return {"title": f"{c.project}入围结果公告", "text": "\n".join(lines), "style": "framework", "budget_yuan": c.budget}


@skeleton("award-sep-colon-space", PRICE_NO_LEND, count=12)
def award_spaced(rng: random.Random, c: Case) -> dict:
    """Award whose labels use spaced characters and stray spaces inside numbers."""
    c.shown_budget = True
    a = fill.num(c.amount, 2)
    a = a.replace(".", rng.choice((" . ", ". ", "."))) if rng.random() < 0.5 else a
    lines = [f"项 目 名 称：{c.project}", f"采 购 单 位：{c.buyer}", f"中 标 单 位：{c.winner}",
             f"中 标 金 额：{a} 元", f"预 算 金 额：{fill.num(c.budget, 2)} 元", *maybe_noise(rng, c), *low_cue(rng, c),
             f"公 告 日 期：{fill.date(rng)}"]
    return {"title": f"{c.project}中标公告", "text": "\n".join(lines), "style": "spaced-labels", "budget_yuan": c.budget}


@skeleton("award-english-mixed", PRICE_NO_LEND, cloud_p=0.85, count=12)
def english_mixed(rng: random.Random, c: Case) -> dict:
    """Bilingual-ish award (foreign-invested buyer or port): Chinese labels with RMB amounts."""
    c.shown_budget = True
    lines = [f"{c.project} Award Notice / 中标公告", f"Buyer 采购人：{c.buyer}", f"Winning Bidder 中标人：{c.winner}",
             f"Contract Price 中标价：RMB {fill.num(c.amount, 2)}", f"Budget 预算：RMB {c.budget:,.2f}",
             *maybe_noise(rng, c), *low_cue(rng, c), f"Date 日期：{fill.date(rng, 1)}"]
    return {"title": f"{c.project}中标公告 Award Notice", "text": "\n".join(lines), "style": "bilingual", "budget_yuan": c.budget}


@skeleton("result-change-winner", {"license_lending": 3, "none": 1.5}, count=12)
def result_change(rng: random.Random, c: Case) -> dict:
    """中标结果变更公告: the first winner is replaced (lending cue for license_lending, a plain withdrawal otherwise)."""
    first = fill.supplier(rng, c.cloud)
    lender = fill.supplier(rng, c.cloud)
    lic = licence(rng, c)
    if c.label == "license_lending":
        reason = pick(rng, (
            f"经{c.city}市财政局调查，原中标人{first}借用{lender}的资质证书参与投标，其中标无效",
            f"原中标人{first}投标文件中提供的{lic}系向{lender}租借，不具备独立承接本项目的资格",
            f"原中标人{first}系挂靠{lender}投标，实际施工（服务）主体与投标主体不一致",
            f"原中标人{first}提供的{lic}持证单位为{lender}，经核实两者无隶属关系，属借证投标",
        ))
    else:
        reason = pick(rng, (f"原中标人{first}因自身原因书面放弃中标资格", f"原中标人{first}未在规定时间内签订合同，视为放弃",
                            f"原中标人{first}因企业合并重组申请退出"))
    lines = [f"{c.project}中标结果变更公告", kv(rng, "原公告日期", fill.date(rng)), f"变更原因：{reason}。",
             f"根据相关规定，现确定排名第二的{c.winner}为中标人，中标金额{fill.money(rng, c.amount)}。",
             *contacts(rng, c, "联系方式")]
    return {"title": f"{c.project}中标结果变更公告", "text": "\n".join(lines), "style": "result-change"}
