"""The vector store: the only module that touches FAISS.

A distributed backend will follow, so the rest of verify sees only the `VectorStore` protocol:
add / remove / search / get / save / load. Ids are claim ids (int64); vectors are L2-normalised
float32, so inner product is cosine similarity.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

# The protocol lives in verify.protocols; imported from here too.
from verify.protocols import VectorStore as VectorStore


class FaissFlatStore:
    """Exact inner-product search: `IndexIDMap2(IndexFlatIP)`.

    Exact search keeps linking deterministic, and PERF.md shows a flat scan of 1e5 claims answers a
    query batch in well under a second on this machine; approximate indexes are for the 1e6 scale.
    """

    kind = "faiss-flat-ip"

    def __init__(self, dim: int, index=None):
        import faiss

        self.dim = dim
        self._index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids) == 0:
            return
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected vectors of shape ({len(ids)}, {self.dim}), got {vectors.shape}")
        self._index.add_with_ids(vectors, np.ascontiguousarray(ids, dtype=np.int64))

    def remove(self, ids: np.ndarray) -> int:
        import faiss

        if len(ids) == 0:
            return 0
        selector = faiss.IDSelectorBatch(np.ascontiguousarray(ids, dtype=np.int64))
        return int(self._index.remove_ids(selector))

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if len(self) == 0 or len(queries) == 0:
            return (np.zeros((len(queries), k), np.float32), np.full((len(queries), k), -1, np.int64))
        return self._index.search(queries, min(k, len(self)))

    def get(self, ids: np.ndarray) -> np.ndarray:
        if len(ids) == 0:
            return np.zeros((0, self.dim), np.float32)
        return self._index.reconstruct_batch(np.ascontiguousarray(ids, dtype=np.int64))

    def ids(self) -> np.ndarray:
        import faiss

        return faiss.vector_to_array(self._index.id_map).astype(np.int64)

    def save(self, path: Path) -> None:
        import faiss

        _write_atomic(path, lambda tmp: faiss.write_index(self._index, str(tmp)))

    @classmethod
    def load(cls, path: Path, dim: int) -> FaissFlatStore:
        import faiss

        index = faiss.read_index(str(path))
        if index.d != dim:
            raise ValueError(f"{path}: vectors have dimension {index.d}, the index expects {dim}")
        return cls(dim, index)


def _write_atomic(path: Path, write) -> None:
    """Call `write(tmp_path)`, fsync the result, then rename it over `path`. Not `verify.atomic`'s: the
    temporary name is fixed (`<name>.tmp`), since `verify check` and the next add find a killed write's
    leftover by it."""
    tmp = path.with_name(path.name + ".tmp")
    write(tmp)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class FaissHNSWStore:
    """Approximate inner-product search: `IndexIDMap2(IndexHNSWFlat)`, for the 1e6-claim scale.

    PERF.md: at 1e6 clustered vectors HNSW32 answers kNN queries far faster than a flat scan at
    recall@10 ~0.92 (ef 64) to ~0.96 (ef 128); `bench/bench_candidates.py` measures both in one run.
    An HNSW graph cannot delete nodes, so `remove` only tombstones ids: they stay in the graph (still
    routing searches) but an `IDSelector` keeps them out of every result. Tombstones cost search
    quality and memory, so call `compacted()` (a rebuild from the live vectors) once they pile up.
    """

    kind = "faiss-hnsw-ip"
    M = 32  # graph degree; 32 is FAISS's usual choice for d ~ 384
    EF_CONSTRUCTION = 40
    TOMBSTONES_SUFFIX = ".tombstones.npy"

    def __init__(self, dim: int, index=None, *, ef_search: int = 64, tombstones: np.ndarray | None = None):
        import faiss

        self.dim = dim
        if index is None:
            hnsw = faiss.IndexHNSWFlat(dim, self.M, faiss.METRIC_INNER_PRODUCT)
            hnsw.hnsw.efConstruction = self.EF_CONSTRUCTION
            index = faiss.IndexIDMap2(hnsw)
        self._index = index
        graph = faiss.downcast_index(index.index)
        if not isinstance(graph, faiss.IndexHNSW):
            raise ValueError(f"expected an HNSW index inside the id map, got {type(graph).__name__}")
        self._hnsw = graph
        self.ef_search = ef_search
        self._tombstones = (np.unique(np.asarray(tombstones, dtype=np.int64)) if tombstones is not None
                            else np.zeros(0, np.int64))

    @property
    def ef_search(self) -> int:
        """Candidates kept while walking the graph: higher is slower and closer to exact."""
        return int(self._hnsw.hnsw.efSearch)

    @ef_search.setter
    def ef_search(self, value: int) -> None:
        if value < 1:
            raise ValueError(f"ef_search must be >= 1, got {value}")
        self._hnsw.hnsw.efSearch = int(value)

    @property
    def tombstones(self) -> np.ndarray:
        """Ids removed but still in the graph (sorted)."""
        return self._tombstones.copy()

    def __len__(self) -> int:
        return int(self._index.ntotal) - len(self._tombstones)

    def _all_ids(self) -> np.ndarray:
        import faiss

        return faiss.vector_to_array(self._index.id_map).astype(np.int64)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids) == 0:
            return
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if vectors.shape != (len(ids), self.dim):
            raise ValueError(f"expected vectors of shape ({len(ids)}, {self.dim}), got {vectors.shape}")
        # A removed id still names a node of the graph: adding it again would give two nodes one id.
        reused = ids[np.isin(ids, self._tombstones)]
        if len(reused):
            raise ValueError(f"ids {reused[:5].tolist()} were removed and are still in the HNSW graph; "
                             f"call compacted() before adding them again")
        self._index.add_with_ids(vectors, ids)

    def remove(self, ids: np.ndarray) -> int:
        if len(ids) == 0:
            return 0
        ids = np.unique(np.asarray(ids, dtype=np.int64))
        live = ids[np.isin(ids, self._all_ids()) & ~np.isin(ids, self._tombstones)]
        if len(live):
            self._tombstones = np.union1d(self._tombstones, live)
        return int(len(live))

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        import faiss

        queries = np.ascontiguousarray(queries, dtype=np.float32)
        if len(self) == 0 or len(queries) == 0:
            return (np.zeros((len(queries), k), np.float32), np.full((len(queries), k), -1, np.int64))
        # ef below k would cap the result list at ef neighbours.
        # faiss-cpu's type stub lacks SearchParametersHNSW, which the library has.
        params = faiss.SearchParametersHNSW(efSearch=max(self.ef_search, k))  # type: ignore[attr-defined]
        if len(self._tombstones):
            # IndexIDMap2 translates the selector to internal labels, so it is given claim ids.
            # Keep the Python objects alive while FAISS holds raw pointers to them.
            batch = faiss.IDSelectorBatch(self._tombstones)
            selector = faiss.IDSelectorNot(batch)
            params.sel = selector
        scores, ids = self._index.search(queries, k, params=params)
        return scores, ids

    def get(self, ids: np.ndarray) -> np.ndarray:
        if len(ids) == 0:
            return np.zeros((0, self.dim), np.float32)
        ids = np.ascontiguousarray(ids, dtype=np.int64)
        removed = ids[np.isin(ids, self._tombstones)]
        if len(removed):
            raise KeyError(f"ids {removed[:5].tolist()} were removed from the vector store")
        return self._index.reconstruct_batch(ids)

    def ids(self) -> np.ndarray:
        all_ids = self._all_ids()
        return all_ids[~np.isin(all_ids, self._tombstones)]

    def compacted(self) -> FaissHNSWStore:
        """A new store holding only the live vectors, its graph rebuilt without the tombstones."""
        fresh = FaissHNSWStore(self.dim, ef_search=self.ef_search)
        live = self.ids()
        if len(live):
            fresh.add(live, self._index.reconstruct_batch(live))
        return fresh

    def save(self, path: Path) -> None:
        import faiss

        # Tombstones first: a crash between the two writes then leaves the new tombstones beside the old
        # graph, which hides ids (`load` keeps only those in the graph) rather than reviving removed
        # claims. (After `compacted()` the new list is shorter; the index's generation files, each
        # saved under a new name, are what make that case safe.)
        def write_tombstones(tmp: Path) -> None:
            with open(tmp, "wb") as fh:
                np.save(fh, self._tombstones)

        _write_atomic(self.tombstones_path(path), write_tombstones)
        _write_atomic(path, lambda tmp: faiss.write_index(self._index, str(tmp)))

    @classmethod
    def tombstones_path(cls, path: Path) -> Path:
        """Where the tombstones of the index file `path` live."""
        return path.with_name(path.name + cls.TOMBSTONES_SUFFIX)

    @classmethod
    def load(cls, path: Path, dim: int, *, ef_search: int = 64) -> FaissHNSWStore:
        import faiss

        index = faiss.read_index(str(path))
        if index.d != dim:
            raise ValueError(f"{path}: vectors have dimension {index.d}, the index expects {dim}")
        if not isinstance(index, faiss.IndexIDMap2):
            raise ValueError(f"{path}: not an id-mapped HNSW index ({type(index).__name__})")
        tomb_file = cls.tombstones_path(path)
        tombstones = np.load(tomb_file) if tomb_file.exists() else np.zeros(0, np.int64)
        store = cls(dim, index, ef_search=ef_search)
        store._tombstones = np.intersect1d(tombstones.astype(np.int64), store._all_ids())
        return store
