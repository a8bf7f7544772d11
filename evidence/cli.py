"""Evidence-stage commands: `serve` (Datasette for the analysts), `add-analyst`, `digest`, `search-index`."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cloudcredit.app import UserError, console, db_path, open_store
from evidence.accounts import add_analyst, password_hashes, secrets_path
from evidence.digest import DEFAULT_THRESHOLD, WebhookError, default_folder, write_digest


def serve(
    port: int = typer.Option(8001, "--port", help="TCP port to listen on."),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (default: loopback only)."),
    open_local: bool = typer.Option(
        False, "--open-local", help="Let anyone on this machine read without logging in (loopback --host only)."
    ),
) -> None:
    """Start Datasette on the store for the analysts' triage (login required to write)."""
    import uvicorn

    from evidence import search
    from evidence.site import is_loopback, make_datasette

    if open_local and not is_loopback(host):
        raise UserError(f"--open-local needs a loopback --host (127.0.0.1), not {host}")
    db = open_store()
    waiting = search.pending(db)
    if waiting > 10_000:
        console.print(f"segmenting {waiting} new rows for Chinese search first (once; roughly 2,500 rows a second)")
    indexed = search.refresh(db)
    hashes = password_hashes(secrets_path(db_path()))
    if not hashes and not open_local:
        raise UserError("no analyst accounts: run `cloudcredit add-analyst NAME` first (or use --open-local to browse)")
    console.print(
        f"search index: {indexed} rows segmented; analysts: {', '.join(sorted(hashes)) or 'none'}; "
        f"reading {'open on this machine' if open_local else 'needs login'}; http://{host}:{port}/"
    )
    datasette = make_datasette(db_path(), hashes=hashes, open_local=open_local)
    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning", lifespan="on")


def add_analyst_command(
    name: str = typer.Argument(..., help="Login name: lower-case letters, digits, _ or -."),
    password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from standard input."),
) -> None:
    """Create or reset an analyst's login; the password hash goes into the local secrets file (not git)."""
    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    path = secrets_path(db_path())
    add_analyst(path, name, password)
    console.print(f"analyst {name} saved in {path}")


def digest_command(
    since: str = typer.Option(None, "--since", help="Evidence recorded since this date/time (default: 24 hours ago)."),
    threshold: float = typer.Option(DEFAULT_THRESHOLD, "--threshold", help="Minimum score to include (0–1)."),
    webhook: str = typer.Option(None, "--webhook", help="POST the digest as JSON to this URL."),
    base_url: str = typer.Option(None, "--base-url", help="Datasette address for capture links, e.g. http://127.0.0.1:8001."),
    out: Path = typer.Option(None, "--out", help="Folder for the files (default: digests/ beside the database)."),
) -> None:
    """Write and print the digest of new evidence above a score threshold (Markdown + HTML)."""
    db = open_store()
    folder = out or default_folder(db, db_path())
    try:
        digest = write_digest(db, db_path(), out_dir=folder, since=since, threshold=threshold, webhook=webhook, base_url=base_url)
    except WebhookError as exc:
        raise UserError(f"{exc} (digest files written in {folder})") from exc
    print(digest.markdown)
    console.print(f"written: {', '.join(str(p) for p in digest.paths)}" + (f"; posted to {webhook}" if webhook else ""))


def search_index_command(
    rebuild: bool = typer.Option(False, "--rebuild", help="Re-segment every document and evidence row."),
) -> None:
    """Bring the jieba word index up to date (serve and the search page also do this)."""
    db = open_store()
    from evidence import search

    if rebuild:
        search.requeue_all(db)
    console.print(f"search index: {search.refresh(db)} rows segmented")


def register(app: typer.Typer) -> None:
    """Attach the evidence commands to the main app."""
    app.command("serve")(serve)
    app.command("add-analyst")(add_analyst_command)
    app.command("digest")(digest_command)
    app.command("search-index")(search_index_command)
