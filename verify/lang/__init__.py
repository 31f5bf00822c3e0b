"""verify's vocabulary, in one place: accent folding, language detection, and per-language lexicons.

    from verify.lang import fold, detect_language, lexicon, words
    fold("Subió")                  # "subio"
    detect_language(text)          # "es", "en", ... or None when the text has no letter
    lexicon("es")["deny_verbs"]    # ("neg*", "nieg*", ...): verify/data/lexicon/es.json
    words("negators")              # the Spanish and English lists of one key, together
    unmask("Galindо")              # ("Galindo", 1): a Cyrillic "о" disguised as a Latin one

The extractor and the matcher read their word lists from here, so a word is added in one data file
and both see it. Nothing here imports more than the standard library until a language is detected.
"""

from verify.lang.detect import detect_language
from verify.lang.folding import fold, fold_for_fuzz, fold_for_search, fold_name
from verify.lang.lexicon import LANGUAGES, alternation, entries_pattern, lexicon, load_data, table, words
from verify.lang.lookalikes import unmask

__all__ = ["LANGUAGES", "alternation", "detect_language", "entries_pattern", "fold", "fold_for_fuzz", "fold_for_search",
           "fold_name", "lexicon", "load_data", "table", "unmask", "words"]
