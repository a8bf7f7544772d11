"""The replicas' documents: procurement bulletins and news articles, generated deterministically.

Everything here is invented for the replicas. Companies shown breaking the self-discipline code
(zero-price or abnormally low wins, licence lending) are fictional; buyers and ordinary winners are
generic or fictional too. Each site's module renders these records into that site's own templates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from replicas.numerals import capital_yuan

TODAY = date(2026, 11, 27)
"""The replicas' 'today': the newest document is from this day."""


@dataclass(frozen=True)
class Lot:
    """One package (包/标段) of a bulletin and who won it at what price, as printed."""

    name: str
    winner: str
    address: str
    amount: str


@dataclass(frozen=True)
class Bulletin:
    """One procurement bulletin (award, tender, cancelled or correction)."""

    site: str
    key: str
    notice: str
    method: str
    title: str
    project_code: str
    project: str
    buyer: str
    buyer_address: str
    agency: str
    region: str
    published: date
    clock: str
    budget: str
    lots: tuple[Lot, ...]
    total_wan: str
    note: str
    attachment: bool

    @property
    def kind(self) -> str:
        return "bulletin"


@dataclass(frozen=True)
class Article:
    """One news article of a tech-news site."""

    site: str
    key: str
    title: str
    published: date
    clock: str
    author: str
    paragraphs: tuple[str, ...]

    @property
    def kind(self) -> str:
        return "news"


ORDINARY_WINNERS = (
    ("合肥澄湖信息工程有限公司", "安徽省合肥市高新区望江西路 66 号"),
    ("成都锦屏数智科技有限公司", "四川省成都市武侯区天府大道北段 1480 号"),
    ("西安秦川网络系统集成有限公司", "陕西省西安市雁塔区科技二路 72 号"),
    ("南京钟山软件股份有限公司", "江苏省南京市江宁区秣周东路 12 号"),
    ("武汉东湖云启科技有限公司", "湖北省武汉市东湖新技术开发区光谷大道 77 号"),
    ("广州番禺信通技术有限公司", "广东省广州市番禺区市桥街大北路 9 号"),
    ("北京燕园数联科技有限公司", "北京市海淀区中关村大街 27 号"),
    ("长沙麓谷数据服务有限公司", "湖南省长沙市岳麓区麓谷大道 658 号"),
    ("济南泉城计算机工程有限公司", "山东省济南市历下区经十路 1188 号"),
    ("杭州钱江数据科技有限公司", "浙江省杭州市滨江区江南大道 3850 号"),
)

VIOLATORS = {
    "qingqiong": ("青穹云计算有限公司", "北京市朝阳区望京东路 8 号院 3 号楼"),
    "suanyuan": ("北京算垣科技有限公司", "北京市海淀区上地十街 10 号"),
    "yunxiu": ("杭州云岫数据服务有限公司", "浙江省杭州市余杭区文一西路 969 号"),
    "xianyun": ("南粤弦云信息技术有限公司", "广东省深圳市南山区粤海街道科苑路 15 号"),
    "qiyun": ("江苏栖云网络科技有限公司", "江苏省苏州市工业园区星湖街 328 号"),
}

BUYERS = (
    ("某市大数据发展管理局", "市民中心 B 座 6 楼"),
    ("某县人民医院", "县城人民路 21 号"),
    ("某市第一中学", "学府路 3 号"),
    ("某区市场监督管理局", "行政中心 2 号楼"),
    ("某市公安局交通警察支队", "环城东路 188 号"),
    ("某省气象信息中心", "气象路 5 号"),
    ("某市人力资源和社会保障局", "政务服务中心 4 楼"),
    ("某区教育局", "文化路 66 号"),
)

AGENCIES = ("某招标代理有限公司", "某项目管理咨询有限公司", "某建设工程咨询有限公司", "某政府采购中心")

PROJECTS = (
    ("政务云平台租赁服务", True, 380.0),
    ("智慧医院信息系统云化改造", True, 480.0),
    ("教育城域网及云桌面建设", True, 145.0),
    ("视频监控存储扩容", False, 98.0),
    ("办公家具采购", False, 36.5),
    ("数据中心机房运维服务", True, 120.0),
    ("网络安全等级保护测评服务", False, 42.0),
    ("食堂食材配送服务", False, 88.0),
    ("公文系统云上迁移服务", True, 75.0),
    ("物业管理服务", False, 156.0),
    ("大数据共享交换平台运维", True, 210.0),
    ("实验室仪器设备采购", False, 320.0),
)

PROVINCES = (("北京", "110000"), ("广东", "440000"), ("江苏", "320000"), ("浙江", "330000"), ("四川", "510000"))

SITE_COUNTS = {"ccgp": 24, "ggzy": 10, "beijing": 9, "guangdong": 8, "jiangsu": 8, "cmcc": 6}

VIOLATIONS = {
    # site -> list of (violator key, amount as printed, project index); zero-price and abnormally low wins
    "ccgp": [("qingqiong", "0元", 0), ("suanyuan", "0.01元", 8), ("yunxiu", "6.8万元", 1)],
    "ggzy": [("xianyun", "0元", 5)],
    "beijing": [("suanyuan", "1元", 10)],
    "guangdong": [("xianyun", "0元", 2)],
    "jiangsu": [("qiyun", "壹万贰仟元整（¥12000.00）", 0)],
    "cmcc": [("qingqiong", "0.01元", 0)],
}


def _amount_text(rng: random.Random, yuan: float) -> str:
    style = rng.choice(("yuan", "comma", "wan", "capital", "rate"))
    if style == "yuan":
        return f"{yuan:.2f}元"
    if style == "comma":
        return f"￥{yuan:,.2f}"
    if style == "wan":
        return f"{yuan / 10000:g}万元"
    if style == "capital":
        return f"{capital_yuan(int(yuan))}（¥{yuan:.2f}）"
    return f"下浮率{rng.choice((5, 8, 12.5, 15, 20))}%"


def _yuan_of(amount: str) -> float:
    """The yuan value of an amount as printed (0 for rates), used for the summary total."""
    text = amount.split("¥")[-1].replace("￥", "").replace(",", "").rstrip("）")
    if "下浮率" in amount:
        return 0.0
    factor = 10000.0 if "万元" in text else 1.0
    number = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    return float(number) * factor if number else 0.0


def _bulletin(site: str, index: int, rng: random.Random, violation: tuple[str, str, int] | None) -> Bulletin:
    published = TODAY - timedelta(days=index * 3 + rng.randint(0, 2))
    project_index = violation[2] if violation else rng.randrange(len(PROJECTS))
    stub, _cloud, budget_wan = PROJECTS[project_index]
    buyer, buyer_address = BUYERS[rng.randrange(len(BUYERS))]
    province, _code = PROVINCES[rng.randrange(len(PROVINCES))]
    notice = "award" if violation else rng.choice(("award", "award", "award", "tender", "cancelled", "correction"))
    method = rng.choice(("公开招标", "竞争性磋商", "竞争性谈判", "询价"))
    project = f"{buyer}{published.year}年{stub}项目"
    code = f"{site.upper()}-{published:%Y}-{rng.choice(('FW', 'HW', 'GC'))}{rng.randint(1000, 9999)}"
    lots: tuple[Lot, ...] = ()
    if notice == "award":
        if violation:
            name, address = VIOLATORS[violation[0]]
            lots = (Lot("", name, address, violation[1]),)
        else:
            count = rng.choice((1, 1, 2, 3))
            picks = rng.sample(ORDINARY_WINNERS, count)
            share = budget_wan * 10000 / count
            lots = tuple(
                Lot(f"第{n + 1}包" if count > 1 else "", w, a, _amount_text(rng, round(share * rng.uniform(0.82, 0.98), 2)))
                for n, (w, a) in enumerate(picks)
            )
    total = sum(_yuan_of(lot.amount) for lot in lots) / 10000
    suffix = {"award": "中标公告" if method == "公开招标" else "成交公告", "tender": "招标公告",
              "cancelled": "终止公告", "correction": "更正公告"}[notice]
    note = {
        "award": "本项目公告期限为1个工作日。各有关当事人对中标、成交结果有异议的，可以在公告期限届满之日起7个工作日内以书面形式提出质疑。",
        "tender": f"获取采购文件时间：{published + timedelta(days=1):%Y年%m月%d日}至{published + timedelta(days=6):%Y年%m月%d日}，"
        f"提交投标文件截止时间：{published + timedelta(days=21):%Y年%m月%d日} 09:30（北京时间）。",
        "cancelled": "终止原因：因提交投标文件或者对招标文件实质性响应的供应商不足三家，本项目予以终止，将重新组织采购。",
        "correction": f"更正事项：原公告中开标时间更正为{published + timedelta(days=25):%Y年%m月%d日} 09:30，其余内容不变。",
    }[notice]
    return Bulletin(
        site=site,
        key=f"{published:%Y%m%d}{index:02d}{rng.randint(10000, 99999)}",
        notice=notice,
        method=method,
        title=f"{project}{suffix}",
        project_code=code,
        project=project,
        buyer=buyer,
        buyer_address=buyer_address,
        agency=rng.choice(AGENCIES),
        region=province,
        published=published,
        clock=f"{rng.randint(8, 17):02d}:{rng.randint(0, 59):02d}",
        budget=f"{budget_wan:g}万元",
        lots=lots,
        total_wan=f"{total:.6f}",
        note=note,
        attachment=notice in ("award", "tender") and index % 4 == 1,
    )


@cache
def bulletins(site: str) -> tuple[Bulletin, ...]:
    """The site's bulletins, newest first (deterministic)."""
    rng = random.Random(f"replica-{site}")
    violations = list(VIOLATIONS.get(site, ()))
    slots = {i * 3 + 1: v for i, v in enumerate(violations)}
    items = [_bulletin(site, i, rng, slots.get(i)) for i in range(SITE_COUNTS[site])]
    return tuple(sorted(items, key=lambda b: (b.published, b.key), reverse=True))


NEWS = {
    "c114": (
        ("云服务市场再现“一分钱中标”，行业自律公约能否约束低价乱象",
         ("近日，某地政务云服务采购结果公示显示，青穹云计算有限公司以0.01元的报价成交，引发业内关注。",
          "记者梳理公开信息发现，该项目预算金额为380万元，第二名报价为341万元。多位业内人士表示，以一分钱拿下需要持续投入运维的云服务项目，明显低于成本。",
          "《云计算服务行业自律公约》明确要求成员单位不得以低于成本的报价参与竞争。有专家建议，采购人在评审中应严格执行异常低价审查程序。")),
        ("三大运营商前三季度云业务收入保持两位数增长",
         ("根据各公司披露的季度数据，运营商云业务收入继续保持较快增长，政企客户上云需求旺盛。",
          "分析人士认为，算力网络建设和行业数字化转型是主要驱动力，未来竞争将更多体现在服务质量和安全能力上。")),
        ("5G-A商用网络覆盖扩大，多地开展通感一体试点",
         ("多地运营商宣布扩大5G-A网络覆盖范围，并在低空经济、车联网等场景开展通感一体试点。",
          "业内预计，明年5G-A终端数量将明显增加，相关产业链企业加快布局。")),
        ("某地政务云项目0元中标结果遭质疑，采购人回应将复核",
         ("某市一政务云平台租赁服务项目中标公告显示，北京算垣科技有限公司以0元中标，其他投标人提出质疑。",
          "采购人表示已收到质疑函，将组织原评审委员会进行复核。业内人士指出，0元中标往往意味着后续通过增值服务收费，存在较大履约风险。")),
        ("数据中心绿色低碳发展行动推进，PUE要求进一步收紧",
         ("有关部门发布通知，要求新建大型数据中心电能利用效率不高于1.25。",
          "液冷、余热回收等技术应用将加速，运营商和云服务商正在调整建设计划。")),
        ("光通信企业三季度业绩分化，高速光模块需求强劲",
         ("受算力基础设施建设带动，800G光模块出货量快速增长，部分企业营收同比大幅提升。",
          "传统接入网设备厂商则面临价格压力，行业整合仍在继续。")),
        ("工信部通报一批违规电信业务经营行为",
         ("通报指出，部分企业存在超范围经营、未按要求报送年报等问题，已依法责令整改。",
          "有关负责人表示，将持续加强事中事后监管，维护公平竞争的市场秩序。")),
    ),
    "cctime": (
        ("“借证”投标屡禁不止：一家云服务商被指挂靠他人资质中标",
         ("飞象网记者获悉，江苏栖云网络科技有限公司在某县教育云桌面项目中，被举报借用苏州云图通信有限公司的互联网数据中心业务经营许可证参与投标。",
          "举报材料显示，栖云网络本身并未取得相应电信业务经营许可，投标文件中的许可证编号与云图通信一致。",
          "律师表示，出借、挂靠经营许可证参与投标属于违规行为，一经查实，中标结果可能被认定无效，相关企业还将被列入不良信用记录。")),
        ("云计算服务行业自律组织召开年度工作会议",
         ("会议总结了一年来行业自律工作进展，发布了新一批自律公约签署单位名单。",
          "与会代表表示，将共同抵制低价恶性竞争，推动行业健康发展。")),
        ("低价中标背后：云服务“先免费后收费”模式风险几何",
         ("近期多起云服务采购项目出现1元、0元中标现象，其中杭州云岫数据服务有限公司以6.8万元拿下预算480万元的智慧医院云化项目。",
          "专家提醒，过低报价可能导致服务质量下降甚至项目烂尾，采购人应当在合同中明确服务等级和违约责任。")),
        ("运营商算力网络布局提速，东西部枢纽节点陆续投产",
         ("多个国家枢纽节点数据中心集群项目陆续投产，跨区域算力调度平台开始试运行。",
          "业内人士表示，算力互联互通将降低用户使用成本。")),
        ("信创云市场快速增长，地方政务云迁移进入深水区",
         ("随着信创工作推进，地方政务系统加快向信创云平台迁移，对服务商的适配能力提出更高要求。",
          "多家服务商推出迁移评估和兼容测试服务。")),
        ("电信设备招标结果公布，国产设备份额继续提升",
         ("某运营商集中采购结果显示，国产设备厂商中标份额继续提升。",
          "分析认为，供应链安全考量是重要因素。")),
        ("某云服务商因出借资质被列入行业不良信用记录",
         ("行业自律组织发布公告，南粤弦云信息技术有限公司因将其经营许可证出借给其他企业用于投标，被列入不良信用记录，期限一年。",
          "公告要求相关企业在期限内完成整改，并提交书面说明。")),
    ),
}


@cache
def articles(site: str) -> tuple[Article, ...]:
    """The news site's articles, newest first (deterministic)."""
    rng = random.Random(f"replica-{site}")
    items = []
    for index, (title, paragraphs) in enumerate(NEWS[site]):
        published = TODAY - timedelta(days=index * 4 + rng.randint(0, 3))
        items.append(
            Article(
                site=site,
                key=f"{published:%Y%m%d}{rng.randint(100000, 999999)}",
                title=title,
                published=published,
                clock=f"{rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}",
                author=rng.choice(("本站记者", "通信产业报", "特约撰稿")),
                paragraphs=paragraphs,
            )
        )
    return tuple(sorted(items, key=lambda a: (a.published, a.key), reverse=True))


def page(items: tuple, number: int, size: int, first: int = 1) -> tuple:
    """Items of page `number` (counting from `first`)."""
    start = (number - first) * size
    return items[start : start + size] if start >= 0 else ()


def page_count(items: tuple, size: int) -> int:
    """How many pages of `size` the items fill (at least one)."""
    return max(1, -(-len(items) // size))


def in_window(published: date, start: date | None, end: date | None) -> bool:
    """Whether a publication date falls in [start, end] (open ends allowed)."""
    return (start is None or published >= start) and (end is None or published <= end)
