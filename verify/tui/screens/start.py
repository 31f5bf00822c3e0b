"""What the browser shows before there is anything to browse: an empty index, or one it cannot read."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from verify.tui.widgets.progress import AddProgress


class EmptyScreen(Screen):
    """An index with no articles yet (or no index at all): how to add some."""

    BINDINGS = [Binding("a", "app.add_articles", "Add articles", id="empty.add"),
                Binding("escape", "app.cancel_add", "Cancel add", show=False, id="empty.cancel"),
                Binding("ctrl+t", "app.toggle_theme", "Theme", show=False, id="empty.theme"),
                Binding("q", "app.quit", "Quit", id="empty.quit")]
    DEFAULT_CSS = """
    EmptyScreen Vertical#message { width: 72; max-width: 100%; height: auto; border: round $primary;
                                   padding: 1 2; }
    """

    def __init__(self, index_path: str) -> None:
        super().__init__()
        self.index_path = index_path

    def compose(self) -> ComposeResult:
        yield Header(icon="✓")
        with Middle():
            with Center():
                with Vertical(id="message") as box:
                    box.border_title = "empty index"
                    yield Static(Text.assemble(
                        ("No articles in this index yet.\n\n", "bold"),
                        "Press ", ("a", "bold reverse"), " and give a file, a folder or a URL, or from a shell:\n\n",
                        (f"  verify add ARTICLES... --index {self.index_path}\n\n", "bold"),
                        "Articles can be .txt, .md, .html, .json, .jsonl or .csv files, folders of them, or URLs. "
                        "verify extracts the claims, links those that repeat, support or contradict each other, "
                        "and this screen turns into the list of linked claims.\n"))
        yield AddProgress(id="progress")
        yield Footer()


class ErrorScreen(Screen):
    """An index that cannot be read: the reason, and what to do, instead of a traceback."""

    BINDINGS = [Binding("q,escape", "app.quit", "Quit", id="error.quit")]
    DEFAULT_CSS = """
    ErrorScreen Vertical#message { width: 80; max-width: 100%; height: auto; border: round $error; padding: 1 2; }
    """

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        yield Header(icon="✓")
        with Middle():
            with Center():
                with Vertical(id="message") as box:
                    box.border_title = "cannot open the index"
                    yield Static(Text.assemble((self.message, "bold"), "\n\n",
                                               "Check the --index path (or VERIFY_INDEX). An index made by another "
                                               "version of verify can be rebuilt with `verify rebuild`; a damaged "
                                               "one can be re-made with `verify add` into a new directory."))
        yield Footer()
