"""The browser: linked pairs (or claims) on the left, the two claims side by side on the right."""

from __future__ import annotations

from collections.abc import Sequence
from time import monotonic
from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.reactive import reactive
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Header, Input, Static

from verify.records import Article, Claim, Rating, Verdict
from verify.tui.model import BrowseModel, Filters
from verify.tui.screens.article import ArticleScreen
from verify.tui.screens.dialogs import (
    HELP_INTRO,
    ChoiceNoteScreen,
    ExportScreen,
    FilterScreen,
    HelpScreen,
    PickScreen,
    help_sections,
)
from verify.tui.widgets.claim_card import ClaimCard, ClaimDetail, PairView, claim_links_text, claim_with_source
from verify.tui.widgets.progress import AddProgress
from verify.tui.widgets.row_list import BADGES, ClaimList, LinkList, RowList, who

if TYPE_CHECKING:
    from verify.store.index import ClaimSummary, LinkSummary
    from verify.tui.app import VerifyApp

DETAIL_REST = 0.12  # seconds between cursor moves under which the detail pane waits for the cursor to rest
NARROW = 110  # columns below which the list goes above the claims instead of beside them


class MainScreen(Screen):
    """Keys act on the highlighted link; rate / copy / jump act on the active claim (A or B)."""

    BINDINGS = [
        Binding("enter,o", "open_articles", "Open", id="main.open"),
        Binding("slash", "find", "Find", id="main.find"),
        Binding("f", "filters", "Filter", id="main.filters"),
        Binding("1", "relation('contradicts')", "Contra", id="main.contradicts"),
        Binding("2", "relation('supports')", "Supports", show=False, id="main.supports"),
        Binding("3", "relation('repeats')", "Repeats", show=False, id="main.repeats"),
        Binding("0", "relation('')", "All", show=False, id="main.all_relations"),
        Binding("t", "toggle_mode", "Pairs/claims", id="main.toggle_mode"),
        Binding("h,left", "side(0)", "Claim A", show=False, id="main.side_a"),
        Binding("l,right", "side(1)", "Claim B", show=False, id="main.side_b"),
        Binding("v", "verdict", "Verdict", id="main.verdict"),
        Binding("r", "rate", "Rate", id="main.rate"),
        Binding("L", "claim_links", "Its links", show=False, id="main.claim_links"),
        Binding("S", "same_speaker", "Same speaker", show=False, id="main.same_speaker"),
        Binding("E", "same_entity", "Same entity", show=False, id="main.same_entity"),
        Binding("y", "copy", "Copy", show=False, id="main.copy"),
        Binding("a", "app.add_articles", "Add", id="main.add"),
        Binding("e", "export", "Export", show=False, id="main.export"),
        Binding("escape", "back", "Back", show=False, id="main.back"),
        Binding("R", "app.reload", "Reload", show=False, id="main.reload"),
        Binding("question_mark,f1", "help", "Help", id="main.help"),
        Binding("ctrl+t", "app.toggle_theme", "Theme", show=False, id="main.theme"),
        Binding("q", "app.quit", "Quit", id="main.quit"),
    ]
    DEFAULT_CSS = """
    MainScreen #body { height: 1fr; }
    MainScreen #left { width: 45%; min-width: 40; }
    MainScreen #left RowList { height: 1fr; border: round $panel; border-title-color: $text; }
    MainScreen #left RowList:focus { border: round $accent; }
    MainScreen #find { display: none; height: 3; }
    MainScreen #find.-shown { display: block; }
    MainScreen #right { width: 1fr; }
    MainScreen #right ContentSwitcher { height: 1fr; }
    MainScreen #status { height: 1; background: $boost; color: $text-muted; padding: 0 1; }
    MainScreen #empty-note { padding: 1 2; color: $text-muted; height: auto; }
    MainScreen.-narrow #body { layout: vertical; }
    MainScreen.-narrow #left { width: 100%; height: 40%; min-width: 0; }
    MainScreen.-narrow #right { height: 1fr; }
    MainScreen.-narrow ClaimCard { padding: 0; }
    """

    mode: reactive[str] = reactive("pairs", init=False)
    side: reactive[int] = reactive(0, init=False)

    def __init__(self, model: BrowseModel) -> None:
        super().__init__()
        self.model = model
        self.filters = Filters()
        self.history: list[tuple[str, Filters]] = []
        self._articles: dict[str, Article] = {}
        self._shown: tuple[Claim | None, Claim | None] = (None, None)
        self.ratings: dict[int, tuple] = {}
        self.verdict_notes: dict[tuple[int, int], tuple[str, str | None]] = {}
        self._last_detail = 0.0
        self._detail_timer: Timer | None = None

    @property
    def index(self):
        return self.model.index

    # ------------------------------------------------------------------ layout
    def compose(self) -> ComposeResult:
        yield Header(icon="✓")
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield LinkList(self.index, id="links")
                yield ClaimList(id="claims")
                yield Input(placeholder="find in claims, speakers, sides · enter keeps · esc clears", id="find")
            with Vertical(id="right"):
                with ContentSwitcher(initial="pair"):
                    yield PairView(id="pair")
                    yield ClaimDetail(id="detail")
                    yield Static(id="empty-note")
        yield Static(id="status")
        yield AddProgress(id="progress")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#claims").display = False
        self.load_notes()
        if not self.model.links and self.model.index.stats().claims:
            self.mode = "claims"  # an index without links yet: show its claims rather than an empty list
        self.apply()
        self.query_one("#links" if self.mode == "pairs" else "#claims").focus()

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    def load_notes(self) -> None:
        self.ratings = self.index.claim_ratings()
        self.verdict_notes = self.index.link_verdicts()

    @property
    def browser(self) -> VerifyApp:
        """The running app, as verify's own (Textual types `app` as any App)."""
        return cast("VerifyApp", self.app)

    # ------------------------------------------------------------- list state
    @property
    def row_list(self) -> RowList:
        return self.query_one("#links" if self.mode == "pairs" else "#claims", RowList)

    def apply(self, keep: object | None = None) -> None:
        """Refilter and show the rows, keeping the cursor on `keep` (a row key) when still listed."""
        rows_list = self.row_list
        if keep is None and rows_list.current is not None:
            keep = rows_list.row_key(rows_list.current)
        rows: Sequence[LinkSummary] | Sequence[ClaimSummary]
        if self.mode == "pairs":
            rows = self.model.filter_links(self.filters)
            total = len(self.model.links)
            rows_list.border_title = f"links {len(rows):,} of {total:,}"
        else:
            rows = self.model.filter_claims(self.filters)
            total = len(self.model.claims)
            rows_list.border_title = f"claims {len(rows):,} of {total:,}"
        rows_list.set_rows(rows, keep=keep)
        self.query_one("#status", Static).update(
            Content(f"{self.mode} · {self.filters.describe()} · {len(rows):,} shown"))
        if not rows:
            self.show_empty()

    def set_filters(self, filters: Filters, *, mode: str | None = None, keep: object | None = None) -> None:
        """Change filters (and mode), remembering the previous ones for escape."""
        self.history.append((self.mode, self.filters))
        del self.history[:-50]
        self.filters = filters
        if mode and mode != self.mode:
            self.mode = mode
        self.apply(keep)

    def watch_mode(self, mode: str) -> None:
        links, claims = self.query_one("#links", LinkList), self.query_one("#claims", ClaimList)
        links.display = mode == "pairs"
        claims.display = mode == "claims"
        (links if mode == "pairs" else claims).focus()

    def watch_side(self, side: int) -> None:
        self.query_one("#card-a", ClaimCard).set_class(side == 0, "-active")
        self.query_one("#card-b", ClaimCard).set_class(side == 1, "-active")

    def reload(self) -> None:
        """The model was reloaded (another process wrote, or an add finished): show it."""
        self._articles.clear()
        self.query_one("#links", LinkList).forget_entities()
        self.load_notes()
        self.apply()

    # -------------------------------------------------------------- the detail
    def article(self, article_id: str) -> Article | None:
        if article_id not in self._articles:
            if len(self._articles) > 64:
                self._articles.clear()
            self._articles[article_id] = self.index.article(article_id)
        return self._articles[article_id]

    @on(RowList.Highlighted)
    def cursor_moved(self, event: RowList.Highlighted) -> None:
        """Show the highlighted row now, unless the cursor is racing (a held key): then only the list
        repaints, and the detail follows once the cursor has rested for a moment."""
        now = monotonic()
        if now - self._last_detail < DETAIL_REST:
            if self._detail_timer is not None:
                self._detail_timer.stop()
            self._detail_timer = self.set_timer(DETAIL_REST, self.show_current)
        else:
            self.show_current()
        self._last_detail = now

    def show_current(self) -> None:
        self._detail_timer = None
        row = self.row_list.current
        if row is None:
            self.show_empty()
            return
        switcher = self.query_one(ContentSwitcher)
        if self.mode == "pairs":
            found = {c.id: c for c in self.index.claims(ids=[row.a, row.b])}
            a, b = found.get(row.a), found.get(row.b)
            self._shown = (a, b)
            switcher.current = "pair"
            self.query_one(PairView).show(self.link_line(row), self._card(a), self._card(b))
        else:
            claim = self.index.claim(row.id)
            self._shown = (claim, None)
            switcher.current = "detail"
            links = [r for r in self.model.links if row.id in (r.a, r.b)]
            self.query_one(ClaimDetail).show(*self._card(claim), claim_links_text(row.id, links), len(links))

    def _card(self, claim: Claim | None) -> tuple[Claim | None, Article | None, tuple | None]:
        if claim is None:
            return (None, None, None)
        return (claim, self.article(claim.article_id), self.ratings.get(claim.stored_id()))

    def link_line(self, row) -> Text:
        badge, _ = BADGES.get(row.relation, (row.relation, ""))
        line = Text()
        line.append(f"{badge} ", "bold")
        line.append(f"score {row.score:.2f}")
        verdict = self.verdict_notes.get((row.a, row.b))
        if verdict:
            line.append(f" · verdict {verdict[0]}", "bold")
            if verdict[1]:
                line.append(f" ({verdict[1]})", "italic")
        for link in self.index.links(claim_id=row.a):
            if (link.a, link.b) == (row.a, row.b):
                line.append(f"\n{link.reason}", "italic")
                break
        return line

    def show_empty(self) -> None:
        self._shown = (None, None)
        note = self.query_one("#empty-note", Static)
        if self.mode == "pairs" and not self.model.links:
            note.update("No links yet. Links appear when two claims repeat, support or contradict each other: "
                        "add more articles on the same stories with `a`, or press `t` to browse the claims.")
        else:
            note.update(f"Nothing matches {self.filters.describe()}. Press escape to go back to the previous "
                        "filters, or `f` to change them.")
        self.query_one(ContentSwitcher).current = "empty-note"

    def flush_detail(self) -> None:
        """Show the current row now if its detail is still waiting for the cursor to rest."""
        if self._detail_timer is not None:
            self._detail_timer.stop()
            self.show_current()

    @on(RowList.Chosen)
    def row_chosen(self, event: RowList.Chosen) -> None:
        self.action_open_articles()

    @property
    def active_claim(self) -> Claim | None:
        self.flush_detail()
        a, b = self._shown
        return b if (self.mode == "pairs" and self.side == 1) else a

    # ------------------------------------------------------------------ actions
    def action_side(self, side: int) -> None:
        self.side = side

    def action_toggle_mode(self) -> None:
        self.set_filters(self.filters.with_(claim_id=None), mode="claims" if self.mode == "pairs" else "pairs")

    def action_relation(self, relation: str) -> None:
        self.set_filters(self.filters.with_(relation=relation or None), mode="pairs")

    def action_filters(self) -> None:
        def done(filters: Filters | None) -> None:
            if filters is not None:
                self.set_filters(filters)

        self.app.push_screen(FilterScreen(self.filters), done)

    def action_find(self) -> None:
        find = self.query_one("#find", Input)
        find.add_class("-shown")
        find.focus()

    @on(Input.Changed, "#find")
    def find_changed(self, event: Input.Changed) -> None:
        # Typing refines the current view in place: not a history step per keystroke.
        self.filters = self.filters.with_(find=event.value.strip() or None)
        self.apply()

    @on(Input.Submitted, "#find")
    def find_submitted(self, event: Input.Submitted) -> None:
        self.row_list.focus()

    def action_back(self) -> None:
        if self.browser.cancel_add():
            return
        find = self.query_one("#find", Input)
        if find.has_class("-shown"):
            find.remove_class("-shown")
            if find.value:
                find.value = ""  # find_changed re-applies without the text
            self.row_list.focus()
            return
        if self.history:
            mode, filters = self.history.pop()
            self.filters = filters
            self.mode = mode
            self.apply()

    def action_open_articles(self) -> None:
        self.flush_detail()
        a, b = self._shown
        if a is None:
            return
        article_a = self.article(a.article_id)
        if b is None:
            panes = [(article_a, [("claim", a)])]
        elif b.article_id == a.article_id:
            panes = [(article_a, [("A", a), ("B", b)])]
        else:
            panes = [(article_a, [("A", a)]), (self.article(b.article_id), [("B", b)])]
        self.app.push_screen(ArticleScreen([(article, claims) for article, claims in panes if article is not None]))

    def action_verdict(self) -> None:
        row = self.query_one("#links", LinkList).current if self.mode == "pairs" else None
        if row is None:
            self.notify("pick a link first (verdicts are on links; `r` rates a claim)", severity="warning")
            return
        current = self.verdict_notes.get((row.a, row.b), (None, None))
        subject = f"{row.relation} {row.score:.2f}: {who(row.a_speaker, row.a_side)} ↔ {who(row.b_speaker, row.b_side)}"

        def done(result) -> None:
            if result is not None:
                self.browser.save_verdict(row.a, row.b, result[0] or None, result[1])

        self.app.push_screen(ChoiceNoteScreen("Verdict on this link", subject, tuple(Verdict), current[0], current[1]),
                             done)

    def action_rate(self) -> None:
        claim = self.active_claim
        if claim is None:
            return
        current = self.ratings.get(claim.stored_id(), (None, None))

        def done(result) -> None:
            if result is not None:
                self.browser.save_rating(claim.stored_id(), result[0] or None, result[1])

        self.app.push_screen(ChoiceNoteScreen(f"Rate claim #{claim.id}",
                                              f"{who(claim.speaker, claim.side)}: {claim.text}",
                                              tuple(Rating), current[0], current[1]), done)

    def action_claim_links(self) -> None:
        claim = self.active_claim
        if claim is not None:
            self.set_filters(Filters(claim_id=claim.id), mode="pairs")

    def action_same_speaker(self) -> None:
        claim = self.active_claim
        if claim is None:
            return
        if claim.speaker:
            self.set_filters(Filters(speaker=claim.speaker), mode="claims", keep=claim.id)
        elif claim.side:
            self.set_filters(Filters(side=claim.side), mode="claims", keep=claim.id)
        else:
            self.notify("this claim has no speaker or side", severity="warning")

    def action_same_entity(self) -> None:
        claim = self.active_claim
        if claim is None:
            return
        names = sorted({e.canonical for e in claim.entities})
        if not names:
            self.notify("this claim names no entity", severity="warning")
            return

        def done(name: str | None) -> None:
            if name:
                self.set_filters(Filters(entity=name), mode="claims", keep=claim.id)

        if len(names) == 1:
            done(names[0])
        else:
            self.app.push_screen(PickScreen("Claims naming which entity?", names), done)

    def action_copy(self) -> None:
        claim = self.active_claim
        if claim is None:
            return
        self.app.copy_to_clipboard(claim_with_source(claim, self.article(claim.article_id)))
        self.notify(f"copied claim #{claim.id} with its source")

    def action_export(self) -> None:
        if self.mode != "pairs":
            self.notify("export works on links: press `t` to go back to pairs", severity="warning")
            return
        keys = [(r.a, r.b) for r in self.query_one("#links", LinkList).rows]

        def done(result) -> None:
            if result is not None:
                self.browser.export_view(keys, self.filters.relation or "all", result[0], result[1])

        self.app.push_screen(ExportScreen(), done)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(help_sections(self), HELP_INTRO))

    # --------------------------------------------------- updates after writes
    def verdict_saved(self, a: int, b: int, verdict: str | None, note: str | None) -> None:
        """Update the one row in place instead of reloading 20k rows."""
        if verdict:
            self.verdict_notes[(a, b)] = (verdict, note)
        else:
            self.verdict_notes.pop((a, b), None)
        self.model.links = [r._replace(verdict=verdict) if (r.a, r.b) == (a, b) else r for r in self.model.links]
        self.apply(keep=(a, b))

    def rating_saved(self, claim_id: int, rating: str | None, note: str | None) -> None:
        if rating:
            self.ratings[claim_id] = (rating, note, "")
        else:
            self.ratings.pop(claim_id, None)
        self.show_current()
