"""The analysts' Datasette, through Datasette's own test client: canned queries, permissions, pages."""

from __future__ import annotations

import asyncio
import re

import pytest

from evidence.records import history
from evidence.site import make_datasette
from store.db import open_db

ACTOR = "li"


class Site:
    """A Datasette on a test store with sync helpers; `login` makes requests as an analyst."""

    def __init__(self, path, *, open_local=False):
        self.path = path
        self.ds = make_datasette(path, hashes={}, open_local=open_local, secret="test-secret")
        self.cookies: dict = {}

    def login(self, actor=ACTOR):
        self.cookies = {"ds_actor": self.ds.sign({"a": {"id": actor}}, "actor")}
        return self

    def get(self, path):
        return asyncio.run(self.ds.client.get(path, cookies=self.cookies))

    def rows(self, path):
        sep = "&" if "?" in path else "?"
        response = self.get(f"{path}{sep}_shape=objects")
        assert response.status_code == 200, response.text[:500]
        return response.json()["rows"]

    def post_form(self, path, data):
        """POST like the browser form does: fetch the form for a CSRF token first."""
        async def run():
            form = await self.ds.client.get(path, cookies=self.cookies)
            match = re.search(r'name="csrftoken" value="([^"]+)"', form.text)
            cookies = dict(self.cookies)
            if match:
                data["csrftoken"] = match.group(1)
                cookies["ds_csrftoken"] = form.cookies.get("ds_csrftoken")
            return await self.ds.client.post(path, data=data, cookies=cookies)
        return asyncio.run(run())


@pytest.fixture
def site(site_store):
    path, ids = site_store
    return Site(path).login(), ids, open_db(path)


def test_anonymous_reading_is_refused_unless_open_local(site_store):
    path, _ = site_store
    locked = Site(path)
    assert locked.get("/").status_code == 403
    assert locked.get("/monitor/triage_queue").status_code == 403
    assert locked.get("/-/cc/capture/1").status_code == 403
    assert locked.get("/-/cc/search?q=京东").status_code == 403
    assert "Log in" in locked.get("/").text
    opened = Site(path, open_local=True)
    assert opened.get("/").status_code == 200
    assert opened.get("/monitor/triage_queue?violation_type=").status_code == 200


def test_triage_queue_one_row_per_cluster_best_first(site):
    client, ids, _ = site
    rows = client.rows("/monitor/triage_queue.json?violation_type=")
    evidence_ids = [r["evidence_id"] for r in rows]
    assert evidence_ids == [ids["e5"], ids["e1"], ids["e3"], ids["e4"]]
    first_cluster = next(r for r in rows if r["evidence_id"] == ids["e1"])
    assert first_cluster["cluster_size"] == 2
    assert first_cluster["score_spread"] == pytest.approx(0.06)
    assert ids["e2"] not in evidence_ids and ids["decided"] not in evidence_ids
    only_low = client.rows("/monitor/triage_queue.json?violation_type=abnormally_low_bid")
    assert [r["evidence_id"] for r in only_low] == [ids["e4"]]


def test_queue_page_links_capture_source_and_decisions(site):
    client, ids, _ = site
    html = client.get("/monitor/triage_queue?violation_type=").text
    assert '<a href="/-/cc/capture/1">capture</a>' in html
    assert 'href="https://www.example.gov.cn/notice/1.html"' in html
    assert f'href="/monitor/confirm_evidence?evidence_id={ids["e1"]}"' in html
    assert "<mark>成交金额：0元。</mark>" in html


@pytest.mark.parametrize("name", ["星澜云", "星澜云科技有限公司", "星澜云科技 有限公司", "星澜"])
def test_dossier_by_any_name(site, name):
    client, ids, db = site
    rows = client.rows(f"/monitor/company_dossier.json?company={name}")
    sections = {r["section"] for r in rows}
    assert sections == {"company", "evidence", "list entry", "grading", "rating"}
    assert {r["evidence_id"] for r in rows if r["section"] == "evidence"} == {ids["e1"], ids["e2"]}


def test_dossier_shows_review_history(site):
    client, ids, _ = site
    rows = client.rows("/monitor/company_dossier.json?company=云栈")
    reviews = [r for r in rows if r["section"] == "review"]
    assert [(r["evidence_id"], r["item"], r["who"]) for r in reviews] == [(ids["decided"], "pending → rejected", "wang")]


def test_dossier_unknown_company_is_empty(site):
    client, _, _ = site
    assert client.rows("/monitor/company_dossier.json?company=不存在的公司") == []


@pytest.mark.parametrize(
    "query, status", [("confirm_evidence", "confirmed"), ("reject_evidence", "rejected"), ("mark_duplicate", "duplicate")]
)
def test_writable_queries_record_actor_and_log(site, query, status):
    client, ids, db = site
    response = client.post_form(f"/monitor/{query}", {"evidence_id": str(ids["e3"]), "note": "checked the notice"})
    assert response.status_code == 302
    row = db["evidence"].get(ids["e3"])
    assert (row["status"], row["reviewer"], row["note"]) == (status, ACTOR, "checked the notice")
    assert [(e["actor"], e["old_status"], e["new_status"]) for e in history(db, ids["e3"])] == [(ACTOR, "pending", status)]
    queue = [r["evidence_id"] for r in client.rows("/monitor/triage_queue.json?violation_type=")]
    assert ids["e3"] not in queue
    recent = client.rows("/monitor/recently_decided.json")
    assert recent[0]["evidence_id"] == ids["e3"] and recent[0]["reviewer"] == ACTOR


def test_changed_mind_is_a_new_log_entry(site):
    client, ids, db = site
    client.post_form("/monitor/confirm_evidence", {"evidence_id": str(ids["e4"]), "note": "first"})
    client.login("zhao").post_form("/monitor/reject_evidence", {"evidence_id": str(ids["e4"]), "note": "second"})
    log = history(db, ids["e4"])
    assert [(e["actor"], e["old_status"], e["new_status"], e["note"]) for e in log] == [
        ("li", "pending", "confirmed", "first"),
        ("zhao", "confirmed", "rejected", "second"),
    ]


@pytest.mark.parametrize("query", ["confirm_evidence", "reject_evidence", "mark_duplicate"])
def test_anonymous_post_is_403_and_changes_nothing(site_store, query):
    path, ids = site_store
    for anonymous in (Site(path), Site(path, open_local=True)):
        response = anonymous.post_form(f"/monitor/{query}", {"evidence_id": str(ids["e1"]), "note": "sneaky"})
        assert response.status_code == 403
        json_post = asyncio.run(
            anonymous.ds.client.post(f"/monitor/{query}", json={"evidence_id": ids["e1"], "note": "x"})
        )
        assert json_post.status_code == 403
    db = open_db(path)
    row = db["evidence"].get(ids["e1"])
    assert (row["status"], row["reviewer"], row["note"]) == ("pending", None, None)
    assert history(db, ids["e1"]) == []


def test_capture_page_is_readable_escaped_and_highlighted(site):
    client, ids, _ = site
    html = client.get("/-/cc/capture/5").text
    assert "<script>window.__xss" not in html
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html
    assert '<img src=x onerror' not in html
    page = client.get("/-/cc/capture/1").text
    assert "Payload SHA-256" in page and "https://www.example.gov.cn/notice/1.html" in page
    assert "<mark>成交金额：0元</mark>" in page
    assert client.get("/-/cc/capture/999").status_code == 404


@pytest.mark.parametrize(
    "query, doc_ids", [("京东", {6}), ("青岚", {4}), ("0元中标", {1, 2}), ("政务云", {1, 2, 5}), ("运维", {4}), ("云主机 1元", {3})]
)
def test_search_page_finds_short_and_long_terms(site, query, doc_ids):
    client, _, _ = site
    html = client.get(f"/-/cc/search?q={query}").text
    found = {int(n) for n in re.findall(r'href="/monitor/documents/(\d+)"', html)}
    assert found == doc_ids


def test_search_page_finds_evidence_by_company_short_name(site):
    client, ids, _ = site
    html = client.get("/-/cc/search?q=云栈").text
    found = {int(n) for n in re.findall(r'href="/monitor/evidence/(\d+)"', html)}
    assert found == {ids["e3"], ids["decided"]}


def test_dashboard_draws_the_three_charts(site):
    client, _, _ = site
    html = client.get("/-/cc/dashboard").text
    for chart in ("chart-weekly", "chart-queue", "chart-companies"):
        assert f'id="{chart}"' in html
    assert html.count("<rect") >= 3
    assert "星澜云" in html


def test_internal_tables_are_hidden_and_columns_described(site):
    client, _, _ = site
    html = client.get("/monitor").text
    for hidden in ("documents_fts", "documents_seg_fts", "schema_version", "name_candidates", "search_queue"):
        assert f'href="/monitor/{hidden}"' not in html
    assert 'href="/monitor/evidence"' in html
    evidence = client.get("/monitor/evidence").text
    assert "Model probability (0–1)" in evidence
    for facet in ("violation_type", "status", "site", "company_id", "month"):
        assert f'data-column="{facet}"' in evidence
    assert "星澜云科技有限公司" in evidence.split('data-column="company_id"')[1].split("</ul>")[0]


def test_evidence_facets_need_no_join(site):
    client, ids, db = site
    facets = client.get("/monitor/evidence.json?_facet=site&_facet=month").json()["facet_results"]
    assert {r["value"]: r["count"] for r in facets["site"]["results"]} == {"ccgp": 6}
    assert {r["value"] for r in facets["month"]["results"]} == {f"2026-0{n}" for n in (1, 2, 3, 4, 5)}
    db.execute("UPDATE documents SET site = NULL WHERE id = 1")
    assert db["evidence"].get(ids["e1"])["site"] is None


def test_any_database_file_name_works(tmp_path):
    from .conftest import build_site_store

    path = tmp_path / "triage-copy.db"
    ids = build_site_store(path)
    client = Site(path).login()
    rows = client.rows("/triage-copy/triage_queue.json?violation_type=")
    assert rows[0]["evidence_id"] == ids["e5"]
    assert 'href="/triage-copy/triage_queue?violation_type="' in client.get("/").text
    response = client.post_form("/triage-copy/confirm_evidence", {"evidence_id": str(ids["e1"]), "note": "ok"})
    assert response.headers["location"] == "/triage-copy/triage_queue?violation_type="


def test_search_page_indexes_a_bounded_batch_and_says_what_waits(site, monkeypatch):
    client, _, db = site
    from datasette.plugins import pm

    plugin = next(m for m in pm.get_plugins() if getattr(m, "REFRESH_LIMIT", None))
    monkeypatch.setattr(plugin, "REFRESH_LIMIT", 3)
    assert db.execute("SELECT COUNT(*) FROM search_queue").fetchone()[0] == 12
    first = client.get("/-/cc/search?q=京东").text
    assert "9 new or changed rows are not yet in the word index" in first
    client.get("/-/cc/search?q=京东")
    client.get("/-/cc/search?q=京东")
    last = client.get("/-/cc/search?q=京东").text
    assert "not yet in the word index" not in last and 'href="/monitor/documents/6"' in last


def test_every_internal_table_is_hidden(site):
    client, _, _ = site
    tables = client.get("/monitor.json").json()["tables"]
    internal = {"schema_version", "name_candidates", "search_queue", "document_minhash"}
    leaking = [t["name"] for t in tables if ("_fts" in t["name"] or t["name"] in internal) and not t["hidden"]]
    assert leaking == []
    assert not next(t for t in tables if t["name"] == "evidence")["hidden"]


def test_decision_form_shows_the_evidence_escaped(site):
    client, ids, _ = site
    html = client.get(f"/monitor/reject_evidence?evidence_id={ids['e5']}").text
    assert f"<strong>Evidence {ids['e5']}</strong>" in html and "Reject this evidence item" in html
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in html and "<script>window.__xss" not in html
    assert '<a href="/-/cc/capture/5">capture</a>' in html
    assert f'name="evidence_id" value="{ids["e5"]}"' in html
    assert "cc-evidence-card" not in client.get("/monitor/reject_evidence?evidence_id=999").text


def test_non_web_urls_are_never_links(site):
    from evidence.records import record_flag

    client, _, db = site
    db["documents"].insert({"id": 7, "url": "javascript:window.__xss=9", "fingerprint": "fp7", "site": "ccgp",
                            "title": "政务云 javascript 链接", "clean_text": "以0元中标"})
    evidence_id = record_flag(
        db, document_id=7, violation_type="zero_price_bid", score=0.9, model_version="m1", company_id=None,
        company_name="星澜云科技有限公司", reason=None, triggers=[], winner=None, amount_yuan=0.0, budget_yuan=None,
        buyer=None, cluster_id=None, occurred_on=None,
    )
    pages = ["/-/cc/capture/7", "/-/cc/search?q=javascript", "/monitor/triage_queue?violation_type=",
             f"/monitor/confirm_evidence?evidence_id={evidence_id}", "/monitor/documents/7", "/monitor/evidence_view"]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert 'href="javascript:' not in response.text, page
    assert "javascript:window.__xss=9" in client.get("/monitor/documents/7").text


def test_password_hashes_are_not_exposed(site_store, monkeypatch):
    path, _ = site_store
    monkeypatch.setenv("CLOUDCREDIT_PASSWORD_HASH_LI", "restored after the test")
    client = Site(path)
    client.ds = make_datasette(path, hashes={"li": "pbkdf2_sha256$1$salt$NOT-FOR-EYES"}, secret="test-secret")
    client.login()
    for page in ("/-/metadata.json", "/-/plugins.json", "/-/settings.json"):
        response = client.get(page)
        assert response.status_code == 200 and "NOT-FOR-EYES" not in response.text
    assert "CLOUDCREDIT_PASSWORD_HASH_LI" in client.get("/-/metadata.json").text


def test_a_rating_links_to_its_evidence_pack_and_the_reports_are_served(site):
    s, ids, db = site
    company = db.execute("SELECT id FROM companies LIMIT 1").fetchone()[0]
    db.execute(
        "INSERT INTO ratings (company_id, batch, as_of, rules_version, records, self_discipline, capability, total,"
        " grade, explanation, inputs_digest, pack_path, pack_digest, rated_at)"
        " VALUES (?, 'b1', '2018-06-30', 'r1', 30, 35, 25, 90, 'AAA', '{}', 'd', 'packs/c1-b1.zip', 'x', 'now')",
        [company],
    )
    base = s.path.resolve().parent
    (base / "packs" / "c1-b1.zip").write_bytes(b"PK-zip-bytes")
    (base / "reports" / "b1_2018-06-30").mkdir(parents=True)
    (base / "reports" / "b1_2018-06-30" / "index.html").write_text("<h1>表5</h1>", encoding="utf-8")
    page = s.get(f"/{s.path.stem}/ratings").text
    assert '<a href="/packs/c1-b1.zip">evidence pack</a>' in page
    assert s.get("/packs/c1-b1.zip").content == b"PK-zip-bytes"
    listing = s.get("/-/cc/reports").text
    assert 'href="/reports/b1_2018-06-30/index.html"' in listing
    assert "表5" in s.get("/reports/b1_2018-06-30/index.html").text


def test_published_files_need_a_login_like_everything_else(site_store):
    path, _ = site_store
    assert Site(path).get("/-/cc/reports").status_code == 403


def test_packs_and_reports_are_published_files_anyone_may_fetch(site_store):
    path, _ = site_store
    (path.resolve().parent / "packs").mkdir(exist_ok=True)
    (path.resolve().parent / "packs" / "p.zip").write_bytes(b"zip")
    anonymous = Site(path)
    assert anonymous.get("/packs/p.zip").content == b"zip"
    assert anonymous.get(f"/{path.stem}/ratings").status_code == 403
