"""The rules file: load `scoring/rules.yaml` (or another file) and check every setting before rating."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml

DEFAULT_RULES = Path(__file__).parent / "rules.yaml"
POLICIES = ("zero_on_violation", "one_tier_down_per_violation")
TIERS = ("model", "escort", "signer", "aware")
RECORD_SITUATIONS = ("clean", "past_record", "bad_list", "dishonest_list")
LOCATIONS = ("domestic", "overseas", "hong_kong", "macao", "taiwan")
SCHEMES = ("comprehensive", "availability")
VIOLATIONS = ("zero_price_bid", "abnormally_low_bid", "license_lending")


class RulesError(ValueError):
    """A rules file that cannot be used; the message names the file and the setting."""


@dataclass(frozen=True)
class Rules:
    """Every setting of the rating, as loaded from one rules file."""

    path: str
    version: str
    start_date: date
    grades: tuple[tuple[str, float], ...]
    fallback_grade: str
    record_points: dict[str, float]
    cloud_related_business: tuple[str, ...]
    tier_points: dict[str, float]
    evidence_window_months: int
    evidence_policy: str
    violation_types: tuple[str, ...]
    capability_levels: tuple[tuple[str, float], ...]
    capability_otherwise: float
    min_share: float
    domestic_locations: tuple[str, ...]
    hong_kong_domestic: bool
    grade_orders: dict[str, tuple[str, ...]]
    raw: dict[str, Any]

    @cached_property
    def canonical(self) -> str:
        """The settings as canonical JSON (sorted keys, no spaces): part of every inputs digest."""
        return json.dumps(self.raw, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)

    @cached_property
    def ranks(self) -> dict[str, dict[str, int]]:
        """Position of each grade in its scheme's order (higher is better)."""
        return {scheme: {grade: i for i, grade in enumerate(order)} for scheme, order in self.grade_orders.items()}

    @cached_property
    def levels_met(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """For each scheme and grade, the capability levels it is at or above ("X or better")."""
        return {
            scheme: {grade: tuple(level for level, _ in self.capability_levels if rank >= ranks[level])
                     for grade, rank in ranks.items()}
            for scheme, ranks in self.ranks.items()
        }

    @cached_property
    def domestic(self) -> frozenset[str]:
        """AZ locations counted as domestic (Hong Kong added when `hong_kong_domestic`)."""
        extra = {"hong_kong"} if self.hong_kong_domestic else set()
        return frozenset(self.domestic_locations) | extra

    def grade_for(self, total: float) -> str:
        """The grade a total reaches under the cut-offs."""
        for grade, minimum in self.grades:
            if total >= minimum:
                return grade
        return self.fallback_grade


def _need(data: dict, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(data, dict) or key not in data:
        raise RulesError(f"{where}: missing setting {key!r}")
    value = data[key]
    if not isinstance(value, kind) or (kind in (int, float, (int, float)) and isinstance(value, bool)):
        raise RulesError(f"{where}: setting {key!r} has the wrong type ({type(value).__name__})")
    return value


def _points(data: dict, keys: tuple[str, ...], where: str) -> dict[str, float]:
    table = _need(data, "points", dict, where)
    return {key: float(_need(table, key, (int, float), f"{where}.points")) for key in keys}


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as exc:
        raise RulesError(f"{where}: {value!r} is not a YYYY-MM-DD date") from exc


def parse_rules(data: Any, path: str) -> Rules:
    """Check a parsed rules document and build `Rules`; raises RulesError naming the bad setting."""
    where = f"rules file {path}"
    if not isinstance(data, dict):
        raise RulesError(f"{where}: expected a mapping of settings")
    version = str(_need(data, "version", (str, int, float), where))
    grades = []
    for item in _need(data, "grades", list, where):
        grades.append((str(_need(item, "grade", str, f"{where}.grades")),
                       float(_need(item, "min", (int, float), f"{where}.grades"))))
    if [m for _, m in grades] != sorted((m for _, m in grades), reverse=True):
        raise RulesError(f"{where}: grades must be listed from the highest minimum down")
    records = _need(data, "records", dict, where)
    discipline = _need(data, "self_discipline", dict, where)
    capability = _need(data, "capability", dict, where)
    policy = _need(discipline, "evidence_policy", str, f"{where}.self_discipline")
    if policy not in POLICIES:
        raise RulesError(f"{where}: evidence_policy must be one of {', '.join(POLICIES)}, not {policy!r}")
    window = _need(discipline, "evidence_window_months", int, f"{where}.self_discipline")
    if window < 0:
        raise RulesError(f"{where}: evidence_window_months must not be negative")
    violations = tuple(_need(discipline, "violation_types", list, f"{where}.self_discipline"))
    if unknown := set(violations) - set(VIOLATIONS):
        raise RulesError(f"{where}: unknown violation types {sorted(unknown)}")
    orders = {}
    for scheme, order in _need(capability, "grade_orders", dict, f"{where}.capability").items():
        if scheme not in SCHEMES or not isinstance(order, list) or len(set(order)) != len(order):
            raise RulesError(f"{where}: grade_orders.{scheme} must be a scheme of {SCHEMES} with distinct grades")
        orders[scheme] = tuple(str(g) for g in order)
    levels = []
    for item in _need(capability, "levels", list, f"{where}.capability"):
        level = (str(_need(item, "grade", str, f"{where}.capability.levels")),
                 float(_need(item, "points", (int, float), f"{where}.capability.levels")))
        for scheme, order in orders.items():
            if level[0] not in order:
                raise RulesError(f"{where}: capability level {level[0]} is not a grade of scheme {scheme}")
        levels.append(level)
    locations = tuple(_need(capability, "domestic_locations", list, f"{where}.capability"))
    if unknown := set(locations) - set(LOCATIONS):
        raise RulesError(f"{where}: unknown AZ locations {sorted(unknown)}")
    min_share = float(_need(capability, "min_share", (int, float), f"{where}.capability"))
    if not 0 < min_share <= 1:
        raise RulesError(f"{where}: min_share must be in (0, 1]")
    return Rules(
        path=path,
        version=version,
        start_date=_date(_need(data, "start_date", (str, date), where), f"{where}.start_date"),
        grades=tuple(grades),
        fallback_grade=str(_need(data, "fallback_grade", str, where)),
        record_points=_points(records, RECORD_SITUATIONS, f"{where}.records"),
        cloud_related_business=tuple(str(b) for b in _need(records, "cloud_related_business", list,
                                                             f"{where}.records")),
        tier_points=_points(discipline, (*TIERS, "none"), f"{where}.self_discipline"),
        evidence_window_months=window,
        evidence_policy=policy,
        violation_types=violations,
        capability_levels=tuple(levels),
        capability_otherwise=float(_need(capability, "otherwise", (int, float), f"{where}.capability")),
        min_share=min_share,
        domestic_locations=locations,
        hong_kong_domestic=_need(capability, "hong_kong_domestic", bool, f"{where}.capability"),
        grade_orders=orders,
        raw=data,
    )


def load_rules(path: str | Path | None = None) -> Rules:
    """Load and check a rules file (default: scoring/rules.yaml)."""
    path = Path(path) if path is not None else DEFAULT_RULES
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise RulesError(f"cannot read rules file {path}: {exc.strerror}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise RulesError(f"rules file {path} is not valid YAML: {str(exc).splitlines()[0]}") from exc
    shown = str(path.relative_to(Path.cwd())) if path.is_absolute() and path.is_relative_to(Path.cwd()) else str(path)
    return parse_rules(data, shown)
