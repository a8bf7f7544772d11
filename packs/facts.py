"""Gather what a rating rests on from the store: the rating, the company, every cited fact and evidence item."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import sqlite_utils

from store.identity import names_of

RATING_FIELDS = (
    "id",
    "company_id",
    "batch",
    "as_of",
    "rules_version",
    "records",
    "self_discipline",
    "capability",
    "total",
    "grade",
    "inputs_digest",
    "rated_at",
)
EVIDENCE_FIELDS = (
    "id",
    "document_id",
    "company_id",
    "company_name",
    "violation_type",
    "score",
    "model_version",
    "reason",
    "winner",
    "amount_yuan",
    "budget_yuan",
    "buyer",
    "cluster_id",
    "occurred_on",
    "status",
    "reviewer",
    "reviewed_at",
    "note",
    "created_at",
    "updated_at",
)
DOCUMENT_FIELDS = (
    "id",
    "url",
    "site",
    "kind",
    "title",
    "published",
    "fetched_at",
    "http_status",
    "content_type",
    "encoding",
    "content_hash",
    "warc_file",
    "warc_offset",
    "warc_record_id",
    "analyzed_at",
    "model_version",
)
FACT_SOURCES = {
    "list_entries": ("records", "list_entries"),
    "explanations": ("records", "explanations"),
    "memberships": ("self_discipline", "memberships"),
    "availability_zones": ("capability", "availability_zones"),
    "gradings": ("capability", "gradings"),
    "other_proofs": ("capability", "other_proofs"),
}


class PackError(Exception):
    """A rating whose pack cannot be built (missing rating, cited fact or rules file): one line."""


@dataclass
class EvidenceItem:
    """One evidence item cited by the rating, with its review history, document and extracted facts."""

    row: dict
    triggers: list[str]
    review_log: list[dict]
    document: dict
    clean_text: str
    bulletin: dict | None
    lots: list[dict]
    attachments: list[dict] = field(default_factory=list)


@dataclass
class RatingInputs:
    """Everything a pack shows, read from the store in one go."""

    rating: dict
    explanation: dict
    company: dict
    facts: dict[str, list[dict]]
    evidence: list[EvidenceItem]


def load_inputs(db: sqlite_utils.Database, rating_id: int) -> RatingInputs:
    """Read rating `rating_id` and every fact and evidence item its explanation cites."""
    rows = list(db.query("SELECT * FROM ratings WHERE id = ?", [rating_id]))
    if not rows:
        raise PackError(f"no rating with id {rating_id}")
    full = rows[0]
    try:
        explanation = json.loads(full["explanation"])
    except (TypeError, json.JSONDecodeError) as exc:
        raise PackError(f"rating {rating_id} has an explanation that is not JSON: {exc}") from exc
    rating = {key: full[key] for key in RATING_FIELDS}
    company_row = db["companies"].get(full["company_id"])
    company = {
        "id": company_row["id"],
        "legal_name": company_row["legal_name"],
        "short_name": company_row["short_name"],
        "verified": bool(company_row["verified"]),
        "names": names_of(db, company_row["id"]),
    }
    facts = {
        name: _rows(db, name, _cited(explanation, *where), rating_id) for name, where in FACT_SOURCES.items()
    }
    extra_azs = sorted(
        {g["az_id"] for g in facts["gradings"]} - {a["id"] for a in facts["availability_zones"]}
    )
    if extra_azs:
        facts["availability_zones"] = sorted(
            facts["availability_zones"] + _rows(db, "availability_zones", extra_azs, rating_id),
            key=lambda r: r["id"],
        )
    evidence_ids = _cited(explanation, "self_discipline", "evidence")
    evidence = [_evidence_item(db, row) for row in _rows(db, "evidence", evidence_ids, rating_id)]
    return RatingInputs(rating, explanation, company, facts, evidence)


def _cited(explanation: dict, dimension: str, key: str) -> list[int]:
    facts = (explanation.get(dimension) or {}).get("facts") or {}
    return sorted({int(i) for i in facts.get(key) or []})


def _rows(db: sqlite_utils.Database, table: str, ids: list[int], rating_id: int) -> list[dict]:
    if not ids:
        return []
    marks = ",".join("?" for _ in ids)
    rows = [dict(r) for r in db.query(f"SELECT * FROM [{table}] WHERE id IN ({marks}) ORDER BY id", ids)]
    missing = sorted(set(ids) - {r["id"] for r in rows})
    if missing:
        raise PackError(f"rating {rating_id} cites {table} {missing}, not in the database")
    return rows


def _evidence_item(db: sqlite_utils.Database, row: dict) -> EvidenceItem:
    try:
        triggers = [str(t) for t in json.loads(row.get("triggers") or "[]")]
    except json.JSONDecodeError:
        triggers = []
    log = [
        dict(r)
        for r in db.query("SELECT * FROM review_log WHERE evidence_id = ? ORDER BY at, id", [row["id"]])
    ]
    doc = db["documents"].get(row["document_id"])
    bulletin = list(db.query("SELECT * FROM bulletin_facts WHERE document_id = ?", [doc["id"]]))
    lots = [
        dict(r) for r in db.query("SELECT * FROM lots WHERE document_id = ? ORDER BY lot_no, id", [doc["id"]])
    ]
    attachments = [
        dict(r) for r in db.query("SELECT * FROM attachments WHERE document_id = ? ORDER BY id", [doc["id"]])
    ]
    return EvidenceItem(
        row={key: row.get(key) for key in EVIDENCE_FIELDS},
        triggers=triggers,
        review_log=log,
        document={key: doc.get(key) for key in DOCUMENT_FIELDS},
        clean_text=doc.get("clean_text") or "",
        bulletin=dict(bulletin[0]) if bulletin else None,
        lots=lots,
        attachments=attachments,
    )
