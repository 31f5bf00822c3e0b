"""Accent and case folding: how verify compares words written with or without accents.

One `fold` serves the matcher, the extractor and the check-worthiness model. The variants below
exist because their callers need something `fold` must not do to everyone else: squeeze spaces
(names as table keys), full case folding and None (the TUI's search), tokens only (rapidfuzz).
"""

from __future__ import annotations

import re
import unicodedata

TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+", re.UNICODE)  # a figure ("1.000,5") or a word


def fold(text: str) -> str:
    """Accents off, then lower case: "Subió" -> "subio", "PESKÓV" -> "peskov".

    NFKD splits each accented letter into letter + combining mark and the marks are dropped.
    Lower-casing comes last so compatibility characters come out lower-case too ("℃" -> "°c").
    """
    if text.isascii():  # nothing to decompose: most words, and many whole sentences
        return text.lower()
    return unicodedata.normalize("NFKD", text).translate(_NO_MARKS).lower()


class _CombiningMarks(dict):
    """A `str.translate` table that deletes combining marks and keeps every other character, filled
    as characters are first met: after that the folding loop runs in C (the matcher folds every
    candidate pair's text; a Python test per character was a tenth of linking's time)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_NO_MARKS = _CombiningMarks()


def fold_name(text: str) -> str:
    """`fold` with every run of white space made one space: a name as a lookup key, so "Dmitri
    Peskov" split over two lines or spaced twice is the same entity (verify.extract.entities)."""
    return " ".join(fold(text).split())


def fold_for_search(text: str | None) -> str:
    """What the TUI's filters compare: case-folded rather than lower-cased, so a query typed "strasse"
    finds "Straße", and None (an unset speaker or side) is the empty string."""
    if not text:
        return ""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


def fold_for_fuzz(text: str) -> str:
    """rapidfuzz processor: folded words and figures, one space apart (punctuation gone). rapidfuzz's
    default processor keeps accents, so "subió" and "subio" would differ."""
    return " ".join(TOKEN.findall(fold(text)))
