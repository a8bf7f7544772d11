"""The pack's human-readable Chinese report: grade → dimensions → facts → evidence, triggers highlighted."""

from __future__ import annotations

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

DIMENSIONS = (
    ("records", "不良失信行为记录情况", 30),
    ("self_discipline", "自律工作开展情况", 35),
    ("capability", "服务能力可信情况", 35),
)
LABELS = {
    "violation_type": {
        "zero_price_bid": "零元或象征性价格中标",
        "abnormally_low_bid": "异常低价中标",
        "license_lending": "出借、借用许可证或资质",
    },
    "status": {"confirmed": "已确认", "rejected": "已驳回", "pending": "待复核", "duplicate": "重复"},
    "list": {"bad": "不良名单", "dishonest": "失信名单", "record": "不良记录"},
    "tier": {"model": "自律标兵", "escort": "护航成员", "signer": "签署自律规范", "aware": "具有自律意识"},
    "location": {
        "domestic": "境内",
        "overseas": "境外",
        "hong_kong": "香港",
        "macao": "澳门",
        "taiwan": "台湾",
    },
    "scheme": {"comprehensive": "综合分级", "availability": "可用性分级"},
}

_env = Environment(
    loader=PackageLoader("packs", "templates"),
    autoescape=select_autoescape(["html"]),
    undefined=StrictUndefined,
    keep_trailing_newline=True,
)


def highlight(text: str, triggers: list[str]) -> list[tuple[str, bool]]:
    """Split `text` into (segment, is_trigger) pieces, marking every occurrence of a trigger sentence."""
    spans: list[tuple[int, int]] = []
    for trigger in sorted({t.strip() for t in triggers if t.strip()}, key=len, reverse=True):
        start = text.find(trigger)
        while start >= 0:
            end = start + len(trigger)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = text.find(trigger, end)
    pieces, cursor = [], 0
    for start, end in sorted(spans):
        if start > cursor:
            pieces.append((text[cursor:start], False))
        pieces.append((text[start:end], True))
        cursor = end
    if cursor < len(text) or not pieces:
        pieces.append((text[cursor:], False))
    return pieces


def num(value: object) -> str:
    """A number as people read it: thousands separators, no trailing `.0`; an em dash for none."""
    if value is None:
        return "—"
    if isinstance(value, int | float):
        return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"
    return str(value)


def label(kind: str, value: object) -> str:
    """The Chinese name of a coded value, or the value itself."""
    return LABELS.get(kind, {}).get(str(value), "" if value is None else str(value))


def render_report(manifest: dict, texts: dict[int, str]) -> str:
    """The report as HTML text; `texts` maps document id to its extracted text. All data is escaped."""
    template = _env.get_template("report.html")
    evidence = [
        {**item, "pieces": highlight(texts.get(item["document"]["id"], ""), item["triggers"])}
        for item in manifest["evidence"]
    ]
    return template.render(m=manifest, evidence=evidence, dimensions=DIMENSIONS, label=label, num=num)
