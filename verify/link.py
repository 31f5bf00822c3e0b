"""Candidate generation and linking of new claims against everything already indexed.

Candidates for each new claim come from the vector store (k nearest neighbours: sub-quadratic, one
batched search per add) plus claims sharing a rare entity with it (bounded per claim). Each candidate
pair is classified by `verify.match`; only related pairs are stored. Pairs are stored once (a < b),
so linking new-vs-all covers both directions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from verify.protocols import ClaimStore, Judge
from verify.records import Claim, Link, Relation

if TYPE_CHECKING:
    from verify.match.signals import JudgePolicy


@dataclass(frozen=True, slots=True)
class LinkConfig:
    k: int = 10  # nearest neighbours asked of the vector store per new claim
    min_similarity: float = 0.70  # below this, a kNN neighbour is not even classified
    entity_candidates: int = 20  # extra candidates per claim from shared entities
    min_entity_similarity: float = 0.55  # entity-overlap candidates still need some topical closeness


def candidate_pairs(index: ClaimStore, claims: Sequence[Claim], vectors: np.ndarray,
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
    """Which candidate pairs the judge reads (`JudgePolicy`): at or above `min_similarity`, and for
    each new claim its `per_claim` closest candidates plus up to `per_claim_stance` more where one
    claim denies or negates something. The judge reads tens of pairs a second where the rules read
    thousands (docs/BENCHMARKS.md); far down a claim's list, pairs are seldom about the same thing,
    and without a denial they seldom conflict."""
    from verify.match import claim_features

    def stance(claim: Claim) -> bool:
        f = claim_features(claim)
        return f.denied or f.text_negated or bool(f.denied_clauses)

    judged = np.zeros(len(pairs), dtype=bool)
    closest: dict[int, int] = {}
    with_stance: dict[int, int] = {}
    for i in np.argsort(-np.asarray(similarities), kind="stable").tolist():
        if similarities[i] < policy.min_similarity:
            break
        a, b = pairs[i]
        owners = [c.id for c in (a, b) if c.id in new_ids] or [a.id]
        if any(closest.get(x, 0) < policy.per_claim for x in owners):
            taken = closest
        elif (stance(a) or stance(b)) and any(with_stance.get(x, 0) < policy.per_claim_stance for x in owners):
            taken = with_stance
        else:
            continue
        judged[i] = True
        for x in owners:
            taken[x] = taken.get(x, 0) + 1
    return judged


def link_claims(index: ClaimStore, claims: Sequence[Claim], vectors: np.ndarray, *, judge: Judge | None = None,
                config: LinkConfig = LinkConfig()) -> list[Link]:
    """Classify the candidate pairs of these (already stored) claims; returns the related ones.

    With a `judge` (verify.judge) the pairs `judged_pairs` picks are read by it too, and the links
    record its name in their version.
    """
    from verify import match
    from verify.match.signals import DEFAULT_POLICY

    pairs, sims = candidate_pairs(index, claims, vectors, config)
    if not pairs:
        return []
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
    if not kept_pairs:
        return []
    kept_sims = np.array(kept, dtype=np.float32)
    judged = None
    if judge is not None:
        judged = judged_pairs(kept_pairs, kept_sims, {c.stored_id() for c in claims}, DEFAULT_POLICY)
    verdicts = match.classify_many(kept_pairs, kept_sims, judge=judge, judged=judged)
    version = match.MATCHER_VERSION + (f"+{judge.name}" if judge is not None else "")
    links = []
    for (ca, cb), sim, verdict in zip(kept_pairs, kept_sims, verdicts):
        if verdict.relation == Relation.UNRELATED:
            continue
        links.append(Link(a=ca.stored_id(), b=cb.stored_id(), relation=verdict.relation, score=float(verdict.score),
                          reason=verdict.reason, similarity=float(sim), version=version))
    return links
