"""Sentence spans for any language: spaCy for Spanish, sentencex elsewhere, then the same corrections.

Corrections applied on top of either splitter, because both get news text wrong in places:
- never across a line break (headlines, credits and paragraphs are separate units);
- no split right after an abbreviation that cannot end a sentence ("Sr.", "Dr.", "Gral.", "EE."), nor
  after an acronym ("EE. UU.", "U.N.", "U.S.") when the next piece starts in lower case, with a digit, or
  with "No" (machine-translated news capitalises "No" after "EE. UU."; a real sentence starting with
  "No" after an acronym is rarer than that error);
- no split inside a number ("1.000", "3.5");
- a quotation opened in one sentence and closed in a later one (same paragraph) is one unit, so the
  quote stays with its attribution: `"A. B", dijo X.`
"""

from __future__ import annotations

import re

# Abbreviations after which a period never ends a sentence.
_NON_FINAL = re.compile(r"(?:\b(?:Sr|Sra|Srta|Dr|Dra|Lic|Ing|Gral|Gen|Cnel|Tte|Mons|Av|Avda|núm|No|Nº|pág|"
                        r"Mr|Mrs|Ms|St|Prof|aprox|etc|vs|art|Art|inc|Inc|Corp|Co|Jr|Sen|Rep|Gov|EE|Sres|Dña|Excmo|Excma)\.)\s*$")
# Acronyms that may or may not end a sentence.
_ACRONYM = re.compile(r"(?:\bEE\.\s?UU\.|\b(?:[A-Z]\.){2,})\s*$")
_NUMBER_END = re.compile(r"\d[.,]$")
_NUMBER_START = re.compile(r"^\d")
_OPEN_TO_CLOSE = {"“": "”", "«": "»", "‘": "’"}
_MAX_QUOTE = 1500  # a quotation longer than this is taken as an unbalanced mark, not a quote


def line_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Cut [start, end) at line breaks and trim whitespace; drop empty pieces."""
    end = len(text) if end is None else end
    out = []
    pos = start
    for piece in re.split(r"(\n)", text[start:end]):
        if piece != "\n":
            a, b = pos, pos + len(piece)
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            if b > a:
                out.append((a, b))
        pos += len(piece)
    return out


def quote_regions(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of quotations closed within the same paragraph.

    Curly quotes and guillemets pair by kind; straight double quotes pair in order within a paragraph.
    """
    regions = []
    for para in re.finditer(r"[^\n]+", text):
        p0, s = para.start(), para.group()
        stack: list[tuple[str, int]] = []
        straight_open = None
        for i, ch in enumerate(s):
            if ch in _OPEN_TO_CLOSE:
                stack.append((_OPEN_TO_CLOSE[ch], i))
            elif stack and ch == stack[-1][0]:
                _, j = stack.pop()
                if i - j <= _MAX_QUOTE:
                    regions.append((p0 + j, p0 + i + 1))
            elif ch == '"':
                if straight_open is None:
                    straight_open = i
                else:
                    if i - straight_open <= _MAX_QUOTE:
                        regions.append((p0 + straight_open, p0 + i + 1))
                    straight_open = None
    return regions


def _should_join(text: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    if "\n" in text[left[1]:right[0]]:
        return False
    before = text[left[0]:left[1]]
    after = text[right[0]:right[1]]
    if _NON_FINAL.search(before):
        return True
    if re.search(r"\b[A-Z]\.\s*$", before) and not _ACRONYM.search(before):
        # a single initial ("John F.") never ends a sentence; but "la vitamina C." can: require a capital next
        return after[:1].isupper()
    if _ACRONYM.search(before):
        first = after.split(" ", 1)[0]
        return first[:1].islower() or first in {"No", "no"} or first[:1].isdigit()
    if _NUMBER_END.search(before) and _NUMBER_START.search(after) and right[0] == left[1]:
        return True
    return after[:1].islower() and not before.endswith(("?", "!"))


def correct(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Apply the module's corrections to raw splitter spans (sorted, non-overlapping)."""
    pieces: list[tuple[int, int]] = []
    for a, b in spans:
        pieces += line_spans(text, a, b)
    pieces.sort()
    merged: list[tuple[int, int]] = []
    for span in pieces:
        if merged and _should_join(text, merged[-1], span):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    # Keep quotations whole: join every sentence a closed quotation touches.
    for q0, q1 in quote_regions(text):
        first = next((i for i, (a, b) in enumerate(merged) if a <= q0 < b), None)
        last = next((i for i, (a, b) in enumerate(merged) if a < q1 <= b), None)
        if first is not None and last is not None and last > first:
            merged[first:last + 1] = [(merged[first][0], merged[last][1])]
    return merged


def split_sentences(text: str, language: str | None = "es", *, doc=None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) into `text`; `text[start:end]` is the sentence, trimmed.

    Spanish uses spaCy's parser (pass `doc` when it is already parsed) and other languages sentencex;
    both then get the same corrections (see the module docstring).
    """
    if not text.strip():
        return []
    if doc is None and (language or "es") == "es":
        from verify.extract.nlp import spanish

        doc = spanish()(text)
    if doc is not None:
        raw = [(s.start_char, s.end_char) for s in doc.sents]
    else:
        raw = _sentencex_spans(text, language or "en")
    return correct(text, raw)


def _sentencex_spans(text: str, language: str) -> list[tuple[int, int]]:
    from sentencex import segment

    spans = []
    pos = 0
    for para in re.finditer(r"[^\n]+", text):
        for sentence in segment(language, para.group()):
            sentence = sentence.strip()
            if not sentence:
                continue
            at = text.find(sentence, max(pos, para.start()))
            if at < 0:
                continue
            spans.append((at, at + len(sentence)))
            pos = at + len(sentence)
    return spans
