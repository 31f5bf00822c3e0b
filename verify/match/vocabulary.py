"""The matcher's words: sets built from verify.lang's lexicons, the tokeniser and the stemmer.

Every set holds the Spanish and the English list of its key together, whatever a claim's language:
news in Spanish quotes English and the language tag of a sentence is often a guess. The lists
themselves live in `verify/data/lexicon/<language>.json`; what is here is how the matcher reads them.
Words shared by several parts of the matcher (frame, negation, figures, features) are here; a part's
own words sit in its module.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from verify.lang import LANGUAGES, lexicon, table, words
from verify.lang.folding import TOKEN

__all__ = ["CLITICS", "DOUBLE_QUOTATION", "MULTIPLIERS", "NEGATION_FIXED", "NEGATION_PHRASES", "NEGATION_WORDS",
           "NEGATORS", "QUOTATION", "QUOTES",
           "MONTHS", "STOPWORDS", "WEEKDAYS", "TOKEN", "decimal_apostrophes", "prop_raw_lower", "stem"]

# Quotes and brackets read as spaces: a quoted proposition is the proposition.
QUOTES = str.maketrans({c: " " for c in "«»“”\"‘’'`´()[]{}"})
# ... but an apostrophe between digits is a decimal mark, as tweets and some papers write it ("1'23 hijos
# por mujer", "2'5 veces"): a comma, one character for one, so offsets into the text still hold.
_DECIMAL_APOSTROPHE = re.compile(r"(?<=\d)['’´](?=\d)")


def decimal_apostrophes(text: str) -> str:
    """`text` with each apostrophe between two digits written as a decimal comma (same length)."""
    return _DECIMAL_APOSTROPHE.sub(",", text)


# A quotation between double marks ("«...»", "“...”", '"..."'), its words the group; `QUOTATION` takes one
# between single marks too ("'Jamás he recibido dinero', afirmó", "‘...’", its words the second group) only
# where they stand apart from words, as an apostrophe never does ("didn't", "d'Hondt", "l'Hospitalet").
_DOUBLE_QUOTED = r"[«“„\"]([^«»“”„\"]+)[»”\"]"
DOUBLE_QUOTATION = re.compile(_DOUBLE_QUOTED)
QUOTATION = re.compile(rf"{_DOUBLE_QUOTED}|(?<!\w)['‘]([^'‘’]+)['’](?!\w)")

STOPWORDS = frozenset(words("stopwords"))
# Negation cues. Multi-word ones, in this order, before single words, so "no hay pruebas" wins over "no".
NEGATION_PHRASES = words("negation_phrases")
NEGATORS = frozenset(words("negators"))  # negate a verb: "no", "nunca", "never"
NEGATION_WORDS = frozenset(
    words("negators") + words("additive_negators") + words("negative_words") + words("falsity_words")
    + words("denial_cue_forms") + words("deny_forms")
)
# "no" that does not negate the proposition ("no solo ... sino", "no obstante"): fixed expressions, Spanish
# and English, with the grammar a word list cannot say ("más X jamás", "de ningún modo es imposible").
NEGATION_FIXED = re.compile(
    r"\bno\s+(?:solo|solamente|obstante|cabe duda|hay duda|hay dudas|mas de|menos de|only|more than|less than)\b"
    r"|\bo no\b|\bsi o no\b|\bor not\b"
    r"|\bni siquiera\b|\bsin (?:embargo|duda|dudas)\b|\bmas \w+ jamas\b"
    r"|\bde ningun(?:a)? (?:manera|modo) es (?:in|im)\w+"
    r"|\bwithout (?:a )?doubt\b|\bnonetheless\b"
)
CLITICS = frozenset(words("clitics"))
MULTIPLIERS = table("multipliers")  # "mil" -> 1e3, "millones" -> 1e6, ...
# Two words for one thing, read as the second: "desempleo" -> "paro", so "el desempleo en la eurozona" and
# "el paro en la eurozona" share their matter (`verify.match.text`) and rate (`verify.match.figures`).
SYNONYMS = table("synonyms")


@lru_cache(maxsize=4)
def _stemmer(language: str):
    import snowballstemmer  # small pure-Python package; imported late so `verify --help` stays light

    return snowballstemmer.stemmer("english" if language == "en" else "spanish")


@lru_cache(maxsize=200_000)
def stem(word: str, language: str = "es") -> str:
    # Cached per word: news repeats its vocabulary, and Snowball in pure Python was a third of
    # ingest time without it (368k stemWord calls for 150 articles, issue #10's profile).
    return _stemmer(language).stemWord(word)


def prop_raw_lower(text: str) -> str:
    """The claim lower-cased with its accents kept (folding merges "bajó" into the preposition "bajo")."""
    return unicodedata.normalize("NFC", text.lower())


# Month names as stems, per language: what pins a monthly figure down (`ClaimFeatures.months`).
MONTHS = {language: frozenset(stem(m, language) for m in lexicon(language).get("months", ())) for language in LANGUAGES}
# Every language's month stems in one set: a figure whose unit is one is a day of that month.
MONTH_STEMS = frozenset().union(*MONTHS.values())
# Weekday names, folded (not stems: "sábado" and "sabe" share one), per language (`ClaimFeatures.weekdays`).
WEEKDAYS = {language: frozenset(lexicon(language).get("weekdays", ())) for language in LANGUAGES}
