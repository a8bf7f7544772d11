"""Load the reference data transcribed from the 2018 Blue Book (files in store/reference/).

`load_reference` is an idempotent upsert: running it twice leaves the same rows.
"""

from __future__ import annotations

import csv
from pathlib import Path

import sqlite_utils
import yaml

from store.db import now, transaction
from store.identity import add_alias, add_company, lookup

REFERENCE_DIR = Path(__file__).parent / "reference"
SOURCE = "2018云服务信用蓝皮书"
FIRST_BATCH = "2018H1"
SIGNED_ON = "2018-01-22"
BATCH_DATE = "2018-06-30"
CLOUD_LICENCE = "互联网资源协作服务"


def _rows(name: str, folder: Path) -> list[dict[str, str]]:
    with open(folder / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _company(db: sqlite_utils.Database, name: str) -> int:
    company_id = lookup(db, name)
    if company_id is None:
        raise ValueError(f"reference data names {name!r}, which companies.yaml does not register")
    return company_id


def load_companies(db: sqlite_utils.Database, folder: Path) -> None:
    """Registry entries with their aliases (companies.yaml), then every signer of Table 3."""
    for entry in yaml.safe_load((folder / "companies.yaml").read_text(encoding="utf-8")):
        company_id = add_company(
            db,
            entry["legal_name"],
            short_name=entry.get("short"),
            verified=entry.get("verified", True),
            note=entry.get("note"),
            source=SOURCE,
        )
        for kind, names in (entry.get("aliases") or {}).items():
            for alias in names:
                add_alias(db, company_id, str(alias), kind, source=SOURCE)
    for row in _rows("signers.csv", folder):
        if lookup(db, row["legal_name"]) is None:
            add_company(db, row["legal_name"], source=SOURCE)


def _membership(db: sqlite_utils.Database, company_id: int, tier: str, valid_from: str, source: str) -> None:
    db["memberships"].insert(
        {
            "company_id": company_id,
            "tier": tier,
            "valid_from": valid_from,
            "source": source,
            "entered_by": "reference",
            "entered_at": now(),
        },
        ignore=True,
    )


def load_memberships(db: sqlite_utils.Database, folder: Path) -> None:
    """Table 3 signers (from 2018-01-22) and the 11 护航成员 of section 三(二) (from 2018-06-30)."""
    for row in _rows("signers.csv", folder):
        _membership(db, _company(db, row["legal_name"]), "signer", SIGNED_ON, f"{SOURCE} 表3")
    for row in _rows("escorts.csv", folder):
        _membership(db, _company(db, row["name_in_source"]), "escort", BATCH_DATE, f"{SOURCE} 三(二)")


def load_gradings(db: sqlite_utils.Database, folder: Path) -> None:
    """Table 4: each graded AZ joins the company's AZ inventory and gets its grade."""
    for row in _rows("gradings.csv", folder):
        company_id = _company(db, row["company_in_source"])
        db["availability_zones"].insert(
            {
                "company_id": company_id,
                "name": row["az"],
                "location": row["location"],
                "source": f"{SOURCE} 表4",
                "entered_by": "reference",
                "entered_at": now(),
            },
            ignore=True,
        )
        az_id = db.execute(
            "SELECT id FROM availability_zones WHERE company_id = ? AND name = ?", [company_id, row["az"]]
        ).fetchone()[0]
        db["gradings"].insert(
            {
                "company_id": company_id,
                "az_id": az_id,
                "scheme": row["scheme"],
                "grade": row["grade"],
                "grade_is_lower_bound": int(row["grade_is_lower_bound"]),
                "graded_on": BATCH_DATE,
                "source": f"{SOURCE} 表4",
                "note": row["note"] or None,
            },
            ignore=True,
        )


def load_facts(db: sqlite_utils.Database, folder: Path) -> None:
    """Table 2 licence counts, the first bad list, Table 5 (expected first-batch result), discrepancies."""
    for row in _rows("licence_counts.csv", folder):
        db["licence_counts"].upsert(
            {
                "issuer": row["issuer"],
                "licence_type": CLOUD_LICENCE,
                "holders": int(row["holders"]),
                "as_of": BATCH_DATE,
                "source": f"{SOURCE} 表2",
            },
            pk=("issuer", "licence_type", "as_of"),
        )
    for row in _rows("list_facts.csv", folder):
        db.execute(
            "INSERT INTO list_facts (list, published_on, companies_listed, cloud_licensed_listed, reason, source)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (list, published_on) DO UPDATE SET"
            " companies_listed = excluded.companies_listed, cloud_licensed_listed = excluded.cloud_licensed_listed,"
            " reason = excluded.reason, source = excluded.source",
            [row["list"], row["published_on"], int(row["companies_listed"]), int(row["cloud_licensed_listed"]),
             row["reason"], row["source"]],
        )
    for row in _rows("expected_ratings.csv", folder):
        company_id = _company(db, row["legal_name"])
        db["expected_ratings"].upsert(
            {"batch": FIRST_BATCH, "company_id": company_id, "grade": row["grade"], "source": f"{SOURCE} 表5"},
            pk=("batch", "company_id"),
        )
        db["participations"].insert(
            {"batch": FIRST_BATCH, "company_id": company_id, "entered_by": "reference", "entered_at": now(),
             "note": f"{SOURCE} 表5 (the source names only its AAA participants)"},
            ignore=True,
        )
    for row in _rows("discrepancies.csv", folder):
        db["discrepancies"].upsert(row, pk="subject")


def load_reference(db: sqlite_utils.Database, folder: Path = REFERENCE_DIR) -> None:
    """Load every reference file in one transaction (all or nothing)."""
    with transaction(db):
        load_companies(db, folder)
        load_memberships(db, folder)
        load_gradings(db, folder)
        load_facts(db, folder)
