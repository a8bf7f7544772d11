"""The labelled training corpus (`nlp/corpus/*.jsonl`): loading, validation, splits and its content hash."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CORPUS_DIR = Path(__file__).parent / "corpus"
LABELS = ("zero_price_bid", "abnormally_low_bid", "license_lending", "none")
VIOLATION_LABELS = LABELS[:3]
KINDS = ("bulletin", "news")
SPLITS = ("train", "test")


class CorpusError(ValueError):
    """A corpus line that does not follow the format (file and line number in the message)."""


@dataclass(frozen=True)
class Item:
    """One labelled text: what the classifier sees plus the answers it is scored against."""

    id: str
    kind: str
    title: str
    text: str
    label: str
    cloud_related: bool
    winner: str | None = None
    buyer: str | None = None
    amount_yuan: float | None = None
    budget_yuan: float | None = None
    style: str | None = None
    group: str | None = None
    split: str = "train"


def corpus_files(folder: Path = CORPUS_DIR) -> list[Path]:
    """The corpus files in a stable order."""
    return sorted(folder.glob("*.jsonl"))


def _number(value: object, where: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise CorpusError(f"{where}: expected a number or null, got {value!r}")
    return float(value)


def parse_item(row: dict, where: str) -> Item:
    """Validate one decoded corpus line and turn it into an Item."""
    for key in ("id", "title", "text", "label"):
        if not isinstance(row.get(key), str):
            raise CorpusError(f"{where}: field {key!r} must be a string")
    if row["label"] not in LABELS:
        raise CorpusError(f"{where}: unknown label {row['label']!r}")
    kind = row.get("kind", "bulletin")
    if kind not in KINDS:
        raise CorpusError(f"{where}: unknown kind {kind!r}")
    split = row.get("split", "train")
    if split not in SPLITS:
        raise CorpusError(f"{where}: unknown split {split!r}")
    return Item(
        id=row["id"],
        kind=kind,
        title=row["title"],
        text=row["text"],
        label=row["label"],
        cloud_related=bool(row.get("cloud_related", False)),
        winner=row.get("winner") or None,
        buyer=row.get("buyer") or None,
        amount_yuan=_number(row.get("amount_yuan"), where),
        budget_yuan=_number(row.get("budget_yuan"), where),
        style=row.get("style"),
        group=str(row["group"]) if row.get("group") is not None else None,
        split=split,
    )


def read_jsonl(path: Path) -> list[Item]:
    """All items of one corpus file; a malformed line raises CorpusError naming it."""
    items = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorpusError(f"{where}: not JSON ({exc.msg})") from exc
            if not isinstance(row, dict):
                raise CorpusError(f"{where}: expected a JSON object")
            items.append(parse_item(row, where))
    return items


def load_corpus(files: list[Path] | None = None) -> list[Item]:
    """Every item of the corpus files; ids must be unique across files."""
    items: list[Item] = []
    seen: set[str] = set()
    for path in files if files is not None else corpus_files():
        for item in read_jsonl(path):
            if item.id in seen:
                raise CorpusError(f"{path.name}: duplicate id {item.id!r}")
            seen.add(item.id)
            items.append(item)
    return items


def split(items: list[Item], name: str) -> list[Item]:
    """The items of one split ('train' or 'test')."""
    return [item for item in items if item.split == name]


def leaked_groups(items: list[Item]) -> set[str]:
    """Groups (templates) that appear in both splits: must be empty for an honest test split."""
    train = {i.group for i in items if i.split == "train" and i.group}
    test = {i.group for i in items if i.split == "test" and i.group}
    return train & test


def corpus_hash(files: list[Path] | None = None) -> str:
    """SHA-256 over the corpus files' names and bytes, in order."""
    digest = hashlib.sha256()
    for path in files if files is not None else corpus_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def review_items(db: Any) -> list[Item]:
    """Training items from analysts' decisions: confirmed evidence → its violation, rejected → none.

    One item per document (its clean text); a document with a confirmed violation takes the confirmed type
    with the highest score; one whose evidence was all rejected becomes `none`. Pending items are left out.
    """
    rows = db.execute(
        "SELECT d.id, d.kind, d.title, d.clean_text, COALESCE(f.cloud_related, 0),"
        " (SELECT e.violation_type FROM evidence e WHERE e.document_id = d.id AND e.status = 'confirmed'"
        "  ORDER BY e.score DESC, e.id LIMIT 1),"
        " (SELECT COUNT(*) FROM evidence e WHERE e.document_id = d.id AND e.status = 'rejected'),"
        " (SELECT COUNT(*) FROM evidence e WHERE e.document_id = d.id AND e.status NOT IN ('rejected', 'duplicate'))"
        " FROM documents d LEFT JOIN bulletin_facts f ON f.document_id = d.id"
        " WHERE d.clean_text IS NOT NULL AND EXISTS (SELECT 1 FROM evidence e WHERE e.document_id = d.id"
        "  AND e.status IN ('confirmed', 'rejected')) ORDER BY d.id"
    ).fetchall()
    items = []
    for doc_id, kind, title, text, cloud, confirmed, rejected, undecided in rows:
        if confirmed:
            label = confirmed
        elif rejected and not undecided:
            label = "none"
        else:
            continue
        items.append(Item(id=f"review-{doc_id}", kind=kind or "bulletin", title=title or "", text=text,
                          label=label, cloud_related=bool(cloud), style="review", group=f"review-{doc_id}"))
    return items


def items_hash(items: list[Item]) -> str:
    """SHA-256 of items' content (used to version a model trained with review decisions)."""
    digest = hashlib.sha256()
    for item in items:
        digest.update(json.dumps([item.id, item.kind, item.title, item.text, item.label, item.cloud_related],
                                 ensure_ascii=False).encode())
    return digest.hexdigest()
