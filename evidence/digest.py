"""The alert digest: new evidence above a score threshold, as Markdown and HTML files, optionally POSTed as JSON.

`write_digest` is what the daily job calls after analysis; `cloudcredit digest` runs it by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import jinja2
import sqlite_utils

from store.db import now

TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_THRESHOLD = 0.8
DEFAULT_WINDOW = timedelta(days=1)


class WebhookError(Exception):
    """The webhook did not accept the digest (the files are written all the same)."""


@dataclass
class Digest:
    """One digest: its window, items and where it was written."""

    since: str
    threshold: float
    generated_at: str
    items: list[dict]
    markdown: str = ""
    html: str = ""
    paths: list[Path] = field(default_factory=list)

    def __str__(self) -> str:
        files = ", ".join(str(p) for p in self.paths)
        return f"{len(self.items)} item(s) with score >= {self.threshold} since {self.since}: {files}"

    def as_json(self) -> dict:
        """The webhook's JSON body."""
        return {
            "since": self.since,
            "threshold": self.threshold,
            "generated_at": self.generated_at,
            "count": len(self.items),
            "items": self.items,
            "markdown": self.markdown,
        }


def parse_since(value: str | None, *, reference: datetime | None = None) -> str:
    """A digest window start as store timestamp text: an ISO date/time, or None for 24 hours ago."""
    reference = reference or datetime.now(UTC)
    if not value:
        return (reference - DEFAULT_WINDOW).replace(microsecond=0).isoformat()
    try:
        moment = datetime.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"bad --since {value!r}: use YYYY-MM-DD or an ISO date-time") from exc
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def collect(db: sqlite_utils.Database, *, since: str, threshold: float) -> list[dict]:
    """Evidence recorded at or after `since` with a score at or above `threshold`, best first."""
    if not 0.0 <= threshold <= 1.0:
        raise ValueError(f"threshold must be within [0, 1], got {threshold}")
    return [
        dict(r)
        for r in db.query(
            """SELECT e.id, e.violation_type, round(e.score, 3) AS score, e.status, e.company_name, e.winner,
                      e.amount_yuan, e.budget_yuan, e.buyer, e.occurred_on, e.created_at, e.document_id,
                      d.title, d.url, d.site
               FROM evidence e JOIN documents d ON d.id = e.document_id
               WHERE e.created_at >= ? AND e.score >= ?
               ORDER BY e.score DESC, e.id""",
            [since, threshold],
        )
    ]


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=jinja2.select_autoescape(["html"]), keep_trailing_newline=True
    )


def render(digest: Digest, *, base_url: str | None = None) -> None:
    """Fill in the digest's Markdown and HTML."""
    env = _environment()
    env.filters["md"] = _markdown_escape
    context = {"d": digest, "base_url": (base_url or "").rstrip("/")}
    digest.markdown = env.get_template("digest.md").render(context)
    digest.html = env.get_template("digest.html").render(context)


def _markdown_escape(value: object) -> str:
    text = "" if value is None else str(value)
    for char in "\\`*_[]<>|#":
        text = text.replace(char, "\\" + char)
    return text.replace("\n", " ")


def write_digest(
    db: sqlite_utils.Database,
    db_path: str | Path | None = None,
    *,
    out_dir: Path | None = None,
    since: str | None = None,
    threshold: float = DEFAULT_THRESHOLD,
    webhook: str | None = None,
    base_url: str | None = None,
) -> Digest:
    """Write digest-<time>.md and .html into `out_dir` (and POST JSON to `webhook` when given).

    `out_dir` defaults to `digests/` beside the database (`db_path`, else the file `db` is open on).
    """
    out_dir = out_dir or default_folder(db, db_path)
    start = parse_since(since)
    digest = Digest(since=start, threshold=threshold, generated_at=now(), items=collect(db, since=start, threshold=threshold))
    render(digest, base_url=base_url)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = "digest-" + digest.generated_at.replace(":", "").replace("-", "").replace("+0000", "Z")
    for suffix, text in ((".md", digest.markdown), (".html", digest.html)):
        path = out_dir / f"{stem}{suffix}"
        tmp = path.with_suffix(suffix + ".tmp")
        tmp.write_text(text, "utf-8")
        tmp.replace(path)
        digest.paths.append(path)
    if webhook:
        post_webhook(webhook, digest)
    return digest


def default_folder(db: sqlite_utils.Database, db_path: str | Path | None = None) -> Path:
    """`digests/` in the folder holding the database."""
    if db_path is None:
        db_path = db.execute("PRAGMA database_list").fetchone()[2] or "."
    return Path(db_path).resolve().parent / "digests"


def post_webhook(url: str, digest: Digest, *, timeout: float = 10.0) -> None:
    """POST the digest as JSON; any non-2xx answer or network failure raises WebhookError."""
    try:
        response = httpx.post(url, json=digest.as_json(), timeout=timeout)
    except httpx.HTTPError as exc:
        raise WebhookError(f"webhook {url} failed: {exc}") from exc
    if not response.is_success:
        raise WebhookError(f"webhook {url} answered HTTP {response.status_code}")
