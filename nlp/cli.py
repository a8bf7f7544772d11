"""Commands of the nlp stage: `extract` (bulletin facts from saved pages)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from cloudcredit.app import UserError


def _read_pages(paths: list[Path]) -> None:
    """Fail before printing anything if a page is missing, unreadable or empty."""
    for path in paths:
        if not path.is_file():
            raise UserError(f"no such page: {path}")
        try:
            with path.open("rb") as handle:
                if not handle.read(1):
                    raise UserError(f"empty page: {path}")
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror or exc}") from exc


def _classifier():
    """The trained classifier's `classify_facts`, or the hard rules when no model artefact is available."""
    from nlp.rules import rule_classify

    try:
        from nlp.model import classify_facts, current_model
    except ImportError:
        return rule_classify
    try:
        current_model()
    except (RuntimeError, OSError, ValueError, EOFError):
        return rule_classify
    return classify_facts


def extract_record(path: Path, classify: Any) -> dict[str, Any]:
    """The contract record of one saved page."""
    from nlp.facts import extract_facts

    facts = extract_facts(path.read_bytes())
    label, _score, cloud = classify(facts)
    return {
        "file": str(path),
        "notice_type": facts.notice_type,
        "title": facts.title,
        "project_code": facts.project_code,
        "buyer": facts.buyer,
        "agency": facts.agency,
        "published": facts.published,
        "lots": [{"winner": lot.winner, "amount_yuan": lot.amount_yuan} for lot in facts.lots],
        "label": label,
        "cloud_related": cloud,
    }


def extract(
    pages: list[Path] = typer.Argument(..., help="Saved bulletin pages (HTML of any layout and encoding)."),
) -> None:
    """Print the facts of saved bulletin pages, one JSON object a line."""
    _read_pages(pages)
    classify = _classifier()
    for path in pages:
        print(json.dumps(extract_record(path, classify), ensure_ascii=False), flush=True)


def register_extract(app: typer.Typer) -> None:
    """Add `extract` to the CLI."""
    app.command("extract")(extract)


def register(app: typer.Typer) -> None:
    """Add the nlp stage's commands to the CLI."""
    register_extract(app)
