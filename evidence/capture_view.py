"""Turn a document's archived capture (WARC record) into readable text for the analysts' capture page.

Everything returned is plain text; the page template escapes it, so markup in a capture is shown, never run.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from charset_normalizer import from_bytes

from store.captures import data_dir, read_capture

RAW_LIMIT = 200_000
MIN_CLAUSE = 2
_CLAUSES = re.compile(r"[;；。！!？?|\n]+")
_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.I)
_BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article", "td"}


@dataclass
class CaptureView:
    """What the capture page shows: the record's facts, its readable text and the escaped source."""

    found: bool
    facts: list[tuple[str, str]] = field(default_factory=list)
    text: str = ""
    source: str = ""
    problem: str | None = None


def decode(payload: bytes, content_type: str | None, hint: str | None = None) -> str:
    """Payload bytes as text: the declared charset (header, then <meta>), the stored hint, else detection."""
    candidates = []
    for source in ((content_type or "").encode("latin-1", "ignore"), payload[:4096]):
        match = _CHARSET.search(source)
        if match:
            candidates.append(match.group(1).decode("ascii"))
    if hint:
        candidates.append(hint)
    for name in candidates:
        name = "gb18030" if name.lower() in {"gb2312", "gbk"} else name
        try:
            return payload.decode(name)
        except (LookupError, UnicodeDecodeError):
            continue
    best = from_bytes(payload).best()
    return str(best) if best is not None else payload.decode("utf-8", "replace")


def readable_text(markup: str) -> str:
    """The visible text of an HTML page, one block a line (scripts and styles dropped)."""
    if not markup.strip():
        return ""
    try:
        root = lxml.html.document_fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return markup
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    for block in root.iter(*_BLOCKS):
        block.tail = "\n" + (block.tail or "")
    lines = (re.sub(r"[ \t\u3000\xa0]+", " ", line).strip() for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def capture_view(db_path: str | Path, document: dict) -> CaptureView:
    """The capture page's content for one `documents` row."""
    if not document.get("warc_file") or document.get("warc_offset") is None:
        return CaptureView(found=False, text=document.get("clean_text") or "", problem="no archived capture for this document")
    try:
        capture = read_capture(data_dir(db_path), document["warc_file"], int(document["warc_offset"]))
    except (OSError, StopIteration, ValueError) as exc:
        return CaptureView(found=False, text=document.get("clean_text") or "", problem=f"capture unreadable: {exc}")
    content_type = capture.header("Content-Type")
    body = decode(capture.payload, content_type, document.get("encoding"))
    is_html = "html" in (content_type or "").lower() or "<html" in body[:2000].lower()
    facts = [
        ("URL", capture.url),
        ("Fetched", capture.fetched_at),
        ("HTTP status", str(capture.status)),
        ("Content-Type", content_type or ""),
        ("WARC record", capture.record_id),
        ("WARC file / offset", f"{capture.warc_file} @ {capture.offset}"),
        ("Payload SHA-256", capture.sha256),
    ]
    return CaptureView(
        found=True,
        facts=facts,
        text=readable_text(body) if is_html else body,
        source=body[:RAW_LIMIT],
    )


def trigger_sentences(raw: str | None) -> list[str]:
    """The trigger sentences stored on an evidence row (a JSON list), tolerating bad values."""
    try:
        value = json.loads(raw or "[]")
    except json.JSONDecodeError:
        return [raw] if raw else []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def _normalised(text: str) -> tuple[str, list[int]]:
    """NFKC text without whitespace, and for each of its characters the index it came from in `text`."""
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in unicodedata.normalize("NFKC", char):
            if not piece.isspace():
                chars.append(piece)
                origin.append(index)
    return "".join(chars), origin


def highlight(text: str, sentences: list[str]) -> list[tuple[str, bool]]:
    """Split `text` into (piece, is_trigger) runs so the template can <mark> trigger sentences.

    Sentences are matched clause by clause, ignoring whitespace and full-/half-width differences, since
    the classifier stores them normalised (NFKC) and joined across table cells.
    """
    norm, origin = _normalised(text)
    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        for clause in _CLAUSES.split(sentence or ""):
            wanted, _ = _normalised(clause)
            if len(wanted) < MIN_CLAUSE:
                continue
            for match in re.finditer(re.escape(wanted), norm):
                spans.append((origin[match.start()], origin[match.end() - 1] + 1))
    pieces: list[tuple[str, bool]] = []
    last = 0
    for begin, end in sorted(spans):
        if end <= last:
            continue
        begin = max(begin, last)
        if begin > last:
            pieces.append((text[last:begin], False))
        pieces.append((text[begin:end], True))
        last = end
    if last < len(text) or not pieces:
        pieces.append((text[last:], False))
    return pieces
