"""Party names (winners, buyers, agencies) as bulletins and articles write them, with or without labels."""

from __future__ import annotations

import re

from nlp.text import fold
from nlp.tokenize import tokenizer


def is_empty(value: str) -> bool:
    return value.strip(" -/—无") == "" or value.strip() in ("无", "/", "-", "—", "废标", "流标")


ORG_SUFFIX = (
    r"(?:股份有限公司|有限责任公司|有限公司|集团公司|分公司|公司|集团|研究院|研究所|设计院|事务所|大学|学院|医院|"
    r"中心|委员会|管理局|人民政府|政府|办事处|学校|中学|小学|局|厅|委|办公室|办|站|所|厂|社|馆|行|院|队)"
)
ORG = re.compile(rf"[\u4e00-\u9fffA-Za-z0-9()（）·&]{{2,40}}?{ORG_SUFFIX}")
LEAD_ORG = re.compile(rf"^(?![请如凡经现本对若])[^，,：:\s|]{{2,60}}?{ORG_SUFFIX}(?=$|[，,\s;；|(（])")
_LEADING_WORDS = re.compile(
    r"^(?:确定|宣布|其中|据悉|最终|最后|本次|依法|决定|同意|特此|研究|评审|推荐|公示|"
    r"原?(?:中标|成交|得标)(?:人|单位|供应商|方|厂商)|供应商|得标厂商)+"
)
_CONNECTIVES = frozenset("由被经而又则为是以向与和及称该其将均系共现")
"""Characters that, as words of their own, link a name to the prose before it (由X中标, 与X签约, 现为X)."""
_COORDINATORS = frozenset(("和", "与", "及", "为", "由", "被"))


def _dictionary_words(text: str) -> list[str]:
    """jieba's words of a text from its dictionary alone (no HMM guessing, which joins 由 to a rare name: 由曜)."""
    return [word for word in tokenizer().lcut(text, HMM=False) if word.strip()]


def strip_leading(name: str) -> str:
    """A name without the words that prose leaves in front of it (由, 最终, 中标人 …). A connective character is
    cut off only where jieba's dictionary reads it as a word of its own, so 现代…, 以岭…, 经纬…, 及时雨… keep theirs."""
    while True:
        name = _LEADING_WORDS.sub("", name)
        if not name or name[0] not in _CONNECTIVES:
            return name
        words = _dictionary_words(name)
        if len(words) < 2 or not name.startswith(words[0]) or not set(words[0]) <= _CONNECTIVES:
            return name
        name = name[len(words[0]):]


def _after_coordination(name: str) -> str:
    """The last of coordinated names (`X、Y公司`, `X与Y公司`, `由Y公司`): what follows the last 、 or the last
    和/与/及/为/由/被 that jieba's dictionary reads as a word of its own before the name's final word."""
    name = name.split("、")[-1]
    if not _COORDINATORS.intersection(name):
        return name
    words, cut, position = _dictionary_words(name), 0, 0
    for word in words[:-1]:
        position = name.find(word, position) + len(word)
        if word in _COORDINATORS:
            cut = position
    return name[cut:]


_CONSORTIUM = re.compile(rf"(.{{2,40}}?{ORG_SUFFIX})(?:与|和|、).{{2,80}}?(?:组成的|共同组成的)?联合体$")
"""`X与Y组成的联合体`: a consortium is named by its lead member, X."""


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
    if consortium := _CONSORTIUM.match(value):
        value = consortium.group(1)
    if re.search(r"[(（]联合体成员[)）]", value):
        value = re.split(r"[、,，;；]", value)[0]
    if "，" in value:
        head = value.split("，")[0]
        if not re.search(ORG_SUFFIX + r"$", head):
            return None
        value = head
    if not value or is_empty(value) or re.match(r"(?:详见|见|参见|具体见|无(?!锡))|.*(?:公告原文|附件)$", value) or len(value) > 80:
        return None
    return value


_FIRM = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9()（）·&]{2,40}?(?:股份有限公司|有限责任公司|有限公司|集团公司|分公司|公司|集团|研究院|研究所|"
    r"设计院|事务所|银行|工作室)"
    r"(?:(?:(?![和与及的为由被])[\u4e00-\u9fff]){2,12}?(?:分公司|分行|分中心|办事处))?"
)
"""A firm's name as prose writes it, a branch office included (`X有限公司潍坊分公司`)."""
_SHORT_SUBJECT = re.compile(
    r"(?:^|[，,。；;：:\s、】\]）)—])(?:此前|最终|其中|由|而|但|后|则)?([\u4e00-\u9fffA-Za-z]{2,10}?)"
    r"(?:以|用|报价|报出|中标价|的报价|仅以|则以|最终以)[^，,。；;]{0,6}$"
)
_NOT_SUBJECT = re.compile(
    r"公司|企业|厂商|供应商|中标人|中标方|对方|该|一家|某|投标人|名|者|项目|方面|他们|我们|对手|同行|运营商|服务商|有的|个别|部分|"
    r"我司|本司|贵司|预算|限价|均价|报价|金额|价格|合同|约|近|仅|共|总|超|达|高达|不足|不到|以上|以下|左右|万|元|免费|试用|"
    r"人民币|政务云|云服务|云计算|从|又|这|那|一个|此|记者|网友|楼主|有人|曾|竟|却|就|才|都|也|并非|并未|不是|没有|去年|今年|前年|近日|日前|随后|目前|当时|后来"
)


_DIRECT_SUBJECT = re.compile(r"(?:^|[，,。；;：:\s、】\]）)—])([\u4e00-\u9fffA-Za-z]{2,8}?)$")


def short_subject(before: str, direct: bool = False) -> str | None:
    """A firm's short name right before its price: `，霁拓信息以124.17万元中标`, `泓栈云中标价353600元`;
    with `direct`, also a name written straight before the figure (`，溪桥数据5.5万就拿下了`)."""
    match = _SHORT_SUBJECT.search(before) or (_DIRECT_SUBJECT.search(before) if direct else None)
    if match and not _NOT_SUBJECT.search(match.group(1)):
        return match.group(1)
    return None


_NAMED_WINNER = re.compile(
    rf"(?P<org>[\u4e00-\u9fffA-Za-z0-9()（）·&]{{2,40}}?{ORG_SUFFIX})(?:成为|为|是|被确定为|确定为)(?:本项目的?|该项目的?)?"
    r"(?:中标|成交|中选)(?:供应商|人|单位|方)"
)


def named_winner(text: str) -> str | None:
    """A winner named in prose after its name: `曜数科技有限公司成为中标供应商`."""
    match = _NAMED_WINNER.search(text)
    return strip_leading(match.group("org").split("的")[-1]) if match else None


_BORROWING = ("租借", "借用", "租用", "借")
"""Verbs after `X向Y…`: Y is the firm lent from (`X向Y租借许可证`)."""
_LENDING_VERB = re.compile(r"借用|挂靠|出借给|借给|租借|转借|冒用|盗用|持证(?:企业|单位|方)")
_OUTSIDE_NAME = re.compile(
    r"^.*(?:关于|借用|挂靠|出借给|借给|租借|转借|冒用|盗用|全是|都是|均是|均为|就是|存在|认定|确认|违反了?|候选人|供应商|中标人|成交人|投诉人对?|举报人对?|通报了?|处罚了?|"
    r"反映|取消|(?:中标|成交|涉事|涉案|持证)(?:企业|单位)|会员单位|(?:施工|承建)方|发现)"
)
_PRONOUN_FIRM = re.compile(r"^(?:我|该|本|贵|其|此|这|那|某|一家)是?(?:公司|集团|企业|单位)")
_OBJECT_FIRM = re.compile(r"[对将向给把让被在于从我本贵该]公司$")
"""A run ending in a preposition or a pronoun and 公司 is prose about "the company" (`预计将对公司…`, `参与我公司`),
not a name."""


def _firm_name(found: str) -> str | None:
    """The name in a run of text that ends with a firm's suffix: what precedes it in the sentence cut off."""
    name = found.split("的")[-1]
    name = _OUTSIDE_NAME.sub("", strip_leading(_after_coordination(name)))
    return name if len(name) >= 4 and not _PRONOUN_FIRM.match(name) and not _OBJECT_FIRM.search(name) else None


def prose_org(text: str) -> str | None:
    """The firm a sentence is about: the last one it names, unless that one is lent from (it follows a lending
    verb, precedes `的名义` or `所有`, or is borrowed from: `向Y借用`) and another firm comes before it
    (`X借用Y的资质`, `X将许可证出借给Y`, `X以Y的名义投标`, `许可证为Y所有`, `X向Y租借许可证`: the sentence is about X). Runs that are no name (`违反了我公司`) are skipped."""
    named = [(match, name) for match in _FIRM.finditer(text) if (name := _firm_name(match.group(0)))]
    if not named:
        return None
    last, name = named[-1]
    after = text[last.end():]
    lent = (_LENDING_VERB.search(last.group(0)) or after.startswith(("的名义", "名义", "所有"))
            or (text[:text.rfind(name, 0, last.end())].endswith("向") and after.startswith(_BORROWING)))
    return named[-2][1] if len(named) > 1 and lent else name


_ADDRESSEE = re.compile(rf"(?:中标|成交)通知书\s*\n\s*([^\n:：]{{2,40}}?{ORG_SUFFIX})\s*[:：]\s*\n")


def addressee(text: str) -> str | None:
    """The winner a 中标通知书 / 成交通知书 is addressed to (`X公司：` on its own line)."""
    match = _ADDRESSEE.search(text[:400])
    return match.group(1).strip() if match else None


_BRACKETS = str.maketrans("（）", "()")


def in_text(name: str | None, text: str) -> str | None:
    """`name` as the text writes it (full-width brackets and all), found again after normalisation."""
    if not name:
        return name
    start = text.translate(_BRACKETS).find(name.translate(_BRACKETS))
    return text[start : start + len(name)] if start >= 0 else name


_ENTRUSTED = re.compile(
    r"受(?P<buyer>[^，,。；;（(]{2,40}?)(?:的)?委托[，,]?\s*(?P<agency>[^，,。；;]{2,40}?" + ORG_SUFFIX + r")"
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
                return strip_leading(buyer)
    return None


def unlabelled_parties(fields: dict[str, str], title: str | None, text: str, winners: set[str | None]) -> None:
    """Buyer and agency named without labels: `受X委托，Y对…`, an issuing body heading the text, the title."""
    if (not fields.get("buyer") or not fields.get("agency")) and (match := _ENTRUSTED.search(text[:1500])):
        fields.setdefault("buyer", match.group("buyer"))
        fields.setdefault("agency", match.group("agency"))
    if fields.get("buyer"):
        return
    first = text.lstrip().split("\n", 1)[0].strip()
    if ORG.fullmatch(first) and first not in winners and len(first) <= 30:
        fields["buyer"] = first
        return
    title = fold(title or "").strip()
    if (match := _TITLE_BUYER.match(title)) and match.group("buyer") not in winners \
            and re.search(r"采购|招标|项目|服务|工程|磋商|询价|谈判|中标|成交|比选|竞价", title) \
            and not re.search(r"通报|通知|决定书|处罚|处理情况|意见|办法", title):
        fields["buyer"] = match.group("buyer")
        return
    if buyer := _prose_buyer(text):
        if buyer not in winners:
            fields["buyer"] = buyer
