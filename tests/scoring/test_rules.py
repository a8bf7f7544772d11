"""The rules file: defaults as the rules page settles them, and a clear error for every bad setting."""

from __future__ import annotations

import copy

import pytest

from scoring.rules import RulesError, load_rules, parse_rules


def test_defaults(rules):
    assert rules.version and rules.path.endswith("rules.yaml")
    assert rules.start_date.isoformat() == "2018-01-22"
    assert rules.evidence_policy == "zero_on_violation" and rules.evidence_window_months == 12
    assert rules.hong_kong_domestic is False and rules.domestic == frozenset({"domestic"})
    assert [level for level, _ in rules.capability_levels] == ["五星", "四星", "三星"]


@pytest.mark.parametrize(("total", "grade"), [(100, "AAA"), (90, "AAA"), (89.5, "AA"), (80, "AA"), (79, "A"),
                                              (70, "A"), (69, "B"), (60, "B"), (59.9, "C"), (0, "C")])
def test_grade_cut_offs(rules, total, grade):
    assert rules.grade_for(total) == grade


def test_plus_grades_meet_their_level(rules):
    assert rules.levels_met["comprehensive"]["五星+"] == ("五星", "四星", "三星")
    assert rules.levels_met["comprehensive"]["四星+"] == ("四星", "三星")
    assert rules.levels_met["availability"]["两星"] == ()


def broken(rules, path, value):
    data = copy.deepcopy(rules.raw)
    target = data
    for key in path[:-1]:
        target = target[key]
    if value is None:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(("path", "value", "message"), [
    (("version",), None, "missing setting 'version'"),
    (("start_date",), "22.01.2018", "not a YYYY-MM-DD date"),
    (("grades",), [{"grade": "AA", "min": 80}, {"grade": "AAA", "min": 90}], "highest minimum down"),
    (("records", "points", "clean"), "thirty", "wrong type"),
    (("self_discipline", "evidence_policy"), "lenient", "evidence_policy must be one of"),
    (("self_discipline", "violation_types"), ["spam"], "unknown violation types"),
    (("capability", "min_share"), 1.5, "min_share must be in"),
    (("capability", "domestic_locations"), ["mainland"], "unknown AZ locations"),
    (("capability", "hong_kong_domestic"), "yes", "wrong type"),
    (("capability", "grade_orders", "availability"), ["两星", "三星", "四星"], "is not a grade of scheme"),
])
def test_bad_settings_are_named(rules, path, value, message):
    with pytest.raises(RulesError, match=message):
        parse_rules(broken(rules, path, value), "bad.yaml")


def test_unreadable_and_invalid_files(tmp_path):
    with pytest.raises(RulesError, match="cannot read rules file"):
        load_rules(tmp_path / "missing.yaml")
    bad = tmp_path / "bad.yaml"
    bad.write_text("version: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulesError, match="not valid YAML"):
        load_rules(bad)
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(RulesError, match="expected a mapping"):
        load_rules(bad)
