"""A list of items under headings: the cursor moves over items only, never a heading.

The timeline and the daily review are both built on it. Headings are disabled options;
paging, home and end are corrected so the cursor always rests on an item.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from textual.binding import Binding
from textual.widgets import OptionList

from interview_journal.domain.timeline_page import DatedItem, LineKey

ItemT = TypeVar("ItemT", bound=DatedItem)


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
