"""A list of items under headings: the cursor moves over items only, never a heading.

The timeline and the daily review are both built on it. Headings are disabled options;
paging, home and end are corrected so the cursor always rests on an item.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from rich.console import Console, ConsoleOptions, RenderResult
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.css.styles import RulesMap
from textual.visual import RichVisual
from textual.widget import Widget
from textual.widgets import OptionList

from interview_journal.domain.timeline_page import DatedItem, LineKey

ItemT = TypeVar("ItemT", bound=DatedItem)

Cell = tuple[str, int | None, Style | str | None]
"""One column of a row: its text, its width (None: the rest of the line) and its style."""


_ONE_LINE = str.maketrans(dict.fromkeys("\t\n\v\f\r\x1c\x1d\x1e\x85\u2028\u2029", " "))
"""Every character that breaks a line (and the tab, which Rich widens), as a space: a
row is one line, and text that broke it would be drawn over the row below."""


def columns_line(cells: Sequence[Cell], width: int) -> Text:
    """One line of columns as a single `Text`, one cell between columns.

    It looks exactly as a `Table.grid(padding=(0, 1))` row of `no_wrap` ellipsis columns
    would: each cell cut with "…" and padded to its width in its own style, the column of
    width None taking what is left of `width` (as a table's `ratio` column does). A
    line break in a cell's text is shown as a space.
    """
    rest = width - sum(w for _, w, _ in cells if w is not None) - (len(cells) - 1)
    line = Text(no_wrap=True, overflow="ellipsis")
    for index, (words, cell_width, style) in enumerate(cells):
        if index:
            line.append(" ")
        cell = Text(words.translate(_ONE_LINE), style=style or "", end="")
        cell.truncate(
            max(rest, 1) if cell_width is None else cell_width, overflow="ellipsis", pad=True
        )
        line.append_text(cell)
    return line


def _one_line(text: Text) -> Text:
    """`text` with each line break as a space (one character for one: its styles stay)."""
    flat = text.copy()
    flat.plain = text.plain.translate(_ONE_LINE)
    return flat


class _Columns:
    """The Rich renderable of a `ColumnsRow`: its line drawn at the width it is given."""

    def __init__(self, cells: Sequence[Cell], below: Sequence[Text]) -> None:
        self.cells = cells
        self.below = [_one_line(line) for line in below]  # each line one line high

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield columns_line(self.cells, options.max_width)
        yield from self.below


class ColumnsRow(RichVisual):
    """An option's prompt: a line of columns, and lines under it (each cut to one line).

    It draws what a `Table.grid` row did, segment for segment, but a list measures it
    without drawing it: an OptionList renders every Table prompt just to learn its
    height, which was most of a long list's first paint.
    """

    def __init__(self, widget: Widget, cells: Sequence[Cell], below: Sequence[Text] = ()) -> None:
        super().__init__(widget, _Columns(cells, below))
        self._height = 1 + len(below)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self._height

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield self._renderable  # printable as well, as the Table was


class GroupedList(OptionList, Generic[ItemT]):
    """An OptionList whose disabled options are headings and whose other options are
    items, each with the text of its `LineKey` as its id."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: dict[str, ItemT] = {}
        """The items shown, by their option id."""

    def highlighted_key(self) -> str | None:
        """The option id of the highlighted line."""
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        return self.get_option_at_index(self.highlighted).id

    def highlighted_item(self) -> ItemT | None:
        key = self.highlighted_key()
        return self.items.get(key) if key else None

    def highlighted_line(self) -> LineKey | None:
        """The key of the highlighted item, to keep the cursor on it across a reload."""
        item = self.highlighted_item()
        return item.key if item is not None else None

    def action_page_up(self) -> None:
        super().action_page_up()  # type: ignore[no-untyped-call]
        self._off_heading(towards_start=True)

    def action_page_down(self) -> None:
        super().action_page_down()  # type: ignore[no-untyped-call]
        self._off_heading(towards_start=False)

    def action_first(self) -> None:
        super().action_first()
        self._off_heading(towards_start=True)

    def action_last(self) -> None:
        super().action_last()
        self._off_heading(towards_start=False)

    def _off_heading(self, *, towards_start: bool) -> None:
        """Never rest on a heading (or on nothing): step to the nearest item.

        Moving up from the first item (above it there is only a heading) stays on the
        first item; moving down past the last stays on the last.
        """
        count = self.option_count
        highlighted = self.highlighted
        if not count or (
            highlighted is not None and not self.get_option_at_index(highlighted).disabled
        ):
            return
        if highlighted is None:
            highlighted = 0 if towards_start else count - 1
        order = list(range(highlighted, count)) + list(range(highlighted - 1, -1, -1))
        if not towards_start:
            order = list(range(highlighted, -1, -1)) + list(range(highlighted + 1, count))
        for index in order:
            if not self.get_option_at_index(index).disabled:
                self.highlighted = index
                return
