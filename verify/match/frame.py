"""The attribution frame around a claim's proposition: "X dijo que ...", "según X, ...", "..., afirmó X",
"X negó que / haber ...", and who speaks in it.

The matcher compares propositions, not who reported them: "Peskov dijo que Rusia no envió armas"
and "Rusia no envió armas" make one proposition. A denying verb in the frame ("negó que") denies the
proposition; a negated one ("no descarta que") leaves it open. Works on accent-folded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verify.lang import alternation, fold, load_data, words
from verify.match.vocabulary import CLITICS, NEGATION_FIXED, QUOTES, STOPWORDS, TOKEN, decimal_apostrophes, stem

# A noun of a reporting or denying verb's family is no verb: "negó haber recibido nueva información que
# apunte a ...", "contra los manifestantes que protestaban" (a stem such as "inform*" begins both); no
# form of those verbs ends so (the lexicon's `frame_verb_noun_endings`).
_NO_NOUN = "".join(rf"(?<!{re.escape(e)})" for e in words("frame_verb_noun_endings"))
# Reporting verbs that open an attribution frame ("X dijo que ...", "..., afirmó X"). Stems, so
# dijo/dice/dijeron and afirmó/afirma/afirmaron all match; accent-folded.
_REPORT = rf"(?:{alternation(words('report_verbs'))})(?!\w){_NO_NOUN}"
# Verbs whose complement the speaker denies ("X negó que ...", "X desmintió haber ...").
_DENY = rf"(?:{alternation(words('deny_verbs'))})(?!\w){_NO_NOUN}"
_AUX_FRAME = frozenset(words("perfect_auxiliaries"))  # "ha negado", "habría dicho"
_AUX = rf"(?:(?:{alternation(words('perfect_auxiliaries'))})\s+)?"
# (with a clitic: "desmintieron haberse reunido", "negó haberle ofrecido")
_INFINITIVE = re.compile(rf"(?:haber|\w+(?:ar|er|ir))(?:{alternation(sorted(CLITICS))})?\b")


def _between(word: str, most: int) -> str:
    """(Spanish) what may sit between a reporting verb and its "que" or infinitive: a place, a time or an
    addressee, a preposition and up to `most` `word`s ("afirmó el martes que", "dijo a los periodistas
    que", "negó ante el juez haber ...")."""
    return (rf"(?:\s+(?:a|al|ante|en|durante|desde|tras|con)\s+{word}(?:\s+{word}){{0,{most - 1}}}?"
            r"|\s+(?:el|este|esta)\s+(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|dia|mes|ano|fin de semana)"
            r"|\s+(?:hoy|ayer|tambien|ademas|luego|entonces))?")


# A manner adverb may come first ("negó rotundamente haber recibido", "desmintió categóricamente que"):
# it says how the speaker denies, not what. Before "que" only right before it: "reconoceremos
# normativamente a las familias monoparentales que alcanzan ..." is a relative clause.
_MANNER = rf"\s+\w{{2,}}(?:{alternation(words('manner_adverb_endings'))})\b"
_BETWEEN = _between(r"[^\s,;:.]+", 3)
# Before an infinitive, four words but none an infinitive itself: "negó ante los agentes del FBI haber
# disparado" (three until rules-65), not "se niega a atender nuestra propuesta de recontratar".
_BETWEEN_INF = _between(rf"(?!{_INFINITIVE.pattern})[^\s,;:.]+", 4)
_FRAME_HEAD = re.compile(
    # A time or an addressee may sit between the verb and "que" ("afirmó el martes que", "dijo a los
    # periodistas que"); an object may not ("rechazó una propuesta que ...": a relative clause).
    # The frame never spans a ";" ("Ochoa Reza llegó a Morena; dice que ...": two statements).
    rf"^(?P<frame>[^;]{{0,160}}?)\b{_AUX}(?P<verb>{_REPORT}|{_DENY})\b"
    rf"(?:{_MANNER}(?=\s+(?:que|that)\b|\s*:))?(?:{_BETWEEN}\s+(?:que|that)\b|\s*:)",
    re.IGNORECASE,
)
# "Peskov negó haber enviado armas", "se negó a declarar" (a refusal), "descarta la posibilidad de
# atribuir ..." / "de que ...": the denied complement follows the verb, an infinitive or a clause. A
# noun phrase ("rechazó una propuesta", "descartó cambios") is a decision, not the denial of a proposition.
_DENIED_NOUNS = rf"(?:la\s+|el\s+)?(?:{alternation(words('denied_nouns'))})\s+de\s+"
# A place, a time or an addressee may sit between the verb and its infinitive, as before "que" ("negó
# ante el juez haber adulterado", "rechazó en una entrevista apoyar"); an object may not.
_DENY_INF = re.compile(rf"^(?P<frame>[^;]{{0,120}}?)\b{_AUX}(?P<verb>{_DENY})\b(?:{_MANNER})?"
                       rf"(?:{_BETWEEN_INF}(?=\s+{_INFINITIVE.pattern}))?\s+"
                       rf"(?P<lead>a\s+|{_DENIED_NOUNS}(?:que\s+)?)?(?P<rest>.+)$", re.IGNORECASE)
# "La Iglesia copta desmintió el fallecimiento del papa", "negaron la muerte de Mehsud", "desmintió los
# rumores sobre la detención de ...": a denying verb before an event's noun denies that it happened, where
# "rechazó una propuesta" is a decision (the refusal verbs are left out, below) and "le negó la libertad
# condicional" a refusal (an indirect object's clitic before the verb); "rejected the sale" too.
_EVENT_DETERMINERS = alternation(words("event_determiners") + words("event_possessives"))
_EVENT = (rf"(?:(?:(?:{_EVENT_DETERMINERS})\s+)?(?:{alternation(words('event_reports'))})\s+"
          rf"(?:{alternation(words('event_report_links'))})\s+)?"
          rf"(?P<rest>(?:{_EVENT_DETERMINERS})\s+(?P<event>{alternation(words('denied_events'))})"
          rf"\b.*)$")
_DENY_EVENT = re.compile(rf"^(?P<frame>[^;]{{0,120}}?)\b{_AUX}(?P<verb>{_DENY})\b(?:{_MANNER})?{_BETWEEN}\s+{_EVENT}",
                         re.IGNORECASE)
_REFUSAL = re.compile(alternation(words("refusal_verbs")))
# Roles a speaker holds in an institution ("portavoz", "ministro", "spokesman"): verify/data/sides.json.
_ROLES = frozenset(fold(w) for w in load_data("sides.json")["role_nouns"] if " " not in w)
_INDIRECT = frozenset(words("indirect_clitics"))
# A reporting verb right after "y" ("X negó que ... y aseguró que ...") is the same speaker going on,
# not a frame around what came before it.
_COORDINATED = re.compile(rf"(?:^|[\s,])(?:{alternation(words('coordinators'))})\s*$")
# "El Supremo elevó a 15 años la condena ... al considerar que hubo violación": a verb of judging in an
# infinitive clause after a statement of the claim's own gives the statement's reason, no frame (lexicon
# `reason_clause_openers` right before one of `reasoning_verbs`); "generó polémica al afirmar que ..." is
# still what she said.
_REASON_CLAUSE = re.compile(rf"\S\s+(?:{alternation(words('reason_clause_openers'))})\s*$")
_REASONING = re.compile(alternation(words("reasoning_verbs")))
FRAME_VERB = re.compile(f"{_DENY}|{_REPORT}")
DENY_VERB = re.compile(_DENY)
# "Granado negó haber dicho que ...": a denying verb and a perfect infinitive ("haber", "having")
# before the reporting verb. What is denied is having said it.
_DENIED_SAYING = re.compile(rf"\b(?P<verb>{_DENY})\s+(?:{alternation(words('perfect_infinitives'))})\s*$")
_FRAME_NEGATORS = frozenset(words("negators") + words("additive_negators"))
_FRAME_TAIL = re.compile(
    # (one comma may follow: "..., sostuvo el candidato del PRI, José Antonio Meade")
    rf"[,;]\s*(?:{_AUX})(?P<verb>{_REPORT}|{_DENY})\b(?P<rest>[^,;]{{0,80}}(?:,[^,;]{{1,40}})?)$", re.IGNORECASE
)
# After a trailing reporting verb comes who said it (", dijo el portavoz del Kremlin"), not what is
# said: "..., descarta la posibilidad de atribuir este riesgo ..." is the claim's main verb.
_TAIL_COMPLEMENT = re.compile(r"\bque\b|\b(?:a|de)\s+\w+(?:ar|er|ir)\b|\bposibilidad\b")
# "Según X, ...", "de acuerdo con X", "para X" (in X's view) and the same at the end.
# (a comma inside a figure, "9,4 millones", ends nothing)
_ACCORDING_TO = alternation(words("according_to"))
_VIEWPOINT = alternation(words("viewpoint_prepositions"))
_SEGUN = re.compile(rf"^(?:{_ACCORDING_TO}|{_VIEWPOINT})\s+(?:[^,]|,(?=\d)){{1,80}},(?!\d)\s*", re.IGNORECASE)
_SEGUN_TAIL = re.compile(rf",\s*(?:{_ACCORDING_TO})\s+[^,]{{1,80}}$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Frame:
    """The attribution frame stripped off a claim: what is left, and whether the frame denies it."""

    proposition: str
    frame: str
    denied: bool
    hedged: bool = False  # "no descarta que ...": the speaker leaves it open
    verb: str = ""  # the denying verb, as folded ("nego", "descarta"), for reasons
    # the reporting verb of a denied saying, as folded ("negó haber dicho que ...": "dicho"): what the
    # speaker denies is having said the proposition
    saying: str = ""
    # the noun of a denied event, as folded ("desmintió la muerte de ...": "muerte"): the proposition is
    # a noun phrase, that event happened
    event: str = ""


def strip_frame(text: str) -> Frame:
    """Remove "X dijo que", "según X,", ", afirmó X", "X negó que/haber" around the proposition.

    Works on the accent-folded text. A denial verb in the frame ("negó que", "desmintió") marks the
    proposition as denied; an ordinary reporting verb leaves its stance alone.
    """
    t = fold(decimal_apostrophes(text)).translate(QUOTES)  # (as `restate.written` reads it: marks first)
    t = re.sub(r"\s+", " ", t).strip()
    frame_parts: list[str] = []
    denied = hedged = False
    verb = saying = ""
    for _ in range(2):  # "Según X, Y dijo que ..." has two layers
        m = _SEGUN.match(t)
        if m:
            frame_parts.append(m.group(0))
            t = t[m.end():]
            continue
        m = _FRAME_HEAD.match(t)
        if m and (_COORDINATED.search(m.group("frame")) or (
                len(m.group("frame").split()) > 4 and _REASON_CLAUSE.search(m.group("frame"))
                and _REASONING.fullmatch(m.group("verb")))):
            break  # "... en 2022 y aseguró que ...": what the speaker adds, not a frame; "... al considerar
            # que ...": why the subject did what the claim says
        if m and len(t) - m.end() > 10:
            denies = re.fullmatch(_DENY, m.group("verb")) is not None
            negation = _frame_negation(m.group("frame"))
            if negation == "before verb" and denies:
                hedged = True  # "no descarta que ..." / "no niega que ...": left open, not denied
            elif negation:
                # "no dijo que ...", or a negated clause of its own before the reporting verb ("López
                # Obrador no fue cuestionado ..., y recalcó que ..."): that clause is the claim's.
                break
            elif denies:
                denied, verb = True, m.group("verb")
            elif said := _DENIED_SAYING.search(m.group("frame")):
                denied, verb, saying = True, said.group("verb"), m.group("verb")
            frame_parts.append(m.group(0))
            t = t[m.end():].strip(" ,:")
            continue
        break
    if not frame_parts:
        m = _DENY_INF.match(t)
        lead = (m.group("lead") or "") if m else ""
        if (m and len(m.group("frame").split()) <= 12 and len(m.group("rest")) > 10
                and (lead.rstrip().endswith("que") or _INFINITIVE.match(m.group("rest")))):
            negation = _frame_negation(m.group("frame"))
            if negation != "elsewhere":
                frame_parts.append(t[: m.start("rest")])
                denied, hedged = negation is None, negation is not None
                verb = m.group("verb")
                t = m.group("rest")
    event = ""
    if not frame_parts:
        event, event_verb, rest = _denied_event(t)
        if event:
            frame_parts.append(t[: len(t) - len(rest)])
            denied, verb, t = True, event_verb, rest
    m = _FRAME_TAIL.search(t)
    if m and m.start() > 10 and not _TAIL_COMPLEMENT.search(m.group("rest")):
        frame_parts.append(m.group(0))
        if re.fullmatch(_DENY, m.group("verb")):
            denied, verb = True, verb or m.group("verb")
        t = t[: m.start()]
    m = _SEGUN_TAIL.search(t)
    if m and m.start() > 10:
        frame_parts.append(m.group(0))
        t = t[: m.start()]
    return Frame(t.strip(" .,;:"), " ".join(frame_parts).strip(), denied, hedged, verb, saying, event)


def _denied_event(t: str) -> tuple[str, str, str]:
    """(the event's noun, the denying verb, the noun phrase from its determiner on) where a short frame
    denies an event (`_DENY_EVENT`), else ("", "", "")."""
    m = _DENY_EVENT.match(t)
    if not m or len(m.group("frame").split()) > 12 or _REFUSAL.fullmatch(m.group("verb")):
        return "", "", ""
    before = TOKEN.findall(m.group("frame"))
    if (before and before[-1] in _INDIRECT) or _frame_negation(m.group("frame")) is not None:
        return "", "", ""  # "le negó la libertad": a refusal; "no negó la muerte": nothing denied
    return m.group("event"), m.group("verb"), m.group("rest")


def _frame_negation(frame: str) -> str | None:
    """Where a frame is negated: "before verb" ("el Kremlin no descarta", "no ha negado"), "elsewhere"
    (a clause of its own), or None."""
    tokens = TOKEN.findall(NEGATION_FIXED.sub(" ", frame))  # "Peláez, no obstante, negó que ..." is no negation
    hits = [i for i, w in enumerate(tokens) if w in _FRAME_NEGATORS]
    if not hits:
        return None
    tail = tokens[hits[-1] + 1:]
    return "before verb" if len(tail) <= 3 and all(w in CLITICS or w in _AUX_FRAME for w in tail) else "elsewhere"


def as_written(folded_word: str, text: str) -> str:
    """A folded word of the frame as the claim writes it ("nego" -> "negó"), for reasons."""
    return next((w for w in re.findall(r"\w+", text) if fold(w) == folded_word), folded_word or "negó")


def speaker_stems(speaker: str, frame: Frame, names: frozenset[str], lang: str) -> frozenset[str]:
    """Stems of who speaks: the extractor's speaker, else the frame's last run of capitalised words
    ("El portavoz del Kremlin, Dmitri Peskov, dijo que" -> Dmitri Peskov)."""
    name = [w for w in TOKEN.findall(fold(speaker)) if w not in STOPWORDS]
    # A role with a name ("un portavoz de Hamás") is who the name is; a role of an institution ("un
    # portavoz de la policía tailandesa") is the institution.
    name = [w for w in name if w in names] or [w for w in name if w not in _ROLES] or name
    if not name and frame.frame:
        run: list[str] = []
        for token in re.findall(r"\w+|[^\w\s]", frame.frame):
            if token in names and token not in STOPWORDS and not FRAME_VERB.fullmatch(token):
                run.append(token)
                name = run
            elif not (run and token in ("de", "del")):
                run = []
    return frozenset(stem(w, lang) for w in name if len(w) > 1)


def frame_names(frame: Frame, names: frozenset[str], lang: str) -> frozenset[str]:
    """Stems of every name in a claim's attribution frame ("Meade admitió que ..." -> {mead})."""
    return frozenset(stem(t, lang) for t in TOKEN.findall(frame.frame)
                     if t in names and t not in STOPWORDS and not FRAME_VERB.fullmatch(t))
