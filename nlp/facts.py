"""Bulletin facts from pages and texts of any layout: notice type, parties, dates, budget and awarded lots."""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from nlp.amounts import Amount, clean, find_amounts, parse_amount, unit_from_label
from nlp.text import CELL_SEP, decode_html, element_text, page_text, parse_html, to_simplified

NoticeType = Literal["award", "tender", "cancelled", "other"]


@dataclass
class Lot:
    """One awarded package (包/标段) or result row."""

    lot_no: str | None = None
    lot_name: str | None = None
    winner: str | None = None
    amount_yuan: float | None = None
    amount_raw: str | None = None
    rate: str | None = None


@dataclass
class BulletinFacts:
    """What a bulletin or article says: the notice, the parties and the awards."""

    notice_type: NoticeType
    title: str | None
    project_code: str | None = None
    buyer: str | None = None
    agency: str | None = None
    published: str | None = None
    budget_yuan: float | None = None
    lots: list[Lot] = field(default_factory=list)
    other_bids_yuan: list[float] = field(default_factory=list)
    text: str = ""

    @property
    def median_other_bid(self) -> float | None:
        """Median of the other bidders' prices, if the page lists any."""
        return statistics.median(self.other_bids_yuan) if self.other_bids_yuan else None


# --- notice type --------------------------------------------------------------------------------------

BRAND_WORDS = ("中标麒麟", "中标软件", "中标普华")
_CANCELLED = re.compile(r"废标|流标|终止|(?:采购|招标|项目)失败|取消(?:采购|招标)|不成功")
_OTHER = re.compile(
    r"更正|变更|澄清|答疑|补遗|补充公告|延期|暂停|中止|控制价公示|限价公示|"
    r"(?:质疑|异议|投诉)(?:的)?(?:答复|回复|处理)|处理决定"
)
_CANDIDATES = re.compile(r"候选人|评标结果公示|评审结果公示|评标结果|候选供应商|中标候选|入围公示|预中标")
_AWARD = re.compile(r"中标|成交|中选|结果公告|结果公示|采购结果|(?:招标|比选|竞价|谈判|磋商|询价|遴选)结果|合同公告|合同公示|签约公告|采购合同|项目合同$|定标|决标|得标")
_TENDER = re.compile(
    r"招标|采购公告|采购项目公告|采购需求|磋商|谈判|询价|询比|邀请|竞价|比选|单一来源|资格预审|公开采购|遴选公告|征集|招租|采购意向|招募"
)
_TYPES: tuple[tuple[NoticeType | str, re.Pattern[str]], ...] = (
    ("cancelled", _CANCELLED), ("other", _OTHER), ("candidates", _CANDIDATES), ("award", _AWARD), ("tender", _TENDER),
)


_RESULT_FOLLOWS = re.compile(r"(?:中标|成交|中选|采购)(?:\(成交\))?结果(?:公告|公示|公布)?如下")


def _type_in(source: str) -> NoticeType | None:
    """The notice type a title names; when several are named, the last one (`废标重招…成交公告` is an award)."""
    source = unicodedata.normalize("NFKC", source)
    for brand in BRAND_WORDS:
        source = source.replace(brand, "")
    best: tuple[int, int, str] | None = None
    for priority, (name, pattern) in enumerate(_TYPES):
        ends = [m.end() for m in pattern.finditer(source)]
        if ends and (best is None or (max(ends), -priority) > best[:2]):
            best = (max(ends), -priority, name)
    if best is None:
        return None
    return "other" if best[2] == "candidates" else best[2]  # type: ignore[return-value]


def notice_type_of(title: str, text: str = "") -> NoticeType:
    """award / tender / cancelled / other from the title, or from the start of the text when the title is silent."""
    if found := _type_in(title or ""):
        return found
    for line in (text or "").split("\n")[:6]:
        # Headings only: a `label：value` line or a table row names fields, not the notice (招标人 …).
        cells = [c for c in line.split("|") if c.strip()]
        if len(cells) == 1 and len(cells[0]) <= 60 and not re.search(r"[:：，,。]", cells[0]) \
                and (found := _type_in(cells[0])):
            return found
        if _RESULT_FOLLOWS.search(line):
            return "award"
    return "other"


# --- labels -------------------------------------------------------------------------------------------

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
_INLINE_KEY = re.compile(
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
class _Pair:
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
        lead = _LEAD_ORG.match(rest)
        return " " + label + "：" if lead and not re.search(r"的|提交|持有|为", lead.group(0)) else match.group(0)

    line = _NO_COLON_PARTY.sub(party, line)
    return _NO_COLON_PRICE.sub(lambda m: " " + m.group(1) + "：", line)


def _inline_pairs(line: str, section: str | None) -> list[_Pair]:
    pairs: list[_Pair] = []
    # `中标（成交）金额：（可填写下浮率、折扣率或费率）：980000元` — a note between label and value.
    line = re.sub(r"([:：])\s*[(（][^)）]{0,30}[)）]\s*[:：]", r"\1", line)
    line = _add_colons(line)
    keys = list(_INLINE_KEY.finditer(line))
    for index, match in enumerate(keys):
        end = keys[index + 1].start() if index + 1 < len(keys) else len(line)
        name, unit = field_of(match.group(1), section)
        if name is None and len(match.group(1).split()) > 1:
            # `…日前确定 中标人：X`: the label is the last word of a longer run.
            name, unit = field_of(match.group(1).split()[-1], section)
        value = line[match.end():end].strip(" ,，;；。|")
        if name:
            pairs.append(_Pair(name, value, unit))
        elif pairs and not pairs[-1].value and re.fullmatch(r"\s*(?:大写|小写|金额|人民币|币种)\s*", match.group(1)):
            # `招标控制价： 大写：人民币陆拾贰万…元整，小写：￥621400.00元`
            pairs[-1].value = value
    return pairs


def _cell_pairs(cells: list[str], section: str | None) -> list[_Pair]:
    pairs: list[_Pair] = []
    if len(cells) >= 3 and _header_like(cells):
        return pairs
    index = 0
    while index < len(cells):
        cell = cells[index]
        name, unit = field_of(cell, section) if cell and len(cell) <= 30 else (None, None)
        if name:
            # The value is the next non-empty cell (layout tables leave empty spanned cells between).
            following = next((i for i in range(index + 1, len(cells)) if cells[i]), None)
            if following is not None and field_of(cells[following], section)[0] is None \
                    and not _HEADER_WORDS.fullmatch(cells[following]):
                pairs.append(_Pair(name, cells[following], unit))
                index = following + 1
                continue
        if cell:
            pairs.extend(_inline_pairs(cell, section))
        index += 1
    return pairs


# --- tables with a header row -------------------------------------------------------------------------


@dataclass
class _Column:
    role: str
    index: int
    unit: str | None
    header: str


_SPECIFIC = re.compile(r"中标|成交|中选|合同")


_HEADER_WORDS = re.compile(r"地址|联系|电话|排名|名次|备注|得分|说明|数量|规格|型号|要求|内容|品牌|原因|期限|工期|资质|业绩")


def _header_like(cells: list[str]) -> bool:
    """Mostly column titles (known labels or words such as 地址, 备注, 数量) and no party names."""
    labelled = sum(1 for cell in cells if cell and len(cell) <= 24 and (field_of(cell)[0] or _HEADER_WORDS.search(cell)))
    filled = sum(1 for cell in cells if cell)
    return labelled >= 2 and labelled >= filled / 2 and not any(
        re.search(_ORG_SUFFIX + r"$", c) or re.fullmatch(r"[\d.,\s￥¥$%元万]*\d[\d.,\s￥¥$%元万]*", c) for c in cells)


def _header(cells: list[str]) -> dict[str, _Column] | None:
    """Column roles of a header row (winner/bidder, amount/bid/rate, lot, name) or None if not a header."""
    if len(cells) < 2 or any(parse_amount(c) and parse_amount(c).kind == "total" and len(c) < 20 and not field_of(c)[0]
                             for c in cells):
        return None
    roles: dict[str, _Column] = {}
    for index, cell in enumerate(cells):
        name, unit = field_of(cell)
        if name is None:
            continue
        role = name
        if name == "winner" and "候选" in cell:
            role = "candidate"
        if name in ("amount", "bid", "summary") and not _SPECIFIC.search(cell):
            role = "bid"
        roles.setdefault(role, _Column(role, index, unit, cell))
    if not _header_like(cells):
        return None
    has_party = any(r in roles for r in ("winner", "bidder", "candidate"))
    has_price = any(r in roles for r in ("amount", "bid", "rate", "unit_price"))
    if has_party and (has_price or "winner" in roles):
        return roles
    return None


@dataclass
class _Table:
    lots: list[Lot]
    bids: list[float]
    candidates: list[float]
    fields: dict[str, str] = field(default_factory=dict)
    bid_rows: list[tuple[str, Amount]] = field(default_factory=list)
    budget: float = 0.0


def _is_empty(value: str) -> bool:
    return value.strip(" -/—无") == "" or value.strip() in ("无", "/", "-", "—", "废标", "流标")


def _table_from(rows: list[list[str]], roles: dict[str, _Column], entrants: bool = False) -> _Table:
    """Lots (or bids) of a table under a header row; `entrants`: every listed supplier won (入围, 框架协议)."""
    table = _Table([], [], [])
    width = max(c.index for c in roles.values()) + 1
    for cells in rows:
        if len(cells) < width or re.match(r"\s*(合计|总计|小计)", cells[0]):
            continue
        get = {role: cells[col.index].strip() for role, col in roles.items()}
        for role in ("buyer", "agency", "code"):
            if get.get(role):
                table.fields.setdefault(role, get[role])
        if "budget" in roles and (ceiling := parse_amount(get["budget"], roles["budget"].unit)) and ceiling.yuan:
            table.budget += ceiling.yuan
        money = None
        for role in ("amount", "bid", "unit_price"):
            if role in roles and not _is_empty(get[role]):
                money = parse_amount(get[role], roles[role].unit)
                if money:
                    break
        rate = get.get("rate") if "rate" in roles and not _is_empty(get.get("rate", "")) else None
        if money and money.kind == "rate":
            rate, money = money.raw, None
        party_role = next(r for r in ("winner", "candidate", "bidder") if r in roles)
        party = get[party_role]
        if _is_empty(party) and money is None:
            continue
        specific = "winner" in roles or "amount" in roles or entrants
        if "candidate" in roles or not specific:
            if money and money.kind == "total" and money.yuan is not None:
                (table.candidates if "candidate" in roles else table.bids).append(money.yuan)
                if "bidder" in roles and clean_party(party):
                    table.bid_rows.append((party, money))
            if not specific and "candidate" not in roles:
                continue
            if "candidate" in roles:
                continue
        table.lots.append(_lot(get.get("lot"), get.get("name"), party, money, rate))
    return table


def _lot(lot_no: str | None, name: str | None, winner: str | None, money: Amount | None, rate: str | None) -> Lot:
    winner = clean_party(winner)
    if money is not None and money.kind == "unit_price":
        return Lot(lot_no or None, name or None, winner, None, money.raw, rate)
    return Lot(
        lot_no or None,
        name or None,
        winner,
        money.yuan if money else None,
        money.raw if money else None,
        rate,
    )


# --- parties ------------------------------------------------------------------------------------------

_ORG_SUFFIX = (
    r"(?:股份有限公司|有限责任公司|有限公司|集团公司|分公司|公司|集团|研究院|研究所|设计院|事务所|大学|学院|医院|"
    r"中心|委员会|管理局|人民政府|政府|办事处|学校|中学|小学|局|厅|委|办公室|办|站|所|厂|社|馆|行|院|队)"
)
_ORG = re.compile(rf"[\u4e00-\u9fffA-Za-z0-9()（）·&]{{2,40}}?{_ORG_SUFFIX}")
_LOWEST_WINS = re.compile(r"询价|比价|询比|最低价|最低评标价|最低投标价")
_UNIT_PRICED = re.compile(r"单价合同|按实际使用|据实结算|按实结算|按月结算|月结|以单价结算|框架协议|按量计费|按使用量")
_RESULT_HEADING = re.compile(r"(?:中标|成交|中选)(?:\(成交\))?(?:结果|信息|供应商|人|单位)")
_LEAD_ORG = re.compile(rf"^(?![请如凡经现本对若])[^，,：:\s|]{{2,60}}?{_ORG_SUFFIX}(?=$|[，,\s;；|(（])")
_LEADING = re.compile(
    r"^(?:由|被|经|确定|宣布|其中|据悉|最终|最后|而|又|则|为|是|以|向|与|和|及|称|该|其|将|均|系|共|本次|现|依法|决定|"
    r"同意|特此|研究|评审|推荐|公示|"
    r"原?(?:中标|成交|得标)(?:人|单位|供应商|方|厂商)|供应商|得标厂商)+"
)


def clean_party(value: str | None) -> str | None:
    """A party name as written: one line, no trailing punctuation, address or placeholder."""
    if not value:
        return None
    value = re.split(r"\s{2,}|\n|[;；。]|(?<=公司)\s|(?:地址|统一社会信用代码|联系人|联系方式|电话)[:：]|\d{4}\s*年\s*\d", value)[0]
    value = value.strip(" ,，:：、.。|")

    def opened(v: str) -> int:
        return v.count("(") + v.count("（") - v.count(")") - v.count("）")

    while value and value[-1] in ")）" and opened(value) < 0:
        value = value[:-1].strip()
    while value and value[0] in "(（" and opened(value) > 0:
        value = value[1:].strip()
    value = value.rstrip("(（").strip()
    value = re.sub(r"[(（](?:联合体)?(?:牵头人|牵头方|主办方|主体)[)）]", "", value)
    value = re.sub(r"\s*[(（][^()（）]*\d[^()（）]*(?:元|%)[)）]\s*$", "", value)
    if re.search(r"[(（]联合体成员[)）]", value):
        value = re.split(r"[、,，;；]", value)[0]
    if "，" in value:
        head = value.split("，")[0]
        if not re.search(_ORG_SUFFIX + r"$", head):
            return None
        value = head
    if not value or _is_empty(value) or re.match(r"(?:详见|见|参见|具体见|无(?!锡))|.*(?:公告原文|附件)$", value) or len(value) > 80:
        return None
    return value


_FIRM = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9()（）·&]{2,40}?(?:股份有限公司|有限责任公司|有限公司|集团公司|分公司|公司|集团|研究院|研究所|"
    r"设计院|事务所|银行|工作室)"
)
_SHORT_SUBJECT = re.compile(
    r"(?:^|[，,。；;：:\s、】\]）)—])(?:此前|最终|其中|由|而|但|后|则)?([\u4e00-\u9fffA-Za-z]{2,10}?)"
    r"(?:以|用|报价|报出|中标价|的报价|仅以|则以|最终以)[^，,。；;]{0,6}$"
)
_NOT_SUBJECT = re.compile(
    r"公司|企业|厂商|供应商|中标人|中标方|对方|该|一家|某|投标人|名|者|项目|方面|他们|我们|对手|同行|运营商|服务商|有的|个别|部分|"
    r"我司|本司|贵司|预算|限价|均价|报价|金额|价格|合同|约|近|仅|共|总|超|达|高达|不足|不到|以上|以下|左右|万|元|免费|试用"
)


def _short_subject(before: str) -> str | None:
    """A firm's short name right before its price: `，霁拓信息以124.17万元中标`, `泓栈云中标价353600元`."""
    match = _SHORT_SUBJECT.search(before)
    if match and not _NOT_SUBJECT.search(match.group(1)):
        return match.group(1)
    return None


def _prose_org(text: str) -> str | None:
    matches = list(_FIRM.finditer(text))
    if not matches:
        return None
    name = matches[-1].group(0).split("的")[-1]
    name = re.split(r"[和与及、]|为|由|被", name)[-1] if re.search(r"[和与及、]|为|由|被", name[:-2]) else name
    name = _LEADING.sub("", name)
    return name if len(name) >= 4 else None


# --- the parser -----------------------------------------------------------------------------------------

_LOT_HEADING = re.compile(
    r"^(?:第\s*([一二三四五六七八九十\d]+)\s*(?:包|标段|标包|分包|包组|采购包)"
    r"|(?:标包|包组|分包|标段|采购包|包件|标项|包)\s*([A-Za-z\d一二三四五六七八九十]+)(?![\d.]))"
)
_PROSE_AWARD = re.compile(
    r"中标|成交|中选|得标|拿下|拿走|斩获|胜出|夺标|获得|承接|确定由|价格为|报价为|报价仅|仅报|报出|签约|签下|入围"
)
_PROSE_NOT_AWARD = re.compile(r"预算|限价|控制价|估算|投资|市值|营收|融资|注册资本|罚款|损失")


@dataclass
class _State:
    lots: list[Lot] = field(default_factory=list)
    current: dict = field(default_factory=dict)
    bids: list[float] = field(default_factory=list)
    candidates: list[float] = field(default_factory=list)
    rates: list[str] = field(default_factory=list)
    summary: Amount | None = None
    budget: Amount | None = None
    unit_priced: bool = False
    fields: dict[str, str] = field(default_factory=dict)

    def flush(self) -> None:
        current = self.current
        if current.get("winner") or current.get("money") or current.get("rate"):
            # A supplier named beside the award price (`供应商：…` after `合同金额：…`) is the winner.
            winner = current.get("winner") or current.get("bidder")
            self.lots.append(_lot(current.get("lot_no"), current.get("name"), winner, current.get("money"),
                                  current.get("rate")))
        self.current = {}

    def take(self, pair: _Pair) -> None:
        kind, value = pair.field, pair.value
        if kind in ("code", "buyer", "agency", "date", "name") and value:
            if kind == "name" and (self.current.get("winner") or self.current.get("money")):
                return
            if kind == "name":
                self.current.setdefault("name", value)
            self.fields.setdefault(kind, value)
            return
        if kind == "lot":
            if not re.search(r"[\dA-Za-z一二三四五六七八九十]", value or ""):
                return
            if self.current.get("winner") or self.current.get("money"):
                self.flush()
            self.current["lot_no"] = value[:20]
            return
        if kind == "bidder":
            self.current["bidder"] = value
            return
        if kind in ("winner", "candidate"):
            if clean_party(value) is None:
                return
            if self.current.get("winner"):
                self.flush()
            self.current["winner"] = value
            # `成交供应商（成交金额）：X公司（7.4万元）`: the price in brackets after the name.
            priced = re.search(r"[(（]([^()（）]*\d[^()（）]*(?:元|%))[)）]\s*$", value)
            if priced and (money := parse_amount(priced.group(1), pair.unit)) is not None:
                self.current.setdefault("money", money)
            return
        money = parse_amount(value, pair.unit) if value else None
        if kind == "rate":
            if value and re.search(r"\d", value):
                self.rates.append(value.strip())
                self.current.setdefault("rate", value.strip())
            return
        if money is None:
            return
        if kind == "budget":
            if money.kind == "total" and self.budget is None:
                self.budget = money
            return
        if kind == "summary":
            if self.summary is None:
                self.summary = money
            return
        if money.kind == "rate":
            self.rates.append(money.raw)
            self.current.setdefault("rate", money.raw)
            return
        if kind == "bid" and (self.current.get("money") or not self.current.get("winner")):
            if money.kind == "total" and money.yuan is not None:
                self.bids.append(money.yuan)
            return
        if kind == "amount" and not self.current.get("winner") and self.current.get("bidder"):
            self.current["winner"] = self.current["bidder"]
        if self.current.get("money") is not None:
            if self.current.get("winner"):
                self.flush()
            else:
                return
        self.current["money"] = money


_COLUMN_FIELDS = ("lot", "name", "winner", "amount", "bid", "rate")


def _series(cells: list[str]) -> tuple[str, str | None] | None:
    """(field, unit) when a row is a label followed by one value per lot: `中标供应商 | 甲公司 | 乙公司`."""
    if len(cells) < 3:
        return None
    name, unit = field_of(cells[0])
    values = [c for c in cells[1:] if c]
    if name not in _COLUMN_FIELDS or len(values) < 2 or any(field_of(c)[0] for c in values):
        return None
    return name, unit


def _transposed(rows: list[list[str]], start: int) -> tuple[list[Lot], int] | None:
    """Lots laid out as columns (one row per field, one column per 包); returns the lots and the next row."""
    end, series = start, {}
    width = len(rows[start])
    while end < len(rows) and len(rows[end]) == width and (found := _series(rows[end])):
        series.setdefault(found[0], (rows[end][1:], found[1]))
        end += 1
    if "winner" not in series or end - start < 2:
        return None
    lots = []
    for column in range(width - 1):
        def cell(name: str, column: int = column) -> str | None:
            return series[name][0][column].strip() or None if name in series else None

        price_field = next((f for f in ("amount", "bid", "rate") if f in series), None)
        money = parse_amount(cell(price_field) or "", series[price_field][1]) if price_field else None
        rate = money.raw if money and money.kind == "rate" else cell("rate")
        winner = cell("winner")
        if winner or (money and money.kind != "rate"):
            lots.append(_lot(cell("lot"), cell("name"), winner, money if money and money.kind != "rate" else None,
                             rate))
    return lots, end


def _bare_label(line: str, section: str | None) -> tuple[str, str | None] | None:
    """(field, unit) when a line is nothing but a known label, like `中标（成交）供应商名称`."""
    line = line.strip()
    if not line or len(line) > 24 or re.search(r"[:：]\s*\S", line) or CELL_SEP in line:
        return None
    name, unit = field_of(line, section)
    return (name, unit) if name and name != "lot" else None


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Undo line breaks inside a value (text copied out of a PDF): an open bracket or a trailing hyphen."""
    out: list[str] = []
    for line in lines:
        previous = out[-1] if out else ""
        opened = previous.count("（") + previous.count("(") - previous.count("）") - previous.count(")")
        if previous and "|" not in previous and "|" not in line and line.strip() and (
                (opened > 0 and re.search(r"[)）]", line) and not re.search(r"[(（]", line.split(")")[0].split("）")[0]))
                or re.search(r"[A-Za-z0-9]-$", previous) and re.match(r"\s*[A-Za-z0-9]", line)):
            out[-1] = previous.rstrip() + line.strip()
            continue
        out.append(line)
    return out


def _rows(text: str) -> list[list[str]]:
    """Lines split into cells (` | ` from pages, tabs from exported sheets)."""
    rows = []
    for line in _join_broken_lines(text.split("\n")):
        if not line.strip():
            continue
        if "|" in line:
            rows.append([c.strip() for c in line.split("|")])
        elif "\t" in line.strip():
            rows.append([c.strip() for c in line.strip().split("\t")])
        else:
            rows.append([line.strip()])
    return rows


def _section_of(line: str, section: str | None) -> str | None:
    compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", line))
    if len(compact) > 30 and ":" in compact[:12]:
        return section
    for name, pattern in _SECTION:
        if pattern.search(compact[:20]):
            return name
    if re.match(r"[一二三四五六七八九十]+[、.]|第[一二三四五六七八九十]+[章节部分]", compact):
        return None  # a new numbered section (`四、主要标的信息`) ends the previous one
    return section


def _parse(title: str | None, text: str) -> tuple[_State, list[Lot], list[float], list[float], list[tuple[str, Amount]]]:
    """Walk the lines: header-row tables, label/value pairs, lot headings; returns what each found."""
    state = _State()
    table_bid_rows: list[tuple[str, Amount]] = []
    table_lots: list[Lot] = []
    table_bids: list[float] = []
    table_candidates: list[float] = []
    rows = _rows(text)
    section = None
    pending_winner = False
    index = 0
    while index < len(rows):
        cells = rows[index]
        if (columns := _transposed(rows, index)) is not None:
            block_lots, index = columns
            state.flush()
            table_lots.extend(block_lots)
            continue
        roles = _header(cells) if len(cells) >= 2 else None
        if roles:
            body = []
            index += 1
            while index < len(rows) and len(rows[index]) >= 2 and _header(rows[index]) is None:
                body.append(rows[index])
                index += 1
            table = _table_from(body, roles, entrants=bool(re.search(r"入围|框架协议", title or "")))
            if table.lots or table.bids or table.candidates:
                lot_no = state.current.get("lot_no") if not state.current.get("winner") else None
                if lot_no and len(table.lots) == 1 and table.lots[0].lot_no is None:
                    table.lots[0].lot_no = lot_no
                    state.current = {}
                state.flush()
                table_lots.extend(table.lots)
                table_bids.extend(table.bids)
                table_bid_rows.extend(table.bid_rows)
                table_candidates.extend(table.candidates)
                for key, value in table.fields.items():
                    state.fields.setdefault(key, value)
                if table.budget and state.budget is None:
                    state.budget = Amount(table.budget, f"{table.budget:g}", "total", "元")
                pending_winner = False
                continue
            index -= len(body)
        line = CELL_SEP.join(cells)
        section = _section_of(line, section)
        heading = _LOT_HEADING.match(unicodedata.normalize("NFKC", cells[0]).strip())
        if heading and len(cells) == 1:
            state.take(_Pair("lot", heading.group(0), None))
            rest = cells[0][heading.end():].strip(" :：、.)）")
            if rest and not _INLINE_KEY.search(rest) and len(rest) <= 60:
                state.current["name"] = rest
        if len(cells) == 1 and index + 2 < len(rows) and _bare_label(cells[0], section) and \
                re.fullmatch(r"[(（]\s*(?:万元|元|亿元)\s*[)）]", rows[index + 1][0]):
            # `拟中标金额` / `(万元)` / `326.641935`: a label wrapped onto two lines.
            rows[index + 1] = [cells[0] + rows[index + 1][0]]
            index += 1
            continue
        if len(cells) == 1 and index + 1 < len(rows) and (label := _bare_label(cells[0], section)):
            following = CELL_SEP.join(rows[index + 1])
            if len(rows[index + 1]) == 1 and not _bare_label(following, section) and not _INLINE_KEY.search(following) \
                    and not _LOT_HEADING.match(following):
                # A label alone on its line, its value on the next (text copied out of a two-column table).
                state.take(_Pair(label[0], following, label[1]))
                index += 2
                continue
        pairs = _cell_pairs(cells, section) if len(cells) >= 2 else _inline_pairs(cells[0], section)
        if pending_winner and (lead := _LEAD_ORG.match(line)) and not (pairs and pairs[0].field == "winner"):
            state.take(_Pair("winner", lead.group(0), None))
            if not any(p.field in ("amount", "bid", "rate") for p in pairs):
                # `重庆某某有限公司，总价355000.00元。` under a result heading.
                money = next((a for _, _, a in find_amounts(line[lead.end():]) if a.kind != "unit_price"), None)
                if money is not None:
                    state.take(_Pair("amount", money.raw, None))
        for pair in pairs:
            state.take(pair)
        pending_winner = any(p.field == "winner" and not p.value for p in pairs) or (
            len(cells) == 1 and not pairs and _RESULT_HEADING.search(line[:30]) is not None)
        index += 1
    state.flush()
    state.unit_priced = _UNIT_PRICED.search(text) is not None
    return state, table_lots, table_bids, table_candidates, table_bid_rows


def _prose_lots(text: str) -> tuple[list[Lot], list[float]]:
    """Awards told in prose (news): `X公司以0.01元中标`, `中标价为1分钱`."""
    cleaned = clean(text)
    found: list[Lot] = []
    for start, end, amount in find_amounts(cleaned):
        if amount.kind != "total":
            continue
        before, after = cleaned[max(0, start - 40):start], cleaned[end:end + 20]
        near = before[-14:] + after
        if _PROSE_NOT_AWARD.search(before[-10:]) or not _PROSE_AWARD.search(near):
            continue
        sentence = re.split(r"[。；;!！?？\n]", cleaned[max(0, start - 90):start])[-1]
        winner = _prose_org(sentence) or _short_subject(before) or _prose_org(after) or _addressee(cleaned)
        strong = bool(_STRONG_BEFORE.search(before[-8:]) or _STRONG_AFTER.match(after))
        found.append((strong, winner is not None, -start, Lot(None, None, _in_text(winner, text), amount.yuan,
                                                                amount.raw, None)))
    # The price most plainly told as the win (`以0.01元中标`, `中标价353600元`), naming its winner if possible.
    return ([max(found, key=lambda f: f[:3])[3]] if found else []), []


_PROSE_BUDGET = re.compile(r"(?:预算|最高限价|控制价|限价|拦标价)(?:金额|资金|总额|价)?(?:为|是|约|高达|达|仅|共|:|：)?\s*(?:人民币)?$")


def _prose_budget(text: str) -> float | None:
    """A budget or ceiling told in prose: `项目预算为24000000元`, `预算高达80.3万元`."""
    cleaned = clean(text)
    for start, _end, amount in find_amounts(cleaned):
        if amount.kind == "total" and amount.yuan and _PROSE_BUDGET.search(cleaned[max(0, start - 12):start]):
            return amount.yuan
    return None


_STRONG_BEFORE = re.compile(r"(?:以|用|中标价|成交价|中标金额|成交金额|中标价格|报价仅为|报价为|仅报|报出了?|价格为|中标价为|金额为)\s*(?:人民币)?$")
_STRONG_AFTER = re.compile(r"\s*(?:的价格|的报价|报价)?(?:中标|成交|得标|拿下|拿走|胜出|夺标|中选)")
_ADDRESSEE = re.compile(rf"(?:中标|成交)通知书\s*\n\s*([^\n:：]{{2,40}}?{_ORG_SUFFIX})\s*[:：]\s*\n")


def _addressee(text: str) -> str | None:
    """The winner a 中标通知书 / 成交通知书 is addressed to (`X公司：` on its own line)."""
    match = _ADDRESSEE.search(text[:400])
    return match.group(1).strip() if match else None


def _in_text(name: str | None, text: str) -> str | None:
    """`name` as the text writes it (full-width brackets and all), found again after normalisation."""
    if not name:
        return name
    pattern = "".join(
        "[(（]" if c in "(（" else "[)）]" if c in ")）" else re.escape(c) for c in name
    )
    match = re.search(pattern, text)
    return match.group(0) if match else name


def _assemble(title: str | None, text: str, notice: NoticeType, hooks: dict | None = None) -> BulletinFacts:
    simplified = to_simplified(text)
    state, table_lots, table_bids, table_candidates, table_bid_rows = _parse(title, simplified)
    hooks = hooks or {}
    lots = hooks.get("lots") or table_lots + state.lots
    lots = _dedupe([lot for lot in lots if lot.winner or lot.amount_yuan is not None or lot.rate])
    has_winner_label = any(lot.winner for lot in lots)
    if notice == "other" and has_winner_label and not _CANDIDATES.search(title or "") and not table_candidates \
            and not _OTHER.search(title or ""):
        notice = "award"
    other_bids = table_bids + state.bids + table_candidates + state.candidates
    if notice == "other" and not any(lot.winner for lot in lots) and not table_candidates \
            and not _CANDIDATES.search(title or ""):
        # News and reports: a win told in prose (`X公司以0.01元中标`) is an award even without a telling title.
        prose, _ = _prose_lots(simplified)
        if prose and prose[0].winner:
            if len(lots) == 1 and lots[0].amount_yuan in (None, prose[0].amount_yuan):
                lots[0].winner = prose[0].winner
                lots[0].amount_yuan = lots[0].amount_yuan if lots[0].amount_yuan is not None else prose[0].amount_yuan
            else:
                lots = prose
            notice = "award"
    if notice != "award":
        other_bids += [lot.amount_yuan for lot in lots if lot.amount_yuan is not None]
        lots = []
    else:
        if not lots and table_bid_rows and _LOWEST_WINS.search(f"{title or ''}\n{simplified[:800]}"):
            # 询价/比价: the lowest responsive price wins when the page names no winner.
            party, money = min(table_bid_rows, key=lambda row: row[1].yuan or 0.0)
            lots = [_lot(None, None, party, money, None)]
        if not lots or (len(lots) == 1 and (lots[0].winner is None or lots[0].amount_yuan is None)):
            prose, _ = _prose_lots(simplified)
            if not lots:
                lots = prose
            elif prose:
                lot, told = lots[0], prose[0]
                if lot.winner is None and lot.amount_yuan in (None, told.amount_yuan):
                    lot.winner = told.winner
                if lot.amount_yuan is None and not lot.rate and not lot.amount_raw and told.winner in (None, lot.winner):
                    lot.amount_yuan, lot.amount_raw = told.amount_yuan, told.amount_raw
        _apply_summary(lots, state)
        if not lots and _CANCELLED.search(simplified[:600]):
            notice = "cancelled"
    budget = state.budget.yuan if state.budget else _prose_budget(simplified)
    awarded = {lot.amount_yuan for lot in lots}
    other_bids = [b for b in dict.fromkeys(other_bids) if b not in awarded]
    fields = state.fields
    _unlabelled_parties(fields, title, simplified, lots)
    if simplified != text:
        _as_written(lots, fields, simplified, text)
    return BulletinFacts(
        notice_type=notice,
        title=title,
        project_code=hooks.get("code") or _code(fields.get("code")),
        buyer=hooks.get("buyer") or clean_party(fields.get("buyer")),
        agency=hooks.get("agency") or clean_party(fields.get("agency")),
        published=hooks.get("date") or parse_date(fields.get("date")),
        budget_yuan=budget,
        lots=lots,
        other_bids_yuan=other_bids,
        text=text,
    )


_ENTRUSTED = re.compile(
    r"受(?P<buyer>[^，,。；;（(]{2,40}?)(?:的)?委托[，,]?\s*(?P<agency>[^，,。；;]{2,40}?" + _ORG_SUFFIX + r")"
    r"(?=对|就|于|以|拟|在|组织|现|将|采用|依法)"
)
_TITLE_BUYER = re.compile(
    r"^(?:关于)?(?P<buyer>[\u4e00-\u9fff（）()]{2,30}?(?:中心|局|委员会|人民政府|政府|办事处|学院|大学|学校|中学|小学|医院|馆|"
    r"办公室|公司|集团|厅|研究院|研究所|站|队|委|院|所|社))(?=\d{4}|关于|的|[\u4e00-\u9fff]{0,20}(?:项目|采购|服务))"
)


_GOV = (
    r"[\u4e00-\u9fff]{1,10}(?:省|市|县|区|州|旗|镇|乡)[\u4e00-\u9fff（）]{0,18}?"
    r"(?:人民政府办公室|人民政府|办公室|委员会|管理局|局|中心|医院|学校|中学|小学|大学|学院|总工会|工会|卫健委|发改委|教委|"
    r"经信委|网信办|政务办|大数据办|厅|法院|检察院|博物馆|图书馆|档案馆|支队|大队)"
)
_ANNOUNCERS = re.compile(r"财政厅|财政局|通信管理局|市场监督管理局|市场监管局|公共资源交易中心|政府采购中心|审计局")
_BOUNDARY = r"(?:^|[，,：:】\]\s]|参与|参加|在|由|为|据)"
_PROSE_BUYERS = (
    re.compile(rf"收到(?P<b>{_GOV})(?:发出)?的(?:中标|成交)通知书"),
    re.compile(rf"向(?P<b>{_GOV})(?:提出|提交)质疑"),
    re.compile(rf"{_BOUNDARY}(?P<b>{_GOV})(?:日前|近日|近期|今日|昨日|正式)?(?:发布|公布|公示|发出|挂出|宣布|确定)"),
    re.compile(rf"{_BOUNDARY}(?P<b>{_GOV})的?[^，。；]{{2,40}}?(?:项目|采购)"),
)


def _prose_buyer(text: str) -> str | None:
    """The buyer named in prose: `收到X发出的中标通知书`, `X日前公布…结果`, `X的…项目`."""
    for sentence in re.split(r"[。！？!?\n]", text[:1500]):
        for pattern in _PROSE_BUYERS:
            if (match := pattern.search(sentence)) and not _ANNOUNCERS.search(match.group("b")):
                buyer = re.sub(r"^.*(?:在|向|由|据|与|对|以|签约|名义)(?=[\u4e00-\u9fff]{1,10}(?:省|市|县|区|州|旗))", "",
                               match.group("b"))
                return _LEADING.sub("", buyer)
    return None


def _unlabelled_parties(fields: dict[str, str], title: str | None, text: str, lots: list[Lot]) -> None:
    """Buyer and agency named without labels: `受X委托，Y对…`, an issuing body heading the text, the title."""
    if (not fields.get("buyer") or not fields.get("agency")) and (match := _ENTRUSTED.search(text[:1500])):
        fields.setdefault("buyer", match.group("buyer"))
        fields.setdefault("agency", match.group("agency"))
    if fields.get("buyer"):
        return
    winners = {lot.winner for lot in lots}
    first = text.lstrip().split("\n", 1)[0].strip()
    if _ORG.fullmatch(first) and first not in winners and len(first) <= 30:
        fields["buyer"] = first
        return
    title = to_simplified(unicodedata.normalize("NFKC", title or "")).strip()
    if (match := _TITLE_BUYER.match(title)) and match.group("buyer") not in winners \
            and re.search(r"采购|招标|项目|服务|工程|磋商|询价|谈判|中标|成交|比选|竞价", title) \
            and not re.search(r"通报|通知|决定书|处罚|处理情况|意见|办法", title):
        fields["buyer"] = match.group("buyer")
        return
    if buyer := _prose_buyer(text):
        if buyer not in winners:
            fields["buyer"] = buyer


def _original(value: str | None, simplified: str, original: str) -> str | None:
    """The span of the original (traditional) text that `value`, found in the simplified text, came from."""
    if not value or len(simplified) != len(original):
        return value
    index = simplified.find(value)
    return original[index:index + len(value)] if index >= 0 else value


def _as_written(lots: list[Lot], fields: dict[str, str], simplified: str, original: str) -> None:
    """Names as written: facts parsed from text folded to simplified characters get their original form back."""
    for lot in lots:
        lot.winner = _original(lot.winner, simplified, original)
        lot.lot_name = _original(lot.lot_name, simplified, original)
    for key in ("buyer", "agency", "code"):
        fields[key] = _original(fields.get(key), simplified, original)  # type: ignore[assignment]


def _dedupe(lots: list[Lot]) -> list[Lot]:
    """One lot per (winner, amount): bulletins often repeat the result in a quoted appendix."""
    kept: list[Lot] = []
    for lot in lots:
        twin = next((k for k in kept if k.winner == lot.winner and (
            (k.amount_yuan, k.rate) == (lot.amount_yuan, lot.rate)
            or (k.amount_yuan is None and not k.rate) or (lot.amount_yuan is None and not lot.rate))), None)
        if twin is None:
            kept.append(lot)
            continue
        # The same winner named twice (候选人 list, then 中标人 with the price): keep what each knows.
        for name in ("lot_no", "lot_name", "amount_yuan", "amount_raw", "rate"):
            if getattr(twin, name) is None:
                setattr(twin, name, getattr(lot, name))
    return kept


def _apply_summary(lots: list[Lot], state: _State) -> None:
    """Use the summary total for a single lot without an amount; a zero total beside a rate is no price."""
    summary = state.summary
    if summary is not None and summary.kind == "total" and len(lots) <= 1:
        if not lots:
            lots.append(Lot())
        lot = lots[0]
        if lot.amount_yuan is None and not lot.amount_raw:
            lot.amount_yuan, lot.amount_raw = summary.yuan, summary.raw
    for lot in lots:
        if lot.amount_yuan == 0 and (lot.rate or (state.rates and len(lots) == 1)):
            lot.rate = lot.rate or state.rates[0]
            lot.amount_yuan = None
        elif lot.amount_yuan == 0 and state.unit_priced:
            # A zero total on a framework / unit-price contract (settled by usage): no price, raw kept.
            lot.amount_yuan = None
    lots[:] = [lot for lot in lots if lot.winner or lot.amount_yuan is not None or lot.rate]


def _code(value: str | None) -> str | None:
    """A project code: the first token of the value, without a closing bracket that belongs to the sentence."""
    if not value:
        return None
    value = unicodedata.normalize("NFKC", value).strip()
    value = re.split(r"\s|,|;|。|\)(?=[\u4e00-\u9fff]{2})", value)[0].strip(" :：、")
    if value.count(")") > value.count("("):
        value = value[: value.index(")")]
    if value.count("]") > value.count("["):
        value = value[: value.index("]")]
    return value or None


# --- entry points --------------------------------------------------------------------------------------


def facts_from_text(title: str, text: str) -> BulletinFacts:
    """Facts from a plain text (news article, bulletin text, JSONL input)."""
    title = (title or "").strip()
    text = text or ""
    notice = notice_type_of(to_simplified(title), to_simplified(text[:400]))
    return _assemble(title or None, text, notice)


_TITLE_SELECTORS = (
    "div.vF_detail_header h2", "h2.tc", "h4.h4_o", "div.detail h4", "h1", "div.title", "div.article-title", ".title h2",
    "h2", "h3", "h4", "p.title", "div.tit", "td.title",
)
_NOTICE_WORDS = re.compile(r"公告|公示|结果|招标|采购|中标|成交|合同|通知|决定|通报|预告|邀请|询价|磋商|谈判|更正|终止|流标|废标")
_SITE_SUFFIX = re.compile(r"(?:网|网站|平台|门户|系统|中心|首页|政府)$")


def _page_title(raw: str) -> str:
    """A `<title>` without the site name (`…中标公告_中国政府采购网`, `…公告 - 某市公共资源交易网`)."""
    parts = [p.strip() for p in re.split(r"\s*[_|｜]\s*|\s+[-—–]\s+", raw.strip()) if p.strip()]
    if len(parts) == 1 and (match := re.match(r"(.+?)[-—](?P<site>[^-—]{2,20})$", parts[0])):
        if _SITE_SUFFIX.search(match.group("site")):
            parts = [match.group(1)]
    kept = [p for p in parts if not (_SITE_SUFFIX.search(p) and not _NOTICE_WORDS.search(p))]
    return (kept or parts or [""])[0]


def _html_title(root) -> str | None:
    """The bulletin title: page meta, then the first heading that reads like a notice, then `<title>`."""
    meta = root.xpath("//meta[@name='ArticleTitle']/@content | //meta[@property='og:title']/@content")
    if meta and meta[0].strip():
        return meta[0].strip()
    titles = root.xpath("//title/text()")
    page = _page_title(titles[0]) if titles else ""
    headings = []
    for selector in _TITLE_SELECTORS:
        for element in root.cssselect(selector):
            text = re.sub(r"\s+", " ", element.text_content()).strip()
            if 4 <= len(text) <= 200:
                headings.append(text)
    for heading in headings:
        if _NOTICE_WORDS.search(heading) and not _SITE_SUFFIX.search(heading):
            return heading
    if page:
        return page
    return headings[0] if headings else None


def _hook_text(root, selector: str) -> str | None:
    for element in root.cssselect(selector):
        text = re.sub(r"\s+", " ", element.text_content()).strip()
        if text:
            return text
    return None


def _html_hooks(root, url: str | None) -> dict:
    """Facts the page marks up explicitly: ccgp `code-*` classes, PubDate meta, #pubTime."""
    hooks: dict = {}
    lots = []
    for row in root.xpath("//tr[td[contains(concat(' ', normalize-space(@class), ' '), ' code-winningSupplierName ')]]"):
        def cell(name: str, row=row) -> str:
            found = row.xpath(f".//td[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]")
            return re.sub(r"\s+", " ", found[0].text_content()).strip() if found else ""

        money = parse_amount(cell("code-summaryPrice")) or parse_amount(cell("code-supplierReviewPrice"))
        rate = money.raw if money and money.kind == "rate" else None
        lots.append(_lot(cell("code-sectionNo"), None, cell("code-winningSupplierName"),
                         money if money and money.kind != "rate" else None, rate))
    hooks["lots"] = [lot for lot in lots if lot.winner or lot.amount_yuan is not None]
    hooks["code"] = _code(_hook_text(root, ".code-00004"))
    hooks["buyer"] = clean_party(_hook_text(root, ".code-00014"))
    hooks["agency"] = clean_party(_hook_text(root, ".code-00009"))
    dates = root.xpath("//meta[@name='PubDate']/@content") + [
        e.text_content() for e in root.cssselect("#pubTime")
    ]
    hooks["date"] = next((d for d in (parse_date(x) for x in dates) if d), None)
    if hooks["date"] is None and url and (match := re.search(r"/t(\d{4})(\d{2})(\d{2})_", url)):
        hooks["date"] = parse_date("-".join(match.groups()))
    return hooks


def extract_facts(page: str | bytes, *, url: str | None = None, declared_encoding: str | None = None) -> BulletinFacts:
    """Facts from a saved HTML page of any layout (bytes are decoded from their own declarations)."""
    html = decode_html(page, declared_encoding)[0] if isinstance(page, bytes) else page
    root = parse_html(html)
    title = _html_title(root)
    text = page_text(html, url)
    hooks = _html_hooks(root, url)
    if not hooks.get("date"):
        hooks["date"] = _labelled_date(element_text(root))
    notice = notice_type_of(to_simplified(title or ""), to_simplified(text[:400]))
    return _assemble(title, text, notice, hooks)


_DATE_LABEL = re.compile(
    r"(?:^|[^\u4e00-\u9fff])(?:发布|公告|公示|签署|发布|信息)(?:时间|日期)\s*[:：]?\s*(\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2})",
    re.M,
)


def _labelled_date(text: str) -> str | None:
    """A publishing date labelled anywhere on the page (outside the main content too)."""
    match = _DATE_LABEL.search(to_simplified(text))
    return parse_date(match.group(1)) if match else None


