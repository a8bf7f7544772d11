"""Chinese full-text search for analysts: trigram for terms of 3+ characters, jieba words for shorter ones.

SQLite's trigram tokenizer cannot match a 1–2 character query (京东, 中标), so every document and
evidence row is also indexed as jieba-segmented words (`*_seg_fts`, unicode61 over space-joined tokens).
Triggers put changed rows on `search_queue`; `refresh` segments them. docs/search.md has the measurements
behind this split.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import dataclass

import jieba
import sqlite_utils

from nlp.tokenize import DICT_PATH
from store.db import transaction

jieba.setLogLevel(logging.WARNING)

TRIGRAM_MIN = 3
LEAP_STEPS = 60
WINDOW = 20_000
BUDGET_S = 0.15
INDEXES = {
    "documents": ("documents_seg_fts", ("title", "clean_text")),
    "evidence": ("evidence_seg_fts", ("company_name", "winner", "buyer", "reason", "note")),
}
_known_names: set[str] = set()
_tokenizer: jieba.Tokenizer | None = None


def tokenizer() -> jieba.Tokenizer:
    """Search's own jieba instance: the nlp stage's domain dictionary plus the registry's names."""
    global _tokenizer
    if _tokenizer is None:
        instance = jieba.Tokenizer()
        instance.initialize()
        if DICT_PATH.exists():
            instance.load_userdict(str(DICT_PATH))
        _tokenizer = instance
    return _tokenizer


def segment(text: str | None) -> str:
    """Space-joined jieba search-mode tokens of `text` (what the segmented index stores)."""
    if not text:
        return ""
    return " ".join(token for token in tokenizer().cut_for_search(text) if token.strip())


def words(term: str) -> list[str]:
    """A query term's jieba words (precise mode), matched as a phrase against the segmented index."""
    return [token for token in tokenizer().cut(term) if token.strip()]


def teach_names(db: sqlite_utils.Database) -> None:
    """Add every registry name (legal, short, brand) to the dictionary so names stay whole words."""
    for (alias,) in db.execute("SELECT alias FROM company_aliases").fetchall():
        if alias not in _known_names and len(alias) >= 2:
            tokenizer().add_word(alias, freq=2000)
            _known_names.add(alias)


def pending(db: sqlite_utils.Database) -> int:
    """Rows waiting to be (re)segmented."""
    return db.execute("SELECT COUNT(*) FROM search_queue").fetchone()[0]


def refresh(db: sqlite_utils.Database, *, limit: int | None = None, batch: int = 2000) -> int:
    """Segment queued documents/evidence into the word index; returns how many rows were indexed."""
    teach_names(db)
    done = 0
    while limit is None or done < limit:
        size = batch if limit is None else min(batch, limit - done)
        queued = db.execute("SELECT kind, row_id FROM search_queue LIMIT ?", [size]).fetchall()
        if not queued:
            break
        with transaction(db):
            for kind, row_id in queued:
                _index_row(db, kind, row_id)
                db.execute("DELETE FROM search_queue WHERE kind = ? AND row_id = ?", [kind, row_id])
        done += len(queued)
    return done


def _index_row(db: sqlite_utils.Database, kind: str, row_id: int) -> None:
    table, columns = INDEXES[kind]
    db.execute(f"DELETE FROM {table} WHERE rowid = ?", [row_id])
    row = db.execute(f"SELECT {', '.join(columns)} FROM {kind} WHERE id = ?", [row_id]).fetchone()
    if row is not None:
        placeholders = ", ".join("?" for _ in range(len(columns) + 1))
        db.execute(
            f"INSERT INTO {table} (rowid, {', '.join(columns)}) VALUES ({placeholders})",
            [row_id, *(segment(value) for value in row)],
        )


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@dataclass
class FtsQuery:
    """An analyst's query split by index: MATCH expressions for the trigram and the word index."""

    trigram: str | None
    words: str | None

    @property
    def empty(self) -> bool:
        return self.trigram is None and self.words is None


def parse_query(query: str) -> FtsQuery:
    """Terms (space-separated, all must match) of 3+ characters go to trigram, shorter ones to jieba words."""
    long_terms: list[str] = []
    short_terms: list[str] = []
    for term in query.split():
        (long_terms if len(term) >= TRIGRAM_MIN else short_terms).append(term)
    phrases = [" ".join(words(term)) for term in short_terms]
    return FtsQuery(
        trigram=" ".join(_quote(t) for t in long_terms) or None,
        words=" ".join(_quote(p) for p in phrases if p) or None,
    )


def matching_ids_sql(kind: str, query: FtsQuery) -> tuple[str, list[str]]:
    """A `SELECT rowid …` subquery (and its parameters) for the ids of `kind` rows matching `query`."""
    parts: list[str] = []
    params: list[str] = []
    if query.trigram:
        parts.append(f"SELECT rowid FROM {kind}_fts WHERE {kind}_fts MATCH ?")
        params.append(query.trigram)
    if query.words:
        parts.append(f"SELECT rowid FROM {kind}_seg_fts WHERE {kind}_seg_fts MATCH ?")
        params.append(query.words)
    return " INTERSECT ".join(parts), params


@dataclass
class Hits:
    """Matching row ids, newest first; `complete` is False when the time budget ran out first."""

    ids: list[int]
    complete: bool = True


def search(
    db: sqlite_utils.Database, kind: str, query: str, *, limit: int = 50, budget_s: float = BUDGET_S
) -> Hits:
    """The newest `kind` rows (documents or evidence) matching `query`.

    One index: FTS5 streams its matches newest first. Both indexes (long and short terms): first a
    leapfrog join of the two newest-first streams (each step one rowid-bounded FTS query: quick when
    the terms often co-occur), then, if that has not finished in LEAP_STEPS steps, the intersection
    of both indexes over successive rowid windows (quick when they rarely do). Never `rowid IN (…)`,
    which makes SQLite run one full-text query per row. Stops after `budget_s` seconds.
    """
    if kind not in INDEXES:
        raise ValueError(f"cannot search {kind!r}")
    parsed = parse_query(query)
    parts = [(table, match) for table, match in ((f"{kind}_fts", parsed.trigram), (f"{kind}_seg_fts", parsed.words)) if match]
    if not parts:
        return Hits([])
    if len(parts) == 1:
        table, match = parts[0]
        sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT ?"
        return Hits([r[0] for r in db.execute(sql, [match, limit]).fetchall()])
    deadline = time.monotonic() + budget_s
    found, bound = _leapfrog(db, parts, limit)
    if bound is None:
        return Hits(found)
    return _windows(db, parts, limit, found, bound, deadline)


def _newest_at_most(db: sqlite_utils.Database, table: str, match: str, bound: int | None) -> int | None:
    sql = f"SELECT rowid FROM {table} WHERE {table} MATCH ?"
    params: list[object] = [match]
    if bound is not None:
        sql += " AND rowid <= ?"
        params.append(bound)
    row = db.execute(sql + " ORDER BY rowid DESC LIMIT 1", params).fetchone()
    return row[0] if row else None


def _leapfrog(db: sqlite_utils.Database, parts: list[tuple[str, str]], limit: int) -> tuple[list[int], int | None]:
    """Up to LEAP_STEPS steps; returns the ids found and the rowid to go on from (None when finished)."""
    found: list[int] = []
    bound: int | None = None
    current: list[int | None] = [None] * len(parts)
    for _ in range(LEAP_STEPS):
        for i, (table, match) in enumerate(parts):
            if current[i] is None or (bound is not None and current[i] > bound):
                current[i] = _newest_at_most(db, table, match, bound)
                if current[i] is None:
                    return found, None
        lowest, highest = min(current), max(current)
        if lowest == highest:
            found.append(lowest)
            if len(found) == limit:
                return found, None
            bound = lowest - 1
        else:
            bound = lowest
    return found, bound


def _windows(
    db: sqlite_utils.Database, parts: list[tuple[str, str]], limit: int, found: list[int], top: int, deadline: float
) -> Hits:
    """Intersect the indexes over rowid windows from `top` down, doubling the window while it finds nothing."""
    size, high = WINDOW, top
    while high >= 1:
        low = max(1, high - size + 1)
        sql = " INTERSECT ".join(f"SELECT rowid FROM {t} WHERE {t} MATCH ? AND rowid BETWEEN ? AND ?" for t, _ in parts)
        params = [value for _, match in parts for value in (match, low, high)]
        ids = [r[0] for r in db.execute(f"{sql} ORDER BY 1 DESC LIMIT ?", [*params, limit - len(found)]).fetchall()]
        found.extend(ids)
        if len(found) >= limit:
            return Hits(found)
        size = size * 2 if not ids else size
        high = low - 1
        if time.monotonic() > deadline and high >= 1:
            return Hits(found, complete=False)
    return Hits(found)


def analyst_searches(lines: Iterable[str]) -> list[str]:
    """The analyst searches of a text file: one a line, blank lines and # comments skipped."""
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def requeue_all(db: sqlite_utils.Database) -> None:
    """Queue every document and evidence row for re-segmentation (after a dictionary change)."""
    with transaction(db):
        db.execute("INSERT OR IGNORE INTO search_queue SELECT 'documents', id FROM documents")
        db.execute("INSERT OR IGNORE INTO search_queue SELECT 'evidence', id FROM evidence")
