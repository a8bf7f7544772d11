"""The three dimensions of 表1 as pure functions: facts valid on the as-of date in, a DimensionResult out."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from scoring.facts import CompanyFacts, Explanation, ListEntry, window_start
from scoring.rules import Rules

LIST_NAMES = {"bad": "不良名单", "dishonest": "失信名单", "record": "信用管理数据库不良记录"}
TIER_WORDS = {
    "model": "获评“自律标兵”称号",
    "escort": "成为护航成员",
    "signer": "签署《云服务经营自律规范》",
    "aware": "未签署《云服务经营自律规范》但有自律意识",
}
UPGRADE_WORDS = {"escort": "升级为护航成员", "model": "获评“自律标兵”称号"}
VIOLATION_WORDS = {"zero_price_bid": "0元/象征性价格中标", "abnormally_low_bid": "异常低价中标",
                   "license_lending": "租借许可证或不合规合作"}
LOCATION_WORDS = {"overseas": "境外", "hong_kong": "香港，按规则设定不计为国内", "macao": "澳门", "taiwan": "台湾", "domestic": "国内"}


@dataclass(frozen=True)
class DimensionResult:
    """Points of one dimension, the words that justify them and the ids of the facts used."""

    points: float
    text: str
    facts: dict[str, Any] = field(default_factory=dict)


def pts(value: float) -> str:
    """Points as written in the explanations (no trailing .0)."""
    return f"{value:g}分"


def _cloud_related(entry: ListEntry, rules: Rules) -> bool:
    business = entry.business or ""
    return entry.cloud_related or any(name in business for name in rules.cloud_related_business)


def _latest_explanation(entry: ListEntry, explanations: list[Explanation]) -> Explanation | None:
    decided = [x for x in explanations if x.list_entry_id == entry.id]
    return max(decided, key=lambda x: (x.decided_on, x.id)) if decided else None


def _describe(entry: ListEntry, as_of: str) -> str:
    span = f"{entry.date_in}起"
    if entry.date_out and entry.date_out <= as_of:
        span = f"{entry.date_in}至{entry.date_out}，已移出"
    business = f"，业务：{entry.business}" if entry.business else ""
    reason = f"，原因：{entry.reason}" if entry.reason else ""
    return f"{LIST_NAMES[entry.list]}（{span}{business}{reason}）"


def records(facts: CompanyFacts, rules: Rules) -> DimensionResult:
    """不良失信行为记录情况: the worst situation among the counted listings dated on or after start_date."""
    points = rules.record_points
    counted: list[ListEntry] = []
    notes: list[str] = []
    used_explanations: list[int] = []
    for entry in facts.list_entries:
        if _cloud_related(entry, rules):
            counted.append(entry)
            continue
        decision = _latest_explanation(entry, facts.explanations)
        if decision is not None:
            used_explanations.append(decision.id)
        listing = f"{LIST_NAMES[entry.list]}（{entry.date_in}起，业务：{entry.business or '未注明'}）"
        if decision is not None and decision.accepted:
            notes.append(f"{listing}与云计算无关，企业已向自律委员会作出说明并获采纳"
                         f"（{decision.decided_on}：{decision.note}），不计入")
            continue
        counted.append(entry)
        why = (f"企业说明未获自律委员会采纳（{decision.decided_on}：{decision.note}）" if decision is not None
               else "企业未向自律委员会作出获采纳的说明")
        notes.append(f"{listing}虽与云计算无关，但{why}，仍计入")
    current = [e for e in counted if e.list != "record" and (e.date_out is None or e.date_out > facts.as_of)]
    dishonest = [e for e in current if e.list == "dishonest"]
    bad = [e for e in current if e.list == "bad"]
    since = rules.start_date.isoformat()
    if dishonest:
        value, text = points["dishonest_list"], "在失信名单之列：" + "；".join(_describe(e, facts.as_of) for e in dishonest)
    elif bad:
        value, text = points["bad_list"], "在不良名单之列：" + "；".join(_describe(e, facts.as_of) for e in bad)
    elif counted:
        value = points["past_record"]
        text = "不在两单之列，但有违法不良记录：" + "；".join(_describe(e, facts.as_of) for e in counted)
    else:
        value, text = points["clean"], f"不在两单之列，且{since}以来无违法不良记录"
    text = f"{text}：{pts(value)}"
    if notes:
        text += "。" + "；".join(notes)
    return DimensionResult(value, text, {"list_entries": [e.id for e in facts.list_entries],
                                         "explanations": used_explanations})


def _tier_steps(rules: Rules) -> list[float]:
    return sorted({*rules.tier_points.values()}, reverse=True)


def self_discipline(facts: CompanyFacts, rules: Rules) -> DimensionResult:
    """自律工作开展情况: the best membership tier on the as-of date, lowered by confirmed violations in the window."""
    tier_points = rules.tier_points
    held = sorted(facts.memberships, key=lambda m: (-tier_points[m.tier], m.valid_from, m.id))
    if held:
        best = held[0]
        base = tier_points[best.tier]
        signed = [m for m in held if m.tier == "signer"]
        if signed and best.tier in UPGRADE_WORDS:
            text = f"{TIER_WORDS['signer']}（{signed[0].valid_from}起）并{UPGRADE_WORDS[best.tier]}（{best.valid_from}起）"
        else:
            text = f"{TIER_WORDS[best.tier]}（{best.valid_from}起）"
    else:
        base = tier_points["none"]
        text = "未签署《云服务经营自律规范》，亦无自律意识的记录（其他情况）"
    value = base
    evidence = facts.evidence
    if evidence:
        start = window_start(date.fromisoformat(facts.as_of), rules).isoformat()
        items = "、".join(f"证据#{e.id} {VIOLATION_WORDS[e.violation_type]}（{e.on}）" for e in evidence)
        if rules.evidence_policy == "zero_on_violation":
            value = min(base, tier_points["none"])
            rule = "视为未遵守自律规范，按“其他情况”计"
        else:
            steps = _tier_steps(rules)
            value = steps[min(steps.index(base) + len(evidence), len(steps) - 1)]
            rule = f"每条下调一档（共{len(evidence)}档）"
        text += (f"；但评级窗口（{start}至{facts.as_of}）内有{len(evidence)}条经分析员确认的违规证据："
                 f"{items}，{rule}")
    text += f"：{pts(value)}"
    return DimensionResult(value, text, {"memberships": [m.id for m in held],
                                         "evidence": [e.id for e in evidence]})


def _levels_met(rules: Rules, scheme: str, grade: str) -> tuple[str, ...]:
    met = rules.levels_met.get(scheme, {}).get(grade)
    if met is None:
        raise ValueError(f"grade {grade!r} is not in the rules file's order for scheme {scheme!r}")
    return met


def capability(facts: CompanyFacts, rules: Rules) -> DimensionResult:
    """服务能力可信情况: share of all domestic AZs graded at or above each level, or an analyst's other proof."""
    domestic = [z for z in facts.zones if z.location in rules.domestic]
    domestic_ids = {z.id for z in domestic}
    used = [g for g in facts.gradings if g.az_id in domestic_ids]
    meeting: dict[str, set[int]] = {level: set() for level, _ in rules.capability_levels}
    for g in used:
        for level in _levels_met(rules, g.scheme, g.grade):
            meeting[level].add(g.az_id)
    at_or_above = {level: len(azs) for level, azs in meeting.items()}
    total = len(domestic)
    value, reached = rules.capability_otherwise, None
    for level, level_points in rules.capability_levels:
        if total and at_or_above[level] / total >= rules.min_share:
            value, reached = level_points, level
            break
    inventory_known = any(z.inventory for z in facts.zones)
    graded = len({g.az_id for g in used})
    parts = []
    if not inventory_known and facts.zones:
        parts.append("未掌握该企业可用区清单，以已通过分级的可用区作为全部可用区")
    if not total:
        parts.append("无国内可用区分级结果")
    elif reached:
        parts.append(f"所有国内可用区{total}个（已分级{graded}个），云主机{reached}及以上"
                     f"{at_or_above[reached]}个，占比{at_or_above[reached] / total:.0%}，不低于{rules.min_share:.0%}")
    else:
        shares = "、".join(f"{level}及以上{n}个" for level, n in at_or_above.items())
        parts.append(f"所有国内可用区{total}个（已分级{graded}个），{shares}，均未达到{rules.min_share:.0%}")
    bounds = sorted({g.grade for g in used if g.lower_bound})
    if bounds:
        shown = "、".join(bounds)
        parts.append(f"部分分级结果来源仅给出“{shown}及以上”，按已知下限{shown}计")
    excluded = [z for z in facts.zones if z.id not in domestic_ids]
    if excluded:
        parts.append("不计入：" + "、".join(f"{z.name}（{LOCATION_WORDS[z.location]}）" for z in excluded))
    proof_points = {level: p for level, p in rules.capability_levels}
    proofs = [p for p in facts.other_proofs if p.level in proof_points]
    best_proof = max(proofs, key=lambda p: proof_points[p.level], default=None)
    if best_proof is not None and proof_points[best_proof.level] > value:
        value = proof_points[best_proof.level]
        parts.append(f"另经分析员记录的其他方式证明达到{best_proof.level}及以上要求（{best_proof.valid_from}："
                     f"{best_proof.note}），按此计")
    text = "；".join(parts) + f"：{pts(value)}"
    return DimensionResult(value, text, {
        "availability_zones": [z.id for z in facts.zones],
        "gradings": [g.id for g in used],
        "other_proofs": [p.id for p in proofs],
        "domestic_azs": total,
        "at_or_above": at_or_above,
        "inventory_known": inventory_known,
    })
