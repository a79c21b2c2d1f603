"""The follow-up timeline: what happened and what is planned, around a clear "now".

One screen serves both views: every interview (a mode beside the list) and a single
interview (pushed with `t`). Items are read a page at a time in a worker; suggestions
are computed once per reload from the recent interviews only.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from interview_journal.domain.model import Interview
from interview_journal.domain.suggestions import Suggestion
from interview_journal.domain.timeline import Entry
from interview_journal.domain.timeline_page import (
    KindFilter,
    LineKey,
    TimelineCursor,
    TimelineItem,
    TimelinePage,
    TimelineQuery,
)
from interview_journal.errors import JournalError
from interview_journal.services.undo import DismissedSuggestion, Restored
from interview_journal.tui.screens.follow_up_actions import FollowUpActions
from interview_journal.tui.screens.paged import DeletesWithUndo
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.timeline_list import TimelineList, timeline_preview
from interview_journal.tui.widgets.top_bar import TopBar

PAGE_SIZE = 100


@dataclass
class TimelineLoaded(Message):
    generation: int
    page: TimelinePage
    suggestions: tuple[Suggestion, ...]
    counts: tuple[int, int]
    title: str
    append: bool
    keep_key: LineKey | None


class TimelineScreen(FollowUpActions, DeletesWithUndo[TimelineCursor, LineKey]):
    """The timeline of every interview, or of one (`interview_id`)."""

    AUTO_FOCUS = "#timeline"
    BINDINGS = [
        Binding("n", "new", "New", id="new_entry", tooltip="Add an entry to this interview"),
        Binding("x", "done", "Done", id="mark_done", tooltip="Mark the planned entry done now"),
        Binding("z", "snooze", "Snooze", id="snooze", tooltip="Plan it for later"),
        Binding("e", "edit", "Edit", id="edit_entry", tooltip="Edit the highlighted entry"),
        Binding("d", "delete", "Delete", id="delete_entry", tooltip="Delete the entry (u undoes)"),
        Binding("u", "undo", "Undo", id="undo_entry", show=False, tooltip="Undo a delete"),
        Binding("A", "accept", "Accept", id="accept", tooltip="Plan the suggested follow-up"),
        Binding(
            "m",
            "message",
            "Message",
            id="draft_message",
            tooltip="Draft the message of this follow-up",
        ),
        Binding("D", "dismiss_suggestion", "Dismiss", id="dismiss", tooltip="Drop the suggestion"),
        Binding("f", "filter", "Filter", id="filter_kind", tooltip="Show only one kind of entry"),
        Binding(
            "enter",
            "open",
            "Interview",
            id="open_interview",
            priority=True,
            tooltip="Open the interview",
        ),
        Binding(
            "r", "refresh", "Refresh", id="refresh_timeline", show=False, tooltip="Read it again"
        ),
        Binding("escape", "back", "Back", id="back", tooltip="Back to where you came from"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Save and quit"),
    ]

    def __init__(self, interview_id: int | None = None) -> None:
        super().__init__()
        self.interview_id = interview_id
        self.about_interview = interview_id
        self.kinds = KindFilter.ALL
        self._suggestions: tuple[Suggestion, ...] = ()
        self._title = "all interviews"

    def compose(self) -> ComposeResult:
        yield TopBar(id="top-bar")
        with Horizontal(id="timeline-header"):
            yield Static(id="timeline-title")
            yield Static(id="timeline-state")
        yield TimelineList(id="timeline")
        yield Static(id="timeline-empty")
        yield Static(id="timeline-preview")
        yield FittedFooter(compact=True)

    @property
    def timeline(self) -> TimelineList:
        return self.query_one(TimelineList)

    def on_mount(self) -> None:
        self.query_one("#timeline-empty").display = False
        self._show_top()
        self.reload()

    def on_screen_resume(self) -> None:
        self._show_top()
        if self.timeline.option_count and self.up_to_date and self.changed_since_read():
            # back from another view or dialog: what changed meanwhile must show
            self.reload(self.timeline.highlighted_line())

    def _show_top(self) -> None:
        view = "timeline" if self.interview_id is None else ""
        self.query_one(TopBar).show(view, self.now())

    # --- reading ------------------------------------------------------------------------

    def read_page(
        self, generation: int, after: TimelineCursor | None, keep: LineKey | None
    ) -> TimelineLoaded:
        now = self.now()
        suggestions = self._suggestions
        counts = (0, 0)
        title = self._title
        if after is None:
            suggestions = tuple(
                self.journal.suggestions(now, self.journal_app.settings.suggestions)
            )
            counts = self.journal.count_planned(now.date())
            if self.interview_id is not None:
                title = self.journal.get_interview(self.interview_id).title
        query = TimelineQuery(
            now, interview_id=self.interview_id, kinds=self.kinds, suggestions=suggestions
        )
        page = self.journal.page_timeline(query, after, PAGE_SIZE)
        return TimelineLoaded(generation, page, suggestions, counts, title, after is not None, keep)

    def read_again(self) -> None:
        self.reload(self.timeline.highlighted_line())

    @on(TimelineLoaded)
    def _show_loaded(self, message: TimelineLoaded) -> None:
        if not self.page_arrived(message.generation, message.page.next_cursor):
            return
        if not message.append:
            self._suggestions = message.suggestions
            self._title = message.title
            self._show_state(message.counts)
        self.timeline.show_items(
            message.page.items,
            self.now(),
            has_more=message.page.next_cursor is not None,
            append=message.append,
            keep_key=message.keep_key,
        )
        empty = not self.timeline.items
        self.timeline.display = not empty
        self.query_one("#timeline-preview").display = not empty
        placeholder = self.query_one("#timeline-empty", Static)
        placeholder.display = empty
        if empty:
            placeholder.update(self._empty_text())
        self._show_preview()
        self.page_shown(message.generation)

    def _empty_text(self) -> str:
        if self.kinds is not KindFilter.ALL:
            return f"Nothing of kind [b]{self.kinds.label}[/b]. Press [b]f[/b] to show all kinds."
        if self.interview_id is None:
            return (
                "[b]Nothing on the timeline yet.[/b]\n\nAdd an interview in the list "
                "([b]1[/b]); it appears here with what was agreed and what to follow up."
            )
        return "Nothing on this timeline yet. Press [b]n[/b] to add an entry."

    def _show_state(self, counts: tuple[int, int]) -> None:
        overdue, today = counts
        suggested = sum(1 for s in self._suggestions if s.is_task)
        if self.interview_id is not None:
            suggested = sum(1 for s in self._suggestions if s.interview.id == self.interview_id)
        self.query_one("#timeline-title", Static).update(
            Content.from_markup("Timeline · [b]$title[/b]", title=self._title)
        )
        parts = [f"filter: [b]{self.kinds.label}[/b]"]
        if self.interview_id is None:
            parts.append(f"{overdue} overdue · {today} today")
        if suggested:
            parts.append(f"{suggested} suggested")
        self.query_one("#timeline-state", Static).update("   ".join(parts))

    @on(TimelineList.NeedMore)
    def _load_more(self) -> None:
        self.load_more()

    @on(TimelineList.OptionHighlighted)
    def _show_preview(self) -> None:
        item = self.timeline.highlighted_item()
        preview = timeline_preview(item, self.now()) if item is not None else ""
        self.query_one("#timeline-preview", Static).update(preview)

    # --- acting ------------------------------------------------------------------------

    def _highlighted(self, what: str = "an item") -> TimelineItem | None:
        item = self.timeline.highlighted_item()
        if item is None:
            self.notify(f"Highlight {what} first.", timeout=3)
        return item

    def _entry_or_say(self, action: str, done: str) -> Entry | None:
        """The highlighted entry, or a word on why `action` ("mark") needs one."""
        item = self._highlighted()
        if item is None:
            return None
        if item.entry is None:
            if item.suggestion is not None:
                self.notify(f"This is a suggestion: A accepts it, then you can {action} it.")
            else:
                self.notify(
                    f"Only entries can be {done} here; this line comes from the interview "
                    "itself (e edits it).",
                    timeout=5,
                )
            return None
        return item.entry

    def _interview_for_new(self) -> Interview | None:
        if self.interview_id is not None:
            try:
                return self.journal.get_interview(self.interview_id)
            except JournalError as error:
                self.failed(error)
                return None
        item = self.timeline.highlighted_item()
        if item is None:
            self.notify("Highlight a line of the interview to add to, or press t in the list.")
            return None
        return item.interview

    def action_new(self) -> None:
        from interview_journal.tui.screens.entry_form import EntryFormScreen

        interview = self._interview_for_new()
        if interview is None:
            return
        contact = interview.interviewers[0].name if interview.interviewers else ""
        self.app.push_screen(EntryFormScreen(interview, contact=contact), self.after_save)

    def action_edit(self) -> None:
        from interview_journal.tui.screens.entry_form import EntryFormScreen
        from interview_journal.tui.screens.interview_form import InterviewFormScreen

        item = self._highlighted()
        if item is None:
            return
        if item.entry is not None:
            self.app.push_screen(EntryFormScreen(item.interview, item.entry), self.after_save)
        elif item.suggestion is not None:
            self.open_form_for(item.suggestion)
        else:
            self.app.push_screen(
                InterviewFormScreen(item.interview), lambda _: self.reload(item.key)
            )

    def action_done(self) -> None:
        item = self._highlighted()
        if item is None:
            return
        if item.entry is None and item.suggestion is None:
            self._entry_or_say("mark", "marked done")
            return
        self.mark_done(item)

    def action_snooze(self) -> None:
        item = self._highlighted()
        if item is None:
            return
        if item.entry is None and item.suggestion is None:
            self.notify("Only planned entries and suggestions can be snoozed.", timeout=4)
            return
        self.snooze(item)

    def action_message(self) -> None:
        item = self._highlighted("a follow-up")
        if item is not None:
            self.draft_message(item)

    def action_accept(self) -> None:
        item = self._highlighted("a suggestion")
        if item is None:
            return
        if item.suggestion is None:
            self.notify("A accepts a suggestion (◇); this line is not one.", timeout=4)
            return
        self.accept(item.suggestion)

    def action_delete(self) -> None:
        entry = self._entry_or_say("delete", "deleted")
        if entry is None or entry.id is None:
            return
        entry_id = entry.id
        self.delete_with_undo(
            lambda: self.journal.delete_entry(entry_id), entry.title, about=entry.interview_id
        )

    def keep_after_undo(self, restored: Restored) -> LineKey:
        return LineKey(restored.kind.value, restored.id)

    def action_dismiss_suggestion(self) -> None:
        item = self._highlighted("a suggestion")
        if item is None:
            return
        if item.suggestion is None:
            self.notify("D dismisses a suggestion (◇); this line is not one.", timeout=4)
            return
        try:
            self.journal.dismiss_suggestion(item.suggestion.key)
        except JournalError as error:
            self.report(error)
            return
        self.journal_app.undo_stack.remember(
            DismissedSuggestion(item.suggestion.key, item.interview.company)
        )
        self.notify(f"Dismissed the suggestion for {item.interview.company}. u undoes.", timeout=5)
        self.reload()

    def action_filter(self) -> None:
        from interview_journal.tui.dialogs.choose import ChooseScreen

        choices = [(kind.label.capitalize(), kind) for kind in KindFilter]

        def chosen(kinds: KindFilter | None) -> None:
            if kinds is None:
                return
            self.kinds = kinds
            self.reload(self.timeline.highlighted_line())

        self.app.push_screen(ChooseScreen("Show on the timeline", choices, self.kinds), chosen)

    @on(TimelineList.OptionSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        from interview_journal.tui.screens.interview_detail import InterviewDetailScreen

        item = self._highlighted()
        if item is None or item.interview.id is None:
            return
        self.app.push_screen(
            InterviewDetailScreen(item.interview.id), lambda _: self.reload(item.key)
        )

    def action_refresh(self) -> None:
        self.reload(self.timeline.highlighted_line())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back":
            return self.interview_id is not None  # the timeline of everything is a view, not a page
        return True

    def action_back(self) -> None:
        self.dismiss(None)

    async def action_quit(self) -> None:
        await self.journal_app.action_quit()
