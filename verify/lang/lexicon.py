"""Per-language lexicons, read from `verify/data/lexicon/<language>.json`, and the one reader of
verify's data files.

A lexicon file maps a key ("deny_verbs", "negation_phrases", "hedge_words", ...) to a list of words
or phrases, or to a table: word -> number for figures, word -> word for restatements
(`verify.match.restate`); keys starting with "_" are notes. What each
key holds and who reads it is said in the code that reads it (grep the key).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from verify.errors import InputError

LANGUAGES = ("es", "en")  # languages with a lexicon; the matcher reads them together, in this order


@cache
def load_data(name: str) -> Any:
    """The parsed JSON of `verify/data/<name>` (e.g. "antonyms.json", "lexicon/es.json"), read once:
    shared by every caller, so read it, never change it."""
    return json.loads(resources.files("verify").joinpath(f"data/{name}").read_text(encoding="utf-8"))


@cache
def lexicon(language: str) -> Mapping[str, Any]:
    """Every lexicon of one language: key -> tuple of words, or key -> read-only table (word -> number or word)."""
    if language not in LANGUAGES:
        raise InputError(f"no lexicon for language {language!r}: there are lexicons for {', '.join(LANGUAGES)}")
    raw = load_data(f"lexicon/{language}.json")
    return MappingProxyType({key: MappingProxyType(dict(value)) if isinstance(value, dict) else tuple(value)
                             for key, value in raw.items() if not key.startswith("_")})


def words(key: str, languages: Iterable[str] = LANGUAGES) -> tuple[str, ...]:
    """The list under `key` in each language's lexicon, one after the other (first occurrence kept).
    A language without the key adds nothing."""
    seen: dict[str, None] = {}
    for language in languages:
        for word in lexicon(language).get(key, ()):
            seen.setdefault(word)
    return tuple(seen)


def table(key: str, languages: Iterable[str] = LANGUAGES) -> dict[str, Any]:
    """The tables under `key` (word -> number or word), merged (an earlier language wins a shared word)."""
    merged: dict[str, Any] = {}
    for language in languages:
        for word, value in lexicon(language).get(key, {}).items():
            merged.setdefault(word, value)
    return merged


def alternation(entries: Iterable[str]) -> str:
    """A regex alternation of lexicon entries: a stem ending in "*" matches any word it begins
    ("dij*" -> dijo, dijeron), anything else itself. Word boundaries are the caller's."""
    return "|".join(re.escape(e[:-1]) + r"\w*" if e.endswith("*") else re.escape(e) for e in entries)


def entries_pattern(language: str, key: str) -> re.Pattern[str] | None:
    """The entries under `key` in `language`'s lexicon as one pattern of whole words (`alternation`
    within word boundaries: search folded text with it, or match one word or phrase whole), or None
    where the language lists none."""
    entries = lexicon(language).get(key, ())
    return re.compile(rf"\b(?:{alternation(entries)})\b") if entries else None
