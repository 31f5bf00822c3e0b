"""Candidate generation and linking of new claims against everything already indexed.

Candidates for each new claim come from the vector store (k nearest neighbours: sub-quadratic, one
batched search per add) plus claims sharing a rare entity with it (bounded per claim). Each candidate
pair is classified by `verify.match`; only related pairs are stored. Pairs are stored once (a < b),
so linking new-vs-all covers both directions.

The judge is most of the time of an add (tens of pairs a second), so `verify add` reads it ahead:
`read_ahead`, before the batch's transaction opens (on PostgreSQL the writer lock is held from the
batch's first read to its commit, and every other writer of a shared index waits for it), works out
the pairs the judge will be asked about from the store as the batch will leave it (`AfterBatch`),
reads them, and hands `link_claims` a `verify.judge.memo.JudgeMemo` that answers from those readings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Protocol

import numpy as np

from verify.protocols import ClaimStore, Judge
from verify.records import Claim, Link, Relation

if TYPE_CHECKING:
    from verify.judge.memo import JudgeMemo
    from verify.match.rules import Decision
    from verify.match.signals import JudgePolicy


@dataclass(frozen=True, slots=True)
class LinkConfig:
    k: int = 10  # nearest neighbours asked of the vector store per new claim
    min_similarity: float = 0.70  # below this, a kNN neighbour is not even classified
    entity_candidates: int = 20  # extra candidates per claim from shared entities
    min_entity_similarity: float = 0.55  # entity-overlap candidates still need some topical closeness


class VectorReader(Protocol):
    """What candidate search reads of a vector store: stored vectors by claim id."""

    def get(self, ids: np.ndarray) -> np.ndarray: ...


class CandidateSource(Protocol):
    """What candidate search reads of a store: any `ClaimStore`, or `AfterBatch` (a store as a batch
    will leave it, for `read_ahead`)."""

    @property
    def vectors(self) -> VectorReader: ...

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]: ...

    def claims_sharing_entities(self, canonicals: Sequence[str], *, limit: int = 50) -> list[int]: ...

    def claims(self, article_id: str | None = None, ids: Sequence[int] | None = None) -> list[Claim]: ...


def candidate_pairs(index: CandidateSource, claims: Sequence[Claim], vectors: np.ndarray,
                    config: LinkConfig = LinkConfig()) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Pairs (new claim id, other claim id) worth classifying, with their cosine similarity.

    Skips a claim paired with itself and pairs from one article with the same speaker (a reporter
    restating a source in the same piece is not corroboration).
    """
    if not claims:
        return [], np.zeros(0, np.float32)
    ids = np.array([c.stored_id() for c in claims], dtype=np.int64)
    scores, neighbours = index.search(vectors, config.k + 1)
    pairs: dict[tuple[int, int], float] = {}
    for row, claim_id in enumerate(ids.tolist()):
        # tolist(): plain ints, since numpy integers do not bind as SQLite parameters.
        for score, other in zip(scores[row].tolist(), neighbours[row].tolist()):
            if other < 0 or other == claim_id or score < config.min_similarity:
                continue
            pairs[(min(claim_id, other), max(claim_id, other))] = score
    if config.entity_candidates:
        by_id = {c.stored_id(): row for row, c in enumerate(claims)}
        for claim in claims:
            cid = claim.stored_id()
            names = sorted({e.canonical for e in claim.entities})
            others = [o for o in index.claims_sharing_entities(names, limit=config.entity_candidates)
                      if o != cid and (min(cid, o), max(cid, o)) not in pairs]
            if not others:
                continue
            sims = index.vectors.get(np.array(others, dtype=np.int64)) @ vectors[by_id[cid]]
            for other, sim in zip(others, sims):
                if sim >= config.min_entity_similarity:
                    pairs[(min(cid, other), max(cid, other))] = float(sim)
    keys = list(pairs)
    return keys, np.array([pairs[k] for k in keys], dtype=np.float32)


def judged_pairs(pairs: Sequence[tuple[Claim, Claim]], similarities: np.ndarray, new_ids: set[int],
                 policy: JudgePolicy) -> np.ndarray:
    """Which candidate pairs the judge reads (`JudgePolicy`): at or above `min_similarity`, each new
    claim's `per_claim` closest candidates (with `shared_word`, only those whose propositions share a
    content word or a name with it, or are in another language), plus up to `per_claim_disputed` more
    of the pairs in dispute: first those the rules see in conflict (a denial of what the other asserts,
    conflicting figures, opposite directions: evidence that counts only once the judge has said the two
    are about the same thing, `signals.combine`), then conflicting figures and opposite directions the
    rules alone do not trust (`PairEvidence.figure_disputed`, `directions_disputed`), then those where
    one claim negates a word the other states. The judge reads tens of pairs a second where the rules
    read thousands (docs/BENCHMARKS.md); far down a claim's list, pairs are seldom about the same thing,
    and without a negation of something the other says they seldom conflict. Of those, none under
    `overlap_similarity` whose claims (one language, the rules calling them unrelated) share less than
    `overlap_coverage` of their words: two matters of one story; its place is not handed to the next
    candidate. Pairs where one claim denies something the other may state
    (`verify.match.denial_reading`) pass those gates, and up to `per_claim_denied` of them are read
    besides."""
    from verify.match import claim_features, denial_reading, rule_decisions

    sims = np.asarray(similarities, dtype=np.float32)
    judged = np.zeros(len(pairs), dtype=bool)

    def owners(i: int) -> list[int | None]:
        a, b = pairs[i]
        return [c.id for c in (a, b) if c.id in new_ids] or [a.id]

    def take(i: int, counts: dict[int | None, int], cap: int) -> bool:
        mine = owners(i)
        if any(counts.get(x, 0) < cap for x in mine):
            judged[i] = True
            for x in mine:
                counts[x] = counts.get(x, 0) + 1
            return True
        return False

    def negates_the_other(i: int) -> bool:
        # A word one claim negates and the other states unnegated: two denials of one thing agree.
        fa, fb = claim_features(pairs[i][0]), claim_features(pairs[i][1])
        return bool(fa.negated & (fb.stems - fb.negated)) or bool(fb.negated & (fa.stems - fa.negated))

    order = [i for i in np.argsort(-sims, kind="stable").tolist() if sims[i] >= policy.min_similarity]
    # The rules' decisions on every pair the judge may read, in one call (`classify_many` makes them
    # again: the rules are cheap next to one reading of the judge).
    decisions = dict(zip(order, rule_decisions([pairs[i] for i in order], sims[order])[2])) if order else {}

    def shares_a_word(i: int) -> bool:
        # Two propositions with no content word and no name in common (who speaks left out) are about
        # different things.
        ev = decisions[i].evidence
        return bool(ev.shared_stems or ev.shared_names) or two_languages(pairs[i])

    def shares_too_little(i: int) -> bool:
        return too_little_shared(pairs[i], decisions[i], float(sims[i]), policy)

    def one_denies(i: int) -> bool:
        return denial_reading(*pairs[i]) is not None

    closest: dict[int | None, int] = {}
    further: list[int] = []
    for i in order:
        if not take(i, closest, policy.per_claim):
            further.append(i)
        elif ((policy.shared_word and not shares_a_word(i)) or shares_too_little(i)) and not one_denies(i):
            judged[i] = False  # the claim's closest shares (next to) nothing with it: not worth a reading
    # A denial and what it denies, read past the gates (`JudgePolicy.per_claim_denied`).
    denied: dict[int | None, int] = {}
    further = [i for i in further if not (one_denies(i) and take(i, denied, policy.per_claim_denied))]
    if not further or policy.per_claim_disputed <= 0:
        return judged
    # (Never the rules' repeats, which the judge does not read: `verify.match.judge_can_change`.)
    conflicts = [i for i in further if decisions[i].relation == Relation.CONTRADICTS]
    # conflicting figures and opposite directions the rules alone do not trust
    # (`PairEvidence.figure_disputed`, `directions_disputed`) come next
    def untrusted(i: int) -> bool:
        ev = decisions[i].evidence
        return ev.figure_disputed is not None or ev.directions_disputed is not None

    rest = [i for i in further if decisions[i].relation not in (Relation.CONTRADICTS, Relation.REPEATS)]
    worded_apart = [i for i in rest if untrusted(i)]
    negations = [i for i in rest if not untrusted(i) and negates_the_other(i)]
    disputed: dict[int | None, int] = {}
    for i in conflicts + worded_apart + negations:
        if take(i, disputed, policy.per_claim_disputed) and shares_too_little(i):
            judged[i] = False  # as for the closest: its place is not handed to the next one
    return judged


def two_languages(pair: tuple[Claim, Claim]) -> bool:
    """Claims in two languages share words only through the judge: no word count speaks for them."""
    a, b = pair
    return bool(a.language and b.language and a.language != b.language)


def too_little_shared(pair: tuple[Claim, Claim], decision: Decision, similarity: float, policy: JudgePolicy) -> bool:
    """`JudgePolicy.overlap_similarity` / `overlap_coverage`: under that cosine, claims of one language the
    rules call unrelated that share less than that part of their words are two matters of one story."""
    return (similarity < policy.overlap_similarity and decision.relation == Relation.UNRELATED
            and decision.evidence.coverage < policy.overlap_coverage and not two_languages(pair))


def pairs_to_classify(index: CandidateSource, claims: Sequence[Claim], vectors: np.ndarray,
                      config: LinkConfig = LinkConfig()) -> tuple[list[tuple[Claim, Claim]], np.ndarray]:
    """The candidate pairs of these claims as claims, with their similarities, in `candidate_pairs`'
    order, less those a pair of claims from one article and one speaker makes."""
    pairs, sims = candidate_pairs(index, claims, vectors, config)
    if not pairs:
        return [], np.zeros(0, np.float32)
    known = {c.stored_id(): c for c in claims}
    missing = sorted({i for pair in pairs for i in pair if i not in known})
    known.update({c.stored_id(): c for c in index.claims(ids=missing)})
    kept_pairs: list[tuple[Claim, Claim]] = []
    kept: list[float] = []
    for (a, b), sim in zip(pairs, sims):
        ca, cb = known.get(a), known.get(b)
        if ca is None or cb is None:
            continue
        if ca.article_id == cb.article_id and (ca.speaker or None) == (cb.speaker or None):
            continue
        kept_pairs.append((ca, cb))
        kept.append(sim)
    return kept_pairs, np.array(kept, dtype=np.float32)


def _judged(pairs: Sequence[tuple[Claim, Claim]], sims: np.ndarray, claims: Sequence[Claim]) -> np.ndarray:
    # The policy is read at call time, as benches that swap `signals.DEFAULT_POLICY` expect.
    from verify.match.signals import DEFAULT_POLICY

    return judged_pairs(pairs, sims, {c.stored_id() for c in claims}, DEFAULT_POLICY)


def link_claims(index: ClaimStore, claims: Sequence[Claim], vectors: np.ndarray, *, judge: Judge | None = None,
                config: LinkConfig = LinkConfig()) -> list[Link]:
    """Classify the candidate pairs of these (already stored) claims; returns the related ones.

    With a `judge` (verify.judge) the pairs `judged_pairs` picks are read by it too, and the links
    record its name in their version. `verify add` passes the `JudgeMemo` `read_ahead` made.
    """
    from verify import match

    kept_pairs, kept_sims = pairs_to_classify(index, claims, vectors, config)
    if not kept_pairs:
        return []
    judged = _judged(kept_pairs, kept_sims, claims) if judge is not None else None
    verdicts = match.classify_many(kept_pairs, kept_sims, judge=judge, judged=judged)
    version = match.MATCHER_VERSION + (f"+{judge.name}" if judge is not None else "")
    links = []
    for (ca, cb), sim, verdict in zip(kept_pairs, kept_sims, verdicts):
        if verdict.relation == Relation.UNRELATED:
            continue
        links.append(Link(a=ca.stored_id(), b=cb.stored_id(), relation=verdict.relation, score=float(verdict.score),
                          reason=verdict.reason, similarity=float(sim), version=version))
    return links


# ------------------------------------------------------------------------------------------ reading ahead

# Ids this batch's claims go by until the store hands out theirs: above any id a store gives, in batch
# order, as the real ones will be. Only their order counts: it orients each pair (the stored claim
# first, as `candidate_pairs` keys pairs by smaller id) and orders equal scores in FAISS's results.
AHEAD_IDS = 1 << 62
# `AfterBatch` counts each name's stored claims up to this many times the entity candidates asked for:
# exact order of names below that, a guess among names more common (docstring).
ENTITY_COUNTS = 8


def read_ahead(index: ClaimStore, claims: Sequence[Claim], vectors: np.ndarray, judge: Judge, *,
               replaced: Iterable[int] = (), renames: Sequence[tuple[str, str]] = (),
               config: LinkConfig = LinkConfig()) -> JudgeMemo | None:
    """The judge's readings of the pairs `link_claims` will most likely ask it about for `claims`, a
    batch not stored yet, taken without the writer lock; None when the store holds no claim yet.

    `claims` carry their articles' ids, `vectors` are theirs (row for row), `replaced` are the ids of
    the stored claims the batch removes (of the articles it replaces), and `renames` the entity renames
    it applies. The pairs are chosen by the code `link_claims` runs (`pairs_to_classify`, `judged_pairs`),
    on the store as the batch will leave it (`AfterBatch`), and read in the calls `verify.match.read_judge`
    will make inside the batch (the rules' decisions say which pairs it reads both ways): the judge's
    numbers for a pair depend on which pairs share its padded batch, so only those very lists give the
    very numbers. Another writer's commit in between can change the lists; `JudgeMemo` then answers what
    it holds and reads the rest.

    A store with no claim yet is not read ahead: there is nothing to read it against, and the first
    batch of a SQLite index searches no vectors at all (none are saved before it commits).
    """
    from verify.judge.memo import JudgeMemo

    # The generation first: a commit landing while we read then counts as another writer's (the
    # memo's conservative case), never the reverse.
    generation = index.generation
    index.refresh()
    if index.model is None or len(index.vectors) == 0:
        return None
    ahead = [replace(c, id=AHEAD_IDS + i) for i, c in enumerate(claims)]
    after = AfterBatch(index, ahead, vectors, replaced=replaced, renames=renames)
    pairs, sims = pairs_to_classify(after, ahead, vectors, config)
    memo = JudgeMemo(judge, generation=generation)
    if pairs:
        from verify.match import judge_requests, rule_decisions

        chosen = np.flatnonzero(_judged(pairs, sims, ahead))
        _, _, decisions = rule_decisions([pairs[i] for i in chosen], sims[chosen])
        read, conflict, figures = judge_requests(decisions)
        memo.read_ahead([pairs[chosen[i]] for i in read], conflict=conflict, figures=figures)
    return memo


class AfterBatch:
    """A store as a batch of new claims will leave it (stored, the articles it replaces removed, its
    entity renames applied), read without writing to it: what `candidate_pairs` reads, for `read_ahead`.

    The new claims carry ids above every stored one (`AHEAD_IDS`). Nearest neighbours are exact for a
    flat (exact) vector store: the store's own search continued through FAISS's result heap with the
    batch's vectors, as one search over the stored and the new vectors would run, equal scores in the
    same order (tests/test_prejudge.py checks both against the store after the batch). Shared-entity
    candidates come from the store one name at a time, the batch's claims after the stored ones, names
    ordered by how many claims will hold them. Where it can be wrong: an approximate (HNSW) vector store;
    equal scores next to a replaced claim; the order of names held by more than `ENTITY_COUNTS` x `limit`
    stored claims, or by a claim twice (two kinds); and a database that sorts equal counts other than by
    code point (a PostgreSQL collation). A miss costs time, never a number: see `JudgeMemo`.
    """

    def __init__(self, index: ClaimStore, claims: Sequence[Claim], vectors: np.ndarray, *,
                 replaced: Iterable[int] = (), renames: Sequence[tuple[str, str]] = ()):
        self._index = index
        self._new = {c.stored_id(): c for c in claims}
        self._rows = {c.stored_id(): row for row, c in enumerate(claims)}
        self._ids = np.array(list(self._new), dtype=np.int64)
        self._vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        self._replaced = frozenset(int(i) for i in replaced)
        self._renames = list(renames)
        # Each name's entity rows among the new claims, in the order the store will hold them.
        self._new_rows: dict[str, list[int]] = defaultdict(list)
        for claim in claims:
            for entity in claim.entities:
                self._new_rows[entity.canonical].append(claim.stored_id())
        self._stored_rows: dict[tuple[str, int], list[int]] = {}

    @property
    def vectors(self) -> AfterBatch:
        return self

    def get(self, ids: np.ndarray) -> np.ndarray:
        ids = np.asarray(ids, dtype=np.int64)
        new = ids >= AHEAD_IDS
        out = np.zeros((len(ids), self._vectors.shape[1]), np.float32)
        if (~new).any():
            out[~new] = self._index.vectors.get(ids[~new])
        if new.any():
            out[new] = self._vectors[[self._rows[int(i)] for i in ids[new]]]
        return out

    def search(self, vectors: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """FAISS's k best of the stored (less the replaced) and the new vectors for each query.

        A flat search keeps a heap per query and feeds it every vector in storage order, the new ones
        last; the stored claims' best k are the heap as the last stored vector leaves it, so feeding
        those to FAISS's own heap and then each new vector, in order, with the score FAISS gives it,
        ends as the one search would. The heap breaks ties by position, here by id: both stores add
        claims in id order, and the batch's ids follow the stored ones."""
        import faiss

        from verify.store.vectors import FaissFlatStore

        queries = np.ascontiguousarray(vectors, dtype=np.float32)
        stored = len(self._index.vectors)
        replaced = len(self._replaced)
        width = min(k, stored - replaced + len(self._ids))
        heap = faiss.ResultHeap(len(queries), width, keep_max=True)
        if stored:
            # Asked for `replaced` more, so that k remain once the replaced ones are dropped.
            scores, ids = self._index.search(queries, k + replaced)
            if replaced:
                gone = np.isin(ids, np.fromiter(self._replaced, np.int64))
                scores, ids = np.where(gone, -np.inf, scores).astype(np.float32), np.where(gone, -1, ids)
            heap.add_result(scores, ids)
        if len(self._ids):
            # The same number of queries as the one search makes, so FAISS computes the scores alike.
            new = FaissFlatStore(queries.shape[1])
            new.add(self._ids, self._vectors)
            scores, ids = new.search(queries, len(self._ids))
            order = np.argsort(ids, axis=1, kind="stable")  # storage order: the batch's
            heap.add_result(np.take_along_axis(scores, order, 1), np.take_along_axis(ids, order, 1))
        heap.finalize()
        return heap.D, heap.I

    def claims_sharing_entities(self, canonicals: Sequence[str], *, limit: int = 50) -> list[int]:
        """As the store will answer (`ClaimStore.claims_sharing_entities`): names by how many claims will
        hold them, rarest first (equal counts by name), each name's first `limit` claims by id (stored
        ones, then the batch's), until `limit` are found."""
        names = []
        for name in canonicals:
            stored, new = self._stored(name, limit), self._new_rows.get(name, [])
            if stored or new:
                names.append((len(stored) + len(new), name, (stored + new)[:limit]))
        out: list[int] = []
        for _count, _name, rows in sorted(names):
            for cid in rows:
                if cid not in out:
                    out.append(cid)
            if len(out) >= limit:
                break
        return out[:limit]

    def _stored(self, name: str, limit: int) -> list[int]:
        """The stored claims that will hold `name` (under it now, or under a name the batch renames to
        it), less the replaced ones, by id, up to `ENTITY_COUNTS` times `limit` of them: how many there are
        orders the names, not only which come first."""
        key = (name, limit)
        if key not in self._stored_rows:
            cap = ENTITY_COUNTS * limit + len(self._replaced)
            found = {cid for source in self._renamed_to(name)
                     for cid in self._index.claims_sharing_entities([source], limit=cap)}
            self._stored_rows[key] = sorted(found - self._replaced)
        return self._stored_rows[key]

    def _renamed_to(self, name: str) -> list[str]:
        """The stored names the batch's renames turn into `name`, `name` itself unless they turn it into another."""
        return [source for source in dict.fromkeys([name, *(old for old, _ in self._renames)])
                if self._rename(source) == name]

    def claims(self, article_id: str | None = None, ids: Sequence[int] | None = None) -> list[Claim]:
        """The stored claims of `ids` (new ones are known to the caller), entities renamed as the batch will."""
        if ids is None or article_id is not None:
            raise NotImplementedError("AfterBatch reads claims by id only: candidate search needs no more")
        stored = self._index.claims(ids=[i for i in ids if i not in self._new and i not in self._replaced])
        by_id = {c.stored_id(): self._renamed(c) for c in stored}
        by_id.update({i: self._new[i] for i in ids if i in self._new})
        return [by_id[i] for i in ids if i in by_id]

    def _renamed(self, claim: Claim) -> Claim:
        if not self._renames or not claim.entities:
            return claim
        return replace(claim, entities=tuple(replace(e, canonical=self._rename(e.canonical)) for e in claim.entities))

    def _rename(self, canonical: str) -> str:
        for old, new in self._renames:  # in order, as `rename_entities` runs its updates
            if canonical == old:
                canonical = new
        return canonical
