"""Near-duplicate clustering: reposts of one story share a cluster id, so analysts review it once.

MinHash (datasketch) over character shingles of the text with punctuation and spaces removed. The
signature is cut into LSH bands; band keys live in SQLite (`document_minhash_bands`, indexed), the
signatures in `document_minhash`. A new document's candidates are the documents sharing a band key; a
candidate whose estimated Jaccard similarity reaches THRESHOLD is a near-duplicate, and the document
joins the cluster of the earliest one. Everything is on disk: clustering spans every document analysed
before, across runs, and memory stays flat however many there are.
"""

from __future__ import annotations

import hashlib
import re
import zlib

import numpy as np
import sqlite_utils
from datasketch import MinHash

NUM_PERM = 64
BANDS = 16
ROWS = NUM_PERM // BANDS
SHINGLE = 5
THRESHOLD = 0.75
"""Estimated Jaccard similarity of shingle sets at or above which two texts are near-duplicates."""
SCHEME = "affine32"

_NOISE = re.compile(r"[\W_]+", re.UNICODE)
_PERMUTATIONS = MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Character `size`-grams of the text with spaces and punctuation removed."""
    compact = _NOISE.sub("", text)
    if len(compact) <= size:
        return {compact.encode()} if compact else set()
    return {compact[i : i + size].encode() for i in range(len(compact) - size + 1)}


def signature(text: str) -> np.ndarray:
    """The MinHash values of a text's shingles (CRC-32 of each shingle: fast and stable across processes)."""
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=_PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch(shingles(text))
    return minhash.hashvalues.astype(np.uint32)


def band_keys(values: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band (band number included, so equal rows in different bands differ)."""
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(bytes([band]) + chunk, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


class Clusterer:
    """Assigns cluster ids from the signatures stored in the database (call inside the document's transaction)."""

    def __init__(self, db: sqlite_utils.Database, threshold: float = THRESHOLD):
        self.db = db
        self.threshold = threshold

    def candidates(self, document_id: int, keys: list[int]) -> list[tuple[int, str, np.ndarray]]:
        """Other documents sharing a band key: (document id, cluster id, signature)."""
        marks = ", ".join("?" for _ in keys)
        rows = self.db.execute(
            "SELECT m.document_id, m.cluster_id, m.hashvalues FROM document_minhash m WHERE m.document_id IN"
            f" (SELECT document_id FROM document_minhash_bands WHERE band_key IN ({marks})) AND m.document_id != ?",
            [*keys, document_id],
        ).fetchall()
        return [(doc, cluster, np.frombuffer(blob, dtype=np.uint32)) for doc, cluster, blob in rows]

    def assign(self, document_id: int, values: np.ndarray) -> str:
        """Store the document's `signature` and return its cluster: its earliest near-duplicate's, else `c<id>`."""
        keys = band_keys(values)
        candidates = self.candidates(document_id, keys)
        scores = (np.stack([other for _, _, other in candidates]) == values).mean(axis=1) if candidates else []
        similar = [(doc, cluster) for (doc, cluster, _), score in zip(candidates, scores, strict=True)
                   if score >= self.threshold]
        cluster_id = min(similar)[1] if similar else f"c{document_id}"
        self.db.execute(
            "INSERT OR REPLACE INTO document_minhash (document_id, cluster_id, hashvalues) VALUES (?, ?, ?)",
            [document_id, cluster_id, values.tobytes()],
        )
        self.db.execute("DELETE FROM document_minhash_bands WHERE document_id = ?", [document_id])
        self.db.conn.executemany(
            "INSERT INTO document_minhash_bands (band_key, document_id) VALUES (?, ?)",
            [(key, document_id) for key in keys],
        )
        return cluster_id
