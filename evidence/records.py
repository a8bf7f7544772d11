"""Evidence records: one row per (document, violation type), machine fields vs. human decisions.

A machine (re-)analysis calls `record_flag`; it refreshes the machine fields of an item only while
it is still pending, so an analyst's decision is never overwritten. An analyst's decision goes through
`decide` (or the equivalent Datasette writable query); the `evidence_review_logged` trigger appends
the change to the append-only `review_log` for both paths.
"""

from __future__ import annotations

import json

import sqlite_utils

from store.db import insert_row, now, transaction

STATUSES = ("pending", "confirmed", "rejected", "duplicate")
VIOLATION_TYPES = ("zero_price_bid", "abnormally_low_bid", "license_lending")
MACHINE_FIELDS = (
    "company_id",
    "company_name",
    "score",
    "model_version",
    "reason",
    "triggers",
    "winner",
    "amount_yuan",
    "budget_yuan",
    "buyer",
    "cluster_id",
    "occurred_on",
    "site",
)


def record_flag(
    db: sqlite_utils.Database,
    *,
    document_id: int,
    violation_type: str,
    score: float,
    model_version: str,
    company_id: int | None,
    company_name: str | None,
    reason: str | None,
    triggers: list[str],
    winner: str | None,
    amount_yuan: float | None,
    budget_yuan: float | None,
    buyer: str | None,
    cluster_id: str | None,
    occurred_on: str | None,
) -> int:
    """Insert the evidence for a flag, or refresh its machine fields while it is pending. Returns its id."""
    if violation_type not in VIOLATION_TYPES:
        raise ValueError(f"unknown violation type {violation_type!r}; expected one of {', '.join(VIOLATION_TYPES)}")
    if not 0.0 <= float(score) <= 1.0:
        raise ValueError(f"score must be within [0, 1], got {score}")
    fields = {
        "company_id": company_id,
        "company_name": company_name,
        "score": float(score),
        "model_version": model_version,
        "reason": reason,
        "triggers": json.dumps(list(triggers), ensure_ascii=False),
        "winner": winner,
        "amount_yuan": amount_yuan,
        "budget_yuan": budget_yuan,
        "buyer": buyer,
        "cluster_id": cluster_id,
        "occurred_on": occurred_on,
    }
    with transaction(db):
        site = db.execute("SELECT site FROM documents WHERE id = ?", [document_id]).fetchone()
        if site is None:
            raise ValueError(f"no document with id {document_id}")
        fields["site"] = site[0]
        row = db.execute(
            "SELECT id, status FROM evidence WHERE document_id = ? AND violation_type = ?",
            [document_id, violation_type],
        ).fetchone()
        if row is None:
            stamp = now()
            return insert_row(db, "evidence", {
                "document_id": document_id,
                "violation_type": violation_type,
                **fields,
                "status": "pending",
                "created_at": stamp,
                "updated_at": stamp,
            })
        evidence_id, status = row
        if status == "pending":
            assignments = ", ".join(f"{name} = :{name}" for name in MACHINE_FIELDS)
            db.execute(
                f"UPDATE evidence SET {assignments}, updated_at = :updated_at WHERE id = :id AND status = 'pending'",
                {**fields, "updated_at": now(), "id": evidence_id},
            )
        return evidence_id


def decide(
    db: sqlite_utils.Database, evidence_id: int, *, actor: str, new_status: str, note: str | None
) -> None:
    """Record an analyst's decision; the review log gets (old → new) from the trigger in the same transaction."""
    if new_status not in STATUSES:
        raise ValueError(f"unknown status {new_status!r}; expected one of {', '.join(STATUSES)}")
    if not actor or not actor.strip():
        raise ValueError("a decision needs the acting analyst's name")
    with transaction(db):
        if db.execute("SELECT 1 FROM evidence WHERE id = ?", [evidence_id]).fetchone() is None:
            raise ValueError(f"no evidence with id {evidence_id}")
        db.execute(
            "UPDATE evidence SET status = ?, reviewer = ?, reviewed_at = ?, note = ? WHERE id = ?",
            [new_status, actor.strip(), now(), note, evidence_id],
        )


def history(db: sqlite_utils.Database, evidence_id: int) -> list[dict]:
    """The review log of one evidence item, oldest first."""
    return [
        dict(r)
        for r in db.query("SELECT * FROM review_log WHERE evidence_id = ? ORDER BY id", [evidence_id])
    ]
