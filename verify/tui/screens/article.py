"""Whole articles, scrolled to the claim; both articles side by side for a cross-article link."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from verify.records import Article, Claim
from verify.tui.widgets.claim_card import claim_header


class ArticlePane(VerticalScroll):
    """One article, one `Static` per paragraph, so the pane can scroll the claim's paragraph into view."""

    DEFAULT_CSS = """
    ArticlePane { border: round $panel; padding: 0 1; width: 1fr; scrollbar-size-vertical: 1; }
    ArticlePane:focus { border: round $accent; }
    ArticlePane > .paragraph { margin-bottom: 1; }
    ArticlePane > .meta { margin-bottom: 1; }
    """

    def __init__(self, article: Article, claims: list[tuple[str, Claim]], **kwargs) -> None:
        super().__init__(**kwargs)
        self.article = article
        self.claims = claims  # (label, claim) highlighted in this article
        self.border_title = article.title or article.id
        self._target: Static | None = None

    def compose(self) -> ComposeResult:
        article = self.article
        for label, claim in self.claims:
            yield Static(claim_header(label, claim, article), classes="meta")
        offset = 0
        for block in article.text.split("\n"):
            start, end = offset, offset + len(block)
            offset = end + 1
            if not block.strip():
                continue
            text = Text(block)
            hit = False
            for _label, claim in self.claims:
                if claim.start < end and claim.end > start:
                    text.stylize("bold reverse", max(claim.start - start, 0), min(claim.end - start, len(block)))
                    hit = True
            widget = Static(text, classes="paragraph")
            if hit and self._target is None:
                self._target = widget
            yield widget

    def on_mount(self) -> None:
        if self._target is not None:
            self.call_after_refresh(self.scroll_to_widget, self._target, animate=False, top=True)


class ArticleScreen(Screen):
    """Escape goes back to the list."""

    BINDINGS = [Binding("escape,q,backspace", "app.pop_screen", "Back", id="article.back"),
                Binding("tab,l,right", "focus_next", "Other article", show=False, id="article.next"),
                Binding("shift+tab,h,left", "focus_previous", "Other article", show=False, id="article.previous"),
                Binding("j", "scroll('down')", "Down", show=False, id="article.down"),
                Binding("k", "scroll('up')", "Up", show=False, id="article.up")]

    def __init__(self, panes: list[tuple[Article, list[tuple[str, Claim]]]]) -> None:
        super().__init__()
        self.panes = panes

    def compose(self) -> ComposeResult:
        with Horizontal():
            for article, claims in self.panes:
                yield ArticlePane(article, claims)
        yield Footer()

    def action_scroll(self, direction: str) -> None:
        focused = self.focused if isinstance(self.focused, ArticlePane) else self.query(ArticlePane).first()
        (focused.scroll_down if direction == "down" else focused.scroll_up)(animate=False)
