"""verify-pack catches every tampering: a changed byte, a missing or extra file, a manifest the db disowns."""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
import zipfile
from pathlib import Path

import pytest

from packs.build import build_pack
from packs.verify import verify_pack


@pytest.fixture
def pack(rated, tmp_path):
    return build_pack(rated.db, rated.db_path, rated.rating_id, tmp_path / "packs", pdf=False)


def _flip_byte(path: Path, index: int) -> None:
    data = bytearray(path.read_bytes())
    data[index] ^= 0x01
    path.write_bytes(bytes(data))


@pytest.mark.parametrize(
    "rel",
    [
        "captures/evidence-1.warc.gz",
        "report.html",
        "documents/17.txt",
        "documents/17.json",
        "rules/rules.yaml",
    ],
)
def test_one_changed_byte_is_named(pack, rated, rel):
    target = pack.folder / rel
    _flip_byte(target, target.stat().st_size // 2)
    problems = verify_pack(pack.folder, rated.db)
    assert len(problems) == 1
    assert problems[0].startswith(f"changed file: {rel} (sha256 ")


def test_changed_manifest_is_caught_by_the_rating_digest(pack, rated):
    path = pack.folder / "manifest.json"
    path.write_bytes(path.read_bytes().replace(b'"grade": "C"', b'"grade": "A"'))
    problems = verify_pack(pack.folder, rated.db)
    assert problems == [
        f"manifest.json sha256 {problems[0].split()[2]} differs from ratings.pack_digest {pack.digest}",
        "grade differs: manifest A, database C",
    ]


def test_changed_digest_in_the_manifest_is_caught_offline(pack):
    path = pack.folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    entry = next(f for f in manifest["files"] if f["path"] == "report.html")
    text = path.read_text(encoding="utf-8").replace(entry["sha256"], "0" * 64)
    path.write_text(text, encoding="utf-8")
    assert [p.split(" (")[0] for p in verify_pack(pack.folder)] == ["changed file: report.html"]


def test_deleted_file_is_named(pack, rated):
    (pack.folder / "documents/17.txt").unlink()
    assert verify_pack(pack.folder, rated.db) == ["missing file: documents/17.txt"]


def test_deleted_manifest_is_named(pack):
    (pack.folder / "manifest.json").unlink()
    assert verify_pack(pack.folder) == ["missing file: manifest.json"]


def test_added_file_is_named(pack, rated):
    (pack.folder / "captures" / "extra.warc.gz").write_bytes(b"not evidence")
    assert verify_pack(pack.folder, rated.db) == ["extra file: captures/extra.warc.gz (not in the manifest)"]


def test_rating_changed_in_the_database_is_named(pack, rated):
    rated.db.execute("UPDATE ratings SET capability = 25, total = 45 WHERE id = ?", [rated.rating_id])
    assert verify_pack(pack.zip_path, rated.db) == [
        "capability score differs: manifest 35.0, database 25.0",
        "total score differs: manifest 55.0, database 45.0",
    ]


def test_rating_missing_from_the_database_is_named(pack, rated):
    rated.db.execute("DELETE FROM ratings")
    assert verify_pack(pack.folder, rated.db) == [
        f"no rating in the database for company {rated.company_id}, batch 2026-1, as of 2026-06-30, rules test-rules-1"
    ]


def test_zip_alone_verifies_after_extraction_elsewhere(pack, rated, tmp_path):
    elsewhere = tmp_path / "auditor"
    elsewhere.mkdir()
    moved = elsewhere / pack.zip_path.name
    shutil.copy(pack.zip_path, moved)
    shutil.rmtree(pack.folder)
    with zipfile.ZipFile(moved) as archive:
        archive.extractall(elsewhere)
    folder = elsewhere / pack.folder.name
    assert verify_pack(folder) == []
    assert verify_pack(folder, rated.db) == []
    assert verify_pack(moved) == []


def test_tampered_zip_is_caught(pack, tmp_path):
    tampered = tmp_path / "tampered.zip"
    with zipfile.ZipFile(pack.zip_path) as source, zipfile.ZipFile(tampered, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith("report.html"):
                data = data.replace("等级".encode(), "等极".encode(), 1)
            target.writestr(info, data)
        target.writestr(f"{pack.folder.name}/late.txt", b"added later")
    problems = verify_pack(tampered)
    assert [p.split(" (")[0] for p in problems] == ["changed file: report.html", "extra file: late.txt"]


def test_not_a_pack_is_a_clear_error(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"hello")
    with pytest.raises(ValueError, match="neither a folder nor a zip"):
        verify_pack(junk)
    with pytest.raises(FileNotFoundError, match="no pack at"):
        verify_pack(tmp_path / "nothing")


def test_malformed_manifest_is_named(pack):
    path = pack.folder / "manifest.json"
    path.write_text('{"files": [1, 2]}', encoding="utf-8")
    assert verify_pack(pack.folder) == ["manifest.json has no well-formed file list"]
    path.write_text("{not json", encoding="utf-8")
    assert verify_pack(pack.folder)[0].startswith("manifest.json is not valid JSON")


def test_recomputed_rating_is_named(pack, rated):
    rated.db.execute("UPDATE ratings SET inputs_digest = 'sha256:new' WHERE id = ?", [rated.rating_id])
    assert verify_pack(pack.folder, rated.db) == [
        "inputs differ: the rating was recomputed after packing (inputs_digest sha256:new, manifest sha256:inputs)"
    ]


def test_forged_page_with_a_rehashed_manifest_is_caught_offline(pack):
    """Changing the page and re-hashing the manifest still breaks the WARC record's own payload digest."""
    rel = "captures/evidence-1.warc.gz"
    warc = pack.folder / rel
    forged = gzip.compress(gzip.decompress(warc.read_bytes()).replace("成交金额：0元".encode(), "成交金额：9元".encode()))
    warc.write_bytes(forged)
    path = pack.folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    entry = next(f for f in manifest["files"] if f["path"] == rel)
    entry["sha256"], entry["size"] = hashlib.sha256(forged).hexdigest(), len(forged)
    path.write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    problems = verify_pack(pack.folder)
    assert problems[0].startswith(f"capture {rel}: record <urn:uuid:") and problems[0].endswith("fails its own WARC digests")
    assert problems[1].startswith(f"capture {rel}: its records")
    assert len(problems) == 2
