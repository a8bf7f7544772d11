"""Chinese search: short words via jieba, long terms via trigram, the queue keeps the word index fresh."""

from __future__ import annotations

from evidence import search
from evidence.search_eval import compare


def add_doc(db, doc_id, title, text):
    db["documents"].insert({"id": doc_id, "url": f"u{doc_id}", "fingerprint": f"f{doc_id}", "title": title, "clean_text": text})


def test_parse_query_splits_by_length():
    parsed = search.parse_query("京东 0元中标 云")
    assert parsed.trigram == '"0元中标"'
    assert parsed.words == '"京东" "云"'
    assert search.parse_query("   ").empty


def test_trigram_alone_misses_two_character_names_but_search_finds_them(store):
    add_doc(store, 10, "某数据中心项目结果公告", "中标供应商：京东云计算有限公司")
    search.refresh(store)
    assert store.execute("SELECT rowid FROM documents_fts WHERE documents_fts MATCH '\"京东\"'").fetchall() == []
    assert search.search(store, "documents", "京东").ids == [10]
    assert 10 in search.search(store, "documents", "京东云计算").ids


def test_queue_follows_inserts_updates_and_deletes(store):
    search.refresh(store)
    assert search.pending(store) == 0
    add_doc(store, 11, "云主机租用", "成交金额 1元")
    assert search.pending(store) == 1
    search.refresh(store)
    assert search.search(store, "documents", "租用").ids == [11]
    store.execute("UPDATE documents SET title = '对象存储采购' WHERE id = 11")
    search.refresh(store)
    assert search.search(store, "documents", "租用").ids == []
    assert search.search(store, "documents", "存储").ids == [11]
    store.execute("DELETE FROM documents WHERE id = 11")
    assert search.search(store, "documents", "存储").ids == []


def test_registry_names_become_whole_words(store):
    add_doc(store, 12, "结果公告", "成交供应商：云栈，成交金额：0元。")
    search.refresh(store)
    assert search.search(store, "documents", "云栈").ids == [12]


def test_results_are_newest_first_and_limited(store):
    for n in range(20, 30):
        add_doc(store, n, f"政务云项目 {n}", "中标")
    search.refresh(store)
    assert search.search(store, "documents", "中标 政务云", limit=3).ids == [29, 28, 27]


def test_eval_shows_hybrid_beats_trigram_on_short_queries(store):
    add_doc(store, 40, "云栈中标公告", "以0元中标")
    add_doc(store, 41, "政务云采购意向", "运维服务")
    results = compare(store, ["云栈", "0元中标", "运维", "政务云"])
    assert results["trigram"]["recall"] < results["hybrid (served)"]["recall"]
    assert results["hybrid (served)"]["exact"] == 4


def test_analyst_searches_file_skips_comments():
    assert search.analyst_searches(["# x", "", " 京东 ", "0元中标"]) == ["京东", "0元中标"]


def test_mixed_queries_leapfrog_both_indexes(store):
    for n in range(100, 160):
        add_doc(store, n, "政务云项目" if n % 3 == 0 else "云主机项目", "中标" if n % 2 == 0 else "成交")
    search.refresh(store)
    hits = search.search(store, "documents", "政务云 中标", limit=5)
    assert hits.complete and hits.ids == [n for n in range(159, 99, -1) if n % 6 == 0][:5]
    assert search.search(store, "documents", "政务云 中标", limit=100).ids == [n for n in range(159, 99, -1) if n % 6 == 0]


def test_rare_co_occurrence_switches_to_windows(store, monkeypatch):
    for n in range(200, 300):
        add_doc(store, n, "政务云项目" if n % 2 else "云主机项目", "中标" if n % 2 == 0 or n % 25 == 1 else "成交")
    search.refresh(store)
    expected = [n for n in range(299, 199, -1) if n % 2 and n % 25 == 1]
    monkeypatch.setattr(search, "LEAP_STEPS", 2)
    monkeypatch.setattr(search, "WINDOW", 7)
    assert search.search(store, "documents", "政务云 中标").ids == expected
    late = search.search(store, "documents", "政务云 中标", budget_s=0)
    assert not late.complete and set(late.ids) <= set(expected)
