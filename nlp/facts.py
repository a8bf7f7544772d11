"""Bulletin facts from pages and texts of any layout: notice type, parties, dates, budget and awarded lots."""

from __future__ import annotations

import re
import statistics
import unicodedata
from dataclasses import dataclass, field

from nlp.amounts import Amount, find_amounts, parse_amount
from nlp.labels import (
    INLINE_KEY,
    Pair,
    bare_label,
    cell_pairs,
    field_of,
    header_like,
    inline_pairs,
    parse_date,
    section_of,
)
from nlp.notice import CANCELLED, CANDIDATES, OTHER, NoticeType, notice_type_of
from nlp.parties import LEAD_ORG, clean_party, is_empty, unlabelled_parties
from nlp.prose import prose_award, prose_budget
from nlp.text import (
    CELL_SEP,
    ZERO_WIDTH,
    decode_html,
    element_text,
    page_text,
    parse_html,
    select,
    to_simplified,
)


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


@dataclass
class _Column:
    role: str
    index: int
    unit: str | None
    header: str


_SPECIFIC = re.compile(r"中标|成交|中选|合同")


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
    if not header_like(cells):
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
            if role in roles and not is_empty(get[role]):
                money = parse_amount(get[role], roles[role].unit)
                if money:
                    break
        rate = get.get("rate") if "rate" in roles and not is_empty(get.get("rate", "")) else None
        if money and money.kind == "rate":
            rate, money = money.raw, None
        party_role = next(r for r in ("winner", "candidate", "bidder") if r in roles)
        party = get[party_role]
        if is_empty(party) and money is None:
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


_LOWEST_WINS = re.compile(r"询价|比价|询比|最低价|最低评标价|最低投标价")
_UNIT_PRICED = re.compile(r"单价合同|按实际使用|据实结算|按实结算|按月结算|月结|以单价结算|框架协议|按量计费|按使用量")
_RESULT_HEADING = re.compile(r"(?:中标|成交|中选)(?:\(成交\))?(?:结果|信息|供应商|人|单位)")
_LOT_HEADING = re.compile(
    r"^(?:第\s*([一二三四五六七八九十\d]+)\s*(?:包|标段|标包|分包|包组|采购包)"
    r"|(?:标包|包组|分包|标段|采购包|包件|标项|包)\s*([A-Za-z\d一二三四五六七八九十]+)(?![\d.]))"
)
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

    def take(self, pair: Pair) -> None:
        """Fold one label/value pair into the fields, the lot being read, the bids, budget or summary."""
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
        section = section_of(line, section)
        heading = _LOT_HEADING.match(unicodedata.normalize("NFKC", cells[0]).strip())
        if heading and len(cells) == 1:
            state.take(Pair("lot", heading.group(0), None))
            rest = cells[0][heading.end():].strip(" :：、.)）")
            if rest and not INLINE_KEY.search(rest) and len(rest) <= 60:
                state.current["name"] = rest
        if len(cells) == 1 and index + 2 < len(rows) and bare_label(cells[0], section) and \
                re.fullmatch(r"[(（]\s*(?:万元|元|亿元)\s*[)）]", rows[index + 1][0]):
            # `拟中标金额` / `(万元)` / `326.641935`: a label wrapped onto two lines.
            rows[index + 1] = [cells[0] + rows[index + 1][0]]
            index += 1
            continue
        if len(cells) == 1 and index + 1 < len(rows) and (label := bare_label(cells[0], section)):
            following = CELL_SEP.join(rows[index + 1])
            if len(rows[index + 1]) == 1 and not bare_label(following, section) and not INLINE_KEY.search(following) \
                    and not _LOT_HEADING.match(following):
                # A label alone on its line, its value on the next (text copied out of a two-column table).
                state.take(Pair(label[0], following, label[1]))
                index += 2
                continue
        pairs = cell_pairs(cells, section) if len(cells) >= 2 else inline_pairs(cells[0], section)
        if pending_winner and (lead := LEAD_ORG.match(line)) and not (pairs and pairs[0].field == "winner"):
            state.take(Pair("winner", lead.group(0), None))
            if not any(p.field in ("amount", "bid", "rate") for p in pairs):
                # `重庆某某有限公司，总价355000.00元。` under a result heading.
                money = next((a for _, _, a in find_amounts(line[lead.end():]) if a.kind != "unit_price"), None)
                if money is not None:
                    state.take(Pair("amount", money.raw, None))
        for pair in pairs:
            state.take(pair)
        pending_winner = any(p.field == "winner" and not p.value for p in pairs) or (
            len(cells) == 1 and not pairs and _RESULT_HEADING.search(line[:30]) is not None)
        index += 1
    state.flush()
    state.unit_priced = _UNIT_PRICED.search(text) is not None
    return state, table_lots, table_bids, table_candidates, table_bid_rows


def _assemble(title: str | None, text: str, notice: NoticeType, hooks: dict | None = None) -> BulletinFacts:
    simplified = to_simplified(text)
    state, table_lots, table_bids, table_candidates, table_bid_rows = _parse(title, simplified)
    hooks = hooks or {}
    lots = hooks.get("lots") or table_lots + state.lots
    lots = _dedupe([lot for lot in lots if lot.winner or lot.amount_yuan is not None or lot.rate])
    has_winner_label = any(lot.winner for lot in lots)
    if notice == "other" and has_winner_label and not CANDIDATES.search(title or "") and not table_candidates \
            and not OTHER.search(title or ""):
        notice = "award"
    other_bids = table_bids + state.bids + table_candidates + state.candidates
    if notice == "other" and not any(lot.winner for lot in lots) and not table_candidates \
            and not CANDIDATES.search(title or ""):
        # News and reports: a win told in prose (`X公司以0.01元中标`) is an award even without a telling title.
        told = _told(title, simplified)
        if told and told.particular:
            if len(lots) == 1 and lots[0].amount_yuan in (None, told.amount_yuan):
                lots[0].winner = told.winner
                lots[0].amount_yuan = lots[0].amount_yuan if lots[0].amount_yuan is not None else told.amount_yuan
            else:
                lots = [Lot(winner=told.winner, amount_yuan=told.amount_yuan, amount_raw=told.amount_raw)]
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
            told = _told(title, simplified)
            if not lots and told:
                lots = [Lot(winner=told.winner, amount_yuan=told.amount_yuan, amount_raw=told.amount_raw)]
            elif told:
                lot = lots[0]
                if lot.winner is None and lot.amount_yuan in (None, told.amount_yuan):
                    lot.winner = told.winner
                if lot.amount_yuan is None and not lot.rate and not lot.amount_raw and told.winner in (None, lot.winner):
                    lot.amount_yuan, lot.amount_raw = told.amount_yuan, told.amount_raw
        _apply_summary(lots, state)
        if not lots and CANCELLED.search(simplified[:600]):
            notice = "cancelled"
    budget = state.budget.yuan if state.budget else prose_budget(simplified)
    awarded = {lot.amount_yuan for lot in lots}
    other_bids = [b for b in dict.fromkeys(other_bids) if b not in awarded]
    fields = state.fields
    unlabelled_parties(fields, title, simplified, {lot.winner for lot in lots})
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


def _told(title: str | None, text: str):
    """The win the text tells in prose; the headline's figure (`1分钱中标！…`) only when the text gives none."""
    return prose_award(text) or prose_award(f"{to_simplified(title or '')}。\n{text}")


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
_BLANKS = re.compile(r"\s+")


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
    first = None
    for selector in _TITLE_SELECTORS:
        for element in select(root, selector):
            heading = _BLANKS.sub(" ", element.text_content()).strip()
            if 4 <= len(heading) <= 200:
                if _NOTICE_WORDS.search(heading) and not _SITE_SUFFIX.search(heading):
                    return heading
                first = first or heading
    titles = root.xpath("//title/text()")
    return (_page_title(titles[0]) if titles else "") or first


def _hook_text(root, selector: str) -> str | None:
    for element in select(root, selector):
        text = _BLANKS.sub(" ", element.text_content()).strip()
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
            return _BLANKS.sub(" ", found[0].text_content()).strip() if found else ""

        money = parse_amount(cell("code-summaryPrice")) or parse_amount(cell("code-supplierReviewPrice"))
        rate = money.raw if money and money.kind == "rate" else None
        lots.append(_lot(cell("code-sectionNo"), None, cell("code-winningSupplierName"),
                         money if money and money.kind != "rate" else None, rate))
    hooks["lots"] = [lot for lot in lots if lot.winner or lot.amount_yuan is not None]
    hooks["code"] = _code(_hook_text(root, ".code-00004"))
    hooks["buyer"] = clean_party(_hook_text(root, ".code-00014"))
    hooks["agency"] = clean_party(_hook_text(root, ".code-00009"))
    dates = root.xpath("//meta[@name='PubDate']/@content") + [
        e.text_content() for e in select(root, "#pubTime")
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
    hooks = _html_hooks(root, url)
    if not hooks.get("date") and _DATE_WORDS.search(ZERO_WIDTH.sub("", root.text_content())):
        hooks["date"] = _labelled_date(element_text(root))
    text = page_text(html, url, root)
    notice = notice_type_of(to_simplified(title or ""), to_simplified(text[:400]))
    return _assemble(title, text, notice, hooks)


_DATE_LABEL = re.compile(
    r"(?:^|[^\u4e00-\u9fff])(?:发布|公告|公示|签署|发布|信息)(?:时间|日期)\s*[:：]?\s*(\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2})",
    re.M,
)


_DATE_WORDS = re.compile("[时時][间間]|日期")
"""What `_DATE_LABEL` needs in a page's text (traditional forms too), looked for before the page is serialised."""


def _labelled_date(text: str) -> str | None:
    """A publishing date labelled anywhere on the page (outside the main content too)."""
    match = _DATE_LABEL.search(to_simplified(text))
    return parse_date(match.group(1)) if match else None
