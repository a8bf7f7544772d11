"""Datasette plugin for the analysts: links in query results, capture pages, Chinese search, a dashboard.

Loaded by `cloudcredit serve` via Datasette's plugins_dir. Every page it adds needs the same
`view-instance` permission as the rest of the instance; everything it renders is escaped.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils
from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup

from evidence import dashboard, search
from evidence.capture_view import capture_view, highlight, trigger_sentences
from store.identity import name_key

DECISIONS = (("confirm_evidence", "confirm"), ("reject_evidence", "reject"), ("mark_duplicate", "duplicate"))
SEARCH_LIMIT = 50
REFRESH_LIMIT = 2000
LINKED_COLUMNS = frozenset({"capture", "source_url", "url", "decide", "evidence_id", "triggers", "pack_path"})


@hookimpl
def prepare_connection(conn: sqlite3.Connection) -> None:
    """`cc_name_key(name)`: the registry's normalised name, so SQL can look up any alias."""
    conn.create_function("cc_name_key", 1, lambda value: name_key(value) if value is not None else None, deterministic=True)


@hookimpl
def render_cell(value, column, table, database, datasette):
    """Links for the triage queries' capture, source URL, decision and evidence columns; trigger lists."""
    if column not in LINKED_COLUMNS or value is None or database != datasette.get_database().name:
        return None
    if column == "capture" and table is None:
        href = datasette.urls.path(f"/-/cc/capture/{int(value)}")
        return Markup('<a href="{}">capture</a>').format(href)
    if column in ("source_url", "url") and isinstance(value, str) and value.startswith(("http://", "https://")):
        text = "source" if column == "source_url" else value
        return Markup('<a href="{}" rel="noopener noreferrer nofollow" target="_blank">{}</a>').format(value, text)
    if column == "decide" and table is None:
        base = datasette.urls.database(database)
        links = [
            Markup('<a href="{}/{}?evidence_id={}">{}</a>').format(base, query, int(value), label)
            for query, label in DECISIONS
        ]
        return Markup(" · ").join(links)
    if column == "evidence_id" and table is None:
        href = datasette.urls.row(database, "evidence", str(int(value)))
        return Markup('<a href="{}">{}</a>').format(href, int(value))
    if column == "pack_path" and isinstance(value, str) and value.startswith("packs/"):
        href = datasette.urls.path("/" + value)
        return Markup('<a href="{}">evidence pack</a>').format(href)
    if column == "triggers":
        sentences = trigger_sentences(value)
        return Markup("<br>").join(Markup("<mark>{}</mark>").format(s) for s in sentences) if sentences else ""
    return None


@hookimpl
def menu_links(datasette, actor):
    """The analysts' pages in Datasette's menu (plus Log in when nobody is)."""
    base = datasette.urls.database(datasette.get_database().name)
    links = [
        {"href": f"{base}/triage_queue?violation_type=", "label": "Triage queue"},
        {"href": datasette.urls.path("/-/cc/search"), "label": "Search (中文)"},
        {"href": f"{base}/company_dossier", "label": "Company dossier"},
        {"href": f"{base}/recently_decided", "label": "Recently decided"},
        {"href": datasette.urls.path("/-/cc/dashboard"), "label": "Dashboard"},
        {"href": datasette.urls.path("/-/cc/reports"), "label": "Rating reports"},
    ]
    if not actor:
        links.append({"href": datasette.urls.path("/-/login"), "label": "Log in"})
    return links


async def capture_page(datasette, request):
    """The archived capture of one document, readable and escaped, with its evidence and trigger sentences."""
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    db = datasette.get_database()
    document_id = int(request.url_vars["document_id"])
    rows = (await db.execute("SELECT * FROM documents WHERE id = ?", [document_id])).rows
    if not rows:
        raise NotFound(f"no document {document_id}")
    document = dict(rows[0])
    evidence = [dict(r) for r in (await db.execute(
        "SELECT id, violation_type, score, status, reviewer, note, triggers FROM evidence WHERE document_id = ? ORDER BY id",
        [document_id],
    )).rows]
    view = capture_view(db.path, document)
    sentences = [s for item in evidence for s in trigger_sentences(item["triggers"])]
    context = {
        "document": document,
        "evidence": evidence,
        "view": view,
        "pieces": highlight(view.text, sentences),
        "database": db.name,
    }
    return Response.html(await datasette.render_template("cc_capture.html", context, request=request))


def _search_sync(conn: sqlite3.Connection, query: str) -> dict:
    db = sqlite_utils.Database(conn)
    search.teach_names(db)
    docs = search.search(db, "documents", query, limit=SEARCH_LIMIT)
    items = search.search(db, "evidence", query, limit=SEARCH_LIMIT)
    doc_rows = _rows(conn, "SELECT id, title, site, published, url FROM documents WHERE id IN ({}) ORDER BY id DESC", docs.ids)
    ev_rows = _rows(
        conn,
        "SELECT e.id, e.violation_type, e.status, round(e.score, 3) AS score, e.company_name, e.document_id, d.title"
        " FROM evidence e JOIN documents d ON d.id = e.document_id WHERE e.id IN ({}) ORDER BY e.id DESC",
        items.ids,
    )
    return {"documents": doc_rows, "evidence": ev_rows, "complete": docs.complete and items.complete}


def _rows(conn: sqlite3.Connection, sql: str, ids: list[int]) -> list[dict]:
    if not ids:
        return []
    cursor = conn.execute(sql.format(", ".join("?" for _ in ids)), ids)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _refresh_sync(conn: sqlite3.Connection) -> int:
    """Segment up to REFRESH_LIMIT queued rows; returns how many are still waiting."""
    db = sqlite_utils.Database(conn)
    search.refresh(db, limit=REFRESH_LIMIT)
    return search.pending(db)


async def search_page(datasette, request):
    """Full-text search over documents and evidence that also finds 1–2 character words (京东, 中标)."""
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    db = datasette.get_database()
    query = (request.args.get("q") or "").strip()
    results = None
    waiting = 0
    if query:
        if (await db.execute("SELECT EXISTS (SELECT 1 FROM search_queue)")).first()[0]:
            waiting = await db.execute_write_fn(_refresh_sync, block=True)
        results = await db.execute_fn(lambda conn: _search_sync(conn, query))
    context = {"q": query, "results": results, "limit": SEARCH_LIMIT, "database": db.name, "waiting": waiting}
    return Response.html(await datasette.render_template("cc_search.html", context, request=request))


def _dashboard_sync(conn: sqlite3.Connection) -> dict:
    types = ("zero_price_bid", "abnormally_low_bid", "license_lending")
    statuses = ("confirmed", "pending", "duplicate", "rejected")
    return {
        "weekly": dashboard.stacked_bars(dashboard.flags_per_week(conn), types),
        "queue": dashboard.line(dashboard.queue_size_per_week(conn)),
        "companies": dashboard.hbars(dashboard.evidence_per_company(conn), statuses),
        "types": types,
        "statuses": statuses,
        "colors": dashboard.COLORS,
    }


async def dashboard_page(datasette, request):
    """Flags per week by type, the queue's size over time and evidence per company, as inline SVG."""
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    db = datasette.get_database()
    context = await db.execute_fn(_dashboard_sync)
    context["database"] = db.name
    return Response.html(await datasette.render_template("cc_dashboard.html", context, request=request))


async def reports_page(datasette, request):
    """The published rating reports (reports/<batch>_<date>/index.html beside the database), newest first."""
    await datasette.ensure_permissions(request.actor, ["view-instance"])
    folder = Path(datasette.get_database().path).resolve().parent / "reports"
    reports = sorted((p.parent.name for p in folder.glob("*/index.html")), reverse=True)
    items = Markup("").join(
        Markup('<li><a href="{}">{}</a> · <a href="{}">CSV</a></li>').format(
            datasette.urls.path(f"/reports/{name}/index.html"), name, datasette.urls.path(f"/reports/{name}/ratings.csv")
        )
        for name in reports
    )
    body = items and Markup("<ul>{}</ul>").format(items) or Markup("<p>No report yet: run <code>cloudcredit report --as-of DATE</code>.</p>")
    page = Markup("<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>Rating reports</title></head>"
                  "<body><h1>Rating reports</h1>{}<p><a href=\"{}\">back</a></p></body></html>").format(body, datasette.urls.instance())
    return Response.html(str(page))


@hookimpl
def register_routes():
    """The plugin's pages."""
    return [
        (r"^/-/cc/capture/(?P<document_id>\d+)$", capture_page),
        (r"^/-/cc/search$", search_page),
        (r"^/-/cc/dashboard$", dashboard_page),
        (r"^/-/cc/reports$", reports_page),
    ]


@hookimpl
def extra_template_vars(template, request, datasette):
    """`login_url` for the error page; on a decision form, the evidence being decided (`cc_evidence`)."""
    if template == "error.html":
        return {"login_url": datasette.urls.path("/-/login")}
    if not template.startswith("query-") or request is None or not (request.args.get("evidence_id") or "").isdigit():
        return {}

    async def evidence_card():
        db = datasette.get_database()
        rows = (await db.execute(
            "SELECT e.*, d.title, d.url FROM evidence e JOIN documents d ON d.id = e.document_id WHERE e.id = ?",
            [int(request.args["evidence_id"])],
        )).rows
        if not rows:
            return {}
        evidence = dict(rows[0])
        query = request.path.rstrip("/").rsplit("/", 1)[-1]
        return {
            "cc_evidence": evidence,
            "cc_triggers": trigger_sentences(evidence["triggers"]),
            "cc_action": dict(DECISIONS).get(query, query),
        }

    return evidence_card
