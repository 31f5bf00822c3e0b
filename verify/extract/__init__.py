"""Claim extraction: article text -> check-worthy `Claim` records (headless; no index, no embedder).

    from verify.extract import Extractor
    claims = Extractor().extract(text, article_id="000")

spaCy is imported on the first Spanish article, not at import time.
"""

from verify.extract.checkworthy import CLAIM_THRESHOLD
from verify.extract.entities import AliasTable
from verify.extract.extractor import Extractor, article_language
from verify.extract.sentences import split_sentences

__all__ = ["AliasTable", "CLAIM_THRESHOLD", "Extractor", "article_language", "split_sentences"]
