"""Side clauses of a parsed sentence: the parts a claim mentions without asserting.

"Si la Selección no gana el Mundial, renuncia" does not say the team loses; "sus padres, que
murieron en 1990, le dejaron el rancho" is about the ranch; "es inexplicable que Televisa no le haya
donado una casa" asserts no donation only through an evaluation. The matcher reads a negation, a
predicate or an opposite word in such a clause as mentioned, not stated (`Claim.side_spans`).

What counts, in Universal Dependencies labels as spaCy's Spanish models give them:
- `acl` (and `acl:relcl`) on a noun: relative clauses, "el rumor de que ...", "en caso de ganar".
- `csubj` of an evaluative adjective or noun ("es inexplicable que ...", "es falso que ...").
- `amod` on a verb form or a participle: a participle used as an adjective ("candidatos no registrados").
- a clause opened by a condition or a time/concession marker ("si", "cuando", "aunque", ...), whatever
  the small model labels it (`advcl`, or `ccomp` for "si ..." after an infinitive). Purpose and cause
  clauses are left in: "enviar agentes para apoyar a Haftar" does state the support, and so are
  concessions in the indicative ("aunque no hay evidencia de ...": stated as a fact).
- a verb in the subjunctive, on itself or its auxiliary ("para que México pague", "que no le haya
  donado"): wished, aimed at, doubted or evaluated, not stated. Only the verb: its arguments may be
  stated elsewhere in the claim. Not as the main verb's complement ("prevé que la inflación aumente"):
  that is what the main verb reports.
- the words of a slogan, title or message named by a noun ("la frase «Realmente no me importa»").
Complement clauses opened by "que" (`ccomp`: "dijo que ...", "negó que ...") are what reported speech
asserts and are never side clauses.
"""

from __future__ import annotations

import re

_NOUN_CLAUSES = frozenset({"acl", "acl:relcl", "csubj", "csubj:pass"})
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM", "DET"})
_EVALUATIVE = frozenset({"ADJ", "NOUN"})
_PURPOSE_MARKERS = frozenset({"para", "porque"})
# Participles used as adjectives ("candidatos no registrados"), which the small model tags ADJ.
_PARTICIPLE_ENDINGS = ("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas")
_NAMED_QUOTE = re.compile(
    r"\b(?:frase|lema|consigna|eslogan|título|titulo|leyenda|cartel|pancarta|mensaje|tuit|etiqueta|canción|cancion)"
    r"\s*[:,]?\s*[«\"“'‘](?P<quoted>[^»\"”'’]{1,300})[»\"”'’]", re.IGNORECASE)
_SIDE_MARKERS = frozenset(
    "si cuando aunque mientras como hasta antes despues después conforme siempre apenas salvo".split()
)


_CONCESSIVE = frozenset({"aunque"})


def _indicative(verb) -> bool:
    """The clause's verb (or its auxiliary) is in the indicative."""
    return any("Ind" in t.morph.get("Mood", [])
               for t in (verb, *(c for c in verb.children if c.dep_ in ("aux", "cop"))))


def side_clause_spans(sent, shift: int, length: int) -> tuple[tuple[int, int], ...]:
    """Spans (start, end) of side clauses in `sent` (a spaCy Span), as offsets into the claim's text.

    `shift` is added to a token's document offset to give its claim offset; spans are clipped to
    [0, length) and nested ones merged into the outer span.
    """
    spans: list[tuple[int, int]] = []
    for token in sent:
        dep = token.dep_
        if dep == "ROOT":
            continue
        marks = {c.lower_ for c in token.children if c.dep_ == "mark"}
        if marks & _PURPOSE_MARKERS:
            continue  # "una alianza para evitar la victoria de ...": the aim is part of what is said
        if token.left_edge.text == ":":
            # A clause opened by a colon is what a headline's source says ("Radio: Israel se dispone a
            # ..."), however the parser hangs it on the source's name; no relative clause follows a colon.
            continue
        if dep in _NOUN_CLAUSES:
            # The small model labels many "dijo que ..." complements acl or csubj: only a clause on a
            # noun ("el rumor de que ...", a relative) or on an evaluative adjective or noun ("es
            # inexplicable que ...") is a side clause; one hanging on a verb is what the verb reports.
            side = token.head.pos_ in (_NOMINAL if dep.startswith("acl") else _EVALUATIVE)
        elif dep == "amod":
            side = token.pos_ in ("VERB", "AUX") or token.lower_.endswith(_PARTICIPLE_ENDINGS)
        else:
            # Whatever the small model calls the clause (it labels "si ... gana" as ccomp too), a
            # condition or time marker opens a side clause; "que" alone opens a reported complement.
            side = dep in ("advcl", "ccomp", "xcomp", "conj") and bool(marks & _SIDE_MARKERS)
            if side and marks <= _CONCESSIVE and _indicative(token):
                # "Aunque no hay evidencia de ..., el general ...": a concession in the indicative
                # states its clause as a fact; in the subjunctive ("aunque gane") it only supposes it.
                side = False
        if not side:
            continue
        left, right = token.left_edge, token.right_edge
        start = max(left.idx + shift, 0)
        end = min(right.idx + len(right.text) + shift, length)
        if end > start:
            spans.append((start, end))
    spans += _subjunctive_spans(sent, shift, length)
    # A quoted slogan, title or message named by a noun is quoted, not said by the claim's speaker:
    # "una chaqueta con la frase «Realmente no me importa»".
    text = sent.text
    for m in _NAMED_QUOTE.finditer(text):
        start = max(sent[0].idx + m.start("quoted") + shift, 0)
        end = min(sent[0].idx + m.end("quoted") + shift, length)
        if end > start:
            spans.append((start, end))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def _subjunctive_spans(sent, shift: int, length: int) -> list[tuple[int, int]]:
    """The verbs in the subjunctive that are not the main verb's complement (see below), as claim offsets."""
    spans: list[tuple[int, int]] = []
    for token in sent:
        # A verb in the subjunctive (on itself or its auxiliary) is wished, aimed at, doubted or
        # evaluated, not stated: "presionar a México y que éste pague", "que no le haya donado". As the
        # complement of the main verb it is what that verb reports ("prevé que la inflación aumente",
        # "negó que hubieran sido quemados"), and the stance is read from that verb instead.
        complement = token.dep_ == "ccomp" or (token.dep_ == "conj" and token.head.dep_ == "ccomp")
        if token.pos_ == "VERB" and token.dep_ != "ROOT" and not complement and any(
                "Sub" in t.morph.get("Mood", []) for t in (token, *(c for c in token.children if c.dep_ == "aux"))):
            start = max(token.idx + shift, 0)
            end = min(token.idx + len(token.text) + shift, length)
            if end > start:
                spans.append((start, end))
    return spans
