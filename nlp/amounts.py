"""Money amounts as written in Chinese bulletins and news: 元/万元/亿元, ¥, 大写 numerals, rates, unit prices."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Kind = Literal["total", "rate", "unit_price"]


@dataclass(frozen=True)
class Amount:
    """One parsed amount. `yuan` is None for rates; `rate` holds the number of a rate (e.g. 20.5 for 20.5%)."""

    yuan: float | None
    raw: str
    kind: Kind
    currency_unit: str | None
    rate: float | None = None


MULTIPLIERS = {
    "元": 1.0,
    "圆": 1.0,
    "块钱": 1.0,
    "块": 1.0,
    "千元": 1e3,
    "万元": 1e4,
    "万": 1e4,
    "十万元": 1e5,
    "百万元": 1e6,
    "千万元": 1e7,
    "亿元": 1e8,
    "亿": 1e8,
    "角": 0.1,
    "毛钱": 0.1,
    "毛": 0.1,
    "分钱": 0.01,
}
RATE_WORDS = ("下浮率", "下浮系数", "下浮比例", "下浮", "费率", "折扣率", "折扣比例", "折扣系数", "折扣", "优惠率",
              "价格系数", "让利率", "系数", "百分比")
_ZERO_WIDTH = re.compile("[\u200b-\u200f\u202a-\u202e\u2060\ufeff]")
_TAGS = re.compile(r"<[^<>]{0,400}>")
_CURRENCY_PREFIX = r"(?:[¥$]|RMB|CNY|人民币|金额|小写|价款|报价|总价|价格|为|:)"

_DIGIT_NUMBER = re.compile(
    r"(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\s{0,2}\.\s{0,2}(?P<frac>\d+))?"
)
# After a number: the money unit (and a per-unit suffix for unit prices), or a percent sign.
_UNIT_AFTER = re.compile(
    r"\s{0,3}(?:\((?:人民币|RMB)\)\s*)?(?P<open>\(\s*)?(?P<unit>千万元|百万元|十万元|千元|万元|亿元|万|亿|元|圆|块钱|块|毛钱|分钱|%|‰)"
    r"(?P<per>\s*(?:/|每)\s*[^\s,;。;,()]{1,12})?"
)
_NON_MONEY_AFTER = re.compile(
    r"\s{0,2}\(?\s*(?:年|月|日|号|天|个|名|家|次|项|人|台|套|包|标段|期|条|小时|分(?!钱)|米|平方|km|公里|kg|吨|页|份|张|本|点|时|周|岁|位|级|-\d|:)"
)
_NON_MONEY_BEFORE = re.compile(r"(?:第|包|标段|序号|编号|No\.?|NO\.?|电话|传真|邮编|[A-Za-z\-_/#\[〔【])\s{0,2}$")

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "三": 3, "叁": 3, "四": 4, "肆": 4,
    "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
_CN_NUM_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_BIG)
_CAPITALS = set("壹贰叁肆伍陆柒捌玖拾佰仟")
_CN_AMOUNT = re.compile(
    rf"(?P<num>[{_CN_NUM_CHARS}]+)\s{{0,2}}(?P<unit>元|圆|块钱|块)"
    rf"(?:\s{{0,2}}(?P<jiao>[{''.join(_CN_DIGITS)}])角)?(?:\s{{0,2}}(?P<fen>[{''.join(_CN_DIGITS)}])分)?(?:整|正)?"
    rf"|(?P<fen_only>[{''.join(_CN_DIGITS)}])\s{{0,2}}分(?P<qian>钱)?"
    rf"|(?P<zero_bid>零报价|零元?报价|0报价)"
    rf"|(?P<jiao_only>[{''.join(_CN_DIGITS)}])\s{{0,2}}(?:角|毛)(?:钱)?"
)


def _cn_integer(text: str) -> int | None:
    """Value of a Chinese numeral such as 贰仟捌佰叁拾贰万零陆佰零肆 or 三十万 (None if malformed)."""
    total, section, digit = 0, 0, None
    seen = False
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
            seen = True
        elif char in _CN_SMALL:
            section += (1 if digit is None else digit) * _CN_SMALL[char]
            digit = None
            seen = True
        elif char in _CN_BIG:
            section += digit or 0
            if section == 0 and total == 0:
                return None
            if _CN_BIG[char] == 100_000_000:
                total = (total + section) * 100_000_000
            else:
                total += section * _CN_BIG[char]
            section, digit = 0, None
        else:
            return None
    if not seen and total == 0:
        return None
    return total + section + (digit or 0)


def clean(text: str) -> str:
    """NFKC, no zero-width characters, unrendered tags (JSTL `<fmt:formatnumber>`) removed."""
    text = _TAGS.sub(" ", _ZERO_WIDTH.sub("", text))
    text = unicodedata.normalize("NFKC", text).replace("％", "%")
    # Sloppy duplicated units such as `壹佰玖拾伍万 万 元整`.
    return re.sub(r"万(\s*万)+", "万", text)


def _strip_parentheticals(label: str) -> str:
    return re.sub(r"\([^()\d]*\)", "", label)


def unit_from_label(label: str) -> str | None:
    """The money unit a label or column header names: `中标金额(万元)`, `（单位：元）`, `中标价（万元）`."""
    label = clean(label)
    match = re.search(r"(?:\(|单位\s*:?\s*)\s*(人民币)?\s*(千元|万元|亿元|元)\s*(?:\)|$|/)", label)
    if match:
        return match.group(2)
    match = re.search(r"(万元|亿元)\s*$", label)
    return match.group(1) if match else None


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    amount: Amount


def _rate_context(before: str) -> bool:
    window = _strip_parentheticals(before)[-14:]
    return any(word in window for word in RATE_WORDS)


def _digit_hits(text: str, unit_hint: str | None, bare: bool) -> Iterator[_Hit]:
    for match in _DIGIT_NUMBER.finditer(text):
        start, end = match.span()
        before, after = text[max(0, start - 40):start], text[end:end + 40]
        if re.search(r"[\d.]$", before):
            continue
        frac = match.group("frac")
        number = float(match.group("int").replace(",", "") + ("." + frac if frac else ""))
        unit_match = _UNIT_AFTER.match(after)
        prefixed = re.search(r"[¥$]\s{0,2}$|(?:RMB|CNY|人民币)\s{0,2}:?\s{0,2}$", before) is not None
        raw_end = end + (unit_match.end() if unit_match else 0)
        if before[-1:] == "%" or (unit_match and unit_match.group("unit") in ("%", "‰")):
            yield _Hit(start, raw_end, Amount(None, text[start:raw_end].strip(), "rate", "%", number))
            continue
        if unit_match:
            unit = unit_match.group("unit")
            if unit in ("分钱", "毛钱") and number >= 100:
                continue
            per = unit_match.group("per")
            yuan = number * MULTIPLIERS[unit]
            if per or "单价" in _strip_parentheticals(before)[-12:]:
                per_text = re.sub(r"\s+", "", per or "")
                yield _Hit(start, raw_end, Amount(yuan, text[start:raw_end].strip(), "unit_price", unit + per_text))
            elif _rate_context(before) and unit not in ("元", "万元", "亿元", "千元"):
                yield _Hit(start, raw_end, Amount(None, text[start:raw_end].strip(), "rate", None, number))
            else:
                yield _Hit(start, raw_end, Amount(round(yuan, 6), text[start:raw_end].strip(), "total", unit))
            continue
        if not (bare or prefixed):
            continue
        if _NON_MONEY_AFTER.match(after) or (not prefixed and _NON_MONEY_BEFORE.search(before)):
            continue
        if _rate_context(before):
            yield _Hit(start, end, Amount(None, text[start:end].strip(), "rate", None, number))
            continue
        if unit_hint and "单价" in _strip_parentheticals(before)[-12:]:
            yield _Hit(start, end, Amount(number * MULTIPLIERS.get(unit_hint, 1.0), text[start:end], "unit_price", unit_hint))
            continue
        unit = unit_hint or "元"
        yield _Hit(start, end, Amount(round(number * MULTIPLIERS.get(unit, 1.0), 6), text[start:end].strip(), "total", unit))


def _cn_hits(text: str) -> Iterator[_Hit]:
    for match in _CN_AMOUNT.finditer(text):
        start, end = match.span()
        raw = match.group(0)
        if match.group("num") is not None:
            value = _cn_integer(match.group("num"))
            if value is None:
                continue
            yuan = float(value)
            for part, scale in (("jiao", 0.1), ("fen", 0.01)):
                if match.group(part):
                    yuan += _CN_DIGITS[match.group(part)] * scale
        elif match.group("zero_bid") is not None:
            yuan = 0.0
        elif match.group("fen_only") is not None:
            # `一分钱`, `1分钱`-style token prices; a bare `壹分` only in capital numerals (never `得分`).
            if not (match.group("qian") or match.group("fen_only") in _CAPITALS):
                continue
            yuan = _CN_DIGITS[match.group("fen_only")] * 0.01
        else:
            if match.group("jiao_only") not in _CAPITALS and "钱" not in raw:
                continue
            yuan = _CN_DIGITS[match.group("jiao_only")] * 0.1
        yield _Hit(start, end, Amount(round(yuan, 2), raw.strip(), "total", "元"))


def _hits(text: str, unit_hint: str | None, bare: bool) -> list[_Hit]:
    hits = list(_digit_hits(text, unit_hint, bare)) + list(_cn_hits(text))
    hits.sort(key=lambda h: h.start)
    return hits


@lru_cache(maxsize=1 << 15)
def parse_amount(text: str, unit_hint: str | None = None) -> Amount | None:
    """The first amount in a value string (a table cell or the text after a label), or None (remembered:
    table cells and labels repeat).

    A bare number counts as money in `unit_hint` (default 元); a unit written next to it wins over the
    hint; the label inside `text` (`中标金额(万元)：58.48`) may name the unit too.
    """
    if not text:
        return None
    cleaned = clean(text)
    first_digit = re.search(r"\d|[壹贰叁肆伍陆柒捌玖零〇一二两三四五六七八九十]", cleaned)
    label_unit = unit_from_label(cleaned[: first_digit.start()]) if first_digit else None
    hits = _hits(cleaned, label_unit or unit_hint, bare=True)
    if not hits:
        return None
    first = hits[0]
    if first.amount.kind == "total" and first.amount.yuan is not None:
        # `0.0 万元 … 下浮系数：20%`: a zero total next to a rate is a rate award, amount unknown.
        rates = [h for h in hits[1:] if h.amount.kind == "rate"]
        if first.amount.yuan == 0 and rates and any(w in cleaned for w in RATE_WORDS):
            rate = rates[0].amount
            return Amount(None, text.strip(), "rate", rate.currency_unit, rate.rate)
    return Amount(first.amount.yuan, _raw(text, first.amount.raw), first.amount.kind, first.amount.currency_unit,
                  first.amount.rate)


def _raw(original: str, matched: str) -> str:
    """The value as written, up to the end of its clause (or the matched figure alone if that is long)."""
    stripped = re.split(r"[，。；;]|,(?!\d{3})", original.strip())[0].strip()
    return stripped if matched.replace(" ", "")[:3] in clean(stripped).replace(" ", "") and len(stripped) <= 80 else matched


def find_amounts(text: str) -> list[tuple[int, int, Amount]]:
    """Every amount written with a unit or a currency sign in prose, as (start, end, Amount) on `clean(text)`."""
    cleaned = clean(text)
    return [(h.start, h.end, h.amount) for h in _hits(cleaned, None, bare=False)]
