"""The violation classifier: a scikit-learn Pipeline, its versioned artefact, and classification helpers.

Two calibrated models share one fitted feature union (word TF-IDF over jieba tokens, character 1–3-gram
TF-IDF, fact features): the label model (zero_price_bid | abnormally_low_bid | license_lending | none)
and the binary cloud_related model. On bulletins the hard rules (`nlp.rules.label_facts`) decide the
clear cases; the model decides the rest, and all news (where the rules' verdict is only a feature). The artefact in `nlp/artefacts/` is loaded lazily, once per process.
"""

from __future__ import annotations

import hashlib
import json
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import joblib
import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from nlp.dataset import LABELS, Item, corpus_hash, items_hash, load_corpus, review_items
from nlp.facts import facts_from_text
from nlp.features import Doc, FactFeatures, NgramTfidf, TextField, lowest_award
from nlp.text import normalize, to_simplified
from nlp.tokenize import tokens
from nlp.triggers import firm_in_text

ARTEFACT_DIR = Path(__file__).parent / "artefacts"
MODEL_FILE = "model.joblib"
META_FILE = "model.json"
VIOLATIONS = tuple(label for label in LABELS if label != "none")

PARAMS: dict[str, Any] = {
    "word_min_df": 2,
    "word_max_features": 40000,
    "word_ngram_range": [1, 2],
    "char_ngram_range": [1, 3],
    "char_min_df": 2,
    "char_max_features": 60000,
    "fact_weight": 2.0,
    "low_ratio": 0.5,
    "C": 0.5,
    "calibration_folds": 5,
    "violation_threshold": 0.25,
    "rule_score": 0.97,
    "random_state": 20261128,
}
"""Training parameters; part of the model version."""

NOT_MODEL_CODE = ("__init__.py", "analyze.py", "cli.py", "dedupe.py", "evaluate.py", "licences.py", "triggers.py")
"""Modules of `nlp/` that the features and the decision do not depend on; every other one is part of the version."""


class ArtefactError(RuntimeError):
    """The model artefact is missing or unreadable (run `cloudcredit train`)."""


@dataclass
class Prediction:
    """One decision: label, probability of a violation, cloud relatedness, and whether a rule decided."""

    label: str
    score: float
    cloud_related: bool
    probabilities: dict[str, float] = field(default_factory=dict)
    rule: str | None = None


@dataclass
class Model:
    """The fitted label and cloud pipelines with their metadata (version, corpus hash, sizes, scores)."""

    label_pipeline: Pipeline
    cloud_pipeline: Pipeline
    meta: dict[str, Any]

    @property
    def version(self) -> str:
        return self.meta["version"]


def make_doc(title: str, text: str, kind: str = "bulletin", facts: Any = None) -> Doc:
    """What the classifier sees for one text; facts are extracted from the text unless given."""
    if facts is None:
        facts = facts_from_text(title or "", text or "")
    return Doc(text=normalize(f"{title or ''}\n{text or ''}"), kind=kind, facts=facts)


def build_features(params: dict[str, Any] = PARAMS) -> FeatureUnion:
    """The feature union: jieba-token TF-IDF, character n-gram TF-IDF, fact features."""
    words = Pipeline([
        ("text", TextField()),
        ("tfidf", NgramTfidf(
            tokenizer=tokens, token_pattern=None, lowercase=False, min_df=params["word_min_df"],
            ngram_range=tuple(params["word_ngram_range"]),
            max_features=params["word_max_features"], sublinear_tf=True, dtype=np.float32,
        )),
    ])
    chars = Pipeline([
        ("text", TextField()),
        ("tfidf", NgramTfidf(
            analyzer="char", ngram_range=tuple(params["char_ngram_range"]), min_df=params["char_min_df"],
            max_features=params["char_max_features"], sublinear_tf=True, dtype=np.float32,
        )),
    ])
    return FeatureUnion(
        [("words", words), ("chars", chars), ("facts", FactFeatures(low_ratio=params["low_ratio"]))],
        transformer_weights={"words": 1.0, "chars": 1.0, "facts": params["fact_weight"]},
    )


def _calibrated(params: dict[str, Any]) -> CalibratedClassifierCV:
    return CalibratedClassifierCV(
        LinearSVC(C=params["C"], class_weight="balanced", random_state=params["random_state"]),
        method="sigmoid",
        cv=StratifiedKFold(params["calibration_folds"], shuffle=True, random_state=params["random_state"]),
        ensemble=False,
    )


def build_pipeline(params: dict[str, Any] = PARAMS) -> Pipeline:
    """The label pipeline: features → linear SVM with sigmoid-calibrated probabilities over the four labels."""
    return Pipeline([("features", build_features(params)), ("classify", _calibrated(params))])


def code_hash() -> str:
    """SHA-256 of the source of the `nlp/` modules the model depends on, plus the tokeniser's domain dictionary."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    modules = [path for path in sorted(here.glob("*.py")) if path.name not in NOT_MODEL_CODE]
    for path in modules + sorted(here.glob("*.txt")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def model_version(corpus_digest: str, params: dict[str, Any] = PARAMS) -> str:
    """The model version: a short hash of the corpus, the code and the parameters."""
    digest = hashlib.sha256()
    digest.update(corpus_digest.encode())
    digest.update(code_hash().encode())
    digest.update(json.dumps(params, sort_keys=True).encode())
    return "m-" + digest.hexdigest()[:16]


def train(items: list[Item], corpus_digest: str, params: dict[str, Any] = PARAMS) -> Model:
    """Fit both pipelines on the training items (the test split is never used here)."""
    train_items = [item for item in items if item.split == "train"]
    if len({item.label for item in train_items}) < len(LABELS):
        raise ValueError("the training split needs examples of all four labels")
    docs = [make_doc(item.title, item.text, item.kind) for item in train_items]
    labels = np.array([item.label for item in train_items])
    cloud = np.array([item.cloud_related for item in train_items])
    label_pipeline = build_pipeline(params)
    label_pipeline.fit(docs, labels)
    features = label_pipeline.named_steps["features"]
    _drop_stop_words(features)
    cloud_pipeline = Pipeline([("features", features), ("classify", _calibrated(params))])
    cloud_pipeline.named_steps["classify"].fit(features.transform(docs), cloud)
    meta = {
        "version": model_version(corpus_digest, params),
        "trained_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "corpus_hash": corpus_digest,
        "code_hash": code_hash(),
        "params": params,
        "sizes": {
            "train": len(train_items),
            "test": sum(1 for item in items if item.split == "test"),
            "labels": {label: int((labels == label).sum()) for label in LABELS},
            "features": int(features.transform(docs[:1]).shape[1]),
        },
        "scores": {},
    }
    return Model(label_pipeline, cloud_pipeline, meta)


def train_from_corpus(db: Any = None, params: dict[str, Any] = PARAMS) -> Model:
    """Train on the committed corpus, plus the analysts' review decisions in `db` when one is given."""
    digest = corpus_hash()
    reviews = review_items(db) if db is not None else []
    if reviews:
        digest = hashlib.sha256(f"{digest}+reviews:{items_hash(reviews)}".encode()).hexdigest()
    model = train(load_corpus() + reviews, digest, params)
    model.meta["sizes"]["reviews"] = len(reviews)
    return model


def _drop_stop_words(features: FeatureUnion) -> None:
    """Fitted vectorisers keep the pruned terms only for introspection; drop them to keep the artefact small."""
    for name in ("words", "chars"):
        features.named_transformers[name].named_steps["tfidf"].stop_words_ = None


def decide(probabilities: dict[str, float], rule_label: str | None, params: dict[str, Any] = PARAMS) -> tuple[str, float]:
    """Label and score (probability of any violation) from the model's probabilities and a rule's verdict.

    A rule's violation verdict decides; its `none` (tenders, cancellations) does not, since a cancellation
    can report a violation: the model, which sees the verdict as a feature, decides those.
    """
    violation = 1.0 - probabilities["none"]
    if rule_label in VIOLATIONS:
        return rule_label, max(violation, params["rule_score"])
    if violation >= params["violation_threshold"]:
        return max(VIOLATIONS, key=lambda label: probabilities[label]), violation
    return "none", violation


def predict(model: Model, docs: list[Doc]) -> list[Prediction]:
    """Classify docs in one pass over the shared features."""
    if not docs:
        return []
    features = model.label_pipeline.named_steps["features"].transform(docs)
    label_proba = model.label_pipeline.named_steps["classify"].predict_proba(features)
    cloud_model = model.cloud_pipeline.named_steps["classify"]
    cloud_proba = cloud_model.predict_proba(features)[:, list(cloud_model.classes_).index(True)]
    classes = list(model.label_pipeline.named_steps["classify"].classes_)
    params = model.meta["params"]
    out = []
    for doc, row, cloud in zip(docs, label_proba, cloud_proba, strict=True):
        probabilities = {label: float(row[classes.index(label)]) for label in LABELS}
        rule_label = doc.rule if doc.kind == "bulletin" else None
        label, score = decide(probabilities, rule_label, params)
        out.append(Prediction(label, round(score, 6), bool(cloud >= 0.5), probabilities, rule_label))
    return out


def warm_up(model: Model) -> None:
    """Load what classifying loads on first use (jieba's dictionary, OpenCC, the vectorisers' look-up keys), so
    that worker processes forked afterwards share it instead of each loading its own."""
    predict(model, [make_doc("预热", "星澜云科技有限公司以0.01元中标政务云服务项目", "bulletin")])


def save(model: Model, folder: Path = ARTEFACT_DIR) -> Path:
    """Write the artefact (joblib, compressed) and its JSON metadata; returns the artefact path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / MODEL_FILE
    joblib.dump({"label": model.label_pipeline, "cloud": model.cloud_pipeline, "meta": model.meta}, path, compress=3)
    (folder / META_FILE).write_text(json.dumps(model.meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def load(folder: Path = ARTEFACT_DIR) -> Model:
    """Read an artefact written by `save`."""
    path = folder / MODEL_FILE
    if not path.exists():
        raise ArtefactError(f"no model artefact at {path}; run `cloudcredit train`")
    try:
        data = joblib.load(path)
    except Exception as exc:
        raise ArtefactError(f"cannot read the model artefact {path}: {exc}") from exc
    return Model(data["label"], data["cloud"], data["meta"])


_lock = threading.Lock()
_cached: Model | None = None


def current_model() -> Model:
    """The committed model, loaded on first use and kept for the life of the process."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None:
                _cached = load()
    return _cached


def classify_facts(facts: Any, kind: str = "bulletin") -> tuple[str, float, bool]:
    """(label, score, cloud_related) for facts extracted from a page (used by `cloudcredit extract`)."""
    doc = make_doc(getattr(facts, "title", "") or "", getattr(facts, "text", "") or "", kind, facts)
    prediction = predict(current_model(), [doc])[0]
    return prediction.label, prediction.score, prediction.cloud_related


def headline_lot(facts: Any, label: str) -> Any:
    """The lot a result reports: the lowest award for a price violation, else the first lot with a winner."""
    lots = list(getattr(facts, "lots", None) or [])
    if label in ("zero_price_bid", "abnormally_low_bid"):
        lowest = lowest_award(facts)
        for lot in lots:
            if lot.amount_yuan is not None and lot.amount_yuan == lowest:
                return lot
    for lot in lots:
        if lot.winner or lot.amount_yuan is not None:
            return lot
    return None


def as_written(name: str | None, original: str) -> str | None:
    """A name found in the normalised text, spelled as in the original (traditional, full-width forms kept)."""
    if not name or name in original:
        return name or None
    folded = "".join(ch if len(unicodedata.normalize("NFKC", ch)) != 1 else unicodedata.normalize("NFKC", ch)
                     for ch in original)
    folded = to_simplified(folded)
    start = folded.find(name) if len(folded) == len(original) else -1
    return original[start : start + len(name)] if start >= 0 else name


def result_fields(doc: Doc, prediction: Prediction) -> dict[str, Any]:
    """The contract fields of one classified text: label, score, cloud_related, winner, buyer, amounts.

    When the facts name no winner, the firm named in the sentences about the violation (or the award) is.
    """
    facts = doc.facts
    lot = headline_lot(facts, prediction.label)
    original = f"{getattr(facts, 'title', '') or ''}\n{getattr(facts, 'text', '') or ''}"
    winner = (lot.winner if lot is not None else None) or firm_in_text(doc.text, prediction.label)
    return {
        "label": prediction.label,
        "score": prediction.score,
        "cloud_related": prediction.cloud_related,
        "winner": as_written(winner, original),
        "buyer": as_written(getattr(facts, "buyer", None), original),
        "amount_yuan": lot.amount_yuan if lot is not None else None,
        "budget_yuan": getattr(facts, "budget_yuan", None),
    }


def classify_records(records: list[dict[str, Any]], model: Model | None = None) -> list[dict[str, Any]]:
    """Classify `{id, title, text, kind?}` records (the `cloudcredit classify` contract), same order."""
    model = model or current_model()
    docs = [make_doc(r.get("title") or "", r.get("text") or "", r.get("kind") or "bulletin") for r in records]
    return [
        {"id": record.get("id"), **result_fields(doc, prediction)}
        for record, doc, prediction in zip(records, docs, predict(model, docs), strict=True)
    ]
