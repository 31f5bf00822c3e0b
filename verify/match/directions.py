"""Opposite directions in a claim: words from the antonym table (verify/data/antonyms.json) such as
"subió" / "bajó", "ganó" / "perdió", "elevó" / "redujo".

Two claims about one thing that state opposite directions conflict (`verify.match.rules`); this
module only finds which antonym groups a claim's words carry.
"""

from __future__ import annotations

import re
from functools import lru_cache

from verify.lang import fold, lexicon, load_data
from verify.match.restate import written
from verify.match.vocabulary import NEGATION_WORDS, QUOTES, STOPWORDS, prop_raw_lower, stem


@lru_cache(maxsize=1)
def antonym_table() -> dict[str, dict[str, frozenset[int]]]:
    """{language: {stem: {group ids}}}; groups 2k and 2k+1 are opposites (verify/data/antonyms.json)."""
    raw = load_data("antonyms.json")
    table: dict[str, dict[str, set[int]]] = {}
    for k, (language, side_a, side_b) in enumerate(raw["pairs"]):
        for offset, group in ((0, side_a), (1, side_b)):
            for word in group:
                # a phrase ("en contra", "a favor") is kept as written, folded: its words are no stems
                key = fold(word) if " " in word else stem(fold(word), language)
                table.setdefault(language, {}).setdefault(key, set()).add(2 * k + offset)
    return {lang: {s: frozenset(g) for s, g in stems.items()} for lang, stems in table.items()}


@lru_cache(maxsize=8)
def _phrases(language: str) -> re.Pattern[str] | None:
    """The antonym table's phrases in `language`, as one pattern over folded text (None if it has none)."""
    phrases = sorted((k for k in antonym_table().get(language, {}) if " " in k), key=len, reverse=True)
    return re.compile(rf"\b(?:{'|'.join(map(re.escape, phrases))})\b") if phrases else None


@lru_cache(maxsize=8)
def _comparison_links(language: str) -> frozenset[str]:
    """Words after which an opposite phrase compares ("más bajo que"): none in a language without them."""
    return frozenset(lexicon(language).get("comparison_links", ()))


@lru_cache(maxsize=8)
def _future_form(language: str) -> re.Pattern[str] | None:
    """A folded future or conditional form in `language` ("reducira", "aumentaria"), its infinitive as
    group 1; None for a language whose lexicon lists no such endings."""
    lex = lexicon(language)
    infinitives, endings = lex.get("infinitive_endings", ()), lex.get("future_endings", ())
    if not (infinitives and endings):
        return None
    return re.compile(rf"(\w+(?:{'|'.join(infinitives)}))(?:{'|'.join(endings)})")


@lru_cache(maxsize=8)
def _bill_nouns(language: str) -> frozenset[str]:
    """Nouns of a bill or a plan whose "de" names what it is about (lexicon `bill_nouns`)."""
    return frozenset(lexicon(language).get("bill_nouns", ()))


def _bill_subjects(text: str, lang: str) -> set[str]:
    """Stems of the words a bill's or a plan's name is about ("el proyecto de legalización del aborto"
    -> {legaliz}): the bill's subject, no direction the claim states; the vote on it is ("rechazó")."""
    nouns = _bill_nouns(lang)
    tokens = fold(prop_raw_lower(text)).split()
    return {stem(tokens[i + 2].strip(".,;:"), lang) for i in range(len(tokens) - 2)
            if tokens[i] in nouns and tokens[i + 1] == "de"} if nouns else set()


def antonym_groups(text: str, carriers: set[str], stem_words: dict[str, str], lang: str) -> dict[int, frozenset[str]]:
    """{antonym group id: the claim's stems that carry it}, from `carriers` (the stems the claim
    asserts) and from cue-like words (below). Adds the surface form of such words to `stem_words`."""
    groups: dict[int, set[str]] = {}
    table = antonym_table().get(lang, {})
    future = _future_form(lang)
    named = _bill_subjects(text, lang)
    for s in carriers - named:
        found = table.get(s, ())
        if not found and future is not None:
            # The stemmer keeps a future's infinitive ("reducirá" -> "reducir"), which the table lists
            # under the infinitive's stem ("reduc"): look the opposite up there.
            m = future.fullmatch(fold(stem_words.get(s, "")))
            found = table.get(stem(m.group(1), lang), ()) if m else ()
        for g in found:
            groups.setdefault(g, set()).add(s)
    # Antonyms that fold onto a stopword or a cue still count when the accent shows they are a
    # different word ("bajó" is not the preposition "bajo"), and negation cues count as themselves
    # ("nunca" against "siempre").
    for raw in re.findall(r"\w+", prop_raw_lower(text)):
        tok = fold(raw)
        if tok in NEGATION_WORDS or (tok in STOPWORDS and raw != tok):
            for g in table.get(stem(tok, lang), ()):
                groups.setdefault(g, set()).add(stem(tok, lang))
                stem_words.setdefault(stem(tok, lang), raw)
    # Phrases whose words are prepositions ("votó en contra" / "a favor"): the phrase carries the group.
    # Not one a comparison follows ("es más bajo que en otros países": than something else, no move).
    # (quotes and brackets, blanked as `strip_frame` does, are no break in a phrase: "el «No» ganó")
    pattern = _phrases(lang)
    folded = " ".join(fold(text).translate(QUOTES).split())
    links = _comparison_links(lang)
    for m in pattern.finditer(folded) if pattern is not None else ():
        following = folded[m.end():].split(maxsplit=1)
        if following and following[0] in links:
            continue
        span = written(text, m.group())  # (the phrase as written, for reasons: "presentó su renuncia")
        for g in table.get(m.group(), ()):
            groups.setdefault(g, set()).add(m.group())
            stem_words.setdefault(m.group(), text[span[0]:span[1]] if span else m.group())
    return {g: frozenset(c) for g, c in groups.items()}
