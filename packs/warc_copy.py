"""Copy captured WARC records verbatim: the raw gzip member at a record's offset, byte for byte."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator


@dataclass(frozen=True)
class CaptureRef:
    """Where one stored response record lives: a WARC file relative to the data folder and an offset."""

    warc_file: str
    offset: int
    role: str


def read_member(base: Path, ref: CaptureRef) -> tuple[bytes, dict]:
    """The raw bytes of the gzip member holding the record at `ref`, and what the record says about itself."""
    path = base / ref.warc_file
    with open(path, "rb") as handle:
        handle.seek(ref.offset)
        iterator = ArchiveIterator(handle)
        record = next(iterator, None)
        if record is None:
            raise ValueError(f"no WARC record at {ref.warc_file}:{ref.offset}")
        headers = record.rec_headers
        payload_sha256 = hashlib.sha256(record.content_stream().read()).hexdigest()
        iterator.read_to_end(record)
        start, length = iterator.get_record_offset(), iterator.get_record_length()
        handle.seek(start)
        raw = handle.read(length)
    info = {
        "role": ref.role,
        "source_file": ref.warc_file,
        "source_offset": ref.offset,
        "length": length,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "record_id": headers.get_header("WARC-Record-ID"),
        "record_type": headers.get_header("WARC-Type"),
        "url": headers.get_header("WARC-Target-URI"),
        "warc_date": headers.get_header("WARC-Date"),
        "payload_digest": headers.get_header("WARC-Payload-Digest"),
        "payload_sha256": payload_sha256,
    }
    return raw, info


def copy_records(base: Path, refs: list[CaptureRef], dest: Path) -> list[dict]:
    """Write the records at `refs` (in order) into a new WARC at `dest`; returns one description per record."""
    infos = []
    with open(dest, "wb") as out:
        for ref in refs:
            raw, info = read_member(base, ref)
            out.write(raw)
            infos.append(info)
    return infos
