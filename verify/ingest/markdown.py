"""Markdown files: the syntax (front matter, heading marks, link targets, images) is deleted before
cleaning, and the two deletions' offset maps are composed so offsets still point into the file."""

from __future__ import annotations

import re

from verify.ingest.articles import article_from_cleaned, check_text
from verify.ingest.clean import CleanResult, clean_text
from verify.records import Article, OffsetMap


def article_from_markdown(text: str, *, source: str, id: str) -> Article:
    """Markdown: delete syntax (front matter, heading marks, link targets, images) before cleaning."""
    check_text(text, source)
    front, spans = _markdown_spans(text)
    plain = "".join(text[a:b] for a, b in spans)
    inner = _offsets_of(spans)
    cleaned = clean_text(plain, title=front.get("title"))
    offsets = _compose(cleaned.offsets, len(cleaned.text), inner, len(plain))
    cleaned = CleanResult(cleaned.text, offsets, cleaned.dateline, cleaned.credit, cleaned.title_guess,
                          cleaned.date, cleaned.removed)
    return article_from_cleaned(text, cleaned, source=source, id=id, title=front.get("title"),
                                date=front.get("date"), url=front.get("url"), outlet=front.get("source"))


_MD_FRONT_RE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_MD_SYNTAX_RE = re.compile(
    r"<!--.*?-->"  # comments
    r"|!\[[^\]\n]*\]\([^)\n]*\)"  # images
    r"|(?<=\])\([^)\n]*\)"  # link targets: "[texto](url)" keeps "texto"
    r"|\[(?=[^\]\n]*\]\()"  # the "[" that opens a link
    r"|\](?=\()"  # the "]" that closes a link text
    r"|^[ \t]{0,3}#{1,6}[ \t]+"  # heading marks
    r"|^[ \t]{0,3}>[ \t]?"  # block quotes
    r"|\*\*|__",  # bold marks (single * is left alone: news_es uses *NUMBER*)
    re.M | re.S)


def _markdown_spans(text: str) -> tuple[dict[str, str], list[tuple[int, int]]]:
    front: dict[str, str] = {}
    start = 0
    m = _MD_FRONT_RE.match(text)
    if m:
        for line in m.group(1).splitlines():
            key, sep, value = line.partition(":")
            if sep and key.strip().lower() in ("title", "date", "url", "source"):
                front[key.strip().lower()] = value.strip().strip("'\"")
        start = m.end()
    spans = []
    pos = start
    for m in _MD_SYNTAX_RE.finditer(text, start):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < len(text):
        spans.append((pos, len(text)))
    return front, spans


def _offsets_of(spans: list[tuple[int, int]]) -> OffsetMap:
    anchors, pos = [], 0
    for a, b in spans:
        anchors.append((pos, a))
        pos += b - a
    return OffsetMap(tuple(anchors) or ((0, 0),))


def _compose(outer: OffsetMap, outer_len: int, inner: OffsetMap, inner_len: int) -> OffsetMap:
    """The map clean -> original from clean -> intermediate (`outer`) and intermediate -> original."""
    inner_starts = [a for a, _ in inner.anchors] + [inner_len]
    anchors: list[tuple[int, int]] = []
    ends = [c for c, _ in outer.anchors[1:]] + [outer_len]  # where each outer slice ends
    for (c0, t0), c1 in zip(outer.anchors, ends):
        length = c1 - c0
        pos = 0
        while pos < length:
            t = t0 + pos
            nxt = next((s for s in inner_starts if s > t), inner_len)
            o = inner.to_original(t)
            if not anchors or anchors[-1][1] + (c0 + pos - anchors[-1][0]) != o:
                anchors.append((c0 + pos, o))
            pos += max(1, min(length - pos, nxt - t))
    return OffsetMap(tuple(anchors) or ((0, 0),))
