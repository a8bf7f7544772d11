"""The classifier: a printable Pipeline, a versioned artefact that retraining reproduces, honest held-out checks."""

import json

import pytest

from nlp.dataset import corpus_hash, load_corpus, split
from nlp.evaluate import HARD_NEGATIVES
from nlp.model import (
    ARTEFACT_DIR,
    META_FILE,
    PARAMS,
    build_pipeline,
    classify_facts,
    classify_records,
    current_model,
    decide,
    make_doc,
    model_version,
    predict,
    train_from_corpus,
)

NONE_HEAVY = {"zero_price_bid": 0.05, "abnormally_low_bid": 0.05, "license_lending": 0.05, "none": 0.85}
LOW_HEAVY = {"zero_price_bid": 0.2, "abnormally_low_bid": 0.5, "license_lending": 0.0, "none": 0.3}


@pytest.fixture(scope="module")
def held_out():
    """The test split with the committed model's predictions (never used for fitting or tuning)."""
    items = split(load_corpus(), "test")
    docs = [make_doc(i.title, i.text, i.kind) for i in items]
    return list(zip(items, predict(current_model(), docs), strict=True))


def test_pipeline_prints_its_parts():
    text = build_pipeline().__repr__(N_CHAR_MAX=100_000)
    for part in ("FeatureUnion", "NgramTfidf", "analyzer='char'", "FactFeatures", "CalibratedClassifierCV"):
        assert part in text


def test_committed_artefact_matches_the_corpus_code_and_parameters():
    meta = json.loads((ARTEFACT_DIR / META_FILE).read_text(encoding="utf-8"))
    assert meta["corpus_hash"] == corpus_hash()
    assert meta["version"] == model_version(corpus_hash(), PARAMS)
    assert current_model().version == meta["version"]
    assert current_model() is current_model()


@pytest.mark.slow
def test_retraining_reproduces_the_committed_model():
    committed = current_model()
    retrained = train_from_corpus()
    assert retrained.version == committed.version
    items = split(load_corpus(), "test")[:60]
    docs = [make_doc(i.title, i.text, i.kind) for i in items]
    assert [(p.label, p.score) for p in predict(retrained, docs)] == [(p.label, p.score) for p in predict(committed, docs)]


def test_decide_rules_and_threshold():
    assert decide(NONE_HEAVY, None) == ("none", pytest.approx(0.15))
    assert decide(LOW_HEAVY, None) == ("abnormally_low_bid", pytest.approx(0.7))
    assert PARAMS["violation_threshold"] <= 0.5
    assert decide(NONE_HEAVY, "zero_price_bid") == ("zero_price_bid", PARAMS["rule_score"])
    assert decide(LOW_HEAVY, "none") == decide(LOW_HEAVY, None)


def test_classify_records_contract():
    out = classify_records([
        {"id": 7, "title": "星澜云科技有限公司0.01元中标政务云项目", "text": "星澜云科技有限公司以0.01元中标某市政务云项目。",
         "kind": "news"},
        {"id": "x", "title": "", "text": ""},
    ])
    assert [r["id"] for r in out] == [7, "x"]
    assert list(out[0]) == ["id", "label", "score", "cloud_related", "winner", "buyer", "amount_yuan", "budget_yuan"]
    assert out[0]["label"] == "zero_price_bid" and out[0]["cloud_related"] is True
    assert out[1]["label"] == "none" and 0.0 <= out[1]["score"] <= 1.0


def test_classify_facts_for_extract():
    from nlp.facts import facts_from_text

    facts = facts_from_text("政务云服务项目中标公告", "中标供应商：星澜云科技有限公司\n中标金额：0元\n预算金额：300万元")
    label, score, cloud = classify_facts(facts)
    assert (label, cloud) == ("zero_price_bid", True) and score >= 0.9


def test_held_out_macro_f1_and_violation_recall(held_out):
    from sklearn.metrics import f1_score

    gold = [i.label for i, _ in held_out]
    found = [p.label for _, p in held_out]
    assert f1_score(gold, found, average="macro") >= 0.85
    violations = [(g, f) for g, f in zip(gold, found, strict=True) if g != "none"]
    assert sum(f != "none" for _, f in violations) / len(violations) >= 0.9




KNOWN_WEAK = {
    "commentary without a case": "generic commentary on 低价中标 (no firm, no amount) still scores just above the "
    "violation threshold chosen for recall; a known gap, see docs/nlp.md",
}


@pytest.mark.parametrize(
    "name",
    [pytest.param(name, marks=pytest.mark.xfail(reason=KNOWN_WEAK[name], strict=False)) if name in KNOWN_WEAK
     else name for name in HARD_NEGATIVES],
)
def test_hard_negatives_on_held_out_items_stay_none(held_out, name):
    chosen = [(i, p) for i, p in held_out if i.label == "none" and HARD_NEGATIVES[name](i)]
    if not chosen:
        pytest.skip(f"no held-out {name} in the corpus")
    wrong = [i.id for i, p in chosen if p.label != "none"]
    assert len(wrong) <= 0.15 * len(chosen), f"{name}: {len(wrong)}/{len(chosen)} flagged: {wrong[:5]}"


def test_brand_and_place_names_do_not_make_a_text_cloud_related(held_out):
    chosen = [(i, p) for i, p in held_out if not i.cloud_related and HARD_NEGATIVES["place names 云南/白云区/云浮"](i)]
    chosen += [(i, p) for i, p in held_out if not i.cloud_related and HARD_NEGATIVES["brand names 中标麒麟/中标软件"](i)]
    if not chosen:
        pytest.skip("no held-out non-cloud items with 云 place or brand names")
    assert sum(p.cloud_related for _, p in chosen) <= 0.1 * len(chosen)


def test_violations_in_other_sectors_keep_their_label(held_out):
    chosen = [(i, p) for i, p in held_out if i.label != "none" and not i.cloud_related]
    if not chosen:
        pytest.skip("no held-out non-cloud violations")
    assert sum(p.label == i.label for i, p in chosen) >= 0.8 * len(chosen)
    assert sum(not p.cloud_related for _, p in chosen) >= 0.8 * len(chosen)


def test_names_are_reported_as_written():
    from nlp.model import as_written

    assert as_written("霁链(台州)云计算有限公司", "中标人：霽鏈（台州）雲計算有限公司。") == "霽鏈（台州）雲計算有限公司"
    assert as_written("星澜云科技有限公司", "星澜云科技有限公司中标") == "星澜云科技有限公司"
    assert as_written(None, "正文") is None


@pytest.mark.slow
def test_training_with_review_decisions_adds_them_and_changes_the_version(tmp_path):
    from evidence.records import decide, record_flag
    from store.db import open_db

    db = open_db(tmp_path / "m.db")
    db["documents"].insert({"id": 1, "url": "u1", "fingerprint": "f1", "kind": "news", "title": "某市政务云项目结果",
                            "clean_text": "据悉，宸栈数字科技有限公司以远低于预算的价格中标某市政务云项目。"})
    evidence_id = record_flag(
        db, document_id=1, violation_type="abnormally_low_bid", score=0.6, model_version="m-test", company_id=None,
        company_name=None, reason=None, triggers=[], winner=None, amount_yuan=None, budget_yuan=None, buyer=None,
        cluster_id=None, occurred_on=None)
    decide(db, evidence_id, actor="analyst1", new_status="confirmed", note=None)
    model = train_from_corpus(db)
    assert model.meta["sizes"]["reviews"] == 1
    assert model.version != model_version(corpus_hash(), PARAMS)


def test_warm_up_loads_what_workers_would_otherwise_each_load():
    import subprocess
    import sys

    script = (
        "import nlp.tokenize as tokenize\n"
        "from nlp.model import current_model, warm_up\n"
        "model = current_model()\n"
        "union = model.label_pipeline.named_steps['features']\n"
        "vectorisers = [union.named_transformers[n].named_steps['tfidf'] for n in ('words', 'chars')]\n"
        "assert tokenize._tokenizer is None\n"
        "assert all(getattr(v, '_sorted_keys', None) is None for v in vectorisers)\n"
        "warm_up(model)\n"
        "assert tokenize._tokenizer is not None\n"
        "assert all(v._sorted_keys is not None for v in vectorisers)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-1000:]
