"""Everything about one interview. The evaluation and the timeline add their own parts."""

from __future__ import annotations

from enum import StrEnum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from interview_journal.domain.model import Interview
from interview_journal.errors import JournalError, NotFoundError
from interview_journal.present.text import entry_line, evaluation_sections, interview_facts
from interview_journal.tui.screens.base import InterviewPage
from interview_journal.tui.widgets.application_parts import ReadingPage
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.top_bar import TopBar


class DetailClosed(StrEnum):
    """How the detail screen ended, when it did not return an edited interview."""

    DELETED = "deleted"
    """The interview was deleted from here (`u` in the list brings it back)."""


class InterviewDetailScreen(InterviewPage[Interview | DetailClosed | None]):
    """Dismisses with the edited interview, `DetailClosed.DELETED`, or None."""

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="back", tooltip="Back to the list"),
        Binding("e", "edit", "Edit", id="edit", tooltip="Edit this interview"),
        Binding(
            "v",
            "evaluate",
            "Evaluate",
            id="evaluate",
            tooltip="Write how this interview went (autosaved)",
        ),
        Binding(
            "t",
            "timeline",
            "Timeline",
            id="interview_timeline",
            tooltip="Follow-ups of this interview",
        ),
        Binding("d", "delete", "Delete", id="delete", tooltip="Delete (u undoes in the list)"),
        Binding(
            "c",
            "copy_markdown",
            "Copy",
            id="copy_markdown",
            tooltip="Copy this interview (evaluation, timeline, prep) as Markdown",
        ),
        Binding(
            "w",
            "save_markdown",
            "Save .md",
            id="save_markdown",
            tooltip="Save this interview as a Markdown file beside the journal",
        ),
    ]

    def __init__(self, interview_id: int) -> None:
        super().__init__(interview_id)
        self.interview: Interview | None = None
        self._edited: Interview | None = None

    def compose(self) -> ComposeResult:
        yield TopBar(id="top-bar")
        yield Static(id="detail-title")
        with ReadingPage(id="detail"):
            yield Static(id="detail-facts")
            yield Static(id="detail-notes")
            yield Static(id="detail-evaluation")
            yield Static(id="detail-timeline")
        yield FittedFooter()

    AUTO_FOCUS = "#detail"

    def on_mount(self) -> None:
        # pushed over a view: its tab stays lit, the other views one key away
        self.query_one(TopBar).show(self.app.current_mode, self.now())
        super().on_mount()

    def read_again(self) -> None:
        """Read the interview, its evaluation and its timeline, and show them."""
        interview = self.read_or_close(lambda: self.journal.get_interview(self.interview_id))
        if interview is None:
            return
        self.interview, now = interview, self.now()
        # Every text of the user's goes in as a template variable: shown as typed, never
        # read as markup (`[b]`, `[$accent]` in a company name are words, not styles).
        self.query_one("#detail-title", Static).update(
            Content.from_markup("[b]$title[/b]", title=interview.title)
        )
        facts = interview_facts(interview, now, self.journal_app.settings.interview_minutes)
        width = max(len(label) for label, _ in facts)
        self.query_one("#detail-facts", Static).update(
            Content("\n").join(
                Content.from_markup(
                    "[dim]$label[/dim]  $value", label=f"{label:<{width}}", value=value
                )
                for label, value in facts
            )
        )
        sections = evaluation_sections(self.journal.get_evaluation(self.interview_id))
        evaluation_text = Content("\n\n").join(
            Content.from_markup("[b]$heading[/b]\n$text", heading=heading, text=text)
            for heading, text in sections
        ) or Content.from_markup("[dim]Not evaluated yet: press v to write how it went.[/dim]")
        self.query_one("#detail-evaluation", Static).update(evaluation_text)
        entries = self.journal.entries_for(self.interview_id)
        today = now.date()
        self.query_one("#detail-timeline", Static).update(
            Content.from_markup(
                "[b]Timeline[/b]\n$lines", lines="\n".join(entry_line(e, today) for e in entries)
            )
            if entries
            else Content.from_markup(
                "[dim]Nothing on its timeline yet: t opens it, n there adds an entry.[/dim]"
            )
        )
        notes = interview.notes.strip()
        self.query_one("#detail-notes", Static).update(
            Content.from_markup("[b]Prep notes[/b]\n$notes", notes=notes)
            if notes
            else Content.from_markup(
                "[dim]No prep notes yet: press e to add what you want to get across.[/dim]"
            )
        )

    def action_evaluate(self) -> None:
        from interview_journal.tui.screens.evaluation import EvaluationScreen

        self.app.push_screen(EvaluationScreen(self.interview_id), lambda _: self.read_again())

    def action_copy_markdown(self) -> None:
        from interview_journal.services.export import interview_markdown

        try:
            text = interview_markdown(self.journal, self.interview_id, self.now())
        except JournalError as error:
            self.failed(error, read_again=False)
            return
        if text is None:
            self.leave_deleted(self.interview_id)
            return
        self.app.copy_to_clipboard(text)
        self.notify(
            "Copied as Markdown (if your terminal allows copying; w saves a file instead).",
            timeout=5,
        )

    def action_save_markdown(self) -> None:
        from interview_journal.services.export import save_interview_markdown

        title = self.interview.title if self.interview else "interview"
        try:
            target = save_interview_markdown(self.journal, self.interview_id, title, self.now())
        except JournalError as error:
            self.failed(error, read_again=False)
            return
        except OSError as error:
            self.notify(f"Not saved: {error.strerror}", severity="error", timeout=8)
            return
        if target is None:
            self.leave_deleted(self.interview_id)
            return
        self.journal_app.offer(target, "Saved", "Markdown")

    def action_timeline(self) -> None:
        from interview_journal.tui.screens.timeline import TimelineScreen

        self.app.push_screen(TimelineScreen(self.interview_id), lambda _: self.read_again())

    def action_back(self) -> None:
        self.dismiss(self._edited)

    def action_edit(self) -> None:
        from interview_journal.tui.screens.interview_form import InterviewFormScreen

        def saved(result: Interview | None) -> None:
            if result is not None:
                self._edited = result
                self.read_again()

        if self.interview is not None:
            self.app.push_screen(InterviewFormScreen(self.interview), saved)

    def action_delete(self) -> None:
        from interview_journal.tui.dialogs.confirm import ConfirmScreen

        interview = self.interview
        if interview is None:
            return

        def confirmed(yes: bool | None) -> None:
            if not yes:
                return
            try:
                deleted = self.journal.delete_interview(self.interview_id)
            except NotFoundError as error:
                self.failed(error)  # another window deleted it first: this closes
                return
            except JournalError as error:
                self.report(error, title="Not deleted")
                return
            self.journal_app.undo_stack.remember(deleted)
            self.notify(f"Deleted {interview.title}. Press u in the list to undo.", timeout=6)
            self.dismiss(DetailClosed.DELETED)

        self.app.push_screen(
            ConfirmScreen(
                Content.from_markup("Delete [b]$title[/b]?", title=interview.title),
                "You can bring it back with u until you quit.",
                confirm="Delete",
            ),
            confirmed,
        )
