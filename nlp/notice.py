"""The kind of a notice — award, tender, cancelled or other — from its title or its opening lines."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal

NoticeType = Literal["award", "tender", "cancelled", "other"]


BRAND_WORDS = ("中标麒麟", "中标软件", "中标普华")
CANCELLED = re.compile(r"废标|流标|终止|(?:采购|招标|项目)失败|取消(?:采购|招标)|不成功")
OTHER = re.compile(
    r"更正|变更|澄清|答疑|补遗|补充公告|延期|暂停|中止|控制价公示|限价公示|"
    r"(?:质疑|异议|投诉)(?:的)?(?:答复|回复|处理)|处理决定"
)
CANDIDATES = re.compile(r"候选人|评标结果公示|评审结果公示|评标结果|候选供应商|中标候选|入围公示|预中标")
_AWARD = re.compile(r"中标|成交|中选|结果公告|结果公示|采购结果|(?:招标|比选|竞价|谈判|磋商|询价|遴选)结果|合同公告|合同公示|签约公告|采购合同|项目合同$|定标|决标|得标")
_TENDER = re.compile(
    r"招标|采购公告|采购项目公告|采购需求|磋商|谈判|询价|询比|邀请|竞价|比选|单一来源|资格预审|公开采购|遴选公告|征集|招租|采购意向|招募"
)
_TYPES: tuple[tuple[NoticeType | str, re.Pattern[str]], ...] = (
    ("cancelled", CANCELLED), ("other", OTHER), ("candidates", CANDIDATES), ("award", _AWARD), ("tender", _TENDER),
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
