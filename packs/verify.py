"""Verify an evidence pack (folder or zip): every file against the manifest, the manifest against its rating."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import sqlite_utils
from warcio.archiveiterator import ArchiveIterator

from packs.archive import sha256_bytes
from packs.build import FORMAT, MANIFEST

SCORE_FIELDS = ("records", "self_discipline", "capability", "total")
TOLERANCE = 1e-6


def verify_pack(path: str | Path, db: sqlite_utils.Database | None = None) -> list[str]:
    """Problems found in the pack at `path` (empty when it verifies). With `db`, also check the rating row."""
    files = read_pack(Path(path))
    if MANIFEST not in files:
        return [f"missing file: {MANIFEST}"]
    try:
        manifest = json.loads(files[MANIFEST].decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return [f"{MANIFEST} is not valid JSON: {exc}"]
    if not isinstance(manifest, dict) or not _well_formed(manifest.get("files")):
        return [f"{MANIFEST} has no well-formed file list"]
    problems = _check_files(manifest, files)
    problems += _check_internal(manifest, files)
    if db is not None:
        problems += _check_rating(manifest, sha256_bytes(files[MANIFEST]), db)
    return problems


def _well_formed(files: object) -> bool:
    return isinstance(files, list) and all(
        isinstance(f, dict) and isinstance(f.get("path"), str) for f in files
    )


def read_pack(path: Path) -> dict[str, bytes]:
    """The pack's files as {relative POSIX path: bytes}, from a folder or from a zip of one."""
    if path.is_dir():
        return {
            p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()
        }
    if not path.is_file():
        raise FileNotFoundError(f"no pack at {path}")
    if not zipfile.is_zipfile(path):
        raise ValueError(f"{path} is neither a folder nor a zip file")
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if not n.endswith("/")]
        manifests = sorted((n for n in names if n.rsplit("/", 1)[-1] == MANIFEST), key=lambda n: n.count("/"))
        prefix = manifests[0][: -len(MANIFEST)] if manifests else ""
        return {(n[len(prefix) :] if n.startswith(prefix) else n): archive.read(n) for n in names}


def _check_files(manifest: dict, files: dict[str, bytes]) -> list[str]:
    problems = []
    listed = {entry.get("path"): entry for entry in manifest["files"]}
    for rel in sorted(listed, key=str):
        entry = listed[rel]
        if rel not in files:
            problems.append(f"missing file: {rel}")
            continue
        digest = sha256_bytes(files[rel])
        if digest != entry.get("sha256"):
            problems.append(f"changed file: {rel} (sha256 {digest}, manifest says {entry.get('sha256')})")
        elif len(files[rel]) != entry.get("size"):
            problems.append(
                f"changed file: {rel} (size {len(files[rel])}, manifest says {entry.get('size')})"
            )
    for rel in sorted(set(files) - set(listed) - {MANIFEST}):
        problems.append(f"extra file: {rel} (not in the manifest)")
    return problems


def _referenced(manifest: dict) -> list[str]:
    refs = [(manifest.get("rules") or {}).get("file")]
    report = manifest.get("report") or {}
    refs += [report.get("html"), report.get("pdf")]
    for item in manifest.get("evidence") or []:
        document = item.get("document") or {}
        refs += [
            document.get("text_file"),
            document.get("facts_file"),
            (item.get("capture") or {}).get("file"),
        ]
    return [r for r in refs if r]


def _check_internal(manifest: dict, files: dict[str, bytes]) -> list[str]:
    problems = []
    if manifest.get("format") != FORMAT:
        problems.append(f"manifest format is {manifest.get('format')!r}, expected {FORMAT!r}")
    listed = {entry.get("path"): entry for entry in manifest["files"]}
    for ref in _referenced(manifest):
        if ref not in listed:
            problems.append(f"manifest refers to {ref}, which its file list does not include")
    rules = manifest.get("rules") or {}
    if rules.get("file") in listed and listed[rules["file"]].get("sha256") != rules.get("sha256"):
        problems.append(f"rules file {rules['file']}: sha256 in the file list differs from rules.sha256")
    rating = manifest.get("rating") or {}
    try:
        parts = sum(float(rating[k]) for k in SCORE_FIELDS[:3])
        if abs(parts - float(rating["total"])) > TOLERANCE:
            problems.append(
                f"rating total {rating['total']} is not the sum of the three dimensions ({parts})"
            )
    except (KeyError, TypeError, ValueError):
        problems.append("manifest rating lacks its dimension scores or total")
    for item in manifest.get("evidence") or []:
        problems += _check_capture(item.get("capture"), files, listed)
    return problems


def _check_capture(capture: dict | None, files: dict[str, bytes], listed: dict[str, dict]) -> list[str]:
    """The WARC's records must be the ones the manifest describes, with their own WARC digests intact.

    Checked only when the file itself matches the manifest (otherwise that is already reported).
    """
    if not capture or capture.get("file") not in files:
        return []
    name, data = capture["file"], files[capture["file"]]
    if sha256_bytes(data) != (listed.get(name) or {}).get("sha256"):
        return []
    problems, found = [], []
    try:
        for record in ArchiveIterator(io.BytesIO(data), check_digests=True):
            payload = record.content_stream().read()
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            found.append((record_id, record.rec_headers.get_header("WARC-Target-URI"), sha256_bytes(payload)))
            if record.digest_checker.passed is False:
                problems.append(f"capture {name}: record {record_id} fails its own WARC digests")
    except Exception as exc:  # warcio raises several unrelated types for damaged input
        return [f"capture {name} is not a readable WARC: {exc}"]
    expected = [
        (r.get("record_id"), r.get("url"), r.get("payload_sha256")) for r in capture.get("records") or []
    ]
    if found != expected:
        problems.append(f"capture {name}: its records {found} differ from the manifest's {expected}")
    return problems


def _check_rating(manifest: dict, digest: str, db: sqlite_utils.Database) -> list[str]:
    rating = manifest.get("rating") or {}
    key = [rating.get("company_id"), rating.get("batch"), rating.get("as_of"), rating.get("rules_version")]
    rows = list(
        db.query(
            "SELECT * FROM ratings WHERE company_id = ? AND batch = ? AND as_of = ? AND rules_version = ?",
            key,
        )
    )
    if not rows:
        return [
            f"no rating in the database for company {key[0]}, batch {key[1]}, as of {key[2]}, rules {key[3]}"
        ]
    row = rows[0]
    problems = []
    if row["pack_digest"] is None:
        problems.append(f"rating {row['id']} in the database has no pack digest recorded")
    elif row["pack_digest"] != digest:
        problems.append(
            f"manifest.json sha256 {digest} differs from ratings.pack_digest {row['pack_digest']}"
        )
    if row["inputs_digest"] != rating.get("inputs_digest"):
        problems.append(
            f"inputs differ: the rating was recomputed after packing (inputs_digest {row['inputs_digest']}, "
            f"manifest {rating.get('inputs_digest')})"
        )
    if row["grade"] != rating.get("grade"):
        problems.append(f"grade differs: manifest {rating.get('grade')}, database {row['grade']}")
    for name in SCORE_FIELDS:
        try:
            same = abs(float(row[name]) - float(rating.get(name))) <= TOLERANCE
        except (TypeError, ValueError):
            same = False
        if not same:
            problems.append(f"{name} score differs: manifest {rating.get(name)}, database {row[name]}")
    return problems
