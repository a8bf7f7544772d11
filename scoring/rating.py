"""Rate companies: the three dimensions, the total and grade, the explanation, the inputs digest, storage."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlite_utils

from scoring.dimensions import DimensionResult, capability, pts, records, self_discipline
from scoring.facts import CompanyFacts, load_facts
from scoring.rules import Rules, load_rules
from store.db import now, transaction

REGISTRY_BATCH = "registry"
"""The batch label of ratings made for the whole registry (`--all-companies`, or no batch in the store)."""


@dataclass(frozen=True)
class Rating:
    """One company's rating on one date under one rules version."""

    company_id: int
    company: str
    batch: str
    as_of: str
    rules_version: str
    records: DimensionResult
    self_discipline: DimensionResult
    capability: DimensionResult
    total: float
    grade: str
    explanation: dict[str, Any]
    inputs_digest: str

    def to_json(self) -> dict[str, Any]:
        """The `score --json` form: company, dimensions, total, grade, explanation (plus ids and digest)."""
        return {
            "company": self.company,
            "company_id": self.company_id,
            "batch": self.batch,
            "as_of": self.as_of,
            "rules_version": self.rules_version,
            "dimensions": {
                "records": _number(self.records.points),
                "self_discipline": _number(self.self_discipline.points),
                "capability": _number(self.capability.points),
            },
            "total": _number(self.total),
            "grade": self.grade,
            "explanation": self.explanation,
            "inputs_digest": self.inputs_digest,
        }


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces: the same data always gives the same text."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def facts_payload(facts: CompanyFacts) -> dict[str, Any]:
    """The facts as plain JSON-ready data: each fact as an array of its fields in declaration order."""
    return {key: [list(item) for item in value] if isinstance(value, list) else value
            for key, value in vars(facts).items()}


def inputs_digest(facts: CompanyFacts, rules: Rules) -> str:
    """sha256 of the canonical JSON of {"facts": the facts used, "rules": the rules settings}."""
    text = '{"facts":' + canonical_json(facts_payload(facts)) + ',"rules":' + rules.canonical + "}"
    return hashlib.sha256(text.encode()).hexdigest()


def _section(result: DimensionResult) -> dict[str, Any]:
    return {"points": _number(result.points), "text": result.text, "facts": result.facts}


def rate_company(facts: CompanyFacts, rules: Rules, batch: str) -> Rating:
    """Rate one company from its facts (pure: no database)."""
    parts = records(facts, rules), self_discipline(facts, rules), capability(facts, rules)
    total = sum(p.points for p in parts)
    grade = rules.grade_for(total)
    summary = (f"{facts.name}：不良失信行为记录情况{pts(parts[0].points)}＋自律工作开展情况{pts(parts[1].points)}"
               f"＋服务能力可信情况{pts(parts[2].points)}＝{pts(total)}，信用等级{grade}"
               f"（评级日{facts.as_of}，规则{rules.version}）")
    explanation = {
        "rules": {"path": rules.path, "version": rules.version},
        "records": _section(parts[0]),
        "self_discipline": _section(parts[1]),
        "capability": _section(parts[2]),
        "summary": summary,
    }
    return Rating(facts.company_id, facts.name, batch, facts.as_of, rules.version, *parts, total, grade,
                  explanation, inputs_digest(facts, rules))


def batches(db: sqlite_utils.Database) -> list[str]:
    """Batch names that have participants, in name order (the last is the latest)."""
    return [r[0] for r in db.execute("SELECT DISTINCT batch FROM participations ORDER BY batch")]


def select_companies(
    db: sqlite_utils.Database, batch: str | None, all_companies: bool
) -> tuple[str, list[int]]:
    """The batch label and company ids to rate: a batch's participants, or the whole registry."""
    if all_companies and batch:
        raise ValueError("give either --batch or --all-companies, not both")
    known = batches(db)
    if all_companies or (batch is None and not known):
        return REGISTRY_BATCH, [r[0] for r in db.execute("SELECT id FROM companies ORDER BY id")]
    batch = batch or known[-1]
    if batch not in known:
        raise ValueError(f"no participants in batch {batch!r} (known batches: {', '.join(known) or 'none'})")
    ids = [r[0] for r in db.execute("SELECT company_id FROM participations WHERE batch = ? ORDER BY company_id",
                                     [batch])]
    return batch, ids


def store_ratings(db: sqlite_utils.Database, ratings: list[Rating]) -> None:
    """Upsert ratings on (company, batch, as_of, rules_version); an unchanged digest leaves the row as it is.

    A changed rating forgets its pack (path and digest): the old pack no longer describes it.
    """
    stamp = now()
    rows = [
        (r.company_id, r.batch, r.as_of, r.rules_version, r.records.points, r.self_discipline.points,
         r.capability.points, r.total, r.grade, canonical_json(r.explanation), r.inputs_digest, stamp)
        for r in ratings
    ]
    with transaction(db):
        db.conn.executemany(
            "INSERT INTO ratings (company_id, batch, as_of, rules_version, records, self_discipline, capability,"
            " total, grade, explanation, inputs_digest, rated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (company_id, batch, as_of, rules_version) DO UPDATE SET records = excluded.records,"
            " self_discipline = excluded.self_discipline, capability = excluded.capability,"
            " total = excluded.total, grade = excluded.grade, explanation = excluded.explanation,"
            " inputs_digest = excluded.inputs_digest, rated_at = excluded.rated_at,"
            " pack_path = NULL, pack_digest = NULL"
            " WHERE ratings.inputs_digest != excluded.inputs_digest OR ratings.explanation != excluded.explanation",
            rows,
        )


def rate_batch(
    db: sqlite_utils.Database,
    as_of: date | str,
    batch: str | None = None,
    rules: Rules | None = None,
    *,
    all_companies: bool = False,
) -> list[Rating]:
    """Rate a batch's participants (default: the latest batch) as of a date and store the ratings."""
    day = as_of if isinstance(as_of, date) else date.fromisoformat(as_of)
    rules = rules or load_rules()
    label, company_ids = select_companies(db, batch, all_companies)
    facts = load_facts(db, company_ids, day, rules)
    ratings = [rate_company(facts[cid], rules, label) for cid in company_ids]
    store_ratings(db, ratings)
    return ratings
