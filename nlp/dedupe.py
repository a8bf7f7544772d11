"""Near-duplicate clustering: reposts of one story share a cluster id, so analysts review it once.

MinHash (datasketch) over character shingles of the text with punctuation and spaces removed, queried
through an in-memory LSH index of the `window` most recent documents (memory stays flat however many
are processed). Signatures are stored in `document_minhash` and loaded back at the start of a run, so
new documents cluster with old ones.
"""

from __future__ import annotations

import re
import zlib
from collections import OrderedDict

import numpy as np
import sqlite_utils
from datasketch import MinHash, MinHashLSH

NUM_PERM = 64
SHINGLE = 5
THRESHOLD = 0.75
"""Estimated Jaccard similarity of shingle sets at or above which two texts are near-duplicates."""
CANDIDATE_THRESHOLD = 0.5
"""The LSH index is tuned lower than THRESHOLD so that few true pairs are missed; candidates are then checked."""
WINDOW = 5000
"""How many recent documents the in-memory index holds (about 5 KB each)."""
SCHEME = "affine32"

_NOISE = re.compile(r"[\W_]+", re.UNICODE)


def shingles(text: str, size: int = SHINGLE) -> set[bytes]:
    """Character `size`-grams of the text with spaces and punctuation removed."""
    compact = _NOISE.sub("", text)
    if len(compact) <= size:
        return {compact.encode()} if compact else set()
    return {compact[i : i + size].encode() for i in range(len(compact) - size + 1)}


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations


def signature(text: str) -> MinHash:
    """The MinHash of a text's shingles (CRC-32 of each shingle: fast and stable across processes)."""
    minhash = MinHash(num_perm=NUM_PERM, hashfunc=zlib.crc32, permutations=_PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch(shingles(text))
    return minhash


class Clusterer:
    """Assigns cluster ids: a document joins the cluster of its earliest near-duplicate, else starts its own."""

    def __init__(self, threshold: float = THRESHOLD, window: int = WINDOW):
        self.lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
        self.threshold = threshold
        self.window = window
        self.clusters: OrderedDict[int, str] = OrderedDict()
        self.signatures: dict[int, np.ndarray] = {}

    def load(self, db: sqlite_utils.Database) -> int:
        """Index the signatures of the `window` most recent documents analysed before; returns how many."""
        rows = db.execute(
            "SELECT document_id, cluster_id, hashvalues FROM document_minhash ORDER BY document_id DESC LIMIT ?",
            [self.window],
        ).fetchall()
        for document_id, cluster_id, blob in reversed(rows):
            values = np.frombuffer(blob, dtype=np.uint32)
            self._add(document_id, cluster_id, MinHash(hashvalues=values, permutations=_PERMUTATIONS, scheme=SCHEME))
        return len(rows)

    def _add(self, document_id: int, cluster_id: str, minhash: MinHash) -> None:
        """Index a signature; the oldest one leaves when the index holds more than `window`."""
        if document_id in self.clusters:
            self.lsh.remove(document_id)
            del self.clusters[document_id]
        self.lsh.insert(document_id, minhash)
        self.clusters[document_id] = cluster_id
        self.signatures[document_id] = minhash.hashvalues
        if len(self.clusters) > self.window:
            oldest, _ = self.clusters.popitem(last=False)
            self.lsh.remove(oldest)
            del self.signatures[oldest]

    def assign(self, document_id: int, text: str) -> tuple[str, MinHash]:
        """The cluster id of a document (its own `c<id>` when nothing similar is known) and its MinHash."""
        minhash = signature(text)
        others = [
            d for d in self.lsh.query(minhash)
            if d != document_id and float(np.mean(self.signatures[d] == minhash.hashvalues)) >= self.threshold
        ]
        cluster_id = self.clusters[min(others)] if others else f"c{document_id}"
        self._add(document_id, cluster_id, minhash)
        return cluster_id, minhash


def save_signature(db: sqlite_utils.Database, document_id: int, cluster_id: str, minhash: MinHash) -> None:
    """Store (or replace) a document's signature and cluster id."""
    db.execute(
        "INSERT OR REPLACE INTO document_minhash (document_id, cluster_id, hashvalues) VALUES (?, ?, ?)",
        [document_id, cluster_id, minhash.hashvalues.astype(np.uint32).tobytes()],
    )
