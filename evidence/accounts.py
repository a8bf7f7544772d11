"""Analyst accounts: password hashes from the environment or a local secrets file (never from git).

Sources, later ones winning: the secrets file (JSON `{"name": "pbkdf2_sha256$…"}`, default
`analysts.json` beside the database, or `CLOUDCREDIT_SECRETS`), then environment variables
`CLOUDCREDIT_PASSWORD_HASH_<name>`. Hashes are datasette-auth-passwords' PBKDF2 format.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from pathlib import Path

from datasette_auth_passwords.utils import hash_password

ENV_PREFIX = "CLOUDCREDIT_PASSWORD_HASH_"
SECRETS_ENV = "CLOUDCREDIT_SECRETS"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
MIN_PASSWORD = 8


def secrets_path(db_path: str | Path, environ: Mapping[str, str] = os.environ) -> Path:
    """The secrets file: $CLOUDCREDIT_SECRETS, else analysts.json in the database's folder."""
    if environ.get(SECRETS_ENV):
        return Path(environ[SECRETS_ENV])
    return Path(db_path).resolve().parent / "analysts.json"


def check_name(name: str) -> str:
    """An analyst name: lower-case letter first, then letters, digits, _ or - (max 32)."""
    if not NAME_PATTERN.match(name):
        raise ValueError(f"bad analyst name {name!r}: use lower-case letters, digits, _ or -, starting with a letter")
    return name


def read_secrets(path: Path) -> dict[str, str]:
    """The name → hash map of a secrets file ({} when it does not exist)."""
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path} is not valid JSON: {exc.msg}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{path} must hold a JSON object of analyst name → password hash")
    return data


def add_analyst(path: Path, name: str, password: str) -> None:
    """Store (or replace) an analyst's password hash in the secrets file, readable by its owner only."""
    check_name(name)
    if len(password) < MIN_PASSWORD:
        raise ValueError(f"password too short: at least {MIN_PASSWORD} characters")
    accounts = read_secrets(path)
    accounts[name] = hash_password(password)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(accounts, indent=2, sort_keys=True) + "\n", "utf-8")
    tmp.chmod(0o600)
    tmp.replace(path)


def password_hashes(path: Path, environ: Mapping[str, str] = os.environ) -> dict[str, str]:
    """Every analyst's hash: the secrets file, overridden by CLOUDCREDIT_PASSWORD_HASH_<name> variables."""
    hashes = dict(read_secrets(path))
    for key, value in environ.items():
        if key.startswith(ENV_PREFIX) and value:
            hashes[check_name(key[len(ENV_PREFIX):].lower())] = value
    return hashes
