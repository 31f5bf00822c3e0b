"""The `verify browse` application: one factory, `make_app`, used by the CLI and by the tests.

The app reads the index through a read-only connection and writes (verdicts, ratings, added
articles) through short-lived writable ones in worker threads, so a long `verify add` in another
process holding the write lock never freezes the screen. It polls the index's generation to
notice that other process's commits and reloads: on a shared PostgreSQL index (a `postgresql://`
URL) the same, one tiny query a tick when nothing changed, run off the main thread so a slow or
unreachable server never freezes the screen; verdicts and ratings are recorded as `user`.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen

from verify.atomic import file_into_place
from verify.errors import VerifyError
from verify.protocols import ClaimExtractor, ClaimStore, Encoder, Judge
from verify.store.postgres import is_postgres_url, open_store, redact
from verify.tui.commands import VerifyCommands
from verify.tui.model import BrowseModel
from verify.tui.preload import Preload, index_exists, load_model
from verify.tui.screens.dialogs import PromptScreen
from verify.tui.screens.main import MainScreen
from verify.tui.screens.start import EmptyScreen, ErrorScreen

EncoderFactory = Callable[[ClaimStore], Encoder]  # index -> Encoder
JudgeFactory = Callable[[], Judge | None]  # -> Judge or None
ExtractorFactory = Callable[[ClaimStore], ClaimExtractor]  # index -> Extractor

THEMES = ("textual-dark", "textual-light")


def _default_encoder(index: ClaimStore) -> Encoder:
    from verify.models import models_for_index

    return models_for_index(index, model=os.environ.get("VERIFY_MODEL")).encoder()


def _default_judge() -> Judge | None:
    from verify.models import models_for_index

    return models_for_index(nli=os.environ.get("VERIFY_NLI")).judge()  # as `verify add`: verify's own unless "none"


def _default_extractor(index: ClaimStore) -> ClaimExtractor:
    from verify.pipeline import make_extractor

    return make_extractor(index)


class VerifyApp(App):
    """Browse linked claims, judge them, add articles. See `make_app`."""

    CSS_PATH = "verify.tcss"
    TITLE = "verify"
    COMMANDS = App.COMMANDS | {VerifyCommands}
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, priority=True, id="app.quit")]

    def __init__(self, index_path: str | os.PathLike, *, encoder_factory: EncoderFactory | None = None,
                 extractor_factory: ExtractorFactory | None = None, judge_factory: JudgeFactory | None = None,
                 poll_interval: float = 2.0, user: str | None = None,
                 theme: str = "textual-dark", preload: Preload | None = None) -> None:
        super().__init__()
        self.index_path = index_path if is_postgres_url(index_path) else Path(index_path)
        self.user = user  # who verdicts and ratings are recorded as (None: the login name)
        self._polling = False
        self.encoder_factory = encoder_factory or _default_encoder
        self.extractor_factory = extractor_factory or _default_extractor
        self.judge_factory = judge_factory or _default_judge
        self._judge_loaded: list = []  # [judge or None] once loaded: its model compiles on first use
        self.poll_interval = poll_interval
        self.model: BrowseModel | None = None
        self._encoder: Encoder | None = None
        self._add_cancel: threading.Event | None = None
        self._start_theme = theme
        self._preload: Preload | None = preload if preload is not None else Preload(self.index_path)

    # ------------------------------------------------------------------ start
    def on_mount(self) -> None:
        self.theme = self._start_theme
        self.sub_title = redact(self.index_path)
        self.push_screen(self.first_screen())
        if self.poll_interval > 0:
            self.set_interval(self.poll_interval, self.poll_index)

    def first_screen(self) -> Screen:
        """The browser, or the empty-index screen, or a one-paragraph error (never a traceback)."""
        if self._preload is not None:
            found, self._preload = self._preload.result(), None
        else:
            found = load_model(self.index_path)
        if "error" in found:
            return ErrorScreen(found["error"])
        if "model" not in found:
            return EmptyScreen(redact(self.index_path))
        self.model = found["model"]
        return MainScreen(self.model)

    @property
    def main(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    # ---------------------------------------------------- other processes' writes
    def poll_index(self) -> None:
        """Each tick: look for another process's commits in a worker thread, and reload if there were any."""
        if self._add_cancel is not None or self._polling:
            return  # our own add reloads when it ends; a poll still waiting (a slow server) is not doubled
        if not self.screen_stack:
            return  # a tick while the app starts or shuts down: no screen to reload
        self._polling = True
        self._poll_worker(isinstance(self.screen, EmptyScreen))

    @work(thread=True, group="poll", exit_on_error=False)
    def _poll_worker(self, on_empty_screen: bool) -> None:
        try:
            change = self._look_for_change(on_empty_screen)
        finally:
            self._polling = False
        if change == "articles":
            self.call_from_thread(self.show_browser, "articles were added by another process")
        elif change == "generation":
            self.call_from_thread(self.reload, "the index was changed by another process")

    def _look_for_change(self, on_empty_screen: bool) -> str | None:
        """A fresh read of the index generation (one tiny query); what changed, if anything."""
        try:
            model = self.model
            if model is None:
                if on_empty_screen and index_exists(self.index_path):
                    with open_store(self.index_path) as index:
                        if index.stats().articles > 0:
                            return "articles"
                return None
            generation = model.index.generation
        except (sqlite3.Error, VerifyError, OSError):
            return None  # a writer is mid-commit, the directory is moving, the server is away: next tick
        return "generation" if generation != model.generation else None

    def show_browser(self, message: str | None = None) -> None:
        screen = self.first_screen()
        if message and isinstance(screen, MainScreen):
            self.notify(message)
        if isinstance(self.screen, (EmptyScreen, ErrorScreen)):
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    @work(thread=True, exclusive=True, group="reload", exit_on_error=False)
    def reload(self, message: str | None = None) -> None:
        """Re-read the rows off the main thread, then swap them in."""
        old = self.model
        if old is None:
            self.call_from_thread(self.show_browser, message)
            return
        try:
            old.index.refresh()
            model = BrowseModel(old.index)
            model.load()
        except (sqlite3.Error, VerifyError) as exc:
            self.call_from_thread(self.notify, f"could not reload the index: {exc}", severity="error")
            return
        self.call_from_thread(self._reloaded, old, model, message)

    def _reloaded(self, old: BrowseModel, model: BrowseModel, message: str | None) -> None:
        self.model = model
        main = self.main
        if main is not None:
            main.model = model
            main.reload()
        if message:
            delta = len(model.links) - len(old.links)
            self.notify(f"{message}: {len(model.links):,} links ({delta:+,})", timeout=4)

    def action_reload(self) -> None:
        self.reload("reloaded")

    # --------------------------------------------------------------- writes
    def _write(self, change: Callable[[ClaimStore], None]) -> bool:
        """Apply one change in its own batch; True when no other process wrote meanwhile."""
        before = self.model.generation if self.model else -1
        with open_store(self.index_path, writable=True, user=self.user) as index:
            with index.batch():
                change(index)
            after = index.generation
        return after == before + 1

    @work(thread=True, group="write", exit_on_error=False)
    def save_verdict(self, a: int, b: int, verdict: str | None, note: str | None) -> None:
        """Store a verdict on the link (a, b)."""
        if not verdict:
            return
        try:
            alone = self._write(lambda index: index.set_link_verdict(a, b, verdict, note))
        except (VerifyError, sqlite3.Error) as exc:
            self.call_from_thread(self.notify, f"verdict not saved: {exc}", severity="error")
            return
        self.call_from_thread(self._written, alone, lambda main: main.verdict_saved(a, b, verdict, note),
                              f"link marked {verdict}")

    @work(thread=True, group="write", exit_on_error=False)
    def save_rating(self, claim_id: int, rating: str | None, note: str | None) -> None:
        """Store a rating of one claim."""
        if not rating:
            return
        try:
            alone = self._write(lambda index: index.set_claim_rating(claim_id, rating, note))
        except (VerifyError, sqlite3.Error) as exc:
            self.call_from_thread(self.notify, f"rating not saved: {exc}", severity="error")
            return
        self.call_from_thread(self._written, alone, lambda main: main.rating_saved(claim_id, rating, note),
                              f"claim #{claim_id} rated {rating}")

    def _written(self, alone: bool, update: Callable[[MainScreen], None], message: str) -> None:
        if alone and self.model is not None:
            self.model.generation += 1  # our own commit: the in-place update is enough
            if self.main is not None:
                update(self.main)
        else:
            self.reload()
        self.notify(message)

    # ------------------------------------------------------------------ export
    @work(thread=True, group="export", exit_on_error=False)
    def export_view(self, keys: list[tuple[int, int]], relation: str, fmt: str, path: str) -> None:
        """Write the listed links as a report (the formats of `verify report`)."""
        from verify.report import build_report, render

        wanted = set(keys)
        try:
            index = self.model.index  # type: ignore[union-attr]  # export is offered by the browser, which has a model
            links = [link for link in index.links() if (link.a, link.b) in wanted]
            text = render(build_report(index, relation=relation, links=links), fmt)
            with file_into_place(Path(path).expanduser()) as tmp:
                tmp.write_text(text, encoding="utf-8")
        except (VerifyError, OSError) as exc:
            self.call_from_thread(self.notify, f"export failed: {exc}", severity="error")
            return
        self.call_from_thread(self.notify, f"wrote {len(links):,} links to {path}")

    # --------------------------------------------------------------- adding
    def action_add_articles(self) -> None:
        if self._add_cancel is not None:
            self.notify("an add is already running; escape cancels it", severity="warning")
            return

        def done(source: str | None) -> None:
            if source:
                self.run_add(source)

        self.push_screen(PromptScreen("Add articles", "a file, a folder or a URL · enter adds · esc cancels",
                                      placeholder="path/to/articles or https://…"), done)

    def _progress_widgets(self):
        return self.screen.query("#progress")

    def run_add(self, source: str) -> None:
        self._add_cancel = threading.Event()
        for bar in self._progress_widgets():
            bar.start(source)
        self._add_worker(source, self._add_cancel)

    @work(thread=True, exclusive=True, group="add", exit_on_error=False)
    def _add_worker(self, source: str, cancel: threading.Event) -> None:
        from verify.pipeline import add_sources

        summary, error = None, None
        try:
            with open_store(self.index_path, writable=True, create=True, user=self.user) as index:
                extractor = self.extractor_factory(index)
                summary = add_sources(index, [source], encoder=lambda: self._encoder_for(index), extractor=extractor,
                                      progress=lambda done, total: self.call_from_thread(self._add_progress, done,
                                                                                         total),
                                      cancelled=cancel.is_set, judge=self._judge())
        except VerifyError as exc:
            error = str(exc)
        except Exception as exc:  # a bug in a stage must not take the browser down with it
            error = f"{type(exc).__name__}: {exc}"
        self.call_from_thread(self._add_finished, source, summary, error, cancel.is_set())

    def _judge(self) -> Judge | None:
        if not self._judge_loaded:
            self._judge_loaded.append(self.judge_factory())
        return self._judge_loaded[0]

    def _encoder_for(self, index: ClaimStore) -> Encoder:
        if self._encoder is None:
            self._encoder = self.encoder_factory(index)
        return self._encoder

    def _add_progress(self, done: int, total: int) -> None:
        for bar in self._progress_widgets():
            bar.advance(done, total)

    def _add_finished(self, source: str, summary, error: str | None, cancelled: bool) -> None:
        self._add_cancel = None
        for bar in self._progress_widgets():
            bar.stop()
        if error:
            self.notify(f"adding {source} failed: {error}", severity="error", timeout=10)
        if summary is not None:
            for rejected in summary.rejected[:3]:
                self.notify(f"rejected {rejected.source}: {rejected.reason}", severity="warning", timeout=8)
            self.notify(("cancelled; kept what was committed: " if cancelled else "") + summary.line(), timeout=6)
        if self.model is None:
            if index_exists(self.index_path):
                self.show_browser()
        else:
            self.reload()

    def cancel_add(self) -> bool:
        """Escape while an add runs: stop after the batch in progress. True if there was one."""
        if self._add_cancel is None:
            return False
        self._add_cancel.set()
        self.notify("cancelling after the current batch…")
        return True

    def action_cancel_add(self) -> None:
        self.cancel_add()

    # ------------------------------------------------------------------ misc
    def action_toggle_theme(self) -> None:
        self.theme = THEMES[1] if self.theme == THEMES[0] else THEMES[0]


def make_app(index_path: str | os.PathLike, *, encoder_factory: EncoderFactory | None = None,
             extractor_factory: ExtractorFactory | None = None, judge_factory: JudgeFactory | None = None,
             poll_interval: float = 2.0, user: str | None = None, theme: str = "textual-dark",
             preload: Preload | None = None) -> VerifyApp:
    """The browser on the index at `index_path`.

    `encoder_factory(index)` and `extractor_factory(index)` make what adding articles needs (default:
    the index's own model via `verify.embed.load_encoder`, and `verify.pipeline.make_extractor`);
    `judge_factory()` the judge of new links (default: as `verify add`, env VERIFY_NLI); tests pass
    fakes. `index_path` is a folder or a `postgresql://` URL. `poll_interval` is how often (seconds) to
    look for other processes' writes (0: never). `user`: who verdicts and ratings are recorded as on a
    shared index (default: the login name). `theme` is a Textual theme name; ctrl+t switches dark/light.
    `preload`: an index read already under way (`verify.tui.make_app` starts one before importing Textual).
    """
    return VerifyApp(index_path, encoder_factory=encoder_factory, extractor_factory=extractor_factory,
                     judge_factory=judge_factory, poll_interval=poll_interval, user=user, theme=theme,
                     preload=preload)
