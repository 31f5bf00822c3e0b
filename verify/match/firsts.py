"""Who was first: "Costa Rica se convirtió en el primer país de Centroamérica en legalizar el matrimonio
igualitario" against "Panamá fue el primer país centroamericano en reconocerlo, por delante de Costa Rica".

Only one can be the first of one kind at one thing, and a claim that names another first ahead of the
one the other claim names says that claim is wrong. No word list of opposites sees it (both claims say
"el primer país"), and the judge reads the two as one matter only as often as not. `firsts` reads, off
a claim's folded proposition with the language's lexicon, each "first" it states ("first_words" before
a noun, not after a possessive: "su primera victoria" is one person's own first, which anyone may have
too): the noun's stem, the content words written before it (who is first) and, where the claim names
someone it came ahead of ("ahead_markers": "por delante de", "antes que"), that one's content words.
`overtaken` finds a claim whose first is ahead of the very one the other claim says is first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from verify.lang import entries_pattern, lexicon
from verify.match.vocabulary import NEGATION_WORDS, STOPWORDS, TOKEN, stem

_HOLDER_WORDS = 12  # words before "el primer" where who is first is written
_OVERTAKEN_WORDS = 4  # content words after "por delante de" that name who came later
_PHRASE_END = re.compile(r"[,.;:()\"«»“”]")


@dataclass(frozen=True, slots=True)
class First:
    noun: str  # stem of what it is the first of ("pais")
    holder: frozenset[str]  # folded content words written before it: who is first
    overtaken: frozenset[str]  # folded content words of who it came ahead of, or none
    written: str  # for the reason: the first and its noun, and who it came ahead of ("primer pais, por
    # delante de costa rica")


def _content(token: str) -> bool:
    return len(token) > 1 and token not in STOPWORDS and not token[:1].isdigit()


@lru_cache(maxsize=4096)
def firsts(proposition: str, language: str) -> tuple[First, ...]:
    """The firsts a folded proposition states (module docstring); none where it negates before one ("El
    Salvador no fue el primer país": a denial, the stance rule's)."""
    first_words, possessives, ahead = _words(language)
    if not first_words or ahead is None:
        return ()
    tokens = [(m.group(), m.start()) for m in TOKEN.finditer(proposition)]
    found = []
    for k, (token, at) in enumerate(tokens):
        if token not in first_words or (k and tokens[k - 1][0] in possessives):
            continue
        noun = next((t for t, _ in tokens[k + 1:k + 3] if _content(t)), None)
        before = [t for t, _ in tokens[max(0, k - _HOLDER_WORDS):k]]
        if noun is None or NEGATION_WORDS & set(before):
            continue
        overtaken: list[str] = []
        written = f"{token} {noun}"
        marker = ahead.search(proposition, at)
        if marker is not None:
            rest = _PHRASE_END.split(proposition[marker.end():], maxsplit=1)[0]
            overtaken = [t for t in TOKEN.findall(rest) if _content(t)][:_OVERTAKEN_WORDS]
            written += f", {marker.group()} {' '.join(overtaken)}"
        found.append(First(stem(noun, language), frozenset(t for t in before if _content(t)), frozenset(overtaken),
                           written))
    return tuple(found)


@lru_cache(maxsize=8)
def _words(language: str) -> tuple[frozenset[str], frozenset[str], re.Pattern[str] | None]:
    """The lexicon's `first_words`, `first_possessives` and `ahead_markers` (a pattern), once per language."""
    lex = lexicon(language)
    return (frozenset(lex.get("first_words", ())), frozenset(lex.get("first_possessives", ())),
            entries_pattern(language, "ahead_markers"))


def overtaken(a: tuple[First, ...], b: tuple[First, ...]) -> tuple[First, First] | None:
    """A first of `b` ahead of the one a first of `a`, of the same noun, says is first, or the other way
    round: (claim A's first, claim B's), whichever was overtaken; None otherwise."""
    for x, y, swap in ((a, b, False), (b, a, True)):
        for later in x:
            for earlier in y:
                if (earlier.noun == later.noun and earlier.overtaken & later.holder
                        and not earlier.overtaken & earlier.holder):
                    return (earlier, later) if swap else (later, earlier)
    return None
