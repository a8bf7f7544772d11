"""Deterministic zip of a pack folder, and the file digests the manifest lists."""

from __future__ import annotations

import hashlib
import zipfile
from datetime import date
from pathlib import Path

FILE_MODE = 0o100644
COMPRESS_LEVEL = 9


def sha256_bytes(data: bytes) -> str:
    """SHA-256 of `data`, hex."""
    return hashlib.sha256(data).hexdigest()


def folder_files(folder: Path) -> list[str]:
    """Every file under `folder` as a sorted list of POSIX paths relative to it."""
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def file_entries(folder: Path, paths: list[str]) -> list[dict]:
    """`{path, sha256, size}` for each of `paths` under `folder`, sorted by path."""
    entries = []
    for rel in sorted(paths):
        data = (folder / rel).read_bytes()
        entries.append({"path": rel, "sha256": sha256_bytes(data), "size": len(data)})
    return entries


def write_zip(folder: Path, zip_path: Path, prefix: str, stamp: date) -> None:
    """Zip `folder` as `prefix/…`: sorted entries, one fixed timestamp, fixed permissions, no directory entries."""
    when = (max(stamp.year, 1980), stamp.month, stamp.day, 0, 0, 0)
    with zipfile.ZipFile(zip_path, "w") as archive:
        for rel in folder_files(folder):
            info = zipfile.ZipInfo(f"{prefix}/{rel}", date_time=when)
            info.create_system = 3
            info.external_attr = FILE_MODE << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, (folder / rel).read_bytes(), compresslevel=COMPRESS_LEVEL)
