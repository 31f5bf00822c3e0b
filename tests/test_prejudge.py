"""Reading the judge ahead of a batch's transaction (`verify.link.read_ahead`, `verify.judge.memo`).

`verify add` reads the pairs linking will most likely ask the judge about before the batch takes the
store's writer lock, and the linker inside answers from those readings. A single writer must get the
very links it got when the judge ran inside: same pairs, relations, scores and reasons. The fake
tests run the seeds plus wire copies of them (the same text under another headline, and an edit that
denies three statements and moves two figures), so that many pairs are close, many tie exactly
(identical sentences), some deny each other, the extractor renames entities between batches, and a
second add replaces articles.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import re
from pathlib import Path

import numpy as np
import pytest
from conftest import SEEDS, add_sentences

import verify.link as link_module
from verify.embed import FakeEncoder
from verify.judge.memo import JudgeMemo
from verify.link import AHEAD_IDS, AfterBatch
from verify.match.text import features
from verify.pipeline import add_sources, make_extractor
from verify.store import ClaimIndex
from verify.store.vectors import FaissFlatStore


class FakeJudge:
    """The `Judge` protocol, deterministic from the two texts; records every call and whether a batch's
    transaction was open (`inside`, set by `_watch_batches`) when it came."""

    name = "fake-nli"

    def __init__(self):
        self.calls: list[tuple[int | None, list[tuple[str, str]]]] = []  # (batch number if inside, pairs)
        self.batch: int | None = None

    def probabilities(self, premises, hypotheses):
        self.calls.append((self.batch, list(zip(premises, hypotheses))))
        out = np.zeros((len(premises), 3), np.float32)
        for i, pair in enumerate(zip(premises, hypotheses)):
            digest = hashlib.sha256("\0".join(pair).encode()).digest()
            x = np.frombuffer(digest[:12], dtype=np.uint32).astype(np.float64) / 2 ** 32
            out[i] = x ** 3 / (x ** 3).sum()  # now and then one label near 1: contradictions, supports
        return out

    def inside(self) -> list[tuple[int | None, list[tuple[str, str]]]]:
        return [(batch, pairs) for batch, pairs in self.calls if batch is not None]


def _watch_batches(index, judge: FakeJudge) -> None:
    """Number the index's batches and tell the judge which one is open while it is."""
    opened = index.batch
    count = [0]

    @contextlib.contextmanager
    def batch():
        with opened() as inner:
            count[0] += 1
            judge.batch = count[0]
            try:
                yield inner
            finally:
                judge.batch = None

    index.batch = batch


def _wire_copies(folder: Path) -> Path:
    """The seeds, each also under another headline and as an edit denying three statements."""
    folder.mkdir()
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text()
        (folder / seed.name).write_text(text)
        (folder / f"w1_{seed.name}").write_text("Agencias\n\n" + text.split("\n", 1)[1])
        edited = re.sub(r"\bha\b", "no ha", text, count=3)
        (folder / f"w2_{seed.name}").write_text(re.sub(r"\b(\d+)\b", lambda m: str(int(m.group(1)) + 1), edited,
                                                       count=2))
    return folder


def _revise(folder: Path) -> None:
    """Change three of the edits, so that adding the folder again replaces them."""
    for file in sorted(folder.glob("w2_*"))[:3]:
        file.write_text(file.read_text() + "\n\nEl Kremlin no ha confirmado la reunión con Haftar.")


def _links(index) -> list[tuple]:
    return sorted((l.a, l.b, str(l.relation), l.score, l.reason, l.similarity, l.version) for l in index.links())


def _no_reading_ahead(monkeypatch) -> None:
    """The code path from before reading ahead: the judge reads every pair inside the batch."""
    monkeypatch.setattr(link_module, "read_ahead", lambda *args, **kwargs: None)


def _add_twice(index, folder: Path, judge: FakeJudge, batch_size: int = 2) -> None:
    encoder = FakeEncoder(dim=256)
    add_sources(index, [str(folder)], encoder=encoder, extractor=make_extractor(index), judge=judge,
                batch_size=batch_size)
    _revise(folder)
    summary = add_sources(index, [str(folder)], encoder=encoder, extractor=make_extractor(index), judge=judge,
                          batch_size=batch_size)
    assert summary.replaced == 3


def _run(tmp_path: Path, name: str, open_index=None) -> tuple[list[tuple], FakeJudge]:
    folder = _wire_copies(tmp_path / f"{name}-articles")
    judge = FakeJudge()
    opener = open_index or (lambda: ClaimIndex.open(tmp_path / name, create=True))
    with opener() as index:
        _watch_batches(index, judge)
        _add_twice(index, folder, judge)
        return _links(index), judge


# ---------------------------------------------------------------------------------- one writer


def test_one_writer_gets_the_same_links_and_the_judge_reads_nothing_inside_the_batch(tmp_path, monkeypatch):
    ahead, judge = _run(tmp_path, "ahead")
    with monkeypatch.context() as m:
        _no_reading_ahead(m)
        inside, judge_inside = _run(tmp_path, "inside")
    assert len(ahead) > 100 and {l[2] for l in ahead} >= {"repeats", "contradicts"}
    assert ahead == inside  # pairs, relation, score, reason, similarity, version: all of them equal
    # The very calls, in the same order and with the same lists, only earlier.
    assert [pairs for _, pairs in judge.calls] == [pairs for _, pairs in judge_inside.calls]
    # Inside a batch the judge read only in the first one: an empty store is not read ahead.
    assert {batch for batch, _ in judge.inside()} <= {1}
    # Most candidates here are wire copies, which the rules call repeats and the judge never reads
    # (verify.match.judge_can_change): it read over 300 pairs before that, 46 after.
    assert sum(len(pairs) for _, pairs in judge.calls) > 40


def test_with_one_writer_the_memo_answers_the_whole_list_it_read(tmp_path, monkeypatch):
    memos: list[JudgeMemo] = []
    read_ahead = link_module.read_ahead

    def keep(*args, **kwargs):
        memo = read_ahead(*args, **kwargs)
        if memo is not None:
            memos.append(memo)
        return memo

    monkeypatch.setattr(link_module, "read_ahead", keep)
    _run(tmp_path, "ahead")
    assert len(memos) == 9 and sum(m.read_before for m in memos) > 40  # every batch but the first
    assert all(not m.others_wrote and m.read_inside == 0 and m.asked == m.read_before for m in memos)


def test_a_forecast_missed_costs_a_judge_call_inside_never_a_number(tmp_path, monkeypatch):
    """With nobody else writing, a list the memo did not read (here: the forecast misses each claim's
    nearest neighbour but itself) is read whole by the judge inside, as without reading ahead."""
    with monkeypatch.context() as m:
        _no_reading_ahead(m)
        inside, judge_inside = _run(tmp_path, "inside")
    search = AfterBatch.search

    def short_sighted(self, vectors, k):
        return tuple(np.delete(found, 1, axis=1) for found in search(self, vectors, k))

    monkeypatch.setattr(AfterBatch, "search", short_sighted)
    missed, judge = _run(tmp_path, "missed")
    assert missed == inside

    def by_batch(judge):  # batch -> its calls' lists, in order (`read_judge` makes one or two)
        calls = {}
        for batch, pairs in judge.inside():
            calls.setdefault(batch, []).append(pairs)
        return calls

    assert len(judge.inside()) > 3
    missed_calls, inside_calls = by_batch(judge), by_batch(judge_inside)
    assert all(calls == inside_calls[batch] for batch, calls in missed_calls.items())


def test_the_store_after_the_batch_is_the_one_read_ahead_foresaw(tmp_path, monkeypatch):
    """`AfterBatch`, asked before the batch, answers the candidate search as the store does once the batch
    is in: the same nearest neighbours (scores, and order among equal scores), the same shared-entity
    candidates, the same claims, on batches with entity renames and replaced articles."""
    foreseen: list[dict | None] = []
    read_ahead, link_claims = link_module.read_ahead, link_module.link_claims
    k = link_module.LinkConfig().k + 1
    checked = {"batches": 0, "renames": 0, "replaced": 0}

    def foresee(index, claims, vectors, judge, *, replaced=(), renames=(), **kwargs):
        replaced = list(replaced)
        memo = read_ahead(index, claims, vectors, judge, replaced=replaced, renames=renames, **kwargs)
        if memo is None:  # an empty store: nothing read ahead
            foreseen.append(None)
            return memo
        checked["renames"] += bool(renames)
        checked["replaced"] += bool(replaced)
        ahead = [dataclasses.replace(c, id=AHEAD_IDS + i) for i, c in enumerate(claims)]
        after = AfterBatch(index, ahead, vectors, replaced=replaced, renames=renames)
        search = after.search(vectors, k)
        sharing = [after.claims_sharing_entities(sorted({e.canonical for e in c.entities}), limit=20) for c in ahead]
        stored = sorted({int(i) for i in search[1].ravel().tolist() + sum(sharing, []) if 0 <= i < AHEAD_IDS})
        foreseen.append({"search": search, "sharing": sharing, "stored": stored, "claims": after.claims(ids=stored)})
        return memo

    def compare(index, claims, vectors, **kwargs):
        after = foreseen.pop()
        if after is not None:
            real = {AHEAD_IDS + i: c.stored_id() for i, c in enumerate(claims)}

            def as_stored(ids):
                return [[real.get(int(i), int(i)) for i in row] for row in ids]

            scores, ids = index.search(vectors, k)
            assert np.array_equal(after["search"][0], scores) and as_stored(after["search"][1]) == as_stored(ids)
            assert as_stored(after["sharing"]) == [
                index.claims_sharing_entities(sorted({e.canonical for e in c.entities}), limit=20) for c in claims]
            assert after["claims"] == index.claims(ids=after["stored"])
            checked["batches"] += 1
        return link_claims(index, claims, vectors, **kwargs)

    monkeypatch.setattr(link_module, "read_ahead", foresee)
    monkeypatch.setattr(link_module, "link_claims", compare)
    _run(tmp_path, "ahead")
    assert checked["batches"] == 9 and checked["renames"] and checked["replaced"]


def test_after_batch_search_orders_equal_scores_as_faiss_does():
    """Many identical vectors (ties at every rank), stored and new, query batches under and over FAISS's
    BLAS threshold (20): the continued heap gives what one search over everything gives."""
    rng = np.random.default_rng(7)
    for stored_n, new_n in [(0, 5), (3, 30), (40, 7), (300, 19), (1100, 20), (2500, 45)]:
        pool = rng.standard_normal((max(4, (stored_n + new_n) // 3), 32)).astype(np.float32)
        pool /= np.linalg.norm(pool, axis=1, keepdims=True)
        stored_vectors = pool[rng.integers(0, len(pool), stored_n)]
        new_vectors = pool[rng.integers(0, len(pool), new_n)]
        stored = _VectorsOnly(FaissFlatStore(32))
        stored.vectors.add(np.arange(1, stored_n + 1, dtype=np.int64), stored_vectors)
        after = AfterBatch(stored, [_claim(AHEAD_IDS + i) for i in range(new_n)], new_vectors)
        union = FaissFlatStore(32)
        union.add(np.arange(1, stored_n + 1, dtype=np.int64), stored_vectors)
        union.add(AHEAD_IDS + np.arange(new_n, dtype=np.int64), new_vectors)
        for k in (1, 11, 60):
            got, want = after.search(new_vectors, k), union.search(new_vectors, k)
            assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1]), (stored_n, new_n, k)


class _VectorsOnly:
    """As much of a store as `AfterBatch.search` reads."""

    def __init__(self, vectors: FaissFlatStore):
        self.vectors = vectors

    def search(self, queries, k):
        return self.vectors.search(queries, k)


def _claim(claim_id: int):
    from conftest import make_claim

    return dataclasses.replace(make_claim("a", f"claim {claim_id}"), id=claim_id)


# ---------------------------------------------------------------------------------- another writer


def _second_writer_after(batch_number: int, path: Path, monkeypatch) -> list[str]:
    """After the read ahead of add batch `batch_number` (read ahead or not), another writer (its own
    handle on the index) stores an article denying three of that batch's claims (a restatement would
    be a repeat, which the judge does not read). Returns its sentences."""
    from verify.pipeline import _read_ahead

    written: list[str] = []
    seen = [0]

    def read_then_write(index, batch, vectors, judge):
        memo = _read_ahead(index, batch, vectors, judge)
        seen[0] += 1
        if seen[0] == batch_number:
            texts = [c.text for claims in batch.claims for c in claims][:3]
            written.extend(f"El portavoz negó que {t[0].lower()}{t[1:]}" for t in texts)
            with ClaimIndex.open(path, writable=True) as other:
                add_sentences(other, FakeEncoder(dim=256), "other-writer", written)
        return memo

    import verify.pipeline as pipeline

    monkeypatch.setattr(pipeline, "_read_ahead", read_then_write)
    return written


def test_claims_another_writer_stored_meanwhile_are_all_the_judge_reads_inside(tmp_path, monkeypatch):
    folder = _wire_copies(tmp_path / "articles")
    memos: list[JudgeMemo] = []
    read_ahead = link_module.read_ahead

    def keep(*args, **kwargs):
        memo = read_ahead(*args, **kwargs)
        memos.append(memo)
        return memo

    with monkeypatch.context() as m:
        written = _second_writer_after(2, tmp_path / "ahead", m)
        m.setattr(link_module, "read_ahead", keep)
        judge = FakeJudge()
        with ClaimIndex.open(tmp_path / "ahead", create=True) as index:
            _watch_batches(index, judge)
            _add_twice(index, folder, judge)
            ahead = _links(index)
    with monkeypatch.context() as m:
        _second_writer_after(2, tmp_path / "inside", m)
        _no_reading_ahead(m)
        with ClaimIndex.open(tmp_path / "inside", create=True) as index:
            _add_twice(index, _wire_copies(tmp_path / "articles-inside"), FakeJudge())
            assert _links(index) == ahead  # the same links as when everything was judged inside

    # The second add batch read inside exactly the pairs with the other writer's claims, which the memo
    # could not hold; no other batch read any (the first is not read ahead: the store was empty).
    memo = memos[1]
    assert memo is not None and memo.others_wrote and memo.read_inside > 0
    inside = judge.inside()
    assert {batch for batch, _ in inside} <= {1, 2}
    read = [pair for batch, pairs in inside if batch == 2 for pair in pairs]  # one or two calls
    assert len(read) == memo.read_inside
    assert all(pair not in memo for pair in read)  # nothing it held was read again
    # Only pairs with the other writer's claims: their texts, or for a denial (`verify.match.denial_reading`)
    # a written claim's statement against what another denies, or another's statement against its denial.
    denied = {features(text).denied_statement for text in written} - {""}
    assert all(p in written or h in written or any(p in text for text in written) or h in denied for p, h in read)
    assert {p for p, _ in read} | {h for _, h in read} >= set(written[:1])


# ---------------------------------------------------------------------------------- the memo itself


def test_the_memo_answers_its_list_reads_all_of_another_when_alone_and_only_the_rest_otherwise():
    judge = FakeJudge()
    memo = JudgeMemo(judge, generation=3)
    a, b, c = _claim(1), dataclasses.replace(_claim(2), text="otra"), dataclasses.replace(_claim(3), text="más")
    memo.read_ahead([(a, b)], conflict=[True])  # the rules see a conflict: both ways, longer claim first
    assert [pairs for _, pairs in judge.calls] == [[(a.text, b.text)], [(b.text, a.text)]]
    assert memo.name == judge.name
    memo.settle(3)
    assert not memo.others_wrote
    for premises, hypotheses in (([a.text], [b.text]), ([b.text], [a.text])):
        assert np.array_equal(memo.probabilities(premises, hypotheses), judge.probabilities(premises, hypotheses))
    calls = len(judge.calls)
    memo.probabilities([a.text], [b.text])
    memo.probabilities([b.text], [a.text])
    assert len(judge.calls) == calls  # the lists it read: answered from memory
    # Alone, another list can only be a forecast missed: the judge reads all of it, for its own numbers.
    memo.probabilities([a.text, a.text], [b.text, c.text])
    assert judge.calls[-1][1] == [(a.text, b.text), (a.text, c.text)]
    memo.settle(4)  # another writer committed
    out = memo.probabilities([a.text, a.text, b.text], [b.text, c.text, a.text])
    assert judge.calls[-1][1] == [(a.text, c.text)]
    assert np.array_equal(out, judge.probabilities([a.text, a.text, b.text], [b.text, c.text, a.text]))


# ---------------------------------------------------------------------------------- the shared store


def test_on_postgresql_one_writer_gets_the_same_links_and_reads_nothing_inside(tmp_path, monkeypatch, cluster):
    from verify.store.postgres import open_store

    ahead_url, inside_url = cluster.url(cluster.new_database()), cluster.url(cluster.new_database())
    ahead, judge = _run(tmp_path, "ahead", lambda: open_store(ahead_url, writable=True, create=True))
    with monkeypatch.context() as m:
        _no_reading_ahead(m)
        inside, _ = _run(tmp_path, "inside", lambda: open_store(inside_url, writable=True, create=True))
    assert len(ahead) > 100 and ahead == inside
    assert {batch for batch, _ in judge.inside()} <= {1}


# ---------------------------------------------------------------------------------- the real judge


@pytest.mark.e2e
def test_with_the_shipped_judge_the_seeds_get_the_same_links_read_ahead(tmp_path, monkeypatch):
    """The real encoder and judge, whose numbers depend on which pairs share a padded batch: reading
    ahead must read the very list the linker would have read inside, or the scores would move."""
    from verify.embed import load_encoder
    from verify.judge import load_judge

    encoder, judge = load_encoder(), load_judge()
    assert judge is not None

    class Counting:
        name = judge.name

        def __init__(self):
            self.inside: list[int] = []
            self.batch: int | None = None

        def probabilities(self, premises, hypotheses):
            if self.batch is not None:
                self.inside.append(self.batch)
            return judge.probabilities(premises, hypotheses)

    def add(path: Path) -> tuple[list[tuple], Counting]:
        counting = Counting()
        with ClaimIndex.open(path, create=True) as index:
            _watch_batches(index, counting)
            add_sources(index, [str(SEEDS)], encoder=encoder, extractor=make_extractor(index), judge=counting,
                        batch_size=2)
            return _links(index), counting

    ahead, counting = add(tmp_path / "ahead")
    with monkeypatch.context() as m:
        _no_reading_ahead(m)
        inside, _ = add(tmp_path / "inside")
    assert ahead and any("judge: " in l[4] for l in ahead)
    assert ahead == inside  # scores and similarities compared as the numbers they are, not approximately
    assert set(counting.inside) <= {1}
