"""Applications: every role applied for, open ones first, with where each stands.

The summaries are read in a worker (one query for every application); the status filter
and the search over company and role pick from them there, so what arrives is what is
shown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Input, Static

from interview_journal.domain.applications import (
    Application,
    ApplicationStatus,
    ApplicationSummary,
    application_key,
)
from interview_journal.errors import JournalError, NotFoundError
from interview_journal.services.undo import Undone
from interview_journal.tui.screens.paged import PagedScreen
from interview_journal.tui.screens.searching import SearchAsYouType
from interview_journal.tui.widgets.application_table import ApplicationTable, status_words
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.top_bar import TopBar


@dataclass
class ApplicationsLoaded(Message):
    """The applications have been read (in a worker thread)."""

    generation: int
    summaries: list[ApplicationSummary]
    total: int
    keep_id: int | None


def matches(summary: ApplicationSummary, words: str, status: ApplicationStatus | None) -> bool:
    """Whether a row belongs in the view: its status, and every word typed found in its
    company or role (case- and space-insensitive)."""
    if status is not None and summary.status is not status:
        return False
    company, role = application_key(summary.application.company, summary.application.role)
    haystack = f"{company} {role}"
    return all(word in haystack for word in words.casefold().split())


class ApplicationsScreen(SearchAsYouType, PagedScreen[int, int]):
    """The Applications view (key 4)."""

    AUTO_FOCUS = ""
    LEGEND = (
        "Status: "
        + "  ".join(status_words(status) for status in ApplicationStatus)
        + "\nRounds: ● held  ○ ahead.  Ghosted: no word from them for the days set in the "
        "config file ([applications] ghosted-after-days) after a round or a promised date."
    )
    """What the columns' signs mean, for the help."""
    BINDINGS = [
        Binding("a", "add", "Add", id="add_application", tooltip="Add an application"),
        Binding("e", "edit", "Edit", id="edit_application", tooltip="Edit this application"),
        Binding(
            "enter",
            "open",
            "Open",
            id="open_application",
            tooltip="Its rounds, people, promises and timeline",
            show=False,
        ),
        Binding(
            "d",
            "delete",
            "Delete",
            id="delete_application",
            tooltip="Delete with its rounds (u undoes)",
        ),
        Binding("u", "undo", "Undo", id="undo", tooltip="Bring back what was deleted"),
        Binding(
            "slash",
            "search",
            "Search",
            id="search",
            key_display="/",
            tooltip="Search company and role as you type",
        ),
        Binding("f", "filter", "Filter", id="filter", tooltip="Show only one status"),
        Binding(
            "r",
            "refresh",
            "Refresh",
            id="refresh",
            show=False,
            tooltip="Read the journal again (changes from another window)",
        ),
        Binding("q", "quit", "Quit", id="quit", tooltip="Save and quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.status_filter: ApplicationStatus | None = None
        self.search_text = ""
        self._shown = 0
        self._total = 0

    def compose(self) -> ComposeResult:
        yield TopBar(id="top-bar")
        with Horizontal(id="search-row"):
            yield Input(placeholder="/ to search company and role", id="search")
            yield Static(id="list-state")
        yield ApplicationTable(id="applications")
        yield Static(id="empty")
        yield FittedFooter()

    @property
    def table(self) -> ApplicationTable:
        return self.query_one(ApplicationTable)

    def on_mount(self) -> None:
        self.query_one(TopBar).show("applications", self.now())
        self.query_one("#empty").display = False
        self.table.focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.query_one(TopBar).show("applications", self.now())
        if self.up_to_date and self.changed_since_read():
            # back from another view or screen: what changed meanwhile must show
            self.reload(self.table.highlighted_id())

    # --- reading (in a worker thread) -------------------------------------------------

    def read_page(self, generation: int, after: int | None, keep: int | None) -> Message:
        days = self.journal_app.settings.suggestions.ghosted_after_days
        every = self.journal.applications.summaries(self.now(), ghosted_after_days=days)
        search, status = self.search_text, self.status_filter
        shown = [s for s in every if matches(s, search, status)]
        return ApplicationsLoaded(generation, shown, len(every), keep)

    def read_again(self) -> None:
        self.reload(self.table.highlighted_id())

    @property
    def reading_content(self) -> bool:
        """Keys for the table wait for a new search's rows; text for the search box not."""
        return not self.up_to_date and not isinstance(self.focused, Input)

    @on(ApplicationsLoaded)
    def _show_loaded(self, message: ApplicationsLoaded) -> None:
        if not self.page_arrived(message.generation, None):
            return
        self._shown, self._total = len(message.summaries), message.total
        self.table.show_summaries(message.summaries, self.now().date(), message.keep_id)
        self._show_state()
        self.page_shown(message.generation)

    def _show_state(self) -> None:
        status = self.status_filter.label if self.status_filter else "all"
        noun = "application" if self._shown == 1 else "applications"
        self.query_one("#list-state", Static).update(
            Content.from_markup(
                "status: [b]$status[/b]   $count", status=status, count=f"{self._shown:,} {noun}"
            )
        )
        empty = self.query_one("#empty", Static)
        if self._total == 0:
            empty.update(
                Content.from_markup(
                    "[b]No applications yet.[/b]\n\nPress [b]a[/b] to add the role you "
                    "applied for; each interview you add becomes a round of one."
                )
            )
        elif self._shown == 0:
            empty.update(
                Content.from_markup(
                    "No applications match.\n\nPress [b]escape[/b] to clear the search "
                    "and the filter."
                )
            )
        empty.display = self._shown == 0
        self.table.display = self._shown > 0
        if self.table.display and self.focused is None:
            self.table.focus()
        elif not self.table.display and self.focused is self.table:
            self.set_focus(None)  # keys like `a` must reach the screen

    # --- filtering (searching: SearchAsYouType) ---------------------------------------

    def action_filter(self) -> None:
        from interview_journal.tui.dialogs.choose import ALL, ChooseScreen

        def chosen(status: ApplicationStatus | Literal["all"] | None) -> None:
            if status is None:
                return
            self.status_filter = None if status == ALL else status
            self.reload(self.table.highlighted_id())

        choices: list[tuple[str, ApplicationStatus | Literal["all"]]] = [("All applications", ALL)]
        choices += [(status.label.capitalize(), status) for status in ApplicationStatus]
        self.app.push_screen(
            ChooseScreen("Show applications with status", choices, self.status_filter or ALL),
            chosen,
        )

    def action_refresh(self) -> None:
        self.read_again()

    # --- acting on applications -------------------------------------------------------

    def _need_highlighted(self) -> ApplicationSummary | None:
        summary = self.table.highlighted()
        if summary is None:
            self.notify("There is no application here yet: press a to add one.", timeout=3)
        return summary

    def action_add(self) -> None:
        from interview_journal.tui.screens.application_form import ApplicationFormScreen

        self.app.push_screen(ApplicationFormScreen(None), self._after_save)

    def action_edit(self) -> None:
        from interview_journal.tui.screens.application_form import ApplicationFormScreen

        summary = self._need_highlighted()
        if summary is not None:
            self.app.push_screen(ApplicationFormScreen(summary.application), self._after_save)

    def _after_save(self, saved: Application | None) -> None:
        self.reload(saved.id if saved is not None else self.table.highlighted_id())

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        from interview_journal.tui.screens.application_detail import ApplicationScreen

        summary = self._need_highlighted()
        if summary is not None and summary.application.id is not None:
            self.app.push_screen(ApplicationScreen(summary.application.id), self._after_save)

    def action_delete(self) -> None:
        from interview_journal.tui.dialogs.confirm import ConfirmScreen

        summary = self._need_highlighted()
        if summary is None or summary.application.id is None:
            return
        application_id, title = summary.application.id, summary.application.title
        rounds = summary.rounds_held + summary.rounds_ahead
        if rounds == 0:
            self.delete_application(application_id)
            return
        noun = "round" if rounds == 1 else "rounds"

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.delete_application(application_id)

        self.app.push_screen(
            ConfirmScreen(
                Content.from_markup(
                    "Delete [b]$title[/b] and its $rounds?", title=title, rounds=f"{rounds} {noun}"
                ),
                Content.from_markup(
                    "Every round goes with it: evaluations and timelines too. "
                    "[b]u[/b] brings all of it back until you quit."
                ),
                confirm=f"Delete {rounds} {noun}",
            ),
            confirmed,
        )

    def delete_application(self, application_id: int) -> None:
        try:
            deleted = self.journal.applications.delete(application_id)
        except NotFoundError:
            self.notify("This application was deleted in another window.", timeout=6)
            self.reload()
            return
        except JournalError as error:
            self.report(error, title="Not deleted")
            return
        self.journal_app.undo_stack.remember(deleted)
        self.notify(f"Deleted {deleted.application.title}. Press u to undo.", timeout=6)
        self.reload()

    def action_undo(self) -> None:
        restored = self.journal_app.restore_last(self)
        if restored is not None and restored.kind is Undone.APPLICATION:
            self.reload(int(restored.id))
        elif restored is not None:
            self.read_again()

    async def action_quit(self) -> None:
        await self.journal_app.action_quit()
