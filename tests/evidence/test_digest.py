"""The alert digest: threshold, window, files, escaping, and the webhook on a loopback server."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from evidence.digest import WebhookError, parse_since, write_digest


class Receiver(BaseHTTPRequestHandler):
    received: list = []
    status = 200

    def do_POST(self):  # noqa: N802 - http.server's naming
        length = int(self.headers["Content-Length"])
        Receiver.received.append(json.loads(self.rfile.read(length)))
        self.send_response(Receiver.status)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook():
    Receiver.received = []
    Receiver.status = 200
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hook"
    server.shutdown()
    server.server_close()


def test_digest_lists_new_evidence_above_threshold(site_store, tmp_path):
    from store.db import open_db

    path, ids = site_store
    db = open_db(path)
    digest = write_digest(db, path, since="2000-01-01", threshold=0.9)
    assert [item["id"] for item in digest.items] == [ids["e5"], ids["e1"], ids["e2"]]
    md, html = digest.paths
    assert md.parent == path.parent / "digests" and md.suffix == ".md" and html.suffix == ".html"
    assert "星澜云科技有限公司" in md.read_text("utf-8")
    assert "<script>" not in html.read_text("utf-8") and "&lt;script&gt;" in html.read_text("utf-8")
    assert "\\<script\\>" in md.read_text("utf-8")


def test_digest_window_excludes_older_evidence(site_store):
    from store.db import open_db

    path, _ = site_store
    db = open_db(path)
    assert write_digest(db, path, since="2999-01-01", threshold=0.0).items == []


def test_webhook_receives_json(site_store, webhook):
    from store.db import open_db

    path, ids = site_store
    digest = write_digest(open_db(path), path, since="2000-01-01", threshold=0.95, webhook=webhook)
    assert len(Receiver.received) == 1
    body = Receiver.received[0]
    assert body["count"] == 2 == len(digest.items)
    assert [item["id"] for item in body["items"]] == [ids["e5"], ids["e1"]]


def test_webhook_failure_is_reported_after_files_are_written(site_store, webhook, tmp_path):
    from store.db import open_db

    path, _ = site_store
    Receiver.status = 500
    with pytest.raises(WebhookError, match="HTTP 500"):
        write_digest(open_db(path), path, out_dir=tmp_path / "out", since="2000-01-01", webhook=webhook)
    assert len(list((tmp_path / "out").glob("digest-*"))) == 2


def test_bad_since_and_threshold(site_store):
    from store.db import open_db

    path, _ = site_store
    with pytest.raises(ValueError, match="--since"):
        parse_since("yesterday")
    with pytest.raises(ValueError, match="threshold"):
        write_digest(open_db(path), path, threshold=2)
    assert parse_since("2026-03-01") == "2026-03-01T00:00:00+00:00"
