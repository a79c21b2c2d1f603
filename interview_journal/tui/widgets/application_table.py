"""The list of applications: one row each, columns sized from what they hold.

The summaries of every application are read at once (one query), but a DataTable
measures every cell it is given (~75 µs a row), so rows go in a chunk at a time as the
cursor or the scrollbar nears the end of what is shown.
"""

from __future__ import annotations

from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from interview_journal.dates import relative_day
from interview_journal.domain.applications import ApplicationStatus, ApplicationSummary
from interview_journal.tui.widgets.interview_table import Column, Want, clip, fit_columns

CHUNK = 200
"""Rows added to the table at a time."""
NEAR_END = 25

GLYPHS = {
    ApplicationStatus.APPLIED: "○",
    ApplicationStatus.INTERVIEWING: "▸",
    ApplicationStatus.WAITING: "…",
    ApplicationStatus.OFFER: "★",
    ApplicationStatus.ACCEPTED: "✓",
    ApplicationStatus.REJECTED: "✗",
    ApplicationStatus.WITHDRAWN: "–",
    ApplicationStatus.GHOSTED: "?",
}
"""A shape per status, so it reads without colour."""

COLOURS = {
    ApplicationStatus.APPLIED: "secondary",
    ApplicationStatus.INTERVIEWING: "accent",
    ApplicationStatus.WAITING: "warning",
    ApplicationStatus.OFFER: "success",
    ApplicationStatus.ACCEPTED: "success",
    ApplicationStatus.REJECTED: "error",
    ApplicationStatus.WITHDRAWN: "text-muted",
    ApplicationStatus.GHOSTED: "warning",
}
"""The theme variable each status is drawn in (the same meanings as on Interviews)."""


def status_words(status: ApplicationStatus) -> str:
    """ "▸ interviewing": the shape and the word."""
    return f"{GLYPHS[status]} {status.label}"


def next_words(summary: ApplicationSummary, today: date) -> str:
    """ "in 2 days · thank-you note", "! 3 days ago · follow-up" (overdue), or "" when
    nothing is planned."""
    entry = summary.next_follow_up
    if entry is None:
        return ""
    late = "! " if entry.when.day < today else ""  # overdue: the shape says it without colour
    return f"{late}{relative_day(entry.when.day, today)} · {entry.kind.label}"


LABELS = {
    "title": "Application",
    "status": "Status",
    "rounds": "Rounds",
    "last": "Last contact",
    "next": "Next",
}
DROP_ORDER = ["last", "rounds"]
"""What goes first when the terminal is narrow (the application's screen has both)."""


def fit_application_columns(natural: dict[str, int], width: int) -> list[Column]:
    """Columns for a table `width` cells wide: each as wide as its content; when it does
    not fit, the next follow-up gives way first, then the title; then Last contact goes,
    then Rounds."""
    caps = {"title": 50, "status": 16, "rounds": 12, "last": 14, "next": 32}
    wants = []
    for key, label in LABELS.items():
        wants.append(Want(key, label, min(max(natural.get(key, 0), len(label)), caps[key])))
    shrink = [{"next": 12}, {"title": 24}]
    return fit_columns(wants, width, shrink=shrink, drop=DROP_ORDER, grow="next")


class ApplicationTable(DataTable[Text]):
    """Applications, one row each, keyed by application id."""

    BINDINGS = [
        Binding(
            "enter", "select_cursor", "Open", show=False, id="open", tooltip="Open the application"
        ),
        Binding("j", "cursor_down", "Down", show=False, id="down", tooltip="Next application"),
        Binding("k", "cursor_up", "Up", show=False, id="up", tooltip="Previous application"),
        Binding("g", "first", "First", show=False, id="first", tooltip="First application"),
        Binding("G", "last", "Last", show=False, id="last", tooltip="Last application"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=0)
        self.summaries: list[ApplicationSummary] = []
        self.today = date.min
        self._columns: list[Column] = []
        self._built_width = 0
        self._building = False
        self._colours: dict[str, str] = {}

    def show_summaries(
        self, summaries: list[ApplicationSummary], today: date, keep_id: int | None = None
    ) -> None:
        """Show these applications, the cursor on `keep_id` (else where it was)."""
        self.summaries, self.today = summaries, today
        self._rebuild(keep_id if keep_id is not None else self.highlighted_id())

    def _natural(self) -> dict[str, int]:
        sample = self.summaries[:CHUNK]
        return {
            "title": max((cell_len(s.application.title) for s in sample), default=0),
            "status": max((cell_len(status_words(s.status)) for s in sample), default=0),
            "rounds": max((cell_len(s.marks) for s in sample), default=0),
            "last": max((cell_len(self._last(s)) for s in sample), default=0),
            "next": max((cell_len(next_words(s, self.today)) for s in sample), default=0),
        }

    def _last(self, summary: ApplicationSummary) -> str:
        day = summary.last_contact
        return relative_day(day, self.today) if day else "—"

    def _cells(self, summary: ApplicationSummary) -> list[Text]:
        colours = self._colours
        values = {
            "title": summary.application.title,
            "status": status_words(summary.status),
            "rounds": summary.marks or "—",
            "last": self._last(summary),
            "next": next_words(summary, self.today),
        }
        cells = []
        for column in self._columns:
            style = ""
            if column.key == "status":
                style = colours.get(COLOURS[summary.status], "")
            elif summary.status.is_closed:
                style = "dim"
            # one cell of gap after every column: it is one wider than its text (cell_padding 0)
            text = Text(clip(values[column.key], column.width), no_wrap=True)
            text.stylize(style)
            cells.append(text)
        return cells

    def _rebuild(self, keep_id: int | None) -> None:
        self._building = True  # clearing moves the cursor: no chunk is added meanwhile
        self.clear(columns=True)
        self._built_width = self.size.width
        # the vertical scrollbar (one cell, lists.tcss) only when the rows overflow
        overflows = len(self.summaries) > self.size.height - 1
        room = max(self.size.width - (1 if overflows else 0), 30)
        self._columns = fit_application_columns(self._natural(), room)
        self._colours = self.app.get_css_variables()  # the theme's, read once per build
        for column in self._columns:
            label = Text(clip(column.label, column.width), style="bold")
            self.add_column(label, width=column.width + 1, key=column.key)
        ids = [s.application.id for s in self.summaries]
        wanted = ids.index(keep_id) if keep_id in ids else 0
        self._add_rows(max(CHUNK, wanted + NEAR_END + 1))
        if self.row_count:
            self.move_cursor(row=min(wanted, self.row_count - 1), animate=False)
        self._building = False

    def _add_rows(self, count: int) -> None:
        start = self.row_count
        for summary in self.summaries[start : start + count]:
            self.add_row(*self._cells(summary), key=str(summary.application.id))

    def on_resize(self) -> None:
        if self.size.width != self._built_width and self.summaries:
            self._rebuild(self.highlighted_id())

    def highlighted(self) -> ApplicationSummary | None:
        if not self.row_count or not 0 <= self.cursor_row < len(self.summaries):
            return None
        return self.summaries[self.cursor_row]

    def highlighted_id(self) -> int | None:
        summary = self.highlighted()
        return summary.application.id if summary else None

    def watch_cursor_coordinate(self, old: object, new: object) -> None:
        super().watch_cursor_coordinate(old, new)  # type: ignore[arg-type]
        if self.cursor_row >= self.row_count - NEAR_END:
            self._more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y - NEAR_END:
            self._more()

    def _more(self) -> None:
        if not self._building and self.row_count < len(self.summaries):
            self._add_rows(CHUNK)

    def action_first(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_last(self) -> None:
        self._add_rows(len(self.summaries))
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)
