"""Generate the news half of the labelled violation corpus: `nlp/corpus/news.jsonl`.

Articles come from two hand-written sources beside this script:
- `news_skeletons.yaml`: article skeletons with `{slot}` placeholders and `[a|b|c]` alternatives,
  each instantiated several times with fictional names, places, dates and amounts;
- `news_oneoffs.yaml`: fully hand-written single articles (each its own group).

The output is deterministic (fixed seed): rerunning reproduces the committed file byte for byte.
Run: `python nlp/corpus/make_news.py [--out PATH]`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import yaml
from opencc import OpenCC

HERE = Path(__file__).resolve().parent
SKELETONS = HERE / "news_skeletons.yaml"
ONEOFFS = HERE / "news_oneoffs.yaml"
OUTPUT = HERE / "news.jsonl"
SEED = 20261128
TEST_SHARE = 0.2
LABELS = ("zero_price_bid", "abnormally_low_bid", "license_lending", "none")
FIELDS = (
    "id", "kind", "title", "text", "label", "cloud_related", "winner", "buyer",
    "amount_yuan", "budget_yuan", "style", "group", "split",
)
# Real vendors: allowed only in neutral or lawful contexts (never as the winner of a violation).
REAL_VENDORS = (
    "阿里云", "腾讯云", "华为云", "天翼云", "移动云", "联通云", "百度智能云", "京东云", "金山云",
    "浪潮云", "UCloud优刻得", "青云科技", "七牛云", "中国电信", "中国移动", "中国联通", "紫光云", "火山引擎",
)

CITIES = (
    ("江苏", "南通"), ("江苏", "盐城"), ("江苏", "淮安"), ("浙江", "丽水"), ("浙江", "衢州"), ("浙江", "台州"),
    ("安徽", "阜阳"), ("安徽", "六安"), ("安徽", "滁州"), ("山东", "潍坊"), ("山东", "临沂"), ("山东", "德州"),
    ("河南", "南阳"), ("河南", "周口"), ("河南", "信阳"), ("湖北", "襄阳"), ("湖北", "宜昌"), ("湖北", "荆州"),
    ("湖南", "岳阳"), ("湖南", "常德"), ("湖南", "衡阳"), ("江西", "赣州"), ("江西", "上饶"), ("江西", "九江"),
    ("福建", "漳州"), ("福建", "莆田"), ("广东", "云浮"), ("广东", "湛江"), ("广东", "肇庆"), ("广东", "清远"),
    ("广西", "柳州"), ("广西", "桂林"), ("广西", "玉林"), ("四川", "绵阳"), ("四川", "南充"), ("四川", "宜宾"),
    ("贵州", "遵义"), ("贵州", "毕节"), ("云南", "曲靖"), ("云南", "玉溪"), ("云南", "昭通"), ("陕西", "宝鸡"),
    ("陕西", "渭南"), ("甘肃", "天水"), ("山西", "长治"), ("山西", "运城"), ("河北", "邢台"), ("河北", "沧州"),
    ("河北", "保定"), ("辽宁", "鞍山"), ("辽宁", "锦州"), ("吉林", "四平"), ("黑龙江", "牡丹江"),
    ("内蒙古", "赤峰"), ("新疆", "昌吉"), ("宁夏", "石嘴山"), ("青海", "海东"), ("海南", "儋州"),
)
AGENCIES = (
    "大数据管理局", "政务服务和大数据管理局", "数据资源管理局", "人民政府办公室", "公安局", "卫生健康委员会",
    "教育局", "医疗保障局", "自然资源和规划局", "人力资源和社会保障局", "市场监督管理局", "住房和城乡建设局",
    "信息中心", "行政审批服务局", "应急管理局", "交通运输局",
)
CLOUD_PROJECTS = (
    "政务云服务采购项目", "政务云平台租赁服务项目", "云主机及云存储租用服务项目", "电子政务云资源服务项目",
    "智慧城市云平台服务项目", "政务外网云资源扩容项目", "数据中心机房托管（IDC）服务项目", "视频监控云存储服务项目",
    "教育云平台运维服务项目", "医保信息系统上云服务项目", "政务信息系统迁移上云项目", "城市大脑云资源租赁项目",
    "公共数据平台云服务项目", "云灾备服务采购项目", "政务云安全服务项目", "智慧医疗云平台建设项目",
)
# Other sectors: kind -> (project, supplier suffixes, buyer agencies).
OTHER_SECTORS = {
    "service": (
        ("城区道路清扫保洁服务项目", ("环境服务", "环卫服务", "保洁服务"), ("城市管理局", "城市管理综合执法局")),
        ("机关印刷服务定点采购项目", ("印务", "印刷", "文化传媒"), ("机关事务管理局", "财政局")),
        ("办公楼物业管理服务项目", ("物业管理", "物业服务"), ("机关事务管理局", "人民医院")),
        ("公园绿化养护项目", ("园林绿化", "生态园林"), ("园林绿化中心", "城市管理局")),
        ("机关食堂餐饮服务项目", ("餐饮管理", "餐饮服务"), ("机关事务管理局", "教育局")),
        ("学校校服采购项目", ("服饰", "制衣"), ("教育局",)),
        ("职工体检服务项目", ("健康管理", "医疗科技"), ("总工会", "机关事务管理局")),
        ("会议会务服务项目", ("会展服务", "文化传播"), ("机关事务管理局", "商务局")),
        ("医院医疗设备维保项目", ("医疗设备", "医疗科技"), ("人民医院", "中医院")),
    ),
    "consulting": (
        ("工程造价咨询服务项目", ("工程咨询", "造价咨询"), ("财政局", "住房和城乡建设局")),
        ("法律顾问服务项目", ("法律咨询", "企业管理咨询"), ("司法局", "人民政府办公室")),
        ("城市更新规划设计项目", ("规划设计", "建筑设计"), ("自然资源和规划局",)),
        ("不动产测绘服务项目", ("测绘", "地理信息"), ("自然资源和规划局", "不动产登记中心")),
    ),
    "construction": (
        ("污水管网改造工程", ("建设工程", "市政工程"), ("水务局", "住房和城乡建设局")),
        ("乡村道路硬化工程", ("路桥工程", "建设工程"), ("交通运输局",)),
        ("中学教学楼扩建工程", ("建设工程", "建筑工程"), ("教育局",)),
        ("老旧小区改造工程", ("建设工程", "建筑劳务"), ("住房和城乡建设局",)),
        ("小型水库除险加固工程", ("水利水电工程", "建设工程"), ("水务局",)),
    ),
}
OTHER_SECTORS["other"] = OTHER_SECTORS["service"] + OTHER_SECTORS["consulting"] + OTHER_SECTORS["construction"]
BRAND_A = "星澜汇瀚峰睿博恒鼎锦辰宸骏泓沐澄霁珩翎禾朗昊启晟弘熠曜岚溪柏榕桐"
BRAND_B = "澜栈衡川谷帆阙宇途麟岳扬融穹岭塬溯驰拓泽原迈捷讯数桓"
# Pairs that spell a real company, product or place: never used as a fictional brand.
TAKEN_BRANDS = frozenset(("汇川", "禾川", "鼎捷", "弘讯", "星途", "澄迈", "博途", "星宇", "朗讯", "汇宇", "沐川", "星驰", "晨讯"))
CLOUD_SUFFIXES = ("云计算科技", "云科技", "数据科技", "信息技术", "网络科技", "信息科技", "云数据", "数字科技", "科技")
SURNAMES = "王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁任沈姚卢"
GIVEN = "伟芳娜敏静磊洋艳勇军杰娟涛明超秀霞平刚桂英华玉萍红建文辉力强琳晨宇浩然凯鹏丹坤"
MEDIA = (
    "东方财讯", "通信产业观察", "云端视点", "数字政务周刊", "科技日评", "南方商讯", "信通前沿", "政采观察",
    "IDC圈内参", "算力时代", "财经快线", "钛数科技评论",
)
AUTONOMOUS = {"广西": "广西壮族自治区", "内蒙古": "内蒙古自治区", "新疆": "新疆维吾尔自治区", "宁夏": "宁夏回族自治区"}
DIGITS = "零一两三四五六七八九"

TOKEN_FORMS = {
    "zero": (("0元", 0.0), ("零元", 0.0), ("0 元", 0.0), ("人民币0元", 0.0)),
    "cent": (("0.01元", 0.01), ("一分钱", 0.01), ("1分钱", 0.01), ("0.01 元", 0.01), ("0.01元人民币", 0.01)),
    "yuan": (("1元", 1.0), ("一元", 1.0), ("1块钱", 1.0), ("1.00元", 1.0), ("2元", 2.0),
             ("3元", 3.0), ("5元", 5.0), ("8元", 8.0), ("0.1元", 0.1), ("一毛钱", 0.1), ("10元", 10.0)),
}

# Page chrome that survives text extraction of real news pages: added to some web-style articles.
CHROME_STYLES = frozenset(("wire", "trade-press", "opinion", "interview", "wechat", "press-release", "digest"))
CHROME_HEADS = ("原标题：{title}", "【{media}】", "来源：{media}　{date}", "{date}　来源：{media}　作者：{reporter}")
CHROME_TAILS = (
    "（来源：{media}）", "责任编辑：{person}", "来源：{media}　责任编辑：{person}", "本文为{media}原创稿件，转载请注明出处。",
    "免责声明：本文转自网络，版权归原作者所有，如有侵权请联系删除。", "（完）", "点击“阅读原文”查看更多内容。",
)
CHROME_SHARE = 0.25
_SENTENCE = re.compile(r"[。！？!?\n]+")
_CHOICE = re.compile(r"\[(?:@(\w+):)?([^\[\]]*\|[^\[\]]*)\]")
_SLOT = re.compile(r"\{(\w+)\}")


def wan(value: float) -> str:
    """Render a yuan value as 万元 with the decimals it needs."""
    text = f"{value / 10000:.4f}".rstrip("0").rstrip(".")
    return f"{text}万元"


def render_money(rng: random.Random, value: float) -> str:
    """Render a round-to-the-yuan amount in one of the forms news writers use."""
    form = rng.random()
    if value >= 1e8 and form < 0.5:
        return f"{value / 1e8:.4f}".rstrip("0").rstrip(".") + "亿元"
    if form < 0.6:
        return wan(value)
    if form < 0.85:
        return f"{int(value):,}元"
    return f"{int(value)}元"


def cheng(ratio: float) -> str:
    """Chinese tenths (成) of a ratio, rounded, e.g. 0.7 -> 七."""
    tenths = max(1, min(9, round(ratio * 10)))
    return DIGITS[tenths]


def brand(rng: random.Random) -> str:
    """A fictional two-character brand."""
    while (name := rng.choice(BRAND_A) + rng.choice(BRAND_B)) in TAKEN_BRANDS:
        pass
    return name


def company(rng: random.Random, suffixes: tuple[str, ...]) -> tuple[str, str]:
    """A fictional company: (full legal name, short name)."""
    name = brand(rng)
    suffix = rng.choice(suffixes)
    city = rng.choice(CITIES)[1]
    full = f"{city}{name}{suffix}有限公司" if rng.random() < 0.75 else f"{name}{suffix}有限公司"
    if "云" in suffix or (suffixes is CLOUD_SUFFIXES and rng.random() < 0.2):
        short = f"{name}云"
    else:
        short = name + suffix[:2]
    return full, short


def person(rng: random.Random) -> str:
    """A fictional person's name."""
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


CLOUD_BUDGETS = (50, 80, 96, 120, 150, 198, 240, 300, 360, 480, 560, 720, 900, 1200, 1500, 1860, 2400, 3200, 4800,
                 12000, 23500)
OTHER_BUDGETS = (30, 45, 60, 86, 98, 120, 150, 180, 260, 320, 450, 600, 880, 1200)


def amounts(rng: random.Random, kind: str, sector: str) -> dict[str, object]:
    """Amount slots and values for one article; `kind` picks the price regime."""
    base = rng.choice(CLOUD_BUDGETS if sector == "cloud" else OTHER_BUDGETS)
    budget = float(base * 10000 + (rng.choice((0, 0, 0, 3000, 6800, 8000)) if base < 500 else 0))
    slots: dict[str, object] = {"budget_value": budget, "budget": render_money(rng, budget)}
    if kind.startswith("token"):
        pool = kind.split("-")[1:] or ["zero", "cent", "yuan"]
        text, value = rng.choice(TOKEN_FORMS[rng.choice(pool)])
        slots.update(amount=text, amount_value=value)
        second = round(budget * rng.uniform(0.82, 0.97), -2)
    elif kind == "low":
        ratio = rng.uniform(0.03, 0.3)
        value = round(budget * ratio, -2)
        slots.update(amount=render_money(rng, value), amount_value=value)
        second = round(value / rng.uniform(0.15, 0.5), -2)
    else:
        value = round(budget * rng.uniform(0.86, 0.995), -2)
        slots.update(amount=render_money(rng, value), amount_value=value)
        second = round(value * rng.uniform(1.01, 1.08), -2)
    value = float(slots["amount_value"])  # type: ignore[arg-type]
    ratio = value / budget
    slots.update(
        second=render_money(rng, second),
        pct=f"{ratio * 100:.1f}%".replace(".0%", "%") if ratio >= 0.001 else "不到千分之一",
        cheng=cheng(ratio) if ratio >= 0.05 else "半",
        gap=f"{(1 - value / second) * 100:.0f}%",
        gap_cheng=cheng(1 - value / second),
        n_bidders=str(rng.randint(3, 11)),
    )
    return slots


def base_slots(rng: random.Random, sector: str, vendors: tuple[str, ...]) -> dict[str, object]:
    """Every slot a skeleton may use, freshly drawn."""
    province, city = rng.choice(CITIES)
    if sector in OTHER_SECTORS:
        project, suffixes, agencies = rng.choice(OTHER_SECTORS[sector])
        agency = rng.choice(agencies)
    else:
        project, suffixes = rng.choice(CLOUD_PROJECTS), CLOUD_SUFFIXES
        agency = rng.choice(AGENCIES)
    winner, wshort = company(rng, suffixes)
    lender, lshort = company(rng, suffixes)
    rival, rshort = company(rng, suffixes)
    v1, v2 = rng.sample(vendors, 2)
    year = rng.choice((2019, 2020, 2021, 2022, 2023, 2024, 2025))
    month, day = rng.randint(1, 12), rng.randint(1, 28)
    return {
        "province": province, "pfull": AUTONOMOUS.get(province, f"{province}省"), "city": city, "city2": rng.choice(CITIES)[1],
        "buyer": f"{city}市{agency}", "project": project,
        "winner": winner, "wshort": wshort, "lender": lender, "lshort": lshort,
        "rival": rival, "rshort": rshort, "vendor": v1, "vendor2": v2,
        "person": person(rng), "person2": person(rng), "reporter": person(rng), "media": rng.choice(MEDIA),
        "year": str(year), "month": str(month), "day": str(day), "date": f"{year}年{month}月{day}日",
        "fine": str(rng.choice((1, 2, 3, 5, 10, 20, 30))), "days": str(rng.choice((15, 30, 45, 60, 90))),
        "code": f"{city[:1]}{rng.choice('CZGJ')}{year}-{rng.randint(100, 999)}",
    }


def resolve_choices(rng: random.Random, templates: list[str]) -> list[str]:
    """Replace every `[a|b|c]` with one alternative; all `[@key:…]` with the same key pick the same index."""
    picked: dict[str, int] = {}

    def one(match: re.Match[str]) -> str:
        options = match.group(2).split("|")
        if match.group(1) is None:
            return rng.choice(options)
        index = picked.setdefault(match.group(1), rng.randrange(len(options)))
        return options[index % len(options)]
    return [_CHOICE.sub(one, template) for template in templates]


def fill(template: str, slots: dict[str, object]) -> str:
    """Replace every `{slot}`; unknown slots are an error in the skeleton."""
    def one(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in slots:
            raise KeyError(f"unknown slot {{{key}}}")
        return str(slots[key])
    return _SLOT.sub(one, template).strip()


def from_skeleton(rng: random.Random, skel: dict, to_trad: Callable[[str], str]) -> dict[str, object]:
    """One article drawn from a skeleton."""
    sector = skel.get("sector", "cloud")
    slots = base_slots(rng, sector, REAL_VENDORS)
    slots.update(amounts(rng, skel.get("amount", "ordinary"), sector))
    title_t, text_t = resolve_choices(rng, [skel["title"], skel["text"]])
    used = set(_SLOT.findall(title_t + text_t))
    winner_slot = skel.get("winner_slot") or next((s for s in ("winner", "wshort") if s in used), None)
    item: dict[str, object] = {
        "title": fill(title_t, slots),
        "text": fill(text_t, slots),
        "label": skel["label"],
        "cloud_related": bool(skel["cloud"]),
        "winner": slots[winner_slot] if winner_slot and winner_slot in used else None,
        "buyer": slots["buyer"] if "buyer" in used else None,
        "amount_yuan": slots["amount_value"] if "amount" in used else None,
        "budget_yuan": slots["budget_value"] if "budget" in used else None,
        "style": skel["style"],
    }
    if skel["style"] in CHROME_STYLES and rng.random() < CHROME_SHARE:
        item["text"] = chrome(rng, str(item["title"]), str(item["text"]), slots)
    if skel["style"] == "traditional" or rng.random() < float(skel.get("trad", 0.0)):
        item = traditional(item, to_trad)
    return item


def chrome(rng: random.Random, title: str, text: str, slots: dict[str, object]) -> str:
    """Wrap a body in a header and/or footer line as web pages carry them (never past 12 sentences)."""
    lines = [text]
    room = 12 - len([s for s in _SENTENCE.split(text) if s.strip()])
    if room >= 1 and rng.random() < 0.5:
        lines.insert(0, fill(rng.choice(CHROME_HEADS), dict(slots, title=title)))
        room -= 1
    if room >= 1:
        lines.append(fill(rng.choice(CHROME_TAILS), slots))
    return "\n".join(lines)


def traditional(item: dict[str, object], to_trad: Callable[[str], str]) -> dict[str, object]:
    """The same article in traditional characters (names as written change with it)."""
    out = dict(item)
    for key in ("title", "text", "winner", "buyer"):
        if isinstance(out[key], str):
            out[key] = to_trad(out[key])  # type: ignore[arg-type]
    out["style"] = "traditional"
    return out


def skeleton_items(rng: random.Random, skeletons: list[dict], to_trad: Callable[[str], str]) -> list[dict]:
    """All instances of all skeletons, without duplicate texts."""
    items: list[dict] = []
    for skel in skeletons:
        seen: set[str] = set()
        tries = 0
        while len(seen) < int(skel.get("n", 10)) and tries < 200:
            tries += 1
            item = from_skeleton(rng, skel, to_trad)
            if item["text"] in seen:
                continue
            seen.add(str(item["text"]))
            item["group"] = skel["id"]
            items.append(item)
    return items


def oneoff_items(oneoffs: list[dict], to_trad: Callable[[str], str]) -> list[dict]:
    """Hand-written articles, each its own group; `trad: true` converts it."""
    items = []
    for art in oneoffs:
        item = {
            "title": art["title"].strip(), "text": art["text"].strip(), "label": art["label"],
            "cloud_related": bool(art["cloud"]), "winner": art.get("winner"), "buyer": art.get("buyer"),
            "amount_yuan": _number(art.get("amount")), "budget_yuan": _number(art.get("budget")),
            "style": art["style"], "group": art["id"],
        }
        items.append(traditional(item, to_trad) if art.get("trad") else item)
    return items


def _number(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _unit_hash(group: str) -> float:
    """A stable number in [0, 1) for a group id."""
    return int(hashlib.sha1(f"{SEED}:{group}".encode()).hexdigest()[:12], 16) / 16**12


def assign_splits(items: list[dict]) -> None:
    """Put a group in `test` when its stable hash falls below TEST_SHARE (so adding groups never moves
    others), topping up with the lowest-hash group of any label that would have none."""
    by_label: dict[str, set[str]] = {}
    for item in items:
        by_label.setdefault(item["label"], set()).add(item["group"])
    test = {g for groups in by_label.values() for g in groups if _unit_hash(g) < TEST_SHARE}
    for groups in by_label.values():
        if not groups & test:
            test.add(min(groups, key=_unit_hash))
    for item in items:
        item["split"] = "test" if item["group"] in test else "train"


def build() -> list[dict]:
    """The whole corpus, shuffled deterministically and numbered."""
    rng = random.Random(SEED)
    to_trad = OpenCC("s2t").convert
    skeletons = yaml.safe_load(SKELETONS.read_text(encoding="utf-8"))
    oneoffs = yaml.safe_load(ONEOFFS.read_text(encoding="utf-8")) if ONEOFFS.exists() else []
    items = skeleton_items(rng, skeletons, to_trad) + oneoff_items(oneoffs or [], to_trad)
    assign_splits(items)
    rng.shuffle(items)
    rows = []
    for number, item in enumerate(items, start=1):
        row = dict(item, id=f"n-{number:04d}", kind="news")
        rows.append({key: row[key] for key in FIELDS})
    return rows


def write(rows: list[dict], path: Path) -> None:
    """One JSON object a line, UTF-8."""
    lines = (json.dumps(row, ensure_ascii=False) for row in rows)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUTPUT, help="where to write the JSONL corpus")
    args = parser.parse_args()
    rows = build()
    write(rows, args.out)
    print(f"wrote {len(rows)} articles to {args.out}")


if __name__ == "__main__":
    main()
