"""Vector stores: exact (flat) and approximate (HNSW) behind one protocol, on small random data."""

from __future__ import annotations

import numpy as np
import pytest

from verify.store.vectors import FaissFlatStore, FaissHNSWStore

DIM = 32
STORES = [FaissFlatStore, FaissHNSWStore]


def clustered(n: int, *, seed: int = 0, stories: int = 40) -> np.ndarray:
    """Unit vectors around a few centres, like claim embeddings (HNSW recall collapses on uniform noise)."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((stories, DIM)).astype(np.float32)
    vectors = centres[rng.integers(0, stories, n)] + 0.6 * rng.standard_normal((n, DIM)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.fixture(params=STORES, ids=lambda cls: cls.kind)
def store_cls(request):
    return request.param


def test_add_search_get_ids(store_cls):
    vectors = clustered(200)
    ids = np.arange(1000, 1200, dtype=np.int64)
    store = store_cls(DIM)
    store.add(ids, vectors)
    assert len(store) == 200
    assert sorted(store.ids().tolist()) == ids.tolist()
    np.testing.assert_allclose(store.get(ids[[3, 150]]), vectors[[3, 150]], atol=1e-6)
    scores, found = store.search(vectors[:20], 5)
    assert found.shape == (20, 5) and scores.shape == (20, 5)
    # each vector's nearest neighbour is itself, under its claim id, at cosine 1
    assert found[:, 0].tolist() == ids[:20].tolist()
    np.testing.assert_allclose(scores[:, 0], 1.0, atol=1e-5)
    assert np.all(np.diff(scores, axis=1) <= 1e-6)  # best first


def test_wrong_shape_is_refused(store_cls):
    store = store_cls(DIM)
    with pytest.raises(ValueError, match="shape"):
        store.add(np.arange(3), np.zeros((3, DIM + 1), np.float32))


def test_empty_store_searches_to_nothing(store_cls):
    scores, found = store_cls(DIM).search(clustered(2), 4)
    assert found.shape == (2, 4) and np.all(found == -1)


def test_removed_ids_are_never_returned(store_cls):
    vectors = clustered(300, seed=1)
    ids = np.arange(1, 301, dtype=np.int64)
    store = store_cls(DIM)
    store.add(ids, vectors)
    removed = ids[::3]
    assert store.remove(removed) == len(removed)
    assert store.remove(removed[:5]) == 0  # already gone
    assert store.remove(np.array([99999])) == 0  # never there
    assert len(store) == 300 - len(removed)
    assert not set(store.ids().tolist()) & set(removed.tolist())
    # query with the removed vectors themselves: their own ids must not come back
    _, found = store.search(vectors, 20)
    assert not set(found.ravel().tolist()) & set(removed.tolist())
    kept = ~np.isin(ids, removed)
    _, found = store.search(vectors[kept][:30], 1)
    assert found[:, 0].tolist() == ids[kept][:30].tolist()
    with pytest.raises((KeyError, RuntimeError)):
        store.get(removed[:1])


def test_save_load_round_trip(store_cls, tmp_path):
    vectors = clustered(150, seed=2)
    ids = np.arange(10, 160, dtype=np.int64)
    store = store_cls(DIM)
    store.add(ids, vectors)
    store.remove(ids[:7])
    path = tmp_path / "vectors.faiss"
    store.save(path)
    assert not list(tmp_path.glob("*.tmp"))
    loaded = store_cls.load(path, DIM)
    assert len(loaded) == len(store) == 143
    assert sorted(loaded.ids().tolist()) == ids[7:].tolist()
    np.testing.assert_array_equal(loaded.search(vectors, 10)[1], store.search(vectors, 10)[1])
    np.testing.assert_allclose(loaded.get(ids[7:12]), vectors[7:12], atol=1e-6)
    _, found = loaded.search(vectors[:7], 10)
    assert not set(found.ravel().tolist()) & set(ids[:7].tolist())
    with pytest.raises(ValueError, match="dimension"):
        store_cls.load(path, DIM * 2)


def test_hnsw_tombstones_are_saved_before_the_graph(tmp_path, monkeypatch):
    import faiss

    store = FaissHNSWStore(DIM)
    store.add(np.arange(50), clustered(50))
    store.remove(np.array([4, 5]))
    path = tmp_path / "v.faiss"
    written = []
    real_write = faiss.write_index
    real_save = np.save
    monkeypatch.setattr(faiss, "write_index", lambda ix, p: (written.append("graph"), real_write(ix, p)))
    monkeypatch.setattr(np, "save", lambda fh, a: (written.append("tombstones"), real_save(fh, a)))
    store.save(path)
    assert written == ["tombstones", "graph"]
    assert FaissHNSWStore.tombstones_path(path).exists()
    assert FaissHNSWStore.load(path, DIM).tombstones.tolist() == [4, 5]


def test_hnsw_refuses_a_removed_id_until_compacted():
    vectors = clustered(60, seed=3)
    store = FaissHNSWStore(DIM)
    store.add(np.arange(60), vectors)
    store.remove(np.array([7]))
    with pytest.raises(ValueError, match="compacted"):
        store.add(np.array([7]), vectors[:1])
    fresh = store.compacted()
    assert len(fresh) == 59 and len(fresh.tombstones) == 0
    assert 7 not in fresh.ids().tolist()
    fresh.add(np.array([7]), vectors[7:8])
    assert fresh.search(vectors[7:8], 1)[1][0, 0] == 7


def test_hnsw_ef_search_is_settable():
    store = FaissHNSWStore(DIM, ef_search=16)
    assert store.ef_search == 16
    store.ef_search = 128
    assert store.ef_search == 128
    with pytest.raises(ValueError):
        store.ef_search = 0


def test_hnsw_loads_refuse_a_flat_file(tmp_path):
    flat = FaissFlatStore(DIM)
    flat.add(np.arange(5), clustered(5))
    flat.save(tmp_path / "flat.faiss")
    with pytest.raises(ValueError, match="HNSW"):
        FaissHNSWStore.load(tmp_path / "flat.faiss", DIM)


def test_hnsw_recall_at_10_against_exact():
    vectors = clustered(2000, seed=4)
    ids = np.arange(1, 2001, dtype=np.int64)
    flat, hnsw = FaissFlatStore(DIM), FaissHNSWStore(DIM)
    flat.add(ids, vectors)
    hnsw.add(ids, vectors)
    queries = vectors[::10]
    _, exact = flat.search(queries, 10)
    _, approx = hnsw.search(queries, 10)
    recall = np.mean([len(set(e) & set(a)) / 10 for e, a in zip(exact.tolist(), approx.tolist())])
    assert recall >= 0.9, recall
