"""What the matcher reads off one claim's text (`ClaimFeatures`): the proposition without its
attribution frame, negation cues and their scope, the clauses it denies, hedges, figures with their
units, opposite directions, content-word stems, names.

Everything here is plain Python on one string; `features()` runs once per claim and the pair rules
(`verify.match.rules`) only compare the resulting sets, so a claim linked against many others is
parsed once. Each reading has its own module: `frame` (who says it), `negation` (cues and scope),
`denial` (what is denied), `figures`, `directions` (antonyms); their words are in `vocabulary`.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import lru_cache

from verify.lang import alternation, fold, words
from verify.match.calling_off import CalledOff, called_off, calls_off
from verify.match.contests import Contest, contests
from verify.match.denial import DeniedClause, denied_clauses
from verify.match.directions import antonym_groups
from verify.match.figures import Figure, figure_tokens, figures
from verify.match.frame import Frame, frame_names, speaker_stems, strip_frame
from verify.match.names import demonym_places, named_by_demonym, named_otherwise, not_an_actor
from verify.match.negation import covers_main_clause, read_negation, text_negated
from verify.match.restate import asked_question, denied_statement, statement
from verify.match.vocabulary import (
    MONTHS,
    MULTIPLIERS,
    NEGATION_WORDS,
    QUOTES,
    STOPWORDS,
    SYNONYMS,
    TOKEN,
    WEEKDAYS,
    prop_raw_lower,
    stem,
)

_HEDGES = frozenset(words("hedge_words"))
# "el temor entre las potencias occidentales de que Corea del Norte brinde armas": what a fear, a
# suspicion or a rumour is about is not stated (a few words may stand between the noun and "de que").
_UNASSERTED = re.compile(rf"\b(?:{alternation(words('unasserting_nouns'))})\b"
                         r"(?:\s+\w+){0,5}?\s+(?:(?:de|a)\s+que|that)\b")
# Verbs that ask for, seek or hope for what follows: "pidió la ayuda de Rusia" does not state that
# Russia helps, so a denial that Russia helps does not contradict it.
_REQUEST_VERBS = words("request_verbs")
# Nouns that state something is missing ("ausencia de negociación" does not assert a negotiation), and
# verbs that undo what follows them ("revocó la absolución", "levantó el veto": no absolution, no veto).
_ABSENCE = frozenset(words("absence_words"))
# Nouns of someone's part in something ("responsabilidad", "implicación"): a denial of one is of the
# denier's own part (`ClaimFeatures.denies_involvement`).
_INVOLVEMENT_NOUNS = frozenset(words("involvement_nouns"))
# Words a term runs until ("hasta") or from ("desde"): a month after one is no month of the event
# (`_ceiling_months`).
_TERM_BOUNDS = frozenset(words("until_words")) | frozenset(words("since_words"))
# A one-word name is met by a word of the other claim whose stem begins as its own does for this many
# letters or more, the shorter stem whole: "Gendarmería" by "gendarmes" (gendarmeri / gendarm), "Suiza"
# by "suizas" (one stem); shorter stems say too little ("Real" / "realizó").
_NAME_STEM_PREFIX = 6
_HYPHEN_PART = 4  # letters of a hyphenated name's last part that meet it alone ("Gallardón", "Asad"; not "un")
_PLACEHOLDER = re.compile(r"\*\s*([A-Z]{3,})\s*\*")
_CAP = re.compile(r"\b[A-ZÁÉÍÓÚÑ][\wáéíóúñü]+"
                  r"(?:\s+(?:de\s+|del\s+|la\s+|da\s+|do\s+|dos\s+|van\s+|von\s+|di\s+)?[A-ZÁÉÍÓÚÑ][\wáéíóúñü]+)*")


@dataclass(frozen=True, slots=True)
class ClaimFeatures:
    """What the pair rules compare, read once per claim."""

    proposition: str  # folded, frame removed
    denied: bool  # the proposition as a whole is denied (frame verb, "no hay pruebas de", "es falso") or
    # a negation sits in its first clause
    negation_heads: frozenset[str]  # stems of the first content words each negation governs
    hedged: bool
    stems: frozenset[str]  # content-word stems of the proposition
    negated: frozenset[str]  # stems inside some negation's scope
    cues: tuple[str, ...]  # negation cues found in the proposition, for the reason
    text_negated: bool  # some negation cue anywhere in the claim, frame included ("no sólo" etc. excepted)
    figures: tuple[Figure, ...]
    names: frozenset[str]  # folded capitalised tokens / entity names
    antonym_groups: dict[int, frozenset[str]]  # antonym group id -> the stems that carry it
    stem_words: dict[str, str]  # stem -> a surface word, to print readable reasons
    name_words: dict[str, str]  # folded name -> as written, for reasons
    denied_clauses: tuple[DeniedClause, ...] = ()  # what the claim denies, predicate by predicate
    requested: frozenset[str] = frozenset()  # stems only asked for or sought ("pidió ayuda", "busca apoyo")
    missing: frozenset[str] = frozenset()  # ... of which those said to be missing ("la falta de progreso")
    # Stems of the words the claim asserts: all of them unless the parser marked side clauses (a
    # condition, a relative clause, a clausal subject: see verify.extract.clauses), whose words the
    # claim mentions without stating. None: no parse, read `stems`.
    asserted: frozenset[str] | None = None
    roles: frozenset = frozenset()  # verify.match.roles.RoleFact: standing roles the claim states
    # Who speaks ("Meade admitió que ...", or the extractor's speaker), as stems: the subject of a
    # proposition that names none of its own ("... pensaba que su voto ...", "no regresará a ...").
    speaker_stems: frozenset[str] = frozenset()
    prop_name_stems: frozenset[str] = frozenset()  # stems of the names the proposition itself mentions
    frame_name_stems: frozenset[str] = frozenset()  # every name in the frame, the speaker's included
    prop_names: frozenset[str] = frozenset()  # folded names the proposition itself mentions
    left_open: bool = False  # "no descarta que ...", "el temor de que ...": neither asserted nor denied
    # Every folded word the claim writes, the frame's names included: where another claim's names are met.
    mentions: frozenset[str] = frozenset()
    # states and regions the claim names by a demonym ("las fuerzas marroquíes" -> "marruecos")
    demonym_places: frozenset[str] = frozenset()
    # The folded names the extractor took for people's (entity kind PER): who may be convicted, unlike the
    # court that convicts ("la Audiencia de Málaga") or who asked for the sentence ("la Fiscalía"). None
    # where the claim came with no entities: who is a person is unknown, not no one.
    persons: frozenset[str] | None = None
    # The proposition as written, and what the claim denies (in its frame, by opening with a denial, or
    # in an answer) restated as a sentence ("" when it denies nothing so): what the judge reads against
    # another claim (`verify.match.restate`).
    statement: str = ""
    denied_statement: str = ""
    # The denied statement is the question the claim says was put ("Cuando se le preguntó si X, dijo:
    # «No, ...»"): the words the claim writes deny only what the answer points back at.
    denies_the_question: bool = False
    # What is denied is the denier's part in something ("negó cualquier responsabilidad en la muerte de
    # Nisman", "denied any involvement"): an involvement noun opens the denied statement.
    denies_involvement: bool = False
    # The claim says someone admits something ("Jordi Pujol admitió que ...", "CMPC reconoció haber
    # participado ..."; the lexicon's `admission_verbs`, not negated): against that one's denial, one
    # speaker's two stances (`verify.match.signals.Admitted`).
    admits: bool = False
    # hedged only as the extractor reads "según X" (a source named, no hedge in the text): a copy of a
    # statement with its source added is still a repeat (`verify.match.rules.decide`)
    sourced: bool = False
    # the months the claim names, as stems ("en enero" -> {ener}, "in June" -> {june}); not one inside a
    # longer name ("Julio Anguita"): two claims naming two months tell of two months' figures
    # (`verify.match.rules.evidence`)
    months: frozenset[str] = frozenset()
    # the weekdays the claim's proposition names, folded ("cierran al alza el martes" -> {martes}): two
    # claims naming two days tell of two days' moves, like two months (`verify.match.rules.evidence`)
    weekdays: frozenset[str] = frozenset()
    # who beat whom, as the claim states it ("Nadal derrota a Djokovic"): the same two sides swapped in
    # another claim are a conflict (`verify.match.contests`)
    contests: tuple[Contest, ...] = ()
    # what the claim calls off ("cancela su visita"), and whether it writes a calling-off word at all, even
    # negated: an event called off against one taking place is a conflict (`verify.match.calling_off`)
    called_off: tuple[CalledOff, ...] = ()
    calls_off: bool = False
    language: str = "es"  # whose stemmer made `stems`

    @property
    def asserted_stems(self) -> frozenset[str]:
        return self.stems if self.asserted is None else self.asserted

    def names_speaker_of(self, other: ClaimFeatures) -> bool:
        """This claim names who speaks in `other` (its speaker's stems among this claim's words or names):
        the denier of one claim met in the other (`signals.denied`, `signals.Admitted`)."""
        return bool(other.speaker_stems & (self.stems | self.frame_name_stems | self.prop_name_stems))

    def names_missing_in(self, other: ClaimFeatures) -> frozenset[str]:
        """The names this claim's proposition mentions that `other` does not mention anywhere, as a
        name or, by its last word, among its words, its frame's included: "lopez obrador" is met by
        "Andrés Manuel López Obrador", "nieto" by "Peña Nieto", "esperanza aguirre" by "Aguirre negó
        haber pedido ..." (who denies is who the claim is about). Names in this claim's own frame (who
        speaks) are not what it is about. A name the other claim writes another way ("UE" / "Unión
        Europea", `verify.match.names`) is met, and so is a one-word name the other writes as a word of
        its stem or of a stem it begins ("Suiza" by "cuentas suizas", "Gendarmería" by "gendarmes":
        `_NAME_STEM_PREFIX`), and a state or region the other calls by its demonym ("Marruecos" by "las
        fuerzas marroquíes"); a capitalised function word ("Nunca") is no name. A hyphenated last word is
        met by its last part too ("Alberto Ruiz-Gallardón" by "Gallardón")."""
        return frozenset(n for n in self.prop_names if n not in other.names and not _last_word_met(n, other.mentions)
                         and not not_an_actor(n) and not named_otherwise(n, other.names)
                         and not named_by_demonym(n, other.demonym_places)
                         and not (" " not in n and _stem_met(stem(n, self.language), other.stems)))

    def persons_missing_in(self, other: ClaimFeatures) -> frozenset[str]:
        """`names_missing_in` that are people's, all of them where the kinds are unknown."""
        missing = self.names_missing_in(other)
        return missing if self.persons is None else missing & self.persons


def _last_word_met(name: str, mentions: frozenset[str]) -> bool:
    """A name's last word, or the last part of a hyphenated one ("ruiz-gallardon" -> "gallardon", not a
    short or function word: "jong-un"), among `mentions` (`ClaimFeatures.names_missing_in`)."""
    last = name.split()[-1]
    part = last.rsplit("-", 1)[-1]
    return last in mentions or (part != last and len(part) >= _HYPHEN_PART and part not in STOPWORDS
                                and part in mentions)


def _stem_met(name_stem: str, stems: frozenset[str]) -> bool:
    """A one-word name's stem is among `stems`, or one of them begins it or is begun by it and the shorter
    has `_NAME_STEM_PREFIX` letters or more (`ClaimFeatures.names_missing_in`)."""
    if name_stem in stems:
        return True
    return any(len(short) >= _NAME_STEM_PREFIX and long.startswith(short)
               for short, long in (sorted((s, name_stem), key=len) for s in stems))


def _ceiling_months(proposition: str, language: str) -> frozenset[str]:
    """The months a proposition names only as an end of a term ("seguirá en la presidencia hasta agosto
    de 2013", "gobernará Colombia desde agosto"): when something lasts, not when it happened, as a year
    after "hasta" is (`Figure.bound`)."""
    tokens = TOKEN.findall(fold(proposition))
    months = MONTHS.get(language, frozenset())
    after = {stem(t, language) for k, t in enumerate(tokens) if k and tokens[k - 1] in _TERM_BOUNDS}
    elsewhere = {stem(t, language) for k, t in enumerate(tokens) if not (k and tokens[k - 1] in _TERM_BOUNDS)}
    return frozenset((after - elsewhere) & months)


def features(text: str, language: str | None = None, entity_names: tuple[str, ...] = (),
             denied_by_context: bool = False, side_spans: tuple[tuple[int, int], ...] = (),
             speaker: str = "") -> ClaimFeatures:
    """Parse one claim's text (see module docstring). `denied_by_context`: the extractor saw the whole
    claim denied outside its sentence ("..., algo que Peskov negó"), so its proposition is one denied clause.
    `side_spans`: character spans of `text` in side clauses (`Claim.side_spans`): a negation there
    denies nothing the claim asserts, and their words are mentioned, not asserted.
    `speaker`: who the extractor says is speaking, else the frame's last name ("El Bronco dijo que")."""
    lang = "en" if language == "en" else "es"
    frame = strip_frame(text)
    prop = frame.proposition
    capitalised = _capitalised_words(text)
    speakers = speaker_stems(speaker, frame, capitalised, lang)
    side_tokens = _side_tokens(text, prop, side_spans)
    scope = read_negation(prop, side_tokens, lang)
    positions = scope.positions
    denied = frame.denied or scope.whole or (
        bool(scope.main_negated) and covers_main_clause(positions, scope.main_negated))
    clauses = denied_clauses(prop, positions, scope.word_cues, frame, lang, text, capitalised,
                             denied_by_context, side_tokens or set(), speakers)
    stems, asserted, negated, stem_words = _content_words(text, positions, side_tokens, scope.negated_tokens,
                                                          scope.whole or frame.denied, lang)
    name_words = {fold(n): n for n in entity_names if n} or _capitalised(text)
    masked, name_words, clauses = _without_placeholders(text, lang, name_words, clauses)
    stems -= masked
    asserted -= masked
    names = set(name_words)
    name_tokens = frozenset(w for n in names for w in n.split())
    written = TOKEN.findall(fold(text))
    unasserted = bool(_UNASSERTED.search(prop))  # "el temor de que ...": left open, and a hedge
    # Opposites count in what the claim asserts: "sus padres, que murieron en ..." does not state a death.
    groups = antonym_groups(text, stems if side_tokens is None else asserted, stem_words, lang)
    denial = denied_statement(text, frame, lang, speaker)
    missing = _missing(positions, lang)
    return ClaimFeatures(
        proposition=prop,
        denied=bool(denied),
        negation_heads=frozenset(scope.heads),
        hedged=_hedged(frame, positions) or unasserted,
        stems=frozenset(stems),
        negated=frozenset(negated),
        cues=tuple(dict.fromkeys(scope.cues)),
        text_negated=text_negated(text),
        figures=tuple(figures([t.group() for t in figure_tokens(prop)], lang, name_tokens)),
        names=frozenset(names),
        antonym_groups=groups,
        stem_words=stem_words,
        name_words=name_words,
        denied_clauses=clauses,
        requested=_requested(positions, lang, missing),
        missing=missing,
        asserted=None if side_tokens is None else frozenset(asserted),
        speaker_stems=speakers - masked,
        frame_name_stems=(speakers | frame_names(frame, capitalised, lang)) - masked,
        prop_name_stems=frozenset(stem(w, lang) for n in names if n in prop for w in n.split()) - masked,
        prop_names=frozenset(n for n in names if n in prop),
        left_open=frame.hedged or unasserted,
        mentions=frozenset(written) | name_tokens,
        demonym_places=demonym_places(written),
        statement=statement(text, frame),
        denied_statement=denial,
        denies_the_question=bool(denial) and denial == asked_question(text, lang),
        denies_involvement=bool(denial) and fold(denial.split(" ", 1)[0]) in _INVOLVEMENT_NOUNS,
        admits=_admits(written, lang),
        # a month or a weekday in a name of more words is none ("Julio Anguita", "Plácido Domingo"); alone
        # it is one, capitalised as English writes it ("in June", "on Friday")
        months=frozenset(stems & MONTHS.get(lang, frozenset()))
        - {stem(w, lang) for n in names if " " in n for w in n.split()} - _ceiling_months(prop, lang),
        weekdays=frozenset(set(TOKEN.findall(fold(prop))) & WEEKDAYS.get(lang, frozenset()))
        - {w for n in names if " " in n for w in n.split()},
        contests=contests(text, lang),
        called_off=_as_written(called_off(prop, lang), text),
        calls_off=calls_off(prop, lang),
        language=lang,
    )


_ADMITTED_REACH = 5  # words after a verb of admitting where what is admitted begins ("admitió ante el juez que")


@lru_cache(maxsize=8)
def _admission_words(lang: str) -> tuple[frozenset[str], frozenset[str]]:
    """The lexicon's `admission_verbs` and `admission_links`, read once per language, not per claim."""
    return frozenset(words("admission_verbs", (lang,))), frozenset(words("admission_links", (lang,)))


def _admits(written: list[str], lang: str) -> bool:
    """A verb of admitting among the claim's folded words with what is admitted after it, a clause or a
    perfect infinitive within a few words ("admitió en un comunicado que", "reconoció en 2015 haber
    participado"; the lexicon's `admission_links`: "la ley que reconoce personalidad jurídica" admits
    nothing), and no negation in the two words before it ("no reconoce")."""
    verbs, links = _admission_words(lang)
    return any(w in verbs and links & set(written[k + 1:k + 1 + _ADMITTED_REACH])
               and not NEGATION_WORDS & set(written[max(0, k - 2):k]) for k, w in enumerate(written))


def _without_placeholders(text: str, lang: str, name_words: dict[str, str], clauses: tuple[DeniedClause, ...],
                          ) -> tuple[set[str], dict[str, str], tuple[DeniedClause, ...]]:
    """Redaction placeholders ("*NUMBER*", "*NAME*" in anonymised corpora) stand for a value nobody can
    compare: neither names nor shared words. Returns their folded words and stems (to take out of the
    claim's stems), and the names and denied clauses without them."""
    masked = {fold(m.group(1)) for m in _PLACEHOLDER.finditer(text)}
    if not masked:
        return masked, name_words, clauses
    name_words = {k: v for k, v in name_words.items() if k not in masked}
    masked |= {stem(w, lang) for w in masked}
    clauses = tuple(dataclasses.replace(c, subject=c.subject - masked, subject_names=c.subject_names - masked,
                                        arguments=c.arguments - masked,
                                        subject_head="" if c.subject_head in masked else c.subject_head)
                    for c in clauses)
    return masked, name_words, clauses


def _content_words(text: str, positions: list[tuple[str, int]], side_tokens: set[int] | None,
                   negated_tokens: set[int], all_negated: bool,
                   lang: str) -> tuple[set[str], set[str], set[str], dict[str, str]]:
    """(stems, asserted stems, negated stems, stem -> a surface word) of the proposition's content
    words. Asserted: outside side clauses; negated: in a negation's scope, or all when `all_negated`."""
    # Reasons quote words as the claim wrote them, accents and all.
    surface = {fold(w): w for w in re.findall(r"\w+", prop_raw_lower(text))}
    stem_words: dict[str, str] = {}
    stems: set[str] = set()
    asserted: set[str] = set()
    negated: set[str] = set()
    for idx, (tok, _) in enumerate(positions):
        if tok in STOPWORDS or tok in NEGATION_WORDS or tok in MULTIPLIERS or tok[:1].isdigit() or len(tok) < 2:
            continue
        s = stem(SYNONYMS.get(tok, tok), lang)
        stems.add(s)
        if side_tokens is None or idx not in side_tokens:
            asserted.add(s)
        stem_words.setdefault(s, surface.get(tok, tok))
        if all_negated or idx in negated_tokens:
            negated.add(s)
    return stems, asserted, negated, stem_words


def _hedged(frame: Frame, positions: list[tuple[str, int]]) -> bool:
    """A hedge in the proposition or its frame ("podría", "supuestamente"), or a frame that leaves
    the proposition open ("no descarta que")."""
    return frame.hedged or any(tok in _HEDGES for tok, _ in positions) or any(
        w in _HEDGES for w in re.findall(r"\w+", fold(frame.frame))
    )


def _as_written(calls: tuple[CalledOff, ...], text: str) -> tuple[CalledOff, ...]:
    """Each calling-off word with its accents, for the reason ("aplazó", not "aplazo")."""
    if not calls:
        return calls
    written = {fold(w): w for w in re.findall(r"\w+", prop_raw_lower(text))}
    return tuple(dataclasses.replace(c, word=written.get(c.word, c.word)) for c in calls)


def _missing(positions: list[tuple[str, int]], lang: str) -> frozenset[str]:
    """Stems of words said to be missing: two words after "ausencia", "falta", "sin" ..."""
    return frozenset({stem(positions[j][0], lang) for j in range(len(positions))
                      if any(positions[k][0] in _ABSENCE for k in range(max(0, j - 2), j))})


def _requested(positions: list[tuple[str, int]], lang: str, missing: frozenset[str]) -> frozenset[str]:
    """Stems of words only asked for or sought (up to four words after "pidió", "busca", ...) or said
    to be missing (`missing`, from `_missing`)."""
    request_stems = {stem(w, lang) for w in _REQUEST_VERBS}
    return frozenset({stem(positions[j][0], lang) for j in range(len(positions))
                      if any(stem(positions[k][0], lang) in request_stems for k in range(max(0, j - 4), j))}
                     ) | missing


def _side_tokens(text: str, prop: str, side_spans: tuple[tuple[int, int], ...]) -> set[int] | None:
    """Indices of the proposition's tokens that fall in `side_spans` (offsets into `text`).

    The proposition is the folded text less its frame, so its tokens are a run of the text's own
    tokens: find the run, then read each token's offset in `text`. None when there are no spans or
    the two tokenisations disagree (then the claim is read without side clauses, as before).
    """
    if not side_spans:
        return None
    raw = [m.start() for m in TOKEN.finditer(text)]
    folded = TOKEN.findall(fold(text).translate(QUOTES))
    mine = TOKEN.findall(prop)
    if len(raw) != len(folded) or not mine:
        return None
    width = len(mine)
    at = next((i for i in range(len(folded) - width + 1) if folded[i:i + width] == mine), None)
    if at is None:
        return None
    return {j for j in range(width) if any(a <= raw[at + j] < b for a, b in side_spans)}


def _capitalised_words(text: str) -> frozenset[str]:
    return frozenset(fold(m.group(0)) for m in re.finditer(r"\b[A-ZÁÉÍÓÚÑ]\w+", text))


def _capitalised(text: str) -> dict[str, str]:
    """Capitalised words and runs not at a sentence start: a fallback for names when no entities are given."""
    out: dict[str, str] = {}
    for m in _CAP.finditer(text):
        before = text[: m.start()].rstrip()
        sentence_start = not before or before[-1] in ".!?¿¡:«\"“"
        name = fold(m.group(0))
        if sentence_start and " " not in name:
            continue
        if name in STOPWORDS:
            continue
        out[name] = m.group(0)
    return out
