"""Commands of the rating stage: `score`, `report` and the analysts' `import …` CSV commands."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import typer
from rich.table import Table

from cloudcredit.app import UserError, console, db_path, open_store
from scoring.imports import KINDS, import_csv
from scoring.rating import rate_batch
from scoring.report import CHART_LIMIT, REPORTS_FOLDER, write_report
from scoring.rules import load_rules

AS_OF = typer.Option(..., "--as-of", help="Rate as of this day (YYYY-MM-DD).")
BATCH = typer.Option(None, "--batch", help="Batch whose participants are rated (default: the latest batch).")
ALL = typer.Option(False, "--all-companies", help="Rate every company in the registry (batch label 'registry').")
RULES = typer.Option(None, "--rules", help="Rules file to use instead of scoring/rules.yaml.")


def _day(text: str) -> date:
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(f"bad date {text!r}: expected YYYY-MM-DD") from None


def _rate(as_of: str, batch: str | None, all_companies: bool, rules: Path | None):
    day = _day(as_of)
    loaded = load_rules(rules)
    try:
        return loaded, rate_batch(open_store(), day, batch, loaded, all_companies=all_companies)
    except ValueError as exc:
        raise UserError(str(exc)) from exc


def score(
    as_of: str = AS_OF,
    batch: str | None = BATCH,
    all_companies: bool = ALL,
    as_json: bool = typer.Option(False, "--json", help="Print the ratings as a JSON list."),
    rules: Path | None = RULES,
) -> None:
    """Rate a batch's participants (or the whole registry) as of a date and store the ratings."""
    _, ratings = _rate(as_of, batch, all_companies, rules)
    if as_json:
        print(json.dumps([r.to_json() for r in ratings], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"ratings as of {as_of}" + (f" — batch {ratings[0].batch}" if ratings else ""))
    for column in ("company", "records", "self-discipline", "capability", "total", "grade"):
        table.add_column(column, justify="left" if column == "company" else "right")
    for r in ratings:
        table.add_row(r.company, f"{r.records.points:g}", f"{r.self_discipline.points:g}",
                      f"{r.capability.points:g}", f"{r.total:g}", r.grade)
    console.print(table)


def report(
    as_of: str = AS_OF,
    batch: str | None = BATCH,
    all_companies: bool = ALL,
    rules: Path | None = RULES,
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Folder to write into (default: reports/BATCH_DATE beside the database).", show_default=False
    ),
    chart_limit: int = typer.Option(CHART_LIMIT, "--chart-limit", min=1, help="Companies shown in dimensions.png."),
) -> None:
    """Rate (as `score` does) and publish the result: index.html, ratings.csv, grades.png, dimensions.png."""
    loaded, ratings = _rate(as_of, batch, all_companies, rules)
    if not ratings:
        raise UserError("nothing to report: no company was rated")
    out = output or db_path().parent / REPORTS_FOLDER / f"{ratings[0].batch}_{as_of}"
    try:
        paths = write_report(ratings, loaded, ratings[0].batch, as_of, out, chart_limit=chart_limit)
    except OSError as exc:
        raise UserError(f"cannot write the report to {out}: {exc.strerror}") from exc
    console.print(f"report of {len(ratings)} ratings written to {paths[0]}")


def _import_command(kind: str):
    def command(
        file: Path = typer.Argument(..., help="CSV file (UTF-8, header row).", exists=False),
        by: str | None = typer.Option(None, "--by", help="Who entered rows that have no entered_by value."),
        create_companies: bool = typer.Option(
            False, "--create-companies", help="Add unknown company names as unverified registry entries."
        ),
        rules: Path | None = RULES,
    ) -> None:
        if not file.is_file():
            raise UserError(f"no such file: {file}")
        count = import_csv(open_store(), kind, file, by=by, rules=load_rules(rules),
                           create_companies=create_companies)
        console.print(f"imported {count} {kind} row(s) from {file}")

    required = ", ".join(KINDS[kind][0])
    command.__doc__ = f"Import {kind} from a CSV file (required columns: {required}), all rows or none."
    return command


def _import_group(app: typer.Typer) -> typer.Typer:
    """The shared `import` group (other stages may add their own `import …` commands to it)."""
    for info in app.registered_groups:
        if info.name == "import":
            return info.typer_instance
    group = typer.Typer(help="Import analyst inputs from CSV files.", no_args_is_help=True)
    app.add_typer(group, name="import")
    return group


def register(app: typer.Typer) -> None:
    """Attach `score`, `report` and the `import` CSV commands to the main app."""
    app.command("score")(score)
    app.command("report")(report)
    group = _import_group(app)
    for kind in KINDS:
        group.command(kind)(_import_command(kind))
