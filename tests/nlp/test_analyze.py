"""The analyze stage: captures in, facts/lots/labels/clusters/evidence out; idempotent; human decisions kept."""

import re

import pytest

from evidence.records import decide
from nlp.analyze import analyze
from nlp.licences import import_licences
from nlp.model import current_model
from nlp.triggers import firm_in_text, trigger_sentences
from store.captures import append_capture
from store.db import open_db

ZERO_AWARD = """<html><head><meta charset="gbk"><title>中标公告</title></head><body>
<div class="vF_detail_main"><h2>星河市政务云平台租赁服务项目中标公告</h2>
<p>一、项目编号：XH-2024-017</p><p>二、项目名称：星河市政务云平台租赁服务项目</p>
<p>三、采购人名称：星河市大数据管理局</p><p>预算金额：300万元</p>
<p>四、中标信息</p><p>中标供应商名称：星澜云科技有限公司</p><p>中标金额：0.01元</p>
<p>五、公告期限：自本公告发布之日起1个工作日。</p></div></body></html>"""

ORDINARY_AWARD = """<html><head><meta charset="utf-8"></head><body><div class="vF_detail_main">
<h2>河湾县人民医院医用耗材采购项目中标公告</h2><p>采购人名称：河湾县人民医院</p><p>预算金额：120万元</p>
<p>中标供应商名称：河湾康泰医疗器械有限公司</p><p>中标金额：1,128,000.00元</p></div></body></html>"""

STORY = (
    "近日，星河市政务云平台租赁服务项目中标结果公布，星澜云科技有限公司以0.01元的报价中标，项目预算为300万元。"
    "业内人士指出，0.01元中标明显低于成本，违反了云服务行业自律公约，相关部门应当加强监管。"
    "据了解，这已经不是该公司第一次以一分钱的价格拿下政务云项目，此前在邻近城市也曾出现类似情况。"
)


def _news(text: str) -> str:
    return f"<html><head><meta charset='utf-8'></head><body><div class='article-content'><p>{text}</p></div></body></html>"


@pytest.fixture
def store(tmp_path):
    path = tmp_path / "m.db"
    db = open_db(path)
    pages = [
        ("https://a.example/1", "bulletin", "星河市政务云平台租赁服务项目中标公告", ZERO_AWARD.encode("gbk"), "text/html"),
        ("https://a.example/2", "bulletin", "河湾县人民医院医用耗材采购项目中标公告", ORDINARY_AWARD.encode(), "text/html"),
        ("https://news.example/9", "news", "星澜云0.01元中标政务云", _news(STORY).encode(), "text/html; charset=utf-8"),
        ("https://other.example/5", "news", "【转载】星澜云0.01元中标政务云",
         _news("【转载】" + STORY + "（来源：网络，编辑：小李）").encode(), "text/html"),
    ]
    for number, (url, kind, title, payload, ctype) in enumerate(pages, 1):
        offset, record_id = append_capture(
            tmp_path / "warc" / "test.warc.gz", url=url, status=200, reason="OK",
            headers=[("Content-Type", ctype)], payload=payload, fetched_at="2024-05-01T00:00:00+00:00",
        )
        db["documents"].insert({
            "id": number, "url": url, "fingerprint": f"fp{number}", "kind": kind, "title": title,
            "published": "2024-05-01", "warc_file": "warc/test.warc.gz", "warc_offset": offset,
            "warc_record_id": record_id, "content_type": ctype,
        })
    db["documents"].insert({"id": 5, "url": "https://gone.example/", "fingerprint": "fp5", "kind": "bulletin",
                            "warc_file": "warc/missing.warc.gz", "warc_offset": 0})
    (tmp_path / "warc" / "junk.warc.gz").write_bytes(b"not a warc file at all")
    db["documents"].insert({"id": 6, "url": "https://junk.example/", "fingerprint": "fp6", "kind": "bulletin",
                            "warc_file": "warc/junk.warc.gz", "warc_offset": 0})
    return db, path


def _evidence(db):
    return {(r["document_id"], r["violation_type"]): r for r in db.query("SELECT * FROM evidence")}


def test_analyze_writes_facts_lots_labels_clusters_and_evidence(store):
    db, path = store
    stats = analyze(db, path, progress=False, batch_size=2)
    assert (stats.analyzed, stats.failed) == (4, 2)
    assert {5, 6} == set(stats.failures)
    version = current_model().version
    facts = db["bulletin_facts"].get(1)
    assert facts["notice_type"] == "award" and facts["label"] == "zero_price_bid" and facts["model_version"] == version
    (lot,) = db.query("SELECT * FROM lots WHERE document_id = 1")
    assert lot["winner"] == "星澜云科技有限公司" and lot["amount_yuan"] == 0.01 and lot["winner_company_id"]
    evidence = _evidence(db)
    zero = evidence[(1, "zero_price_bid")]
    assert zero["company_name"] == "星澜云科技有限公司" and zero["status"] == "pending"
    assert zero["model_version"] == version and zero["cluster_id"] == "c1"
    assert any("0.01" in t for t in __import__("json").loads(zero["triggers"]))
    assert db["bulletin_facts"].get(2)["label"] == "none"
    assert not [key for key in evidence if key[0] == 2]
    docs = {r["id"]: r for r in db.query("SELECT * FROM documents")}
    assert docs[3]["cluster_id"] == docs[4]["cluster_id"] != docs[1]["cluster_id"]
    assert docs[1]["clean_text"] and "星澜云科技有限公司" in docs[1]["clean_text"]
    assert docs[5]["analyzed_at"] is None


def test_rerun_is_idempotent_and_keeps_human_decisions(store):
    db, path = store
    analyze(db, path, progress=False)
    assert analyze(db, path, progress=False).analyzed == 0
    before = _evidence(db)
    zero = before[(1, "zero_price_bid")]
    decide(db, zero["id"], actor="analyst1", new_status="confirmed", note="checked the notice")
    stats = analyze(db, path, progress=False, reanalyze=True)
    assert stats.analyzed == 4
    after = _evidence(db)
    assert after.keys() == before.keys()
    kept = after[(1, "zero_price_bid")]
    assert (kept["status"], kept["reviewer"], kept["note"]) == ("confirmed", "analyst1", "checked the notice")
    assert db.execute("SELECT COUNT(*) FROM lots WHERE document_id = 1").fetchone()[0] == 1
    assert db.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == 1


def test_unlicensed_cloud_winner_becomes_a_lending_candidate(store, tmp_path):
    db, path = store
    licences = tmp_path / "licences.csv"
    licences.write_text("company,licence_type,issuer,licence_no,granted_on\n"
                        "北京云栈数据有限公司,互联网资源协作服务,北京市通信管理局,京B1-20180001,2018-03-01\n",
                        encoding="utf-8")
    import_licences(db, licences)
    analyze(db, path, progress=False)
    lending = _evidence(db)[(1, "license_lending")]
    assert "holds no 互联网资源协作服务 licence" in lending["reason"]
    assert lending["winner"] == "星澜云科技有限公司"


def test_no_licence_data_no_lending_flag_on_bulletins(store):
    db, path = store
    analyze(db, path, progress=False)
    assert (1, "license_lending") not in _evidence(db)


def test_trigger_sentences_pick_the_cue_sentences():
    found = trigger_sentences("第一句无关。该公司借用他人资质承接项目。第三句也无关。", "license_lending")
    assert found == ["该公司借用他人资质承接项目。"]
    assert trigger_sentences("甲。乙公司中标价58.6万元。", "none", ("58.6万元",)) == ["乙公司中标价58.6万元。"]


def test_firm_in_text_prefers_the_violation_sentence():
    text = "本月政务云市场回顾。北京云栈数据有限公司借用他人许可证承接项目。河湾康泰科技有限公司中标某医院项目。"
    assert firm_in_text(text, "license_lending") == "北京云栈数据有限公司"
    assert firm_in_text(text, "none") == "河湾康泰科技有限公司"
    assert firm_in_text("没有公司名的评论。", "none") is None


def test_bad_batch_size_is_refused(store):
    db, path = store
    with pytest.raises(ValueError, match="batch size"):
        analyze(db, path, batch_size=0, progress=False)


def _cli(tmp_path, *args):
    import os
    import subprocess
    import sys

    env = dict(os.environ, CLOUDCREDIT_DB=str(tmp_path / "cli.db"))
    return subprocess.run([sys.executable, "-m", "cloudcredit", *args], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=300)


@pytest.mark.slow
def test_cli_import_licences_and_analyze(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("company,licence_type\n甲,乙\n", encoding="utf-8")
    result = _cli(tmp_path, "import-licences", str(bad))
    assert result.returncode == 1 and "missing column" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    good = tmp_path / "good.csv"
    good.write_text("company,licence_type,issuer,licence_no,granted_on\n"
                    "北京云栈数据有限公司,互联网资源协作服务,北京市通信管理局,京B1-20180001,2018-03-01\n", encoding="utf-8")
    result = _cli(tmp_path, "import-licences", str(good))
    assert result.returncode == 0 and "imported 1 licences" in result.stdout
    result = _cli(tmp_path, "analyze", "--no-progress", "--batch-size", "10")
    assert result.returncode == 0 and "analysed 0 documents" in result.stdout


def _only_evidence_of_news(tmp_path, title: str, text: str):
    """Analyse one news text in a fresh store; the store and its one evidence row."""
    db = open_db(tmp_path / "m.db")
    db["documents"].insert({"id": 1, "url": "https://n.example/1", "fingerprint": "f1", "kind": "news",
                            "title": title, "clean_text": text})
    analyze(db, tmp_path / "m.db", progress=False)
    (row,) = db.query("SELECT * FROM evidence")
    return db, row


def test_firm_named_in_news_is_resolved_for_the_evidence(tmp_path):
    text = ("记者调查发现，北京云栈数据有限公司本身并未取得互联网资源协作服务经营许可，却长期借用他人许可证承接多地政务云业务，"
            "相关项目合同均以持证企业名义签订。通信管理局已对此立案调查。")
    db, row = _only_evidence_of_news(tmp_path, "云栈数据被指借用他人许可证承接政务云业务", text)
    assert row["violation_type"] == "license_lending"
    assert row["company_name"] == "北京云栈数据有限公司"
    assert db["companies"].get(row["company_id"])["legal_name"] == "北京云栈数据有限公司"


def test_winners_join_the_registry_but_buyers_are_only_linked_when_already_known(store):
    db, path = store
    from store.identity import add_alias, add_company

    state_firm = add_company(db, "河湾县人民医院集团有限公司")
    add_alias(db, state_firm, "河湾县人民医院", "short")
    analyze(db, path, progress=False)
    names = {r["legal_name"] for r in db.query("SELECT legal_name FROM companies")}
    assert {"星澜云科技有限公司", "河湾康泰医疗器械有限公司"} <= names
    assert "星河市大数据管理局" not in names
    buyers = dict(db.execute("SELECT buyer, buyer_company_id FROM bulletin_facts WHERE buyer IS NOT NULL")
                  .fetchall())
    assert buyers == {"星河市大数据管理局": None, "河湾县人民医院": state_firm}


def test_evidence_names_the_party_a_penalty_notice_is_about_not_the_lender(tmp_path):
    text = ("当事人：澈域智能科技有限公司\n经查，当事人未取得互联网资源协作服务业务经营许可，借用霁岭数据有限公司的许可证"
            "承接多地政务云项目，构成无证经营。我局决定责令改正，没收违法所得并处罚款。")
    _db, row = _only_evidence_of_news(tmp_path, "行政处罚决定书：澈域智能借用他人许可证经营云服务", text)
    assert (row["violation_type"], row["company_name"]) == ("license_lending", "澈域智能科技有限公司")


def test_lot_numbers_use_written_digits_only_when_distinct():
    from types import SimpleNamespace as Lot

    from nlp.analyze import lot_numbers

    assert lot_numbers([Lot(lot_no="包2"), Lot(lot_no="第3标段")]) == [2, 3]
    assert lot_numbers([Lot(lot_no="包A"), Lot(lot_no="包B")]) == [1, 2]
    assert lot_numbers([Lot(lot_no="1"), Lot(lot_no="1")]) == [1, 2]
    assert lot_numbers([]) == []


def test_documents_of_another_model_version_are_analysed_again(store):
    db, path = store
    analyze(db, path, progress=False)
    db.execute("UPDATE documents SET model_version = 'm-older' WHERE id = 2")
    stats = analyze(db, path, progress=False)
    assert stats.analyzed == 1
    assert db["documents"].get(2)["model_version"] == current_model().version


@pytest.mark.slow
def test_bench_runs_and_reports_a_ratio():
    import subprocess
    import sys
    from pathlib import Path

    bench = Path(__file__).parents[2] / "bench" / "analyze.py"
    result = subprocess.run([sys.executable, str(bench), "--sizes", "40", "--rounds", "2"], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-500:]
    rounds = re.findall(r"40 docs \(\d+ characters on average\), round (\d): analyze .* ratio (\d\.\d\d)", result.stdout)
    assert [number for number, _ in rounds] == ["1", "2"]
    median = re.search(r"40 docs: median ratio (\d\.\d\d) over 2 rounds", result.stdout)
    assert median and abs(float(median.group(1)) - sum(float(ratio) for _, ratio in rounds) / 2) <= 0.006
    assert result.stdout.count("0 failed") == 2


@pytest.mark.slow
def test_bench_measures_a_csv_of_real_bulletins_each_row_once(tmp_path):
    import csv
    import subprocess
    import sys
    from pathlib import Path

    texts = tmp_path / "bulletins.csv"
    with texts.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["标题", "正文", "链接"])
        for number in range(30):
            writer.writerow([f"某市政务云服务项目成交公告（{number}）",
                             f"采购人：某市大数据局\n成交供应商：星澜云科技有限公司\n成交金额：{number + 1}00.00元", ""])
        writer.writerow(["没有正文的一行", "", ""])
    bench = Path(__file__).parents[2] / "bench" / "analyze.py"
    result = subprocess.run([sys.executable, str(bench), "--texts", str(texts), "--rounds", "1"], capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-500:]
    assert re.search(r"^\s*30 docs \(\d+ characters on average\), round 1: analyze .* ratio \d\.\d\d", result.stdout, re.M)
    assert "0 failed" in result.stdout


def _corpus_store(folder, count: int):
    """A store of `count` corpus texts as pages (more than one chunk of work), plus one unreadable capture."""
    import html

    from nlp.dataset import load_corpus

    db = open_db(folder / "m.db")
    for number, item in enumerate(load_corpus()[:count], 1):
        body = "".join(f"<p>{html.escape(line)}</p>" for line in item.text.splitlines())
        page = f"<html><body><div class='vF_detail_main'><h2>{html.escape(item.title)}</h2>{body}</div></body></html>"
        offset, record_id = append_capture(
            folder / "warc" / "c.warc.gz", url=f"https://c.example/{number}", status=200, reason="OK",
            headers=[("Content-Type", "text/html; charset=utf-8")], payload=page.encode(),
            fetched_at="2024-05-01T00:00:00+00:00",
        )
        db["documents"].insert({"id": number, "url": f"https://c.example/{number}", "fingerprint": f"c{number}",
                                "kind": item.kind, "title": item.title, "published": "2024-05-01",
                                "warc_file": "warc/c.warc.gz", "warc_offset": offset, "warc_record_id": record_id})
    db["documents"].insert({"id": count + 1, "url": "https://gone.example/", "fingerprint": "gone",
                            "kind": "bulletin", "warc_file": "warc/missing.warc.gz", "warc_offset": 0})
    return db


def test_worker_processes_give_the_same_store_as_one_process(tmp_path):
    outputs = []
    for workers in (1, 2):
        folder = tmp_path / f"w{workers}"
        db = _corpus_store(folder, 120)
        stats = analyze(db, folder / "m.db", progress=False, workers=workers, batch_size=50)
        assert (stats.analyzed, stats.failed) == (120, 1)
        outputs.append({
            "facts": db.execute("SELECT document_id, notice_type, buyer, buyer_company_id, budget_yuan, label, score,"
                                " cloud_related FROM bulletin_facts ORDER BY document_id").fetchall(),
            "lots": db.execute("SELECT * FROM lots ORDER BY id").fetchall(),
            "companies": db.execute("SELECT id, legal_name, verified FROM companies ORDER BY id").fetchall(),
            "candidates": db.execute("SELECT name, company_id, score FROM name_candidates ORDER BY id").fetchall(),
            "evidence": db.execute("SELECT document_id, violation_type, company_id, score, triggers, cluster_id"
                                   " FROM evidence ORDER BY id").fetchall(),
            "documents": db.execute("SELECT id, clean_text, cluster_id, model_version FROM documents"
                                    " ORDER BY id").fetchall(),
        })
    assert outputs[0] == outputs[1]
    assert outputs[0]["evidence"] and outputs[0]["lots"]


def test_workers_must_be_positive(store):
    db, path = store
    with pytest.raises(ValueError, match="workers"):
        analyze(db, path, progress=False, workers=0)


def test_units_of_work_are_big_at_first_and_shrink_so_workers_finish_together():
    from nlp.analyze import MAX_CHUNK, MIN_CHUNK, chunks

    rows = [{"id": number} for number in range(1000)]
    units = list(chunks(iter([rows[start : start + 200] for start in range(0, 1000, 200)]), 1000, 2))
    assert [row["id"] for unit in units for row in unit] == list(range(1000))
    sizes = [len(unit) for unit in units]
    assert sizes[0] == MAX_CHUNK and max(sizes) == MAX_CHUNK
    assert all(size <= MIN_CHUNK for size in sizes[-5:])
    assert len(units) < 1000 / 25
    one_worker = [len(unit) for unit in chunks(iter([rows]), 1000, 1)]
    assert one_worker[:7] == [MAX_CHUNK] * 7 and sum(one_worker) == 1000


def test_a_complaint_decision_is_about_the_supplier_it_names():
    text = ("投诉人：澄湖信息工程有限公司\n被投诉人：星河市大数据管理局\n相关供应商：霁岭云计算科技有限公司\n"
            "投诉人称：相关供应商的投标报价仅为采购预算的15.4%，明显低于其他投标人报价。")
    assert firm_in_text(text, "abnormally_low_bid") == "霁岭云计算科技有限公司"
    assert firm_in_text(text.replace("相关供应商：霁岭云计算科技有限公司\n", ""), "abnormally_low_bid") is None
    penalty = "行政处罚决定书\n当事人：澈域智能科技有限公司\n经查，当事人借用他人许可证承接云服务项目。"
    assert firm_in_text(penalty, "license_lending") == "澈域智能科技有限公司"


def test_a_text_labelled_none_is_still_about_the_firm_its_violation_sentences_name():
    rumour = ("网传溪麟信息借用资质中标 管局核查未发现违规\n此前有网帖称，毕节溪麟信息技术有限公司在智慧城市云平台项目中"
              "借用他人资质投标。通信管理局回复称，经核查，未发现出租、出借许可证的情形。")
    assert firm_in_text(rumour, "none") == "毕节溪麟信息技术有限公司"
    assert firm_in_text("专家认为，低价中标扰乱市场秩序，应当加强监管。", "none") is None
