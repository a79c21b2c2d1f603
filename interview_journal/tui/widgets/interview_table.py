"""The list of interviews: a DataTable that is filled a page at a time.

Filling a DataTable with every row costs ~75 µs and 1.3 KiB per row (it measures every
cell), so 100,000 interviews would take seconds. The table holds only the pages read so
far and asks for the next one (`NeedMore`) when the cursor or the scrollbar nears the end.
"""

from __future__ import annotations

from dataclasses import dataclass

import pendulum
from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable

from interview_journal.dates import relative, relative_day
from interview_journal.domain.evaluation import EvaluationSummary, summary_text
from interview_journal.domain.listing import NextStep, SearchHit
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.status import effective_status

NEAR_END = 25
"""Ask for the next page when the cursor is this many rows from the last loaded one."""

STATUS_GLYPHS = {
    Status.UPCOMING: "▸",
    Status.AWAITING_REPLY: "…",
    Status.NEXT_ROUND: "»",
    Status.OFFER: "★",
    Status.REJECTED: "✗",
    Status.WITHDRAWN: "–",
}
"""A shape per status, so it reads without colour."""
STATUS_COLOURS = {
    Status.UPCOMING: "accent",
    Status.AWAITING_REPLY: "warning",
    Status.NEXT_ROUND: "accent",
    Status.OFFER: "success",
    Status.REJECTED: "error",
    Status.WITHDRAWN: "text-muted",
}
"""The theme variable each status is drawn in (the same meaning as on Applications)."""
FLOOR = 6
"""The narrowest a shrinking column gets when nothing is left to drop."""
DROP_ORDER = ["next", "eval", "stage"]
"""What goes first when the terminal is narrow: the next follow-up and the evaluation are
in the preview too; company, role, the date and the status always stay."""


STATUS_WORDS = {Status.AWAITING_REPLY: "awaiting", Status.NEXT_ROUND: "next round"}
"""Shorter words where the status's label is long (the help's legend has them all)."""


def status_words(status: Status) -> str:
    """ "▸ upcoming", "… awaiting": the shape and the (short) word."""
    return f"{STATUS_GLYPHS[status]} {STATUS_WORDS.get(status, status.label)}"


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    width: int


@dataclass(frozen=True)
class Want:
    """What a column would like: its natural width (its widest value on the loaded rows,
    or its label, capped)."""

    key: str
    label: str
    natural: int


def fit_columns(
    wants: list[Want],
    room: int,
    *,
    shrink: list[dict[str, int]],
    drop: list[str],
    grow: str,
) -> list[Column]:
    """Columns for `room` cells, each costing its width plus one cell of gap.

    Every column starts as wide as its content. When that does not fit, the steps of
    `shrink` are taken in order, each narrowing its columns down to the widths it names
    (within a step the widest gives first, so company and role share). When even that
    does not fit, the columns in `drop` go, one at a time, and the sizing starts again;
    with nothing left to drop, the shrinking columns go down to FLOOR. Room left over
    goes to `grow`.
    """
    active = list(wants)
    floor = {key: FLOOR for step in shrink for key in step}
    for dropped in [*drop, None]:
        widths = {w.key: w.natural for w in active}
        steps = [*shrink, floor] if dropped is None else shrink
        for step in steps:
            keys = [k for k in step if k in widths]
            while _over(widths, room) > 0:
                can = [k for k in keys if widths[k] > step[k]]
                if not can:
                    break
                widest = max(can, key=lambda k: widths[k])
                widths[widest] -= 1
        if _over(widths, room) <= 0 or dropped is None:
            if grow in widths and _over(widths, room) < 0:
                widths[grow] -= _over(widths, room)
            return [Column(w.key, w.label, max(widths[w.key], 1)) for w in active]
        active = [w for w in active if w.key != dropped]
    raise AssertionError("unreachable")  # the loop returns on its last round


def _over(widths: dict[str, int], room: int) -> int:
    """How many cells the columns need beyond `room` (negative: cells to spare)."""
    return sum(widths.values()) + len(widths) - room


def clip(text: str, width: int) -> str:
    """`text`, or as much as fits in `width` ending in "…"."""
    return text if cell_len(text) <= width else set_cell_size(text, max(width - 1, 0)) + "…"


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
        super().__init__(id=id, cursor_type="row", zebra_stripes=True, cell_padding=0)
        self.interviews: list[Interview] = []
        self.evaluations: dict[int, EvaluationSummary] = {}
        self.hits: dict[int, SearchHit] = {}
        """While searching: where each row matched (the preview shows it)."""
        self.next_steps: dict[int, NextStep] = {}
        self.now = pendulum.now("UTC")
        self.has_more = False
        self._built_width = 0
        self._colours: dict[str, str] = {}
        self._built_columns: list[Column] = []

    def _values(self, interview: Interview) -> dict[str, str]:
        return {
            "when": relative(interview.starts_at, self.now),
            "company": interview.company,
            "role": interview.role,
            "stage": interview.stage.label,
            "status": status_words(effective_status(interview, self.now)),
            "eval": summary_text(self.evaluations.get(interview.id or 0)),
            "next": self._next_text(interview.id),
        }

    def _columns(self, rows: list[dict[str, str]]) -> list[Column]:
        """Each column as wide as its widest value on the loaded rows (capped); company
        and role share what is left; at narrow widths the columns of DROP_ORDER go."""
        labels = {
            "when": "When",
            "company": "Company",
            "role": "Role",
            "stage": "Stage",
            "status": "Status",
            "eval": "Eval",
            "next": "Next",
        }
        caps = {"when": 18, "company": 40, "role": 40, "stage": 12, "status": 16, "next": 12}
        widest = {key: len(label) for key, label in labels.items()}
        widest["eval"] = len("✓ 4·5·3")  # a row redrawn after an evaluation must still fit
        for values in rows:
            for key, value in values.items():
                widest[key] = max(widest[key], cell_len(value))
        wants = [
            Want(key, label, min(widest[key], caps.get(key, 12))) for key, label in labels.items()
        ]
        # the vertical scrollbar (one cell, lists.tcss) only when the rows overflow
        overflows = self.has_more or len(self.interviews) > self.size.height - 1
        room = max(self.size.width - (1 if overflows else 0), 30)
        shrink = [{"company": 16, "role": 16}]  # both readable before a column is dropped
        return fit_columns(wants, room, shrink=shrink, drop=DROP_ORDER, grow="role")

    def _cells(
        self, interview: Interview, columns: list[Column], values: dict[str, str] | None = None
    ) -> list[str | Text]:
        status = effective_status(interview, self.now)
        values = values or self._values(interview)
        style = ""
        if status is Status.UPCOMING:
            style = "bold"
        elif status in (Status.REJECTED, Status.WITHDRAWN):
            style = "dim"
        cells: list[str | Text] = []
        for column in columns:
            # one cell of gap after every column: it is one wider than its text (cell_padding 0)
            text = Text(clip(values[column.key], column.width), no_wrap=True)
            if column.key == "status":
                text.stylize(self._colours.get(STATUS_COLOURS[status], ""))
            elif style:
                text.stylize(style)
            cells.append(text)
        return cells

    def _next_text(self, interview_id: int | None) -> str:
        step = self.next_steps.get(interview_id or 0)
        return relative_day(step.due.day, self.now.date()) if step else ""

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
            columns = self._built_columns
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
        columns = self._built_columns
        for column, cell in zip(columns, self._cells(interview, columns), strict=True):
            self.update_cell(str(interview.id), column.key, cell)
        return True

    def _rebuild(self, keep_id: int | None = None) -> None:
        current = keep_id if keep_id is not None else self.highlighted_id()
        row_index = self.cursor_row
        self.clear(columns=True)
        rows = [self._values(interview) for interview in self.interviews]  # once a row
        columns = self._built_columns = self._columns(rows)
        self._built_width = self.size.width
        self._colours = self.app.get_css_variables()  # the theme's, read once per build
        for column in columns:
            label = Text(clip(column.label, column.width), style="bold")
            self.add_column(label, width=column.width + 1, key=column.key)
        for interview, values in zip(self.interviews, rows, strict=True):
            self.add_row(*self._cells(interview, columns, values), key=str(interview.id))
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
