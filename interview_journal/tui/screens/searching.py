"""What a view with a search box over its list does with the keys: `/` goes to the box,
typing reads again, enter goes back to the list, escape clears the search and then the
status filter. The Interviews list and the Applications view use it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.widgets import Input

from interview_journal.tui.screens.base import JournalScreen

if TYPE_CHECKING:
    from textual.widget import Widget


class SearchAsYouType(JournalScreen):
    """For a paged view (listed before `PagedScreen`) with an `Input#search` above the
    `table` it reads into."""

    search_text: str = ""
    status_filter: Any = None
    """None shows every status."""

    if TYPE_CHECKING:

        @property
        def table(self) -> Widget: ...

        def reload(self, keep: Any = None) -> None: ...

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.search_text = event.value
            self.reload()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.table.focus()

    def key_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.value:
            search.value = ""
        if self.status_filter is not None and not search.has_focus:
            self.status_filter = None
            self.reload()
        self.table.focus()
