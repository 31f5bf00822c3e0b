"""What the matcher reads off one claim's text: the proposition without its attribution frame,
negation cues and their scope, hedges, figures with their units, content-word stems, names.

Everything here is plain Python on one string; `features()` runs once per claim and the pair rules
(`verify.match.rules`) only compare the resulting sets, so a claim linked against many others is
parsed once.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

# Reporting verbs that open an attribution frame ("X dijo que ...", "..., afirmó X"). Stems, so
# dijo/dice/dijeron and afirmó/afirma/afirmaron all match; accent-folded.
_REPORT = (
    r"dij\w*|dic\w*|afirm\w*|asegur\w*|senal\w*|indic\w*|explic\w*|declar\w*|anad\w*|agreg\w*|sostuv\w*|"
    r"sostien\w*|sosten\w*|denunci\w*|acus\w*|reconoc\w*|advirt\w*|adviert\w*|insist\w*|coment\w*|manifest\w*|"
    r"destac\w*|inform\w*|anunci\w*|confirm\w*|admit\w*|apunt\w*|subray\w*|recalc\w*|precis\w*|expres\w*|"
    r"respond\w*|replic\w*|consider\w*|estim\w*|cree|creen|creia\w*|opin\w*|sugir\w*|sugier\w*|revel\w*|alert\w*|"
    r"aclar\w*|admiti\w*|publico|escrib\w*|escribio|said|says|told|stated|claimed|announced|added|reported|"
    r"argued|insisted|warned|confirmed|admitted|believes?|thinks?"
)
# Verbs whose complement the speaker denies ("X negó que ...", "X desmintió haber ...").
_DENY = r"neg\w*|nieg\w*|desmint\w*|desmient\w*|rechaz\w*|descart\w*|denied|denies|deny|rejected|rejects|refuted|dismissed"
_AUX = r"(?:(?:ha|han|habia|habian|hubo|habria|habrian)\s+)?"
_BETWEEN = (
    r"(?:\s+(?:a|al|ante|en|durante|desde|tras|con)\s+[^\s,;:.]+(?:\s+[^\s,;:.]+){0,2}?"
    r"|\s+(?:el|este|esta)\s+(?:lunes|martes|miercoles|jueves|viernes|sabado|domingo|dia|mes|ano|fin de semana)"
    r"|\s+(?:hoy|ayer|tambien|ademas|luego|entonces))?"
)
_FRAME_HEAD = re.compile(
    # A time or an addressee may sit between the verb and "que" ("afirmó el martes que", "dijo a los
    # periodistas que"); an object may not ("rechazó una propuesta que ...": a relative clause).
    # The frame never spans a ";" ("Ochoa Reza llegó a Morena; dice que ...": two statements).
    rf"^(?P<frame>[^;]{{0,160}}?)\b{_AUX}(?P<verb>{_REPORT}|{_DENY})\b(?:{_BETWEEN}\s+(?:que|that)\b|\s*:)",
    re.IGNORECASE,
)
# "Peskov negó haber enviado armas", "se negó a declarar" (a refusal), "descarta la posibilidad de
# atribuir ..." / "de que ...": the denied complement follows the verb, an infinitive or a clause. A
# noun phrase ("rechazó una propuesta", "descartó cambios") is a decision, not the denial of a proposition.
_DENIED_NOUNS = r"(?:la\s+|el\s+)?(?:posibilidad|idea|hipotesis|version|existencia)\s+de\s+"
_DENY_INF = re.compile(rf"^(?P<frame>[^;]{{0,120}}?)\b{_AUX}(?P<verb>{_DENY})\b\s+"
                       rf"(?P<lead>a\s+|{_DENIED_NOUNS}(?:que\s+)?)?(?P<rest>.+)$", re.IGNORECASE)
_INFINITIVE = re.compile(r"(?:haber|\w+(?:ar|er|ir))\b")
_FRAME_VERB = re.compile(f"{_DENY}|{_REPORT}")
_FRAME_NEGATORS = frozenset("no nunca jamas ni tampoco not never".split())
_FRAME_TAIL = re.compile(
    # (one comma may follow: "..., sostuvo el candidato del PRI, José Antonio Meade")
    rf"[,;]\s*(?:{_AUX})(?P<verb>{_REPORT}|{_DENY})\b(?P<rest>[^,;]{{0,80}}(?:,[^,;]{{1,40}})?)$", re.IGNORECASE
)
# After a trailing reporting verb comes who said it (", dijo el portavoz del Kremlin"), not what is
# said: "..., descarta la posibilidad de atribuir este riesgo ..." is the claim's main verb.
_TAIL_COMPLEMENT = re.compile(r"\bque\b|\b(?:a|de)\s+\w+(?:ar|er|ir)\b|\bposibilidad\b")
# (a comma inside a figure, "9,4 millones", ends nothing)
_SEGUN = re.compile(r"^(?:segun|de acuerdo con|de acuerdo a|para|according to)\s+(?:[^,]|,(?=\d)){1,80},(?!\d)\s*",
                    re.IGNORECASE)
_SEGUN_TAIL = re.compile(r",\s*(?:segun|de acuerdo con|de acuerdo a|according to)\s+[^,]{1,80}$", re.IGNORECASE)

# Negation cues. Multi-word ones first so "no hay pruebas" wins over "no".
_NEG_PHRASES = (
    "no hay pruebas", "no hay evidencia", "no hay evidencias", "no existen pruebas", "no existe evidencia",
    "sin pruebas", "ninguna prueba", "no es cierto", "no es verdad", "es falso", "es falsa", "son falsos",
    "son falsas", "es mentira", "carece de fundamento", "carecen de fundamento", "no tiene fundamento",
    "no evidence", "not true", "is false",
)
_NEG_WORDS = frozenset(
    "no nunca jamas ningun ninguna ninguno ningunos ningunas nadie nada ni tampoco sin niega niegan nego negaron "
    "negado desmiente desmienten desmintio desmintieron rechaza rechazan rechazo rechazaron descarta descartan "
    "descarto descartaron falso falsa falsos falsas "
    "not never no nobody nothing none neither nor without denies denied deny n't".split()
)
# "no" that does not negate the proposition ("no solo ... sino", "no obstante").
_NEG_FIXED = re.compile(
    r"\bno\s+(?:solo|solamente|obstante|cabe duda|hay duda|hay dudas|mas de|menos de|only|more than|less than)\b"
    r"|\bo no\b|\bsi o no\b|\bor not\b"
    r"|\bni siquiera\b|\bsin (?:embargo|duda|dudas)\b|\bmas \w+ jamas\b|\bde ningun(?:a)? (?:manera|modo) es (?:in|im)\w+"
    r"|\bwithout (?:a )?doubt\b|\bnonetheless\b"
)
_HEDGES = frozenset(
    "podria podrian puede pueden posiblemente probablemente quizas quiza tal supuesto supuesta supuestos supuestas "
    "supuestamente presunto presunta presuntos presuntas presuntamente aparentemente parece parecen "
    "might may could possibly probably allegedly alleged reportedly apparently".split()
)
_PREPOSITIONS = frozenset("a al ante bajo con contra de del desde en entre hacia hasta para por segun sin sobre tras "
                          "durante mediante of in on at by for with from to about against".split())
_RELATIVES = frozenset("que quien quienes cual cuales donde cuando cuyo cuya cuyos cuyas who which where when".split())
# Words that end a negation's scope (a new clause begins).
_SCOPE_END = frozenset("pero sino aunque mientras porque cuando donde pues but although while because".split())

STOPWORDS = frozenset(
    """a al algo algun alguna algunas alguno algunos ante antes aqui asi aun aunque bajo bien cada casi
    como con contra cual cuales cuando cuyo de del desde donde dos durante e el ella ellas ello ellos en
    entre era eran es esa esas ese eso esos esta estaba estaban estado estan estar este esto estos fue
    fueron ha habia habian haber hace hacia han hasta hay la las le les lo los mas me mi mientras mis
    mismo muy nos nuestra nuestro o os otra otras otro otros para pero poco por porque pues que se sea
    sean ser sera si sido siendo sin sino sobre su sus tambien tan tanto te tener tenia tiene tienen todo
    todos tras tu tus un una uno unos unas usted ustedes y ya yo he hemos has habra habria vez veces
    dijo dice dijeron afirmo aseguro senalo indico segun ademas solo luego entonces etc
    the of and to in for on at by with from as is are was were be been being it its this that these those
    an or but not if then than so such he she they we you i his her their our your my me him them us
    has have had do does did will would can could should may might must said says""".split()
)

_PLACEHOLDER = re.compile(r"\*\s*([A-Z]{3,})\s*\*")
_QUOTES = str.maketrans({c: " " for c in "«»“”\"‘’'`´()[]{}"})
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case and strip accents (NFKD): "Subió" -> "subio". Used for every comparison here."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold_for_fuzz(text: str) -> str:
    """rapidfuzz processor: accent-folded, lower-case, punctuation to spaces (its default keeps accents)."""
    return " ".join(_TOKEN.findall(fold(text)))


@lru_cache(maxsize=4)
def _stemmer(language: str):
    import snowballstemmer  # small pure-Python package; imported late so `verify --help` stays light

    return snowballstemmer.stemmer("english" if language == "en" else "spanish")


@lru_cache(maxsize=200_000)
def stem(word: str, language: str = "es") -> str:
    # Cached per word: news repeats its vocabulary, and Snowball in pure Python was a third of
    # ingest time without it (368k stemWord calls for 150 articles, issue #10's profile).
    return _stemmer(language).stemWord(word)


@lru_cache(maxsize=1)
def antonym_table() -> dict[str, dict[str, frozenset[int]]]:
    """{language: {stem: {group ids}}}; groups 2k and 2k+1 are opposites (verify/data/antonyms.json)."""
    raw = json.loads(resources.files("verify").joinpath("data/antonyms.json").read_text(encoding="utf-8"))
    table: dict[str, dict[str, set[int]]] = {}
    for k, (language, side_a, side_b) in enumerate(raw["pairs"]):
        for offset, words in ((0, side_a), (1, side_b)):
            for word in words:
                table.setdefault(language, {}).setdefault(stem(fold(word), language), set()).add(2 * k + offset)
    return {lang: {s: frozenset(g) for s, g in stems.items()} for lang, stems in table.items()}


# ---------------------------------------------------------------------------------------------- numbers

_MULTIPLIERS = {"mil": 1e3, "millon": 1e6, "millones": 1e6, "millardo": 1e9, "millardos": 1e9,
                "billon": 1e12, "billones": 1e12, "thousand": 1e3, "million": 1e6, "millions": 1e6,
                "billion": 1e9, "billions": 1e9}
_WORD_NUMBERS = {"un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7,
                 "ocho": 8, "nueve": 9, "diez": 10, "once": 11, "doce": 12, "quince": 15, "veinte": 20,
                 "treinta": 30, "cuarenta": 40, "cincuenta": 50, "cien": 100, "ciento": 100, "cientos": 100,
                 "doscientos": 200, "trescientos": 300, "quinientos": 500, "mil": 1000,
                 "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "twenty": 20, "hundred": 100}
# Words that make a figure approximate or a bound ("más de 1.000" is consistent with 1.200).
_APPROX = frozenset("mas menos unos unas cerca alrededor casi aproximadamente aproximadamente hasta superior "
                    "inferior over under about around nearly almost approximately least than some".split())
_NUM_SKIP = frozenset("de del por ciento percent of los las".split())


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as written, its value and the noun it counts ("20.000 manifestantes")."""

    text: str
    value: float
    unit: str  # stem of the counted noun, "%" for percentages, "year" for bare years, "" if none
    approximate: bool
    # stems of the content words right after the counted noun ("personas fueron asesinadas" ->
    # {asesin}): "cinco personas asesinadas" and "quince personas heridas" count two things
    context: frozenset[str] = frozenset()


def parse_number(token: str, next_word: str = "") -> float | None:
    """Spanish-first reading of a written figure: "1.000" -> 1000, "1,5" (+ "millones") -> 1.5, "20.000" -> 20000.

    A comma followed by exactly three digits and no multiplier is read as an English thousands
    separator ("1,000"); otherwise commas are decimal marks, as in Spanish.
    """
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", token):
        return float(token.replace(".", ""))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", token) and next_word not in _MULTIPLIERS:
        return float(token.replace(",", ""))
    if re.fullmatch(r"\d+,\d+", token):
        return float(token.replace(",", "."))
    if re.fullmatch(r"\d+\.\d+", token):
        return float(token)
    if token.isdigit():
        return float(token)
    return _WORD_NUMBERS.get(token)


def figures(tokens: list[str], language: str = "es") -> list[Figure]:
    """Figures in a folded token list, with multipliers applied and the counted noun attached."""
    out: list[Figure] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        value = parse_number(token, nxt)
        is_digit = token[:1].isdigit()
        # Word numbers count only before a multiplier or a noun ("dos millones", "tres muertos"), and
        # "un"/"una" only before a multiplier: otherwise they are articles.
        if value is None or (not is_digit and token in ("un", "una", "uno") and nxt not in _MULTIPLIERS):
            i += 1
            continue
        # "mil" or "millones" right after a word that is no number, article or bound multiplies a
        # figure this reading missed ("veintitrés mil", a masked "*NUMBER* mil"): its value is unknown.
        prev = tokens[i - 1] if i else ""
        if (not is_digit and token in _MULTIPLIERS and prev and prev not in STOPWORDS and prev not in _APPROX
                and parse_number(prev) is None):
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and tokens[j] in _MULTIPLIERS:
            value *= _MULTIPLIERS[tokens[j]]
            j += 1
        unit = ""
        k = j
        if k < len(tokens) and tokens[k] in ("%", "por", "percent") and (
            tokens[k] == "%" or tokens[k] == "percent" or (k + 1 < len(tokens) and tokens[k + 1] == "ciento")
        ):
            unit = "%"
        else:
            while k < len(tokens) and tokens[k] in _NUM_SKIP:
                k += 1
            if k < len(tokens) and not tokens[k][:1].isdigit() and tokens[k] not in STOPWORDS:
                unit = stem(tokens[k], language)
        if not unit and is_digit and len(token) == 4 and 1800 <= value <= 2100:
            unit = "year"
        approximate = any(t in _APPROX for t in tokens[max(0, i - 2):i])
        after = tokens[k + 1:k + 4] if unit and unit != "%" else []
        context = frozenset(stem(t, language) for t in after
                            if t not in STOPWORDS and not t[:1].isdigit() and t not in _MULTIPLIERS and len(t) > 2)
        out.append(Figure(token, value, unit, approximate, context))
        i = max(j, i + 1)
    return out


# ---------------------------------------------------------------------------------------------- frame


@dataclass(frozen=True, slots=True)
class Frame:
    """The attribution frame stripped off a claim: what is left, and whether the frame denies it."""

    proposition: str
    frame: str
    denied: bool
    hedged: bool = False  # "no descarta que ...": the speaker leaves it open
    verb: str = ""  # the denying verb, as folded ("nego", "descarta"), for reasons


def strip_frame(text: str) -> Frame:
    """Remove "X dijo que", "según X,", ", afirmó X", "X negó que/haber" around the proposition.

    Works on the accent-folded text. A denial verb in the frame ("negó que", "desmintió") marks the
    proposition as denied; an ordinary reporting verb leaves its stance alone.
    """
    t = fold(text).translate(_QUOTES)
    t = re.sub(r"\s+", " ", t).strip()
    frame_parts: list[str] = []
    denied = hedged = False
    verb = ""
    for _ in range(2):  # "Según X, Y dijo que ..." has two layers
        m = _SEGUN.match(t)
        if m:
            frame_parts.append(m.group(0))
            t = t[m.end():]
            continue
        m = _FRAME_HEAD.match(t)
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
    return Frame(t.strip(" .,;:"), " ".join(frame_parts).strip(), denied, hedged, verb)


def _frame_negation(frame: str) -> str | None:
    """Where a frame is negated: "before verb" ("el Kremlin no descarta", "no ha negado"), "elsewhere"
    (a clause of its own), or None."""
    words = _TOKEN.findall(_NEG_FIXED.sub(" ", frame))  # "Peláez, no obstante, negó que ..." is no negation
    hits = [i for i, w in enumerate(words) if w in _FRAME_NEGATORS]
    if not hits:
        return None
    tail = words[hits[-1] + 1:]
    return "before verb" if len(tail) <= 3 and all(w in _CLITICS or w in _AUX_FRAME for w in tail) else "elsewhere"


# ---------------------------------------------------------------------------------------------- features


# Words between a negation and its predicate that are not the predicate: auxiliaries, modals,
# periphrases ("no estaba respaldando", "no ha podido confirmar", "no va a dimitir").
_AUX_WORDS = frozenset(
    "esta estaba estaban estan este esten estuvo estuvieron estara estaria puede pueden podia podra podria podrian "
    "pudo pudieron debe deben debia deberia deberian va van iba iban vamos voy vaya tiene tienen tenia tenian "
    "tuvo quiere quieren queria quiso querido podido sabido logrado conseguido consiguio piensa pensaba suele "
    "solia sigue seguira vuelve volvio acaba logro "
    "haya hayan hubiera hubieran habria habrian hubiese estuviera estuviese sea sean fuera fueran "
    "did does do is are was were has have had will would can could should".split()
)
# Verbs that ask for, seek or hope for what follows: "pidió la ayuda de Rusia" does not state that
# Russia helps, so a denial that Russia helps does not contradict it.
_REQUEST_VERBS = (
    "pedir pide piden pidio pidieron pedido solicitar solicita solicito solicitado busca buscar busco buscan "
    "reclamar reclama reclamo exigir exige exigio esperar espera esperaba espero quiere querer queria quiso "
    "intentar intenta intento pretende pretender ofrecer ofrecio propone propuso ask asked seek seeks sought "
    "request requested want wants hope hopes"
).split()
_VERB_NEGATORS = frozenset("no nunca jamas not never".split())
_CLITICS = frozenset("se lo la le les los las me te nos os".split())
# For the subject of a denial (see _denied_clauses): verbs that make "no se ..." impersonal, and words
# ending in "n" that are no plural verb.
_IMPERSONAL = frozenset("puede pueden podia podra podria debe deben debia sabe sabia conoce espera esperaba cree "
                        "dice permite trata ve".split())
_NOT_VERBS = frozenset("bien tambien aun quien quienes sin con segun ningun algun nunca tampoco".split())
_PASSIVE_AUX = frozenset("fue fueron es son sido sera seran era eran".split())
_PARTICIPLE = re.compile(r"(?!(?:nada|vida|cada|toda|todo|lado|ido)$)\w{2,}(?:ad|id)(?:o|a|os|as)")
_FRAME_FILLERS = frozenset("posibilidad idea hipotesis version existencia contrario parte embargo".split())
_AUX_FRAME = frozenset("ha han habia habian hubo habria habrian".split())
_COPULAS = frozenset("es son fue fueron era eran sea sean sido ser estar esta estan estaba estaban hay parece "
                     "resulta queda quedan is are was were be been".split())
_NOT_A_DENIAL = frozenset("si para if to".split())
_WISHES = frozenset("espero esperamos esperemos esperaba ojala pide piden pidio quiere quieren queremos hope hopes wish".split())
_SUBJECT_OPENERS = frozenset("que y e o como pero si cuando porque that and or but".split())
# ("este" / "esta" are left out: folded, they are also "esté" / "está", auxiliaries before a verb.)
_NOUN_MARKERS = frozenset(
    "el la los las un una unos unas su sus mi mis estos estas ese esa esos esas del al de en por con "
    "para sin sobre entre contra the a an his her their its of in on for with".split()
) - {"a"}  # "no va a dimitir": "a" before an infinitive
# Nouns that state something is missing: "ausencia de negociación" does not assert a negotiation.
_ABSENCE = frozenset("ausencia falta carencia sin absence lack without".split())
# What opens the complement of a whole-claim denial phrase: "no hay pruebas de que X".
_COMPLEMENT_OPENERS = frozenset("de que sobre del".split())


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


@lru_cache(maxsize=1)
def predicate_synonyms() -> dict[str, dict[str, frozenset[str]]]:
    """{language: {stem: stems of its near-synonym predicates}} (verify/data/predicates.json)."""
    raw = json.loads(resources.files("verify").joinpath("data/predicates.json").read_text(encoding="utf-8"))
    table: dict[str, dict[str, set[str]]] = {}
    for language, words in raw["groups"]:
        stems = {stem(fold(w), language) for w in words if " " not in w}
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
        return (tok not in STOPWORDS and tok not in _NEG_WORDS and tok not in _MULTIPLIERS and len(tok) > 1
                and not tok[:1].isdigit())

    def nominal(j: int) -> bool:
        # after an article, a possessive or a preposition a word is a noun ("que la empresa vendiera"):
        # the predicate is the first content word that is not
        return j > 0 and positions[j - 1][0] in _NOUN_MARKERS

    pred_idx = next((j for j in range(start, end) if content(positions[j][0]) and positions[j][0] not in names
                     and positions[j][0] not in _AUX_WORDS and positions[j][0] not in _COMPLEMENT_OPENERS
                     and not nominal(j)), None)
    if pred_idx is None:
        return None
    subject_tokens = [positions[j][0] for j in range(subject_from, pred_idx)
                      if content(positions[j][0]) and positions[j][0] not in _AUX_WORDS]
    subject = {stem(t, lang) for t in subject_tokens}
    subject_names = {stem(t, lang) for t in subject_tokens if t in names}
    from_speaker = speaker_fallback and not subject and bool(extra_subject)
    if not subject:
        subject = set(extra_subject)
        subject_names = set(extra_subject)
    arguments = {stem(positions[j][0], lang) for j in range(pred_idx + 1, end) if content(positions[j][0])}
    predicate = stem(positions[pred_idx][0], lang)
    head = stem(subject_tokens[0], lang) if subject_tokens else ""
    return DeniedClause(frozenset(subject - {predicate}), frozenset(subject_names - {predicate}), predicate,
                        frozenset(arguments - {predicate}), cue, positions[pred_idx][0],
                        head if head != predicate else "", from_speaker)


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
    left_open: bool = False  # "no descarta que ...": neither asserted nor denied

    @property
    def asserted_stems(self) -> frozenset[str]:
        return self.stems if self.asserted is None else self.asserted


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
    speaker_stems = _speaker_stems(speaker, frame, capitalised, lang)
    side_tokens = _side_tokens(text, prop, side_spans)
    tokens_pct = re.findall(r"\d+(?:[.,]\d+)*|\w+|%", prop)
    fixed_spans = [m.span() for m in _NEG_FIXED.finditer(prop)]

    # Negation: phrase cues negate the whole proposition when they open it, word cues negate to the
    # end of their clause (comma, semicolon, "pero", "sino", ...).
    cues: list[str] = []
    negated_tokens: set[int] = set()
    whole = False
    for phrase in _NEG_PHRASES:
        pos = prop.find(phrase)
        if pos >= 0:
            cues.append(phrase)
            if pos < 25 or phrase.startswith(("no hay", "no existe", "sin pruebas", "ninguna")):
                whole = True
    # token positions with their character offsets, to test membership in fixed spans and clauses
    positions = [(m.group(0), m.start()) for m in _TOKEN.finditer(prop)]
    clause_breaks = [m.start() for m in re.finditer(r"[,;:.]", prop)]
    heads: set[str] = set()  # what each negation is about: its first two content words
    word_cues: list[tuple[int, int, int]] = []  # (cue token, scope end char, clause start char)
    side_clause_tokens: set[int] = set()
    for idx, (tok, start) in enumerate(positions):
        if tok not in _NEG_WORDS or any(a <= start < b for a, b in fixed_spans):
            continue
        if tok == "ni" and idx > 0 and positions[idx - 1][0] == "no":
            continue
        cues.append(tok)
        end = next((b for b in clause_breaks if b > start), len(prop))
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
        taken, heads_open = 0, True
        for j in range(idx + 1, len(positions)):
            t2, s2 = positions[j]
            if s2 >= end or t2 in _SCOPE_END:
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
            if taken < 2 and t2 not in STOPWORDS and t2 not in _NEG_WORDS and not t2[:1].isdigit():
                heads.add(stem(t2, lang))
                taken += 1
    # Two cues in one clause are Spanish negative concord ("no vino nunca"), not a double negative.
    main_negated = negated_tokens - side_clause_tokens
    denied = frame.denied or whole or (bool(main_negated) and _covers_main_clause(positions, main_negated))

    clauses = _denied_clauses(prop, positions, word_cues, cues, frame, lang, text, capitalised,
                              denied_by_context, side_tokens or set(), speaker_stems)
    request_stems = {stem(w, lang) for w in _REQUEST_VERBS}
    requested = {stem(positions[j][0], lang) for j in range(len(positions))
                 if any(stem(positions[k][0], lang) in request_stems for k in range(max(0, j - 4), j))
                 or any(positions[k][0] in _ABSENCE for k in range(max(0, j - 2), j))}

    # Reasons quote words as the claim wrote them, accents and all.
    surface = {fold(w): w for w in re.findall(r"\w+", prop_raw_lower(text))}
    stem_words: dict[str, str] = {}
    stems: set[str] = set()
    asserted: set[str] = set()
    negated: set[str] = set()
    for idx, (tok, _) in enumerate(positions):
        if tok in STOPWORDS or tok in _NEG_WORDS or tok in _MULTIPLIERS or tok[:1].isdigit() or len(tok) < 2:
            continue
        s = stem(tok, lang)
        stems.add(s)
        if side_tokens is None or idx not in side_tokens:
            asserted.add(s)
        stem_words.setdefault(s, surface.get(tok, tok))
        if whole or frame.denied or idx in negated_tokens:
            negated.add(s)
    hedged = frame.hedged or any(tok in _HEDGES for tok, _ in positions) or any(
        w in _HEDGES for w in re.findall(r"\w+", fold(frame.frame))
    )

    name_words = {fold(n): n for n in entity_names if n}
    if not name_words:
        name_words = _capitalised(text)
    # Redaction placeholders ("*NUMBER*", "*NAME*" in anonymised corpora) stand for a value nobody can
    # compare: neither names nor shared words.
    masked = {fold(m.group(1)) for m in _PLACEHOLDER.finditer(text)}
    if masked:
        name_words = {k: v for k, v in name_words.items() if k not in masked}
        masked |= {stem(w, lang) for w in masked}
        stems -= masked
        asserted -= masked
        clauses = tuple(dataclasses.replace(c, subject=c.subject - masked, subject_names=c.subject_names - masked,
                                            arguments=c.arguments - masked,
                                            subject_head="" if c.subject_head in masked else c.subject_head)
                        for c in clauses)
    names = set(name_words)

    groups: dict[int, set[str]] = {}
    table = antonym_table().get(lang, {})
    # Opposites count in what the claim asserts: "sus padres, que murieron en ..." does not state a death.
    for s in (stems if side_tokens is None else asserted):
        for g in table.get(s, ()):
            groups.setdefault(g, set()).add(s)
    # Antonyms that fold onto a stopword or a cue still count when the accent shows they are a
    # different word ("bajó" is not the preposition "bajo"), and negation cues count as themselves
    # ("nunca" against "siempre").
    for raw in re.findall(r"\w+", prop_raw_lower(text)):
        tok = fold(raw)
        if tok in _NEG_WORDS or (tok in STOPWORDS and raw != tok):
            for g in table.get(stem(tok, lang), ()):
                groups.setdefault(g, set()).add(stem(tok, lang))
                stem_words.setdefault(stem(tok, lang), raw)

    return ClaimFeatures(
        proposition=prop,
        denied=bool(denied),
        negation_heads=frozenset(heads),
        hedged=hedged,
        stems=frozenset(stems),
        negated=frozenset(negated),
        cues=tuple(dict.fromkeys(cues)),
        text_negated=text_negated(text),
        figures=tuple(figures(tokens_pct, lang)),
        names=frozenset(names),
        antonym_groups={g: frozenset(carriers) for g, carriers in groups.items()},
        stem_words=stem_words,
        name_words=name_words,
        denied_clauses=clauses,
        requested=frozenset(requested),
        asserted=None if side_tokens is None else frozenset(asserted),
        speaker_stems=speaker_stems - masked,
        frame_name_stems=(speaker_stems | frame_names(frame, capitalised, lang)) - masked,
        prop_name_stems=frozenset(stem(w, lang) for n in names if n in prop for w in n.split()) - masked,
        prop_names=frozenset(n for n in names if n in prop),
        left_open=frame.hedged,
    )


def _side_tokens(text: str, prop: str, side_spans: tuple[tuple[int, int], ...]) -> set[int] | None:
    """Indices of the proposition's tokens that fall in `side_spans` (offsets into `text`).

    The proposition is the folded text less its frame, so its tokens are a run of the text's own
    tokens: find the run, then read each token's offset in `text`. None when there are no spans or
    the two tokenisations disagree (then the claim is read without side clauses, as before).
    """
    if not side_spans:
        return None
    raw = [m.start() for m in _TOKEN.finditer(text)]
    folded = _TOKEN.findall(fold(text).translate(_QUOTES))
    mine = _TOKEN.findall(prop)
    if len(raw) != len(folded) or not mine:
        return None
    width = len(mine)
    at = next((i for i in range(len(folded) - width + 1) if folded[i:i + width] == mine), None)
    if at is None:
        return None
    return {j for j in range(width) if any(a <= raw[at + j] < b for a, b in side_spans)}


def _denied_clauses(prop: str, positions: list[tuple[str, int]], word_cues: list[tuple[int, int, int]],
                    cues: list[str], frame: Frame, lang: str, text: str, names: frozenset[str],
                    denied_by_context: bool,
                    side_tokens: set[int] | frozenset[int] = frozenset(),
                    speaker_stems: frozenset[str] = frozenset()) -> tuple[DeniedClause, ...]:
    """Each proposition the claim denies: after a main-clause "no" (to the end of its clause), the
    complement of "no hay pruebas de que ...", or the whole proposition under a denying frame.
    `names`: the claim's capitalised words, folded."""
    out: list[DeniedClause] = []
    n = len(positions)

    def index_at(char: int) -> int:
        return next((j for j, (_, s_) in enumerate(positions) if s_ >= char), n)

    phrase_spans = [(m.start(), m.end()) for p_ in _NEG_PHRASES for m in re.finditer(re.escape(p_), prop)]
    for idx, end_char, clause_start in word_cues:
        # Only negators of a verb open a denied clause: "ni" / "ningún" / "nada" negate a noun phrase,
        # "falsa" qualifies one ("una foto falsa"), "sin" heads an adverbial ("sin dar detalles"); an
        # existential "no hay razón para ..." denies a noun, and "no hay pruebas" is read as a phrase.
        if positions[idx][0] not in _VERB_NEGATORS or any(a <= positions[idx][1] < b for a, b in phrase_spans):
            continue
        if idx + 1 < n and positions[idx + 1][0] in ("hay", "habia", "hubo", "existe", "existen", "there"):
            continue
        # A condition, a purpose or a wish is not a denial: "si no cuenta con ...", "para no ser
        # eliminada", "espero que no gane".
        before = [positions[k][0] for k in range(max(0, idx - 3), idx)]
        if before and (before[-1] in _NOT_A_DENIAL or any(w in _WISHES for w in before)):
            continue
        # A purpose or a manner with its own subject ("para que López Obrador no gane", "sin que
        # nadie lo notara") is an aim or a circumstance, not something stated.
        que = next((k for k in range(idx - 1, max(0, idx - 5), -1) if positions[k][0] == "que"), None)
        if que is not None and que > 0 and positions[que - 1][0] in ("para", "sin", "de"):
            continue
        end = index_at(end_char)
        j = idx + 1
        while j < end and positions[j][0] in _SCOPE_END:
            j += 1
        # the subject: what sits right before the cue, after the last complementiser or conjunction
        # ("y como no lo apoyaba" has none: a pronoun stands for it)
        first = index_at(clause_start)
        ques = [k for k in range(first, idx) if positions[k][0] in _SUBJECT_OPENERS]
        stop = next((k for k in range(idx + 1, end) if positions[k][0] in _SCOPE_END), end)
        # Spanish puts the verb right after "no" (clitics and auxiliaries aside): when that word is a
        # copula or a function word ("no es gasolina", "no ha sido un camino de rosas") the negation
        # denies an attribute, which this reading cannot match reliably, so it gives no clause.
        k = idx + 1
        while k < stop and (positions[k][0] in _CLITICS or positions[k][0] in _AUX_WORDS
                            or positions[k][0] in ("ha", "han", "habia", "habian", "he", "hemos", "hubo", "habra")):
            k += 1
        # ... except in the passive: "no fue cuestionado" denies "cuestionar".
        if k + 1 < stop and positions[k][0] in _PASSIVE_AUX and _PARTICIPLE.fullmatch(positions[k + 1][0]):
            k += 1
        if k >= stop or positions[k][0] in STOPWORDS or positions[k][0] in _COPULAS or positions[k][0] in names:
            continue
        # A denial naming no subject is about who speaks ("El Bronco dijo que no regresará"), unless
        # its verb is plural ("pero no le asignaron el contrato": somebody else).
        plural = any(len(w) > 3 and w.endswith("n") and w not in _NOT_VERBS
                     for w, _ in positions[idx + 1:k + 1])
        # ... or impersonal ("no se puede hablar de libertad de expresión": nobody in particular)
        plural = plural or (idx + 2 < n and positions[idx + 1][0] == "se" and positions[idx + 2][0] in _IMPERSONAL)
        clause = _clause(positions, k, stop, (ques[-1] + 1) if ques else first, positions[idx][0], lang, names,
                         frozenset() if plural else speaker_stems, speaker_fallback=True)
        if clause is not None:
            out.append(clause)
    for phrase in _NEG_PHRASES:
        pos = prop.find(phrase)
        if pos < 0:
            continue
        if index_at(pos) in side_tokens:
            continue  # "..., algo que no es cierto": it denies what the side clause is about
        after = index_at(pos + len(phrase))
        while after < n and positions[after][0] in _COMPLEMENT_OPENERS:
            after += 1
        end_char = next((m.start() for m in re.finditer(r"[,;:.]", prop) if m.start() > pos + len(phrase)), len(prop))
        end = index_at(end_char)
        if end - after >= 2:
            clause = _clause(positions, after, end, after, phrase, lang, names)
        else:  # "X, no es cierto" / "X es falso": the denied proposition comes first
            clause = _clause(positions, 0, index_at(pos), 0, phrase, lang, names)
        if clause is not None:
            out.append(clause)
    # A denying frame read here ("Rusia negó apoyar ...") gives the denied clause; the extractor's
    # context-only denial ("..., algo que la empresa negó") only for a short sentence, where the first
    # verb is the proposition's and not a side clause's.
    if frame.denied or (denied_by_context and not out and n <= 15):
        # "Rusia ha negado apoyar a ...": who denies is who the proposition is about, unless it names
        # its own subject ("Peskov negó que Rusia ...").
        # (a frame naming nobody, "la empresa se negó a ...", gives its own words)
        extra = frame_names(frame, names, lang) or frozenset(
            stem(t, lang) for t in _TOKEN.findall(frame.frame) if len(t) > 2 and t not in STOPWORDS
            and t not in _CLITICS and t not in _FRAME_FILLERS and not _FRAME_VERB.fullmatch(t))
        # What is denied ends with its clause: "rechazan que el Gobierno maneje fondos de reconstrucción,
        # dice un sondeo ..." denies managing the funds, not everything the sentence goes on to say.
        first_break = next((m.start() for m in re.finditer(r"[,;:.]", prop)), len(prop))
        end = index_at(first_break)
        cue = _as_written(frame.verb, text) if frame.denied else "denied"
        clause = _clause(positions, 0, end if end >= 3 else n, 0, cue, lang, names, extra)
        if clause is not None:
            out.append(clause)
    return tuple(out)


def _as_written(folded_word: str, text: str) -> str:
    """A folded word of the frame as the claim writes it ("nego" -> "negó"), for reasons."""
    return next((w for w in re.findall(r"\w+", text) if fold(w) == folded_word), folded_word or "negó")


def _capitalised_words(text: str) -> frozenset[str]:
    return frozenset(fold(m.group(0)) for m in re.finditer(r"\b[A-ZÁÉÍÓÚÑ]\w+", text))


def _speaker_stems(speaker: str, frame: Frame, names: frozenset[str], lang: str) -> frozenset[str]:
    """Stems of who speaks: the extractor's speaker, else the frame's last run of capitalised words
    ("El portavoz del Kremlin, Dmitri Peskov, dijo que" -> Dmitri Peskov)."""
    words = [w for w in _TOKEN.findall(fold(speaker)) if w not in STOPWORDS]
    if not words and frame.frame:
        run: list[str] = []
        for token in re.findall(r"\w+|[^\w\s]", frame.frame):
            if token in names and token not in STOPWORDS and not _FRAME_VERB.fullmatch(token):
                run.append(token)
                words = run
            elif not (run and token in ("de", "del")):
                run = []
    return frozenset(stem(w, lang) for w in words if len(w) > 1)


def frame_names(frame: Frame, names: frozenset[str], lang: str) -> frozenset[str]:
    """Stems of every name in a claim's attribution frame ("Meade admitió que ..." -> {mead})."""
    return frozenset(stem(t, lang) for t in _TOKEN.findall(frame.frame)
                     if t in names and t not in STOPWORDS and not _FRAME_VERB.fullmatch(t))


def text_negated(text: str) -> bool:
    """A negation cue anywhere in the claim, its frame included ("no sólo", "sin embargo" excepted)."""
    return _has_negation(fold(text).translate(_QUOTES))


def _has_negation(folded: str) -> bool:
    """A negation cue anywhere in the text, fixed expressions ("no solo", "sin embargo") included as such."""
    stripped = _NEG_FIXED.sub(" ", folded)
    return any(p in stripped for p in _NEG_PHRASES) or any(t in _NEG_WORDS for t in _TOKEN.findall(stripped))


def prop_raw_lower(text: str) -> str:
    """The claim lower-cased with its accents kept (folding merges "bajó" into the preposition "bajo")."""
    return unicodedata.normalize("NFC", text.lower())


def _covers_main_clause(positions: list[tuple[str, int]], negated_tokens: set[int]) -> bool:
    """A negation denies the claim when it sits in its first clause or covers most of its words."""
    if not positions:
        return False
    first = min(negated_tokens)
    return first <= 8 or len(negated_tokens) >= 0.5 * len(positions)


_CAP = re.compile(r"\b[A-ZÁÉÍÓÚÑ][\wáéíóúñü]+(?:\s+(?:de\s+|del\s+|la\s+|da\s+|do\s+|dos\s+|van\s+|von\s+|di\s+)?[A-ZÁÉÍÓÚÑ][\wáéíóúñü]+)*")


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
