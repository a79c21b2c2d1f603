"""The evaluations a line of Insights rests on ("in 4 of your last 6 evaluations"), newest
first: `enter` opens one, `escape` goes back to Insights."""

from __future__ import annotations

from collections.abc import Sequence

import pendulum
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview_journal.dates import format_day, local
from interview_journal.domain.model import Interview
from interview_journal.errors import JournalError
from interview_journal.tui.screens.base import JournalModal


class EvaluationsListScreen(JournalModal[None]):
    """Company — role, the round and its day, for each interview behind a line."""

    BINDINGS = [
        Binding("escape,q", "close", "Back", id="close_list", tooltip="Back to Insights"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, about: str, interview_ids: Sequence[int]) -> None:
        super().__init__()
        self.about = about
        """The line of Insights the list is for (the user's words in it are data)."""
        self.interview_ids = tuple(dict.fromkeys(interview_ids))
        self.interviews: list[Interview] = []
        """What is listed, newest first (interviews deleted meanwhile are left out)."""

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.about), id="list-about")
            yield Static(id="list-count")
            yield OptionList(id="evaluations")
            yield Static(
                Content.from_markup("[dim]enter opens the evaluation · escape goes back[/dim]")
            )

    def on_mount(self) -> None:
        # a few hundred rows by id at most, read at once: well under a frame
        try:
            found = self.journal.interviews_by_id(self.interview_ids)
        except JournalError as error:
            self.report(error, title="Not read")
            found = {}
        self.interviews = sorted(found.values(), key=lambda i: i.starts_at, reverse=True)
        now = self.now()
        options = self.query_one(OptionList)
        options.add_options(Option(self._row(i, now), id=str(i.id)) for i in self.interviews)
        count = len(self.interviews)
        noun = "evaluation" if count == 1 else "evaluations"
        self.query_one("#list-count", Static).update(
            f"{count} {noun}, newest first" if count else "These evaluations have been deleted."
        )
        if count:
            options.highlighted = 0
        options.focus()

    @staticmethod
    def _row(interview: Interview, now: pendulum.DateTime) -> Table:
        day = local(interview.starts_at, now.timezone or pendulum.UTC).date()
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        grid.add_column(no_wrap=True, overflow="ellipsis", max_width=24)
        grid.add_column(no_wrap=True, justify="right")
        grid.add_row(
            Text(interview.title, style="bold"),
            Text(interview.round_label or f"{interview.stage.label} interview"),
            Text(format_day(day, now.date())),
        )
        return grid

    @property
    def highlighted_id(self) -> int | None:
        options = self.query_one(OptionList)
        if options.highlighted is None or not self.interviews:
            return None
        return self.interviews[options.highlighted].id

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        from interview_journal.tui.screens.evaluation import EvaluationScreen

        event.stop()
        interview_id = self.interviews[event.option_index].id
        if interview_id is not None:
            self.app.push_screen(EvaluationScreen(interview_id))

    def action_cursor_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
