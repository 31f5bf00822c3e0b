"""Which language a text is in (py3langid), for ingest and for the extractor."""

from __future__ import annotations

from functools import lru_cache

SAMPLE_CHARS = 2000  # py3langid is sure well before this; longer samples only cost time


@lru_cache(maxsize=1)
def _langid():
    import py3langid  # loads its model on import: only when a text needs it

    return py3langid


def detect_language(text: str, *, sample: int = SAMPLE_CHARS) -> str | None:
    """ISO 639-1 code of `text`'s language, read by py3langid on its first `sample` characters.

    None when those characters hold no letter (digits, punctuation, nothing): there is nothing to
    tell the language by, and each caller decides what that means (ingest leaves it unknown, the
    extractor reads Spanish).
    """
    head = text[:sample]
    if not any(ch.isalpha() for ch in head):
        return None
    return _langid().classify(head)[0]
