"""表1 自律工作开展情况: membership tiers with dates, and confirmed evidence inside the window."""

from __future__ import annotations

import pytest

from scoring.dimensions import self_discipline
from scoring.facts import Evidence, Membership


@pytest.mark.parametrize(
    ("tiers", "points"),
    [(["model"], 35), (["escort"], 35), (["signer"], 25), (["aware"], 15), ([], 0), (["signer", "escort"], 35),
     (["aware", "signer"], 25)],
)
def test_table1_rows(facts, rules, tiers, points):
    facts.memberships.extend(Membership(i, t, "2018-01-22", None) for i, t in enumerate(tiers, start=1))
    result = self_discipline(facts, rules)
    assert result.points == points
    assert sorted(result.facts["memberships"]) == list(range(1, len(tiers) + 1))


def test_escort_text_reads_like_the_blue_book(facts, rules):
    facts.memberships.extend([Membership(1, "signer", "2018-01-22", None), Membership(2, "escort", "2018-06-30", None)])
    assert self_discipline(facts, rules).text == \
        "签署《云服务经营自律规范》（2018-01-22起）并升级为护航成员（2018-06-30起）：35分"


def evidence(id=1, on="2018-03-15", kind="zero_price_bid"):
    return Evidence(id, kind, on, "confirmed")


def test_confirmed_violation_drops_an_escort_to_zero(facts, rules):
    facts.memberships.append(Membership(1, "escort", "2018-06-30", None))
    facts.evidence.append(evidence(42))
    result = self_discipline(facts, rules)
    assert result.points == 0
    assert result.facts["evidence"] == [42]
    assert "证据#42" in result.text and "2017-06-30至2018-06-30" in result.text


@pytest.mark.parametrize(("count", "points"), [(1, 25), (2, 15), (3, 0), (5, 0)])
def test_one_tier_down_per_violation(facts, variant, count, points):
    rules = variant(("self_discipline", "evidence_policy"), "one_tier_down_per_violation")
    facts.memberships.append(Membership(1, "escort", "2018-06-30", None))
    facts.evidence.extend(evidence(i) for i in range(count))
    assert self_discipline(facts, rules).points == points


def test_signer_with_violation_falls_to_zero(facts, rules):
    facts.memberships.append(Membership(1, "signer", "2018-01-22", None))
    facts.evidence.append(evidence(kind="license_lending"))
    result = self_discipline(facts, rules)
    assert result.points == 0
    assert "租借许可证" in result.text
