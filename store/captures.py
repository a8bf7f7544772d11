"""Captured HTTP responses, kept as WARC records (warcio) beside the database.

A document row points at its capture with `warc_file` (relative to the folder that holds the database)
and `warc_offset` (the record's byte offset). Evidence packs ship these exact bytes.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


@dataclass
class Capture:
    """One captured response: where it came from, when, and the payload bytes as received."""

    url: str
    fetched_at: str
    status: int
    headers: list[tuple[str, str]]
    payload: bytes
    record_id: str
    warc_file: str
    offset: int

    @property
    def sha256(self) -> str:
        """SHA-256 of the payload, hex."""
        return hashlib.sha256(self.payload).hexdigest()

    def header(self, name: str) -> str | None:
        """The first response header called `name` (case-insensitive)."""
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


def data_dir(db_path: str | Path) -> Path:
    """The folder WARC paths are relative to: the one holding the database."""
    return Path(db_path).resolve().parent


def append_capture(
    warc_path: Path,
    *,
    url: str,
    status: int,
    reason: str,
    headers: list[tuple[str, str]],
    payload: bytes,
    fetched_at: str,
) -> tuple[int, str]:
    """Append one response record to a gzipped WARC file; returns (offset, WARC-Record-ID)."""
    warc_path.parent.mkdir(parents=True, exist_ok=True)
    with open(warc_path, "ab") as handle:
        return write_capture(handle, url=url, status=status, reason=reason, headers=headers, payload=payload,
                             fetched_at=fetched_at)


def write_capture(
    handle: BinaryIO,
    *,
    url: str,
    status: int,
    reason: str,
    headers: list[tuple[str, str]],
    payload: bytes,
    fetched_at: str,
) -> tuple[int, str]:
    """Append one response record to a gzipped WARC file open for appending ("ab"): a writer storing many
    records keeps the file open. Returns (offset, WARC-Record-ID); flush before pointing rows at it."""
    offset = handle.tell()
    writer = WARCWriter(handle, gzip=True)
    http_headers = StatusAndHeaders(f"{status} {reason}".strip(), headers, protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url,
        "response",
        payload=BytesIO(payload),
        length=len(payload),  # the same record; warcio need not copy the payload to measure it
        http_headers=http_headers,
        warc_headers_dict={"WARC-Date": _warc_date(fetched_at)},
    )
    writer.write_record(record)
    return offset, record.rec_headers.get_header("WARC-Record-ID")


def read_capture(base: str | Path, warc_file: str, offset: int) -> Capture:
    """Read the response record at `offset` of `base/warc_file`."""
    path = Path(base) / warc_file
    with open(path, "rb") as handle:
        handle.seek(offset)
        record = next(iter(ArchiveIterator(handle)))
        payload = record.content_stream().read()
        http = record.http_headers
        return Capture(
            url=record.rec_headers.get_header("WARC-Target-URI"),
            fetched_at=record.rec_headers.get_header("WARC-Date"),
            status=int(http.get_statuscode()) if http else 0,
            headers=list(http.headers) if http else [],
            payload=payload,
            record_id=record.rec_headers.get_header("WARC-Record-ID"),
            warc_file=warc_file,
            offset=offset,
        )


def _warc_date(iso: str) -> str:
    text = iso.replace("+00:00", "Z")
    return text if text.endswith("Z") else text + "Z"
