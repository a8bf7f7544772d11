"""Hard rules for the clear cases: token-price and far-below-budget awards, licence-lending statements, cloud terms."""

from __future__ import annotations

import re
import statistics
from typing import Any

from nlp.text import fold

TOKEN_PRICE_YUAN = 10.0
"""An award at or below this many yuan is a token price (0元, 0.01元, 1元, a few yuan)."""
LOW_BUDGET_SHARE = 0.30
"""An award at or below this share of the budget is abnormally low."""
LOW_BID_SHARE = 0.50
"""An award at or below this share of the median other bid is abnormally low."""
RULE_SCORE = 0.97

CLOUD_TERMS = re.compile(
    r"云服务|云计算|政务云|云主机|云服务器|云存储|云平台|云资源|云数据库|云桌面|云安全|上云|私有云|公有云|混合云|"
    r"专有云|专属云|行业云|对象存储|弹性计算|虚拟主机|互联网资源协作服务|IDC|互联网数据中心|数据中心|服务器托管|"
    r"机房托管|CDN|内容分发|带宽租用|算力|云网|容器云|服务器租用|阿里云|腾讯云|华为云|天翼云|移动云|联通云|"
    r"京东云|金山云|浪潮云|百度智能云|UCloud|优刻得",
    re.I,
)
_NOT_CLOUD = re.compile(r"中标麒麟|中标软件|云南|白云|云浮|云岩|云和|云梦|云阳|云霄|云龙|云县|云城|云安")
_LENDING = re.compile(
    r"(?:借用|租借|出借|转借|租用|出租|冒用)(?:他人|其他公司|别人|第三方)?(?:的)?[^。，；,;]{0,30}?"
    r"(?:资质|许可证|经营许可|牌照|证照)|挂靠|资质借用|借证|借牌|代为签约|以他人名义"
)
_NEGATED = re.compile(r"(?:严禁|禁止|不得|不允许|杜绝|防止|不接受|拒绝|不存在|无|未发现|打击|整治|遏制)[^。；;]{0,6}$")


def cloud_related(facts: Any) -> bool:
    """Does the notice or article concern cloud services (brand names and place names with 云 excepted)?"""
    text = fold(f"{getattr(facts, 'title', '') or ''}\n{getattr(facts, 'text', '') or ''}")
    return CLOUD_TERMS.search(_NOT_CLOUD.sub("", text)) is not None


_FINDING = re.compile(
    r"经查|查实|核实|经核查|认定|属实|被查|处罚|通报|取消(?:其)?中标|中标无效|立案|违反|责令|列入|不良行为|失信|"
    r"涉嫌|被指|举报"
)
_DENIAL = re.compile(
    r"不实|否认|未发现|误读|谣言|辟谣|并非|实为|澄清|资质齐全|已取得全部|依法持有|合法持有|不成立|驳回|缺乏事实依据"
)
_GENERAL = re.compile(r"通知|解读|倡议|对话|观点|评论|问答|答记者问|指南|办法|规范|条例|意见|讨论|盘点|科普")
_ANY_CUE = re.compile(
    r"借用|租借|出借|转借|挂靠|借证|借牌|代为签约|以他人名义|许可证|资质|低于成本|低价|异常|0元|零元|一分钱|1分钱|"
    r"一元|1元|免费|投诉|质疑|无效"
)


def _text(facts: Any) -> str:
    raw = f"{getattr(facts, 'title', '') or ''}\n{getattr(facts, 'text', '') or ''}"
    return fold(raw)


def lending_statements(text: str) -> list[str]:
    """Sentences that state a licence or qualification was borrowed, rented or lent (negations left out)."""
    text = fold(text or "")
    found = []
    for match in _LENDING.finditer(text):
        if not _NEGATED.search(text[max(0, match.start() - 12):match.start()]):
            found.append(match.group(0))
    return found


def _awarded(facts: Any) -> list[float]:
    return [lot.amount_yuan for lot in getattr(facts, "lots", []) or [] if lot.amount_yuan is not None and lot.winner]


def label_facts(facts: Any) -> str | None:
    """The verdict of the hard rules: a violation label, `none` for clear non-cases, or None (undecided).

    Rules decide only what the page states plainly: a parsed award to a named winner at a token price or far
    below the budget or the other bids, a finding that a licence was borrowed. Denials, commentary and
    policy texts are left to the model.
    """
    notice = getattr(facts, "notice_type", "other")
    text = _text(facts)
    title = fold(getattr(facts, "title", "") or "")
    if _DENIAL.search(text) or _GENERAL.search(title):
        return None
    if notice == "award":
        amounts = _awarded(facts)
        if amounts and min(amounts) <= TOKEN_PRICE_YUAN:
            return "zero_price_bid"
        # Several lots share one (total) budget: compare the total awarded with it.
        low = (sum(amounts) if len(amounts) > 1 else amounts[0]) if amounts else None
        budget = getattr(facts, "budget_yuan", None)
        others = getattr(facts, "other_bids_yuan", None) or []
        if low is not None and budget and budget > 0 and low <= LOW_BUDGET_SHARE * budget:
            return "abnormally_low_bid"
        if amounts and others and min(amounts) <= LOW_BID_SHARE * statistics.median(others):
            return "abnormally_low_bid"
    if lending_statements(text) and _FINDING.search(text):
        return "license_lending"
    # Boilerplate prohibitions (`不得挂靠`, `严禁借用资质`) in an invitation are no cue.
    unprohibited = re.sub(r"(?:严禁|禁止|不得|不允许|杜绝|防止|不接受|拒绝)[^。；;，,\n]{0,20}", "", text)
    if notice in ("tender", "cancelled") and not _ANY_CUE.search(unprohibited):
        return "none"
    return None


def rule_classify(facts: Any) -> tuple[str, float, bool]:
    """(label, score, cloud_related) from the hard rules alone, for when no model artefact is available."""
    label = label_facts(facts) or "none"
    score = RULE_SCORE if label != "none" else round(1.0 - RULE_SCORE, 6)
    return label, score, cloud_related(facts)
