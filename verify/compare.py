"""`verify compare` as a library call: two free texts -> claims -> embeddings -> the matcher's verdict.

    verdict = compare_texts("Rusia envió armas.", "Rusia no envió armas.", encoder)

A use case over the parts, as `verify.pipeline` is for `verify add`: the extractor (optional) makes a
claim of each text, the encoder gives their similarity, and `verify.match.classify` (with the judge,
when given) decides the relation.
"""

from __future__ import annotations

import numpy as np

from verify.match import DEFAULT_THRESHOLDS, PairVerdict, Thresholds, claim_from_text, classify
from verify.protocols import ClaimExtractor, Encoder, Judge, LearningExtractor


def compare_texts(a: str, b: str, encoder: Encoder, extractor: ClaimExtractor | None = None, *,
                  judge: Judge | None = None, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> PairVerdict:
    """Relation, score and reason for two free texts (`verify compare "A" "B"`)."""
    claim_a = claim_from_text(a, extractor, label="first text")
    claim_b = claim_from_text(b, extractor, label="second text")
    if isinstance(extractor, LearningExtractor):
        # The second text can give a name a better canonical form ("Haftar", then "Khalifa Hifter").
        claim_a, claim_b = extractor.refresh_entities([claim_a, claim_b])
    vectors = np.asarray(encoder.encode([claim_a.text, claim_b.text]), dtype=np.float32)
    similarity = float(np.dot(vectors[0], vectors[1]))
    return classify(claim_a, claim_b, similarity, thresholds=thresholds, judge=judge)
