"""Company identity: one company, many names.

A registry entry (`companies`) is one party as the committee sees it. Every name it goes by is an
explicit alias (`company_aliases`): legal names, short and brand names, other legal entities of the
same group, branch offices. Resolution is exact on a normalised key; a branch office resolves to its
head office when the head office is known; fuzzy matches are only *reported* as candidates
(`name_candidates`), never merged. An unknown name becomes an unverified entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import sqlite_utils
from rapidfuzz import fuzz, process

from store.db import insert_row, now, transaction
from store.names import name_key

FUZZY_THRESHOLD = 85.0

_BRANCH_SUFFIXES = ("分公司", "分中心", "分部", "办事处")
_LEGAL_FORM = re.compile(r"(股份有限公司|有限责任公司|有限公司|集团公司|公司)$")


@dataclass
class Resolution:
    """How a name was resolved: `company_id`, the rule that matched (`how`), and fuzzy candidates."""

    name: str
    company_id: int | None
    how: str
    candidates: list[tuple[int, str, float]] = field(default_factory=list)


def add_company(
    db: sqlite_utils.Database,
    legal_name: str,
    *,
    short_name: str | None = None,
    parent_id: int | None = None,
    verified: bool = True,
    note: str | None = None,
    source: str | None = None,
) -> int:
    """Insert or update a registry entry by legal name; its legal name becomes an alias. Returns its id."""
    with transaction(db):
        row = db.execute("SELECT id FROM companies WHERE legal_name = ?", [legal_name]).fetchone()
        if row:
            company_id = row[0]
            db.execute(
                "UPDATE companies SET short_name = COALESCE(?, short_name), parent_id = COALESCE(?, parent_id),"
                " verified = MAX(verified, ?), note = COALESCE(?, note) WHERE id = ?",
                [short_name, parent_id, int(verified), note, company_id],
            )
        else:
            company_id = insert_row(db, "companies", {
                "legal_name": legal_name,
                "short_name": short_name,
                "parent_id": parent_id,
                "verified": int(verified),
                "created_at": now(),
                "note": note,
            })
        add_alias(db, company_id, legal_name, "legal", source=source)
    return company_id


def add_alias(
    db: sqlite_utils.Database, company_id: int, alias: str, kind: str, *, source: str | None = None
) -> None:
    """Record that `alias` names `company_id`. An alias already naming another company is an error."""
    key = name_key(alias)
    existing = db.execute("SELECT company_id FROM company_aliases WHERE alias_key = ?", [key]).fetchone()
    if existing and existing[0] != company_id:
        raise ValueError(f"alias {alias!r} already names company {existing[0]}, not {company_id}")
    if not existing:
        insert_row(db, "company_aliases",
                   {"alias_key": key, "alias": alias, "company_id": company_id, "kind": kind, "source": source})


def lookup(db: sqlite_utils.Database, name: str) -> int | None:
    """The company an exact (normalised) alias names, else None."""
    row = db.execute("SELECT company_id FROM company_aliases WHERE alias_key = ?", [name_key(name)]).fetchone()
    return row[0] if row else None


def _char_mask(text: str) -> int:
    """A 64-bit set of the characters in `text` (each character hashed to one bit)."""
    mask = 0
    for char in text:
        mask |= 1 << ((ord(char) * 2654435761 >> 7) & 63)
    return mask


class AliasIndex:
    """The registry's alias keys in memory, for fuzzy look-ups in bulk (one read of the table, then rapidfuzz).

    Made for one batch job that is the only writer of aliases while it runs (`analyze`): `resolve` adds the
    aliases it creates, so the index stays equal to the table. A look-up scores only the keys that could
    reach the threshold: `fuzz.ratio` is 200 × (longest common subsequence) / (sum of lengths), and a
    character of one key missing from the other (told by a 64-bit character set per key) is never in that
    subsequence, so most keys are ruled out at once (numpy) and the work no longer grows with the registry.
    """

    def __init__(self, db: sqlite_utils.Database):
        rows = db.execute("SELECT alias_key, alias, company_id FROM company_aliases").fetchall()
        self.keys: list[str] = []
        self.names: list[tuple[int, str]] = []
        self._masks = np.zeros(max(len(rows), 64), dtype=np.uint64)
        self._lengths = np.zeros(len(self._masks), dtype=np.int64)
        for key, alias, company_id in rows:
            self._append(_LEGAL_FORM.sub("", key), company_id, alias)

    def _append(self, key: str, company_id: int, alias: str) -> None:
        size = len(self.keys)
        if size == len(self._masks):
            self._masks = np.concatenate([self._masks, np.zeros(size, dtype=np.uint64)])
            self._lengths = np.concatenate([self._lengths, np.zeros(size, dtype=np.int64)])
        self._masks[size] = _char_mask(key)
        self._lengths[size] = len(key)
        self.keys.append(key)
        self.names.append((company_id, alias))

    def add(self, alias: str, company_id: int) -> None:
        """Record an alias written to the table."""
        self._append(_LEGAL_FORM.sub("", name_key(alias)), company_id, alias)

    def similar(self, name: str, *, threshold: float = FUZZY_THRESHOLD, limit: int = 3) -> list[tuple[int, str, float]]:
        """Aliases similar to `name` at or above `threshold` (0–100): (company_id, alias, score)."""
        if not self.keys:
            return []
        query = _LEGAL_FORM.sub("", name_key(name))
        size = len(self.keys)
        mask, masks, lengths = np.uint64(_char_mask(query)), self._masks[:size], self._lengths[:size]
        common = np.minimum(len(query) - np.bitwise_count(mask & ~masks), lengths - np.bitwise_count(masks & ~mask))
        total = lengths + len(query)
        best = np.where(total > 0, 200.0 * common / np.maximum(total, 1), 100.0)
        possible = np.flatnonzero(best >= threshold - 1e-9)
        matches = process.extract(query, [self.keys[i] for i in possible], scorer=fuzz.ratio, score_cutoff=threshold,
                                  limit=limit)
        return [(*self.names[possible[i]], float(score)) for _, score, i in matches]


def resolve(
    db: sqlite_utils.Database,
    name: str,
    *,
    create: bool = True,
    threshold: float = FUZZY_THRESHOLD,
    index: AliasIndex | None = None,
) -> Resolution:
    """Resolve a company name as written to a registry entry.

    Order: exact alias; branch office of a known head office (recorded as a `branch` alias); otherwise a
    new unverified entry (when `create`), with any fuzzy look-alikes stored as open candidates for an
    analyst to accept or reject. Pass an `index` when resolving many names in one job.
    """
    name = name.strip()
    if not name_key(name):
        raise ValueError("empty company name")
    company_id = lookup(db, name)
    if company_id is not None:
        return Resolution(name, company_id, "alias")
    head_id = _head_office(db, name)
    if head_id is not None:
        with transaction(db):
            add_alias(db, head_id, name, "branch", source="branch-of-head-office")
        if index is not None:
            index.add(name, head_id)
        return Resolution(name, head_id, "branch")
    candidates = (index or AliasIndex(db)).similar(name, threshold=threshold)
    if not create:
        return Resolution(name, None, "unknown", candidates)
    with transaction(db):
        company_id = add_company(db, name, verified=False, note="added unverified by name resolution")
        for cand_id, _alias, score in candidates:
            if cand_id != company_id:
                insert_row(db, "name_candidates",
                           {"name": name, "company_id": cand_id, "score": score, "found_at": now()}, ignore=True)
    if index is not None:
        index.add(name, company_id)
    return Resolution(name, company_id, "new", candidates)


def _head_office(db: sqlite_utils.Database, name: str) -> int | None:
    """For a branch office (…分公司), the company its longest known name prefix resolves to."""
    key = name_key(name)
    if not key.endswith(_BRANCH_SUFFIXES):
        return None
    for end in range(len(key) - 3, 1, -1):
        row = db.execute("SELECT company_id FROM company_aliases WHERE alias_key = ?", [key[:end]]).fetchone()
        if row:
            return row[0]
    return None


def names_of(db: sqlite_utils.Database, company_id: int) -> list[dict]:
    """Every alias of a company, legal name first."""
    return [
        dict(r)
        for r in db.query(
            "SELECT alias, kind, source FROM company_aliases WHERE company_id = ?"
            " ORDER BY kind != 'legal', kind, alias",
            [company_id],
        )
    ]
