"""The prep sheet: what to read in the ten minutes before an interview.

A long pasted job ad is folded to its first lines; `a` shows it whole (and folds it
again). `c` always copies the whole sheet."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Markdown, Static

from interview_journal.domain.review import PrepSheet
from interview_journal.errors import JournalError
from interview_journal.present.review import AD_LINES, prep_markdown
from interview_journal.tui.screens.base import InterviewPage
from interview_journal.tui.widgets.application_parts import ReadingPage
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.top_bar import TopBar


class PrepScreen(InterviewPage[None]):
    """The closing questions, the key points, the application's earlier rounds, past
    lessons and the job ad."""

    BINDINGS = [
        Binding("escape,q", "back", "Back", id="back", tooltip="Back to where you came from"),
        Binding(
            "e",
            "edit",
            "Edit",
            id="edit_prep",
            tooltip="Edit the prep notes: their bullet lines are the key points",
        ),
        Binding("c", "copy", "Copy", id="copy_prep", tooltip="Copy the sheet as Markdown"),
        Binding(
            "a",
            "whole_ad",
            "Job ad",
            id="whole_ad",
            tooltip="Show the whole job ad, or fold it to its first lines again",
        ),
    ]

    def __init__(self, interview_id: int) -> None:
        super().__init__(interview_id)
        self.markdown = ""
        self.sheet: PrepSheet | None = None
        self.whole_ad = False

    def compose(self) -> ComposeResult:
        yield TopBar(id="top-bar")
        yield Static(id="prep-title")
        with ReadingPage(id="prep"):
            yield Markdown(id="prep-sheet")
        yield FittedFooter()

    AUTO_FOCUS = "#prep"

    def on_mount(self) -> None:
        # pushed over a view: its tab stays lit, the other views one key away
        self.query_one(TopBar).show(self.app.current_mode, self.now())
        super().on_mount()

    def read_again(self) -> None:
        """Read the prep sheet and show it."""
        sheet = self.read_or_close(lambda: self.journal.prep(self.interview_id))
        if sheet is None:
            return
        self.sheet = sheet
        self.markdown = prep_markdown(sheet, self.now())  # what `c` copies
        self.query_one("#prep-title", Static).update(
            Content.from_markup("Prep · [b]$title[/b]", title=sheet.interview.title)
        )
        self.show_sheet()
        self.refresh_bindings()

    def show_sheet(self) -> None:
        """Put the sheet on screen, its job ad folded unless the user asked for all of it."""
        if self.sheet is None:
            return
        # on screen the user's words are shown exactly (`*x*` is no emphasis), and the
        # title is already in the header line: the sheet starts at its facts
        fold = None if self.whole_ad else AD_LINES
        shown = prep_markdown(self.sheet, self.now(), literal=True, ad_lines=fold)
        body = shown.split("\n", 2)[2] if shown.startswith("# ") else shown
        self.query_one(Markdown).update(body)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "whole_ad":
            return self.sheet is not None and self.sheet.job_ad_text.count("\n") >= AD_LINES
        return True

    def action_whole_ad(self) -> None:
        self.whole_ad = not self.whole_ad
        self.show_sheet()

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
