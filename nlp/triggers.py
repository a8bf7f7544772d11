"""The sentences that show a violation, and the firm they name."""

from __future__ import annotations

import re

from nlp.features import LENDING_CUES, LOW_PRICE_CUES
from nlp.parties import prose_org
from nlp.text import CELL_SEP

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")

CUES: dict[str, tuple[str, ...]] = {
    "zero_price_bid": ("0元", "0.01元", "1元", "零元", "一分钱", "1分钱", "壹分", "0.00元"),
    "abnormally_low_bid": LOW_PRICE_CUES + ("预算", "最高限价", "其他"),
    "license_lending": LENDING_CUES,
}
"""Words a trigger sentence of each violation contains (besides the winner and the amount)."""
AWARD_CUES = ("中标", "成交", "中选", "竞得", "拿下")


def trigger_sentences(text: str, label: str, extra: tuple[str, ...] = (), limit: int = 3) -> list[str]:
    """Up to `limit` sentences of a (normalised) text with the label's cue words or one of `extra`."""
    needles = CUES.get(label, ()) + tuple(word for word in extra if word)
    found = []
    for match in _SENTENCE.finditer(text):
        sentence = match.group(0).strip()
        if sentence and any(needle in sentence for needle in needles):
            found.append(sentence[:300])
            if len(found) == limit:
                break
    return found


def named_firm(sentences: list[str]) -> str | None:
    """The first firm named in the sentences."""
    for sentence in sentences:
        name = prose_org(sentence)
        if name:
            return name
    return None


SUBJECT_LABELS = ("相关供应商", "被投诉供应商", "被举报供应商", "被举报人", "当事人", "被处罚单位", "被处罚人", "企业名称",
                  "单位名称", "行政相对人名称", "行政相对人")
"""Labels of the party a decision or record is about (投诉处理决定书: 相关供应商; 处罚决定书: 当事人; a penalty
record's table: 行政相对人名称)."""
_SUBJECT_LINE = re.compile(
    rf"^(?:{'|'.join(SUBJECT_LABELS)})\s*[:：]\s*(?P<firm>[^\n，,；;。]{{4,60}})$",
    re.M,
)


def subject_party(text: str) -> str | None:
    """The party a decision or record names as its subject: on a labelled line (`当事人：X`), or in the first row
    under a table header with such a label (`行政相对人名称 | 统一社会信用代码 | …`)."""
    if match := _SUBJECT_LINE.search(text):
        return match.group("firm")
    lines = text.split("\n")
    for header, row in zip(lines, lines[1:], strict=False):
        heads = [cell.strip() for cell in header.split(CELL_SEP)]
        cells = row.split(CELL_SEP)
        if len(heads) > 1 and len(cells) == len(heads):
            for head, cell in zip(heads, cells, strict=True):
                if head in SUBJECT_LABELS and cell.strip():
                    return cell.strip()
    return None


_FIRST_PERSON = re.compile(r"我公司|本公司|我司|本企业|公司收到|公司为.{0,20}中标")
_BUYER_VOICE = re.compile(r"(?:我|本)公司的?(?:供应商|采购)|取消.{0,40}资格|黑名单")
"""A first-person statement by a buyer about its suppliers (an SOE's 供应商违规行为处理结果): its signatory is no offender."""
_HEADED = re.compile(r"^(?P<firm>[^\s，,。：:|]{2,40}?(?:有限公司|有限责任公司|股份有限公司|集团))(?:关于|[:：])")
_SIGNATURE = re.compile(r"^(?P<firm>[^\s，,。：:|]{2,40}?(?:有限公司|有限责任公司|股份有限公司|集团))(?:董事会|（盖章）|\(盖章\))?$")


def signatory(text: str) -> str | None:
    """The firm a statement in the first person (`我公司`, `本公司`) is signed by: a firm's name, or its board
    (`X有限公司董事会`), on one of the last three lines, else in the heading (`X有限公司关于…的说明`); none for a
    buyer writing about its suppliers."""
    if not _FIRST_PERSON.search(text) or _BUYER_VOICE.search(text):
        return None
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    for line in lines[-3:][::-1]:
        if match := _SIGNATURE.match(line):
            return match.group("firm")
    match = _HEADED.match(lines[0]) if lines else None
    return match.group("firm") if match else None


ALL_CUES = tuple(dict.fromkeys(cue for cues in CUES.values() for cue in cues))


def firm_in_text(text: str, label: str) -> str | None:
    """The firm a text is about: the party a decision or record names as its subject (`subject_party`), else the
    one named in its trigger sentences, else in a sentence about an award; for a text labelled `none`, in a
    sentence with any violation's cue words (a denied rumour is still about a firm); last, the signatory of a
    first-person statement (`signatory`)."""
    if (subject := subject_party(text)) and (firm := prose_org(subject)):
        return firm
    found = named_firm(trigger_sentences(text, label)) or named_firm(trigger_sentences(text, "none", AWARD_CUES))
    if found is None and label == "none":
        found = named_firm(trigger_sentences(text, "none", ALL_CUES))
    return found or signatory(text)
