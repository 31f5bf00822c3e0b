"""A virtualised list: a line-API `ScrollView` that renders only the rows on screen.

Twenty thousand links are twenty thousand light tuples in a Python list; a repaint formats the
thirty or so visible ones. Nothing creates a widget per row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from rich.segment import Segment
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from verify.records import Relation, Verdict
from verify.store.index import ClaimSummary, LinkSummary

Row = TypeVar("Row")

# Each relation's badge and component class (row--contradicts ...: colours in DEFAULT_CSS below).
BADGES = {relation.value: (badge, f"row--{relation.value}") for relation, badge in
          ((Relation.CONTRADICTS, "✗ contra"), (Relation.SUPPORTS, "✓ supports"), (Relation.REPEATS, "= repeats"))}
VERDICT_MARKS: dict[str | None, str] = {Verdict.CONFIRMED: "●", Verdict.REJECTED: "○", Verdict.UNSURE: "?"}


def who(speaker: str | None, side: str | None) -> str:
    """A claim's author as short as possible: the speaker, else the side, else the narrator."""
    return speaker or side or "narrator"


class _RowMessage(Message):
    """A message about one row of a `RowList` (the list is its control, for `@on(..., "#id")`)."""

    def __init__(self, sender: RowList, row) -> None:
        super().__init__()
        self.list = sender
        self.row = row

    @property
    def control(self) -> RowList:
        return self.list


class RowList(ScrollView, Generic[Row], can_focus=True, inherit_bindings=False):
    """Rows with a cursor; subclasses say how one row looks (`row_text`) and what identifies it (`row_key`)."""

    BINDINGS = [
        Binding("up,k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("down,j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("pageup,ctrl+b", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("pagedown,ctrl+f,space", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("home,g", "first", "First", show=False, id="list.first"),
        Binding("end,G", "last", "Last", show=False, id="list.last"),
    ]
    COMPONENT_CLASSES = {"row--cursor", "row--contradicts", "row--supports", "row--repeats", "row--dim",
                         "row--verdict"}
    DEFAULT_CSS = """
    RowList {
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    RowList > .row--cursor { background: $boost; text-style: bold; }
    RowList:focus > .row--cursor { background: $block-cursor-background; color: $block-cursor-foreground; }
    RowList > .row--contradicts { color: $text-error; text-style: bold; }
    RowList > .row--supports { color: $text-success; text-style: bold; }
    RowList > .row--repeats { color: $text-primary; text-style: bold; }
    RowList > .row--dim { color: $text-muted; }
    RowList > .row--verdict { color: $text-warning; text-style: bold; }
    """

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(_RowMessage):
        """The cursor moved to `row` (None when the list is empty)."""

    class Chosen(_RowMessage):
        """Enter or a double click on `row`."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: Sequence[Row] = []

    # ------------------------------------------------------------------ content
    def set_rows(self, rows: Sequence[Row], *, keep: object | None = None) -> None:
        """Replace the rows; keep the cursor on the row whose key is `keep` if it is still there."""
        self.rows = rows
        position = 0
        if keep is not None:
            for i, row in enumerate(rows):
                if self.row_key(row) == keep:
                    position = i
                    break
        self.virtual_size = Size(self.size.width or 1, len(rows))
        self._clear_caches()
        self.cursor = min(position, max(len(rows) - 1, 0))
        self.refresh()

    @property
    def current(self) -> Row | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def row_key(self, row: Row) -> object:
        raise NotImplementedError

    def row_text(self, row: Row, width: int) -> Text:
        raise NotImplementedError

    def prepare(self, rows: Sequence[Row]) -> None:
        """Called with the rows about to be painted: fetch what they need in one go."""

    def _clear_caches(self) -> None:
        pass

    # ---------------------------------------------------------------- painting
    def render_lines(self, crop: Region) -> list[Strip]:
        top = int(self.scroll_y) + crop.y
        self.prepare(self.rows[top:top + crop.height])
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = int(self.scroll_y) + y
        if index >= len(self.rows):
            return Strip.blank(width, self.rich_style)
        text = self.row_text(self.rows[index], width)
        text.truncate(width, overflow="ellipsis", pad=True)
        base = self.rich_style
        if index == self.cursor:
            base = base + self.get_component_rich_style("row--cursor")
        segments = [Segment(seg.text, base + seg.style if seg.style else base)
                    for seg in text.render(self.app.console) if seg.text != "\n"]
        return Strip(segments, width).crop_extend(0, width, base)

    def watch_cursor(self, old: int, new: int) -> None:
        if not self.rows:
            self.post_message(self.Highlighted(self, None))
            return
        self._scroll_cursor_into_view()
        self.refresh_line(old)
        self.refresh_line(new)
        self.post_message(self.Highlighted(self, self.current))

    def refresh_line(self, index: int) -> None:
        y = index - int(self.scroll_y)
        if 0 <= y < self.size.height:
            self.refresh(Region(0, y, self.size.width, 1))

    def _scroll_cursor_into_view(self) -> None:
        height = max(self.scrollable_content_region.height, 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + height:
            self.scroll_to(y=self.cursor - height + 1, animate=False, immediate=True)

    # ------------------------------------------------------------------ actions
    def action_cursor_up(self) -> None:
        if self.cursor > 0:
            self.cursor -= 1

    def action_cursor_down(self) -> None:
        if self.cursor < len(self.rows) - 1:
            self.cursor += 1

    def action_page_up(self) -> None:
        self.cursor = max(self.cursor - max(self.scrollable_content_region.height - 1, 1), 0)

    def action_page_down(self) -> None:
        self.cursor = min(self.cursor + max(self.scrollable_content_region.height - 1, 1), max(len(self.rows) - 1, 0))

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = max(len(self.rows) - 1, 0)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:  # on the border or the scrollbar
            return
        index = int(self.scroll_y) + offset.y
        if 0 <= index < len(self.rows):
            self.cursor = index
            if event.chain >= 2:
                self.post_message(self.Chosen(self, self.current))

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter" and self.current is not None:
            event.stop()
            self.post_message(self.Chosen(self, self.current))

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.rows))


class LinkList(RowList[LinkSummary]):
    """Linked pairs: verdict mark, relation badge, score, the two authors, shared entities."""

    def __init__(self, index, **kwargs) -> None:
        super().__init__(**kwargs)
        self.index = index
        self._entities: dict[int, frozenset[str]] = {}

    def row_key(self, row: LinkSummary) -> object:
        return (row.a, row.b)

    def forget_entities(self) -> None:
        self._entities.clear()

    def prepare(self, rows: Sequence[LinkSummary]) -> None:
        missing = [i for r in rows for i in (r.a, r.b) if i not in self._entities]
        if missing:
            for claim in self.index.claims(ids=sorted(set(missing))):
                self._entities[claim.id] = frozenset(e.canonical for e in claim.entities)
            for i in missing:
                self._entities.setdefault(i, frozenset())

    def row_text(self, row: LinkSummary, width: int) -> Text:
        badge, component = BADGES.get(row.relation, (row.relation[:9], "row--dim"))
        text = Text()
        text.append(VERDICT_MARKS.get(row.verdict, " "), self.get_component_rich_style("row--verdict"))
        text.append(f"{badge:<10} ", self.get_component_rich_style(component))
        text.append(f"{row.score:.2f} ")
        text.append(who(row.a_speaker, row.a_side))
        text.append(" ↔ ", self.get_component_rich_style("row--dim"))
        text.append(who(row.b_speaker, row.b_side))
        shared = self._entities.get(row.a, frozenset()) & self._entities.get(row.b, frozenset())
        if shared:
            text.append("  " + ", ".join(sorted(shared)), self.get_component_rich_style("row--dim"))
        return text


class ClaimList(RowList[ClaimSummary]):
    """Single claims: link count, author, text."""

    def row_key(self, row: ClaimSummary) -> object:
        return row.id

    def row_text(self, row: ClaimSummary, width: int) -> Text:
        text = Text()
        text.append(f"{row.links:>3}⇄ ", self.get_component_rich_style("row--dim"))
        text.append(who(row.speaker, row.side), "bold")
        if row.polarity != "asserts":
            text.append(f" ({row.polarity})", self.get_component_rich_style("row--dim"))
        text.append(": " + row.text)
        return text
