"""Negation in a claim's proposition: its cues ("no", "nunca", "no hay pruebas", "es falso") and
what each one covers.

A phrase cue negates the whole proposition when it opens it; a word cue negates to the end of its
clause (a comma, a semicolon, "pero", "sino", ...). A cue inside a side clause (as the extractor's
parse marks them) or a relative clause between commas negates that clause only, not the claim.
Which clauses a claim thereby denies, predicate by predicate, is `verify.match.denial`'s reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verify.lang import fold, words
from verify.match.vocabulary import NEGATION_FIXED, NEGATION_PHRASES, NEGATION_WORDS, QUOTES, STOPWORDS, TOKEN, stem

_PREPOSITIONS = frozenset(words("prepositions"))
_RELATIVES = frozenset(words("relatives"))
# An article before a negator makes it a noun: the option voted for ("la victoria del no", "un no
# rotundo") or an act's absence named ("the no vote"), no clause negated. An article that folds onto a
# pronoun ("el" / "él": "por él, nunca creyó", "él no lo sabía") only after a preposition ("con el 50,2 %
# de votos por el No").
_NOUN_ARTICLES = frozenset(words("negator_noun_articles"))
_NOUN_ARTICLES_AFTER_PREPOSITION = frozenset(words("negator_noun_articles_after_preposition"))
# Words that end a negation's scope (a new clause begins).
SCOPE_ENDS = frozenset(words("scope_ends"))
_UNTIL = frozenset(words("until_words"))
_MONTH_WORDS = frozenset(words("months"))
# between "hasta" and its date: "hasta el 3 de mayo", "hasta finales de 2018" (lexicon `date_leads`)
_DATE_LEADS = frozenset(words("date_leads"))


@dataclass(slots=True)
class NegationScope:
    """What the negation cues of one proposition cover, token by token."""

    positions: list[tuple[str, int]]  # the proposition's tokens with their character offsets
    cues: list[str]  # phrase cues (in lexicon order), then word cues (in text order)
    whole: bool  # a phrase cue negates the whole proposition
    negated_tokens: set[int]  # indices of the tokens some cue covers
    main_negated: set[int]  # ... less those in side clauses and relative clauses
    heads: set[str]  # what each negation is about: stems of its first two content words
    word_cues: list[tuple[int, int, int]]  # (cue token, scope end char, clause start char), main clause only


def read_negation(prop: str, side_tokens: set[int] | None, lang: str) -> NegationScope:
    """The negation cues of a folded proposition and their scope. `side_tokens`: indices of the
    tokens the parser put in side clauses (None: no parse)."""
    fixed_spans = [m.span() for m in NEGATION_FIXED.finditer(prop)]
    cues: list[str] = []
    whole = False
    for phrase in NEGATION_PHRASES:
        pos = prop.find(phrase)
        if pos >= 0:
            cues.append(phrase)
            if pos < 25 or phrase.startswith(("no hay", "no existe", "sin pruebas", "ninguna")):
                whole = True
    # token positions with their character offsets, to test membership in fixed spans and clauses
    positions = [(m.group(0), m.start()) for m in TOKEN.finditer(prop)]
    clause_breaks = [m.start() for m in re.finditer(r"[,;:.]", prop)]
    negated_tokens: set[int] = set()
    heads: set[str] = set()
    word_cues: list[tuple[int, int, int]] = []
    side_clause_tokens: set[int] = set()
    for idx, (tok, start) in enumerate(positions):
        if tok not in NEGATION_WORDS or any(a <= start < b for a, b in fixed_spans):
            continue
        if tok == "ni" and idx > 0 and positions[idx - 1][0] == "no":
            continue
        if _named_negator(prop, positions, idx):
            continue
        end = next((b for b in clause_breaks if b > start), len(prop))
        if _not_until(positions, idx, end):
            continue
        cues.append(tok)
        clause_start = max((b for b in clause_breaks if b < start), default=-1) + 1
        opener = prop[clause_start:start].split()
        if side_tokens is not None and idx in side_tokens:
            # The parser put it in a side clause ("si la Selección no gana", "es inexplicable que no
            # le haya donado", "los candidatos no registrados"): it negates that clause only.
            side_clause_tokens.update(j for j in range(idx, len(positions))
                                      if positions[j][1] < end and j in side_tokens)
        elif opener and opener[0] in _RELATIVES:
            # "El alcalde, que no quiso dar detalles, inauguró ...": a relative clause between commas
            # negates its own verb, not the claim.
            side_clause_tokens.update(j for j in range(idx, len(positions)) if positions[j][1] < end)
        else:
            word_cues.append((idx, end, clause_start))
        _cover(positions, idx, end, lang, negated_tokens, heads)
    # Two cues in one clause are Spanish negative concord ("no vino nunca"), not a double negative.
    return NegationScope(positions, cues, whole, negated_tokens, negated_tokens - side_clause_tokens, heads,
                         word_cues)


def _named_negator(prop: str, positions: list[tuple[str, int]], idx: int) -> bool:
    """The negator at `idx` is a noun: an article right before it, no mark between (`_NOUN_ARTICLES`;
    "por él, nunca creyó" is a pronoun and a negation)."""
    if idx == 0:
        return False
    before, at = positions[idx - 1]
    if prop[at + len(before):positions[idx][1]].strip():
        return False
    return before in _NOUN_ARTICLES or (before in _NOUN_ARTICLES_AFTER_PREPOSITION and idx > 1
                                        and positions[idx - 2][0] in _PREPOSITIONS)


def _not_until(positions: list[tuple[str, int]], idx: int, end: int) -> bool:
    """The word cue at token `idx` says when, not whether: "ETA no anunció su disolución hasta mayo de
    2018" tells that it did in 2018. "Hasta" before a month or a year in the cue's clause does; "hasta
    ahora" or "hasta la fecha" (so far) does not, and the negation stands."""
    for j in range(idx + 1, len(positions)):
        if positions[j][1] >= end:
            return False
        if positions[j][0] not in _UNTIL:
            continue
        k = j + 1
        while k < len(positions) and positions[k][0] in _DATE_LEADS:
            k += 1
        if k < len(positions) and (positions[k][0] in _MONTH_WORDS or re.fullmatch(r"\d{4}", positions[k][0])):
            return True
    return False


def _cover(positions: list[tuple[str, int]], idx: int, end: int, lang: str, negated_tokens: set[int],
           heads: set[str]) -> None:
    """Add to `negated_tokens` what the word cue at token `idx` covers (up to character `end` or a
    word that opens a new clause), and to `heads` the stems of its first two content words."""
    taken, heads_open = 0, True
    for j in range(idx + 1, len(positions)):
        t2, s2 = positions[j]
        if s2 >= end or t2 in SCOPE_ENDS:
            break
        negated_tokens.add(j)
        if not heads_open:
            continue
        if t2 in _PREPOSITIONS and taken:
            # "no va a dimitir": a periphrasis goes on to its infinitive; "no tenía seguro contra
            # robos": a prepositional phrase is not what the negation denies.
            nxt = positions[j + 1][0] if j + 1 < len(positions) else ""
            heads_open = t2 in ("a", "de") and nxt.endswith(("ar", "er", "ir"))
            continue
        if taken < 2 and t2 not in STOPWORDS and t2 not in NEGATION_WORDS and not t2[:1].isdigit():
            heads.add(stem(t2, lang))
            taken += 1


def covers_main_clause(positions: list[tuple[str, int]], negated_tokens: set[int]) -> bool:
    """A negation denies the claim when it sits in its first clause or covers most of its words."""
    if not positions:
        return False
    first = min(negated_tokens)
    return first <= 8 or len(negated_tokens) >= 0.5 * len(positions)


def text_negated(text: str) -> bool:
    """A negation cue anywhere in the claim, its frame included ("no sólo", "sin embargo" excepted)."""
    return _has_negation(fold(text).translate(QUOTES))


def _has_negation(folded: str) -> bool:
    """A negation cue anywhere in the text, fixed expressions ("no solo", "sin embargo") included as such."""
    stripped = NEGATION_FIXED.sub(" ", folded)
    return any(p in stripped for p in NEGATION_PHRASES) or any(t in NEGATION_WORDS for t in TOKEN.findall(stripped))
