"""Modal dialogs: a verdict or rating with a note, filters, adding articles, exporting, help."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from verify.records import Rating, Verdict
from verify.report import FORMATS
from verify.tui.model import RELATIONS, UNREVIEWED, Filters
from verify.tui.widgets.row_list import RowList

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 64; max-width: 100%; height: auto; max-height: 100%;
    border: thick $primary; background: $panel; padding: 0 1;
}}
{name} .title {{ text-style: bold; width: 100%; content-align: center middle; }}
{name} .hint {{ color: $text-muted; }}
{name} Input, {name} Select {{ margin: 0; }}
"""


class ChoiceNoteScreen(ModalScreen[tuple[str, str | None] | None]):
    """Pick one of `choices` and add a note. Returns (choice, note), or None when cancelled."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ChoiceNoteScreen") + """
    ChoiceNoteScreen OptionList { height: auto; max-height: 8; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
                Binding("ctrl+s", "save", "Save", id="dialog.save")]

    def __init__(self, title: str, subject: str, choices: tuple[str, ...], current: str | None,
                 note: str | None) -> None:
        super().__init__()
        self.title_text = title
        self.subject = subject
        self.choices = choices
        self.current = current
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Static(Text(self.subject, overflow="ellipsis"), classes="hint")
            options = OptionList(*[Option(f"{c}", id=c) for c in self.choices], id="choices")
            yield options
            yield Input(self.note or "", placeholder="note (optional): why, with a source", id="note")
            yield Label("enter chooses · enter in the note saves · esc cancels", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one("#choices", OptionList)
        options.highlighted = self.choices.index(self.current) if self.current in self.choices else 0
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.current = event.option.id
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_save()

    def action_save(self) -> None:
        options = self.query_one("#choices", OptionList)
        choice = self.current
        if choice is None and options.highlighted is not None:
            choice = self.choices[options.highlighted]
        note = self.query_one("#note", Input).value.strip() or None
        self.dismiss((choice, note) if choice else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class FilterScreen(ModalScreen[Filters | None]):
    """All filters at once; text fields match without case or accents."""

    DEFAULT_CSS = DIALOG_CSS.format(name="FilterScreen") + """
    FilterScreen Grid { grid-size: 2; grid-columns: 12 1fr; height: auto; grid-gutter: 0 1; }
    FilterScreen Grid Label { padding-top: 1; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel"),
                Binding("ctrl+s", "apply", "Apply", id="dialog.apply"),
                Binding("delete", "reset", "Reset", id="dialog.reset")]

    def __init__(self, filters: Filters) -> None:
        super().__init__()
        self.filters = filters

    def compose(self) -> ComposeResult:
        f = self.filters
        with Vertical():
            yield Label("Filters", classes="title")
            with Grid():
                yield Label("relation")
                yield Select([(r, r) for r in RELATIONS], value=f.relation or Select.NULL, prompt="any",
                             id="relation")
                yield Label("verdict")
                yield Select([(v, v) for v in (*Verdict, UNREVIEWED)], value=f.verdict or Select.NULL,
                             prompt="any", id="verdict")
                for name in ("side", "speaker", "entity", "article"):
                    yield Label(name)
                    yield Input(getattr(f, name) or "", placeholder=f"any {name}", id=name)
                yield Label("min score")
                yield Input(f"{f.min_score:g}" if f.min_score else "", placeholder="0 - 1", id="min_score",
                            type="number")
            yield Label("enter or ctrl+s applies · del resets · esc cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#relation", Select).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_apply()

    def action_apply(self) -> None:
        def text(name: str) -> str | None:
            return self.query_one(f"#{name}", Input).value.strip() or None

        def choice(name: str) -> str | None:
            value = self.query_one(f"#{name}", Select).value
            return None if value is Select.NULL or value is Select.BLANK else str(value)

        try:
            min_score = float(text("min_score") or 0)
        except ValueError:
            min_score = -1
        if not 0 <= min_score <= 1:
            self.notify("min score must be a number between 0 and 1", severity="error")
            return
        self.dismiss(self.filters.with_(relation=choice("relation"), verdict=choice("verdict"), side=text("side"),
                                        speaker=text("speaker"), entity=text("entity"), article=text("article"),
                                        min_score=min_score))

    def action_reset(self) -> None:
        self.dismiss(Filters())

    def action_cancel(self) -> None:
        self.dismiss(None)


class PromptScreen(ModalScreen[str | None]):
    """One line of input (a path or URL to add)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="PromptScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, hint: str, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.hint, self.value, self.placeholder = title, hint, value, placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Input(self.value, placeholder=self.placeholder, id="value")
            yield Label(self.hint, classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ExportScreen(ModalScreen[tuple[str, str] | None]):
    """Format and file for exporting the current view. Returns (format, path)."""

    DEFAULT_CSS = DIALOG_CSS.format(name="ExportScreen")
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, default_stem: str = "verify-view") -> None:
        super().__init__()
        self.stem = default_stem

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Export the current view", classes="title")
            yield Select([(f, f) for f in FORMATS if f != "csv"] + [("csv", "csv")], value="md", allow_blank=False,
                         id="format")
            yield Input(f"{self.stem}.md", placeholder="file to write", id="path")
            yield Label("enter writes the file · esc cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        path = self.query_one("#path", Input)
        stem = path.value.rsplit(".", 1)[0] if "." in path.value else path.value
        path.value = f"{stem}.{event.value}"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss((str(self.query_one("#format", Select).value), event.value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


class HelpScreen(ModalScreen[None]):
    """The keys, built from the bindings of the screen it was opened from."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 76; max-width: 100%; height: 90%; border: thick $primary;
                                  background: $panel; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,q,question_mark,f1", "dismiss", "Close", id="dialog.close")]

    def __init__(self, sections: list[tuple[str, list[tuple[str, str]]]], intro: str | Text) -> None:
        super().__init__()
        self.sections = sections
        self.intro = intro

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "help · esc closes"
            yield Static(self.intro)
            for title, rows in self.sections:
                table = Table(title=title, show_header=False, box=None, title_justify="left",
                              title_style="bold", expand=True)
                table.add_column("keys", style="bold", width=22)
                table.add_column("does")
                for keys, description in rows:
                    table.add_row(keys, description)
                yield Static(table)

    # Textual's own action_dismiss is async; this one dismisses at once, which Textual accepts as well.
    def action_dismiss(self, result=None) -> None:  # type: ignore[override]
        self.dismiss(None)


class PickScreen(ModalScreen[str | None]):
    """Pick one name from a short list."""

    DEFAULT_CSS = DIALOG_CSS.format(name="PickScreen") + """
    PickScreen OptionList { height: auto; max-height: 12; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self, title: str, names: list[str]) -> None:
        super().__init__()
        self.title_text = title
        self.names = names

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield OptionList(*self.names, id="names")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.names[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)


HELP_INTRO = Text.from_markup(
    "[b]verify browse[/b]: links between claims on the left, the two claims on the right.\n"
    f"Verdicts ({' / '.join(Verdict)}) go on links; ratings ({' / '.join(Rating)}) on "
    "claims. Both are saved in the index: `verify report --verdict confirmed`, `verify export --claimreview FILE`.\n"
    "ctrl+p opens the command palette.\n")


def help_sections(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """Keys from the live bindings of `screen` (the browser), so help never disagrees with them."""
    def rows(bindings) -> list[tuple[str, str]]:
        out = []
        for b in bindings:
            keys = ", ".join(screen.app.get_key_display(Binding(k, "")) for k in b.key.split(","))
            out.append((keys, b.description))
        return out

    return [("Browser", rows(type(screen).BINDINGS)), ("List", rows(RowList.BINDINGS)),
            ("Anywhere", [("ctrl+p", "command palette"), ("tab / shift+tab", "move focus"),
                          ("ctrl+q", "quit")])]
