"""Measure trigram vs jieba-word vs hybrid search against substring matching on a store's documents.

Run: `python -m evidence.search_eval DB [QUERIES.txt]` — prints recall and precision per strategy.
Ground truth for a query is "every term occurs as a substring of the title or the text".
"""

from __future__ import annotations

import sys
from pathlib import Path

import sqlite_utils

from evidence.search import analyst_searches, matching_ids_sql, parse_query, refresh, words
from store.db import open_db

DEFAULT_QUERIES = Path(__file__).with_name("analyst_searches.txt")


def _truth(db: sqlite_utils.Database, query: str) -> set[int]:
    terms = query.split()
    where = " AND ".join("(COALESCE(title, '') || ' ' || COALESCE(clean_text, '')) LIKE ?" for _ in terms)
    return {r[0] for r in db.execute(f"SELECT id FROM documents WHERE {where}", [f"%{t}%" for t in terms])}


def _ids(db: sqlite_utils.Database, sql: str, params: list[str]) -> set[int]:
    return {r[0] for r in db.execute(sql, params)} if sql else set()


def _trigram(db: sqlite_utils.Database, query: str) -> set[int]:
    quoted = " ".join('"' + t.replace('"', '""') + '"' for t in query.split())
    return _ids(db, "SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?", [quoted])


def _words(db: sqlite_utils.Database, query: str) -> set[int]:
    phrases = [" ".join(words(term)) for term in query.split()]
    match = " ".join('"' + p.replace('"', '""') + '"' for p in phrases if p)
    return _ids(db, "SELECT rowid FROM documents_seg_fts WHERE documents_seg_fts MATCH ?", [match])


def _hybrid(db: sqlite_utils.Database, query: str) -> set[int]:
    return _ids(db, *matching_ids_sql("documents", parse_query(query)))


STRATEGIES = {"trigram": _trigram, "jieba words": _words, "hybrid (served)": _hybrid}


def compare(db: sqlite_utils.Database, queries: list[str]) -> dict[str, dict]:
    """Per strategy: mean recall, mean precision and how many queries it answers exactly."""
    refresh(db)
    totals = {name: {"recall": 0.0, "precision": 0.0, "exact": 0, "per_query": {}} for name in STRATEGIES}
    for query in queries:
        truth = _truth(db, query)
        for name, strategy in STRATEGIES.items():
            found = strategy(db, query)
            hits = len(found & truth)
            recall = hits / len(truth) if truth else 1.0
            precision = hits / len(found) if found else (1.0 if not truth else 0.0)
            entry = totals[name]
            entry["recall"] += recall / len(queries)
            entry["precision"] += precision / len(queries)
            entry["exact"] += int(found == truth)
            entry["per_query"][query] = (len(truth), round(recall, 2), round(precision, 2))
    return totals


def main(argv: list[str]) -> None:
    """Print the comparison for a store and a queries file."""
    db = open_db(argv[0])
    queries = analyst_searches((Path(argv[1]) if len(argv) > 1 else DEFAULT_QUERIES).read_text("utf-8").splitlines())
    results = compare(db, queries)
    print("query | matches | " + " | ".join(f"{name} recall/precision" for name in results))
    for query in queries:
        truth = results["trigram"]["per_query"][query][0]
        cells = [f"{r['per_query'][query][1]:.2f}/{r['per_query'][query][2]:.2f}" for r in results.values()]
        print(f"{query} | {truth} | " + " | ".join(cells))
    for name, r in results.items():
        print(f"{name}: recall {r['recall']:.3f}, precision {r['precision']:.3f}, exact {r['exact']}/{len(queries)}")


if __name__ == "__main__":
    main(sys.argv[1:])
