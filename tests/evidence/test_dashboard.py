"""Dashboard figures computed from evidence and the review log."""

from __future__ import annotations

from evidence import dashboard
from evidence.records import decide


def test_figures(site_store):
    from store.db import open_db

    path, ids = site_store
    db = open_db(path)
    db.execute("UPDATE evidence SET created_at = '2026-03-04T10:00:00+00:00' WHERE id = ?", [ids["e1"]])
    weekly = dict(dashboard.flags_per_week(db.conn))
    assert weekly["2026-03-02"] == {"zero_price_bid": 1}
    assert sum(sum(v.values()) for v in weekly.values()) == 6
    queue = dashboard.queue_size_per_week(db.conn)
    assert queue[-1][1] == 5
    decide(db, ids["e3"], actor="li", new_status="confirmed", note=None)
    decide(db, ids["e3"], actor="li", new_status="pending", note="reopened")
    decide(db, ids["e4"], actor="li", new_status="rejected", note=None)
    assert dashboard.queue_size_per_week(db.conn)[-1][1] == 4
    companies = dict(dashboard.evidence_per_company(db.conn))
    assert companies["云栈"] == {"pending": 2, "rejected": 1}
    assert list(companies)[0] == "云栈"


def test_geometry_scales_to_the_peak():
    bars = dashboard.stacked_bars([("2026-01-05", {"a": 2, "b": 2}), ("2026-01-12", {"a": 1})], ("a", "b"), height=100)
    assert [round(r.h) for r in bars["rects"]] == [50, 50, 25]
    assert dashboard.line([("2026-01-05", 0), ("2026-01-12", 4)], width=100, height=40)["points"] == "0.0,40.0 100.0,0.0"
    rows = dashboard.hbars([("x", {"a": 3}), ("y", {"a": 1})], ("a",), width=90)["rows"]
    assert [round(r["end"]) for r in rows] == [90, 30]
    assert dashboard.stacked_bars([], ("a",))["rects"] == []
