"""The facts a rating uses, as plain dataclasses, loaded for many companies with a few set-based queries.

End dates (`date_out`, `valid_to`) are the first day a fact no longer holds: a list entry with
`date_out` = the as-of date is already off the list.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

import sqlite_utils

from scoring.rules import Rules


class ListEntry(NamedTuple):
    """One listing on the ministry's 不良名单 / 失信名单, or another bad record (`list` = 'record')."""

    id: int
    list: str
    date_in: str
    date_out: str | None
    business: str | None
    cloud_related: bool
    reason: str | None


class Explanation(NamedTuple):
    """The committee's decision on a company's explanation of a listing."""

    id: int
    list_entry_id: int
    accepted: bool
    decided_on: str
    note: str


class Membership(NamedTuple):
    """A self-discipline membership tier held from `valid_from` until `valid_to`."""

    id: int
    tier: str
    valid_from: str
    valid_to: str | None


class Evidence(NamedTuple):
    """Analyst-confirmed evidence of a violation, dated by when it happened (or when it was published)."""

    id: int
    violation_type: str
    on: str
    status: str


class Zone(NamedTuple):
    """One availability zone of the company."""

    id: int
    name: str
    location: str
    inventory: bool


class Grading(NamedTuple):
    """A 可信云云主机分级 result for one AZ."""

    id: int
    az_id: int
    scheme: str
    grade: str
    lower_bound: bool
    graded_on: str


class OtherProof(NamedTuple):
    """Another proof of capability recorded by an analyst (或通过其他方式证明达到相应要求)."""

    id: int
    level: str
    valid_from: str
    note: str


@dataclass
class CompanyFacts:
    """Everything valid on the as-of date that the rating of one company may use."""

    company_id: int
    name: str
    as_of: str
    list_entries: list[ListEntry] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)
    memberships: list[Membership] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    zones: list[Zone] = field(default_factory=list)
    gradings: list[Grading] = field(default_factory=list)
    other_proofs: list[OtherProof] = field(default_factory=list)


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day where that day does not exist)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def window_start(as_of: date, rules: Rules) -> date:
    """First day of the evidence window (inclusive); the window ends on the as-of date."""
    return months_before(as_of, rules.evidence_window_months)


def _company_table(db: sqlite_utils.Database, company_ids: list[int]) -> None:
    db.execute("CREATE TEMP TABLE IF NOT EXISTS rate_companies (id INTEGER PRIMARY KEY)")
    db.execute("DELETE FROM temp.rate_companies")
    db.conn.executemany("INSERT OR IGNORE INTO temp.rate_companies VALUES (?)", [(i,) for i in company_ids])


def load_facts(
    db: sqlite_utils.Database, company_ids: list[int], as_of: date, rules: Rules
) -> dict[int, CompanyFacts]:
    """Facts valid on `as_of` for every company in `company_ids`, one query per kind of fact."""
    day = as_of.isoformat()
    _company_table(db, company_ids)
    facts = {
        cid: CompanyFacts(cid, name, day)
        for cid, name in db.execute(
            "SELECT c.id, c.legal_name FROM companies c JOIN temp.rate_companies r ON r.id = c.id"
        ).fetchall()
    }
    missing = set(company_ids) - set(facts)
    if missing:
        raise ValueError(f"no company with id {min(missing)} in the registry")
    for row in db.execute(
        "SELECT l.company_id, l.id, l.list, l.date_in, l.date_out, l.business, l.cloud_related, l.reason"
        " FROM list_entries l JOIN temp.rate_companies r ON r.id = l.company_id"
        " WHERE l.date_in <= ? AND l.date_in >= ? ORDER BY l.id",
        [day, rules.start_date.isoformat()],
    ):
        facts[row[0]].list_entries.append(ListEntry(row[1], row[2], row[3], row[4], row[5], bool(row[6]), row[7]))
    for row in db.execute(
        "SELECT l.company_id, x.id, x.list_entry_id, x.accepted, x.decided_on, x.note"
        " FROM explanations x JOIN list_entries l ON l.id = x.list_entry_id"
        " JOIN temp.rate_companies r ON r.id = l.company_id WHERE x.decided_on <= ? ORDER BY x.decided_on, x.id",
        [day],
    ):
        facts[row[0]].explanations.append(Explanation(row[1], row[2], bool(row[3]), row[4], row[5]))
    for row in db.execute(
        "SELECT m.company_id, m.id, m.tier, m.valid_from, m.valid_to FROM memberships m"
        " JOIN temp.rate_companies r ON r.id = m.company_id"
        " WHERE m.valid_from <= ? AND (m.valid_to IS NULL OR m.valid_to > ?) ORDER BY m.id",
        [day, day],
    ):
        facts[row[0]].memberships.append(Membership(*row[1:]))
    placeholders = ",".join("?" * len(rules.violation_types)) or "NULL"
    for row in db.execute(
        "SELECT e.company_id, e.id, e.violation_type, COALESCE(e.occurred_on, d.published) AS happened, e.status"
        " FROM evidence e JOIN temp.rate_companies r ON r.id = e.company_id"
        " JOIN documents d ON d.id = e.document_id"
        f" WHERE e.status = 'confirmed' AND e.violation_type IN ({placeholders})"
        " AND substr(COALESCE(e.occurred_on, d.published), 1, 10) BETWEEN ? AND ? ORDER BY happened, e.id",
        [*rules.violation_types, window_start(as_of, rules).isoformat(), day],
    ):
        facts[row[0]].evidence.append(Evidence(row[1], row[2], row[3][:10], row[4]))
    for row in db.execute(
        "SELECT a.company_id, a.id, a.name, a.location, a.inventory FROM availability_zones a"
        " JOIN temp.rate_companies r ON r.id = a.company_id ORDER BY a.id"
    ):
        facts[row[0]].zones.append(Zone(row[1], row[2], row[3], bool(row[4])))
    for row in db.execute(
        "SELECT g.company_id, g.id, g.az_id, g.scheme, g.grade, g.grade_is_lower_bound, g.graded_on"
        " FROM gradings g JOIN temp.rate_companies r ON r.id = g.company_id"
        " WHERE g.graded_on <= ? AND (g.valid_to IS NULL OR g.valid_to > ?) ORDER BY g.id",
        [day, day],
    ):
        facts[row[0]].gradings.append(Grading(row[1], row[2], row[3], row[4], bool(row[5]), row[6]))
    for row in db.execute(
        "SELECT p.company_id, p.id, p.level, p.valid_from, p.note FROM other_proofs p"
        " JOIN temp.rate_companies r ON r.id = p.company_id"
        " WHERE p.valid_from <= ? AND (p.valid_to IS NULL OR p.valid_to > ?) ORDER BY p.id",
        [day, day],
    ):
        facts[row[0]].other_proofs.append(OtherProof(*row[1:]))
    return facts
