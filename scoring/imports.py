"""Analyst inputs from CSV files: one function per kind of row, all rows of a file in one transaction.

Every row says who entered it (`entered_by` column, or the `by` default); the import time is stored as
`entered_at`. Re-importing a file updates the same rows instead of adding copies.
"""

from __future__ import annotations

import csv
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import sqlite_utils

from scoring.rules import LOCATIONS, TIERS, Rules, load_rules
from store.db import now, transaction
from store.identity import resolve

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TRUE = {"1", "true", "yes", "y", "是", "accepted", "采纳"}
_FALSE = {"0", "false", "no", "n", "否", "rejected", "不采纳"}


class CsvImportError(ValueError):
    """A bad row; the message names the file and row."""


@dataclass
class Row:
    """One CSV row with the context its handler needs."""

    values: dict[str, str]
    db: sqlite_utils.Database
    rules: Rules
    by: str
    at: str
    create_companies: bool

    def get(self, key: str) -> str | None:
        value = (self.values.get(key) or "").strip()
        return value or None

    def need(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise ValueError(f"column {key!r} is empty")
        return value

    def day(self, key: str, required: bool = True) -> str | None:
        value = self.need(key) if required else self.get(key)
        if value is None:
            return None
        try:
            if not _DATE.match(value):
                raise ValueError
            date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{key} {value!r} is not a YYYY-MM-DD date") from None
        return value

    def flag(self, key: str, default: bool | None = None) -> bool:
        value = self.get(key)
        if value is None and default is not None:
            return default
        if value is None or value.lower() not in _TRUE | _FALSE:
            raise ValueError(f"{key} must be yes/no (1/0), not {value!r}")
        return value.lower() in _TRUE

    def choice(self, key: str, allowed: tuple[str, ...], default: str | None = None) -> str:
        value = self.get(key) or default
        if value not in allowed:
            raise ValueError(f"{key} must be one of {', '.join(allowed)}, not {value!r}")
        return value

    def company(self, key: str = "company") -> int:
        name = self.need(key)
        result = resolve(self.db, name, create=self.create_companies)
        if result.company_id is None:
            hint = "; did you mean " + " / ".join(a for _, a, _ in result.candidates) if result.candidates else ""
            raise ValueError(f"unknown company {name!r}{hint} (use --create-companies to add it)")
        return result.company_id

    def who(self) -> dict[str, str]:
        by = self.get("entered_by") or self.by
        if not by:
            raise ValueError("no entered_by column value and no --by given: every row needs who entered it")
        return {"entered_by": by, "entered_at": self.at}


def _find(db: sqlite_utils.Database, sql: str, params: list) -> int | None:
    row = db.execute(sql, params).fetchone()
    return row[0] if row else None


def _save(db: sqlite_utils.Database, table: str, existing: int | None, record: dict) -> None:
    if existing is None:
        db[table].insert(record)
    else:
        db[table].update(existing, record)


def list_entry(row: Row) -> None:
    """company, list (bad|dishonest|record), date_in, date_out, business, cloud_related, reason, source."""
    company_id = row.company()
    business = row.get("business") or ""
    record = {
        "company_id": company_id,
        "list": row.choice("list", ("bad", "dishonest", "record")),
        "date_in": row.day("date_in"),
        "date_out": row.day("date_out", required=False),
        "business": business,
        "cloud_related": int(row.flag("cloud_related", default=not business)),
        "reason": row.get("reason"),
        "source": row.get("source"),
        **row.who(),
    }
    if record["date_out"] and record["date_out"] <= record["date_in"]:
        raise ValueError("date_out must be after date_in")
    existing = _find(row.db, "SELECT id FROM list_entries WHERE company_id = ? AND list = ? AND date_in = ?"
                     " AND COALESCE(business, '') = ?", [company_id, record["list"], record["date_in"], business])
    _save(row.db, "list_entries", existing, record)


def explanation(row: Row) -> None:
    """company, list, date_in, business (naming the listing), accepted, decided_on, note."""
    company_id = row.company()
    listing = [company_id, row.choice("list", ("bad", "dishonest", "record")), row.day("date_in"),
               row.get("business") or ""]
    entry_id = _find(row.db, "SELECT id FROM list_entries WHERE company_id = ? AND list = ? AND date_in = ?"
                     " AND COALESCE(business, '') = ?", listing)
    if entry_id is None:
        raise ValueError(f"no {listing[1]} list entry of that company from {listing[2]} (import list-entries first)")
    record = {"list_entry_id": entry_id, "accepted": int(row.flag("accepted")), "decided_on": row.day("decided_on"),
              "note": row.need("note"), **row.who()}
    existing = _find(row.db, "SELECT id FROM explanations WHERE list_entry_id = ? AND decided_on = ?",
                     [entry_id, record["decided_on"]])
    _save(row.db, "explanations", existing, record)


def other_proof(row: Row) -> None:
    """company, level (a capability level of the rules file), valid_from, valid_to, note."""
    company_id = row.company()
    record = {"company_id": company_id,
              "level": row.choice("level", tuple(level for level, _ in row.rules.capability_levels)),
              "valid_from": row.day("valid_from"), "valid_to": row.day("valid_to", required=False),
              "note": row.need("note"), **row.who()}
    existing = _find(row.db, "SELECT id FROM other_proofs WHERE company_id = ? AND level = ? AND valid_from = ?",
                     [company_id, record["level"], record["valid_from"]])
    _save(row.db, "other_proofs", existing, record)


def participation(row: Row) -> None:
    """batch, company, note."""
    company_id = row.company()
    record = {"batch": row.need("batch"), "company_id": company_id, "note": row.get("note"), **row.who()}
    existing = _find(row.db, "SELECT id FROM participations WHERE batch = ? AND company_id = ?",
                     [record["batch"], company_id])
    _save(row.db, "participations", existing, record)


def membership(row: Row) -> None:
    """company, tier (model|escort|signer|aware), valid_from, valid_to, source."""
    company_id = row.company()
    record = {"company_id": company_id, "tier": row.choice("tier", TIERS), "valid_from": row.day("valid_from"),
              "valid_to": row.day("valid_to", required=False), "source": row.get("source"), **row.who()}
    if record["valid_to"] and record["valid_to"] <= record["valid_from"]:
        raise ValueError("valid_to must be after valid_from")
    existing = _find(row.db, "SELECT id FROM memberships WHERE company_id = ? AND tier = ? AND valid_from = ?",
                     [company_id, record["tier"], record["valid_from"]])
    _save(row.db, "memberships", existing, record)


def _zone(row: Row, company_id: int, name: str, inventory: bool) -> int:
    existing = _find(row.db, "SELECT id FROM availability_zones WHERE company_id = ? AND name = ?",
                     [company_id, name])
    record = {"company_id": company_id, "name": name, "source": row.get("source"), **row.who()}
    if row.get("location") or existing is None:
        record["location"] = row.choice("location", LOCATIONS, default="domestic")
    if inventory:
        record["inventory"] = 1
    elif existing is not None:
        return existing
    _save(row.db, "availability_zones", existing, record)
    return existing or _find(row.db, "SELECT id FROM availability_zones WHERE company_id = ? AND name = ?",
                             [company_id, name])


def zone(row: Row) -> None:
    """company, name, location (domestic|overseas|hong_kong|macao|taiwan), source: the AZ inventory."""
    _zone(row, row.company(), row.need("name"), inventory=True)


def grading(row: Row) -> None:
    """company, az, scheme, grade, graded_on, grade_is_lower_bound, valid_to, location, source, note."""
    company_id = row.company()
    scheme = row.choice("scheme", tuple(row.rules.grade_orders))
    grade = row.choice("grade", row.rules.grade_orders[scheme])
    az_id = _zone(row, company_id, row.need("az"), inventory=False)
    record = {"company_id": company_id, "az_id": az_id, "scheme": scheme, "grade": grade,
              "grade_is_lower_bound": int(row.flag("grade_is_lower_bound", default=False)),
              "graded_on": row.day("graded_on"), "valid_to": row.day("valid_to", required=False),
              "source": row.get("source"), "note": row.get("note"), **row.who()}
    existing = _find(row.db, "SELECT id FROM gradings WHERE az_id = ? AND scheme = ? AND graded_on = ?",
                     [az_id, scheme, record["graded_on"]])
    _save(row.db, "gradings", existing, record)


KINDS: dict[str, tuple[tuple[str, ...], Callable[[Row], None]]] = {
    "list-entries": (("company", "list", "date_in"), list_entry),
    "explanations": (("company", "list", "date_in", "accepted", "decided_on", "note"), explanation),
    "other-proofs": (("company", "level", "valid_from", "note"), other_proof),
    "participations": (("batch", "company"), participation),
    "memberships": (("company", "tier", "valid_from"), membership),
    "azs": (("company", "name"), zone),
    "gradings": (("company", "az", "scheme", "grade", "graded_on"), grading),
}


def import_csv(
    db: sqlite_utils.Database,
    kind: str,
    path: str | Path,
    *,
    by: str | None = None,
    rules: Rules | None = None,
    create_companies: bool = False,
) -> int:
    """Import every row of a CSV file of one kind, all or nothing. Returns the number of rows."""
    required, handler = KINDS[kind]
    path = Path(path)
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle))
            header = rows[0].keys() if rows else []
    except UnicodeDecodeError as exc:
        raise CsvImportError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    if not rows:
        raise CsvImportError(f"{path}: no rows (expected a header with {', '.join(required)} and data rows)")
    if missing := [c for c in required if c not in header]:
        raise CsvImportError(f"{path}: missing column(s) {', '.join(missing)}")
    rules = rules or load_rules()
    at = now()
    with transaction(db):
        for number, values in enumerate(rows, start=2):
            try:
                handler(Row(values, db, rules, by or "", at, create_companies))
            except (ValueError, sqlite3.IntegrityError) as exc:
                raise CsvImportError(f"{path} row {number}: {exc}") from exc
    return len(rows)
