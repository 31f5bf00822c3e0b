"""A claim with who said it, where, and its source paragraph with the claim highlighted (and as text)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from verify.records import Article, Claim
from verify.tui.widgets.row_list import BADGES, who

MAX_PARAGRAPH = 500  # characters of context around a claim in a very long paragraph


def paragraph_around(text: str, start: int, end: int) -> tuple[str, int, int, int]:
    """The paragraph of `text` holding [start, end): (paragraph, its offset, claim start, claim end in it)."""
    p_start = text.rfind("\n", 0, start) + 1
    p_end = text.find("\n", end)
    if p_end < 0:
        p_end = len(text)
    if p_end - p_start > MAX_PARAGRAPH:
        # Keep the claim and some context on each side; a whole wall of text hides the claim.
        room = max((MAX_PARAGRAPH - (end - start)) // 2, 0)
        p_start, p_end = max(p_start, start - room), min(p_end, end + room)
    return text[p_start:p_end], p_start, start - p_start, end - p_start


def claim_header(label: str, claim: Claim, article: Article | None, rating: tuple | None = None) -> Text:
    """Speaker, side, cue, stance, article title/source/date (and the claim's rating, if any)."""
    t = Text()
    t.append(f"{label} ", "bold reverse")
    t.append(" " + (claim.speaker or "narrator"), "bold")
    if claim.side:
        t.append(f" — {claim.side}", "italic")
    t.append("\n")
    bits = [b for b in (claim.cue, str(claim.polarity), str(claim.quote) if str(claim.quote) != "none" else None) if b]
    t.append(" · ".join(bits), "dim")
    t.append(f"   #{claim.id}", "dim")
    if rating:
        t.append(f"   rated {rating[0]}", "bold")
        if rating[1]:
            t.append(f": {rating[1]}", "italic")
    t.append("\n")
    if article is not None:
        t.append(article.title or article.id, "underline")
        meta = [x for x in (article.outlet, article.date) if x]
        if meta:
            t.append(" · " + " · ".join(meta), "dim")
        t.append("\n")
        t.append(article.url or article.source, "dim")
    return t


def highlighted_paragraph(claim: Claim, article: Article | None) -> Text:
    if article is None:
        return Text(claim.text)
    para, _offset, s, e = paragraph_around(article.text, claim.start, claim.end)
    text = Text(para)
    text.stylize("bold reverse", max(s, 0), min(e, len(para)))
    return text


def claim_with_source(claim: Claim, article: Article | None) -> str:
    """The claim as a fact-checker pastes it: quote, who, where, and the paragraph around it."""
    lines = [f"“{claim.text}”", f"— {who(claim.speaker, claim.side)}"
             + (f" ({claim.side})" if claim.speaker and claim.side else "")
             + (f", {claim.cue}" if claim.cue else "")]
    if article is not None:
        meta = " · ".join(x for x in (article.title, article.outlet, article.date) if x)
        if meta:
            lines.append(meta)
        lines.append(article.url or article.source)
        para, _o, _s, _e = paragraph_around(article.text, claim.start, claim.end)
        lines += ["", para.strip()]
    return "\n".join(lines) + "\n"


def claim_links_text(claim_id: int, links, limit: int = 200) -> Text:
    """The links of one claim (link summary rows), one line each: relation, score, the other claim."""
    text = Text()
    for r in links[:limit]:
        badge, _ = BADGES.get(r.relation, (r.relation, ""))
        mine_a = r.a == claim_id
        other = who(r.b_speaker if mine_a else r.a_speaker, r.b_side if mine_a else r.a_side)
        text.append(f"{badge:<10} {r.score:.2f} ", "bold")
        text.append(f"{other}: ", "italic")
        text.append((r.b_text if mine_a else r.a_text) + "\n")
    if not links:
        text.append("no links", "dim")
    return text


class ClaimCard(Vertical):
    """One side of a pair; `-active` marks the side that rate / copy / jump act on."""

    DEFAULT_CSS = """
    ClaimCard { border: round $panel; padding: 0 1; height: 1fr; }
    ClaimCard.-active { border: round $accent; }
    ClaimCard > .header { height: auto; }
    ClaimCard > VerticalScroll { height: 1fr; scrollbar-size-vertical: 1; }
    ClaimCard .paragraph { margin-top: 1; }
    """

    def __init__(self, label: str, **kwargs) -> None:
        super().__init__(**kwargs)
        self.label = label

    def compose(self) -> ComposeResult:
        yield Static(classes="header")
        with VerticalScroll():
            yield Static(classes="paragraph")

    def show(self, claim: Claim | None, article: Article | None, rating: tuple | None = None) -> None:
        header = self.query_one(".header", Static)
        paragraph = self.query_one(".paragraph", Static)
        if claim is None:
            header.update(Text("(claim no longer in the index)", "dim"))
            paragraph.update("")
            return
        self.border_title = f"{self.label} · {claim.article_id}"
        header.update(claim_header(self.label, claim, article, rating))
        paragraph.update(highlighted_paragraph(claim, article))
        if article is not None:
            _para, _offset, start, _end = paragraph_around(article.text, claim.start, claim.end)
            self.call_after_refresh(self._scroll_to_claim, start)

    def _scroll_to_claim(self, chars_before: int) -> None:
        # Wrapped lines are about as long as the pane is wide: close enough to bring the claim into view.
        scroll = self.query_one(VerticalScroll)
        line = chars_before // max(scroll.scrollable_content_region.width, 10)
        scroll.scroll_to(y=max(line - 1, 0), animate=False, immediate=True)


class PairView(Vertical):
    """The link's relation, score and reason over the two claims side by side."""

    DEFAULT_CSS = """
    PairView { height: 1fr; }
    PairView > .link-line { height: auto; padding: 0 1; background: $boost; }
    PairView > Horizontal { height: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Static(classes="link-line", id="link-line")
        with Horizontal():
            yield ClaimCard("A", id="card-a")
            yield ClaimCard("B", id="card-b")

    def show(self, link_line: Text, a, b) -> None:
        """`a` and `b` are (claim, article, rating) triples."""
        self.query_one("#link-line", Static).update(link_line)
        self.query_one("#card-a", ClaimCard).show(*a)
        self.query_one("#card-b", ClaimCard).show(*b)


class ClaimDetail(Vertical):
    """One claim (claims mode) with the list of its links below."""

    DEFAULT_CSS = """
    ClaimDetail { height: 1fr; }
    ClaimDetail > ClaimCard { height: 2fr; }
    ClaimDetail > VerticalScroll { height: 1fr; border: round $panel; padding: 0 1; }
    """

    def compose(self) -> ComposeResult:
        yield ClaimCard("claim", id="card-claim", classes="-active")
        with VerticalScroll(id="claim-links") as scroll:
            scroll.border_title = "its links"
            yield Static(id="claim-links-text")

    def show(self, claim, article, rating, links_text: Text, n_links: int) -> None:
        self.query_one(ClaimCard).show(claim, article, rating)
        self.query_one("#claim-links", VerticalScroll).border_title = f"its links ({n_links})"
        self.query_one("#claim-links-text", Static).update(links_text)
