"""The process's FAISS mirror of the database's claim vectors.

Loaded once (a streaming read of `claims.vector`), then kept up to date incrementally: claims with
an id above the highest one seen are added, and removals come from the `claim_deletions` log (ids
above the last log entry applied). Both cursors only move forward, and claim ids are handed out
under the writer lock, so a claim committed later never has a lower id than one already seen.

Exact search (`FaissFlatStore`) up to `APPROXIMATE_FROM` claims, HNSW (`FaissHNSWStore`) beyond:
a flat scan of 1e6 x 384 floats costs ~1.5 GB and a full pass per query batch.
"""

from __future__ import annotations

import numpy as np

from verify.store.vectors import FaissFlatStore, FaissHNSWStore

APPROXIMATE_FROM = 1_000_000  # claims: from here on the mirror is an HNSW graph
COMPACT_TOMBSTONES = 0.1  # an HNSW mirror is rebuilt once removed ids reach this share of it
_FETCH = 20_000  # rows per round trip when streaming vectors


def to_bytes(vector: np.ndarray) -> bytes:
    return np.ascontiguousarray(vector, dtype="<f4").tobytes()


class VectorMirror:
    """A FAISS store plus the two cursors that say how far into the database it has read."""

    def __init__(self, dim: int, expected: int):
        self.dim = dim
        store_cls = FaissHNSWStore if expected >= APPROXIMATE_FROM else FaissFlatStore
        self.store = store_cls(dim)
        self.last_claim = 0  # highest claim id read
        self.last_deletion = 0  # highest claim_deletions id applied

    # --------------------------------------------------------------- reading the database
    @classmethod
    def load(cls, conn, dim: int) -> VectorMirror:
        """Every vector the connection sees now (call inside one snapshot, or under the writer lock)."""
        last_deletion = conn.execute("SELECT coalesce(max(id), 0) FROM claim_deletions").fetchone()[0]
        count = conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        mirror = cls(dim, count)
        mirror.last_deletion = int(last_deletion)
        mirror._read_new(conn)
        return mirror

    def catch_up(self, conn) -> tuple[int, int]:
        """Apply what was committed since: (vectors added, vectors removed)."""
        log = conn.execute("SELECT id, claim_id FROM claim_deletions WHERE id > %s ORDER BY id",
                           (self.last_deletion,)).fetchall()
        if log:
            self.last_deletion = int(log[-1][0])
        removed = self.remove(np.array([r[1] for r in log], dtype=np.int64))
        added = self._read_new(conn)
        self._maybe_compact()
        return added, removed

    def _read_new(self, conn) -> int:
        """Add claims above `last_claim`, streamed in chunks (a server-side cursor within a transaction)."""
        added = 0
        cur = conn.cursor(name="verify_vectors") if conn.info.transaction_status else conn.cursor()
        with cur:
            cur.itersize = _FETCH
            cur.execute("SELECT id, vector FROM claims WHERE id > %s ORDER BY id", (self.last_claim,))
            while rows := cur.fetchmany(_FETCH):
                ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
                self._check_sizes(rows)
                vectors = np.frombuffer(b"".join(r[1] for r in rows), dtype="<f4").reshape(len(rows), self.dim)
                self.store.add(ids, vectors)
                self.last_claim = int(ids[-1])
                added += len(rows)
        return added

    def _check_sizes(self, rows) -> None:
        want = self.dim * 4
        bad = [r[0] for r in rows if len(r[1]) != want]
        if bad:
            from verify.errors import IndexError_

            raise IndexError_(f"claims {bad[:5]} hold vectors of another size than the model's {self.dim} "
                              "dimensions; the database is damaged: rebuild the store")

    # --------------------------------------------------------------- this process's own writes
    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        self.store.add(ids, vectors)
        if len(ids):
            self.last_claim = max(self.last_claim, int(np.max(ids)))

    def remove(self, ids: np.ndarray) -> int:
        return self.store.remove(ids) if len(ids) else 0

    def _maybe_compact(self) -> None:
        if isinstance(self.store, FaissHNSWStore) and \
                len(self.store.tombstones) > COMPACT_TOMBSTONES * max(len(self.store), 1):
            self.store = self.store.compacted()
