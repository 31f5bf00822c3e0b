"""What a claim calls off: "cancela su visita de Estado", "aplaza la adopción de nuevas sanciones", "la
investidura fue aplazada".

A claim that an event was cancelled, postponed or suspended and another that it takes place ("llega a
Venezuela para una visita de Estado", "la UE impone nuevas sanciones") cannot both hold, and no pair of
opposite words shows it: what takes place is said with any verb. `called_off` reads, for each word of
the language's "calling_off_words" the claim asserts, the event it calls off: the content words after it
to the end of its phrase ("cancela a última hora su visita de Estado a Venezuela | por motivos de
agenda"), or before a participle ("la toma de posesión ... fue aplazada"), up to a few words, as stems.
`verify.match.rules` counts a conflict where the other claim states such an event word and calls
nothing off itself; the judge must say the two are about one thing (`PairEvidence.called_off`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from verify.lang import entries_pattern, lexicon, table
from verify.match.figures import parse_number
from verify.match.vocabulary import NEGATION_WORDS, STOPWORDS, TOKEN, stem

_EVENT_WORDS = 5  # content words of the event called off, at most
_NEGATION_REACH = 3  # words before the calling-off word where a negation denies it ("descartan aplazar")
_PHRASE_END = re.compile(r"[,.;:()\"«»“”]")
# Stems of spans of time ("a última hora", "durante cuatro años"): when, not what, is called off.
_TIME_STEMS = frozenset(table("duration_days"))


@dataclass(frozen=True, slots=True)
class CalledOff:
    word: str  # the calling-off word, folded ("aplazo"; `verify.match.text` puts its accents back)
    event: tuple[str, ...]  # stems of the event it calls off, in the claim's order (its head first, mostly)


@dataclass(frozen=True, slots=True)
class _Words:
    calling_off: re.Pattern[str] | None  # over folded text
    halting: re.Pattern[str] | None  # stopping or banning: no calling off, but no taking place either
    phrase_ends: frozenset[str]  # end an event's phrase: "por", "tras" (the reason follows)
    participle: re.Pattern[str] | None  # a passive participle puts the event before it ...
    passive_auxiliaries: frozenset[str]  # ... after one of these ("fue aplazada"; "ha suspendido" is active)
    periphrases: dict[str, str]  # a future's auxiliary -> its link ("van a derogar"): a plan, no calling off


@lru_cache(maxsize=8)
def _words(language: str) -> _Words:
    lex = lexicon(language)
    endings = lex.get("participle_endings", ())
    return _Words(entries_pattern(language, "calling_off_words"), entries_pattern(language, "halting_words"),
                  frozenset(lex.get("event_phrase_ends", ())),
                  re.compile(rf"\w+(?:{'|'.join(map(re.escape, endings))})") if endings else None,
                  frozenset(lex.get("passive_auxiliaries", ())), dict(lex.get("periphrasis_links", {})))


def _content(token: str) -> bool:
    return (len(token) > 1 and token not in STOPWORDS and token not in NEGATION_WORDS
            and not token[:1].isdigit() and parse_number(token) is None)


def calls_off(proposition: str, language: str) -> bool:
    """Any calling-off or halting word at all ("suspenden", "detener el ensayo"), negated or not: a claim
    that calls something off or stops it (or says it will not) is no claim that it takes place."""
    words = _words(language)
    return any(p is not None and p.search(proposition) is not None for p in (words.calling_off, words.halting))


def called_off(proposition: str, language: str) -> tuple[CalledOff, ...]:
    """What the folded `proposition` calls off (module docstring)."""
    lex = _words(language)
    if lex.calling_off is None:
        return ()
    found: list[CalledOff] = []
    for m in lex.calling_off.finditer(proposition):
        before = TOKEN.findall(proposition[:m.start()])
        if any(t in NEGATION_WORDS for t in before[-_NEGATION_REACH:]):
            continue
        # A plan to call it off is not its calling off: "van a derogar la Ley de Seguridad Ciudadana" (and it
        # is still applied). (A demand is a stance: "pidió cancelar la pelea" disputes "debería realizarse".)
        if len(before) > 1 and lex.periphrases.get(before[-2]) == before[-1]:
            continue
        if (lex.participle is not None and lex.participle.fullmatch(m.group(0)) and before
                and before[-1] in lex.passive_auxiliaries):
            phrase = TOKEN.findall(_PHRASE_END.split(proposition[:m.start()])[-1])
            words = [t for t in phrase[:-1] if _content(t)][-_EVENT_WORDS:]
        else:
            phrase = TOKEN.findall(_PHRASE_END.split(proposition[m.end():])[0])
            cut = next((k for k, t in enumerate(phrase) if t in lex.phrase_ends), len(phrase))
            words = [t for t in phrase[:cut] if _content(t)][:_EVENT_WORDS]
        event = tuple(dict.fromkeys(s for s in (stem(t, language) for t in words) if s not in _TIME_STEMS))
        if event:
            found.append(CalledOff(m.group(0), event))
    return tuple(found)
