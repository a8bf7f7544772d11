"""Held-out evaluation of `cloudcredit classify` and `cloudcredit extract`.

THIS SET MUST NEVER BE USED FOR TRAINING OR TUNING. The texts and pages under tests/heldout/ were
written by hand, independently of the training corpus in nlp/corpus/, to estimate how the project does
on material nobody here has seen. Do not copy them into a corpus, do not fit thresholds or rules to
them, and do not edit the gold labels to match the system's answers.

Runs the real commands in a subprocess and prints a report. With CLOUDCREDIT_WRITE_HELDOUT=1 the
figures are also written to docs/heldout.md. The floors below guard against regressions; the targets
of issue 4 are reported next to the measured figures.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
TEXTS = HERE / "texts.jsonl"
PAGES_GOLD = HERE / "pages.jsonl"
PAGES_DIR = HERE / "pages"
DOC = ROOT / "docs" / "heldout.md"
LABELS = ("zero_price_bid", "abnormally_low_bid", "license_lending", "none")
VIOLATIONS = LABELS[:3]
GROUPS: dict[str, Callable[[dict], bool]] = {
    "bulletins": lambda g: g["kind"] == "bulletin",
    "news": lambda g: g["kind"] == "news",
    "cloud": lambda g: g["cloud_related"],
    "other sectors": lambda g: not g["cloud_related"],
}
START, END = "<!-- heldout-figures:start -->", "<!-- heldout-figures:end -->"

TARGETS = {"macro_f1": 0.90, "any_violation_recall": 0.95, "amount_exact": 0.90, "lots_exact": 0.90}
FLOORS = {  # the latest measurement minus about 0.04 (two pages on the extractor side)
    "macro_f1": 0.91,
    "any_violation_recall": 0.92,
    "cloud_accuracy": 0.93,
    "amount_exact": 0.90,
    "winner_exact": 0.91,
    "notice_type_accuracy": 0.92,
    "lots_exact": 0.92,
    "buyer_accuracy": 0.92,
    "published_accuracy": 0.92,
}


def read_jsonl(path: Path) -> list[dict]:
    """One JSON object per non-empty line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def run_cli(*args: str) -> list[dict]:
    """Run `cloudcredit ARGS` with the project's interpreter; parse its JSON lines."""
    exe = Path(sys.executable).with_name("cloudcredit")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "cloudcredit"]
    done = subprocess.run([*cmd, *args], cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, f"cloudcredit {args[0]} failed: {done.stderr.strip()[-500:]}"
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def _fold() -> Callable[[str], str]:
    try:
        from opencc import OpenCC
    except ImportError:
        return lambda s: s
    return OpenCC("t2s").convert


T2S = _fold()


def norm_name(name: str | None) -> str | None:
    """Compare names loosely: NFKC, traditional→simplified, no whitespace."""
    if name is None:
        return None
    folded = T2S(unicodedata.normalize("NFKC", name))
    return re.sub(r"\s+", "", folded) or None


def same_amount(gold: float | None, got: float | None) -> bool:
    """Equal within ±0.5 % (exactly for zero); None only matches None."""
    if gold is None or got is None:
        return gold is None and got is None
    return abs(got - gold) <= max(0.005 * abs(gold), 1e-6)


def ratio(hits: int, total: int) -> float:
    return hits / total if total else 1.0


def label_scores(gold: list[str], pred: list[str]) -> dict[str, dict[str, float]]:
    """Per-label precision, recall, F1 and support."""
    out = {}
    for lab in LABELS:
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        prec, rec = ratio(tp, tp + fp), ratio(tp, tp + fn)
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out[lab] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    return out


def classify_report(gold: list[dict], pred: list[dict]) -> dict:
    """All classifier figures plus a list of misses (severity, id, reason)."""
    assert [g["id"] for g in gold] == [p["id"] for p in pred], "classify changed the order or the ids"
    g_lab, p_lab = [g["label"] for g in gold], [p["label"] for p in pred]
    per = label_scores(g_lab, p_lab)
    viol = [(g, p) for g, p in zip(gold, pred, strict=True) if g["label"] != "none"]
    with_amount = [(g, p) for g, p in viol if g["amount_yuan"] is not None]
    with_winner = [(g, p) for g, p in zip(gold, pred, strict=True) if g["winner"] and g["label"] != "license_lending"]
    offenders = [(g, p) for g, p in zip(gold, pred, strict=True) if g["winner"] and g["label"] == "license_lending"]
    misses = []
    for g, p in zip(gold, pred, strict=True):
        if g["label"] != p["label"]:
            sev = 3 if p["label"] == "none" else 2 if g["label"] == "none" else 1
            misses.append((sev + abs(p.get("score", 0.5) - (g["label"] != "none")), g["id"],
                           f"{g['label']} → {p['label']} (score {p.get('score', 0):.2f}); {g['note']}"))
        elif g["label"] != "none" and g["amount_yuan"] is not None and not same_amount(g["amount_yuan"], p["amount_yuan"]):
            misses.append((0.5, g["id"], f"amount {p['amount_yuan']} ≠ {g['amount_yuan']}"))
    return {
        "n": len(gold),
        "per_label": per,
        "macro_f1": sum(v["f1"] for v in per.values()) / len(LABELS),
        "any_violation_recall": ratio(sum(p["label"] != "none" for _, p in viol), len(viol)),
        "recall_by_group": {
            name: ratio(sum(p["label"] != "none" for g, p in viol if keep(g)), sum(keep(g) for g, _ in viol))
            for name, keep in GROUPS.items()
        },
        "false_alarms": {
            kind: sum(p["label"] != "none" for g, p in zip(gold, pred, strict=True) if g["label"] == "none" and g["kind"] == kind)
            for kind in ("bulletin", "news")
        },
        "cloud_accuracy": ratio(sum(g["cloud_related"] == p["cloud_related"] for g, p in zip(gold, pred, strict=True)), len(gold)),
        "cloud_accuracy_violations": ratio(sum(g["cloud_related"] == p["cloud_related"] for g, p in viol), len(viol)),
        "amount_exact": ratio(sum(same_amount(g["amount_yuan"], p["amount_yuan"]) for g, p in with_amount), len(with_amount)),
        "amount_n": len(with_amount),
        "winner_exact": ratio(sum(norm_name(g["winner"]) == norm_name(p["winner"]) for g, p in with_winner), len(with_winner)),
        "winner_n": len(with_winner),
        "offender_named": ratio(sum(norm_name(g["winner"]) == norm_name(p["winner"]) for g, p in offenders), len(offenders)),
        "offender_n": len(offenders),
        "misses": misses,
    }


def lots_match(gold: list[dict], got: list[dict]) -> bool:
    """Same winners and amounts in the same order."""
    return len(gold) == len(got) and all(
        norm_name(g["winner"]) == norm_name(o.get("winner")) and same_amount(g["amount_yuan"], o.get("amount_yuan"))
        for g, o in zip(gold, got, strict=True))


def extract_report(gold: list[dict], pred: list[dict]) -> dict:
    """Extractor figures plus misses."""
    by_file = {Path(p["file"]).name: p for p in pred}
    pairs = [(g, by_file[g["file"]]) for g in gold]
    misses = []
    for g, p in pairs:
        wrong = [k for k in ("notice_type", "buyer", "published") if norm_name(g[k]) != norm_name(p.get(k))]
        if not lots_match(g["lots"], p.get("lots", [])):
            wrong.append(f"lots {[(o.get('winner'), o.get('amount_yuan')) for o in p.get('lots', [])]}")
        if g["label"] != p.get("label"):
            wrong.append(f"label {g['label']} → {p.get('label')}")
        if wrong:
            misses.append((2.5 if any(w.startswith(("lots", "label")) for w in wrong) else 0.8, g["file"], "; ".join(wrong)))

    def acc(key: str) -> float:
        return ratio(sum(norm_name(g[key]) == norm_name(p.get(key)) for g, p in pairs), len(pairs))

    return {
        "n": len(pairs),
        "notice_type_accuracy": acc("notice_type"),
        "lots_exact": ratio(sum(lots_match(g["lots"], p.get("lots", [])) for g, p in pairs), len(pairs)),
        "buyer_accuracy": acc("buyer"),
        "published_accuracy": acc("published"),
        "label_accuracy": acc("label"),
        "misses": misses,
    }


def render(cls: dict, ext: dict) -> str:
    """The figures as Markdown (the block between the markers in docs/heldout.md)."""
    t = TARGETS
    lines = [
        f"Classifier: {cls['n']} texts. Extractor: {ext['n']} pages.", "",
        "| figure | measured | target (issue 4) |", "|---|---|---|",
        f"| macro-F1 (4 labels) | {cls['macro_f1']:.3f} | ≥ {t['macro_f1']:.2f} |",
        f"| any-violation recall | {cls['any_violation_recall']:.3f} | ≥ {t['any_violation_recall']:.2f} |",
        "| any-violation recall by group | " + ", ".join(f"{k} {v:.3f}" for k, v in cls["recall_by_group"].items()) + " | |",
        f"| false alarms on `none` items (bulletins / news) | {cls['false_alarms']['bulletin']} / {cls['false_alarms']['news']} | |",
        f"| amount exact on violations (±0.5 %, n={cls['amount_n']}) | {cls['amount_exact']:.3f} | ≥ {t['amount_exact']:.2f} |",
        f"| winner exact, awards and cases other than lending (n={cls['winner_n']}) | {cls['winner_exact']:.3f} | |",
        f"| licence lending: offender given as winner (n={cls['offender_n']}) | {cls['offender_named']:.3f} | |",
        f"| cloud_related accuracy (all / violations) | {cls['cloud_accuracy']:.3f} / {cls['cloud_accuracy_violations']:.3f} | |",
        f"| extract: lots exact | {ext['lots_exact']:.3f} | ≥ {t['lots_exact']:.2f} |",
        f"| extract: notice_type accuracy | {ext['notice_type_accuracy']:.3f} | |",
        f"| extract: buyer / published accuracy | {ext['buyer_accuracy']:.3f} / {ext['published_accuracy']:.3f} | |",
        f"| extract: label accuracy | {ext['label_accuracy']:.3f} | |",
        "", "| label | precision | recall | F1 | support |", "|---|---|---|---|---|",
    ]
    for lab, v in cls["per_label"].items():
        lines.append(f"| {lab} | {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} | {v['support']} |")
    worst_pages = sorted(ext["misses"], key=lambda m: -m[0])[:5]
    worst = sorted(cls["misses"], key=lambda m: -m[0])[: 15 - len(worst_pages)] + worst_pages
    lines += ["", f"15 worst misses (of {len(cls['misses'])} text and {len(ext['misses'])} page misses):", "",
              "| id | reason |", "|---|---|"]
    lines += [f"| {m[1]} | {m[2].replace('|', '/')} |" for m in worst]
    return "\n".join(lines)


def write_doc(block: str) -> None:
    """Replace the figures block of docs/heldout.md."""
    text = DOC.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{block}\n{END}{tail}", encoding="utf-8")


@pytest.fixture(scope="module")
def reports() -> tuple[dict, dict]:
    gold_texts = read_jsonl(TEXTS)
    cls = classify_report(gold_texts, run_cli("classify", str(TEXTS)))
    gold_pages = read_jsonl(PAGES_GOLD)
    pages = sorted(str(PAGES_DIR / g["file"]) for g in gold_pages)
    ext = extract_report(gold_pages, run_cli("extract", *pages))
    block = render(cls, ext)
    print("\n" + block)
    if os.environ.get("CLOUDCREDIT_WRITE_HELDOUT") == "1":
        write_doc(block)
    return cls, ext


def test_set_is_well_formed() -> None:
    texts = read_jsonl(TEXTS)
    assert len(texts) == 300 and len({t["id"] for t in texts}) == 300
    assert all(t["label"] in LABELS and t["kind"] in ("bulletin", "news") and t["note"] for t in texts)
    unwritten = [(t["id"], k) for t in texts for k in ("winner", "buyer") if t[k] and t[k] not in t["title"] + t["text"]]
    assert not unwritten, f"gold names must be written as in the text: {unwritten}"
    pages = read_jsonl(PAGES_GOLD)
    assert len(pages) == 40 and all((PAGES_DIR / p["file"]).is_file() for p in pages)


@pytest.mark.slow
def test_classifier_floors(reports: tuple[dict, dict]) -> None:
    cls, _ = reports
    for key in ("macro_f1", "any_violation_recall", "cloud_accuracy", "amount_exact", "winner_exact"):
        assert cls[key] >= FLOORS[key], f"{key} {cls[key]:.3f} fell below the floor {FLOORS[key]}"


@pytest.mark.slow
def test_extractor_floors(reports: tuple[dict, dict]) -> None:
    _, ext = reports
    for key in ("notice_type_accuracy", "lots_exact", "buyer_accuracy", "published_accuracy"):
        assert ext[key] >= FLOORS[key], f"{key} {ext[key]:.3f} fell below the floor {FLOORS[key]}"


def test_scoring_helpers() -> None:
    assert same_amount(0, 0.0) and not same_amount(0, 0.01) and same_amount(1_000_000, 1_004_000)
    assert not same_amount(None, 0) and same_amount(None, None)
    assert norm_name("濠江雲霧數據科技有限公司") in ("濠江云雾数据科技有限公司", "濠江雲霧數據科技有限公司")
    scores = label_scores(["none", "zero_price_bid"], ["zero_price_bid", "zero_price_bid"])
    assert scores["zero_price_bid"]["precision"] == 0.5 and scores["zero_price_bid"]["recall"] == 1.0
    assert lots_match([{"winner": "甲公司", "amount_yuan": 1.0}], [{"winner": "甲公司", "amount_yuan": 1.004}])
