"""The corpus loader validates every line, keeps ids unique, and the committed test split is honest."""

import json

import pytest

from nlp.dataset import (
    LABELS,
    CorpusError,
    corpus_files,
    corpus_hash,
    leaked_groups,
    load_corpus,
    read_jsonl,
    split,
)


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def _row(**over):
    row = {"id": "a1", "kind": "news", "title": "标题", "text": "正文", "label": "none", "cloud_related": True,
           "winner": None, "buyer": None, "amount_yuan": None, "budget_yuan": 1000000, "style": "wire",
           "group": "g1", "split": "train"}
    row.update(over)
    return row


def test_reads_items_with_numbers_as_floats(tmp_path):
    items = read_jsonl(_write(tmp_path / "c.jsonl", [_row(), _row(id="a2", amount_yuan=0, split="test")]))
    assert [i.id for i in items] == ["a1", "a2"]
    assert items[0].budget_yuan == 1_000_000.0 and items[1].amount_yuan == 0.0
    assert split(items, "test") == [items[1]]


@pytest.mark.parametrize(
    "bad, message",
    [
        ({"label": "spam"}, "unknown label"),
        ({"kind": "blog"}, "unknown kind"),
        ({"split": "dev"}, "unknown split"),
        ({"title": None}, "'title' must be a string"),
        ({"amount_yuan": "12万"}, "expected a number"),
    ],
)
def test_bad_lines_are_named_with_file_and_line(tmp_path, bad, message):
    path = _write(tmp_path / "c.jsonl", [_row(), _row(id="a2", **bad)])
    with pytest.raises(CorpusError, match=rf"c.jsonl:2: .*{message}"):
        read_jsonl(path)


def test_not_json_and_duplicate_ids_are_errors(tmp_path):
    (tmp_path / "x.jsonl").write_text("{oops\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="x.jsonl:1: not JSON"):
        read_jsonl(tmp_path / "x.jsonl")
    a = _write(tmp_path / "a.jsonl", [_row()])
    b = _write(tmp_path / "b.jsonl", [_row()])
    with pytest.raises(CorpusError, match="duplicate id"):
        load_corpus([a, b])


def test_hash_changes_with_content(tmp_path):
    path = _write(tmp_path / "c.jsonl", [_row()])
    before = corpus_hash([path])
    assert corpus_hash([path]) == before
    _write(path, [_row(text="别的正文")])
    assert corpus_hash([path]) != before


def test_leaked_groups_are_found(tmp_path):
    items = read_jsonl(_write(tmp_path / "c.jsonl", [_row(), _row(id="a2", split="test")]))
    assert leaked_groups(items) == {"g1"}


def test_committed_corpus_is_valid_and_its_test_split_holds_unseen_groups():
    assert corpus_files(), "the training corpus nlp/corpus/*.jsonl is missing"
    items = load_corpus()
    assert leaked_groups(items) == set()
    assert {i.label for i in items} <= set(LABELS)
    assert split(items, "test"), "the corpus needs a test split"


def test_review_decisions_become_training_items(tmp_path):
    from evidence.records import decide, record_flag
    from nlp.dataset import review_items
    from store.db import open_db

    db = open_db(tmp_path / "m.db")
    texts = {1: "星澜云科技有限公司以0.01元中标", 2: "某公司正常中标", 3: "待审的文本", 4: "没有文本"}
    for doc_id, text in texts.items():
        db["documents"].insert({"id": doc_id, "url": f"u{doc_id}", "fingerprint": f"f{doc_id}", "kind": "news",
                                "title": f"标题{doc_id}", "clean_text": None if doc_id == 4 else text})
    ids = {}
    for doc_id, violation in ((1, "zero_price_bid"), (1, "abnormally_low_bid"), (2, "abnormally_low_bid"),
                              (3, "license_lending"), (4, "zero_price_bid")):
        ids[doc_id, violation] = record_flag(
            db, document_id=doc_id, violation_type=violation, score=0.9, model_version="m-test", company_id=None,
            company_name=None, reason=None, triggers=[], winner=None, amount_yuan=None, budget_yuan=None,
            buyer=None, cluster_id=None, occurred_on=None)
    decide(db, ids[1, "zero_price_bid"], actor="a", new_status="confirmed", note=None)
    decide(db, ids[1, "abnormally_low_bid"], actor="a", new_status="rejected", note=None)
    decide(db, ids[2, "abnormally_low_bid"], actor="a", new_status="rejected", note=None)
    decide(db, ids[4, "zero_price_bid"], actor="a", new_status="confirmed", note=None)
    items = review_items(db)
    assert [(i.id, i.label, i.text) for i in items] == [
        ("review-1", "zero_price_bid", texts[1]),
        ("review-2", "none", texts[2]),
    ]
    assert all(i.split == "train" for i in items)
