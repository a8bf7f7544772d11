"""Publish a batch's ratings like the source's 表5: an HTML page, a CSV beside it and two PNG charts."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from scoring.rating import Rating
from scoring.rules import Rules

REPORTS_FOLDER = "reports"
"""Reports go to this folder beside the database (data/reports for data/monitor.db), served by Datasette."""
CJK_FONTS = ("Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Serif CJK SC", "WenQuanYi Zen Hei", "SimHei")
DIMENSIONS = (("records", "不良失信行为记录情况"), ("self_discipline", "自律工作开展情况"),
              ("capability", "服务能力可信情况"))
CHART_LIMIT = 60
COLUMNS = ("rank", "company", "grade", "records", "self_discipline", "capability", "total")


def pyplot():
    """matplotlib's pyplot on the Agg backend, imported on first use (it is slow to import)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def cjk_font() -> str | None:
    """The first installed font that renders Chinese, else None (charts then fall back to the default font)."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


def ordered(ratings: list[Rating], rules: Rules) -> list[Rating]:
    """Best grade first, then highest total, then registry order (表5's order for the reference data)."""
    rank = {grade: i for i, (grade, _) in enumerate(rules.grades)}
    return sorted(ratings, key=lambda r: (rank.get(r.grade, len(rank)), -r.total, r.company_id))


def _grade_chart(ratings: list[Rating], rules: Rules, path: Path) -> None:
    plt = pyplot()
    grades = [g for g, _ in rules.grades] + [rules.fallback_grade]
    counts = Counter(r.grade for r in ratings)
    fig, ax = plt.subplots(figsize=(6, 3.6), dpi=120)
    bars = ax.bar(grades, [counts.get(g, 0) for g in grades], color="#3b6ea5")
    ax.bar_label(bars)
    ax.set_ylim(0, max(counts.values(), default=0) * 1.15 + 1)
    ax.set_title("信用等级分布")
    ax.set_xlabel("信用等级")
    ax.set_ylabel("企业数")
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _dimension_chart(ratings: list[Rating], path: Path, limit: int) -> None:
    plt = pyplot()
    rows = list(reversed(ratings[:limit]))
    names = [r.company for r in rows]
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.38 * len(rows)), dpi=120)
    left = [0.0] * len(rows)
    for (key, label), colour in zip(DIMENSIONS, ("#3b6ea5", "#e0a030", "#4f9d69"), strict=True):
        values = [getattr(r, key).points for r in rows]
        ax.barh(names, values, left=left, label=label, color=colour)
        left = [a + b for a, b in zip(left, values, strict=True)]
    for y, (total, rating) in enumerate(zip(left, rows, strict=True)):
        ax.text(total + 1, y, f"{total:g}（{rating.grade}）", va="center", fontsize=8)
    ax.set_xlim(0, 112)
    ax.set_ylim(-0.6, len(rows) - 0.4)
    ax.set_xlabel("得分")
    shown = f"（前{limit}家，共{len(ratings)}家）" if len(ratings) > limit else ""
    ax.set_title(f"各企业三项评价得分{shown}", pad=26)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3, fontsize=8, frameon=False)
    ax.tick_params(axis="y", labelsize=8)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _csv(ratings: list[Rating], path: Path) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for i, r in enumerate(ratings, start=1):
            writer.writerow([i, r.company, r.grade, f"{r.records.points:g}", f"{r.self_discipline.points:g}",
                             f"{r.capability.points:g}", f"{r.total:g}"])


def write_report(
    ratings: list[Rating], rules: Rules, batch: str, as_of: str, out: Path, *, chart_limit: int = CHART_LIMIT
) -> list[Path]:
    """Write index.html, ratings.csv, grades.png and dimensions.png into `out`; returns the paths.

    The per-company chart shows the first `chart_limit` companies of the table; the table and CSV show all.
    """
    plt = pyplot()
    out.mkdir(parents=True, exist_ok=True)
    rows = ordered(ratings, rules)
    font = cjk_font()
    style = {"font.family": [font, "DejaVu Sans"] if font else ["DejaVu Sans"], "axes.unicode_minus": False}
    paths = [out / "index.html", out / "ratings.csv", out / "grades.png", out / "dimensions.png"]
    with plt.rc_context(style):
        _grade_chart(rows, rules, paths[2])
        _dimension_chart(rows, paths[3], chart_limit)
    _csv(rows, paths[1])
    env = Environment(loader=PackageLoader("scoring", "templates"), autoescape=select_autoescape(["html"]))
    html = env.get_template("report.html").render(
        ratings=rows, rules=rules, batch=batch, as_of=as_of, dimensions=DIMENSIONS,
        counts=Counter(r.grade for r in rows), grades=[g for g, _ in rules.grades] + [rules.fallback_grade],
    )
    paths[0].write_text(html, encoding="utf-8")
    return paths
