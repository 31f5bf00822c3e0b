"""Batch reports of linked claims (Markdown, HTML, JSON, CSV) for people who never open the TUI.

`build_report` gathers the links from an index into `ReportLink` records grouped by story; the
`render_*` functions only format. The CLI and the TUI's export call the same functions.

Article text is hostile input: a report must not run it (HTML, Markdown links and images, spreadsheet
formulas) and must not break its own layout on it. Reports meant for an editor (HTML, Markdown) name a local
source by its file name only, so they do not leak user names and folder layout; JSON and CSV, data for
programs, keep the full `source`.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from verify.errors import InputError
from verify.protocols import ClaimStore
from verify.records import LINK_RELATIONS, Article, Claim, Link

RELATIONS = (*(r.value for r in LINK_RELATIONS), "all")  # values of --relation
FORMATS = ("md", "html", "json", "csv")


@dataclass(frozen=True, slots=True)
class ReportLink:
    link: Link
    a: Claim
    b: Claim
    article_a: Article
    article_b: Article
    verdict: str | None = None
    verdict_note: str | None = None


@dataclass
class Story:
    """Links that hang together: connected through shared claims, named by their commonest entities."""

    title: str
    links: list[ReportLink] = field(default_factory=list)

    @property
    def strongest(self) -> float:
        return max(l.link.score for l in self.links)


@dataclass
class Report:
    relation: str
    min_score: float
    articles: int
    claims: int
    model: str | None
    stories: list[Story]

    @property
    def links(self) -> list[ReportLink]:
        return [l for s in self.stories for l in s.links]


def check_options(relation: str, min_score: float, fmt: str = "md") -> None:
    """Validate report options at the edge, with the fix in the message."""
    if relation not in RELATIONS:
        raise InputError(f"unknown relation '{relation}'; use one of: {', '.join(RELATIONS)}")
    if not 0.0 <= min_score <= 1.0:
        raise InputError(f"--min-score {min_score} is outside 0..1; scores are confidences between 0 and 1")
    if fmt not in FORMATS:
        raise InputError(f"unknown format '{fmt}'; use one of: {', '.join(FORMATS)}")


def build_report(index: ClaimStore, *, relation: str = "contradicts", min_score: float = 0.0,
                 verdict: str | None = None, links: Sequence[Link] | None = None,
                 progress: Callable[[int, int], None] | None = None) -> Report:
    """Collect links (all matching ones, or the given ones) with their claims and articles, grouped by story.

    `progress(done, total)` follows the links read; on a large index the articles' texts, one read per
    article, are most of the time.
    """
    check_options(relation, min_score)
    if links is None:
        links = index.links(relation=None if relation == "all" else relation, min_score=min_score, verdict=verdict)
    claim_ids = sorted({i for l in links for i in (l.a, l.b)})
    claims = {c.id: c for c in index.claims(ids=claim_ids)}
    articles: dict[str, Article | None] = {}
    verdicts = index.link_verdicts()
    rows = []
    for done, l in enumerate(links, 1):
        if progress and (done % 200 == 0 or done == len(links)):
            progress(done, len(links))
        a, b = claims.get(l.a), claims.get(l.b)
        if a is None or b is None:
            continue
        for c in (a, b):
            if c.article_id not in articles:
                articles[c.article_id] = index.article(c.article_id)
        article_a, article_b = articles[a.article_id], articles[b.article_id]
        if article_a is None or article_b is None:  # removed by another process between the reads
            continue
        v = verdicts.get((l.a, l.b))
        rows.append(ReportLink(l, a, b, article_a, article_b, v[0] if v else None, v[1] if v else None))
    stats = index.stats()
    return Report(relation, min_score, stats.articles, stats.claims, stats.model.name if stats.model else None,
                  group_stories(rows))


def group_stories(rows: Sequence[ReportLink]) -> list[Story]:
    """Connected components of the link graph, strongest story first, strongest link first within."""
    parent: dict[int, int] = {}

    def find(x: int) -> int:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for r in rows:
        parent[find(r.link.a)] = find(r.link.b)
    groups: dict[int, list[ReportLink]] = {}
    for r in rows:
        groups.setdefault(find(r.link.a), []).append(r)
    stories = []
    for members in groups.values():
        members.sort(key=lambda r: (-r.link.score, r.link.a, r.link.b))
        names = Counter(e.canonical for r in members for c in (r.a, r.b) for e in c.entities)
        title = ", ".join(n for n, _ in names.most_common(3)) or members[0].a.text[:60]
        stories.append(Story(title, members))
    stories.sort(key=lambda s: (-s.strongest, s.title))
    return stories


# ------------------------------------------------------------------------------------ JSON
def claim_json(c: Claim, article: Article) -> dict:
    return {
        "id": c.id, "text": c.text, "start": c.start, "end": c.end, "speaker": c.speaker, "side": c.side,
        "polarity": str(c.polarity), "checkworthiness": round(float(c.checkworthiness), 4),
        "entities": sorted({e.canonical for e in c.entities}),
        "article": {"id": article.id, "title": article.title, "source": article.source, "date": article.date},
    }


def report_json(report: Report) -> dict:
    return {
        "index": {"articles": report.articles, "claims": report.claims, "model": report.model},
        "links": [
            {"relation": str(r.link.relation), "score": round(float(r.link.score), 4), "reason": r.link.reason,
             "story": story.title, "verdict": r.verdict, "verdict_note": r.verdict_note,
             "a": claim_json(r.a, r.article_a), "b": claim_json(r.b, r.article_b)}
            for story in report.stories for r in story.links
        ],
    }


def render_json(report: Report) -> str:
    return json.dumps(report_json(report), ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------- sources
def display_source(source: str) -> str:
    """The source as an editor's report shows it: an http(s) URL as is, a local file by its name only.

    `Article.source` is the path a file was added from (a JSON/JSONL/CSV export too: every record of it
    gets the file's path), the URL fetched, or "-" for standard input. The folders above a file name say
    who ran verify and how their disk is laid out, which is nobody's business in a shared report.
    """
    if re.match(r"https?://", source, re.IGNORECASE):
        return source
    return re.split(r"[\\/]", source.rstrip("/\\"))[-1] or source


# ------------------------------------------------------------------------------------- CSV
_CSV_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(text: str | None) -> str:
    """A text cell a spreadsheet will not run: a leading `'` on anything that opens a formula (OWASP's rule
    against CSV injection), since titles, claims and speakers come from articles anyone could write."""
    text = text or ""
    return "'" + text if text.startswith(_CSV_FORMULA_START) else text


def render_csv(report: Report) -> str:
    """One row per link. Ids and scores are the tool's own numbers and stay numbers; every text cell goes
    through `_csv_text`. `source` is the full path, unlike in HTML and Markdown: the CSV is a data export
    for programs that may need to find the file again."""
    out = io.StringIO()
    writer = csv.writer(out)
    claim_columns = ("id", "text", "speaker", "side", "polarity", "article", "title", "source", "date")
    writer.writerow(["story", "relation", "score", "reason", "verdict",
                     *(f"a_{c}" for c in claim_columns), *(f"b_{c}" for c in claim_columns)])
    for story in report.stories:
        for r in story.links:
            row: list[object] = [_csv_text(story.title), _csv_text(str(r.link.relation)), f"{r.link.score:.3f}",
                   _csv_text(r.link.reason), _csv_text(r.verdict)]
            for c, art in ((r.a, r.article_a), (r.b, r.article_b)):
                row += [c.id, *map(_csv_text, (c.text, c.speaker, c.side, str(c.polarity), art.id, art.title,
                                               art.source, art.date))]
            writer.writerow(row)
    return out.getvalue()


# -------------------------------------------------------------------------------- Markdown
_MD_LINE_BREAK = re.compile(r"\s*[\n\r\v\f\x85\u2028\u2029]\s*")
_MD_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_MD_SPECIAL = re.compile(r"[\\`*_\[\]()!#|~&<>]")
_MD_BLOCK_MARKER = re.compile(r"^(\d*)([-+=.)])")  # "- x", "+ x", "1. x", "1) x", "===": list or heading


def _md_escape(text: str) -> str:
    """Article text as inert Markdown inline text: it shows as written and never becomes HTML, a link, an
    image, emphasis, a code span, a table cell or (one line, no leading list or setext marker) a new block.

    `<`, `>` and `&` become entities rather than backslash escapes, so renderers that pass raw HTML through
    without honouring backslashes still show the text. Line breaks fold into a space: inside a blockquote a
    new line could open a heading or an HTML block that interrupts the paragraph.
    """
    text = _MD_LINE_BREAK.sub(" ", text).strip()
    text = _MD_SPECIAL.sub(lambda m: _MD_ENTITY.get(m[0], "\\" + m[0]), text)
    return _MD_BLOCK_MARKER.sub(r"\1\\\2", text, count=1)


def _md_code(text: str) -> str:
    """`text` as a code span, where nothing is markup: the fence is one backtick longer than any run of
    backticks inside, padded with a space when the text starts or ends with a backtick or a space."""
    text = _MD_LINE_BREAK.sub(" ", text)
    fence = "`" * (max(map(len, re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[:1] in ("`", " ") or text[-1:] in ("`", " ") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _who(c: Claim) -> str:
    if c.speaker and c.side:
        return f"{c.speaker} ({c.side})"
    return c.speaker or c.side or "the article"


def _article_line(a: Article) -> str:
    """Title · outlet · date, then the source (file name or URL, see `display_source`) as a code span:
    it shows exactly, backticks included, and a URL in it is not a link."""
    bits = [_md_escape(a.title or a.id)]
    bits += [_md_escape(x) for x in (a.outlet, a.date) if x]
    return " · ".join(bits) + f" — {_md_code(display_source(a.source))}"


def render_markdown(report: Report) -> str:
    lines = [f"# verify report: {report.relation}",
             "",
             f"{len(report.links)} links in {len(report.stories)} stories; index of {report.articles} articles, "
             f"{report.claims} claims; model {_md_escape(report.model or '-')}; "
             f"minimum score {report.min_score:g}.",
             ""]
    if not report.links:
        lines.append("No links match.")
    for n, story in enumerate(report.stories, 1):
        lines += [f"## {n}. {_md_escape(story.title)}", ""]
        for r in story.links:
            verdict = f" · verdict: **{_md_escape(r.verdict)}**" if r.verdict else ""
            lines += [f"### {r.link.relation} · score {r.link.score:.2f}{verdict}", "",
                      f"> **A** — {_md_escape(_who(r.a))}, {r.a.polarity}: “{_md_escape(r.a.text)}”  ",
                      f"> {_article_line(r.article_a)}",
                      ">",
                      f"> **B** — {_md_escape(_who(r.b))}, {r.b.polarity}: “{_md_escape(r.b.text)}”  ",
                      f"> {_article_line(r.article_b)}",
                      "",
                      f"Reason: {_md_escape(r.link.reason)}", ""]
    return "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------ HTML
_CSS = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
h1{font-size:1.5rem}h2{font-size:1.2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem;margin-top:2rem}
.link{border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.8rem}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1rem}
.claim{background:#f7f7f9;border-radius:4px;padding:.6rem}
.claim q{display:block;margin:.4rem 0;font-size:1.05rem}
.meta{color:#555;font-size:.85rem}
.badge{display:inline-block;border-radius:3px;padding:0 .4rem;color:#fff;font-size:.85rem}
.contradicts{background:#c0392b}.supports{background:#27ae60}.repeats{background:#2c7bb6}
.reason{margin-top:.5rem;font-size:.9rem}
@media (max-width:45rem){.pair{grid-template-columns:1fr}}
"""


def render_html(report: Report) -> str:
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="es"><head><meta charset="utf-8">',
             f"<title>verify report: {e(report.relation)}</title>", f"<style>{_CSS}</style></head><body>",
             f"<h1>verify report: {e(report.relation)}</h1>",
             f'<p class="meta">{len(report.links)} links in {len(report.stories)} stories; index of '
             f"{report.articles} articles, {report.claims} claims; model {e(report.model or '-')}; "
             f"minimum score {report.min_score:g}.</p>"]
    if not report.links:
        parts.append("<p>No links match.</p>")
    for story in report.stories:
        parts.append(f"<h2>{e(story.title)}</h2>")
        for r in story.links:
            rel = e(str(r.link.relation))
            verdict = f" · verdict: <b>{e(r.verdict)}</b>" if r.verdict else ""
            parts.append(f'<div class="link"><span class="badge {rel}">{rel}</span> '
                         f"score {r.link.score:.2f}{verdict}<div class=\"pair\">")
            for label, c, art in (("A", r.a, r.article_a), ("B", r.b, r.article_b)):
                meta = " · ".join(e(x) for x in (art.title or art.id, art.outlet, art.date) if x)
                source = e(display_source(art.source))
                parts.append(f'<div class="claim"><b>{label}</b> — {e(_who(c))}, {e(str(c.polarity))}'
                             f"<q>{e(c.text)}</q><div class=\"meta\">{meta}<br>{source}</div></div>")
            parts.append(f'</div><div class="reason">Reason: {e(r.link.reason)}</div></div>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


RENDERERS = {"md": render_markdown, "html": render_html, "json": render_json, "csv": render_csv}


def render(report: Report, fmt: str) -> str:
    check_options(report.relation, report.min_score, fmt)
    return RENDERERS[fmt](report)
