"""What a claim denies, predicate by predicate (`DeniedClause`): after a main-clause "no" (to the end
of its clause), the complement of "no hay pruebas de que ...", or the whole proposition under a
denying frame ("Rusia negó apoyar ...").

A stance conflict (`verify.match.rules`) needs the other claim to state the denied predicate of the
same subject and arguments; a denial of something else in the same story is no contradiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from verify.lang import fold, lexicon, load_data, table, words
from verify.match.figures import parse_number
from verify.match.frame import FRAME_VERB, Frame, as_written, frame_names
from verify.match.negation import SCOPE_ENDS
from verify.match.restate import clitic_off
from verify.match.vocabulary import (
    CLITICS,
    MULTIPLIERS,
    NEGATION_PHRASES,
    NEGATION_WORDS,
    NEGATORS,
    STOPWORDS,
    TOKEN,
    stem,
)

# Words between a negation and its predicate that are not the predicate: auxiliaries, modals,
# periphrases ("no estaba respaldando", "no ha podido confirmar", "no va a dimitir").
_AUX_WORDS = frozenset(words("auxiliaries"))
# For the subject of a denial (see `denied_clauses`): verbs that make "no se ..." impersonal, and words
# ending in "n" that are no plural verb.
_IMPERSONAL = frozenset(words("impersonal_verbs"))
_NOT_VERBS = frozenset(words("not_plural_verbs"))
_PASSIVE_AUX = frozenset(words("passive_auxiliaries"))
_PARTICIPLE = re.compile(r"(?!(?:nada|vida|cada|toda|todo|lado|ido)$)\w{2,}(?:ad|id)(?:o|a|os|as)")
# Frame words that name nobody: "descarta la posibilidad de ...", "por su parte, negó ...".
_FRAME_FILLERS = frozenset(words("denied_nouns") + words("connective_nouns"))
_COPULAS = frozenset(words("copulas"))
# A periphrasis's link to its infinitive, after the auxiliaries that take it: "no va a dimitir" (not "no
# iba a ganar", most often someone else's expectation told after the fact).
_PERIPHRASIS_LINKS: dict[str, str] = table("periphrasis_links")  # auxiliary -> its link word
_NOT_A_DENIAL = frozenset(words("conditions_and_purposes"))
_WISHES = frozenset(words("wishes"))
_SUBJECT_OPENERS = frozenset(words("clause_openers"))
# ("este" / "esta" are left out: folded, they are also "esté" / "está", auxiliaries before a verb.)
_NOUN_MARKERS = frozenset(words("noun_markers")) - {"a"}  # "no va a dimitir": "a" before an infinitive
# What opens the complement of a whole-claim denial phrase: "no hay pruebas de que X".
_COMPLEMENT_OPENERS = frozenset(words("complement_openers"))
_COORDINATORS = frozenset(words("coordinators"))
# "hacer", "tener", "dar" ... (stems): they say little alone; their noun says what the clause denies
# ("no dio su apoyo"), and a denial of one needs an argument in common (`verify.match.rules`).
LIGHT_VERBS = frozenset(words("light_verb_stems"))
# "no tiene ninguna intención de dimitir" denies dimitir: an intention noun is not what is denied.
_INTENTION_NOUNS = frozenset(words("intention_nouns"))
# Forms of "haber" that carry a perfect ("no ha dimitido"); the predicate comes after them.
_HABER = frozenset({"ha", "han", "habia", "habian", "he", "hemos", "hubo", "habra"})
# "Ninguna fuerza occidental ha atacado ...": a negative quantifier opening its clause denies its verb.
_NEGATIVE_SUBJECTS = frozenset(words("negative_subjects"))
# Where the quantified noun phrase ends: an auxiliary, "haber" or a passive's "fue"; without one its end
# (and the verb) cannot be told from an adjective's ("Ningún soldado ruso participa ..."). A longer
# phrase than this is read as no subject at all.
_SUBJECT_ENDS = _AUX_WORDS | _HABER | _PASSIVE_AUX
_MAX_QUANTIFIED = 8


def _count(token: str) -> bool:
    """A number, in digits or words ("los cuatro cooperantes"): a count, which the figures compare, not
    who or what a denial is about; "4 cooperantes" names the same subject."""
    return token[:1].isdigit() or parse_number(token) is not None


@dataclass(frozen=True, slots=True)
class DeniedClause:
    """One proposition a claim denies, as stems: who / what (`subject`), the predicate, its arguments.

    "Rusia no estaba respaldando a Haftar" -> subject {rusi}, predicate "respald", arguments {haftar};
    "no hay pruebas de que Corea del Norte esté mandando armas a Rusia" -> {core, nort}, "mand", {arm, rusi}.
    A contradiction needs the other claim to state this predicate (or a near-synonym) of the same
    arguments; a denial of something else in the same story is not one.
    """

    subject: frozenset[str]
    subject_names: frozenset[str]  # the subject's stems written capitalised (names): these must be matched
    predicate: str
    arguments: frozenset[str]
    cue: str
    predicate_word: str  # as written, for the reason
    subject_head: str = ""  # the subject's first content word ("cuerp" of "los cuerpos de los estudiantes")
    subject_is_speaker: bool = False  # the clause names no subject; who speaks stands for it
    # a negative quantifier's ("ningún soldado español"): the subject is a set of which none did it, so
    # the other claim must state the act of that whole set, not of "soldados franceses"
    quantified: bool = False
    # after a light verb, the word that says what it does: "apoy" of "no ha dado su apoyo al acuerdo",
    # "declar" of "no hizo ninguna declaración"
    light_object: str = ""


@lru_cache(maxsize=1)
def predicate_synonyms() -> dict[str, dict[str, frozenset[str]]]:
    """{language: {stem: stems of its near-synonym predicates}} (verify/data/predicates.json)."""
    raw = load_data("predicates.json")
    table: dict[str, dict[str, set[str]]] = {}
    for language, group in raw["groups"]:
        stems = {stem(fold(w), language) for w in group if " " not in w}
        for s_ in stems:
            table.setdefault(language, {}).setdefault(s_, set()).update(stems)
    return {lang: {s_: frozenset(g) for s_, g in d.items()} for lang, d in table.items()}


def _clause(positions: list[tuple[str, int]], start: int, end: int, subject_from: int, cue: str, lang: str,
            names: frozenset[str], extra_subject: frozenset[str] = frozenset(),
            speaker_fallback: bool = False) -> DeniedClause | None:
    """The denied clause over token indices [start, end): its first content word that is not a name
    nor an auxiliary is the predicate; content words from `subject_from` up to it are the subject
    (with `extra_subject`, e.g. the frame's "Rusia" in "Rusia negó apoyar ..."), the rest arguments."""
    def content(tok: str) -> bool:
        return (tok not in STOPWORDS and tok not in NEGATION_WORDS and tok not in MULTIPLIERS and len(tok) > 1
                and not _count(tok))

    def nominal(j: int) -> bool:
        # after an article, a possessive or a preposition a word is a noun ("que la empresa vendiera"):
        # the predicate is the first content word that is not
        # ("ninguna intención de dimitir": what follows an intention noun is its verb)
        return (j > 0 and positions[j - 1][0] in _NOUN_MARKERS
                and not (j > 1 and positions[j - 2][0] in _INTENTION_NOUNS))

    pred_idx = next((j for j in range(start, end) if content(positions[j][0]) and positions[j][0] not in names
                     and positions[j][0] not in _AUX_WORDS and positions[j][0] not in _COMPLEMENT_OPENERS
                     and positions[j][0] not in _INTENTION_NOUNS and not nominal(j)), None)
    if pred_idx is None:
        return None
    # (an intention noun after the negation is no subject: "no tengo ninguna intención de ...")
    subject_tokens = [positions[j][0] for j in range(subject_from, pred_idx)
                      if content(positions[j][0]) and positions[j][0] not in _AUX_WORDS
                      and not (j >= start and positions[j][0] in _INTENTION_NOUNS)]
    subject = {stem(t, lang) for t in subject_tokens}
    subject_names = {stem(t, lang) for t in subject_tokens if t in names}
    from_speaker = speaker_fallback and not subject and bool(extra_subject)
    if not subject:
        subject = set(extra_subject)
        subject_names = set(extra_subject)
    # (an auxiliary is no argument: "No he renunciado ni voy a renunciar" denies no "voy")
    arguments = {stem(positions[j][0], lang) for j in range(pred_idx + 1, end)
                 if content(positions[j][0]) and positions[j][0] not in _AUX_WORDS}
    predicate = stem(positions[pred_idx][0], lang)
    head = stem(subject_tokens[0], lang) if subject_tokens else ""
    light_object = ""
    if predicate in LIGHT_VERBS:
        light_object = next((stem(positions[j][0], lang) for j in range(pred_idx + 1, end)
                             if content(positions[j][0])), "")
    return DeniedClause(frozenset(subject - {predicate}), frozenset(subject_names - {predicate}), predicate,
                        frozenset(arguments - {predicate}), cue, positions[pred_idx][0],
                        head if head != predicate else "", from_speaker, light_object=light_object)


def _index_at(positions: list[tuple[str, int]], char: int) -> int:
    """The index of the first token at or after character `char` (len(positions) if none)."""
    return next((j for j, (_, s_) in enumerate(positions) if s_ >= char), len(positions))


def denied_clauses(prop: str, positions: list[tuple[str, int]], word_cues: list[tuple[int, int, int]],
                   frame: Frame, lang: str, text: str, names: frozenset[str], denied_by_context: bool,
                   side_tokens: set[int] | frozenset[int] = frozenset(),
                   speaker_stems: frozenset[str] = frozenset()) -> tuple[DeniedClause, ...]:
    """Each proposition the claim denies: after a main-clause "no" (to the end of its clause), the
    complement of "no hay pruebas de que ...", or the whole proposition under a denying frame.
    `names`: the claim's capitalised words, folded."""
    phrase_spans = [(m.start(), m.end()) for p_ in NEGATION_PHRASES for m in re.finditer(re.escape(p_), prop)]
    out: list[DeniedClause] = []
    for idx, end_char, clause_start in word_cues:
        clause = _negated_clause(positions, idx, end_char, clause_start, phrase_spans, lang, names, speaker_stems)
        if clause is not None:
            out.append(clause)
    out += _phrase_clauses(prop, positions, lang, names, side_tokens)
    # A denying frame read here ("Rusia negó apoyar ...") gives the denied clause; the extractor's
    # context-only denial ("..., algo que la empresa negó") only for a short sentence, where the first
    # verb is the proposition's and not a side clause's.
    if frame.event:
        clause = _event_clause(prop, positions, frame, lang, text, names)
        if clause is not None:
            out.append(clause)
    elif frame.denied or (denied_by_context and not out and len(positions) <= 15):
        clause = _frame_clause(prop, positions, frame, lang, text, names)
        if clause is not None:
            out.append(clause)
    return tuple(out)


def _negated_clause(positions: list[tuple[str, int]], idx: int, end_char: int, clause_start: int,
                    phrase_spans: list[tuple[int, int]], lang: str, names: frozenset[str],
                    speaker_stems: frozenset[str]) -> DeniedClause | None:
    """The clause the word cue at token `idx` denies, up to character `end_char`; None when the cue
    negates no verb, or what it negates is an aim, a wish, a condition or an attribute."""
    n = len(positions)
    if positions[idx][0] in _NEGATIVE_SUBJECTS and positions[idx][0] not in NEGATORS \
            and not any(a <= positions[idx][1] < b for a, b in phrase_spans):
        return _quantified_clause(positions, idx, end_char, clause_start, lang, names)
    # Only negators of a verb open a denied clause: "ni" / "ningún" / "nada" negate a noun phrase,
    # "falsa" qualifies one ("una foto falsa"), "sin" heads an adverbial ("sin dar detalles"); an
    # existential "no hay razón para ..." denies a noun, and "no hay pruebas" is read as a phrase.
    if positions[idx][0] not in NEGATORS or any(a <= positions[idx][1] < b for a, b in phrase_spans):
        return None
    if idx + 1 < n and positions[idx + 1][0] in ("hay", "habia", "hubo", "existe", "existen", "there"):
        return None
    # A condition, a purpose or a wish is not a denial: "si no cuenta con ...", "para no ser
    # eliminada", "espero que no gane".
    before = [positions[k][0] for k in range(max(0, idx - 3), idx)]
    if before and (before[-1] in _NOT_A_DENIAL or any(w in _WISHES for w in before)):
        return None
    # A purpose or a manner with its own subject ("para que López Obrador no gane", "sin que
    # nadie lo notara") is an aim or a circumstance, not something stated.
    que = next((k for k in range(idx - 1, max(0, idx - 5), -1) if positions[k][0] == "que"), None)
    if que is not None and que > 0 and positions[que - 1][0] in ("para", "sin", "de"):
        return None
    end = _index_at(positions, end_char)
    # the subject: what sits right before the cue, after the last complementiser or conjunction
    # ("y como no lo apoyaba" has none: a pronoun stands for it)
    first = _index_at(positions, clause_start)
    ques = [k for k in range(first, idx) if positions[k][0] in _SUBJECT_OPENERS]
    stop = next((k for k in range(idx + 1, end) if positions[k][0] in SCOPE_ENDS), end)
    # Spanish puts the verb right after "no" (clitics and auxiliaries aside): when that word is a
    # copula or a function word ("no es gasolina", "no ha sido un camino de rosas") the negation
    # denies an attribute, which this reading cannot match reliably, so it gives no clause.
    k = idx + 1
    while k < stop and (positions[k][0] in CLITICS or positions[k][0] in _AUX_WORDS or positions[k][0] in _HABER):
        k += 1
    # "no va a dimitir", "no vamos a aceptar": the periphrasis goes on to its infinitive.
    if (idx + 1 < k < stop - 1 and _PERIPHRASIS_LINKS.get(positions[k - 1][0]) == positions[k][0]
            and clitic_off(positions[k + 1][0], lang)[0].endswith(lexicon(lang).get("infinitive_endings", ()))):
        k += 1
    # ... except in the passive: "no fue cuestionado" denies "cuestionar".
    if k + 1 < stop and positions[k][0] in _PASSIVE_AUX and _PARTICIPLE.fullmatch(positions[k + 1][0]):
        k += 1
    if k >= stop or positions[k][0] in STOPWORDS or positions[k][0] in _COPULAS or positions[k][0] in names:
        return None
    # A denial naming no subject is about who speaks ("El Bronco dijo que no regresará"), unless
    # its verb is plural ("pero no le asignaron el contrato": somebody else).
    plural = any(len(w) > 3 and w.endswith("n") and w not in _NOT_VERBS
                 for w, _ in positions[idx + 1:k + 1])
    # ... or impersonal ("no se puede hablar de libertad de expresión": nobody in particular)
    plural = plural or (idx + 2 < n and positions[idx + 1][0] == "se" and positions[idx + 2][0] in _IMPERSONAL)
    return _clause(positions, k, stop, (ques[-1] + 1) if ques else first, positions[idx][0], lang, names,
                   frozenset() if plural else speaker_stems, speaker_fallback=True)


def _quantified_clause(positions: list[tuple[str, int]], idx: int, end_char: int, clause_start: int, lang: str,
                       names: frozenset[str]) -> DeniedClause | None:
    """What a negative quantifier opening its clause denies of the noun phrase it quantifies: "Ninguna
    fuerza occidental ha atacado una base islamista" -> subject {fuerz, occidental}, predicate "atac".
    After a verb it is an object ("no ha realizado ninguna crítica"), which the verb's own "no" reads;
    "ninguno de los detenidos" quantifies "detenidos"."""
    first = _index_at(positions, clause_start)
    if idx > first and positions[idx - 1][0] not in _SUBJECT_OPENERS:
        return None
    end = _index_at(positions, end_char)
    stop = next((k for k in range(idx + 1, end) if positions[k][0] in SCOPE_ENDS), end)
    k = next((j for j in range(idx + 2, min(stop, idx + 2 + _MAX_QUANTIFIED)) if positions[j][0] in _SUBJECT_ENDS),
             None)
    if k is None:
        return None
    while k < stop and (positions[k][0] in CLITICS or positions[k][0] in _AUX_WORDS or positions[k][0] in _HABER):
        k += 1
    # "ningún voto fue contabilizado", "ninguno haya sido acusado": the passive's participle
    if k + 1 < stop and positions[k][0] in _PASSIVE_AUX and _PARTICIPLE.fullmatch(positions[k + 1][0]):
        k += 1
    if k >= stop or positions[k][0] in STOPWORDS or positions[k][0] in _COPULAS or positions[k][0] in names:
        return None
    clause = _clause(positions, k, stop, idx + 1, positions[idx][0], lang, names)
    return replace(clause, quantified=True) if clause is not None else None


def _phrase_clauses(prop: str, positions: list[tuple[str, int]], lang: str, names: frozenset[str],
                    side_tokens: set[int] | frozenset[int]) -> list[DeniedClause]:
    """What each denial phrase denies: its complement ("no hay pruebas de que X ..."), or what comes
    before it ("X, no es cierto"); nothing for a phrase in a side clause."""
    out: list[DeniedClause] = []
    n = len(positions)
    for phrase in NEGATION_PHRASES:
        pos = prop.find(phrase)
        if pos < 0:
            continue
        if _index_at(positions, pos) in side_tokens:
            continue  # "..., algo que no es cierto": it denies what the side clause is about
        after = _index_at(positions, pos + len(phrase))
        while after < n and positions[after][0] in _COMPLEMENT_OPENERS:
            after += 1
        end_char = next((m.start() for m in re.finditer(r"[,;:.]", prop) if m.start() > pos + len(phrase)), len(prop))
        end = _index_at(positions, end_char)
        if end - after >= 2:
            clause = _clause(positions, after, end, after, phrase, lang, names)
        else:  # "X, no es cierto" / "X es falso": the denied proposition comes first
            clause = _clause(positions, 0, _index_at(positions, pos), 0, phrase, lang, names)
        if clause is not None:
            out.append(clause)
    return out


def _who_denies(frame: Frame, names: frozenset[str], lang: str) -> frozenset[str]:
    """Stems of who denies: the frame's names, else its own words ("la empresa se negó a ...")."""
    return frame_names(frame, names, lang) or frozenset(
        stem(t, lang) for t in TOKEN.findall(frame.frame) if len(t) > 2 and t not in STOPWORDS
        and t not in CLITICS and t not in _FRAME_FILLERS and not FRAME_VERB.fullmatch(t))


def _event_clause(prop: str, positions: list[tuple[str, int]], frame: Frame, lang: str, text: str,
                  names: frozenset[str]) -> DeniedClause | None:
    """The event a frame denies ("desmintió la muerte de la actriz ..."): the event's noun is the
    predicate, what follows it to the next coordinator ("y aseguró que ...": the speaker again) its
    subject, or who denies where the noun has none of its own ("desmintió los rumores sobre su muerte")."""
    at = next((j for j, (w, _) in enumerate(positions) if w == frame.event), None)
    if at is None:
        return None
    stop = next((m.start() for m in re.finditer(r"[;:.](?!\d)", prop) if m.start() > positions[at][1]), len(prop))
    end = next((j for j in range(at + 1, len(positions)) if positions[j][0] in _COORDINATORS
                or positions[j][1] >= stop), len(positions))
    tokens = [positions[j][0] for j in range(at + 1, end)
              if positions[j][0] not in STOPWORDS and len(positions[j][0]) > 1 and not _count(positions[j][0])]
    subject = frozenset(stem(t, lang) for t in tokens)
    subject_names = frozenset(stem(t, lang) for t in tokens if t in names)
    if not subject:
        subject = subject_names = _who_denies(frame, names, lang)
    return DeniedClause(subject, subject_names, stem(frame.event, lang), frozenset(),
                        as_written(frame.verb, text), as_written(frame.event, text),
                        stem(tokens[0], lang) if tokens else "")


def _frame_clause(prop: str, positions: list[tuple[str, int]], frame: Frame, lang: str, text: str,
                  names: frozenset[str]) -> DeniedClause | None:
    """The proposition a denying frame denies, to the end of its first clause."""
    # "Rusia ha negado apoyar a ...": who denies is who the proposition is about, unless it names
    # its own subject ("Peskov negó que Rusia ...").
    # (a frame naming nobody, "la empresa se negó a ...", gives its own words)
    extra = _who_denies(frame, names, lang)
    # What is denied ends with its clause: "rechazan que el Gobierno maneje fondos de reconstrucción,
    # dice un sondeo ..." denies managing the funds, not everything the sentence goes on to say.
    first_break = next((m.start() for m in re.finditer(r"[,;:.]", prop)), len(prop))
    end = _index_at(positions, first_break)
    cue = as_written(frame.verb, text) if frame.denied else "denied"
    return _clause(positions, 0, end if end >= 3 else len(positions), 0, cue, lang, names, extra)
