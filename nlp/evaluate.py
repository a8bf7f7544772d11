"""Scores of a model on the held-out test split, and the Markdown report `cloudcredit evaluate` writes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support

from nlp.dataset import LABELS, VIOLATION_LABELS, Item
from nlp.model import Model, make_doc, predict, result_fields
from store.identity import name_key

AMOUNT_TOLERANCE = 0.005
TARGETS = {"macro_f1": 0.90, "any_violation_recall": 0.95, "amount_exact_violations": 0.90}


def _has(item: Item, *words: str) -> bool:
    return any(word in item.title or word in item.text for word in words)


HARD_NEGATIVES: dict[str, Callable[[Item], bool]] = {
    "brand names 中标麒麟/中标软件": lambda i: _has(i, "中标麒麟", "中标软件"),
    "place names 云南/白云区/云浮": lambda i: _has(i, "云南", "白云区", "云浮"),
    "promotions 0元试用/免费上云": lambda i: _has(i, "试用", "免费上云", "免费"),
    "tender invitations": lambda i: i.style == "tender",
    "流标/废标": lambda i: _has(i, "流标", "废标"),
    "rate awards": lambda i: any(k in i.text for k in ("下浮率", "费率", "折扣率", "价格系数")),
    "commentary without a case": lambda i: i.style in ("opinion", "regulator-notice", "digest", "interview", "qa"),
    "lawful licensed partnerships": lambda i: any(k in i.text for k in ("持有", "依法取得", "合法")),
    "ordinary wins": lambda i: i.winner is not None and i.amount_yuan is not None,
}
"""Kinds of `none` items that look like violations; each is checked on the held-out split."""


@dataclass
class Report:
    """Everything the evaluation measured, ready to render."""

    model_version: str
    size: int
    per_label: dict[str, dict[str, float]]
    confusion: list[list[int]]
    macro_f1: float
    any_violation_recall: float
    any_violation_precision: float
    cloud_accuracy: float
    fields: dict[str, tuple[int, int]]
    by_kind: dict[str, dict[str, float]] = field(default_factory=dict)
    hard_negatives: dict[str, tuple[int, int]] = field(default_factory=dict)
    errors: list[dict[str, Any]] = field(default_factory=list)

    def ratio(self, name: str) -> float:
        """A field accuracy as a fraction (0 when nothing was measured)."""
        hits, total = self.fields[name]
        return hits / total if total else 0.0


def amount_matches(expected: float | None, found: float | None) -> bool:
    """Whether an extracted amount is within ±0.5% of the expected one (0 must be exactly 0)."""
    if expected is None or found is None:
        return expected is None and found is None
    if expected == 0:
        return found == 0
    return abs(found - expected) <= AMOUNT_TOLERANCE * abs(expected)


def winner_matches(expected: str | None, found: str | None) -> bool:
    """Whether the extracted winner is the expected name (compared on the registry's name key)."""
    if not expected or not found:
        return not expected and not found
    return name_key(expected) == name_key(found)


def _any_violation(labels: list[str]) -> list[bool]:
    return [label in VIOLATION_LABELS for label in labels]


def evaluate(model: Model, items: list[Item]) -> Report:
    """Classify the items and score labels, cloud relatedness and extracted fields against the answers."""
    if not items:
        raise ValueError("no test items to evaluate")
    docs = [make_doc(item.title, item.text, item.kind) for item in items]
    predictions = predict(model, docs)
    gold = [item.label for item in items]
    found = [p.label for p in predictions]
    precision, recall, f1, support = precision_recall_fscore_support(gold, found, labels=list(LABELS), zero_division=0)
    per_label = {
        label: {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}
        for label, p, r, f, s in zip(LABELS, precision, recall, f1, support, strict=True)
    }
    gold_any, found_any = _any_violation(gold), _any_violation(found)
    true_pos = sum(g and f for g, f in zip(gold_any, found_any, strict=True))
    fields = {"winner": [0, 0], "amount": [0, 0], "amount_violations": [0, 0], "winner_violations": [0, 0]}
    errors = []
    for item, doc, prediction in zip(items, docs, predictions, strict=True):
        result = result_fields(doc, prediction)
        if item.winner:
            _tally(fields["winner"], winner_matches(item.winner, result["winner"]))
            if item.label in VIOLATION_LABELS:
                _tally(fields["winner_violations"], winner_matches(item.winner, result["winner"]))
        if item.amount_yuan is not None:
            _tally(fields["amount"], amount_matches(item.amount_yuan, result["amount_yuan"]))
            if item.label in VIOLATION_LABELS:
                _tally(fields["amount_violations"], amount_matches(item.amount_yuan, result["amount_yuan"]))
        if prediction.label != item.label:
            errors.append({"id": item.id, "kind": item.kind, "gold": item.label, "found": prediction.label,
                           "score": prediction.score, "title": item.title})
    hard_negatives = {}
    for name, chosen in HARD_NEGATIVES.items():
        picked = [p for item, p in zip(items, predictions, strict=True) if item.label == "none" and chosen(item)]
        hard_negatives[name] = (sum(p.label != "none" for p in picked), len(picked))
    by_kind = {}
    for kind in sorted({item.kind for item in items}):
        idx = [i for i, item in enumerate(items) if item.kind == kind]
        kind_gold = [gold[i] for i in idx]
        kind_found = [found[i] for i in idx]
        by_kind[kind] = {
            "size": len(idx),
            "macro_f1": float(f1_score(kind_gold, kind_found, labels=list(LABELS), average="macro", zero_division=0)),
            "accuracy": sum(g == f for g, f in zip(kind_gold, kind_found, strict=True)) / len(idx),
        }
    return Report(
        model_version=model.version,
        size=len(items),
        per_label=per_label,
        confusion=confusion_matrix(gold, found, labels=list(LABELS)).tolist(),
        macro_f1=float(f1_score(gold, found, labels=list(LABELS), average="macro", zero_division=0)),
        any_violation_recall=true_pos / max(sum(gold_any), 1),
        any_violation_precision=true_pos / max(sum(found_any), 1),
        cloud_accuracy=sum(p.cloud_related == i.cloud_related for p, i in zip(predictions, items, strict=True))
        / len(items),
        fields={name: (hits, total) for name, (hits, total) in fields.items()},
        by_kind=by_kind,
        hard_negatives=hard_negatives,
        errors=errors,
    )


def _tally(counter: list[int], ok: bool) -> None:
    counter[0] += int(ok)
    counter[1] += 1


def _pct(value: float) -> str:
    return f"{value:.3f}"


def render(report: Report, meta: dict[str, Any] | None = None) -> str:
    """The report as Markdown (what `cloudcredit evaluate` prints and writes to docs/evaluation.md)."""
    lines = [
        "# Classifier evaluation",
        "",
        f"Model `{report.model_version}` on the held-out test split ({report.size} items; whole template groups",
        "never seen in training). Generated by `cloudcredit evaluate`.",
        "",
    ]
    if meta:
        sizes = meta.get("sizes", {})
        lines += [f"Trained on {sizes.get('train', '?')} items at {meta.get('trained_at', '?')}, "
                  f"corpus hash `{str(meta.get('corpus_hash', ''))[:16]}`.", ""]
    fields = report.fields
    summary = [
        ("macro-F1 (4 labels)", report.macro_f1, TARGETS["macro_f1"]),
        ("any-violation recall", report.any_violation_recall, TARGETS["any_violation_recall"]),
        ("any-violation precision", report.any_violation_precision, None),
        ("cloud_related accuracy", report.cloud_accuracy, None),
        ("winner exact (all with a winner)", report.ratio("winner"), None),
        ("winner exact (violations)", report.ratio("winner_violations"), None),
        ("amount within ±0.5% (all with an amount)", report.ratio("amount"), None),
        ("amount within ±0.5% (violations)", report.ratio("amount_violations"), TARGETS["amount_exact_violations"]),
    ]
    lines += ["## Summary", "", "| measure | value | target | met |", "|---|---:|---:|:-:|"]
    for name, value, target in summary:
        met = "" if target is None else ("yes" if value >= target else "**no**")
        lines.append(f"| {name} | {_pct(value)} | {'' if target is None else _pct(target)} | {met} |")
    lines += ["", "Field counts: " + ", ".join(f"{k} {h}/{t}" for k, (h, t) in fields.items()), ""]
    lines += ["## Per label", "", "| label | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    for label, row in report.per_label.items():
        lines.append(f"| {label} | {_pct(row['precision'])} | {_pct(row['recall'])} | {_pct(row['f1'])} | "
                     f"{row['support']} |")
    lines += ["", "## Confusion matrix (rows: true label, columns: predicted)", "",
              "| true \\ predicted | " + " | ".join(LABELS) + " |", "|---|" + "---:|" * len(LABELS)]
    for label, row in zip(LABELS, report.confusion, strict=True):
        lines.append(f"| {label} | " + " | ".join(str(v) for v in row) + " |")
    lines += ["", "## By kind", "", "| kind | items | macro-F1 | accuracy |", "|---|---:|---:|---:|"]
    for kind, row in report.by_kind.items():
        lines.append(f"| {kind} | {row['size']} | {_pct(row['macro_f1'])} | {_pct(row['accuracy'])} |")
    lines += ["", "## Hard negatives (held-out `none` items flagged as a violation)", "",
              "| kind of text | flagged | items |", "|---|---:|---:|"]
    for name, (flagged, total) in report.hard_negatives.items():
        lines.append(f"| {name} | {flagged} | {total} |")
    lines += ["", f"## Misclassified ({len(report.errors)})", ""]
    for error in report.errors[:40]:
        lines.append(f"- `{error['id']}` ({error['kind']}): {error['gold']} → {error['found']} "
                     f"(score {error['score']:.2f}) {error['title']}")
    if len(report.errors) > 40:
        lines.append(f"- … and {len(report.errors) - 40} more")
    return "\n".join(lines) + "\n"


def scores_of(report: Report) -> dict[str, float]:
    """The headline figures of a report (stored in the artefact's metadata)."""
    return {
        "macro_f1": round(report.macro_f1, 4),
        "any_violation_recall": round(report.any_violation_recall, 4),
        "cloud_accuracy": round(report.cloud_accuracy, 4),
        "winner_exact": round(report.ratio("winner"), 4),
        "amount_exact_violations": round(report.ratio("amount_violations"), 4),
    }
