"""What a claim states and what its denial denies, written back as sentences the judge can read.

The frame parser (`verify.match.frame`) works on folded text and knows that "El GIEI negó que los
cuerpos de los estudiantes hubieran sido quemados en el basurero" denies a proposition. Whether another
claim ("... fueron asesinados por narcos e incinerados en un basurero") states that proposition is a
question of entailment, which the judge answers on news far better than whether two whole claims
contradict each other: on the labelled pair files the reading of a frame's denied statement against the
other claim adds 9 contradictions from 0.70, none wrong, where the judge alone needs 0.95 (docs/QUALITY.md,
session 22). So a denial is restated as a sentence:

- the proposition as the claim writes it (case and accents back, the frame off);
- an infinitive complement gets who denies as its subject and, for the verbs of the lexicon's
  `restated_verbs`, a finite form: "Chávez negó haber hostigado a los sacerdotes" -> "Chávez ha hostigado a
  los sacerdotes";
- words that only make sense under the denial go ("entrevista alguna" -> "entrevista", "ningún delito"
  -> "un delito": the lexicon's `polarity_items` and `negative_determiners`);
- what the speaker adds after it ("..., y calificó la versión de falsa", "... y cifró su coste en
  23.000", "es falso que ...: la moción se refería al boicot") is cut: it is not denied;
- a denied event ("desmintió la muerte de la actriz", `Frame.event`) is restated as having happened
  ("Se produjo la muerte de la actriz": the lexicon's `event_restatement`);
- a denial of having said something ("Granado negó haber dicho que los socialistas lo hicieran fatal")
  is restated as the saying ("Granado ha dicho que ..."), the proposition as it was said.

A statement that opens with the words a denial takes without a denying verb ("no hay pruebas de que
...", "es falso que ...": the lexicon's `denial_openers`) denies what follows them, as a frame's denial
does (`opened_denial`).

A claim that negates its own main clause denies something said when it answers: "No, ..." or a
quotation in reply ("«Nunca hemos pactado ...», replicó la portavoz": the lexicon's `reply_verbs`); the
clause is restated without its negation (`replied_denial`), unless it points back at the question
("participando en esto": the lexicon's `anaphors`); where the claim gives the question ("cuando se le
preguntó si Rusia consideraba apoyar militarmente a Libia": the lexicon's `question_verbs` and
`question_connectors`), an answer "No, ..." or one that points back denies the question. So is a
quotation that denies with emphasis ("«La cuenta no ha sido bloqueada en ningún momento», aseguró un
portavoz": the lexicon's `negative_fillers` but "nunca", which also says how often). A quotation in
which its speaker negates their own act in the first person, "nunca" or not, is restated first, in the
third person with the speaker as subject ("«Nunca recibí un solo peso de Odebrecht», dijo Lozoya" ->
"Lozoya recibió algún peso de Odebrecht": `quoted_denial`, rules-122). So is a denial added after a
relative or a coordinator, as a denial of its own with the speaker as subject ("..., insistió Camps,
que negó haber recibido regalos" -> "Camps ha recibido regalos": `added_denial`, rules-124), one in the
frame before what the claim reports next ("García Luna negó haber recibido dinero del cártel y sus
abogados sostuvieron que ..." -> "García Luna ha recibido dinero del cártel": `framed_denial`, rules-126)
and a correction's denied half ("por abuso sexual, no por violación" -> "por violación":
`contrasted_denial`, rules-126). Any other negation of a claim's own clause gets no restatement:
reading them all so was measured and left out (on all of news_es 11 more contradictions, 3 right:
docs/QUALITY.md, session 22). Nor does a refusal
("se negó a declarar", "descartó dimitir": the lexicon's `refusal_verbs` before an infinitive), which
denies nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

from verify.lang import alternation, fold, lexicon, table, words
from verify.match.figures import Figure, figure_tokens, written_words
from verify.match.frame import DENY_VERB, FRAME_VERB, Frame, strip_frame
from verify.match.names import not_an_actor
from verify.match.vocabulary import CLITICS, DOUBLE_QUOTATION, MULTIPLIERS, QUOTES, STOPWORDS, decimal_apostrophes

_FOLLOW_UP = re.compile(rf"(?:{alternation(words('follow_up_verbs'))})")
_CONNECTIVE = re.compile(r"^(?:[^,]{0,25},\s+)(?=\S)")  # "Por su parte, ", "Sin embargo, "


@lru_cache(maxsize=4096)  # a claim's statement and its denial both place its proposition
def written(text: str, folded_part: str) -> tuple[int, int] | None:
    """Where `folded_part` (a piece of `strip_frame`'s folded, quote-normalised, space-collapsed text)
    sits in `text` as written: (start, end), or None."""
    chars: list[str] = []
    at: list[int] = []
    for i, ch in enumerate(decimal_apostrophes(text)):
        for c in fold(ch).translate(QUOTES):
            chars.append(c)
            at.append(i)
    if not folded_part:
        return None
    m = re.search(r"\s+".join(re.escape(w) for w in folded_part.split()), "".join(chars))
    return (at[m.start()], at[m.end() - 1] + 1) if m else None


def statement(text: str, frame: Frame) -> str:
    """The proposition as the claim writes it (the frame off), or the whole text when it cannot be
    placed."""
    span = written(text, frame.proposition)
    return text[span[0]:span[1]].strip(" \"'«»“”‘’") if span else text


def with_figure(text: str, figure: Figure, other_text: str, other: Figure) -> str | None:
    """`text` with its `figure` written as `other_text` writes `other` (multipliers included: "unas 2.500
    personas asistieron" with "7.000" of "más de 7.000 personas" -> "unas 7.000 personas asistieron"), so
    the judge can say whether the two claims state one thing but for the figure; None when either figure
    is not written exactly once in its text. Two figures written in two units ("un túnel de 1,5
    kilómetros" / "medía unos 300 metros", "doce meses" / "cinco años": `verify.match.rules` converts
    them) are put in with their units, or "unos 1,5 metros" would be a third figure."""
    units = _unit_words(figure), _unit_words(other)
    with_unit = all(units) and units[0] != units[1]
    span, other_span = _figure_span(text, figure, with_unit), _figure_span(other_text, other, with_unit)
    if span is None or other_span is None:
        return None
    return text[:span[0]] + other_text[other_span[0]:other_span[1]] + text[span[1]:]


def _unit_words(figure: Figure) -> list[str]:
    """The unit a figure's text writes after its number ("kilómetros" of "1,5 kilómetros"), if any."""
    return figure.text.split()[len(written_words(figure)):]


def _figure_span(text: str, figure: Figure, with_unit: bool = False) -> tuple[int, int] | None:
    """Where `figure`'s number and the multipliers after it ("1,2 millones") are written in `text`, and its
    unit after them where `with_unit` and written so."""
    tokens = figure_tokens(decimal_apostrophes(text))  # same length; "1'23" is the figure "1,23"
    number = written_words(figure)  # "treinta y siete"; a span of time is written "doce meses" (`rules._in_days`)
    at = [i for i in range(len(tokens) - len(number) + 1)
          if [fold(token.group()) for token in tokens[i:i + len(number)]] == number]
    if len(at) != 1:
        return None
    start, end = tokens[at[0]].start(), tokens[at[0] + len(number) - 1].end()
    after = at[0] + len(number)
    for token in tokens[after:]:
        if fold(token.group()) not in MULTIPLIERS or text[end:token.start()].strip():
            break
        end, after = token.end(), after + 1
    unit = [fold(word) for word in _unit_words(figure)] if with_unit else []
    if unit and [fold(t.group()) for t in tokens[after:after + len(unit)]] == unit:
        end = tokens[after + len(unit) - 1].end()
    return start, end


def denied_statement(text: str, frame: Frame, language: str = "es", speaker: str = "") -> str:
    """What the claim denies, as a sentence (module docstring): its frame's denial, or a statement that
    opens by denying ("no hay pruebas de que ..."); "" when it denies neither way or the proposition
    cannot be placed in the text."""
    if frame.hedged:
        return ""
    if not frame.denied:
        said = statement(text, frame)
        return (opened_denial(said, language) or contrasted_denial(said, language)
                or quoted_denial(text, language, speaker) or added_denial(text, language, speaker)
                or framed_denial(text, frame, language, speaker) or replied_denial(text, frame, language))
    span = written(text, frame.proposition)
    if span is None:
        return ""
    head, said = text[:span[0]], text[span[0]:span[1]].strip(" \"'«»“”‘’")
    if frame.saying:
        return _denied_saying(head, said, frame, language, speaker)
    head_words = fold(head).split()
    if head_words and head_words[-1] in ("a", "to"):
        return ""  # "se negó a declarar": a refusal, not a denial
    said = _without_polarity(said, language, head_words[-1] if head_words else "")
    first, _, rest = said.partition(" ")
    verbs = table("restated_verbs", (language,))
    endings = lexicon(language).get("infinitive_endings", ())
    que_clause = bool(head_words) and head_words[-1] in ("que", "that")
    verb, clitic = clitic_off(fold(first), language)
    if not que_clause and _refusal([verb, *fold(rest).split()], frame, language, verbs, endings):
        return ""  # "descartó dimitir": a refusal to act, not a denial of an act
    if not que_clause and (verb in verbs or verb.endswith(endings)):
        # "X negó haber ...": the infinitive's subject is who denies ("haberse reunido" -> "se ha reunido").
        finite = verbs.get(verb, first if not clitic else verb)
        said = " ".join(w for w in (_subject(head, frame, speaker, language), clitic, finite, rest) if w)
    said = _minimized(_without_follow_up(said, language), language)  # "negó haber desviado un solo peso"
    determiners = table("negative_determiners", (language,))
    said = re.sub(r"\w+", lambda m: determiners.get(fold(m.group()), m.group()), said)
    if frame.event:
        return _event_happened(said.strip(" ,;:."), language)
    return _capitalised(said.strip(" ,;:."))


def _event_happened(event: str, language: str) -> str:
    """A denied event's noun phrase as the statement that it happened ("la muerte de la actriz" -> "Se
    produjo la muerte de la actriz": the lexicon's `event_restatement`), which the judge reads as a
    sentence; "" for a possessive one ("su muerte"), whose owner the sentence would not name."""
    first = fold(event.split(" ", 1)[0])
    template = lexicon(language).get("event_restatement", {}).get("template")
    if not template or first in words("event_possessives", (language,)):
        return ""
    return _capitalised(template.format(event))


def _denied_saying(head: str, said: str, frame: Frame, language: str, speaker: str) -> str:
    """What a denial of having said something denies, as a sentence: "Granado negó haber dicho que los
    socialistas lo hicieran fatal" -> "Granado ha dicho que los socialistas lo hicieran fatal". The
    proposition keeps its own negations and determiners: they are what was said, not the denial's."""
    head_words = head.split()
    # the word after the denying verb is the perfect infinitive ("haber", "having"), made finite
    at = next((i + 1 for i, w in enumerate(head_words[:-1]) if fold(w).strip(",") == frame.verb), 0)
    finite = table("restated_verbs", (language,)).get(fold(head_words[at])) if at else None
    if finite is None:
        return ""
    parts = (_subject(head, frame, speaker, language), finite, *head_words[at + 1:], _without_follow_up(said, language))
    return _capitalised(" ".join(p for p in parts if p).strip(" ,;:."))


def _without_polarity(said: str, language: str, before: str) -> str:
    """Without the words that only make sense under the denial ("entrevista alguna", "rechazó cualquier
    injerencia"), unless they follow "que", "de", ...: then they are the clause's own ("que algunos de
    sus dirigentes"). `before`: the folded word before `said` in the claim."""
    items = frozenset(words("polarity_items", (language,)))
    said_words = said.split()
    previous = [before, *(fold(w).strip(",;:.") for w in said_words)]
    return " ".join(w for w, p in zip(said_words, previous)
                    if not (fold(w).strip(",;:.") in items and p not in STOPWORDS))


def clitic_off(word: str, language: str) -> tuple[str, str]:
    """An infinitive and its clitic ("haberse" -> ("haber", "se")), or (word, "") when none is attached."""
    endings = lexicon(language).get("infinitive_endings", ())
    for clitic in sorted(CLITICS, key=len, reverse=True):
        base = word[:-len(clitic)]
        if word.endswith(clitic) and base.endswith(endings) and len(base) > 3:
            return base, clitic
    return word, ""


def _subject(head: str, frame: Frame, speaker: str, language: str) -> str:
    """Who denies, as written before the denying verb ("El GIEI negó haber" -> "El GIEI"), else the
    extractor's speaker: before a relative, the words it follows (`_antecedent`); before a coordinator,
    the speaker where the extractor gives one ("La empresa presentó sus cuentas y negó haber ...")."""
    cut = [m.start() for m in re.finditer(r"\w+", head) if fold(m.group()) == frame.verb]
    if cut:
        subject = head[:cut[-1]].strip(" ,")
        auxiliaries = set(words("perfect_auxiliaries"))
        parts = subject.split()
        while parts and fold(parts[-1]) in auxiliaries:
            parts.pop()
        subject = _CONNECTIVE.sub("", " ".join(parts))
        relative = _relative_at_end(language).search(subject)
        if relative:  # '«...», insistió el exalcalde Ruiz, que negó haber ...': who the relative follows
            subject = _antecedent(subject[:relative.start()])
        elif speaker and _trailing_coordinator(language).search(subject):
            return speaker  # "La empresa presentó sus cuentas y negó haber ...": who speaks, not the clause
        if subject:
            return subject
    return speaker


def _antecedent(before: str) -> str:
    """The words a relative follows, back to the comma, colon or quotation mark before them, a reporting
    verb off ('», insistió el expresident Camps' -> "el expresident Camps")."""
    words_before = re.split(r"[,;:«»“”\"]", before)[-1].split()
    if words_before and FRAME_VERB.fullmatch(fold(words_before[0])):
        words_before = words_before[1:]
    return " ".join(words_before)


_BREAK = re.compile(r"\s*:(?!\d)")  # where a denied statement gives way to the speaker's reasons
_AFTER_COMMA = re.compile(r",\s*(\w+)")  # a word after a comma: a reporting verb there is a trailing frame


def _without_follow_up(said: str, language: str) -> str:
    """Cut "..., y calificó la versión de falsa": the speaker again, after what is denied. A reporting
    or follow-up verb after a coordinator ("y", "pero": the lexicon's `coordinators`), or one in the
    past tense as written (lexicon `follow_up_endings_written`: "y cifró su coste en ...", "y habló de
    ..."): what a Spanish denial denies takes the subjunctive or an infinitive ("negó que costara",
    "negó haber pactado"), so a preterite there is the speaker's own. So is what follows a colon ("Es
    falso que Rivas aprobara no contratar a judíos: la moción se refería al boicot ..."): the
    speaker's reasons or own words, which the judge read as part of the denied statement and so as
    something the other claim does not state (a clock's "10:30" is no break). Not a semicolon: the
    writer's next clause often leans on the first ("rechazan que sus familias vivan fuera del país;
    los de AMLO ..., con estudios en el extranjero"), and without it "sus familias vivan fuera del país"
    reads as stated by any family abroad (docs/QUALITY.md, session 31)."""
    said = _BREAK.split(said, maxsplit=1)[0]
    endings = lexicon(language).get("follow_up_endings_written", ())
    for m in _AFTER_COMMA.finditer(said):
        # "... rebajas de pena, replicó el Ministerio de Igualdad, que ...": the claim's own frame after
        # it, which the frame parser left (a relative or a phrase after the speaker), no part of it
        verb = fold(m.group(1))
        if FRAME_VERB.fullmatch(verb) or (_FOLLOW_UP.fullmatch(verb) and m.group(1).lower().endswith(endings)):
            said = said[:m.start()]
            break
    for m in _and_then(language).finditer(said):
        verb = fold(m.group(1))
        if (FRAME_VERB.fullmatch(verb) or _FOLLOW_UP.fullmatch(verb)
                or (len(m.group(1)) > 3 and m.group(1).lower().endswith(endings))):
            return said[:m.start()]
    return said


def opened_denial(said: str, language: str = "es") -> str:
    """What a statement denies when it opens with one of the lexicon's `denial_openers`, the words a
    denial takes without a denying verb: "No hay pruebas de que Corea del Norte esté enviando armas" ->
    "Corea del Norte esté enviando armas"; "es falso que ..." the same. An opener ending in "de" takes a
    noun ("no hay evidencia de interferencia rusa en México"): the restatement keeps the evidence noun
    and drops the negation ("Hay evidencia de interferencia rusa en México"). "" otherwise."""
    said = re.sub(r'\s*["«»“”]\s*', " ", said).strip(" '‘’")  # 'que "no hay pruebas" de que ...'
    if "," in said[:27]:
        said = _CONNECTIVE.sub("", said, count=1)  # "Sin embargo, no hay pruebas de que ..."
    folded = fold(said)
    for opener in sorted(words("denial_openers", (language,)), key=len, reverse=True):
        if not folded.startswith(opener + " "):
            continue
        if opener.split()[-1] in ("de", "of"):
            head, rest = said.split()[:len(opener.split())], said.split(None, len(opener.split()))[-1]
            head = [w for w in head if fold(w) not in ("no", "not")]
            determiners = table("negative_determiners", (language,))
            rest = " ".join(determiners.get(fold(w), w) for w in head) + " " + rest
        else:
            rest = said[len(opener) + 1:]
        # (and up to a semicolon: "Es falso que los trenes no quepan por los túneles; los nuevos modelos
        # se diseñan ...", the speaker's own next statement, unlike a frame's "negó que ...; ...", whose
        # next clause the writer leans on the first: `_without_follow_up`)
        rest = rest.split(";", 1)[0]
        return _capitalised(_without_follow_up(rest, language).strip(" ,;:.\"'«»“”‘’"))
    return ""


_ANSWER = re.compile(r"^\W*(?:no|not)\s*[,.]\s*", re.IGNORECASE)  # "No, Moscú no está participando ..."
# '«...», replicó X', '"...", ha respondido X', '"...", the spokesman replied': the first words after it
_QUOTE_THEN_VERB = re.compile(r"[»”\"]\s*,\s*(\w+(?:\s+\w+){0,2})")


def contrasted_denial(said: str, language: str = "es") -> str:
    """What a statement denies when it corrects itself, the function word before what it keeps repeated
    before what it denies, a comma or a joiner (lexicon `contrast_joiners`, not "pero") and a negator
    between: "La Audiencia condenó a los cinco a nueve años por abuso sexual, no por violación" -> "La
    Audiencia condenó a los cinco a nueve años por violación"; "son los clientes, y no los bancos, quienes
    pagan el impuesto" -> "son los bancos quienes pagan el impuesto". The denied part runs to the next
    mark, and on past it when a comma opened the correction and one closes it. "" otherwise ("una
    proposición no de ley" has neither comma nor joiner), and in a statement that opens with a condition
    or a purpose (lexicon `conditions_and_purposes`)."""
    m = _correction(said, language)
    if m is None:
        return ""
    restated = f"{said[:m.start('kept')]}{m.group('denied').strip()}"
    rest = said[m.end("denied"):]
    if m.group("comma") and rest.startswith(","):
        restated = f"{restated} {rest[1:].strip()}".rstrip(" .")
    return restated


def contrast_kept(said: str, language: str = "es") -> str:
    """What a self-correcting statement keeps ("por abuso sexual, no por violación" -> "abuso sexual"), or
    "" (`contrasted_denial`): a claim that states it agrees with the correction."""
    m = _correction(said, language)
    return m.group("kept").strip() if m is not None else ""


def _correction(said: str, language: str) -> re.Match[str] | None:
    """The correction in `said` (`_contrast`), or None, also where the statement opens with a condition
    or a purpose."""
    pattern = _contrast(language)
    m = pattern.search(said) if pattern is not None else None
    # (a correction in a statement that opens with a condition or a purpose states nothing: "si se da un
    # voto estratégico, le funcionaría a Anaya, no a Meade")
    opening = fold(said).strip(" ,").split()[:1]
    if m is None or (opening and opening[0] in words("conditions_and_purposes", (language,))):
        return None
    return m


@lru_cache(maxsize=8)
def _contrast(language: str) -> re.Pattern[str] | None:
    """A function word, what the statement keeps, a comma or a joiner, a negator, the same function
    word and what it denies (`contrasted_denial`)."""
    links = alternation(words("contrast_links", (language,)))
    joiners = alternation(words("contrast_joiners", (language,)))
    negators = alternation(words("negators", (language,)))
    if not (links and joiners and negators):
        return None
    return re.compile(rf"\b(?P<link>{links})\s+(?P<kept>[^,;:.]+?)(?:(?P<comma>,)\s*(?:(?:{joiners})\s+)?"
                      rf"|\s+(?:{joiners})\s+)(?:{negators})\s+(?P=link)\s+(?P<denied>[^,;:.]+)", re.IGNORECASE)


def replied_denial(text: str, frame: Frame, language: str = "es") -> str:
    """What a claim denies when it negates its own main clause as an answer: "No, ..." or in reply (a
    frame verb of the lexicon's `reply_verbs`: "«Nunca hemos pactado un reparto de magistrados»,
    replicó la portavoz" -> "Hemos pactado un reparto de magistrados"). A negation in a statement
    that answers nobody is most often about something else (docs/QUALITY.md, session 22); "" then, or
    when no negation of the first clause can be taken out."""
    said = statement(text, frame)
    said = re.split(r"[»”\"]\s*,", said)[0]  # '«...», replicó el PP, que acusó ...': the quote only
    answer = _ANSWER.match(said)
    if answer:
        said = said[answer.end():]
    elif not (_replies(text, frame, language) or _insists(text, said, language)):
        return ""
    said = _unnegated(said, language)
    # An answer often points back at the question ("No, Moscú no está participando en esto"): restated,
    # "Moscú está participando en esto" is read as entailed by anything Moscow does. What it denies is
    # the question, where the claim gives it ("Cuando se le preguntó si Rusia consideraba apoyar
    # militarmente a Libia, Peskov dijo: «No, ...»"); not without what it points at.
    points_back = bool(set(words("anaphors", (language,))) & set(fold(said).split()))
    if answer or points_back or not said:
        asked = asked_question(text, language)
        if asked:
            return asked
    return "" if points_back else said


# A short sentence opening a quotation before what it states ("Es falso.", "Mentira.", "Rotundamente no."):
# up to this many words, it is an exclamation, and the quotation's statement is the next sentence.
_EXCLAMATION = re.compile(r"[^.!?]{1,30}[.!?]\s+(?=\S)")
_EXCLAMATION_WORDS = 3
_CLAUSE_END = re.compile(r"[;:]|,(?!\d)")  # (a comma inside a figure, "1,5 millones", ends nothing)


def quoted_denial(text: str, language: str = "es", speaker: str = "") -> str:
    """What a quotation denies when its speaker negates their own act in the first person ("«Nunca
    recibí un solo peso de Odebrecht», dijo Lozoya" -> "Lozoya recibió algún peso de Odebrecht"; "«No he
    huido de la justicia española, estoy en Bruselas ...», afirmó Puigdemont" -> "Puigdemont ha huido de
    la justicia española"): the quotation's first clause without its negation; its pronoun dropped, its
    first-person verb, clitics and possessives in the third person (the lexicon's
    `first_person_pronouns`, `first_person_verbs`, `first_person_endings`, `first_person_words`); its
    minimisers and negative words made affirmative ("ni un solo" -> "algún": `minimizers`; "nadie" ->
    "alguien": `negative_concord`); its speaker as subject, named by the extractor or right after the
    reporting verb, not a pronoun ("Él", which the judge cannot tie to anyone). The quotation is given to
    its speaker by a reporting verb right after it ('«...», insistió García Luna') or opens after a colon
    ('Fabra afirmó: «...»'). Unlike a plain negation in a quotation ("«Esto no tiene razón de ser»,
    dijo": most often about something else, docs/QUALITY.md, session 45), a speaker denying their own act
    denies what other claims report of them; whether the other claim states it is the judge's reading.
    "" when the quotation is not so, or the language's lexicon has no first person (English has none
    yet)."""
    lex = lexicon(language)
    verbs, endings = lex.get("first_person_verbs", {}), lex.get("first_person_endings", {})
    persons = lex.get("first_person_words", {})
    pronouns = frozenset(lex.get("first_person_pronouns", ()))
    negators = set(lex.get("negators", ())) | set(lex.get("negative_fillers", ()))
    for quotation in DOUBLE_QUOTATION.finditer(text):
        after, before = fold(text[quotation.end():]), text[:quotation.start()].rstrip()
        given = re.match(r"\s*,\s*(\w+)", after)
        if not ((given and FRAME_VERB.fullmatch(given.group(1)))
                or (before.endswith(":") and FRAME_VERB.search(fold(before)))):
            continue
        subject = speaker or (_named_after(text[quotation.end():]) if given else "")
        quoted = quotation.group(1).strip()
        opening = _EXCLAMATION.match(quoted)  # "Es falso. Nunca he recibido ...": the statement follows
        if opening and len(opening.group(0).split()) <= _EXCLAMATION_WORDS:
            quoted = quoted[opening.end():]
        clause = _CLAUSE_END.split(quoted, maxsplit=1)[0]
        clause = _trailing_coordinator(language).sub("", clause.rstrip())  # "No tengo intereses y, para ..."
        clause = _minimized(clause, language)
        tokens = clause.split()
        while tokens and fold(tokens[0]) in pronouns:
            tokens.pop(0)  # "Yo nunca he ..."
        folded = fold(" ".join(tokens))
        negation = next((n for n in sorted(negators, key=len, reverse=True) if folded.startswith(n + " ")), None)
        if negation is None or not_an_actor(fold(subject)):
            return ""  # no subject but a pronoun ("Él", "Ella"), which the judge cannot tie to anyone
        tokens = tokens[len(negation.split()):]
        at = next((i for i, w in enumerate(tokens[:3]) if fold(w) not in CLITICS), -1)  # past "me", "lo"
        third = _third_person(tokens[at].lower(), verbs, endings) if at >= 0 else None
        if third is None:
            return ""
        tokens[at] = third
        tokens = [persons.get(w.lower(), w) for w in tokens]
        return _affirmed(" ".join([subject, *(w for w in tokens if w)]), lex.get("negative_concord", {}))
    return ""


_MAX_SUBJECT = 8  # words of who denies an added clause: more is a clause of its own, not a name or a role


def added_denial(text: str, language: str = "es", speaker: str = "") -> str:
    """What a claim denies in a clause it adds, after a relative or a coordinator, with the speaker as
    its subject ('«Los trajes los pagué yo con mi dinero», insistió el expresident Camps, que negó haber
    recibido regalos de la red de Francisco Correa' -> "El expresident Camps ha recibido regalos de la
    red de Francisco Correa"; "Jordania rechazó el informe de HRW y negó haber discriminado a los
    refugiados"): the clause from its denying verb on, read as a denial of its own (`strip_frame`,
    `denied_statement`), so a refusal ("que se negó a disculparse") denies nothing here either. Who
    denies is the extractor's speaker, or before a relative the words it follows (`_antecedent`); not
    a pronoun. "" when there is no such clause or no one to give it to."""
    added = _added_clause(language)
    for m in added.finditer(text) if added is not None else ():
        if not DENY_VERB.fullmatch(fold(m.group("verb"))):
            continue
        subject = speaker
        if not subject and m.group("relative"):
            subject = _antecedent(text[:m.start()])
        if len(subject.split()) > _MAX_SUBJECT or not_an_actor(fold(subject)):
            continue
        clause = f"{subject} {text[m.start('clitic') if m.group('clitic') else m.start('verb'):]}"
        frame = strip_frame(clause)
        if frame.denied and not frame.hedged:
            return denied_statement(clause, frame, language, subject)
    return ""


def framed_denial(text: str, frame: Frame, language: str = "es", speaker: str = "") -> str:
    """What a claim denies in its frame before what it then reports: "García Luna negó haber recibido
    dinero del cártel de Sinaloa y sus abogados sostuvieron que ..." -> "García Luna ha recibido dinero
    del cártel de Sinaloa"; "Teresa Romero negó haber ocultado sus síntomas: «Dije desde el principio
    que ...»". `strip_frame` reads the last report as the frame's, so the denial before it is read on its
    own, up to a colon or a coordinator, as a frame of its own (a refusal denies nothing here either).
    "" when the frame opens with no such denial."""
    if not frame.frame or not DENY_VERB.search(frame.frame):
        return ""
    span = written(text, frame.proposition)
    if span is None:
        return ""
    head = text[:span[0]]
    for end in _frame_breaks(language).finditer(head):
        clause = head[:end.start()].strip()
        inner = strip_frame(clause)
        if inner.denied and not inner.hedged and inner.proposition:
            return denied_statement(clause, inner, language, speaker)
    return ""


@lru_cache(maxsize=8)
def _frame_breaks(language: str) -> re.Pattern[str]:
    """Where a denial in a frame may end before the next report: a colon or a coordinator
    (`framed_denial`)."""
    coordinators = alternation(words("coordinators", (language,)))
    return re.compile(rf":|\s(?:{coordinators})\s" if coordinators else ":", re.IGNORECASE)


@lru_cache(maxsize=8)
def _added_clause(language: str) -> re.Pattern[str] | None:
    """A relative after a comma or a coordinator, and the verb after it ("..., que negó", "y se negó")."""
    relatives = alternation(words("subject_relatives", (language,)))
    coordinators = alternation(words("coordinators", (language,)))
    if not relatives or not coordinators:
        return None
    # (a clitic is kept: "que se negó a ...", "y le negó ..." are refusals `strip_frame` tells)
    clitic = rf"(?P<clitic>(?:{alternation(sorted(CLITICS))})\s+)?"
    return re.compile(rf"(?:,\s*(?P<relative>{relatives})|\s(?:{coordinators}))\s+{clitic}(?P<verb>\w+)",
                      re.IGNORECASE)


@lru_cache(maxsize=8)
def _relative_at_end(language: str) -> re.Pattern[str]:
    """A relative after a comma, ending a denial's subject ("..., insistió el exalcalde Ruiz, que")."""
    return re.compile(rf",\s*(?:{alternation(words('subject_relatives', (language,))) or '(?!)'})$", re.IGNORECASE)


def _third_person(word: str, verbs: Mapping[str, str], endings: Mapping[str, str]) -> str | None:
    """A first-person verb form in the third person ("recibí" -> "recibió", "he" -> "ha"), or None."""
    if word in verbs:
        return verbs[word]
    if len(word) < 4:
        return None
    ending = next((e for e in sorted(endings, key=len, reverse=True) if word.endswith(e)), None)
    return word[:-len(ending)] + endings[ending] if ending else None


def _named_after(text: str) -> str:
    """The capitalised name right after the reporting verb after a quotation ('», insistió García Luna a
    través de ...' -> "García Luna"), or ""."""
    m = re.match(r"\s*,\s*\w+\s+((?:[A-ZÁÉÍÓÚÑ][\w-]*\s*)+)", text)
    return m.group(1).strip() if m else ""


def asked_question(text: str, language: str = "es") -> str:
    """The yes-or-no question a claim says was put ("al ser preguntada si el adelanto buscaba ocultar
    los datos del paro" -> "El adelanto buscaba ocultar los datos del paro": the lexicon's
    `question_verbs` and `question_connectors`), up to the next comma, colon or quotation mark; ""
    when there is none."""
    m = _question(language).search(text)
    return _capitalised(m.group(1).strip(" .")) if m else ""


@lru_cache(maxsize=8)
def _question(language: str) -> re.Pattern[str]:
    verbs = alternation(words("question_verbs", (language,)))
    connectors = alternation(words("question_connectors", (language,)))
    return re.compile(rf"\b(?:{verbs})\s+(?:{connectors})\s+([^,;:«»“”\"]+)", re.IGNORECASE)


def _insists(text: str, said: str, language: str) -> bool:
    """A quotation that denies with emphasis ("en ningún momento", "de ninguna manera": the lexicon's
    `negative_fillers` but its `habitual_negators`, "nunca", which also say how often) followed by who
    said it ("..., aseguró un portavoz"): a denial in the speaker's own words."""
    if not any(FRAME_VERB.fullmatch(w) for w in _after_quotes(text)):
        return False
    lex = lexicon(language)
    emphatic = set(lex.get("negative_fillers", ())) - set(lex.get("habitual_negators", ()))
    folded = f" {fold(said)} "
    return any(f" {filler} " in folded for filler in emphatic)


def _replies(text: str, frame: Frame, language: str) -> bool:
    """A reply verb in the frame, or among the first words after a closing quotation mark."""
    return any(_reply_verbs(language).fullmatch(w) for w in (*fold(frame.frame).split(), *_after_quotes(text)))


def _after_quotes(text: str) -> list[str]:
    """The first words after each closing quotation mark and its comma, folded ('«...», replicó X')."""
    return [w for m in _QUOTE_THEN_VERB.finditer(fold(text)) for w in m.group(1).split()]


@lru_cache(maxsize=8)
def _trailing_coordinator(language: str) -> re.Pattern[str]:
    """A coordinator ending a clause cut at its comma ("No tengo intereses y, para ser más clara, ...")."""
    return re.compile(rf"\s+(?:{alternation(words('coordinators', (language,)))})$", re.IGNORECASE)


@lru_cache(maxsize=8)
def _and_then(language: str) -> re.Pattern[str]:
    """A coordinator ("y", "e", "pero"; "and", "but") and the word after it, past a clitic ("y lo
    atribuyó a unos trabajos de soldadura")."""
    return re.compile(rf",?\s+(?:{alternation(words('coordinators', (language,)))})\s+"
                      rf"(?:(?:{alternation(sorted(CLITICS))})\s+)?(\w+)\b", re.IGNORECASE)


def _refusal(said: list[str], frame: Frame, language: str, verbs: Mapping[str, str],
             endings: Sequence[str]) -> bool:
    """A refusal to act: a refusing verb (the lexicon's `refusal_verbs`) before an infinitive (one of
    `endings`, not one of the restated `verbs`), bare or after a denied noun ("descartó dimitir",
    "descartó cualquier posibilidad de declinar"); not a perfect one ("rechazó haber recibido" denies
    an act). `said`: the folded words after the verb, the first without its clitic."""
    if not _refusal_verbs(language).fullmatch(frame.verb):
        return False
    endings = tuple(endings)

    def infinitive(word: str) -> bool:
        return bool(endings) and word not in verbs and word.endswith(endings)

    nouns = frozenset(words("denied_nouns", (language,)))
    after_noun = next((said[i + 2] for i in (0, 1) if len(said) > i + 2 and said[i] in nouns and said[i + 1] == "de"),
                      "")
    return bool(said) and infinitive(said[0]) or infinitive(after_noun)


@lru_cache(maxsize=8)
def _refusal_verbs(language: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(words('refusal_verbs', (language,))) or '(?!)'})")


@lru_cache(maxsize=8)
def _reply_verbs(language: str) -> re.Pattern[str]:
    return re.compile(rf"(?:{alternation(words('reply_verbs', (language,)))})")


def _unnegated(said: str, language: str) -> str:
    """The statement's first clause with its negation taken out ("Moscú no está participando en esto de
    ninguna manera" -> "Moscú está participando en esto"), or "" when the negation is not the first
    clause's ("para no pagar", "de no refundarse") or there is none."""
    lex = lexicon(language)
    tokens = list(re.finditer(r"\w+(?:'\w+)?", said))
    negators = set(lex.get("negators", ()))
    side = set(lex.get("conditions_and_purposes", ())) | {"de", "of", "sin", "without"}
    ends = set(lex.get("scope_ends", ()))
    concord = lex.get("negative_concord", {})
    folded = fold(said)
    opening = next((f for f in lex.get("negative_fillers", ()) if folded.startswith(f + " ")), None)
    if opening is not None and not any(fold(t.group()) in negators for t in tokens):
        # "En ningún momento he pedido subir ...": a negative phrase before the verb is the negation
        stop = next((t.start() for t in tokens if _clause_ends(said, t, ends)), len(said))
        return _affirmed(_drop(said[:stop], opening), concord)
    for k, m in enumerate(tokens):
        word = fold(m.group())
        if _clause_ends(said, m, ends):
            return ""  # past the first clause
        if word.endswith("n't"):  # English "didn't send": the auxiliary stays
            cut_from, cut_to = m.start() + len(m.group()) - 3, m.end()
        elif word in negators:
            cut_from, cut_to = m.start(), m.end()
        else:
            continue
        before = fold(tokens[k - 1].group()) if k else ""
        after = fold(tokens[k + 1].group()) if k + 1 < len(tokens) else ""
        if before in side or clitic_off(after, language)[0].endswith(lex.get("infinitive_endings", ())):
            return ""  # "de no refundarse", "para no pagar": a side clause negated
        rest = said[cut_to:]
        end = next((t.start() - cut_to for t in tokens[k + 1:] if _clause_ends(said, t, ends)), None)
        clause = said[:cut_from] + (rest if end is None else rest[:end])
        for filler in lex.get("negative_fillers", ()):
            clause = _drop(clause, filler)
        return _affirmed(clause, concord)
    return ""


def _minimized(clause: str, language: str) -> str:
    """A denied clause's minimisers made affirmative (the lexicon's `minimizers`: "un solo peso" ->
    "algún peso"): under the denial they deny any amount at all, and as written the judge reads "Duarte
    ha desviado un solo peso" as another matter than "Duarte desvió fondos públicos"."""
    minimizers = lexicon(language).get("minimizers", {})
    for phrase in sorted(minimizers, key=len, reverse=True):
        clause = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", minimizers[phrase], clause, flags=re.IGNORECASE)
    return clause


def in_indicative(clause: str, language: str) -> str:
    """A denied statement with its subjunctive in the indicative ("ETA estuviera detrás de los atentados"
    -> "ETA estuvo detrás de los atentados", "se gastara" -> "se gastó", "hubiera recibido" -> "había
    recibido"): the mood is the denial's ("negó que ..."), no part of what the other claim states in its
    own, and the judge reads one mood as stated where it does not read the other, either way round
    (`verify.match.read_judge` reads both; the indicative counts at the plain bar only,
    `JudgePolicy.mood_neutral`). The lexicon's `indicative_forms`, then its regular
    `indicative_endings`, on lower-case words of five letters or more but the nouns and adjectives so
    ending (`indicative_keep`), the first word capitalised too ("Existiera un plan"); "fuera de" stays
    ("outside"). As written where the language has none."""
    lex = lexicon(language)
    forms, endings = lex.get("indicative_forms", {}), lex.get("indicative_endings", {})
    if not (forms or endings):
        return clause
    keep = frozenset(lex.get("indicative_keep", ()))
    tokens = clause.split(" ")
    for k, written in enumerate(tokens):
        word = written.lower() if k == 0 and written[1:].islower() else written
        outside = word == "fuera" and k + 1 < len(tokens) and fold(tokens[k + 1]) in ("de", "del")
        if word in forms and not outside:
            word = forms[word]
        elif word.isalpha() and word.islower() and len(word) >= 5 and fold(word) not in keep:
            ending = next((e for e in endings if word.endswith(e)), None)
            word = word if ending is None else word[:-len(ending)] + endings[ending]
        tokens[k] = _capitalised(word) if k == 0 and written[:1].isupper() else word
    return " ".join(tokens)


def _affirmed(clause: str, concord: Mapping[str, str]) -> str:
    """A clause with its negation taken out, its negative words made positive ("ninguna" -> "una")."""
    clause = re.sub(r"\w+", lambda w: concord.get(fold(w.group()), w.group()), clause)
    return _capitalised(re.sub(r"\s+", " ", clause).strip(" ,;:.\"'«»“”‘’"))


def _clause_ends(said: str, token: re.Match[str], ends: set[str]) -> bool:
    """`token` opens another clause: a word of the lexicon's `scope_ends` ("pero", "sino"), or after ";" / ":"."""
    return fold(token.group()) in ends or said[max(0, token.start() - 2):token.start()].strip() in (";", ":")


def _capitalised(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:]


def _drop(text: str, folded_phrase: str) -> str:
    """`text` without a phrase given folded ("de ninguna manera"), where it stands as words of its own."""
    span = written(text, folded_phrase)
    while span is not None and not text[span[0] - 1:span[0]].isalnum() and not text[span[1]:span[1] + 1].isalnum():
        text = text[:span[0]] + text[span[1]:]
        span = written(text, folded_phrase)
    return text
