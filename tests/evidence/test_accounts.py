"""Analyst accounts: hashes in a private local file or the environment, never plain passwords."""

from __future__ import annotations

import json
import stat

import pytest
from datasette_auth_passwords.utils import verify_password

from evidence.accounts import add_analyst, password_hashes, read_secrets, secrets_path


def test_add_analyst_writes_a_private_hash(tmp_path):
    path = tmp_path / "analysts.json"
    add_analyst(path, "li", "correct horse")
    data = json.loads(path.read_text())
    assert set(data) == {"li"}
    assert "correct horse" not in path.read_text()
    assert verify_password("correct horse", data["li"])
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_add_analyst_replaces_and_keeps_others(tmp_path):
    path = tmp_path / "analysts.json"
    add_analyst(path, "li", "first password")
    add_analyst(path, "wang", "other password")
    add_analyst(path, "li", "second password")
    data = read_secrets(path)
    assert set(data) == {"li", "wang"}
    assert verify_password("second password", data["li"])


@pytest.mark.parametrize("name", ["Li", "1li", "li wang", "", "x" * 40])
def test_bad_names_are_refused(tmp_path, name):
    with pytest.raises(ValueError, match="analyst name"):
        add_analyst(tmp_path / "a.json", name, "long enough")


def test_short_password_is_refused(tmp_path):
    with pytest.raises(ValueError, match="too short"):
        add_analyst(tmp_path / "a.json", "li", "short")
    assert not (tmp_path / "a.json").exists()


def test_environment_overrides_file(tmp_path):
    path = tmp_path / "analysts.json"
    add_analyst(path, "li", "file password")
    hashes = password_hashes(path, {"CLOUDCREDIT_PASSWORD_HASH_LI": "pbkdf2_sha256$1$s$h", "CLOUDCREDIT_PASSWORD_HASH_ZHAO": "z"})
    assert hashes == {"li": "pbkdf2_sha256$1$s$h", "zhao": "z"}


def test_secrets_path_default_and_env(tmp_path):
    assert secrets_path(tmp_path / "monitor.db", {}) == tmp_path.resolve() / "analysts.json"
    assert secrets_path(tmp_path / "monitor.db", {"CLOUDCREDIT_SECRETS": "/x/y.json"}).as_posix() == "/x/y.json"


def test_corrupt_secrets_file_is_a_clear_error(tmp_path):
    path = tmp_path / "analysts.json"
    path.write_text("[1, 2]")
    with pytest.raises(ValueError, match="JSON object"):
        read_secrets(path)
    path.write_text("{nope")
    with pytest.raises(ValueError, match="not valid JSON"):
        read_secrets(path)
