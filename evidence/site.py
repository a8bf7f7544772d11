"""Build the analysts' Datasette: the store, datasette_metadata.json, our plugin and templates, accounts.

`make_datasette` is what `cloudcredit serve` runs and what the tests use, so both see the same site.
"""

from __future__ import annotations

import ipaddress
import json
import os
from pathlib import Path

from datasette.app import Datasette

from evidence.accounts import ENV_PREFIX

PACKAGE = Path(__file__).resolve().parent
METADATA_FILE = PACKAGE.parent / "datasette_metadata.json"
PLUGINS_DIR = PACKAGE / "plugins"
TEMPLATES_DIR = PACKAGE / "templates"
PLACEHOLDER_DB = "monitor"
SETTINGS = {"sql_time_limit_ms": 3000, "facet_time_limit_ms": 300, "default_page_size": 50, "suggest_facets": False}


def database_name(db_path: str | Path) -> str:
    """The name Datasette gives the store (its file name without the extension)."""
    return Path(db_path).stem


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_metadata(
    db_path: str | Path, *, analysts: list[str], open_local: bool = False, metadata_file: Path = METADATA_FILE
) -> dict:
    """datasette_metadata.json for this store: database renamed, accounts wired to $env hashes.

    With `open_local` reading needs no login (the caller checks the host is loopback); writing always does.
    """
    name = database_name(db_path)
    text = metadata_file.read_text("utf-8").replace(f"/{PLACEHOLDER_DB}/", f"/{name}/")
    metadata = json.loads(text)
    metadata["databases"] = {name: metadata["databases"][PLACEHOLDER_DB]}
    if open_local:
        metadata.pop("allow", None)
    plugins = metadata.setdefault("plugins", {})
    plugins["datasette-auth-passwords"] = {
        f"{analyst}_password_hash": {"$env": env_name(analyst)} for analyst in sorted(analysts)
    }
    return metadata


def env_name(analyst: str) -> str:
    """The environment variable holding an analyst's password hash."""
    return ENV_PREFIX + analyst.upper()


PUBLISHED = ("packs", "reports")
"""Folders beside the database that Datasette serves as static files: evidence packs and rating reports."""


def published_mounts(db_path: str | Path) -> list[tuple[str, str]]:
    """(mount, folder) for each published folder beside the database, created if missing."""
    base = Path(db_path).resolve().parent
    mounts = []
    for name in PUBLISHED:
        (base / name).mkdir(parents=True, exist_ok=True)
        mounts.append((name, str(base / name)))
    return mounts


def make_datasette(
    db_path: str | Path, *, hashes: dict[str, str], open_local: bool = False, secret: str | None = None
) -> Datasette:
    """A Datasette on the store; analysts' hashes are exported as CLOUDCREDIT_PASSWORD_HASH_<NAME>."""
    for analyst, password_hash in hashes.items():
        os.environ[env_name(analyst)] = password_hash
    return Datasette(
        [str(db_path)],
        static_mounts=published_mounts(db_path),
        metadata=build_metadata(db_path, analysts=list(hashes), open_local=open_local),
        plugins_dir=str(PLUGINS_DIR),
        template_dir=str(TEMPLATES_DIR),
        settings=SETTINGS,
        secret=secret or os.environ.get("DATASETTE_SECRET"),
    )
