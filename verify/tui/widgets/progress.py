"""The strip that shows an add in progress (hidden when nothing runs)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar


class AddProgress(Horizontal):
    DEFAULT_CSS = """
    AddProgress { height: 1; display: none; background: $boost; padding: 0 1; }
    AddProgress.-running { display: block; }
    AddProgress > Label { width: auto; margin-right: 1; }
    AddProgress > ProgressBar { width: 1fr; }
    """

    def compose(self) -> ComposeResult:
        yield Label("adding", id="add-label")
        yield ProgressBar(show_eta=False, id="add-bar")

    def start(self, source: str) -> None:
        self.add_class("-running")
        self.query_one("#add-label", Label).update(f"adding {source} · esc cancels")
        self.query_one(ProgressBar).update(total=None, progress=0)

    def advance(self, done: int, total: int) -> None:
        self.query_one(ProgressBar).update(total=max(total, 1), progress=done)

    def stop(self) -> None:
        self.remove_class("-running")
