"""Letters of another script disguised as Latin ones: "Galindо" written with a Cyrillic "о".

Some sites swap Latin letters for Cyrillic or Greek ones that look the same (nine news_es articles
write "sоlо", "рara" with Cyrillic о and р), which hides a text from search and filters. Every model
and rule in verify reads such a word as a different word: the tokenizer splits it into rare pieces,
the judge and the encoder see noise, "Galindо" never merges with "Galindo". A fact-checker reads
"Galindo". `unmask` puts the Latin letter back, one character for one, so offsets into the text stay
exact (`verify.ingest.clean` keeps the original text beside the cleaned one).

Only where the disguise is certain: in a word that mixes Latin letters with look-alikes, and in a word
made only of Cyrillic look-alikes ("у", "оо") inside a text whose letters are nearly all Latin. A Russian or
Greek text, and a Cyrillic name in a Spanish one ("Путин": not every letter has a Latin twin), are
left as written. The table holds letters whose usual glyph is the Latin letter's (Unicode's
confusables, TR39, for these two scripts); it is ours rather than a library's because the full
confusables table maps many characters to sequences of several, which would break the offsets.
"""

from __future__ import annotations

import re

# Cyrillic and Greek letters drawn like a Latin letter, each to that letter.
_CYRILLIC = {
    "а": "a", "е": "e", "о": "o", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "ј": "j", "ѕ": "s",
    "һ": "h", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ӏ": "l",
    "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "Х": "X", "У": "Y", "І": "I", "Ј": "J", "Ѕ": "S", "Һ": "H", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "I",
}
# Greek letters only inside a word with Latin letters: alone, "α" and "ρ" are symbols ("partículas α").
_GREEK = {
    "ο": "o", "α": "a", "ν": "v", "ρ": "p", "ι": "i",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O",
    "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
}
LOOKALIKES = {**_CYRILLIC, **_GREEK}
_TABLE = str.maketrans(LOOKALIKES)
_ANY_TWIN = re.compile(f"[{''.join(LOOKALIKES)}]")
_WORD = re.compile(r"[^\W\d_]+")  # a run of letters
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_OTHER_LETTER = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
# Share of a text's letters that must be Latin before a word of look-alikes alone counts as disguised.
LATIN_TEXT = 0.9


def unmask(text: str) -> tuple[str, int]:
    """(`text` with disguised letters made Latin again, how many words changed); same length as `text`."""
    if not _ANY_TWIN.search(text):
        return text, 0
    latin = len(_LATIN.findall(text))
    other = len(_OTHER_LETTER.findall(text))
    latin_text = latin >= LATIN_TEXT * (latin + other)
    changed = 0

    def swap(m: re.Match[str]) -> str:
        nonlocal changed
        word = m.group()
        if not _ANY_TWIN.search(word):
            return word
        if _LATIN.search(word) is None and not (latin_text and all(ch in _CYRILLIC for ch in word)):
            return word
        changed += 1
        return word.translate(_TABLE)

    out = _WORD.sub(swap, text)
    return out, changed
