"""Normalise who a speaker stands for ("el portavoz del Kremlin" -> "Kremlin") from `verify/data/sides.json`."""

from __future__ import annotations

import re
from functools import lru_cache

from verify.lang import fold_name, load_data


def _variants(word: str) -> list[str]:
    """Spanish adjective forms of a masculine singular nationality ("ruso" -> rusa, rusos, rusas)."""
    if word.endswith("o"):
        return [word, word[:-1] + "a", word + "s", word[:-1] + "as"]
    return [word]


@lru_cache(maxsize=1)
def _tables() -> tuple[list[tuple[re.Pattern, str]], list[tuple[re.Pattern, str]], re.Pattern]:
    data = load_data("sides.json")

    def pattern(surface: str) -> re.Pattern:
        # Acronyms match case-sensitively ("UE", "EI" are also words); names accent/case-insensitively.
        if surface.replace(".", "").replace(" ", "").isupper() and len(surface) <= 6:
            return re.compile(r"(?<![\w.])" + re.escape(surface) + r"(?![\w])")
        return re.compile(r"\b" + re.escape(fold_name(surface)) + r"\b")

    institutions = [(pattern(s), side) for s, side in data["institutions"].items()]
    governments = []
    for side, words in data["governments"].items():
        for w in words:
            for v in _variants(w) if w[:1].islower() else [w]:
                governments.append((pattern(v), side))
    roles = re.compile(r"\b(" + "|".join(re.escape(fold_name(r)) for r in data["role_nouns"]) + r")\b")
    return institutions, governments, roles


def _find(patterns: list[tuple[re.Pattern, str]], text: str) -> tuple[int, str] | None:
    folded = fold_name(text)
    best = None
    for pat, side in patterns:
        m = pat.search(text if pat.pattern.startswith("(?<![") else folded)
        if m and (best is None or m.start() < best[0]):
            best = (m.start(), side)
    return best


def side_for_phrase(phrase: str) -> str | None:
    """The side a speaker phrase names: an institution it contains ("portavoz del Kremlin"), or a
    government role with a country or nationality ("ministro ruso de Exteriores", "vicepresidente de
    Turquía"), or the phrase being a country itself ("Rusia", "Estados Unidos"). None when unsure."""
    if not phrase:
        return None
    institutions, governments, roles = _tables()
    hit = _find(institutions, phrase)
    if hit:
        return hit[1]
    gov = _find(governments, phrase)
    if gov is None:
        return None
    folded = fold_name(phrase).strip()
    if roles.search(folded):
        return gov[1]
    # the whole phrase is a country ("Rusia", "Italia", "los estadounidenses")
    words = [w for w in re.findall(r"\w+", folded) if w not in {"el", "la", "los", "las", "the", "propio", "propia"}]
    return gov[1] if len(words) <= 3 else None


def has_role(phrase: str) -> bool:
    """The phrase names a role (portavoz, ministro, ...), so its side can stand for a person."""
    return bool(_tables()[2].search(fold_name(phrase)))
