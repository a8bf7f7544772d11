"""Field labels of bulletins (中标供应商, 中标金额, 采购人 …) and the label/value pairs of a line or table row."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from nlp.amounts import unit_from_label
from nlp.parties import LEAD_ORG, ORG_SUFFIX
from nlp.text import CELL_SEP

_P = r"(?:\((?:成交|中选|选|比选)\))?"
FIELDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("summary", r"总中标金额|总成交金额|中标总金额|成交总金额|中标\(成交\)总金额|合计金额|合计|总计"),
        ("rate", r"(?:中标|成交|投标|报价)?(?:下浮率|下浮系数|下浮比例|下浮|费率|折扣率|折扣比例|折扣系数|优惠率|价格系数|让利率|报价系数)(?:\(%\))?"),
        ("budget", r"[\u4e00-\u9fff]{0,4}预算(?:金额|资金|价|总额)?|(?:最高|招标)?(?:控制价|限价)(?:\(最高限价\))?|最高投标限价|拦标价|采购限价|上限价|项目总投资"),
        ("unit_price", r"单价(?:报价)?|综合单价|中标单价|成交单价"),
        ("amount", rf"(?:中标|成交|中选|中标成交){_P}(?:金额|价格|价|总价|总金额|报价|价款)|合同(?:总)?金额|合同价(?:款)?|签约金额"),
        ("bid", r"(?!.*(?:服务费|代理费|保证金|费用|押金|文件|标书|预算|限价))[\u4e00-\u9fff()]{0,10}(?:报价|价格|金额|总价|投标价)(?:金额)?"),
        ("winner", rf"拟?(?:中标|成交|中选|中标成交){_P}(?:候选)?(?:供应商|单位|人|方|服务商|商|候选人|机构)(?:名称)?|第一(?:中标|成交)?{_P}候选人(?:名称)?|成交候选供应商|乙方(?:名称)?"),
        ("bidder", r"供应商(?:名称)?|投标人(?:名称)?|投标单位(?:名称)?|报价(?:单位|人|供应商)(?:名称)?|响应单位|比选单位|参与单位|投标供应商(?:名称)?|响应供应商(?:名称)?|单位名称|企业名称|公司名称"),
        ("agency", r"(?:采购|招标|政府采购)?代理机构(?:名称|全称)?|代理单位(?:名称)?|集中采购机构(?:名称)?|招标代理(?:人|单位)?(?:名称)?"),
        ("buyer", r"采购人(?:名称|全称)?|采购单位(?:名称|全称)?|招标人(?:名称|全称)?|招标单位(?:名称)?|采购方(?:名称)?|甲方(?:名称)?|建设单位(?:名称)?|采购机构|业主(?:单位)?|项目法人|项目业主"),
        ("code", r"(?:采购|招标)?项目编号|招标编号|招标文件编号|采购计划编号|采购编号|项目代码|计划编号|标段编号|交易编号|采购文件编号|项目编码|编号"),
        ("name", r"(?:采购)?项目名称|标项名称|(?:采购)?包(?:组)?名称|标段(?:\(包\))?名称|标的名称|名称"),
        ("date", r"公告时间|发布时间|签署时间|发布日期|公告日期|信息时间|公示时间|公示日期|合同签署时间|签订日期|合同签订日期|PubDate"),
        ("lot", r"包号|标包(?:号)?|包组(?:号)?|分包(?:号)?|标段(?:号|\(包\)号?)?|标项(?:号)?|采购包(?:号)?|包件(?:号)?|序号|包"),
    )
)
_NUMBERING = re.compile(r"^\s*(?:[A-Za-z]\s*[:：.、]\s*|[一二三四五六七八九十]+\s*[、.．)]|\(?[一二三四五六七八九十\d]+[)）]|\d+(?:\.\d+)*\s*[、.．)]?)\s*")


def _norm_key(key: str) -> tuple[str, str | None]:
    """A label without numbering, spaces and unit parentheticals, plus the unit it names."""
    key = unicodedata.normalize("NFKC", key)
    key = _NUMBERING.sub("", key).strip().strip(":").strip()
    key = re.sub(r"^[A-Za-z][A-Za-z .'/&-]*\s*(?=[\u4e00-\u9fff])", "", key)  # `Buyer 采购人`
    key = re.sub(r"(?<=..)(?:为|是)$", "", key)
    key = key.split("、")[0] if "、" in key and "(" not in key.split("、")[0] else key
    unit = unit_from_label(key)
    key = re.sub(r"\s+", "", key)
    key = re.sub(r"\((?:人民币)?(?:千元|万元|亿元|元|%|元/%|[^()]*等[^()]*|可填写[^()]*)\)", "", key)
    key = re.sub(r"[(\[]?单位:?(?:千元|万元|元)[)\]]?", "", key)
    return key.strip(":"), unit


_ENGLISH = (
    ("winner", re.compile(r"(?:winning|successful)?(?:bidder|supplier|vendor|tenderer)(?:name)?|winner|awardee|contractor")),
    ("amount", re.compile(r"(?:award|awarded|contract|winning|bid|tender)(?:price|amount|value|sum)|price")),
    ("buyer", re.compile(r"purchaser|buyer|procuringentity|procuringagency|contractingauthority|tenderee|employer")),
    ("agency", re.compile(r"(?:procurement|tendering|bidding)?agen(?:cy|t)")),
    ("budget", re.compile(r"budget(?:amount)?|ceilingprice|maximumprice|estimatedvalue")),
    ("code", re.compile(r"project(?:no|number|code|id)|tender(?:no|number)|reference(?:no|number)?|refno")),
    ("date", re.compile(r"(?:publish(?:ed)?|release|announcement|notice)?date")),
)


@lru_cache(maxsize=65536)
def field_of(key: str, section: str | None = None) -> tuple[str | None, str | None]:
    """The fact a label names (winner, amount, buyer …) and the unit it states, or (None, None)."""
    norm, unit = _norm_key(key)
    if not norm or len(norm) > 24:
        return None, unit
    if norm.isascii():
        english = re.sub(r"[^a-z]", "", norm.lower())
        return next((name for name, pattern in _ENGLISH if pattern.fullmatch(english)), None), unit
    # `供应商（乙方）`, `采购人（甲方）`: the label with its note, without it, then the note alone.
    bare = re.sub(r"\([^()]*\)", "", norm)
    notes = re.findall(r"\(([^()]*)\)", norm)
    # `…就某项目（项目编号：X）`: the label opened a bracket inside a sentence.
    opened = [bare.rsplit("(", 1)[1]] if bare.count("(") > bare.count(")") else []
    for candidate in dict.fromkeys([norm, bare, *reversed(notes), *opened]):
        for name, pattern in FIELDS:
            if candidate and pattern.fullmatch(candidate):
                if name == "name" and candidate == "名称" and section:
                    return section, unit
                if name == "bidder" and section == "winner":
                    return "winner", unit
                return name, unit
    return None, unit


_SECTION = (
    ("agency", re.compile(r"代理机构信息|代理机构联系")),
    ("buyer", re.compile(r"采购人信息|采购单位信息|招标人信息|采购人联系")),
    ("winner", re.compile(r"(?:中标|成交)(?:\(成交\))?(?:供应商)?信息|中标人信息")),
    (None, re.compile(r"项目联系方式|联系方式$|其他补充")),
)
# `label：value` inside a line; a label is a short run of CJK (with parentheses) right before a colon.
INLINE_KEY = re.compile(
    r"(?:^|(?<=[\s，;；。、|])|(?<=[^\d],))"
    r"((?:[\d一二三四五六七八九十]{1,3}[、.．)）]\s*|[A-Za-z][:：.、]\s*)?"
    r"[\u4e00-\u9fffA-Za-z(（][\u4e00-\u9fffA-Za-z()（）0-9、.．\[\]\s]{0,29}?)\s*[:：]"
)
_DATE = re.compile(r"(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})")


def parse_date(text: str | None) -> str | None:
    """The first date in a text as YYYY-MM-DD."""
    if not text:
        return None
    for match in _DATE.finditer(unicodedata.normalize("NFKC", text)):
        year, month, day = (int(g) for g in match.groups())
        if 1990 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None


@dataclass
class Pair:
    field: str
    value: str
    unit: str | None


_NO_COLON_PARTY = re.compile(
    r"(?<!原)(拟?(?:中标|成交|中选)(?:人|单位|供应商|方|者|企业|的是)|第一中标候选人)(?:为|是)?(?=[\u4e00-\u9fff])"
)
_NO_COLON_PRICE = re.compile(
    r"((?:中标|成交|中选|决标|得标)(?:价|金额|价格)|投标报价|合同金额|报价)(?:为|是)?"
    r"(?=\s*(?:人民币|RMB|[¥￥$])?\s*[\d零壹贰叁肆伍陆柒捌玖一二三四五六七八九])"
)


def _add_colons(line: str) -> str:
    """`中标人某某有限公司，中标价人民币肆拾玖万元整` → labels followed by a colon, so they pair with their values."""
    def party(match: re.Match[str]) -> str:
        rest = line[match.end():]
        label = "第一中标候选人" if match.group(1) == "第一中标候选人" else "中标人"
        lead = LEAD_ORG.match(rest)
        return " " + label + "：" if lead and not re.search(r"的|提交|持有|为", lead.group(0)) else match.group(0)

    line = _NO_COLON_PARTY.sub(party, line)
    return _NO_COLON_PRICE.sub(lambda m: " " + m.group(1) + "：", line)


def inline_pairs(line: str, section: str | None) -> list[Pair]:
    pairs: list[Pair] = []
    # `中标（成交）金额：（可填写下浮率、折扣率或费率）：980000元` — a note between label and value.
    line = re.sub(r"([:：])\s*[(（][^)）]{0,30}[)）]\s*[:：]", r"\1", line)
    line = _add_colons(line)
    keys = list(INLINE_KEY.finditer(line))
    for index, match in enumerate(keys):
        end = keys[index + 1].start() if index + 1 < len(keys) else len(line)
        name, unit = field_of(match.group(1), section)
        if name is None and len(match.group(1).split()) > 1:
            # `…日前确定 中标人：X`: the label is the last word of a longer run.
            name, unit = field_of(match.group(1).split()[-1], section)
        value = line[match.end():end].strip(" ,，;；。|")
        if name:
            pairs.append(Pair(name, value, unit))
        elif pairs and not pairs[-1].value and re.fullmatch(r"\s*(?:大写|小写|金额|人民币|币种)\s*", match.group(1)):
            # `招标控制价： 大写：人民币陆拾贰万…元整，小写：￥621400.00元`
            pairs[-1].value = value
    return pairs


def cell_pairs(cells: list[str], section: str | None) -> list[Pair]:
    pairs: list[Pair] = []
    if len(cells) >= 3 and header_like(cells):
        return pairs
    index = 0
    while index < len(cells):
        cell = cells[index]
        name, unit = field_of(cell, section) if cell and len(cell) <= 30 else (None, None)
        if name:
            # The value is the next non-empty cell (layout tables leave empty spanned cells between).
            following = next((i for i in range(index + 1, len(cells)) if cells[i]), None)
            if following is not None and field_of(cells[following], section)[0] is None \
                    and not HEADER_WORDS.fullmatch(cells[following]):
                pairs.append(Pair(name, cells[following], unit))
                index = following + 1
                continue
        if cell:
            pairs.extend(inline_pairs(cell, section))
        index += 1
    return pairs


HEADER_WORDS = re.compile(r"地址|联系|电话|排名|名次|备注|得分|说明|数量|规格|型号|要求|内容|品牌|原因|期限|工期|资质|业绩")


def header_like(cells: list[str]) -> bool:
    """Mostly column titles (known labels or words such as 地址, 备注, 数量) and no party names."""
    labelled = sum(1 for cell in cells if cell and len(cell) <= 24 and (field_of(cell)[0] or HEADER_WORDS.search(cell)))
    filled = sum(1 for cell in cells if cell)
    return labelled >= 2 and labelled >= filled / 2 and not any(
        re.search(ORG_SUFFIX + r"$", c) or re.fullmatch(r"[\d.,\s￥¥$%元万]*\d[\d.,\s￥¥$%元万]*", c) for c in cells)


@lru_cache(maxsize=1 << 15)
def bare_label(line: str, section: str | None) -> tuple[str, str | None] | None:
    """(field, unit) when a line is nothing but a known label, like `中标（成交）供应商名称`."""
    line = line.strip()
    if not line or len(line) > 24 or re.search(r"[:：]\s*\S", line) or CELL_SEP in line:
        return None
    name, unit = field_of(line, section)
    return (name, unit) if name and name != "lot" else None


@lru_cache(maxsize=1 << 15)
def section_of(line: str, section: str | None) -> str | None:
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", line))
    if len(compact) > 30 and ":" in compact[:12]:
        return section
    for name, pattern in _SECTION:
        if pattern.search(compact[:20]):
            return name
    if re.match(r"[一二三四五六七八九十]+[、.]|第[一二三四五六七八九十]+[章节部分]", compact):
        return None  # a new numbered section (`四、主要标的信息`) ends the previous one
    return section
