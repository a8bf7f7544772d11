"""The evidence commands through the Typer app: add-analyst, serve's guards, digest, search-index."""

from __future__ import annotations

from typer.testing import CliRunner

from cloudcredit.app import UserError
from cloudcredit.cli import app
from evidence.accounts import read_secrets

runner = CliRunner()


def test_add_analyst_from_stdin_writes_beside_the_database(tmp_path, monkeypatch):
    monkeypatch.delenv("CLOUDCREDIT_SECRETS", raising=False)
    db = tmp_path / "monitor.db"
    result = runner.invoke(app, ["--db", str(db), "add-analyst", "li", "--password-stdin"], input="a long password\n")
    assert result.exit_code == 0, result.output
    assert set(read_secrets(tmp_path / "analysts.json")) == {"li"}


def test_add_analyst_bad_name_fails(tmp_path):
    result = runner.invoke(app, ["--db", str(tmp_path / "m.db"), "add-analyst", "Bad Name", "--password-stdin"], input="long enough\n")
    assert result.exit_code != 0 and isinstance(result.exception, ValueError)


def test_serve_refuses_open_local_on_a_public_interface(tmp_path):
    result = runner.invoke(app, ["--db", str(tmp_path / "m.db"), "serve", "--host", "0.0.0.0", "--open-local"])
    assert isinstance(result.exception, UserError) and "loopback" in str(result.exception)


def test_serve_without_analysts_explains_what_to_do(tmp_path, monkeypatch):
    monkeypatch.delenv("CLOUDCREDIT_SECRETS", raising=False)
    for key in [k for k in __import__("os").environ if k.startswith("CLOUDCREDIT_PASSWORD_HASH_")]:
        monkeypatch.delenv(key)
    result = runner.invoke(app, ["--db", str(tmp_path / "m.db"), "serve"])
    assert isinstance(result.exception, UserError) and "add-analyst" in str(result.exception)


def test_digest_command_prints_and_writes(site_store, tmp_path):
    path, _ = site_store
    out = tmp_path / "digests-out"
    result = runner.invoke(
        app, ["--db", str(path), "digest", "--since", "2000-01-01", "--threshold", "0.95", "--out", str(out),
              "--base-url", "http://127.0.0.1:8001"]
    )
    assert result.exit_code == 0, result.output
    assert "2 new evidence items" in result.output
    assert "http://127.0.0.1:8001/-/cc/capture/1" in result.output
    assert len(list(out.glob("digest-*.html"))) == 1


def test_search_index_rebuild(site_store):
    path, _ = site_store
    first = runner.invoke(app, ["--db", str(path), "search-index"])
    assert first.exit_code == 0 and "rows segmented" in first.output
    again = runner.invoke(app, ["--db", str(path), "search-index", "--rebuild"])
    assert "12 rows segmented" in again.output
