"""The PDF report: rendered by headless Chromium with pinned dates, or skipped (and said so) without it."""

from __future__ import annotations

import json
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from pdfminer.high_level import extract_text

from packs import build as build_module
from packs import pdf as pdf_module
from packs.build import build_pack
from packs.facts import PackError
from packs.pdf import chromium_available, pin_pdf_dates
from packs.verify import verify_pack


def test_pin_pdf_dates_keeps_length():
    raw = b"<< /CreationDate (D:20261128112504+00'00')\n/ModDate (D:20261128112504+08'00') >>"
    pinned = pin_pdf_dates(raw, date(2026, 6, 30))
    assert len(pinned) == len(raw)
    assert pinned.count(b"(D:20260630000000+00'00')") == 2


def test_without_chromium_the_pdf_is_skipped_and_the_manifest_says_so(rated, tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "chromium_available", lambda: False)
    result = build_pack(rated.db, rated.db_path, rated.rating_id, tmp_path / "packs")
    manifest = json.loads((result.folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["report"]["pdf"] is None
    assert "Chromium not found" in manifest["report"]["pdf_note"]
    assert any("report.pdf skipped" in w for w in result.warnings)
    assert not (result.folder / "report.pdf").exists()
    assert verify_pack(result.folder, rated.db) == []


@pytest.mark.slow
@pytest.mark.skipif(not chromium_available(), reason="needs /usr/bin/chromium")
def test_pdf_report_is_rendered_listed_and_deterministic(rated, tmp_path):
    first = build_pack(rated.db, rated.db_path, rated.rating_id, tmp_path / "a")
    pdf = (first.folder / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert b"/CreationDate (D:20260630000000+00'00')" in pdf
    text = unicodedata.normalize("NFKC", extract_text(str(first.folder / "report.pdf")))
    assert "信用等级" in text and "星澜云科技有限公司" in text
    assert verify_pack(first.zip_path, rated.db) == []
    second = build_pack(rated.db, rated.db_path, rated.rating_id, tmp_path / "b")
    assert (second.folder / "report.pdf").read_bytes() == pdf
    assert second.zip_path.read_bytes() == first.zip_path.read_bytes()


def test_a_chromium_that_cannot_start_is_a_clear_error(rated, tmp_path, monkeypatch):
    monkeypatch.setattr(pdf_module, "CHROMIUM", Path("/bin/false"))
    with pytest.raises(PackError, match="report.pdf: cannot start Chromium at /bin/false"):
        build_pack(rated.db, rated.db_path, rated.rating_id, tmp_path / "packs")
    assert rated.db["ratings"].get(rated.rating_id)["pack_digest"] is None
    assert list((tmp_path / "packs").iterdir()) == []
