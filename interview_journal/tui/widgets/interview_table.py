"""The list of interviews: a DataTable that is filled a page at a time.

Filling a DataTable with every row costs ~75 µs and 1.3 KiB per row (it measures every
cell), so 100,000 interviews would take seconds. The table holds only the pages read so
far and asks for the next one (`NeedMore`) when the cursor or the scrollbar nears the end.
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from interview_journal.dates import format_day, format_exact, relative
from interview_journal.domain.evaluation import EvaluationSummary, summary_text
from interview_journal.domain.listing import NextStep, SearchHit
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.status import effective_status

NEAR_END = 25
"""Ask for the next page when the cursor is this many rows from the last loaded one."""
WIDE = 96
"""From this width on, the exact date gets a column of its own (else it is in the preview)."""
WITH_NEXT = 90
"""From this width on, the next planned follow-up gets a column (else it is in the preview);
the exact date's column then needs 40 more (the relative one says the day already, and
company and role come first)."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


class InterviewTable(DataTable[str | Text]):
    """Interviews, one row each, keyed by interview id."""

    BINDINGS = [
        Binding(
            "enter",
            "select_cursor",
            "Open",
            show=False,
            id="open",
            tooltip="Everything about this interview",
        ),
        Binding("j", "cursor_down", "Down", show=False, id="down", tooltip="Next interview"),
        Binding("k", "cursor_up", "Up", show=False, id="up", tooltip="Previous interview"),
        Binding("g", "scroll_top", "First", show=False, id="first", tooltip="First interview"),
        Binding(
            "G",
            "scroll_bottom",
            "Last loaded",
            show=False,
            id="last",
            tooltip="Last interview read so far",
        ),
    ]

    class NeedMore(Message):
        """The user is near the end of what has been read: time for the next page."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.interviews: list[Interview] = []
        self.evaluations: dict[int, EvaluationSummary] = {}
        self.hits: dict[int, SearchHit] = {}
        """While searching: where each row matched (the preview shows it)."""
        self.next_steps: dict[int, NextStep] = {}
        self.now = pendulum.now("UTC")
        self.has_more = False
        self._built_width = 0

    def _columns(self) -> list[Column]:
        width = max(self.size.width - 2, 30)
        when, stage, status = (
            Column("when", "When", 15),
            Column("stage", "Stage", 9),
            Column("status", "Status", 14),
        )
        evaluation = Column("eval", "Eval", 7)
        # the next follow-up before the exact date (the preview has both): each only when
        # company and role keep room to be read
        after = [Column("next", "Next", 10)] if width >= WITH_NEXT else []
        dates = [Column("date", "Date", 16)] if width >= WIDE + 40 * len(after) else []
        fixed = [when, *dates, stage, status, evaluation, *after]
        padding = 2 * (len(fixed) + 2)
        rest = max(width - sum(c.width for c in fixed) - padding, 12)
        company = min(24, max(8, rest * 9 // 20))
        return [
            when,
            *dates,
            Column("company", "Company", company),
            Column("role", "Role", max(rest - company, 4)),
            stage,
            status,
            evaluation,
            *after,
        ]

    def _cells(self, interview: Interview, columns: list[Column]) -> list[str | Text]:
        status = effective_status(interview, self.now)
        values = {
            "when": relative(interview.starts_at, self.now),
            "date": format_exact(interview.starts_at, self.now),
            "company": interview.company,
            "role": interview.role,
            "stage": interview.stage.label,
            "status": status.label,
            "eval": summary_text(self.evaluations.get(interview.id or 0)),
            "next": self._next_text(interview.id),
        }
        style = ""
        if status is Status.UPCOMING:
            style = "bold"
        elif status in (Status.REJECTED, Status.WITHDRAWN):
            style = "dim"
        return [Text(_clip(values[c.key], c.width), style=style, no_wrap=True) for c in columns]

    def _next_text(self, interview_id: int | None) -> str:
        step = self.next_steps.get(interview_id or 0)
        return format_day(step.due.day, self.now.date()) if step else ""

    def show_interviews(
        self,
        interviews: list[Interview],
        now: pendulum.DateTime,
        *,
        has_more: bool,
        append: bool = False,
        keep_id: int | None = None,
        evaluations: dict[int, EvaluationSummary] | None = None,
        hits: dict[int, SearchHit] | None = None,
        next_steps: dict[int, NextStep] | None = None,
    ) -> None:
        """Show a first page (or, with `append`, the next one). Keeps the cursor on `keep_id`."""
        self.now = now
        self.has_more = False  # building moves the cursor: no page requests until done
        if not append:
            self.evaluations, self.hits, self.next_steps = {}, {}, {}
        self.evaluations.update(evaluations or {})
        self.hits.update(hits or {})
        self.next_steps.update(next_steps or {})
        if append:
            self.interviews.extend(interviews)
            columns = self._columns()
            for interview in interviews:
                self.add_row(*self._cells(interview, columns), key=str(interview.id))
        else:
            self.interviews = list(interviews)
            self._rebuild(keep_id)
        self.has_more = has_more

    def refresh_interview(
        self, interview: Interview, summary: EvaluationSummary | None, now: pendulum.DateTime
    ) -> bool:
        """Redraw one row in place (after its evaluation or dates changed); False when the
        interview is not in the list, so the caller reads the page again."""
        if interview.id is None or str(interview.id) not in self.rows:
            return False
        self.now = now
        self.interviews = [interview if i.id == interview.id else i for i in self.interviews]
        if summary is None:
            self.evaluations.pop(interview.id, None)
        else:
            self.evaluations[interview.id] = summary
        columns = self._columns()
        for column, cell in zip(columns, self._cells(interview, columns), strict=True):
            self.update_cell(str(interview.id), column.key, cell)
        return True

    def _rebuild(self, keep_id: int | None = None) -> None:
        current = keep_id if keep_id is not None else self.highlighted_id()
        row_index = self.cursor_row
        self.clear(columns=True)
        columns = self._columns()
        self._built_width = self.size.width
        for column in columns:
            self.add_column(column.label, width=column.width, key=column.key)
        for interview in self.interviews:
            self.add_row(*self._cells(interview, columns), key=str(interview.id))
        if not self.interviews:
            return
        ids = [i.id for i in self.interviews]
        if current is not None and current in ids:
            self.move_cursor(row=ids.index(current), animate=False)
        else:
            self.move_cursor(row=min(row_index, len(ids) - 1), animate=False)

    def on_resize(self) -> None:
        if self.size.width != self._built_width and self.interviews:
            self._rebuild()

    def highlighted(self) -> Interview | None:
        if not self.interviews or not 0 <= self.cursor_row < len(self.interviews):
            return None
        return self.interviews[self.cursor_row]

    def highlighted_id(self) -> int | None:
        interview = self.highlighted()
        return interview.id if interview else None

    def watch_cursor_coordinate(self, old: object, new: object) -> None:
        super().watch_cursor_coordinate(old, new)  # type: ignore[arg-type]
        self._maybe_need_more()

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        if new >= self.max_scroll_y - NEAR_END:
            self._maybe_need_more(scrolled=True)

    def _maybe_need_more(self, *, scrolled: bool = False) -> None:
        if self.has_more and (scrolled or self.cursor_row >= self.row_count - NEAR_END):
            self.post_message(self.NeedMore())

    def action_scroll_top(self) -> None:
        if self.row_count:
            self.move_cursor(row=0)

    def action_scroll_bottom(self) -> None:
        if self.row_count:
            self.move_cursor(row=self.row_count - 1)
