"""Cleaning article text: drop boilerplate that is not the article's claims, keep an exact offset map.

The cleaner *deletes* runs of the original text (boilerplate lines, datelines, blank-line runs,
surrounding whitespace, invisible characters), and the only character it rewrites is a Cyrillic or
Greek letter disguised as a Latin one ("Galindо"), one for one (`verify.lang.lookalikes`). So the
cleaned text is a concatenation of original slices, letter for letter, and `OffsetMap` maps every
cleaned offset back exactly.

What counts as boilerplate is in `verify.ingest.boilerplate`; this module runs those rules over an
article's lines in order and keeps the offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from verify.ingest.boilerplate import CAPS_PLACE_RE, INLINE_RE, PHOTO_PREFIX_RE, TIMESTAMP_RE, line_rule, match_dateline
from verify.lang import unmask
from verify.records import OffsetMap

# Characters with no visible content that scraping leaves in text (zero-width space, BOM, soft hyphen,
# word joiner, the replacement character of a bad decode). Deleting them keeps the delete-only contract.
_INVISIBLE = "\u200b\u2060\ufeff\u00ad\ufffd"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]+")
_STRIP = " \t\r\f\v\u00a0\u2007\u202f\u3000" + _INVISIBLE
_SENTENCE_END = ".:;"


@dataclass(frozen=True, slots=True)
class CleanResult:
    """Cleaned text, its map back to the original, and the metadata the cleaner lifted out."""

    text: str
    offsets: OffsetMap
    dateline: str | None = None
    credit: str | None = None
    title_guess: str | None = None  # a headline line dropped from the text (see `clean_text`)
    date: str | None = None  # ISO 8601, from an "Actualizado: ..." / "Publicado: ..." line
    removed: tuple[tuple[str, str], ...] = ()  # (rule, text removed) for every dropped line or prefix
    unmasked: int = 0  # words whose disguised letters were made Latin again ("Galindо" -> "Galindo")


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s.casefold()).strip()


def _words(s: str) -> int:
    return len(s.split())


def _looks_like_sentence(s: str) -> bool:
    return _words(s) >= 8 or (s[-1:] in ".!?…\"»”'" and _words(s) >= 4)


def _is_headline_fragment(s: str) -> bool:
    """A short line that is not a sentence: "Jalifa Haftar", "La NASA recupera el contacto..."."""
    return _words(s) <= 20 and len(s) <= 200 and s[-1:] not in _SENTENCE_END


def parse_date(when: str) -> str | None:
    when = when.strip(" .|-–—")
    if not when or not re.search(r"\d", when):
        return None
    try:
        import dateparser  # a trafilatura dependency; imported late because it is slow to import
    except ImportError:  # pragma: no cover - installed with trafilatura
        return None
    parsed = dateparser.parse(when, languages=["es", "en"], settings={"STRICT_PARSING": False})
    if parsed is None:
        return None
    return parsed.date().isoformat() if parsed.hour == parsed.minute == 0 else parsed.isoformat(timespec="minutes")


def clean_text(raw: str, *, title: str | None = None) -> CleanResult:
    """Delete boilerplate from one article's text; return the cleaned text and its offset map.

    Dropped lines: photo credits and captions ("ESAM AL-FETORI / REUTERS", "Foto: ...", "... Foto Xinhua"),
    timestamps ("Actualizado: ...", a line that is only a date; the first one becomes `date`), promotion of
    other articles ("Te puede interesar ...", "Lee también: ...", "Más noticias", "Leer más acerca de:" and the
    short link lines after such a marker), share / subscribe / advertising lines, donation and sponsor
    appeals ("Este contenido se hizo gracias al apoyo de ... Sumate."), bylines near the head or tail, and
    source credits ("Con información de Télam", kept as `credit`). A dateline in the first lines
    ("MOSCÚ 29 Nov. (Reuters/EP) -", "México.- ") is kept as `dateline` and deleted (only the prefix when it
    opens a paragraph). The first line is a headline and is dropped when it equals `title`, or, with no
    `title`, when it is a short line that is not a sentence (kept as `title_guess`). Runs of blank lines
    collapse to one blank line; surrounding whitespace and invisible characters are deleted. Letters of
    another script disguised as Latin ones are made Latin again (`unmasked` counts the words).
    """
    lines = _split_lines(raw)
    cleaning = _Cleaning(raw, title, lines)
    for i, (a, b, line_end) in enumerate(lines):
        cleaning.take(i, a, b, line_end)
    text, offsets = _assemble(raw, _kept_spans(raw, cleaning.kept, cleaning.removed))
    text, unmasked = unmask(text)  # one character for one: the offsets stay exact
    return CleanResult(text=text, offsets=offsets, dateline=cleaning.dateline, credit=cleaning.credit,
                       title_guess=cleaning.title_guess, date=cleaning.date, removed=tuple(cleaning.removed),
                       unmasked=unmasked)


def _split_lines(raw: str) -> list[tuple[int, int, int]]:
    """(content start, content end, line end) of every line of `raw`: the content without the
    whitespace and invisible characters around it; a blank line has start == end."""
    lines: list[tuple[int, int, int]] = []
    pos = 0
    n = len(raw)
    while pos <= n:
        nl = raw.find("\n", pos)
        line_end = n if nl < 0 else nl
        a, b = pos, line_end
        while a < b and raw[a] in _STRIP:
            a += 1
        while b > a and raw[b - 1] in _STRIP:
            b -= 1
        lines.append((a, b, line_end))
        if nl < 0:
            break
        pos = nl + 1
    return lines


class _Cleaning:
    """One pass of `clean_text` over an article's lines, in order.

    The rules depend on what came before (the first line may be the headline, a marker opens a list
    of links, only the first dateline counts), so the pass is a small state machine: `take` keeps,
    trims or drops each line, and the metadata lifted out of dropped lines accumulates here.
    """

    def __init__(self, raw: str, title: str | None, lines: list[tuple[int, int, int]]):
        self.raw = raw
        self.title = title
        nonblank = [i for i, (a, b, _) in enumerate(lines) if b > a]
        self.head_zone = set(nonblank[:4])
        self.tail_zone = set(nonblank[-2:])
        self.first = nonblank[0] if nonblank else None
        self.several_lines = len(nonblank) > 1
        self.removed: list[tuple[str, str]] = []  # (rule, text removed)
        self.kept: list[tuple[int, int, int, bool]] = []  # (start, end, line end, blank line before)
        self.dateline: str | None = None
        self.credit: str | None = None
        self.title_guess: str | None = None
        self.date: str | None = None
        self.in_tail_list = False
        self.blank_pending = False

    def drop(self, rule: str, a: int, b: int) -> None:
        self.removed.append((rule, self.raw[a:b]))

    def take(self, i: int, a: int, b: int, line_end: int) -> None:
        """Keep line `i` (content [a, b), ending at `line_end`), keep its end only, or drop it."""
        if b <= a:
            self.blank_pending = True
            return
        s = self.raw[a:b]
        words = _words(s)  # of the whole line, even once a headline prefix is cut from it
        if self.in_tail_list and self._in_link_list(s, a, b):
            return
        if i == self.first:
            past = self._past_headline(s, a, b)
            if past is None:
                return
            a, s = past, self.raw[past:b]
        if self._dropped_as_boilerplate(s, words, i, a, b):
            return
        if self.dateline is None and i in self.head_zone:
            past = self._past_dateline(s, i, a, b)
            if past is None:
                return
            a = past
        self.kept.append((a, b, line_end, self.blank_pending))
        self.blank_pending = False

    def _in_link_list(self, s: str, a: int, b: int) -> bool:
        """After "Más noticias" and the like, short lines that are not sentences are links: dropped.
        The first real sentence ends the list."""
        if not _looks_like_sentence(s) or _words(s) <= 12 and s[-1:] not in ".!?":
            self.drop("related", a, b)
            return True
        self.in_tail_list = False
        return False

    def _past_headline(self, s: str, a: int, b: int) -> int | None:
        """Where the first line's text starts once its headline is cut; None when it was all headline."""
        title = self.title
        if title and _norm(s) == _norm(title):
            self.drop("title", a, b)
            return None
        if title and _norm(title) and _norm(s).startswith(_norm(title) + " "):
            # The headline runs into the first paragraph: delete the headline prefix only.
            cut = a + _prefix_len(s, title)
            if cut > a:
                self.drop("title", a, cut)
                a = cut
                while a < b and self.raw[a] in _STRIP:
                    a += 1
        elif not title and self.several_lines and _is_headline_fragment(s) and not TIMESTAMP_RE.match(s) \
                and not match_dateline(s) and not PHOTO_PREFIX_RE.match(s):
            self.title_guess = s
            self.drop("title", a, b)
            return None
        return a

    def _dropped_as_boilerplate(self, s: str, words: int, i: int, a: int, b: int) -> bool:
        """Drop the line if a boilerplate rule matches it, keeping what it says (date, credit); True if so."""
        rule = line_rule(s, words, i in self.head_zone, i in self.tail_zone)
        if rule is None:
            return False
        if rule in ("timestamp", "date") and self.date is None:
            m = TIMESTAMP_RE.match(s)
            self.date = parse_date(m.group("when") if m else s)
        elif rule == "credit":
            self.credit = self.credit or s.strip("()[]—–- .")
        elif rule == "tail-marker":
            self.in_tail_list = True
            rule = "related"
        self.drop(rule, a, b)
        return True

    def _past_dateline(self, s: str, i: int, a: int, b: int) -> int | None:
        """Where the line's text starts once a dateline opening it is cut; None when it was all dateline."""
        m = match_dateline(s)
        if m:
            self.dateline = m.group("dateline").strip()
            if m.end() >= len(s.rstrip(" -–—.")):
                self.drop("dateline", a, b)
                return None
            self.drop("dateline", a, a + m.end())
            return a + m.end()
        if CAPS_PLACE_RE.match(s) and _words(s) <= 4 and i != self.first and len(s) > 2:
            # A place alone on its line before the body ("CIUDAD DE MÉXICO", "MADRID.").
            self.dateline = s.rstrip(". ,")
            self.drop("dateline", a, b)
            return None
        return a


def _kept_spans(raw: str, kept: list[tuple[int, int, int, bool]], removed: list[tuple[str, str]]
                ) -> list[tuple[int, int]]:
    """The slices of `raw` the cleaned text is made of: kept line contents joined by one original "\\n"
    (or two across a blank line), less the runs cut inside lines (added to `removed`)."""
    spans: list[tuple[int, int]] = []
    prev_line_end = None
    for a, b, line_end, blank_before in kept:
        if prev_line_end is not None:
            spans.append((prev_line_end, prev_line_end + 1))
            if blank_before:
                # Keep one blank line: the newline that ends the (blank or dropped) line before this one.
                j = raw.rfind("\n", 0, a)
                if j > prev_line_end:
                    spans.append((j, j + 1))
        spans.extend(_inline_deletions(raw, a, b, removed))
        prev_line_end = line_end
    return spans


def _prefix_len(s: str, title: str) -> int:
    """Length of the prefix of `s` that spells `title` (ignoring case, punctuation and spacing)."""
    target = _norm(title)
    for k in range(len(s) + 1):
        if _norm(s[:k]) == target and (k == len(s) or not s[k].isalnum()):
            # Extend over closing punctuation that belongs to the headline.
            while k < len(s) and not s[k].isalnum() and not s[k].isspace() and s[k] not in "\"«“¿¡(":
                k += 1
            return k
    return 0


def _inline_deletions(raw: str, a: int, b: int, removed: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """The kept spans of line [a, b) once inline credits, share buttons and invisible characters are cut."""
    cuts = [(m.start(), m.end()) for m in _INVISIBLE_RE.finditer(raw, a, b)]
    line = raw[a:b]
    for m in INLINE_RE.finditer(line):
        cuts.append((a + m.start(), a + m.end()))
        removed.append(("inline", m.group().strip()))
    spans = []
    for s, e in sorted(cuts):
        if s > a:
            spans.append((a, s))
        a = max(a, e)
    if b > a:
        spans.append((a, b))
    return spans


def _assemble(raw: str, spans: list[tuple[int, int]]) -> tuple[str, OffsetMap]:
    """Concatenate original slices; one anchor per run of slices contiguous in the original."""
    parts: list[str] = []
    anchors: list[tuple[int, int]] = []
    clean_pos = 0
    prev_end = None
    for a, b in spans:
        if b <= a:
            continue
        if prev_end != a:
            anchors.append((clean_pos, a))
        parts.append(raw[a:b])
        clean_pos += b - a
        prev_end = b
    return "".join(parts), OffsetMap(tuple(anchors) or ((0, 0),))
