"""Reusable pieces of bulletin text: tables, contact blocks, goods lists and hard-negative noise lines."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from nlp.corpus import fill
from nlp.corpus.fill import Case, pick

CN_NUM = "一二三四五六七八九十"


@dataclass
class Skeleton:
    """A bulletin template: its name, renderer, label weights, share of cloud cases and item count."""

    name: str
    render: Callable[[random.Random, Case], dict]
    labels: dict[str, float]
    cloud_p: float = 0.6
    count: int = 13
    others: int = 0
    non_cloud_winner: bool = False
    extra: dict = field(default_factory=dict)


REGISTRY: list[Skeleton] = []


def skeleton(name: str, labels: dict[str, float], cloud_p: float = 0.6, count: int = 13, others: int = 0):
    """Register a renderer as a skeleton."""

    def wrap(fn: Callable[[random.Random, Case], dict]) -> Callable[[random.Random, Case], dict]:
        REGISTRY.append(Skeleton(name, fn, labels, cloud_p, count, others))
        return fn

    return wrap


def row(*cells: object) -> str:
    """A flattened table row."""
    return " | ".join(str(c) for c in cells)


def sep(rng: random.Random) -> str:
    """The label/value separator."""
    return rng.choice(("：", "：", "：", ":", "： "))


def kv(rng: random.Random, label: str, value: object) -> str:
    """A `label：value` line."""
    return f"{label}{sep(rng)}{value}"


POLICY = (
    "本项目落实政府采购政策：节能产品、环境标志产品优先采购；促进中小企业发展，监狱企业、残疾人福利性单位视同小型、微型企业。",
    "中标（成交）供应商为中小企业的，其中小企业声明函随中标结果同时公告。",
    "附件：1.中小企业声明函.pdf 2.评审专家签到表.pdf",
    "各有关当事人对中标（成交）结果有异议的，可以在中标（成交）公告发布之日起7个工作日内，以书面形式向采购人或采购代理机构提出质疑，逾期不予受理。",
    "本公告同时在中国政府采购网、省政府采购网发布。",
    "中标供应商应在中标通知书发出之日起30日内与采购人签订政府采购合同。",
    "本项目为预留份额项目，专门面向中小企业采购。",
    "采购人应当自政府采购合同签订之日起2个工作日内，将合同在省级以上人民政府财政部门指定的媒体上公告。",
    "投标人的报价明显低于其他通过符合性审查投标人的报价，有可能影响产品质量或者不能诚信履约的，应当在评标现场合理的时间内提供书面说明。",
    "本项目信息发布媒体：中国政府采购网（www.ccgp.gov.cn）。",
    "中小企业声明函（服务）：本公司郑重声明，根据《政府采购促进中小企业发展管理办法》的规定，本公司参加采购活动，"
    "服务全部由符合政策要求的中小企业承接。本企业对上述声明内容的真实性负责。如有虚假，将依法承担相应责任。",
    "评审方法：综合评分法。价格分采用低价优先法计算，即满足招标文件要求且投标价格最低的投标报价为评标基准价，其价格分为满分。",
    "合同履行期限：自合同签订之日起一年。付款方式：按季度支付。",
    "采购人、采购代理机构将在中标（成交）结果公告后向中标（成交）供应商发出中标（成交）通知书。",
    "本项目评审专家劳务报酬由采购代理机构支付。",
)


def policy_lines(rng: random.Random) -> list[str]:
    """Boilerplate policy sentences that real notices carry (sometimes none)."""
    if rng.random() < 0.5:
        return []
    return rng.sample(POLICY, rng.randrange(1, 5))


def contacts(rng: random.Random, c: Case, numbered: str = "") -> list[str]:
    """The closing contact block (采购人 / 代理机构 / 项目联系人), sometimes after policy boilerplate."""
    head = numbered or pick(rng, ("九、凡对本次公告内容提出询问，请按以下方式联系。", "九、联系方式",
                                  "九、对本次公告内容提出询问，请按以下方式联系"))
    lines = [*policy_lines(rng), head, "1.采购人信息", kv(rng, "名 称", c.buyer), kv(rng, "地 址", fill.address(rng, c.city)),
             kv(rng, "联系方式", f"{fill.person(rng)} {fill.phone(rng)}")]
    if c.agency and not c.agency.startswith(c.buyer):
        lines += ["2.采购代理机构信息", kv(rng, "名 称", c.agency), kv(rng, "地 址", fill.address(rng, c.city)),
                  kv(rng, "联系方式", fill.phone(rng))]
    lines += ["3.项目联系方式", kv(rng, "项目联系人", fill.person(rng)), kv(rng, "电 话", fill.phone(rng))]
    return lines


def short_contacts(rng: random.Random, c: Case) -> list[str]:
    """A one-line contact footer."""
    return [f"联系人：{fill.person(rng)}    联系电话：{fill.phone(rng)}", f"{c.agency or c.buyer}", fill.date(rng)]


def goods_lines(rng: random.Random, c: Case) -> list[str]:
    """主要标的信息 rows fitting the project."""
    if c.cloud:
        items = (
            ("云主机", f"{rng.choice((8, 16, 32))}核{rng.choice((32, 64, 128))}G", f"{rng.randrange(20, 400)}台"),
            ("云存储", "对象存储", f"{rng.randrange(50, 900)}TB"),
            ("云数据库", "MySQL高可用版", f"{rng.randrange(2, 30)}套"),
            ("云安全服务", "等保三级配套", "1项"),
            ("带宽", "BGP多线", f"{rng.randrange(100, 2000)}Mbps"),
            ("机柜托管", "42U标准机柜", f"{rng.randrange(2, 60)}个"),
        )
        picked = rng.sample(items, rng.randrange(1, 4))
        lines = [row("名称", "规格", "数量", "服务期限")]
        for name, spec, qty in picked:
            lines.append(row(name, spec, qty, f"{rng.choice((1, 2, 3))}年"))
        return lines
    item = c.item
    return [row("名称", "品牌", "规格型号", "数量"), row(item, rng.choice(("详见投标文件", "/", fill.brand(rng))), "/", "1项")]


def noise_lines(rng: random.Random, c: Case) -> list[str]:
    """Hard-negative lines that look like zero prices, cloud or cheap offers but are not."""
    options = [
        lambda: [row("名称", "品牌", "规格型号", "数量", "单价（元）"),
                 row("服务器操作系统", "中标麒麟", "V7.0", f"{rng.randrange(5, 80)}套", fill.num(rng.randrange(3000, 9000))),
                 row("办公软件", "中标软件", "普华/中标麒麟桌面版", f"{rng.randrange(10, 200)}套", fill.num(rng.randrange(300, 900)))],
        lambda: [f"投标保证金{sep(rng)}{pick(rng, ('0元', '0元（本项目不收取投标保证金）', '免收', '人民币零元'))}"],
        lambda: [f"采购代理服务费{sep(rng)}{pick(rng, ('0元（由采购人支付）', '免收', '0.00元'))}"],
        lambda: [f"其中：{pick(rng, ('安装调试费', '培训费', '运输费', '迁移服务费'))}暂估价0元，{pick(rng, ('不计入评审价', '包含在总价内'))}。"],
        lambda: [pick(rng, ("中标供应商承诺免费提供三年原厂质保及上门培训。", "供应商承诺提供免费上门培训两次。",
                            "售后服务：免费保修期3年，0元更换易损件。",
                            "另：中标人承诺免费上云迁移服务（0元），不计入合同价。" if c.cloud else "另：免费送货上门。"))],
        lambda: [f"文件售价{sep(rng)}{pick(rng, ('0元', '免费', '0元/份'))}"],
        lambda: [f"最高限价{sep(rng)}{fill.money(rng, c.budget or 500000)}", "备注：报价超过最高限价的按无效投标处理。"],
        lambda: [f"履约保证金{sep(rng)}{pick(rng, ('0元', '不收取', '合同金额的0%'))}"],
    ]
    return pick(rng, options)()


def budget_line(rng: random.Random, c: Case, label: str | None = None) -> str:
    """A 预算金额 line in one of the units."""
    label = label or pick(rng, ("预算金额", "采购预算", "项目预算", "预算金额（元）", "预算金额(万元)", "最高限价"))
    if "万元" in label:
        return f"{label}{sep(rng)}{fill.wan(c.budget)}"
    if "元" in label:
        return f"{label}{sep(rng)}{fill.money_in(rng, c.budget, '元')}"
    return f"{label}{sep(rng)}{fill.money(rng, c.budget)}"


LICENCES = (
    "《增值电信业务经营许可证》", "互联网数据中心（IDC）业务经营许可证", "互联网资源协作服务业务许可", "IDC/ISP许可证",
    "云服务（互联网资源协作服务）经营许可", "增值电信业务经营许可证（B11类）",
)
QUALS = ("建筑业企业资质证书", "安全生产许可证", "信息系统建设和服务能力等级证书", "保安服务许可证", "医疗器械经营许可证",
         "涉密信息系统集成资质", "ITSS运维服务资质", "CS信息系统集成资质")


def licence(rng: random.Random, c: Case) -> str:
    """The licence or qualification at stake, fitting the sector."""
    return pick(rng, LICENCES) if c.cloud else pick(rng, QUALS)


def low_cue(rng: random.Random, c: Case) -> list[str]:
    """For abnormally-low cases in layouts without a budget: a budget line or the other bids, so the cue is there."""
    if c.label != "abnormally_low_bid" or c.shown_budget or c.others:
        return []
    if rng.random() < 0.65:
        c.shown_budget = True
        return [budget_line(rng, c)]
    bids = [(fill.supplier(rng, c.cloud), round(c.budget * rng.uniform(0.82, 0.99), -2)) for _ in range(rng.randrange(2, 4))]
    head = pick(rng, ("其他投标人报价：", "其余供应商报价情况：", "未中标供应商报价："))
    return [head, *[f"{n}：{fill.money(rng, p)}" for n, p in bids]]


def section_titles(rng: random.Random) -> list[str]:
    """Numbering style for section heads: 一、 or （一） or 1."""
    style = rng.randrange(3)
    if style == 0:
        return [f"{d}、" for d in CN_NUM]
    if style == 1:
        return [f"（{d}）" for d in CN_NUM]
    return [f"{i}." for i in range(1, 11)]
