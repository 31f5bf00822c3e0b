"""How the speaker holds a claim's proposition (`Polarity`), read off the Spanish parse.

- DENIES: the cue itself denies (negó, desmintió, rechazó que / rechazó la acusación); the proposition
  is negated in its main clause (a "no" / "nunca" / "jamás" / "tampoco" on the head of the reported
  clause, or of the sentence when nothing is reported); "no hay pruebas", "es falso", "sin pruebas",
  "Ni A ni B ...". Negation inside a relative or "si" clause is out of scope ("un general que no ...").
  "negarse a" is a refusal, not a denial.
- HEDGES: the source is given only by "según X"; a modal on the proposition (podría, debería, puede que);
  a rumour conditional ("habría muerto") that is neither backshift under a past reporting verb ("dijo
  que sería") nor the consequence of a "si" clause; "presuntamente / supuestamente / al parecer" when
  the reporter speaks; a hedging cue (sugirió, especuló); a negated confirmation ("no ha confirmado",
  "no descartó"): the speaker neither asserts nor denies, so it is a hedge, not a denial.
- ASSERTS otherwise. "supuesta" in a speaker's reported claim is the reporter's distance, not the
  speaker's stance: "Rusia destacó que tiene pruebas de una supuesta cooperación" asserts.

The word lists are the Spanish lexicon's (verify/data/lexicon/es.json), as spaCy writes lemmas and
tokens; the phrases are matched on the raw sentence, case aside, at word boundaries.
"""

from __future__ import annotations

import re

from verify.extract.attribution import REPORTING_LEMMAS, Attribution
from verify.lang import alternation, lexicon
from verify.records import Polarity

_LEXICON = lexicon("es")
DENYING_CUES = frozenset(_LEXICON["deny_lemmas"])
HEDGING_CUES = frozenset(_LEXICON["hedge_lemmas"])
REFUTED_NOUNS = frozenset(_LEXICON["refuted_nouns"])  # "rechazó la acusación" denies it
NEGATORS = frozenset(_LEXICON["negator_tokens"])
CONFIRMING = frozenset(_LEXICON["confirm_lemmas"])  # "no confirmó" hedges rather than denies
MODALS = frozenset(_LEXICON["modal_lemmas"])
# The reporter's distance ("presuntamente", "al parecer"): a hedge when no speaker is named.
HEDGE_WORDS = re.compile(rf"\b({alternation(_LEXICON['hedge_phrases'])})\b", re.I)
DENIAL_PHRASES = re.compile(rf"\b({alternation(_LEXICON['denial_phrases'])})\b", re.I)


def _complements(attr, sent) -> list:
    """Heads of the proposition(s) a claim reports: the reporting verb's complement clauses, or the
    clause the verb hangs from, or the sentence root when nothing is reported."""
    verb = attr.verb
    if verb is not None:
        heads = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp", "parataxis", "obj", "csubj")]
        for conj in (c for c in verb.children if c.dep_ == "conj"):
            heads += [c for c in conj.children if c.dep_ in ("ccomp", "xcomp")]
        if verb.dep_ in ("parataxis", "conj", "advcl") and verb.head.i != verb.i:
            heads.append(verb.head)
        if heads:
            return heads
    roots = [t for t in sent if t.dep_ == "ROOT" and not t.is_space]
    heads = list(roots)
    for r in roots:  # quoted speech is often parsed as clauses hanging from the root
        heads += [c for c in r.children if c.dep_ in ("ccomp", "parataxis", "conj") and c.pos_ in ("VERB", "AUX")]
    return heads


def _expand(heads: list, depth: int = 2) -> list:
    """Add the main clauses coordinated with each head ("lo dicen ..., pero nunca han presentado") and
    what a reporting head inside a quote reports ("Reitero que no hay ...")."""
    out = list(heads)
    frontier = list(heads)
    for _ in range(depth):
        nxt = []
        for head in frontier:
            for c in head.children:
                if c.pos_ in ("VERB", "AUX") and (c.dep_ in ("conj", "parataxis") or
                                                  (c.dep_ == "ccomp" and head.lemma_.lower() in REPORTING_LEMMAS)):
                    if c not in out:
                        out.append(c)
                        nxt.append(c)
        frontier = nxt
    return out


def _negated(head) -> bool:
    return any(c.lower_ in NEGATORS and c.dep_ in ("advmod", "det", "nsubj", "obj", "cc") for c in head.children) or \
        any(c.lower_ in NEGATORS for c in head.children if c.dep_ == "aux")


def polarity(sent, attr: Attribution, text: str) -> Polarity:
    lemma = attr.cue_lemma
    verb = attr.verb
    if verb is not None and _negated(verb) and lemma not in DENYING_CUES:
        return Polarity.HEDGES  # "no confirmó", "no descartó", "no dijo": neither asserts nor denies
    if lemma in DENYING_CUES:
        return Polarity.DENIES
    if lemma == "rechazar" and verb is not None:
        objs = [c for c in verb.children if c.dep_ in ("obj", "ccomp")]
        if any(o.dep_ == "ccomp" or o.lower_ in REFUTED_NOUNS for o in objs):
            return Polarity.DENIES
    heads = _expand(_complements(attr, sent))
    if DENIAL_PHRASES.search(text) or re.match(r"^\W*Ni\s", text):
        return Polarity.DENIES
    for head in heads:
        if _negated(head):
            if head.lemma_.lower() in CONFIRMING:
                return Polarity.HEDGES
            return Polarity.DENIES
    if lemma in HEDGING_CUES or attr.via_segun:
        return Polarity.HEDGES
    past_report = verb is not None and "Past" in verb.morph.get("Tense", []) or (
        verb is not None and any(a.dep_ == "aux" and a.lemma_ == "haber" for a in verb.children))
    for head in heads:
        # poder / deber hedge in the conditional ("podría", "debería"); "puede" / "debía" state a
        # permission or a schedule ("puede suministrar armas", "debía reunirse hoy").
        modal = [c for c in head.children if c.dep_ == "aux" and c.lemma_.lower() in MODALS] + \
            ([head] if head.lemma_.lower() in MODALS else [])
        if any("Cnd" in m.morph.get("Mood", []) or m.lower_.endswith("ría") for m in modal):
            return Polarity.HEDGES
        conditional = "Cnd" in head.morph.get("Mood", []) or any(
            "Cnd" in c.morph.get("Mood", []) for c in head.children if c.dep_ in ("aux", "cop"))
        has_if = any(c.dep_ == "advcl" and any(m.lower_ == "si" for m in c.children) for c in head.children)
        if conditional and not past_report and not has_if:
            return Polarity.HEDGES
    if attr.speaker is None and HEDGE_WORDS.search(text):
        return Polarity.HEDGES
    return Polarity.ASSERTS
