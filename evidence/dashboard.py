"""Dashboard figures: flags per week by type, the triage queue's size over time, evidence per company.

Each function takes a plain sqlite3 connection (what Datasette hands plugins) and returns data; `stacked_bars`,
`line` and `hbars` turn data into SVG geometry for the template (no JavaScript, nothing fetched).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

MAX_SLOT = 40
WEEK = "strftime('%Y-%m-%d', {col}, 'weekday 0', '-6 days')"
COLORS = {
    "zero_price_bid": "#c0392b",
    "abnormally_low_bid": "#e67e22",
    "license_lending": "#8e44ad",
    "confirmed": "#c0392b",
    "pending": "#f1c40f",
    "rejected": "#7f8c8d",
    "duplicate": "#bdc3c7",
}


def flags_per_week(conn: sqlite3.Connection, weeks: int = 26) -> list[tuple[str, dict[str, int]]]:
    """(Monday, {violation_type: flags raised that week}) for the latest `weeks` weeks that have flags."""
    rows = conn.execute(
        f"SELECT {WEEK.format(col='created_at')} AS wk, violation_type, COUNT(*) FROM evidence"
        " GROUP BY wk, violation_type ORDER BY wk"
    ).fetchall()
    series: dict[str, dict[str, int]] = {}
    for week, kind, count in rows:
        series.setdefault(week, {})[kind] = count
    return list(series.items())[-weeks:]


def queue_size_per_week(conn: sqlite3.Connection, weeks: int = 26) -> list[tuple[str, int]]:
    """(Monday, items pending at the end of that week): +1 when flagged, −1/+1 when a decision leaves/reopens."""
    rows = conn.execute(
        f"""WITH moves AS (
            SELECT {WEEK.format(col='created_at')} AS wk, 1 AS delta FROM evidence
            UNION ALL
            SELECT {WEEK.format(col='at')}, (new_status = 'pending') - (old_status = 'pending') FROM review_log
        )
        SELECT wk, SUM(SUM(delta)) OVER (ORDER BY wk) FROM moves GROUP BY wk ORDER BY wk"""
    ).fetchall()
    return [(week, int(size)) for week, size in rows][-weeks:]


def evidence_per_company(conn: sqlite3.Connection, top: int = 15) -> list[tuple[str, dict[str, int]]]:
    """(company, {status: count}) for the `top` companies with the most evidence."""
    rows = conn.execute(
        """WITH top AS (
            SELECT company_id, COUNT(*) AS n FROM evidence WHERE company_id IS NOT NULL
            GROUP BY company_id ORDER BY n DESC LIMIT ?
        )
        SELECT COALESCE(c.short_name, c.legal_name), e.status, COUNT(*), t.n
        FROM top t JOIN evidence e ON e.company_id = t.company_id JOIN companies c ON c.id = t.company_id
        GROUP BY t.company_id, e.status ORDER BY t.n DESC, t.company_id""",
        [top],
    ).fetchall()
    series: dict[str, dict[str, int]] = {}
    for name, status, count, _total in rows:
        series.setdefault(name, {})[status] = count
    return list(series.items())


@dataclass
class Rect:
    """One SVG rectangle with its tooltip."""

    x: float
    y: float
    w: float
    h: float
    color: str
    title: str


def stacked_bars(
    series: list[tuple[str, dict[str, int]]], keys: tuple[str, ...], *, width: int = 720, height: int = 220
) -> dict:
    """Vertical stacked bars: rectangles, x labels and the max value, for an SVG of `width` × `height`."""
    peak = max((sum(v.values()) for _, v in series), default=0) or 1
    slot = min(width / max(len(series), 1), MAX_SLOT)
    rects, labels = [], []
    for i, (label, values) in enumerate(series):
        y = height
        for key in keys:
            h = values.get(key, 0) / peak * height
            if h:
                y -= h
                rects.append(Rect(i * slot + 2, y, max(slot - 4, 1), h, COLORS.get(key, "#34495e"), f"{label} {key}: {values[key]}"))
        labels.append((i * slot + slot / 2, label[5:]))
    return {"rects": rects, "labels": labels[:: max(1, len(labels) // 12)], "peak": peak, "width": width, "height": height}


def line(series: list[tuple[str, int]], *, width: int = 720, height: int = 160) -> dict:
    """A polyline of (label, value) points and its labelled dots."""
    peak = max((v for _, v in series), default=0) or 1
    step = width / max(len(series) - 1, 1)
    dots = [(i * step, height - v / peak * height, f"{label}: {v}") for i, (label, v) in enumerate(series)]
    return {
        "points": " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in dots),
        "dots": dots,
        "peak": peak,
        "width": width,
        "height": height,
        "labels": [(x, label[5:]) for (x, _, _), (label, _) in zip(dots, series, strict=True)][:: max(1, len(dots) // 12)],
    }


def hbars(series: list[tuple[str, dict[str, int]]], keys: tuple[str, ...], *, width: int = 520, row: int = 22) -> dict:
    """Horizontal stacked bars, one row per label."""
    peak = max((sum(v.values()) for _, v in series), default=0) or 1
    rows = []
    for i, (label, values) in enumerate(series):
        x = 0.0
        rects = []
        for key in keys:
            w = values.get(key, 0) / peak * width
            if w:
                rects.append(Rect(x, i * row + 3, w, row - 6, COLORS.get(key, "#34495e"), f"{label} {key}: {values[key]}"))
                x += w
        rows.append({"label": label, "y": i * row + row / 2 + 4, "rects": rects, "total": sum(values.values()), "end": x})
    return {"rows": rows, "width": width, "height": max(len(series), 1) * row}
