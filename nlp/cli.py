"""Commands of the nlp stage: `extract`, `classify`, `train`, `evaluate`, `analyze`, `import-licences`."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import typer

from cloudcredit.app import UserError, console


def _read_pages(paths: list[Path]) -> None:
    """Fail before printing anything if a page is missing, unreadable or empty."""
    for path in paths:
        if not path.is_file():
            raise UserError(f"no such page: {path}")
        try:
            with path.open("rb") as handle:
                head = handle.read(4096)
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror or exc}") from exc
        if not head.strip():
            raise UserError(f"empty page: {path}")
        wide = head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16/32 pages are full of NUL bytes
        if head.startswith(b"%PDF") or (head.count(b"\x00") > 16 and not wide):
            raise UserError(f"not an HTML page (binary or PDF): {path}")


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


class _Labeller:
    """The classifier, falling back to the hard rules (with one warning) if the model artefact cannot be used."""

    def __init__(self, classify: Any) -> None:
        self.classify = classify

    def __call__(self, facts: Any) -> tuple[str, float, bool]:
        from nlp.rules import rule_classify

        try:
            return self.classify(facts)
        except (ValueError, RuntimeError, AttributeError, KeyError, IndexError) as exc:
            if self.classify is rule_classify:
                raise
            print(f"warning: model artefact unusable ({exc}); labels from the hard rules", file=sys.stderr)
            self.classify = rule_classify
            return rule_classify(facts)


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
    classify = _Labeller(_classifier())
    for path in pages:
        print(json.dumps(extract_record(path, classify), ensure_ascii=False), flush=True)


def register_extract(app: typer.Typer) -> None:
    """Add `extract` to the CLI."""
    app.command("extract")(extract)


def _read_classify_input(path: Path) -> list[dict[str, Any]]:
    """Records of a classify input file, all checked before anything is classified."""
    if not path.is_file():
        raise UserError(f"no such input file: {path}")
    records = []
    try:
        with path.open(encoding="utf-8-sig") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise UserError(f"{path}:{number}: not JSON ({exc.msg})") from exc
                if not isinstance(record, dict) or "id" not in record:
                    raise UserError(f"{path}:{number}: expected a JSON object with an id")
                for key in ("title", "text"):
                    if not isinstance(record.get(key, ""), str | type(None)):
                        raise UserError(f"{path}:{number}: {key} must be a string")
                if record.get("kind") not in (None, "bulletin", "news"):
                    raise UserError(f"{path}:{number}: kind must be bulletin or news")
                records.append(record)
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not UTF-8 text") from exc
    return records


def _model():
    from nlp.model import ArtefactError, current_model

    try:
        return current_model()
    except ArtefactError as exc:
        raise UserError(str(exc)) from exc


CLASSIFY_BATCH = 256
"""Texts classified together (memory stays flat on large inputs)."""


def classify(
    input_file: Path = typer.Argument(..., help="JSONL with id, title, text (and optional kind, published)."),
    output: Path = typer.Option(None, "-o", "--output", help="Write the results here instead of stdout."),
) -> None:
    """Classify texts (no database): label, score, cloud_related, winner, buyer, amounts; one JSON a line."""
    from nlp.model import classify_records

    records = _read_classify_input(input_file)
    model = _model()
    tmp = output.with_name(output.name + ".tmp") if output is not None else None
    try:
        with tmp.open("w", encoding="utf-8") if tmp is not None else nullcontext(sys.stdout) as out:
            for start in range(0, len(records), CLASSIFY_BATCH):
                for row in classify_records(records[start : start + CLASSIFY_BATCH], model):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
                out.flush()
    except BaseException:
        if tmp is not None:
            tmp.unlink(missing_ok=True)
        raise
    if tmp is not None:
        tmp.replace(output)


def train(
    with_reviews: bool = typer.Option(
        False, "--with-reviews", help="Add analysts' decisions from the database (confirmed → label, rejected → none)."
    ),
) -> None:
    """Rebuild the model artefact (nlp/artefacts/) from the corpus, reproducibly."""
    from cloudcredit.app import open_store
    from nlp.dataset import load_corpus, split
    from nlp.evaluate import evaluate, scores_of
    from nlp.model import save, train_from_corpus

    model = train_from_corpus(open_store() if with_reviews else None)
    model.meta["scores"] = scores_of(evaluate(model, split(load_corpus(), "test")))
    path = save(model)
    sizes = model.meta["sizes"]
    console.print(
        f"model {model.version}: {sizes['train']} training items ({sizes['reviews']} from reviews), "
        f"{sizes['features']} features → {path}"
    )
    console.print(" ".join(f"{k}={v:.3f}" for k, v in model.meta["scores"].items()))


def evaluate_command(
    report: Path = typer.Option(Path("docs/evaluation.md"), "--report", help="Where to write the Markdown report."),
) -> None:
    """Score the committed model on the held-out test split; print the report and write it to docs/."""
    from nlp.dataset import load_corpus, split
    from nlp.evaluate import evaluate, render

    model = _model()
    text = render(evaluate(model, split(load_corpus(), "test")), model.meta)
    sys.stdout.write(text)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(text, encoding="utf-8")


def analyze_command(
    reanalyze: bool = typer.Option(False, "--reanalyze", help="Analyse every document again, not only new ones."),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="Documents read and classified per batch."),
    workers: int = typer.Option(0, "--workers", min=0,
                                help="Worker processes that read and classify documents (0: one per core; 1: none)."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show a progress bar."),
) -> None:
    """Analyse stored documents: clean text, facts, lots, label, near-duplicate cluster, evidence candidates."""
    from cloudcredit.app import db_path, open_store
    from nlp.analyze import analyze

    stats = analyze(open_store(), db_path(), reanalyze=reanalyze, batch_size=batch_size, progress=progress,
                    model=_model(), workers=workers or None)
    console.print(
        f"analysed {stats.analyzed} documents ({stats.per_second:.1f}/s), {stats.flagged} flagged, "
        f"{stats.evidence} evidence rows written or refreshed, {stats.failed} failed"
    )
    for document_id, reason in list(stats.failures.items())[:10]:
        console.print(f"  document {document_id}: {reason}", markup=False)


def import_licences_command(
    csv_file: Path = typer.Argument(..., help="CSV with company, licence_type, issuer, licence_no, granted_on."),
) -> None:
    """Import licence holders from the committee's CSV into the registry (idempotent)."""
    from cloudcredit.app import open_store
    from nlp.licences import import_licences

    if not csv_file.is_file():
        raise UserError(f"no such file: {csv_file}")
    count = import_licences(open_store(), csv_file)
    console.print(f"imported {count} licences from {csv_file}")


def register_model_commands(app: typer.Typer) -> None:
    """Add `classify`, `train`, `evaluate`, `analyze` and `import-licences` to the CLI."""
    app.command("classify")(classify)
    app.command("train")(train)
    app.command("evaluate")(evaluate_command)
    app.command("analyze")(analyze_command)
    app.command("import-licences")(import_licences_command)


def register(app: typer.Typer) -> None:
    """Add the nlp stage's commands to the CLI."""
    register_extract(app)
    register_model_commands(app)
