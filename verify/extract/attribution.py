"""Who says a sentence's claim, and with which verb: the Spanish attribution reading.

`attribute` finds the reporting verb ("dijo", "negó", "según") in a spaCy parse, its speaker and the
quote kind; `resolve_speaker` fills a speaker the sentence leaves out (pro-drop "ha añadido", a bare
quote, "el portavoz") from the article so far, then the speaker's side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from verify.extract.entities import AliasTable
from verify.extract.filters import QUOTE_CHARS
from verify.extract.sides import side_for_phrase
from verify.lang import fold, lexicon
from verify.records import QuoteKind

if TYPE_CHECKING:
    from spacy.tokens import Token

_LEXICON = lexicon("es")
REPORTING_LEMMAS = frozenset(_LEXICON["report_lemmas"])
# Lemmas whose attribution needs no complement clause: the object is the claim ("negó apoyar", "acusó a X de").
PROPOSITIONAL = frozenset(_LEXICON["propositional_lemmas"])
ROLE_ONLY = re.compile(r"^(el|la|los|las|dicho|dicha|este|esta|ese|esa)\s+(portavoz|vocero|vocera|ministro|ministra|"
                       r"presidente|presidenta|canciller|mandatario|funcionario|jefe|secretario|general|embajador|"
                       r"líder|dirigente|comunicado|texto|documento)$", re.I)


@dataclass
class Attribution:
    speaker: str | None = None
    phrase: str | None = None  # the speaker's whole noun phrase, role and relative clauses included
    cue: str | None = None
    cue_lemma: str | None = None
    side: str | None = None
    quote: QuoteKind = QuoteKind.NONE
    via_segun: bool = False
    verb: Token | None = None  # the reporting verb
    explicit: bool = False  # the speaker is named in this sentence
    impersonal: bool = False  # "se ha afirmado", "ha sido acusada": no speaker to carry over


@dataclass
class History:
    """Speakers already seen in the article, most recent last: (name, phrase, side)."""

    speakers: list[tuple[str, str, str | None]] = field(default_factory=list)

    @property
    def last(self) -> tuple[str, str, str | None] | None:
        return self.speakers[-1] if self.speakers else None

    def by_role(self, role_phrase: str) -> tuple[str, str, str | None] | None:
        """The latest named speaker whose phrase has the same role noun ("el portavoz" -> Peskov)."""
        role = fold(role_phrase).split()[-1]
        synonyms = {"vocero": "portavoz", "vocera": "portavoz"}
        role = synonyms.get(role, role)
        for name, phrase, side in reversed(self.speakers):
            words = {synonyms.get(w, w) for w in re.findall(r"\w+", fold(phrase))}
            if role in words and name != phrase:
                return name, phrase, side
        return None


def attribute(text: str, start: int, end: int, sent, quotes: list[tuple[int, int]], base: int) -> Attribution:
    """Speaker, cue and quote kind of one sentence. `quotes` are relative to the sentence's doc,
    `start`/`end` absolute; `base` is where the doc starts in `text`."""
    attr = Attribution()
    start, end = start - base, end - base
    text = text[base:]
    quoted = sum(min(q1, end) - max(q0, start) for q0, q1 in quotes if q0 < end and q1 > start)
    in_quote = lambda tok: any(q0 < tok.idx < q1 for q0, q1 in quotes)  # noqa: E731
    direct = quoted >= 0.4 * (end - start) or (quoted > 0 and any(
        len(text[max(q0, start):min(q1, end)].split()) >= 6 for q0, q1 in quotes if q0 < end and q1 > start))
    verbs = [t for t in sent if t.pos_ in ("VERB", "AUX") and (t.lemma_.lower() in REPORTING_LEMMAS
                                                              or _lemma_guess(t.text) in REPORTING_LEMMAS)
             and not in_quote(t)]
    verbs = [v for v in verbs if _is_attribution(v, direct)]
    if verbs:
        verb = min(verbs, key=_depth)
        lemma = verb.lemma_.lower() if verb.lemma_.lower() in REPORTING_LEMMAS else _lemma_guess(verb.text)
        attr.verb, attr.cue, attr.cue_lemma = verb, verb.text.lower(), lemma
        if lemma == "dar":
            attr.cue = "dio a conocer"
        subject = _subject(verb)
        attr.impersonal = _impersonal(verb)
        if attr.impersonal:
            subject = _agent(verb)
        if subject is not None:
            attr.phrase = _phrase(subject, strip_relative=False, exclude={
                c for c in subject.children
                if c.dep_ == "nmod" and any(g.lower_ == "a" and g.dep_ == "case" for g in c.children)})
            attr.speaker = _speaker_name(subject)
            attr.explicit = True
        attr.quote = QuoteKind.DIRECT if direct else QuoteKind.INDIRECT
    else:
        segun = next((t for t in sent if t.lower_ == "según" and not in_quote(t)), None)
        if segun is not None:
            obj = segun.head if segun.head.i != segun.i else None
            phrase = _segun_phrase(sent, segun)
            if phrase and obj is not None and obj.pos_ != "VERB":
                attr.speaker = attr.phrase = phrase
            elif phrase:
                attr.speaker = attr.phrase = phrase
            attr.cue, attr.cue_lemma, attr.via_segun = "según", "según", True
            attr.quote = QuoteKind.DIRECT if direct else QuoteKind.INDIRECT
            attr.explicit = attr.speaker is not None
        else:
            para = _para_frame(sent)
            if para and quoted:
                attr.speaker = attr.phrase = para
                attr.cue, attr.cue_lemma, attr.explicit = "para", "para", True
                attr.quote = QuoteKind.DIRECT if direct else QuoteKind.INDIRECT
            elif direct:
                attr.quote = QuoteKind.DIRECT
    return attr


def resolve_speaker(attr: Attribution, history: History, aliases: AliasTable, text: str, start: int, end: int,
                    quotes, next_attr: Attribution | None, sentences: list, k: int) -> None:
    """Fill a missing or role-only speaker from the article so far, then its side (learnt in `aliases`).
    `sentences[k]` is this sentence, `next_attr` the next one's attribution."""
    if attr.cue is not None and attr.speaker is None and attr.verb is not None and not attr.impersonal:
        # pro-drop: "ha añadido" -> the previous speaker, if the verb is third person
        if "1" not in attr.verb.morph.get("Person", []) and history.last:
            attr.speaker, attr.phrase, attr.side = history.last
    elif attr.speaker is None and attr.quote == QuoteKind.DIRECT and attr.cue is None:
        # a bare quote: its speaker is named in the next sentence, else it continues the last one
        if next_attr is not None and next_attr.explicit and next_attr.speaker and text[start] in QUOTE_CHARS:
            attr.speaker, attr.phrase, attr.cue = next_attr.speaker, next_attr.phrase, next_attr.cue
        elif (history.last and k > 0
              and text[sentences[k - 1][0]:sentences[k - 1][1]].rstrip().endswith((":", '"', "”", "»"))):
            attr.speaker, attr.phrase, attr.side = history.last
    if attr.speaker and ROLE_ONLY.match(attr.speaker.strip()):
        found = history.by_role(attr.speaker)
        if found is None and re.search(r"comunicado|texto|documento", attr.speaker, re.I) and history.last:
            found = history.last
        if found:
            attr.speaker, attr.side = found[0], found[2]
    if attr.speaker and attr.side is None:
        canonical = aliases.canonical(attr.speaker, "PER" if _looks_like_person(attr.speaker) else "ORG")
        attr.side = (side_for_phrase(attr.phrase or "") or aliases.side_of(canonical)
                     or side_for_phrase(attr.speaker) or _org_side(attr.phrase or "", aliases))
        if attr.side and _looks_like_person(attr.speaker):
            aliases.learn_side(attr.speaker, attr.side)


def _depth(token) -> int:
    d = 0
    while token.head.i != token.i and d < 50:
        token, d = token.head, d + 1
    return d


def _lemma_guess(word: str) -> str:
    """A lemma for reporting verbs the small model lemmatises badly (dijo -> decir)."""
    w = word.lower()
    irregular = {"dijo": "decir", "dice": "decir", "dicen": "decir", "dijeron": "decir", "dicho": "decir",
                 "diciendo": "decir", "dio": "dar", "negó": "negar", "niega": "negar", "negado": "negar"}
    if w in irregular:
        return irregular[w]
    for suffix, repl in (("aron", "ar"), ("ado", "ar"), ("ando", "ar"), ("ó", "ar"), ("an", "ar"), ("a", "ar"),
                         ("ieron", "er"), ("ido", "er"), ("ió", "er"), ("iendo", "er"), ("e", "er"), ("en", "er")):
        if w.endswith(suffix):
            cand = w[: -len(suffix)] + repl
            if cand in REPORTING_LEMMAS:
                return cand
            cand_ir = w[: -len(suffix)] + "ir"
            if cand_ir in REPORTING_LEMMAS:
                return cand_ir
    return w


def _is_attribution(verb, direct: bool) -> bool:
    lemma = verb.lemma_.lower() if verb.lemma_.lower() in REPORTING_LEMMAS else _lemma_guess(verb.text)
    if lemma == "dar":
        return (any(c.lower_ == "conocer" for c in verb.children)
                or "conocer" in verb.sent.text[verb.idx - verb.sent.start_char:][:30])
    if lemma == "negar" and any(c.lower_ == "se" for c in verb.children):
        nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if nxt is not None and (nxt.lower_ == "a" or any(c.lower_ == "a" for c in verb.children)):
            return False  # "se negaron a bombardear": a refusal
    if direct or lemma in PROPOSITIONAL:
        return True
    if any(c.dep_ in ("ccomp", "parataxis", "xcomp") for c in verb.children):
        return True
    if verb.dep_ in ("parataxis", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        return True  # "..., indicó un vocero": the verb reports the clause it hangs from
    if verb.dep_ == "ROOT" and any(c.dep_ in ("ccomp", "parataxis", "advcl", "conj") and c.i < verb.i
                                   for c in verb.children):
        return True
    return False


def _impersonal(verb) -> bool:
    """Passive or impersonal reporting ("se reveló que", "ha sido acusada de"): the grammatical
    subject is not who speaks."""
    kids = list(verb.children)
    if any(c.lower_ == "se" and c.dep_ in ("expl:pass", "expl:impers", "obj", "iobj", "expl") for c in kids):
        return verb.lemma_.lower() != "negar"
    if (any(c.dep_ in ("aux:pass", "aux") and c.lemma_ == "ser" for c in kids)
            and "Part" in verb.morph.get("VerbForm", [])):
        return True
    return any(c.dep_ == "nsubj:pass" for c in kids)


def _agent(verb):
    """The "por X" agent of a passive reporting verb, if named."""
    for c in verb.children:
        if (c.dep_ in ("obl:agent", "obl") and any(g.lower_ == "por" for g in c.children)
                and c.pos_ in ("PROPN", "NOUN")):
            return c
    return None


def _subject(verb):
    """The nsubj of a reporting verb, or of the verb it is coordinated with ("dijo ... y agregó"), or
    for a trailing cue (", dio a conocer el Ministerio") the subject placed after it."""
    found = _own_subject(verb)
    if found is None and verb.dep_ in ("advcl", "parataxis", "conj") and verb.head.i != verb.i:
        found = next((c for c in verb.head.children if c.dep_ == "nsubj" and c.i > verb.i), None)
    return found


def _own_subject(verb):
    for tok in (verb, verb.head if verb.dep_ == "conj" else None):
        if tok is None:
            continue
        for child in tok.children:
            if child.dep_ in ("nsubj", "nsubj:pass") and not child.is_space and child.pos_ != "SPACE":
                if child.pos_ == "PRON" and child.lower_ in ("que", "quien", "quienes", "lo", "se"):
                    continue
                return child
    # the small model sometimes hangs a post-verbal name on the verb as xcomp/obj ("ha señalado Haftar")
    for child in verb.children:
        if (child.i > verb.i and child.pos_ == "PROPN" and child.ent_type_ == "PER"
                and child.dep_ in ("xcomp", "obj", "appos") and not any(g.dep_ == "case" for g in child.children)):
            return child
    return None


def _phrase(head, *, exclude=frozenset(), strip_relative: bool = True) -> str:
    """The text of `head`'s subtree (minus excluded children and, optionally, relative clauses)."""
    toks: list[Token] = []
    skip: set[int] = set()
    for child in head.children:
        if child in exclude or (strip_relative and child.dep_ in ("acl", "acl:relcl")):
            skip.update(t.i for t in child.subtree)
    for t in head.subtree:
        if t.i not in skip and not t.is_space:
            toks.append(t)
    text = " ".join(t.text for t in toks)
    text = re.sub(r"\s+([,.;:)])", r"\1", text).replace("( ", "(")
    return text.strip(" ,.;:" + QUOTE_CHARS)


def _speaker_name(subject) -> str:
    """A person's name when the subject phrase has one ("el portavoz del Kremlin, Dmitri Peskov" -> "Dmitri
    Peskov"), else the phrase without relative clauses and trailing apposition ("Los funcionarios estadounidenses")."""
    names = [c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.text[:1].isupper()
             and c.ent_type_ in ("PER", "")]
    if subject.pos_ == "PROPN" and subject.ent_type_ == "PER":
        names.insert(0, subject)
    for tok in names:
        if tok.head.i == subject.i or tok.i == subject.i:
            parts = [tok] + [c for c in tok.children if c.dep_ == "flat"]
            parts.sort(key=lambda t: t.i)
            return " ".join(t.text for t in parts)
    return _phrase(subject, exclude={c for c in subject.children if c.dep_ in ("appos",) or c.text == ","
                                     or (c.dep_ == "nmod"
                                         and any(g.lower_ == "a" and g.dep_ == "case" for g in c.children))})


# Words that open a relative clause after the source of a "según": the clause says more about the source
# ("según el jurado de Nueva York que lo declaró culpable"), it is not part of its name.
_RELATIVE_OPENERS = frozenset({"que", "quien", "quienes", "cuyo", "cuya", "cuyos", "cuyas", "donde"})


def _segun_phrase(sent, segun) -> str | None:
    doc = sent.doc
    toks: list[Token] = []
    for t in doc[segun.i + 1: sent.end]:
        if t.text in (",", ".", ";", ":") or t.is_space or (t.pos_ in ("VERB", "AUX") and toks):
            break
        if toks and t.lower_ in _RELATIVE_OPENERS:  # "según el jurado que lo declaró culpable": the jurado
            break
        toks.append(t)
    phrase = " ".join(t.text for t in toks).strip(QUOTE_CHARS + " ")
    if not phrase or (phrase.split()[0].lower() in ("han", "ha", "informaron", "informó", "dijo", "el", "la")
                      and len(toks) == 1):
        return None
    if toks and toks[0].pos_ in ("VERB", "AUX"):  # "según han informado varios medios": the subject follows
        verb = toks[0]
        subj = _subject(verb) or next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if subj is not None:
            return _phrase(subj)
        rest = doc[toks[-1].i + 1: sent.end]
        for t in rest:
            if t.dep_ == "nsubj":
                return _phrase(t)
        return None
    return phrase


def _para_frame(sent) -> str | None:
    """'Para Rusia, ...' / 'Para el ministro estas acciones ...': the frame names whose view follows."""
    toks = [t for t in sent if not t.is_space]
    if len(toks) > 2 and toks[0].lower_ == "para" and toks[1].pos_ in ("PROPN", "DET", "NOUN"):
        obj = toks[1] if toks[1].pos_ == "PROPN" else toks[1].head
        if obj.pos_ in ("PROPN", "NOUN"):
            return _phrase(obj)
    return None


def _looks_like_person(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 4 and all(w[:1].isupper() for w in words if len(w) > 3) and name[:1].isupper() \
        and not side_for_phrase(name)


def _org_side(phrase: str, aliases: AliasTable) -> str | None:
    """'Bill Roggio, de la Fundación para la Defensa de las Democracias' -> the organisation he speaks for."""
    m = re.search(r",\s+(?:de|del)\s+(?:la\s+|el\s+|los\s+|las\s+)?([A-ZÁÉÍÓÚÑ][\w\s]+?)(?:,|$)", phrase)
    if m and len(m.group(1).split()) >= 1:
        return aliases.canonical(m.group(1).strip(), "ORG")
    return None
