"""WARC captures: the records store.captures writes are warcio's own records, byte for byte."""

from __future__ import annotations

import gzip
import re
from io import BytesIO

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from store.captures import read_capture, write_capture

HEADERS = [("Content-Type", "text/html; charset=gbk"), ("Server", "replica")]
RECORD_ID = re.compile(rb"WARC-Record-ID: <urn:uuid:[0-9a-f-]+>")


def warcio_record(payload: bytes, record_id: bytes) -> bytes:
    """The record warcio writes when it measures and digests the payload itself (given its record id)."""
    out = BytesIO()
    writer = WARCWriter(out, gzip=True)
    record = writer.create_warc_record(
        "http://www.example.gov.cn/t1.htm", "response", payload=BytesIO(payload),
        http_headers=StatusAndHeaders("200 OK", HEADERS, protocol="HTTP/1.1"),
        warc_headers_dict={"WARC-Date": "2026-11-28T08:00:00Z"},
    )
    writer.write_record(record)
    return RECORD_ID.sub(b"WARC-Record-ID: " + record_id, gzip.decompress(out.getvalue()))


@pytest.mark.parametrize("payload", [b"", "<div>成交公告</div>".encode("gbk"), bytes(range(256)) * 3000])
def test_write_capture_writes_warcios_record(tmp_path, payload):
    path = tmp_path / "t.warc.gz"
    with open(path, "ab") as handle:
        first = write_capture(handle, url="http://www.example.gov.cn/t1.htm", status=200, reason="OK",
                              headers=HEADERS, payload=payload, fetched_at="2026-11-28T08:00:00+00:00")
        second = write_capture(handle, url="http://www.example.gov.cn/t1.htm", status=200, reason="OK",
                               headers=HEADERS, payload=payload, fetched_at="2026-11-28T08:00:00+00:00")
    data = path.read_bytes()
    assert first[0] == 0 and second[0] > 0
    record = gzip.decompress(data[: second[0]])
    record_id = f"WARC-Record-ID: {first[1]}".encode()
    assert RECORD_ID.search(record).group(0) == record_id
    assert record == warcio_record(payload, first[1].encode())
    capture = read_capture(tmp_path, "t.warc.gz", second[0])
    assert (capture.payload, capture.headers, capture.record_id) == (payload, HEADERS, second[1])
