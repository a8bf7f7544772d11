"""Evidence records: one row per (document, violation type), machine fields vs. human decisions.

A machine (re-)analysis calls `record_flag` (or `record_flags` for many); it refreshes the machine
fields of an item only while it is still pending, so an analyst's decision is never overwritten. An
analyst's decision goes through `decide` (or the equivalent Datasette writable query); the
`evidence_review_logged` trigger appends the change to the append-only `review_log` for both paths.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

from store.db import insert_rows, now, transaction, update_rows

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
    flag = dict(locals())
    del flag["db"]
    return record_flags(db, [flag])[0]


def record_flags(db: sqlite_utils.Database, flags: list[dict[str, Any]]) -> list[int]:
    """`record_flag` for many flags at once (each a dict of its keyword arguments); returns their ids in order.

    New items are inserted and pending ones refreshed with a few statements for all of them
    (`store.db.insert_rows`, `update_rows`), which keeps the full-text index of evidence in one piece per call.
    """
    rows = [_machine_fields(**flag) for flag in flags]
    keys = [(row["document_id"], row["violation_type"]) for row in rows]
    if len(set(keys)) < len(keys):
        raise ValueError("a document's violation type is flagged twice in one call")
    if not rows:
        return []
    documents = json.dumps(sorted({document_id for document_id, _ in keys}))
    with transaction(db):
        sites = dict(db.execute("SELECT id, site FROM documents WHERE id IN (SELECT value FROM json_each(?))",
                                [documents]).fetchall())
        for document_id, _ in keys:
            if document_id not in sites:
                raise ValueError(f"no document with id {document_id}")
        known = ("SELECT id, document_id, violation_type, status FROM evidence"
                 " WHERE document_id IN (SELECT value FROM json_each(?))")
        existing = {(document, violation): (evidence_id, status)
                    for evidence_id, document, violation, status in db.execute(known, [documents])}
        stamp = now()
        for row in rows:
            row["site"] = sites[row["document_id"]]
        update_rows(db, "evidence", [
            {"id": existing[key][0], **{name: row[name] for name in MACHINE_FIELDS}, "updated_at": stamp}
            for row, key in zip(rows, keys, strict=True) if key in existing and existing[key][1] == "pending"
        ], where="status = 'pending'")
        insert_rows(db, "evidence", [
            {**row, "status": "pending", "created_at": stamp, "updated_at": stamp}
            for row, key in zip(rows, keys, strict=True) if key not in existing
        ])
        ids = {(document, violation): evidence_id
               for evidence_id, document, violation, _status in db.execute(known, [documents])}
    return [ids[key] for key in keys]


def _machine_fields(
    *, document_id: int, violation_type: str, score: float, triggers: list[str], **fields: Any
) -> dict[str, Any]:
    """A flag as evidence columns, checked."""
    if violation_type not in VIOLATION_TYPES:
        raise ValueError(f"unknown violation type {violation_type!r}; expected one of {', '.join(VIOLATION_TYPES)}")
    if not 0.0 <= float(score) <= 1.0:
        raise ValueError(f"score must be within [0, 1], got {score}")
    unknown = set(fields) - set(MACHINE_FIELDS)
    if unknown:
        raise TypeError(f"unknown evidence fields: {', '.join(sorted(unknown))}")
    return {
        "document_id": document_id,
        "violation_type": violation_type,
        **{name: fields.get(name) for name in MACHINE_FIELDS},
        "score": float(score),
        "triggers": json.dumps(list(triggers), ensure_ascii=False),
    }


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
