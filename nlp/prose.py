"""Awards and budgets told in prose (news, reports): who won, for how much, against what budget."""

from __future__ import annotations

import re
from typing import NamedTuple

from nlp.amounts import clean, find_amounts
from nlp.parties import addressee, in_text, named_winner, prose_org, short_subject


class ProseAward(NamedTuple):
    """A win told in a sentence: the winner (if named), the amount in yuan and as written, and whether the
    text is about a particular firm's win (named, or the author's own `我司`) rather than a general remark."""

    winner: str | None
    amount_yuan: float | None
    amount_raw: str
    particular: bool = False


_PROSE_AWARD = re.compile(
    r"中标|成交|中选|得标|拿下|拿走|斩获|胜出|夺标|获得|承接|确定由|价格为|报价为|报价仅|仅报|报出|签约|签下|入围|中了"
)
_PROSE_NOT_AWARD = re.compile(r"预算|限价|控制价|估算|投资|市值|营收|融资|注册资本|罚款|损失")


def prose_award(text: str) -> ProseAward | None:
    """The award a text tells in prose (news): `X公司以0.01元中标`, `中标价为1分钱`, or None."""
    cleaned = clean(text)
    found: list[tuple[bool, bool, int, ProseAward]] = []
    for start, end, amount in find_amounts(cleaned):
        if amount.kind != "total":
            continue
        before, after = cleaned[max(0, start - 40):start], cleaned[end:end + 20]
        near = before[-14:] + after
        if _PROSE_NOT_AWARD.search(before[-10:]) or not _PROSE_AWARD.search(near):
            continue
        sentence = re.split(r"[。；;!！?？\n]", cleaned[max(0, start - 90):start])[-1]
        strong = bool(_STRONG_BEFORE.search(before[-8:]) or _STRONG_AFTER.match(after))
        winner = (prose_org(sentence) or short_subject(before, direct=bool(_STRONG_AFTER.match(after)))
                  or prose_org(after) or addressee(cleaned) or named_winner(cleaned))
        if winner is None and strong and _SELF.search(before[-12:]):
            winner = ""  # the article's own firm (`我司以0.01元报价中标`): a named case, unnamed here
        found.append((strong, winner is not None, -start,
                      ProseAward(in_text(winner, text) or None, amount.yuan, amount.raw, winner is not None)))
    # The price most plainly told as the win (`以0.01元中标`, `中标价353600元`), naming its winner if possible.
    return max(found, key=lambda f: f[:3])[3] if found else None


_PROSE_BUDGET = re.compile(r"(?:预算|最高限价|控制价|限价|拦标价)(?:金额|资金|总额|价)?(?:为|是|约|高达|达|仅|共|:|：)?\s*(?:人民币)?$")


def prose_budget(text: str) -> float | None:
    """A budget or ceiling told in prose: `项目预算为24000000元`, `预算高达80.3万元`."""
    cleaned = clean(text)
    for start, _end, amount in find_amounts(cleaned):
        if amount.kind == "total" and amount.yuan and _PROSE_BUDGET.search(cleaned[max(0, start - 12):start]):
            return amount.yuan
    return None


_STRONG_BEFORE = re.compile(r"(?:以|用|中标价|成交价|中标金额|成交金额|中标价格|报价仅为|报价为|仅报|报出了?|价格为|中标价为|金额为)\s*(?:人民币)?$")
_STRONG_AFTER = re.compile(r"\s*(?:的价格|的报价|报价)?(?:就|便)?(?:中标|成交|得标|拿下|拿走|胜出|夺标|中选|中了)")
_SELF = re.compile(r"我司|本公司|我公司|贵公司|贵司|本司")
