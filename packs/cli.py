"""Commands `cloudcredit pack` and `cloudcredit verify-pack`."""

from __future__ import annotations

import contextlib
from datetime import date
from pathlib import Path

import sqlite_utils
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from cloudcredit.app import UserError, console, db_path, open_store
from packs.build import PackResult, build_pack
from packs.facts import PackError
from packs.pdf import PdfError, PdfRenderer, chromium_available
from packs.verify import verify_pack
from store.db import open_db
from store.identity import resolve


def _as_of(text: str) -> str:
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError as exc:
        raise UserError(f"bad date for --as-of: {text!r} (expected YYYY-MM-DD)") from exc


def _company_rating(db: sqlite_utils.Database, company: str, as_of: str, batch: str | None) -> int:
    """The rating of `company` as of `as_of` (in `batch`); the newest when rules versions differ."""
    found = resolve(db, company, create=False)
    if found.company_id is None:
        hint = "; did you mean " + ", ".join(a for _, a, _ in found.candidates) if found.candidates else ""
        raise UserError(f"unknown company: {company}{hint}")
    sql = "SELECT id, batch FROM ratings WHERE company_id = ? AND substr(as_of, 1, 10) = ?"
    params: list = [found.company_id, as_of]
    if batch is not None:
        sql += " AND batch = ?"
        params.append(batch)
    rows = db.execute(sql + " ORDER BY rated_at DESC, id DESC", params).fetchall()
    if not rows:
        raise UserError(f"no rating of {company} as of {as_of}" + (f" in batch {batch}" if batch else ""))
    batches = sorted({r[1] for r in rows})
    if len(batches) > 1:
        raise UserError(
            f"{company} has ratings as of {as_of} in batches {', '.join(batches)}: choose one with --batch"
        )
    return rows[0][0]


def _batch_ratings(db: sqlite_utils.Database, as_of: str, batch: str | None) -> list[int]:
    sql = "SELECT id FROM ratings WHERE substr(as_of, 1, 10) = ?"
    params: list = [as_of]
    if batch is not None:
        sql += " AND batch = ?"
        params.append(batch)
    ids = [r[0] for r in db.execute(sql + " ORDER BY company_id, batch, rules_version, id", params)]
    if not ids:
        raise UserError(f"no ratings as of {as_of}" + (f" in batch {batch}" if batch else ""))
    return ids


def _report(result: PackResult) -> None:
    for warning in result.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(f"{result.zip_path}  ({result.files} files, manifest sha256 {result.digest})")


def pack_command(
    company: str | None = typer.Argument(None, help="Any name of the company (omit with --all)."),
    as_of: str = typer.Option(..., "--as-of", help="As-of date of the rating, YYYY-MM-DD."),
    out: Path = typer.Option(..., "-o", "--out", help="Folder to write the pack folder(s) and zip(s) into."),
    batch: str | None = typer.Option(
        None, "--batch", help="Rating batch, when a company has several on that date."
    ),
    all_ratings: bool = typer.Option(
        False, "--all", help="Pack every rating of the as-of date (and --batch)."
    ),
    pdf: bool = typer.Option(True, "--pdf/--no-pdf", help="Render report.pdf with headless Chromium."),
) -> None:
    """Write the evidence pack (folder + zip) of one rating, or of a whole batch with --all."""
    if all_ratings == (company is not None):
        raise UserError("give either a COMPANY or --all")
    day = _as_of(as_of)
    db = open_store()
    ids = _batch_ratings(db, day, batch) if all_ratings else [_company_rating(db, company, day, batch)]
    with contextlib.ExitStack() as stack:
        renderer = _renderer(stack) if pdf and chromium_available() else None
        if not all_ratings:
            try:
                _report(build_pack(db, db_path(), ids[0], out, pdf=pdf, renderer=renderer))
            except PackError as exc:
                raise UserError(str(exc)) from exc
            return
        failures = _pack_all(db, ids, out, pdf, renderer)
    console.print(f"{len(ids) - len(failures)} of {len(ids)} packs written to {out}", markup=False)
    if failures:
        for line in failures:
            typer.echo(f"failed: {line}", err=True)
        raise typer.Exit(1)


def _renderer(stack: contextlib.ExitStack) -> PdfRenderer:
    try:
        return stack.enter_context(PdfRenderer())
    except PdfError as exc:
        raise UserError(f"{exc} (use --no-pdf to build without it)") from exc


def _pack_all(
    db: sqlite_utils.Database, ids: list[int], out: Path, pdf: bool, renderer: PdfRenderer | None
) -> list[str]:
    failures: list[str] = []
    columns = (TextColumn("packing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("packs", total=len(ids))
        for rating_id in ids:
            try:
                result = build_pack(db, db_path(), rating_id, out, pdf=pdf, renderer=renderer)
                for warning in result.warnings:
                    progress.console.print(f"warning: rating {rating_id}: {warning}", markup=False)
            except PackError as exc:
                failures.append(f"rating {rating_id}: {exc}")
            progress.advance(task)
    return failures


def verify_pack_command(
    path: Path = typer.Argument(..., help="A pack folder or its zip."),
    db: Path | None = typer.Option(
        None,
        "--db",
        help="Database holding the rating (default: the global --db or CLOUDCREDIT_DB, if it exists).",
    ),
    offline: bool = typer.Option(
        False, "--offline", help="Check the files and the manifest only, without a database."
    ),
) -> None:
    """Check every file of a pack against its manifest, and the manifest against its rating."""
    if not path.exists():
        raise UserError(f"no pack at {path}")
    store = None
    if not offline:
        if db is not None and not db.is_file():
            raise UserError(f"no database at {db}")
        chosen = db or db_path()
        store = open_db(chosen) if chosen.is_file() else None
    problems = verify_pack(path, store)
    for problem in problems:
        typer.echo(problem)
    if problems:
        typer.echo(f"FAILED: {len(problems)} problem(s) in {path}")
        raise typer.Exit(1)
    scope = (
        "files, manifest and the rating in the database match"
        if store is not None
        else "offline: files and manifest are consistent; no database, so the rating itself was not compared"
    )
    typer.echo(f"OK: {path}: {scope}")


def register(app: typer.Typer) -> None:
    """Attach `pack` and `verify-pack` to the main app."""
    app.command("pack")(pack_command)
    app.command("verify-pack")(verify_pack_command)
