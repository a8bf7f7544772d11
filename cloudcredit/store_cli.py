"""Core commands: `db info`, `load-reference`, `companies resolve|show|candidates`."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from cloudcredit.app import UserError, console, db_path, open_store
from store.db import schema_version, table_counts
from store.identity import names_of, resolve
from store.reference import load_reference

db_app = typer.Typer(help="Inspect the database.", no_args_is_help=True)
companies_app = typer.Typer(help="The company registry: one company, many names.", no_args_is_help=True)


@db_app.command("info")
def db_info(as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table.")) -> None:
    """Show the schema version and the row count of every table."""
    db = open_store()
    counts = table_counts(db)
    if as_json:
        console.print_json(json.dumps({"path": str(db_path()), "schema_version": schema_version(db), "tables": counts}))
        return
    table = Table(title=f"{db_path()} — schema version {schema_version(db)}")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, count in counts.items():
        table.add_row(name, str(count))
    console.print(table)


def load_reference_command() -> None:
    """Load the Blue Book reference data (signers, escorts, gradings, licence counts, Table 5). Idempotent."""
    db = open_store()
    load_reference(db)
    counts = table_counts(db)
    console.print(
        f"reference loaded: {counts['companies']} companies, {counts['memberships']} memberships, "
        f"{counts['availability_zones']} AZs, {counts['gradings']} gradings, "
        f"{counts['licence_counts']} licence-count rows, {counts['expected_ratings']} expected ratings"
    )


@companies_app.command("resolve")
def companies_resolve(
    names: list[str] = typer.Argument(..., help="Company names as written."),
    create: bool = typer.Option(False, "--create", help="Add unknown names as unverified entries."),
) -> None:
    """Resolve names to registry entries (exact alias, branch office, or fuzzy candidates)."""
    db = open_store()
    for name in names:
        result = resolve(db, name, create=create)
        row = {"name": name, "company_id": result.company_id, "how": result.how}
        if result.company_id is not None:
            row["legal_name"] = db["companies"].get(result.company_id)["legal_name"]
        row["candidates"] = [{"company_id": c, "alias": a, "score": round(s, 1)} for c, a, s in result.candidates]
        console.print_json(json.dumps(row, ensure_ascii=False))


@companies_app.command("show")
def companies_show(name: str = typer.Argument(..., help="Any name of the company.")) -> None:
    """Show a registry entry with all its names."""
    db = open_store()
    result = resolve(db, name, create=False)
    if result.company_id is None:
        raise UserError(f"unknown company: {name}")
    company = db["companies"].get(result.company_id)
    company["names"] = names_of(db, result.company_id)
    console.print_json(json.dumps(company, ensure_ascii=False))


def register(app: typer.Typer) -> None:
    """Attach the core commands to the main app."""
    app.add_typer(db_app, name="db")
    app.add_typer(companies_app, name="companies")
    app.command("load-reference")(load_reference_command)
