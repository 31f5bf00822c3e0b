"""Figures in a claim: a number as written, its value and the noun it counts ("20.000 manifestantes").

Two claims conflict on a figure when they count the same noun with values that cannot both hold
(`verify.match.rules`); this module only reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from verify.lang import LANGUAGES, alternation, fold, lexicon, table, words
from verify.match.names import demonym_words
from verify.match.vocabulary import MONTH_STEMS, MULTIPLIERS, NEGATORS, STOPWORDS, SYNONYMS, stem

_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+")
_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+")
_COMMA_DECIMAL = re.compile(r"\d+,\d+")
_DOT_DECIMAL = re.compile(r"\d+\.\d+")
_WORD_NUMBERS = table("number_words")  # "dos" -> 2, "cien" -> 100, "twenty" -> 20
# a number only before a multiplier ("un millón"), otherwise an article
_ARTICLE_NUMBERS = frozenset(words("article_numbers"))
# Multipliers that round as they count: "una veintena de muertos" is about twenty.
_APPROXIMATE = frozenset(words("approximate_multipliers"))
# The word or two-word phrase right before a figure that makes it a bound or a rounding, and which:
# "más de 1.000" and "al menos 1.000" are a floor (1.200 agrees, 800 does not), "menos de" and "hasta
# 500" a ceiling ("subió hasta el 16 %" is no ceiling: the words must touch the figure), "unos" and
# "casi" a rounded value (`verify.match.rules` says how close agrees).
_BOUNDS: dict[str, str] = table("figure_bounds")
_BOUND_WORDS = frozenset(w for phrase in _BOUNDS for w in phrase.split())
# A percentage is a rate of something: "la tasa de paro", "el índice de la miseria", "the savings rate".
_RATE_NOUNS = frozenset(words("rate_nouns"))
# ... and nouns that are themselves what a percentage measures ("la participación"), where the claim
# names a vote (a word of these): turnout, no share of something else (`_rates`).
_RATE_MEASURES = frozenset(words("rate_measures"))
_BALLOT_WORDS = frozenset(words("ballot_words"))
# The stem of each language's count noun for people ("personas"), which a people's name counts as.
_PEOPLE = {language: stem(word, language)
           for language in LANGUAGES for word in lexicon(language).get("people_nouns", ())[:1]}
# Words of dying and killing, folded, as written (no stems: "murieron" stems to "mur", as "muro" does):
# a count they tell of is a death toll, whatever its noun (`_counts_deaths`).
_DEATH_WORDS = frozenset(words("death_words"))
# Words of killing ("mataron", "killed") tell of the dead only before the count: "dos ultraderechistas
# asesinaron a cinco personas" counts two killers and five dead.
_KILLING_WORDS = frozenset(words("killing_words"))
# between a verb of killing or wounding and its count: "mata a 22", "hiere a 13"
_DEATH_FILLERS = frozenset(words("death_fillers"))
# The wounded are counted as the dead are: "13 heridos", "30 personas resultaron heridas", "hiere a 13".
_INJURY_WORDS = frozenset(words("injury_words"))
_INJURING_WORDS = frozenset(words("injuring_words"))
# (the kind of casualty, the words of its state, the words of the act that causes it), dying first
# Survivors and the missing of one event are counted apart from its dead and its injured ("50
# supervivientes" disputes no toll of "500 muertos"); no act before a count names them.
_CASUALTIES: tuple[tuple[str, frozenset[str], frozenset[str]], ...] = (
    ("death", _DEATH_WORDS, _KILLING_WORDS), ("injured", _INJURY_WORDS, _INJURING_WORDS),
    ("survivors", frozenset(words("survivor_words")), frozenset()),
    ("missing", frozenset(words("missing_words")), frozenset()))
CASUALTY_UNITS = frozenset(kind for kind, _, _ in _CASUALTIES)
_CASUALTY_WORDS = frozenset(w for _, state, _ in _CASUALTIES for w in state)  # "docenas mueren"
_SINGLE = frozenset(words("single_words"))  # "un único fallecido", "un solo herido"
_CASUALTY_ARTICLES = frozenset(words("casualty_articles"))  # "un muerto": one
# "se cobró la vida de 44 personas", "costó la vida a 12": a verb of these, "la vida" and its count (`_takes_lives`)
_LIFE_TAKING = frozenset(words("life_taking_words"))
_LIFE_NOUNS = frozenset(words("life_nouns"))
_LIFE_LINKS = frozenset(words("life_links"))
# "nueve inmigrantes perdieron la vida": a verb of these and "la vida" after a count's noun (`_loses_life`)
_LIFE_LOSING = frozenset(words("life_losing_words"))
_DEATH_OF = frozenset(words("death_of_nouns"))
# A noun that names what the number right after it measures: "de magnitud 6.0", "categoría 4", "magnitude 7".
_MEASURE_NOUNS = frozenset(words("measure_nouns"))
_MEASURE_LINKS = frozenset(words("measure_links"))  # "una magnitud de 8,2", "a magnitude of 7"
# "treinta y siete", "thirty-seven": tens and units written as words are one number (the word between,
# if any, is the lexicon's `number_joiners`)
_NUMBER_JOINERS = frozenset(words("number_joiners"))
# Days in each unit of time, by stem (`verify.match.rules` counts spans in days).
DURATION_DAYS: dict[str, float] = table("duration_days")
_DURATIONS = frozenset(DURATION_DAYS)  # "de 22 y 25 años, fallecieron": ages, not the dead
_ELAPSED = frozenset(words("elapsed_markers"))
_MARGINS = tuple(tuple(marker.split()) for marker in words("margin_markers"))
_MARGIN_LEADS = tuple(tuple(lead.split()) for lead in words("margin_leads"))
_HALVES = frozenset(words("half_after_unit"))
_RECORD_WORDS = frozenset(words("record_words"))
_RECORD_SPAN = frozenset(words("record_span_prepositions"))
# Someone's age ("muere a los 87 años", "Peterson, de 31 años", "tenía 38 años", "un chico de 14 años")
# is one exact value, not a span of time (`_age`).
_AGE_UNITS = frozenset(words("age_units"))
_AGE_VERBS = frozenset(words("age_verbs"))
_AGE_PEOPLE = frozenset(words("age_people"))
_PRISON_TERMS = frozenset(words("prison_terms"))  # "17 años de inhabilitación": a term, not an age


def _stems(key: str) -> frozenset[str]:
    """A lexicon list's words as stems, each stemmed in its own language."""
    return frozenset(stem(w, language) for language in LANGUAGES for w in lexicon(language).get(key, ()))


# The age unit's stems ("anos") are its words, not something else two claims share; the person nouns'
# stems tell two ages of one someone (`verify.match.rules`).
AGE_STEMS = _stems("age_units")
# What a measure is of ("magnitud"), as stems: a value on a scale, not a count of things.
MEASURE_STEMS = _stems("measure_nouns")
# ... of a quake's magnitude among them, whose values two quakes part by more than one quake's in dispute.
MAGNITUDE_STEMS = _stems("magnitude_nouns")
# The units of a match's score (`_score`): the match's, and a penalty shoot-out's.
SCORE_UNITS = frozenset({"score", "shootout"})
# Tallies written exactly, never rounded: "180 votos a favor" is not "176 votos" (`verify.match.rules`);
# a match's score neither ("2-0" is not "2-1").
EXACT_UNITS = _stems("exact_count_units") | SCORE_UNITS
# A rank's unit is this and its noun's stem ("la quinta mujer en ..." -> "rank mujer"): a place in an
# order, written exactly, never a count of the noun (`_rank`).
RANK = "rank "


def is_rank(unit: str) -> bool:
    """Whether a figure's unit is a rank's (`RANK`)."""
    return unit.startswith(RANK)


# What a percentage measures when it is no share of something else ("la participación", "turnout"), as
# stems: turnout is never a share of the votes (`verify.match.rules`).
RATE_MEASURE_STEMS = _stems("rate_measures")
# Money's nouns ("euros", "pesos"), as stems: a sum is no count of things (`verify.match.rules._one_count_each`).
CURRENCY_STEMS = _stems("currency_nouns")
# Counts of seats ("escaños", "diputados"), each a party's (`verify.match.rules`).
SEAT_STEMS = _stems("seat_units")
# Units a quantity is measured in ("litros", "pulgadas"), as stems (`verify.match.rules._one_count_each`).
UNIT_STEMS = _stems("units_of_measure")
# Each unit of measure's stem -> (its quantity's base unit, how many of that one is), so "1,5 kilómetros"
# and "300 metros" compare in metres and "tres toneladas" and "300 kilos" in kilograms (lexicon
# `measure_scales`; `verify.match.rules` converts).
_SCALES = table("measure_scales")
MEASURE_SCALES: dict[str, tuple[str, float]] = {s: (base, _SCALES[s]) for s, base in table("measure_bases").items()}
MEASURE_BASES = frozenset(base for base, _ in MEASURE_SCALES.values())
AGE_PEOPLE_STEMS = _stems("age_people")
# Words of a prison term or a ban ("años de prisión", "de inhabilitación"): a term is one convict's
# (`verify.match.rules`).
PRISON_STEMS = _stems("prison_terms")
# What a length measures ("de profundidad", "de diámetro"), as stems: two lengths of two of these are two
# quantities, not one in dispute (`verify.match.rules`).
DIMENSION_STEMS = _stems("dimension_words")
_NUM_SKIP = frozenset(words("number_fillers"))  # between a figure and its noun: "20 por ciento de los ..."
# A currency sign counts as its noun ("260 €", "12.500M€", "£500"): the lexicon's word for it, so "260 €"
# and "188 euros" count the same thing. "M" right before one is millions. ("$" is not one: dollars in
# one country, pesos in Mexico.)
_CURRENCY = table("currency_symbols")  # every language's signs, for the tokens; the noun is the claim's
# "cuatro veces superior", "three times more", "se reunió dos veces", "en tres ocasiones": a ratio or a
# count of occasions, one quantity in every language ("times"). "veces" is a stopword, so without this a
# figure before it counted nothing ("cuarenta veces" never met "cuatro veces"), and "times" was a noun of
# English alone.
_RATIO_WORDS = frozenset(words("ratio_words"))
# The two words right before a time of day ("falleció a las 16.25"): an hour counts nothing.
_TIME_OPENERS = frozenset(words("time_of_day_openers"))
_PREPOSITIONS = frozenset(words("prepositions"))
# "del", or "de" and an article, after a bare number: a part of a whole ("ocho del país", `_partitive`).
_PARTITIVE_OPENERS = frozenset(words("partitive_openers"))
_PARTITIVE_PREPOSITIONS = frozenset(words("partitive_prepositions"))
_PLURAL_ARTICLES = frozenset(words("partitive_plural_articles"))  # "de los veintiocho países": what is counted
_PARTITIVE_ARTICLES = _PLURAL_ARTICLES | frozenset(words("partitive_other_articles"))  # "de la", "de cada"
# (a redaction placeholder, "*NUMBER*" in anonymised corpora, is one token: a number nobody can read; a
# score, `_SCORE`, is one token too, its hyphen made underscores)
FIGURE_TOKEN = re.compile(rf"\*\w+\*|\d+_+\d+\b|\d+(?:[.,]\d+)*|\w+|%|[{re.escape(''.join(_CURRENCY))}]")
# A number joined to a word by a hyphen is part of a name ("covid-19", "F-16", "sub-21"), not a count.
_JOINED = re.compile(r"(?<=[^\W\d_])-(?=\d)")
# A match's score: two numbers of one or two digits joined by a hyphen ("ganó 2-0 al Espanyol", "5-4 en
# los penaltis", "terminó 11-10."), before a preposition, a conjunction or a stop (lexicon
# `score_followers`): not a range of days or of a count ("del 10-12 de mayo", "5-10 personas").
_SCORE = re.compile(r"(?<![\w.,/-])\d{1,2}( ?[-\u2013] ?)\d{1,2}(?![\w%/-]|[.,]\d)"
                    rf"(?= *(?:[,.;:)\u00bb\u201d]|$)| +(?:{alternation(words('score_followers'))})\b)")
_SCORE_TOKEN = re.compile(r"(\d+)_+(\d+)")


def figure_tokens(text: str) -> list[re.Match[str]]:
    """`FIGURE_TOKEN`'s tokens of `text`, a number joined to a word by a hyphen read as part of that word
    ("covid-19" is one token), a score as one token ("2-0"); their spans are `text`'s."""
    text = _SCORE.sub(lambda m: m.group().replace(m.group(1), "_" * len(m.group(1))), _JOINED.sub("_", text))
    return list(FIGURE_TOKEN.finditer(text))


# A shoot-out's words (lexicon `shootout_words`): a score this near them is the shoot-out's, another
# quantity than the match's ("empató 1-1 y ganó 11-10 en la tanda de penaltis"). Plurals only: "con un
# penalti" scores in the match.
_SHOOTOUT_WORDS = frozenset(words("shootout_words"))
_SHOOTOUT_REACH = 5  # tokens either side


def _score(tokens: list[str], i: int) -> Figure | None:
    """The score token of `figure_tokens` at `i` as a figure, of unit "shootout" near a shoot-out's
    words, else "score": the higher number first whoever won ("perdió 0-2" and "ganó 2-0" give one
    score), its value both numbers (2-0 is 200, 11-10 is 1110)."""
    m = _SCORE_TOKEN.fullmatch(tokens[i])
    if m is None:
        return None
    high, low = sorted((int(m.group(1)), int(m.group(2))), reverse=True)
    near = tokens[max(0, i - _SHOOTOUT_REACH):i + _SHOOTOUT_REACH + 1]
    unit = "shootout" if _SHOOTOUT_WORDS.intersection(near) else "score"
    return Figure(f"{high}-{low}", float(100 * high + low), unit, "")


@lru_cache(maxsize=64)
def _language_words(key: str, language: str) -> frozenset[str]:
    """The lexicon list `key` of `language` alone (folded, as the tokens are: "dolares"), where another
    language's words would misread ("miles" is a distance in English, "no" opens no Spanish toll of none)."""
    return frozenset(words(key, (language,)))


@lru_cache(maxsize=8)
def _currency_units(language: str) -> dict[str, str]:
    """Sign -> the stem of its noun in `language` ("£" -> "libr" in Spanish, "pound" in English)."""
    return {sign: stem(fold(noun), language) for sign, noun in table("currency_symbols", (language,)).items()}


@lru_cache(maxsize=8)
def _ordinals(language: str) -> dict[str, float]:
    """`language`'s ordinals ("quinta" -> 5), its own: "second" is a span of time in English only."""
    return table("ordinals", (language,))


@lru_cache(maxsize=8)
def _vague_counts(language: str) -> dict[str, float]:
    """`language`'s plurals of an order of magnitude ("decenas" -> 10, "miles" -> 1.000): its own, as
    "miles" is a distance in English."""
    return table("vague_counts", (language,))


@dataclass(frozen=True, slots=True)
class Figure:
    """A number as written, its value and the noun it counts ("20.000 manifestantes")."""

    text: str
    value: float
    # stem of the counted noun, "%" for percentages, "year" for bare years, "death" / "injured" for a toll
    # however written (`_casualty`), the stem of a noun before the number that names what it measures
    # ("magnitud 6.0"), "age" for someone's age in years (`_age`), "" if none
    unit: str
    # "" as written, "about" rounded ("unos"), "min" a floor ("más de"), "max" a ceiling ("hasta"), "some"
    # an order of magnitude in the plural, at least two of it ("docenas de", "miles de"; `value` is one of it)
    bound: str
    # stems of the content words right after the counted noun ("personas fueron asesinadas" ->
    # {asesin}): "cinco personas asesinadas" and "quince personas heridas" count two things; for a
    # percentage, what the claim's rates are of ("la tasa de paro" -> {par}): the rate of unemployment
    # and the savings rate are two quantities
    context: frozenset[str] = frozenset()
    # a span of time counted from the day it is written ("hace dos años", "lleva tres años"; lexicon
    # `elapsed_markers`): two articles a year apart give two, so it is no figure in dispute
    elapsed: bool = False
    # a difference between two counts ("dos votos de diferencia", "una diferencia de 71.000 votos"; lexicon
    # `margin_markers`, `margin_leads`), not a count of the noun: "167 votos" and "dos votos de diferencia"
    # agree
    margin: bool = False


def parse_number(token: str, next_word: str = "") -> float | None:
    """Spanish-first reading of a written figure: "1.000" -> 1000, "1,5" (+ "millones") -> 1.5, "20.000" -> 20000.

    A comma followed by exactly three digits and no multiplier is read as an English thousands
    separator ("1,000"); otherwise commas are decimal marks, as in Spanish.
    """
    if not token[:1].isdigit():  # most tokens are words: one lookup, no pattern
        return _WORD_NUMBERS.get(token)
    if _DOT_THOUSANDS.fullmatch(token):
        return float(token.replace(".", ""))
    if _COMMA_THOUSANDS.fullmatch(token) and next_word not in MULTIPLIERS:
        return float(token.replace(",", ""))
    if _COMMA_DECIMAL.fullmatch(token):
        return float(token.replace(",", "."))
    if _DOT_DECIMAL.fullmatch(token):
        return float(token)
    if token.isdigit():
        return float(token)
    return _WORD_NUMBERS.get(token)


def written_words(figure: Figure) -> list[str]:
    """The folded words `figure`'s number is written in: ["treinta", "y", "siete"], ["1,2"]; a unit after
    it (`verify.match.rules` writes a span of time "doce meses") is not one."""
    written = figure.text.split()
    n = 1
    while n < len(written) and (written[n] in _NUMBER_JOINERS or parse_number(written[n]) is not None):
        n += 1
    return written[:n]


def written_step(figure: Figure) -> float | None:
    """The step `figure` is written to, in its value's units: "256,47" -> 0.01, "83,7" millones -> 100.000,
    "789.000" -> 1.000, "950" -> 10; None for a word ("dos") or a zero. A figure written to a fine step is
    precise: two such that differ by more than a step are two values, however close ("256,47" / "265,47")."""
    text = figure.text
    base = parse_number(text)
    if not text[:1].isdigit() or not base:
        return None
    scale = figure.value / base
    if not (text.isdigit() or _DOT_THOUSANDS.fullmatch(text) or _COMMA_THOUSANDS.fullmatch(text)):
        # what `parse_number` read as decimals ("256,47", "40.1"): the digits after the mark
        return 10.0 ** -len(re.split(r"[.,]", text)[-1]) * scale
    digits = re.sub(r"\D", "", text)
    return 10.0 ** (len(digits) - len(digits.rstrip("0"))) * scale


def figures(tokens: list[str], language: str = "es", names: frozenset[str] = frozenset()) -> list[Figure]:
    """Figures in a folded token list, with multipliers applied and the counted noun attached.
    `names`: the words of the claim's names, folded (a name before "de 31 años" makes them an age; a
    capitalised sentence start, "Apenas 5 años después", is none)."""
    out: list[Figure] = []
    currency = _currency_units(language)
    currency_nouns = _language_words("currency_nouns", language)
    price_openers = _language_words("price_openers", language)
    rates: frozenset[str] | None = None
    vague, vague_links = _vague_counts(language), _language_words("vague_count_links", language)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        rank = _rank(tokens, i, language)
        if rank is not None:
            out.append(rank)
            i += 2 + (not token.isalpha())  # "quinta mujer", "6 a provincia"
            continue
        is_digit = token[:1].isdigit()
        score = _score(tokens, i) if is_digit else None
        if score is not None:
            out.append(score)
            i += 1
            continue
        # A number word written in one of the claim's names is part of it, no count: "el barrio porteño de
        # Once" (where "dejó 194 muertos" is the toll), "Dos Hermanas" (not at the start, where any word is
        # capitalised).
        if not is_digit and i and token in names and parse_number(token) is not None:
            i += 1
            continue
        # (not after a number, "dos decenas", nor after a redacted one, "*NUMBER* millones": multipliers)
        prev = tokens[i - 1] if i else ""
        if token in vague and (nxt in vague_links or nxt in _CASUALTY_WORDS) and parse_number(prev) is None \
                and not prev.startswith("*"):
            some = _vague_count(tokens, i, vague, vague_links, language)
            out.append(some)
            i += len(some.text.split())
            continue
        value = parse_number(token, nxt)
        # A number right after "no" is one the claim corrects, not one it gives: "tiene 17 años, y no 19",
        # "asciende a 5 millones, y no a 10" (a preposition between).
        if value is not None and i and (tokens[i - 1] in NEGATORS or (
                i >= 2 and tokens[i - 1] in _PREPOSITIONS and tokens[i - 2] in NEGATORS)):
            i += 1
            continue
        # Word numbers count only before a multiplier or a noun ("dos millones", "tres muertos"), and
        # "un"/"una" only before a multiplier: otherwise they are articles; but a bare "uno" right after
        # a killing or a wounding is the count: "mata a uno e hiere a cinco"
        counted_one = (token == "uno" and i >= 2 and tokens[i - 1] in _DEATH_FILLERS
                       and (tokens[i - 2] in _KILLING_WORDS or tokens[i - 2] in _INJURING_WORDS))
        # ... and "un" right before a casualty, or "único" and one: "Un muerto en un tiroteo", "confirma un
        # único fallecido" (rules-65; not "una herida", a wound)
        single = i + 2 < len(tokens) and nxt in _SINGLE and tokens[i + 2] in _CASUALTY_WORDS
        counted_one = counted_one or (token in _CASUALTY_ARTICLES and (nxt in _CASUALTY_WORDS or single))
        # ... and "un" or "una" before a span's unit that a counted span is joined to: "casi un año y siete
        # meses" is a year and seven months (read alone, the seven months met "580 días" as a conflict)
        counted_one = counted_one or (token in _ARTICLE_NUMBERS and i + 3 < len(tokens)
                                      and stem(nxt, language) in _DURATIONS and tokens[i + 2] in _NUMBER_JOINERS
                                      and parse_number(tokens[i + 3]) is not None)
        # ... and "un" before a currency's name after a word of price: "compró el Banco Popular por un euro"
        counted_one = counted_one or (token in _ARTICLE_NUMBERS and nxt in currency_nouns and i > 0
                                      and tokens[i - 1] in price_openers)
        if value is None or (not is_digit and token in _ARTICLE_NUMBERS and nxt not in MULTIPLIERS
                             and not counted_one):
            i += 1
            continue
        if value <= 24 and " ".join(tokens[max(0, i - 2):i]) in _TIME_OPENERS:
            i += 1
            continue
        # "mil" or "millones" right after a word that is no number, article or bound multiplies a
        # figure this reading missed ("veintitrés mil", a masked "*NUMBER* mil"): its value is unknown.
        prev = tokens[i - 1] if i else ""
        if (not is_digit and token in MULTIPLIERS and prev and prev not in STOPWORDS and prev not in _BOUND_WORDS
                and parse_number(prev) is None):
            i += 1
            continue
        j, text = (i + 2 if counted_one and single else i + 1), token  # past "único" in "un único fallecido"
        units_at = j + (nxt in _NUMBER_JOINERS)
        units = parse_number(tokens[units_at]) if units_at < len(tokens) and not is_digit else None
        # "ciento noventa y cuatro": a word hundred and the tens or units written after it are one number
        # (read apart, 100 and 94 met "194 personas" as a conflict)
        if not is_digit and 100 <= value <= 900 and value % 100 == 0 and units is not None and 1 <= units <= 99 \
                and units_at == j and not tokens[units_at][:1].isdigit():
            value, j = value + units, units_at + 1
            units_at = j + (j < len(tokens) and tokens[j] in _NUMBER_JOINERS)
            more = parse_number(tokens[units_at]) if units_at < len(tokens) else None
            if units >= 20 and units % 10 == 0 and more is not None and 1 <= more <= 9 and units_at > j \
                    and not tokens[units_at][:1].isdigit():
                value, j = value + more, units_at + 1
            text = " ".join(tokens[i:j])
        elif not is_digit and 20 <= value <= 90 and value % 10 == 0 and units is not None and 1 <= units <= 9 \
                and not tokens[units_at][:1].isdigit():
            value, j, text = value + units, units_at + 1, " ".join(tokens[i:units_at + 1])
        approximate = False
        while j < len(tokens) and tokens[j] in MULTIPLIERS:
            value *= MULTIPLIERS[tokens[j]]
            approximate = approximate or tokens[j] in _APPROXIMATE
            j += 1
        if is_digit and j + 1 < len(tokens) and tokens[j] == "m" and (
                tokens[j + 1] in _CURRENCY or (tokens[j + 1] in _NUM_SKIP and j + 2 < len(tokens)
                                               and tokens[j + 2] in currency_nouns)):
            # "12.500M€", "537M de euros": millions; a length in metres is never "de euros" ("100 m de
            # altura" stays metres)
            value, j = value * 1e6, j + 1
        unit = ""
        k = j
        # "de magnitud 6.0 golpea", "una magnitud de 8,2": no noun after it
        measure_at = i - 2 if i > 1 and tokens[i - 1] in _MEASURE_LINKS else i - 1
        measured = measure_at >= 0 and tokens[measure_at] in _MEASURE_NOUNS
        if k < len(tokens) and tokens[k] in currency:
            unit = currency[tokens[k]]
        elif i > 0 and tokens[i - 1] in currency and is_digit:  # "£500 millones"
            unit = currency[tokens[i - 1]]
        elif k < len(tokens) and tokens[k] in ("%", "por", "percent") and (
            tokens[k] == "%" or tokens[k] == "percent" or (k + 1 < len(tokens) and tokens[k + 1] == "ciento")
        ):
            unit = "%"
            j = k + 1 + (tokens[k] == "por")  # "por ciento" read whole: its "ciento" is no hundred of its own
        elif k < len(tokens) and tokens[k] in _RATIO_WORDS:
            unit = "times"
        elif not measured and all(t in MULTIPLIERS for t in tokens[i + 1:j]) and _partitive(tokens[k:k + 2]):
            # ("de magnitud 7,1 del 19 de septiembre" is a measure before its date, no part of a whole)
            # part of a whole: "veinte de los veintiocho países" counts countries, "las ocho del país" no noun;
            # the part's number may have its multipliers ("un millar de los 2.720 clérigos")
            whole = _whole_noun(tokens, k)
            if whole is not None:
                k, unit = whole, stem(tokens[whole], language)
                # the whole's own number ("13 de las 16 muertes") is the total the part is of, not a second
                # count: read with the part, "9 de las 16 muertes" would agree on the 16
                j = whole + 1
        elif measured:
            unit = stem(tokens[measure_at], language)
        elif not _dated_year(tokens, i, value, language):
            while k < len(tokens) and tokens[k] in _NUM_SKIP:
                k += 1
            if k < len(tokens) and tokens[k] in currency:  # "850 millones de €": the sign is its noun
                unit = currency[tokens[k]]
            elif k < len(tokens) and not tokens[k][:1].isdigit() and tokens[k] not in STOPWORDS:
                unit = stem(tokens[k], language)
        if unit in MONTH_STEMS and not (value == int(value) and 1 <= value <= _LAST_DAY):
            # a day of a month is a whole number up to 31: "el terremoto de 7,8 de abril" is a bare magnitude
            unit = ""
        if not unit and is_digit and value <= _LAST_DAY:
            unit = _day_joined(tokens, j, language)
        if not unit and (year_written(token, value) or _early_year(tokens, i, value, language)):
            unit = "year"
        # (a number before a month's name is a day of it, "murió el 5 de marzo": a date, whatever verb is
        # before it)
        # (not a unit of measure: "tres toneladas de peces muertos" weighs the dead, it does not count them)
        elif unit not in ("", "%", "times") and unit not in _DURATIONS and unit not in MONTH_STEMS \
                and unit not in UNIT_STEMS and not measured and k < len(tokens) and tokens[k] not in currency:
            unit = _casualty(tokens, i, k) or unit
        elif not unit:
            unit = _casualty(tokens, i, None)  # "hiere a 13 en la capital": the act says what is counted
            toll = None if unit else _toll_noun(tokens, i, language)
            if toll is not None:  # "el balance de muertos se sitúa en 300": no words after a noun of its own
                unit, k = _casualty(tokens, i, toll) or stem(tokens[toll], language), len(tokens)
        # "dos años y medio": a half after the span's unit
        if unit in _DURATIONS and k + 2 < len(tokens) and tokens[k + 1] in _NUMBER_JOINERS and tokens[k + 2] in _HALVES:
            value += 0.5
        elif unit in _DURATIONS and k + 3 < len(tokens) and tokens[k + 1] in _NUMBER_JOINERS:
            # "cuatro años y seis meses": a shorter span after the joiner is part of this one, in its unit,
            # and no figure of its own ("cuatro años y medio" is the same span)
            part, shorter = parse_number(tokens[k + 2]), stem(tokens[k + 3], language)
            if part is not None and DURATION_DAYS.get(shorter, DURATION_DAYS[unit]) < DURATION_DAYS[unit]:
                # (to a hundredth: a month is 30.4 days, so six of them are half a year but for 0.0003)
                value = round(value + part * DURATION_DAYS[shorter] / DURATION_DAYS[unit], 2)
                j = k + 4
        # (a bare number written in one of the claim's names is part of the name, no figure: "la Línea 12
        # del Metro ... causó 12 muertos" gives one count, which the 12 of the name would agree with)
        if not unit and is_digit and token in names:
            i = max(j, i + 1)
            continue
        age = k < len(tokens) and tokens[k] in _AGE_UNITS and _age(tokens, i, k, names)
        if age:
            unit = "age"
        bound = _bound(tokens[max(0, i - 2):i]) or ("about" if approximate else "")
        if bound in _FLIPPED and _bound_negated(tokens, i):
            bound = _FLIPPED[bound]  # "nunca superó los 120" is a ceiling, "no menos de 50" a floor
        # (a year after its month takes the month's bound: "seguirá hasta agosto de 2013" runs until 2013
        # as "hasta 2013" does)
        month = next((m for m in (i - 1, i - 2) if m > 0 and stem(tokens[m], language) in MONTH_STEMS), None)
        if not bound and unit == "year" and month is not None:
            bound = _bound(tokens[max(0, month - 2):month])
        if bound == "max" and _target(tokens, i, language):
            bound = ""
        if unit == "%":
            rates = _rates(tokens, language) if rates is None else rates
            context = rates
        else:
            after = tokens[k + 1:k + 4] if unit and not measured and not age else []
            context = _words_after(after, language)
        # (up to three words before it, "hace ya dos años", or the word after its noun, "two years ago";
        # or a record's span, "su mejor semana en casi siete años")
        elapsed = unit in _DURATIONS and (any(t in _ELAPSED for t in tokens[max(0, i - 3):i])
                                          or (k + 1 < len(tokens) and tokens[k + 1] in _ELAPSED)
                                          or _record_span(tokens, i))
        margin = unit not in ("", "%", "year") and (
            any(tuple(tokens[k + 1:k + 1 + len(m)]) == m for m in _MARGINS)
            or any(tuple(tokens[max(0, i - len(m)):i]) == m for m in _MARGIN_LEADS))
        unit, context = _counted(unit, context, language)
        out.append(Figure(text, value, unit, bound, context, elapsed, margin))
        i = max(j, i + 1)
    return out + _no_casualties(tokens, language)


def _rank(tokens: list[str], at: int, language: str) -> Figure | None:
    """A rank: an ordinal after an article and before a noun ("el sexto aniversario", "la quinta mujer en
    obtener el galardón"), unless the noun names one of a series ("la segunda vuelta", lexicon
    `sequence_nouns`), with the words after the noun as its context, like a count's."""
    ordinals = _ordinals(language)
    # (or in digits, its ending a token of its own: "la 6a provincia", "el 2.º país", "the 3rd country")
    written = tokens[at:at + 2] if tokens[at].isdigit() and tokens[at + 1:at + 2] and \
        tokens[at + 1] in _language_words("ordinal_endings", language) else tokens[at:at + 1]
    if not at or (written[0] not in ordinals and len(written) < 2) or at + len(written) >= len(tokens):
        return None
    noun = tokens[at + len(written)]
    if (tokens[at - 1] not in _language_words("rank_openers", language) or not noun.isalpha() or noun in STOPWORDS
            or noun in _language_words("sequence_nouns", language) or noun in ordinals):
        return None
    value = float(written[0]) if len(written) == 2 else float(ordinals[written[0]])
    context = frozenset(stem(t, language) for t in tokens[at + len(written) + 1:at + len(written) + 4] if _content(t))
    return Figure(f"{''.join(written)} {noun}", value, RANK + stem(noun, language), "", context)


def _counted(unit: str, context: frozenset[str], language: str) -> tuple[str, frozenset[str]]:
    """What a figure of `unit` counts, and its context: the noun it counts the same as
    (`_unit_synonyms`), or people, for a people's name, which stays in the context ("3,1 millones de
    catalanes" / "2,26 millones de personas"; "4 chinos" / "dos ciudadanos chinos")."""
    people = _PEOPLE.get(language)
    if people and unit in _people_stems(language):
        return people, context | {unit}
    return _unit_synonyms(language).get(unit, unit), context


def unit_word(unit: str, stem_words: dict[str, str], language: str) -> str:
    """A claim's word for what a figure of `unit` counts ("diputados" for "escan", "británicos" for
    people), from its {stem: word} table; the unit itself where the claim writes no such word."""
    if unit in stem_words:
        return stem_words[unit]
    same = sorted(s for s in stem_words if _counted(s, frozenset(), language)[0] == unit)
    return stem_words[same[0]] if same else unit


@lru_cache(maxsize=8)
def _people_stems(language: str) -> frozenset[str]:
    """The stems of the lexicons' people's names (`demonyms`) in `language`."""
    return frozenset(stem(word, language) for word in demonym_words())


@lru_cache(maxsize=8)
def _unit_synonyms(language: str) -> dict[str, str]:
    """Stem of a counted noun -> the stem of the noun it counts the same as, in `language` ("diputados" /
    "escaños", "regidores" / "concejales": "137 escaños" and "150 diputados" of one party are one tally).
    Counts only: "los diputados votaron" is no "escaños votaron", so these are not the lexicon's
    `synonyms`, which every word of a claim is read through."""
    return {stem(fold(word), language): stem(fold(same), language)
            for word, same in table("unit_synonyms", (language,)).items()}


_LAST_DAY = 31


def _day_joined(tokens: list[str], at: int, language: str) -> str:
    """The stem of the month a day joined at `at` to a day of it names ("entre el 17 y el 18 de mayo",
    "los días 17 y 18 de mayo": the 17th of May too, no bare number), or ""."""
    if at >= len(tokens) or tokens[at] not in _NUMBER_JOINERS:
        return ""
    at += 1
    if at < len(tokens) and tokens[at] in STOPWORDS and not tokens[at][:1].isdigit():
        at += 1  # the second day's article: "y el 18"
    if at + 2 < len(tokens) and tokens[at].isdigit() and int(tokens[at]) <= _LAST_DAY and tokens[at + 1] in _NUM_SKIP:
        month = stem(tokens[at + 2], language)
        return month if month in MONTH_STEMS else ""
    return ""


def _no_casualties(tokens: list[str], language: str) -> list[Figure]:
    """A toll of none: "no hubo heridos", "sin muertos", "ningún herido", "no injuries" count zero of that
    casualty (the language's own `zero_openers`: English "no" is no opener of "no murieron"), which three
    wounded dispute (rules-66)."""
    openers = _language_words("zero_openers", language)
    out = []
    for k, token in enumerate(tokens):
        if token not in _CASUALTY_WORDS:
            continue
        for n in (3, 2, 1):
            if k >= n and " ".join(tokens[k - n:k]) in openers:
                out.append(Figure(" ".join(tokens[k - n:k + 1]), 0.0, _casualty(tokens, k, k), ""))
                break
    return out


def _vague_count(tokens: list[str], at: int, vague: dict[str, float], links: frozenset[str], language: str) -> Figure:
    """The order of magnitude in the plural at `at` ("docenas de muertos", "docenas mueren"), with the ones
    it multiplies ("decenas de miles de personas", "miles de millones de euros"), as a figure of bound "some"."""
    value, j = float(vague[tokens[at]]), at + 1
    while j + 1 < len(tokens) and tokens[j] in links and (tokens[j + 1] in vague or tokens[j + 1] in MULTIPLIERS):
        value *= float(vague.get(tokens[j + 1]) or MULTIPLIERS[tokens[j + 1]])
        j += 2
    k = j
    while k < len(tokens) and tokens[k] in _NUM_SKIP:
        k += 1
    unit = ""
    if k < len(tokens) and _content(tokens[k]):
        unit = _casualty(tokens, at, k) or stem(tokens[k], language)
    context = _words_after(tokens[k + 1:k + 4], language) if unit else frozenset()
    unit, context = _counted(unit, context, language)
    return Figure(" ".join(tokens[at:j]), value, unit, "some", context)


def _toll_noun(tokens: list[str], at: int, language: str) -> int | None:
    """The index of what a toll or a tally names before a bare count at `at` counts ("el balance de
    muertos se sitúa en 300", "la cifra de parados asciende a 3 millones", "the death toll rose to
    50", "el número de muertes por el derrumbe del edificio en Bangladesh supera los 500"), within the
    twelve words before it and after any other count, or right after it ("elevaron a 23 el número de
    migrantes muertos"); None if there is none."""
    nouns, links = _language_words("toll_nouns", language), _language_words("toll_links", language)
    qualifiers = _language_words("toll_qualifiers", language)

    def counted(noun: int, end: int) -> int | None:
        """The counted word after a toll noun at `noun` and its link, before `end`, past a qualifier
        ("el número total de muertos")."""
        link = noun + 1 + (noun + 1 < end and tokens[noun + 1] in qualifiers)
        return link + 1 if link + 1 < end and tokens[link] in links and _content(tokens[link + 1]) else None

    # after the count, past an article: "elevaron a 23 el número de migrantes muertos"
    after = at + 1 + (at + 1 < len(tokens) and tokens[at + 1] in STOPWORDS and tokens[at + 1] not in nouns)
    if after < len(tokens) and tokens[after] in nouns and (found := counted(after, len(tokens))) is not None:
        return found
    for p in range(at - 1, max(-1, at - 13), -1):
        if tokens[p][:1].isdigit() or (tokens[p] in _WORD_NUMBERS and tokens[p] not in _ARTICLE_NUMBERS):
            return None
        if tokens[p] not in nouns:
            continue
        if (found := counted(p, at)) is not None:
            return found  # "el número de muertos"
        if p >= 1 and _content(tokens[p - 1]):
            return p - 1  # "the death toll"
    return None


def year_written(text: str, value: float) -> bool:
    """Four digits from 1800 to 2100: a year as news writes one ("2011"; a count of that size has a dot,
    "2.011")."""
    return text.isdigit() and len(text) == 4 and 1800 <= value <= 2100


def _early_year(tokens: list[str], at: int, value: float, language: str) -> bool:
    """Four digits from 1000 to 1799 right after a word that opens a year ("fundada en 1218", "desde
    1492"): a year before `year_written`'s range (Spanish writes a count that size with a dot,
    "1.218"). Asked of bare numbers only: a count names what it counts."""
    return (tokens[at].isdigit() and len(tokens[at]) == 4 and 1000 <= value < 1800 and at > 0
            and tokens[at - 1] in _language_words("year_openers", language))


def _dated_year(tokens: list[str], at: int, value: float, language: str) -> bool:
    """The four digits at `at` are the year of a date, a month's name before them ("en mayo de 2011
    causó ..."): whatever word follows is no noun they count."""
    if not year_written(tokens[at], value):
        return False
    month = at - 1 - (at >= 2 and tokens[at - 1] in _PREPOSITIONS)
    return month >= 0 and stem(tokens[month], language) in MONTH_STEMS


def _loses_life(tokens: list[str], noun: int) -> bool:
    """A verb of losing and a life follow the noun at `noun` within `_STATE_REACH` words, before the next
    count ("Nueve inmigrantes perdieron la vida", "nine migrants lost their lives")."""
    return any(tokens[at] in _LIFE_LOSING and any(t in _LIFE_NOUNS for t in tokens[at + 1:at + 3])
               for at in _after_noun(tokens, noun))


def _takes_lives(tokens: list[str], before: int, noun: int | None) -> bool:
    """The words up to `before` (past a bound and "a") end in a verb of taking lives, "la vida" and its
    link ("se cobró la vida de [44]", "costó la vida a [12]", "claimed the lives of [44]"), or the verb
    is right before a count of lives, the `noun` ("se cobra [catorce] vidas", "claimed [14] lives"); or
    they end in a death and its link, whatever comes before ("causó el 24 de julio la muerte de [80]")."""
    if noun is not None and tokens[noun] in _LIFE_NOUNS:
        return before >= 0 and tokens[before] in _LIFE_TAKING
    at = before - (before >= 0 and tokens[before] in _LIFE_LINKS)
    # (the link may have been passed over as a bound's word, the "de" of "más de")
    if at >= 0 and tokens[at] in _DEATH_OF and tokens[at + 1] in _LIFE_LINKS:
        return True
    return at >= 2 and tokens[at] in _LIFE_NOUNS and tokens[at - 2] in _LIFE_TAKING


def _record_span(tokens: list[str], at: int) -> bool:
    """The span counted at `at` is how far back a record reaches: "en" right before it (past a bound,
    "en casi siete años") and a superlative or record within the six words before that ("su mejor
    semana en ...", "el paro más bajo en ...")."""
    before = at - 1
    while before >= 0 and tokens[before] in _BOUND_WORDS:
        before -= 1
    return before >= 0 and tokens[before] in _RECORD_SPAN and any(
        t in _RECORD_WORDS for t in tokens[max(0, before - 6):before])


def _age(tokens: list[str], at: int, unit: int, names: frozenset[str]) -> bool:
    """The years at `unit`, counted at `at`, are someone's age: "a los 87 años" (not "a los cinco años de
    la tragedia", a span after it), "tenía 31 años", "31 años de edad", "un chico de 14 años", "Peterson,
    de 31 años" or "Mitchell, 44 años" (a name right before), "a sus 85 años". "Menores de 16 años" is a
    threshold, "penas de 9 años" or "a Garzón 17 años de inhabilitación" a term: neither is read as an age."""
    before = tokens[max(0, at - 2):at]
    after = tokens[unit + 1:unit + 3]
    if after == ["de", "edad"]:
        return True
    if before in (["a", "los"], ["a", "sus"]):  # "a sus 85 años"
        return after[:1] != ["de"]
    if not before:
        return False
    if before[-1] in _AGE_VERBS:
        # (not "ingresó en prisión para cumplir dos años por blanqueo": a term served for something)
        return not (after[:1] == ["por"] or (after[:1] == ["de"] and after[1:] and after[1] in _PRISON_TERMS))
    named = names - STOPWORDS
    # (not "impuso a Garzón 17 años de inhabilitación": a term of something)
    return (before[-1] == "de" and len(before) == 2 and (before[0] in _AGE_PEOPLE or before[0] in named)) \
        or (before[-1] in named and not (after[:1] == ["de"] and after[1:] and after[1] in _PRISON_TERMS))


def _casualty(tokens: list[str], at: int, noun: int | None) -> str:
    """The casualties the count at `at` counts, "death", "injured", "survivors" or "missing"
    (`_CASUALTIES`), or "": its noun at `noun` says so ("nueve muertos", "13 heridos"), or a word of that
    state follows the noun within five words, before the next count's ("15 personas murieron", "tres
    agentes de la policía afgana murieron"), or a word of the state or of the act comes right before the
    count, past a bound and "a" ("murieron ocho personas", "mata al menos a 22 personas", "hiere a 13",
    "killed 22 people"); a count without a noun (`noun` None) only so; or lives are taken right before it
    (`_takes_lives`: the dead). Written any of these ways, a toll is one quantity."""
    if at >= 2 and tokens[at - 2] in _PARTITIVE_PREPOSITIONS and tokens[at - 1] in _PLURAL_ARTICLES:
        return ""  # a whole ("un millar de los 2.720 clérigos deportados murieron"): the dead are a part of it
    before = at - 1
    while before >= 0 and (tokens[before] in _BOUND_WORDS or tokens[before] in _DEATH_FILLERS):
        before -= 1
    # "4 muertos, 6 heridos": the word before the count is the noun of the count before it
    if before >= 1 and (tokens[before - 1][:1].isdigit() or parse_number(tokens[before - 1]) is not None):
        before = -1
    # A noun of a state first: in "Varios muertos, 550 heridos" the word before 550 is the other count's.
    for kind, state, _ in _CASUALTIES:
        if noun is not None and tokens[noun] in state:
            return kind
    # Lives taken right before the count first: in "causó la muerte de 43 personas y heridas a otras 47"
    # the wounded state after "personas" is the next count's.
    if _takes_lives(tokens, before, noun) or (noun is not None and _loses_life(tokens, noun)):
        return "death"
    for kind, state, act in _CASUALTIES:
        if noun is not None and _follows(tokens, noun, state):
            return kind
        if before >= 0 and (tokens[before] in state or tokens[before] in act):
            return kind
    return ""


def _follows(tokens: list[str], noun: int, state: frozenset[str]) -> bool:
    """The noun at `noun` is a word of `state`, or one follows it within seven words ("Once miembros de
    un retén de extinción murieron"), before the next count, and not as a noun of its own after an
    article or a preposition ("los 16 guardias civiles investigados por las muertes" are alive)."""
    if tokens[noun] in state:
        return True
    for at in _after_noun(tokens, noun):
        if tokens[at] in state:
            return tokens[at - 1] not in _NOUN_MARKERS
    return False


def _after_noun(tokens: list[str], noun: int) -> Iterator[int]:
    """The positions of the words after a count's noun at `noun` where what it counts may be told
    (`_follows`, `_loses_life`): up to `_STATE_REACH` of them, the next count's number the last ("3 heridos
    y dos muertos": the words after it are that count's; "un" and "una" are articles)."""
    for at in range(noun + 1, min(len(tokens), noun + 1 + _STATE_REACH)):
        yield at
        token = tokens[at]
        if token[:1].isdigit() or (token in _WORD_NUMBERS and token not in _ARTICLE_NUMBERS):
            return


_STATE_REACH = 7  # words after a count's noun where its state may follow (`_after_noun`)
_NOUN_MARKERS = frozenset(words("noun_markers"))


def _partitive(following: list[str]) -> bool:
    """A number with no multiplier followed by "del" or "de los" ("las ocho del país", "tres de los
    cuatro"): its noun is left out, and what follows is the whole it is part of, not what it counts
    ("20 millones de euros" has a multiplier; "3 de mayo" no article)."""
    return bool(following) and (following[0] in _PARTITIVE_OPENERS or (
        following[0] in _PARTITIVE_PREPOSITIONS and len(following) > 1 and following[1] in _PARTITIVE_ARTICLES))


def _whole_noun(tokens: list[str], k: int) -> int | None:
    """The index of the noun of a plural whole after a partitive at `k` ("de los [28] países"), which is
    what the part counts; None for a singular whole ("del país", "de la plantilla") or a rate ("de cada")."""
    if k + 1 >= len(tokens) or tokens[k + 1] not in _PLURAL_ARTICLES:
        return None
    at = k + 2
    if at < len(tokens) and parse_number(tokens[at]) is not None:
        at += 1
    return at if at < len(tokens) and _content(tokens[at]) else None


_TARGET_REACH = 12  # words before "hasta" where a verb of change makes it the value reached


def _target(tokens: list[str], at: int, language: str) -> bool:
    """"Hasta" before the figure at `at` is the value a change reaches, not a ceiling: "aprobó elevar el
    salario mínimo hasta 850 euros" (lexicon `target_verbs` within a few words before it), unless a
    modal or a hedge makes it one ("las multas pueden subir hasta 600 euros") or "de" does ("una subida
    de hasta 600 euros")."""
    if not at or tokens[at - 1] not in _language_words("until_words", language) or tokens[at - 2:at - 1] == ["de"]:
        return False
    before = tokens[max(0, at - 1 - _TARGET_REACH):at - 1]
    verbs = _target_verbs(language)
    return (verbs is not None and any(verbs.fullmatch(t) for t in before)
            and not any(t in _language_words("hedge_words", language) for t in before))


@lru_cache(maxsize=8)
def _target_verbs(language: str) -> re.Pattern[str] | None:
    """`language`'s verbs of change before "hasta" and the value they reach, one pattern of whole words."""
    verbs = words("target_verbs", (language,))
    return re.compile(alternation(verbs)) if verbs else None


_FLIPPED = {"min": "max", "max": "min"}


def _bound_negated(tokens: list[str], at: int) -> bool:
    """A negation right before the words of the bound on the figure at `at` ("nunca superó los", "no
    más de")."""
    start = at - 2 if at >= 2 and " ".join(tokens[at - 2:at]) in _BOUNDS else at - 1
    return start >= 1 and tokens[start - 1] in NEGATORS


def _bound(before: list[str]) -> str:
    """The bound the (up to) two words before a figure put on it: the phrase first ("al menos" is a
    floor, "menos de" a ceiling), then the word right before it; "" when neither does."""
    return _BOUNDS.get(" ".join(before)) or (_BOUNDS.get(before[-1], "") if before else "")


def _content(token: str) -> bool:
    return token not in STOPWORDS and not token[:1].isdigit() and token not in MULTIPLIERS and len(token) > 2


def _words_after(tokens: list[str], language: str) -> frozenset[str]:
    """A figure's context: the stems of the content words after its noun, each read through the lexicon's
    `synonyms` ("años de cárcel" and "años de prisión" tell one term)."""
    return frozenset(stem(SYNONYMS.get(t, t), language) for t in tokens if _content(t))


def _rates(tokens: list[str], language: str) -> frozenset[str]:
    """Stems of what a claim's rates are of: the content word before a rate noun and the first one
    after it ("la tasa de paro" -> {par}, "the savings rate" -> {saving}), whichever order a language
    puts them in; a noun of turnout itself, in a claim that names a vote ("la participación en el
    plebiscito" -> {particip}); empty when the claim names no rate."""
    out: set[str] = set()
    ballot = not _BALLOT_WORDS.isdisjoint(tokens)
    for i, token in enumerate(tokens):
        if token in _RATE_MEASURES and ballot:
            out.add(stem(token, language))  # the rate of itself, nothing before or after it
            continue
        if token not in _RATE_NOUNS:
            continue
        following = next((t for t in tokens[i + 1:i + 4] if t not in STOPWORDS), "")
        for word in (tokens[i - 1] if i else "", following):
            if _content(word):
                out.add(stem(SYNONYMS.get(word, word), language))
    return frozenset(out)
