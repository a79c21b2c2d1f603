"""Interviews (home): every interview, upcoming first, with a preview of the highlighted one."""

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

from interview_journal.domain.evaluation import summary_text
from interview_journal.domain.listing import (
    InterviewPage,
    InterviewQuery,
    InterviewSort,
    PageCursor,
)
from interview_journal.domain.model import Interview, Status
from interview_journal.errors import JournalError
from interview_journal.services.undo import Restored, Undone
from interview_journal.tui.screens.paged import DeletesWithUndo
from interview_journal.tui.screens.searching import SearchAsYouType
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.interview_table import InterviewTable, status_words
from interview_journal.tui.widgets.preview import InterviewPreview
from interview_journal.tui.widgets.top_bar import TopBar

PAGE_SIZE = 100


@dataclass
class ListLoaded(Message):
    """A page of the list has been read (in a worker thread)."""

    generation: int
    page: InterviewPage
    matching: int | None
    total: int | None
    append: bool
    keep_id: int | None


class InterviewsScreen(SearchAsYouType, DeletesWithUndo[PageCursor, int]):
    """The home screen."""

    AUTO_FOCUS = ""  # the table takes focus when it has rows; the search box only on `/`
    LEGEND = (
        "Status: "
        + "  ".join(status_words(status) for status in Status)
        + "\nEval: ✓ 4·5·3 finished, rated key points across · conversation dynamic · "
        "expectations matched (1-5, - not rated);  draft started, not finished;  – none yet."
        + "\nWhen: relative to now (the preview under the list has the exact date)."
        + "\nNarrow terminals drop Next first, then Eval, then Stage: the preview has them."
    )
    """What the columns' signs mean, for the help."""
    BINDINGS = [
        Binding("a", "add", "Add", id="add", tooltip="Add an interview"),
        Binding("e", "edit", "Edit", id="edit", tooltip="Edit the highlighted interview"),
        Binding(
            "enter",
            "open",
            "Open",
            id="open",
            tooltip="Everything about this interview",
            show=False,
        ),
        Binding(
            "v",
            "evaluate",
            "Evaluate",
            id="evaluate",
            tooltip="Write how the highlighted interview went (autosaved)",
        ),
        Binding(
            "t",
            "timeline",
            "Timeline",
            id="interview_timeline",
            tooltip="Follow-ups of the highlighted interview",
        ),
        Binding("d", "delete", "Delete", id="delete", tooltip="Delete (u undoes)"),
        Binding("u", "undo", "Undo", id="undo", tooltip="Bring back what was deleted"),
        Binding(
            "slash",
            "search",
            "Search",
            id="search",
            key_display="/",
            tooltip="Search company, role, people and notes as you type",
        ),
        Binding("f", "filter", "Filter", id="filter", tooltip="Show only one status"),
        Binding("s", "sort", "Sort", id="sort", tooltip="Change the order"),
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
        self.status_filter: Status | None = None
        self.sort = InterviewSort.UPCOMING_FIRST
        self.search_text = ""
        self._matching: int | None = None
        self._total: int | None = None

    def compose(self) -> ComposeResult:
        yield TopBar(id="top-bar")
        with Horizontal(id="search-row"):
            yield Input(placeholder="/ to search company, role, people, notes", id="search")
            yield Static(id="list-state")
        yield InterviewTable(id="interviews")
        yield Static(id="empty")
        yield InterviewPreview(id="preview")
        yield FittedFooter()

    @property
    def table(self) -> InterviewTable:
        return self.query_one(InterviewTable)

    def on_mount(self) -> None:
        self.query_one(TopBar).show("interviews", self.now())
        self.query_one("#empty").display = False
        self.table.focus()
        self.reload()

    def on_screen_resume(self) -> None:
        self.query_one(TopBar).show("interviews", self.now())
        self.call_after_refresh(self._settle_focus)

    # --- reading the list (in a worker thread: searching a big journal can take ms) ----

    def _query(self) -> InterviewQuery:
        return InterviewQuery(
            now=self.now(), status=self.status_filter, search=self.search_text, sort=self.sort
        )

    def read_page(self, generation: int, after: PageCursor | None, keep: int | None) -> ListLoaded:
        query = self._query()
        page = self.journal.page_interviews(query, after, PAGE_SIZE)
        matching = total = None
        if after is None:
            matching = self.journal.count_interviews(query)
            filtered = query.status is not None or bool(query.search.strip())
            total = self.journal.count_interviews() if filtered else matching
        return ListLoaded(generation, page, matching, total, after is not None, keep)

    def read_again(self) -> None:
        self.reload(self.table.highlighted_id())

    @on(ListLoaded)
    def _show_loaded(self, message: ListLoaded) -> None:
        if not self.page_arrived(message.generation, message.page.next_cursor):
            return  # an older search finished after a newer one started
        if message.matching is not None:
            self._matching, self._total = message.matching, message.total
        self.table.show_interviews(
            message.page.interviews,
            self.now(),
            has_more=message.page.next_cursor is not None,
            append=message.append,
            keep_id=message.keep_id,
            evaluations=message.page.evaluations,
            hits=message.page.hits,
            next_steps=message.page.next_steps,
        )
        self._show_state()
        self._show_preview()
        self.page_shown(message.generation)

    @property
    def reading_content(self) -> bool:
        """A new search, filter or order is being read: keys for the table wait for it
        (`enter` must open the row the search found), text for the search box does not."""
        return not self.up_to_date and not isinstance(self.focused, Input)

    @on(InterviewTable.NeedMore)
    def _load_more(self) -> None:
        self.load_more()

    def _show_state(self) -> None:
        status = self.status_filter.label if self.status_filter else "all"
        count = self._matching or 0
        noun = "interview" if count == 1 else "interviews"
        self.query_one("#list-state", Static).update(
            f"status: [b]{status}[/b]   sort: [b]{self.sort.value}[/b]   {count:,} {noun}"
        )
        empty = self.query_one("#empty", Static)
        if self._total == 0:
            empty.update(
                "[b]Your journal is empty.[/b]\n\n"
                "Press [b]a[/b] to add your first interview: the company and when it is are "
                "enough to start.\nAfter it, write down how it went while it is fresh."
            )
        elif count == 0:
            what = f'matching "{self.search_text}"' if self.search_text else ""
            if self.status_filter:
                what += f" with status {self.status_filter.label}"
            empty.update(
                Content.from_markup(
                    "No interviews $what.\n\n"
                    "Press [b]escape[/b] to clear the search, [b]f[/b] to change the filter.",
                    what=what.strip(),
                )
            )
        showing_empty = count == 0
        empty.display = showing_empty
        self.table.display = not showing_empty
        self.query_one(InterviewPreview).display = not showing_empty
        self._settle_focus()

    def _settle_focus(self) -> None:
        """Give the table the focus when nothing useful holds it, and never take it from
        where the user put it: a search box opened with `/` keeps it while empty, or the
        rest of a fast-typed word would run as commands (`d` deletes)."""
        focused = self.focused
        if self.table.display and focused is None:
            self.table.focus()
        elif not self.table.display and focused is self.table:
            self.set_focus(None)  # keys like `a` must reach the screen of an empty journal

    @on(DataTable.RowHighlighted)
    def _show_preview(self) -> None:
        interview = self.table.highlighted()
        known = interview.id if interview and interview.id is not None else 0
        self.query_one(InterviewPreview).show_interview(
            interview,
            self.now(),
            hit=self.table.hits.get(known),
            next_step=self.table.next_steps.get(known),
            evaluation=summary_text(self.table.evaluations.get(known)),
        )

    # --- searching --------------------------------------------------------------------

    # --- filter and sort --------------------------------------------------------------

    def action_filter(self) -> None:
        from interview_journal.tui.dialogs.choose import ALL, status_filter_screen

        def chosen(status: Status | Literal["all"] | None) -> None:
            if status is None:
                return
            self.status_filter = None if status == ALL else status
            self.reload(self.table.highlighted_id())

        self.app.push_screen(status_filter_screen(self.status_filter), chosen)

    def action_sort(self) -> None:
        self.sort = self.sort.next()
        self.reload(self.table.highlighted_id())
        self.notify(f"Sorted: {self.sort.value}", timeout=2)

    def action_refresh(self) -> None:
        self.reload(self.table.highlighted_id())

    # --- acting on interviews ---------------------------------------------------------

    def _need_highlighted(self) -> Interview | None:
        interview = self.table.highlighted()
        if interview is None:
            self.notify("There is no interview here yet: press a to add one.", timeout=3)
        return interview

    def action_add(self) -> None:
        from interview_journal.tui.screens.interview_form import InterviewFormScreen

        self.app.push_screen(InterviewFormScreen(None), self._after_save)

    def action_edit(self) -> None:
        from interview_journal.tui.screens.interview_form import InterviewFormScreen

        interview = self._need_highlighted()
        if interview is not None:
            self.app.push_screen(InterviewFormScreen(interview), self._after_save)

    def _after_save(self, saved: Interview | None) -> None:
        if saved is not None:
            self.reload(saved.id)

    def action_evaluate(self) -> None:
        from interview_journal.tui.screens.evaluation import EvaluationScreen

        interview = self._need_highlighted()
        if interview is not None and interview.id is not None:
            keep = interview.id
            self.app.push_screen(EvaluationScreen(interview.id), lambda _: self._refresh_one(keep))

    def _refresh_one(self, interview_id: int) -> None:
        """Back from the evaluation: redraw its row (the Eval column, agreed dates) at once,
        instead of reading and rebuilding the whole page."""
        try:
            interview = self.journal.get_interview(interview_id)
            summary = self.journal.evaluation_summary(interview_id)
        except JournalError as error:
            self.failed(error, about=interview_id)  # deleted in another window, most likely
            return
        if self.table.refresh_interview(interview, summary, self.now()):
            self._show_preview()
        else:
            self.reload(interview_id)

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        from interview_journal.tui.screens.interview_detail import InterviewDetailScreen

        interview = self._need_highlighted()
        if interview is not None and interview.id is not None:
            self.app.push_screen(InterviewDetailScreen(interview.id), self._after_detail)

    def _after_detail(self, result: object) -> None:
        from interview_journal.tui.screens.interview_detail import DetailClosed

        if isinstance(result, Interview):
            self.reload(result.id)
        elif result is DetailClosed.DELETED:
            self.reload()
        else:
            self.reload(self.table.highlighted_id())

    def action_delete(self) -> None:
        from interview_journal.tui.dialogs.confirm import ConfirmScreen

        interview = self._need_highlighted()
        if interview is None or interview.id is None:
            return
        interview_id, title = interview.id, interview.title

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.delete_interview(interview_id, title)

        self.app.push_screen(
            ConfirmScreen(
                Content.from_markup(
                    "Delete [b]$title[/b] and everything written about it?", title=title
                ),
                Content.from_markup("You can bring it back with [b]u[/b] until you quit."),
                confirm="Delete",
            ),
            confirmed,
        )

    def delete_interview(self, interview_id: int, title: str) -> None:
        self.delete_with_undo(
            lambda: self.journal.delete_interview(interview_id), title, about=interview_id
        )

    def keep_after_undo(self, restored: Restored) -> int | None:
        if restored.kind is Undone.INTERVIEW:
            return restored.interview_id
        return self.table.highlighted_id()

    def action_timeline(self) -> None:
        from interview_journal.tui.screens.timeline import TimelineScreen

        interview = self._need_highlighted()
        if interview is not None and interview.id is not None:
            keep = interview.id
            self.app.push_screen(TimelineScreen(interview.id), lambda _: self.reload(keep))

    async def action_quit(self) -> None:
        await self.journal_app.action_quit()
