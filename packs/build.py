"""Build the evidence pack of one rating: a folder and a deterministic zip of it, digest stored with the rating."""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import sqlite_utils
import yaml

from packs.archive import file_entries, folder_files, sha256_bytes, write_zip
from packs.facts import EvidenceItem, PackError, RatingInputs, load_inputs
from packs.pdf import CHROMIUM, PdfError, PdfRenderer, chromium_available
from packs.report import render_report
from packs.warc_copy import CaptureRef, copy_records
from store.captures import data_dir
from store.db import transaction

FORMAT = "cloudcredit-evidence-pack/1"
MANIFEST = "manifest.json"
REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RULES = "scoring/rules.yaml"


@dataclass
class PackResult:
    """Where a pack was written, the manifest's SHA-256 (stored as ratings.pack_digest) and any warnings."""

    rating_id: int
    folder: Path
    zip_path: Path
    digest: str
    files: int
    warnings: list[str] = field(default_factory=list)


def pack_name(rating: dict) -> str:
    """The pack's folder name: company id, batch, as-of date and rules version, safe for file systems."""
    parts = [f"c{rating['company_id']}", rating["batch"], rating["as_of"][:10], rating["rules_version"]]
    return "_".join(re.sub(r"[^\w.-]+", "-", str(p)).strip("-") or "-" for p in parts)


def manifest_bytes(manifest: dict) -> bytes:
    """The canonical serialisation of a manifest: sorted keys, UTF-8, two-space indent, final newline."""
    return (json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def build_pack(
    db: sqlite_utils.Database,
    db_path: str | Path,
    rating_id: int,
    out_dir: str | Path,
    *,
    pdf: bool = True,
    renderer: PdfRenderer | None = None,
) -> PackResult:
    """Write `out_dir/<name>/` and `out_dir/<name>.zip` for rating `rating_id`; record path and digest in the db.

    Nothing is left half-written: the pack is assembled in a hidden staging folder and moved into place
    (replacing an earlier pack of the same rating) only when complete.
    """
    inputs = load_inputs(db, rating_id)
    as_of = date.fromisoformat(inputs.rating["as_of"][:10])
    name = pack_name(inputs.rating)
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    warnings: list[str] = []
    staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out_dir))
    try:
        folder = staging / name
        folder.mkdir()
        manifest = _assemble(inputs, folder, data_dir(db_path), warnings)
        html = render_report(manifest, {item.document["id"]: item.clean_text for item in inputs.evidence})
        (folder / "report.html").write_text(html, encoding="utf-8")
        manifest["report"] = _render_pdf(html, folder, as_of, pdf, renderer, warnings)
        manifest["files"] = file_entries(folder, folder_files(folder))
        data = manifest_bytes(manifest)
        (folder / MANIFEST).write_bytes(data)
        write_zip(folder, staging / f"{name}.zip", name, as_of)
        _publish(staging, out_dir, name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result = PackResult(
        rating_id,
        out_dir / name,
        out_dir / f"{name}.zip",
        sha256_bytes(data),
        len(manifest["files"]) + 1,
        warnings,
    )
    with transaction(db):
        updated = db.execute(
            "UPDATE ratings SET pack_path = ?, pack_digest = ? WHERE id = ? AND inputs_digest = ? AND rated_at = ?",
            [
                _stored_path(result.zip_path, db_path),
                result.digest,
                rating_id,
                inputs.rating["inputs_digest"],
                inputs.rating["rated_at"],
            ],
        ).rowcount
    if updated != 1:
        raise PackError(f"rating {rating_id} changed while its pack was built: build it again")
    return result


def _assemble(inputs: RatingInputs, folder: Path, base: Path, warnings: list[str]) -> dict:
    """Copy the rules, documents and captures into `folder`; return the manifest without its file list."""
    rules = _copy_rules(inputs, folder)
    evidence = [_copy_evidence(item, folder, base, warnings) for item in inputs.evidence]
    return {
        "format": FORMAT,
        "rating": inputs.rating,
        "company": inputs.company,
        "rules": rules,
        "explanation": inputs.explanation,
        "facts": inputs.facts,
        "evidence": evidence,
    }


def _copy_rules(inputs: RatingInputs, folder: Path) -> dict:
    declared = (inputs.explanation.get("rules") or {}).get("path") or DEFAULT_RULES
    version = inputs.rating["rules_version"]
    source = _find_rules(declared)
    data = source.read_bytes()
    try:
        parsed = yaml.safe_load(data)
    except yaml.YAMLError as exc:
        raise PackError(f"rules file {source} is not valid YAML: {exc}") from exc
    found = parsed.get("version") if isinstance(parsed, dict) else None
    if found is not None and str(found) != str(version):
        raise PackError(f"rules file {source} is version {found}, but the rating was made with {version}")
    target = Path("rules") / source.name
    (folder / target).parent.mkdir(parents=True, exist_ok=True)
    (folder / target).write_bytes(data)
    return {"path": declared, "version": version, "file": target.as_posix(), "sha256": sha256_bytes(data)}


def _find_rules(declared: str) -> Path:
    path = Path(declared)
    for candidate in [path] if path.is_absolute() else [Path.cwd() / path, REPO_ROOT / path]:
        if candidate.is_file():
            return candidate
    raise PackError(f"rules file {declared} not found (looked in {Path.cwd()} and {REPO_ROOT})")


def _copy_evidence(item: EvidenceItem, folder: Path, base: Path, warnings: list[str]) -> dict:
    row, doc = item.row, item.document
    if row["status"] != "confirmed":
        warnings.append(f"evidence {row['id']} is cited by the rating but is now {row['status']}")
    text_file, facts_file = f"documents/{doc['id']}.txt", f"documents/{doc['id']}.json"
    (folder / "documents").mkdir(exist_ok=True)
    (folder / text_file).write_text(item.clean_text, encoding="utf-8")
    facts = {
        "document": doc,
        "bulletin_facts": item.bulletin,
        "lots": item.lots,
        "attachments": item.attachments,
    }
    (folder / facts_file).write_bytes(manifest_bytes(facts))
    return {
        **row,
        "triggers": item.triggers,
        "review_log": item.review_log,
        "document": {**doc, "text_file": text_file, "facts_file": facts_file},
        "capture": _copy_capture(item, folder, base, warnings),
    }


def _copy_capture(item: EvidenceItem, folder: Path, base: Path, warnings: list[str]) -> dict | None:
    doc = item.document
    if not doc["warc_file"] or doc["warc_offset"] is None:
        warnings.append(f"document {doc['id']} of evidence {item.row['id']} has no stored capture")
        return None
    refs = [CaptureRef(doc["warc_file"], int(doc["warc_offset"]), "document")]
    refs += [
        CaptureRef(a["warc_file"], int(a["warc_offset"]), "attachment")
        for a in item.attachments
        if a.get("warc_file") and a.get("warc_offset") is not None
    ]
    for ref in refs:
        if not (base / ref.warc_file).is_file():
            raise PackError(f"capture of document {doc['id']} not found: {base / ref.warc_file}")
    target = f"captures/evidence-{item.row['id']}.warc.gz"
    (folder / "captures").mkdir(exist_ok=True)
    records = copy_records(base, refs, folder / target)
    expected = doc.get("warc_record_id")
    if expected and records[0]["record_id"] != expected:
        raise PackError(
            f"document {doc['id']}: record at {doc['warc_file']}:{doc['warc_offset']} is "
            f"{records[0]['record_id']}, not {expected}"
        )
    return {"file": target, "records": records}


def _render_pdf(
    html: str, folder: Path, as_of: date, wanted: bool, renderer: PdfRenderer | None, warnings: list[str]
) -> dict:
    if not wanted:
        return {"html": "report.html", "pdf": None, "pdf_note": "PDF not requested"}
    if not chromium_available():
        warnings.append(f"Chromium not found at {CHROMIUM}: report.pdf skipped")
        return {
            "html": "report.html",
            "pdf": None,
            "pdf_note": f"PDF skipped: Chromium not found at {CHROMIUM}",
        }
    try:
        if renderer is not None:
            data = renderer.render(html, as_of)
        else:
            with PdfRenderer() as own:
                data = own.render(html, as_of)
    except PdfError as exc:
        raise PackError(f"report.pdf: {exc} (use --no-pdf to build without it)") from exc
    (folder / "report.pdf").write_bytes(data)
    return {
        "html": "report.html",
        "pdf": "report.pdf",
        "pdf_note": "rendered by headless Chromium, dates pinned",
    }


def _publish(staging: Path, out_dir: Path, name: str) -> None:
    """Move the finished folder and zip into `out_dir`, replacing an earlier pack of the same name."""
    final = out_dir / name
    if final.exists():
        final.rename(staging / "previous")
    (staging / name).rename(final)
    os.replace(staging / f"{name}.zip", out_dir / f"{name}.zip")


def _stored_path(zip_path: Path, db_path: str | Path) -> str:
    """The zip's path relative to the database's folder when it lies inside it, else absolute."""
    resolved = zip_path.resolve()
    try:
        return resolved.relative_to(data_dir(db_path)).as_posix()
    except ValueError:
        return str(resolved)
