"""Benchmark the rating stage: 10,000 companies, 1,000,000 evidence rows, 100,000 AZs in a temporary store.

Prints the time to rate them all (load facts + rate + store), the time per company, and the ratio against
a baseline measured in the same run: plain SELECTs of the same fact tables with no rating logic.

    .venv/bin/python bench/score.py [--companies N] [--evidence N] [--azs N] [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scoring.rating import rate_batch  # noqa: E402
from scoring.rules import load_rules  # noqa: E402
from store.db import open_db  # noqa: E402

AS_OF = "2018-06-30"
STAMP = "2018-06-01T00:00:00+00:00"
VIOLATIONS = ("zero_price_bid", "abnormally_low_bid", "license_lending")
STATUSES = ("pending",) * 14 + ("confirmed",) * 2 + ("rejected",) * 3 + ("duplicate",)
GRADES = {"comprehensive": ("两星", "三星", "三星+", "四星", "四星+", "五星", "五星+"),
          "availability": ("两星", "三星", "四星", "五星")}
LOCATIONS = ("domestic",) * 8 + ("overseas", "hong_kong")


def _day(rng: random.Random, start: date, days: int) -> str:
    return (start + timedelta(days=rng.randrange(days))).isoformat()


def generate(db, companies: int, evidence: int, azs: int, seed: int) -> None:
    """Fill the store with synthetic facts (bulk inserts, one transaction)."""
    rng = random.Random(seed)
    conn = db.conn
    # Throwaway store: full-text and queue triggers are dropped so that generating 1M rows stays quick.
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                " AND tbl_name IN ('documents', 'evidence')").fetchall():
        conn.execute(f"DROP TRIGGER [{name}]")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO companies (id, legal_name, created_at) VALUES (?, ?, ?)",
                     ((i, f"基准测试云计算{i:05d}有限公司", STAMP) for i in range(1, companies + 1)))
    conn.executemany("INSERT INTO participations (batch, company_id, entered_at) VALUES ('bench', ?, ?)",
                     ((i, STAMP) for i in range(1, companies + 1)))
    tiers = ("signer", "escort", "aware", "model")
    conn.executemany(
        "INSERT INTO memberships (company_id, tier, valid_from, entered_at) VALUES (?, ?, ?, ?)",
        ((i, tiers[i % 4], "2018-01-22", STAMP) for i in range(1, companies + 1) if i % 5),
    )
    conn.executemany(
        "INSERT INTO list_entries (company_id, list, date_in, date_out, business, cloud_related, entered_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((rng.randrange(1, companies + 1), rng.choice(("bad", "dishonest", "record")),
          _day(rng, date(2017, 6, 1), 700), None if rng.random() < 0.5 else "2018-06-01",
          f"业务{n}", rng.random() < 0.7, STAMP) for n in range(companies // 10)),
    )
    conn.executemany(
        "INSERT INTO availability_zones (id, company_id, name, location, inventory, entered_at)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        ((n, n % companies + 1, f"可用区{n}", rng.choice(LOCATIONS), 1, STAMP) for n in range(1, azs + 1)),
    )
    gradings = []
    for n in range(1, azs + 1):
        if rng.random() < 0.7:
            scheme = rng.choice(tuple(GRADES))
            gradings.append((n % companies + 1, n, scheme, rng.choice(GRADES[scheme]), "2018-03-01", STAMP))
    conn.executemany("INSERT INTO gradings (company_id, az_id, scheme, grade, graded_on, entered_at)"
                     " VALUES (?, ?, ?, ?, ?, ?)", gradings)
    documents = evidence // len(VIOLATIONS) + 1
    conn.executemany("INSERT INTO documents (id, url, fingerprint, published) VALUES (?, ?, ?, ?)",
                     ((n, f"https://bench.example/{n}", f"fp{n}", _day(rng, date(2016, 1, 1), 1000))
                      for n in range(1, documents + 1)))
    conn.executemany(
        "INSERT INTO evidence (document_id, company_id, violation_type, score, model_version, occurred_on,"
        " status, created_at, updated_at) VALUES (?, ?, ?, ?, 'bench', ?, ?, ?, ?)",
        ((n // len(VIOLATIONS) + 1, rng.randrange(1, companies + 1), VIOLATIONS[n % len(VIOLATIONS)],
          rng.random(), None if rng.random() < 0.2 else _day(rng, date(2016, 1, 1), 1000),
          rng.choice(STATUSES), STAMP, STAMP) for n in range(evidence)),
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA synchronous = NORMAL")


BASELINE = (
    "SELECT company_id, id, list, date_in, date_out, business, cloud_related, reason FROM list_entries",
    "SELECT list_entry_id, id, accepted, decided_on, note FROM explanations",
    "SELECT company_id, id, tier, valid_from, valid_to FROM memberships",
    "SELECT e.company_id, e.id, e.violation_type, COALESCE(e.occurred_on, d.published), e.status"
    " FROM evidence e JOIN documents d ON d.id = e.document_id WHERE e.status = 'confirmed'",
    "SELECT company_id, id, name, location, inventory FROM availability_zones",
    "SELECT company_id, id, az_id, scheme, grade, grade_is_lower_bound, graded_on FROM gradings",
    "SELECT company_id, id, level, valid_from, note FROM other_proofs",
)


def baseline(db) -> float:
    """Seconds to read the same fact tables with plain SELECTs."""
    start = time.perf_counter()
    for sql in BASELINE:
        db.execute(sql).fetchall()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=10_000)
    parser.add_argument("--evidence", type=int, default=1_000_000)
    parser.add_argument("--azs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "bench.db")
        start = time.perf_counter()
        generate(db, args.companies, args.evidence, args.azs, args.seed)
        print(f"generated {args.companies} companies, {args.evidence} evidence rows, {args.azs} AZs "
              f"in {time.perf_counter() - start:.1f} s")
        rules = load_rules()
        base = baseline(db)
        start = time.perf_counter()
        ratings = rate_batch(db, AS_OF, "bench", rules)
        elapsed = time.perf_counter() - start
        again = time.perf_counter()
        rate_batch(db, AS_OF, "bench", rules)
        rerate = time.perf_counter() - again
        grades = {g: sum(r.grade == g for r in ratings) for g in ("AAA", "AA", "A", "B", "C")}
        print(f"rated {len(ratings)} companies in {elapsed:.2f} s ({elapsed / len(ratings) * 1000:.3f} ms per company)")
        print(f"re-rating with unchanged inputs: {rerate:.2f} s")
        print(f"baseline (plain SELECT of the same facts): {base:.2f} s; ratio rating/baseline = {elapsed / base:.1f}")
        print(f"grades: {grades}; target <= 10 s: {'met' if elapsed <= 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
