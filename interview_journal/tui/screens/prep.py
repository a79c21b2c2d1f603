"""The prep sheet: what to read in the ten minutes before an interview."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Markdown, Static

from interview_journal.errors import JournalError
from interview_journal.present.review import prep_markdown
from interview_journal.tui.screens.base import InterviewPage


class PrepScreen(InterviewPage[None]):
    """The closing questions, the key points, earlier rounds and past lessons."""

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="back", tooltip="Back to where you came from"),
        Binding(
            "e",
            "edit",
            "Edit key points",
            id="edit_prep",
            tooltip="Key points are the bullet lines of the interview's prep notes",
        ),
        Binding("c", "copy", "Copy", id="copy_prep", tooltip="Copy the sheet as Markdown"),
    ]

    def __init__(self, interview_id: int) -> None:
        super().__init__(interview_id)
        self.markdown = ""

    def compose(self) -> ComposeResult:
        yield Static(id="prep-title")
        with VerticalScroll(id="prep"):
            yield Markdown(id="prep-sheet")
        yield Footer()

    AUTO_FOCUS = "#prep"

    def read_again(self) -> None:
        """Read the prep sheet and show it."""
        sheet = self.read_or_close(lambda: self.journal.prep(self.interview_id))
        if sheet is None:
            return
        self.markdown = prep_markdown(sheet, self.now())  # what `c` copies
        self.query_one("#prep-title", Static).update(
            Content.from_markup("Prep · [b]$title[/b]", title=sheet.interview.title)
        )
        # on screen the user's words are shown exactly (`*x*` is no emphasis), and the
        # title is already in the header line: the sheet starts at its facts
        shown = prep_markdown(sheet, self.now(), literal=True)
        body = shown.split("\n", 2)[2] if shown.startswith("# ") else shown
        self.query_one(Markdown).update(body)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        from interview_journal.tui.screens.interview_form import InterviewFormScreen

        try:
            interview = self.journal.get_interview(self.interview_id)
        except JournalError as error:
            self.failed(error, read_again=False)
            return
        self.app.push_screen(
            InterviewFormScreen(interview, focus="notes"), lambda _: self.read_again()
        )

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.markdown)
        self.notify("Copied the prep sheet as Markdown.", timeout=3)
