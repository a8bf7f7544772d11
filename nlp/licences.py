"""Licence cross-check and price red flags on extracted awards.

Licence holders come from a CSV the committee maintains (`cloudcredit import-licences FILE.csv`, columns
company, licence_type, issuer, licence_no, granted_on). A cloud-related award won by a company that holds
no 互联网资源协作服务 licence is a licence-lending candidate; with no licence data at all, nothing is flagged.
An award far below the budget or the other bids listed (K-Monitor, OCP Cardinal R058) is flagged with
the ratio in the reason.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from nlp.features import TOKEN_PRICE_YUAN, budget_ratio, lowest_award, other_bids_ratio
from store.db import transaction
from store.identity import resolve
from store.reference import CLOUD_LICENCE

CSV_COLUMNS = ("company", "licence_type", "issuer", "licence_no", "granted_on")
LOW_RATIO = 0.5
"""An award at or below this share of the budget (or of the other bids' median) is far below."""
SOURCE = "licence-csv"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class RuleFlag:
    """A flag raised by a rule rather than the model: violation type, reason and the triggering figures."""

    violation_type: str
    reason: str
    triggers: tuple[str, ...]


def read_licence_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a licence CSV, checked: the five columns present, company/type/issuer filled, dates ISO."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in CSV_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise ValueError(f"{path}: missing column(s) {', '.join(missing)}")
            rows = []
            for number, row in enumerate(reader, 2):
                clean = {c: (row.get(c) or "").strip() for c in CSV_COLUMNS}
                for key in ("company", "licence_type", "issuer"):
                    if not clean[key]:
                        raise ValueError(f"{path}:{number}: empty {key}")
                if clean["granted_on"] and not _DATE.match(clean["granted_on"]):
                    raise ValueError(f"{path}:{number}: granted_on {clean['granted_on']!r} is not YYYY-MM-DD")
                rows.append(clean)
    except UnicodeDecodeError as exc:
        raise ValueError(f"{path}: not UTF-8 text") from exc
    return rows


def import_licences(db: sqlite_utils.Database, path: Path) -> int:
    """Upsert every licence of the CSV (company resolved through the registry) in one transaction."""
    rows = read_licence_csv(path)
    with transaction(db):
        for row in rows:
            company_id = resolve(db, row["company"]).company_id
            db.execute(
                "INSERT INTO licences (company_id, licence_type, issuer, licence_no, granted_on, source)"
                " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (company_id, licence_type, issuer) DO UPDATE SET"
                " licence_no = excluded.licence_no, granted_on = excluded.granted_on, source = excluded.source",
                [company_id, row["licence_type"], row["issuer"], row["licence_no"] or None,
                 row["granted_on"] or None, SOURCE],
            )
    return len(rows)


def has_licence_data(db: sqlite_utils.Database) -> bool:
    """Whether the registry holds any cloud (互联网资源协作服务) licence at all."""
    return db.execute("SELECT 1 FROM licences WHERE licence_type = ? LIMIT 1", [CLOUD_LICENCE]).fetchone() is not None


def holds_cloud_licence(db: sqlite_utils.Database, company_id: int, on: str | None = None) -> bool:
    """Whether the company (or its parent) held a cloud licence granted on or before `on` (any date if None)."""
    row = db.execute(
        "SELECT 1 FROM licences l JOIN companies c ON l.company_id IN (c.id, c.parent_id)"
        " WHERE c.id = ? AND l.licence_type = ? AND (? IS NULL OR l.granted_on IS NULL OR l.granted_on <= ?)"
        " LIMIT 1",
        [company_id, CLOUD_LICENCE, on, on],
    ).fetchone()
    return row is not None


def licence_flag(
    db: sqlite_utils.Database, *, company_id: int | None, winner: str | None, cloud_related: bool, on: str | None
) -> RuleFlag | None:
    """A licence-lending candidate when a cloud-related award went to a winner without a cloud licence."""
    if not cloud_related or company_id is None or not winner or not has_licence_data(db):
        return None
    if holds_cloud_licence(db, company_id, on):
        return None
    return RuleFlag(
        "license_lending",
        f"cloud-related award won by {winner}, which holds no {CLOUD_LICENCE} licence in the registry",
        (winner,),
    )


def price_flags(facts: Any, low_ratio: float = LOW_RATIO) -> list[RuleFlag]:
    """Red flags of an award far below the budget or the other bids (ratio ≤ low_ratio), ratio stated.

    Token prices are left to the zero-price label.
    """
    award = lowest_award(facts)
    if award is None or award <= TOKEN_PRICE_YUAN or getattr(facts, "notice_type", None) != "award":
        return []
    flags = []
    ratio = budget_ratio(facts)
    if ratio is not None and ratio <= low_ratio:
        flags.append(RuleFlag(
            "abnormally_low_bid",
            f"award {award:,.2f} yuan is {ratio:.1%} of the budget {facts.budget_yuan:,.2f} yuan "
            f"(threshold {low_ratio:.0%})",
            (f"{award:,.2f}", f"{facts.budget_yuan:,.2f}"),
        ))
    bids = other_bids_ratio(facts)
    if bids is not None and bids <= low_ratio:
        flags.append(RuleFlag(
            "abnormally_low_bid",
            f"award {award:,.2f} yuan is {bids:.1%} of the median of the other bids (threshold {low_ratio:.0%})",
            (f"{award:,.2f}",),
        ))
    return flags
