"""Building a pack from fixture data: contents, verbatim captures, report escaping, determinism, failures."""

from __future__ import annotations

import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from packs.build import build_pack
from packs.facts import PackError
from packs.verify import verify_pack


def _build(rated, out: Path):
    return build_pack(rated.db, rated.db_path, rated.rating_id, out, pdf=False)


def test_pack_verifies_and_is_recorded_with_the_rating(rated, tmp_path):
    result = _build(rated, tmp_path / "packs")
    assert verify_pack(result.folder, rated.db) == []
    assert verify_pack(result.zip_path, rated.db) == []
    row = rated.db["ratings"].get(rated.rating_id)
    manifest = (result.folder / "manifest.json").read_bytes()
    assert row["pack_digest"] == hashlib.sha256(manifest).hexdigest() == result.digest
    assert Path(row["pack_path"]) == result.zip_path.resolve()


def test_manifest_names_every_input_with_its_source(rated, tmp_path):
    result = _build(rated, tmp_path / "packs")
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["company"]["legal_name"] == "星澜云科技有限公司"
    assert {n["alias"] for n in manifest["company"]["names"]} == {"星澜云科技有限公司", "星澜云"}
    assert (manifest["rating"]["grade"], manifest["rating"]["total"], manifest["rating"]["as_of"]) == (
        "C",
        55,
        "2026-06-30",
    )
    facts = manifest["facts"]
    assert facts["memberships"][0]["source"] == "蓝皮书表3"
    assert facts["gradings"][0]["grade"] == "五星"
    assert facts["availability_zones"][0]["name"] == "华东一区"
    assert facts["list_entries"][0]["reason"] == "未报送年报"
    assert facts["explanations"][0]["note"] == "与云业务无关"
    assert facts["other_proofs"][0]["note"] == "第三方测评报告"
    rules = result.folder / manifest["rules"]["file"]
    assert rules.read_text(encoding="utf-8").startswith('version: "test-rules-1"')
    assert manifest["rules"]["version"] == "test-rules-1"
    [item] = manifest["evidence"]
    assert item["status"] == "confirmed"
    assert [(e["old_status"], e["new_status"], e["actor"]) for e in item["review_log"]] == [
        ("pending", "confirmed", "analyst-wang")
    ]
    listed = {f["path"] for f in manifest["files"]}
    assert listed == {
        p.relative_to(result.folder).as_posix() for p in result.folder.rglob("*") if p.is_file()
    } - {"manifest.json"}
    assert (
        (result.folder / item["document"]["text_file"]).read_text(encoding="utf-8").startswith("某市政务云")
    )
    facts_json = json.loads((result.folder / item["document"]["facts_file"]).read_text(encoding="utf-8"))
    assert facts_json["lots"][0]["winner"] == "星澜云科技有限公司"


def test_pack_warc_replays_the_original_page_verbatim(rated, tmp_path):
    result = _build(rated, tmp_path / "packs")
    warc = result.folder / f"captures/evidence-{rated.evidence_id}.warc.gz"
    with open(warc, "rb") as handle:
        records = list(
            (r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
            for r in ArchiveIterator(handle)
        )
    assert records == [(rated.url, rated.payload)]
    doc = rated.db["documents"].get(rated.document_id)
    source = (rated.db_path.parent / doc["warc_file"]).read_bytes()
    packed = warc.read_bytes()
    assert source[doc["warc_offset"] : doc["warc_offset"] + len(packed)] == packed


def test_report_highlights_triggers_and_escapes_scraped_text(rated, tmp_path):
    html = (_build(rated, tmp_path / "packs").folder / "report.html").read_text(encoding="utf-8")
    assert "<mark>二、成交金额：0元。</mark>" in html
    assert "<script>" not in html
    assert "&lt;script&gt;alert(" in html
    assert "&lt;b&gt;不存在的句子&lt;/b&gt;" in html
    assert "信用等级" in html and "自律工作开展情况" in html


def test_rebuild_is_byte_identical(rated, tmp_path):
    first = _build(rated, tmp_path / "a")
    manifest, archive = (first.folder / "manifest.json").read_bytes(), first.zip_path.read_bytes()
    again = _build(rated, tmp_path / "a")
    other = _build(rated, tmp_path / "b")
    for result in (again, other):
        assert (result.folder / "manifest.json").read_bytes() == manifest
        assert result.zip_path.read_bytes() == archive


def test_zip_entries_are_sorted_with_fixed_time_and_mode(rated, tmp_path):
    result = _build(rated, tmp_path / "packs")
    with zipfile.ZipFile(result.zip_path) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(2026, 6, 30, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}
    assert all(n.startswith(result.folder.name + "/") for n in names)


def test_rules_version_mismatch_is_refused_and_leaves_nothing(rated, tmp_path):
    rated.db.execute("UPDATE ratings SET rules_version = 'other-9' WHERE id = ?", [rated.rating_id])
    out = tmp_path / "packs"
    with pytest.raises(PackError, match="version test-rules-1, but the rating was made with other-9"):
        _build(rated, out)
    assert list(out.iterdir()) == []
    assert rated.db["ratings"].get(rated.rating_id)["pack_digest"] is None


def test_missing_cited_fact_and_unknown_rating_fail_clearly(rated, tmp_path):
    with pytest.raises(PackError, match="no rating with id 999"):
        build_pack(rated.db, rated.db_path, 999, tmp_path / "p")
    explanation = json.loads(rated.db["ratings"].get(rated.rating_id)["explanation"])
    explanation["capability"]["facts"]["gradings"].append(4242)
    rated.db.execute(
        "UPDATE ratings SET explanation = ? WHERE id = ?", [json.dumps(explanation), rated.rating_id]
    )
    with pytest.raises(PackError, match=r"cites gradings \[4242\]"):
        _build(rated, tmp_path / "p")


def test_evidence_no_longer_confirmed_is_flagged(rated, tmp_path):
    rated.db.execute(
        "UPDATE evidence SET status = 'rejected', reviewer = 'analyst-zhao', note = '复查：非云项目' WHERE id = ?",
        [rated.evidence_id],
    )
    result = _build(rated, tmp_path / "packs")
    assert result.warnings == [f"evidence {rated.evidence_id} is cited by the rating but is now rejected"]
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert [e["new_status"] for e in manifest["evidence"][0]["review_log"]] == ["confirmed", "rejected"]


def test_pack_inside_the_data_folder_is_recorded_relative_to_it(rated):
    result = build_pack(rated.db, rated.db_path, rated.rating_id, rated.db_path.parent / "packs", pdf=False)
    assert rated.db["ratings"].get(rated.rating_id)["pack_path"] == f"packs/{result.zip_path.name}"


def test_rating_recomputed_during_the_build_is_not_recorded(rated, tmp_path, monkeypatch):
    from packs import build as build_module

    original = build_module.write_zip

    def rescore_then_zip(*args, **kwargs):
        rated.db.execute("UPDATE ratings SET inputs_digest = 'sha256:newer' WHERE id = ?", [rated.rating_id])
        original(*args, **kwargs)

    monkeypatch.setattr(build_module, "write_zip", rescore_then_zip)
    with pytest.raises(PackError, match="changed while its pack was built"):
        _build(rated, tmp_path / "packs")
    assert rated.db["ratings"].get(rated.rating_id)["pack_digest"] is None
