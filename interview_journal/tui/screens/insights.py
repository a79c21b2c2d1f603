"""Insights (key 5): what the user's own interviews and evaluations are teaching them.

It paints at once: the top bar, the summary, and each section's title with "reading…".
A worker then reads the sections one by one, in `SECTIONS`' order, and posts each as it
arrives, so the first show while the rest are read. The view is a list of lines read
with j/k; a line resting on evaluations shows "›" and `enter` lists them. `s` limits it
to the interviews from a day on, `S` shows all again, `r` reads again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import partial

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.worker import get_current_worker

from interview_journal.dates import Lean, format_day
from interview_journal.domain.entry_fields import parse_when
from interview_journal.domain.insights import (
    SECTION_TITLES,
    SECTIONS,
    SIGNS,
    KeyPoints,
    Signs,
)
from interview_journal.domain.timeline import When
from interview_journal.errors import InputError
from interview_journal.present.insights import HEADING, TOO_FEW, InsightLine, section_lines
from interview_journal.tui.dialogs.ask_date import AskDateScreen
from interview_journal.tui.screens.base import JournalScreen
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.insight_charts import made_numbers, made_shares, sign_values
from interview_journal.tui.widgets.insight_list import Chart, InsightList, ShownLine
from interview_journal.tui.widgets.top_bar import TopBar

NOT_READ = "Not read: press r to try again."


@dataclass
class SectionRead(Message):
    """One section has been read (in the worker)."""

    generation: int
    name: str
    section: object


@dataclass
class CountsRead(Message):
    """How many interviews the period holds, and how many were evaluated."""

    generation: int
    interviews: int
    evaluations: int


class AskSinceScreen(AskDateScreen):
    """Since when: today or a day before it ("1 sep", "3 months ago")."""

    def _read(self, text: str) -> When:
        when = parse_when(text, self.now(), Lean.PAST)
        if when is None:
            raise InputError('Type a day, e.g. "1 sep", "3 months ago" or "2026-09-01".')
        if when.day > self.now().date():
            raise InputError(f"{format_day(when.day, self.now().date())} has not come yet.")
        return when


PERIODS_SHOWN = 12
"""The latest periods listed under the signs and the key points (their charts and trends
cover them all); the command line lists every one."""


def section_rows(name: str, section: object, today: date) -> list[ShownLine]:
    """The lines of one section: the words of `present.insights`, and for the signs and
    the key points their charts, each beside its numbers."""
    lines = _latest_periods(name, section_lines(name, section, today))
    rows: list[ShownLine] = []
    last_heading = max((i for i, line in enumerate(lines) if line.kind == HEADING), default=-1)
    for index, line in enumerate(lines):
        key = f"{name}:{index}:{line.text}"
        rows.append(_chart_for(name, section, line, key) or _row(line, key))
        if name == "key_points" and index == last_heading and isinstance(section, KeyPoints):
            values = made_shares(section)
            if values:
                chart = Chart("Points made", tuple(values), low=0, high=100)
                numbers = made_numbers(values)
                text = f"{chart.label}: {numbers}"
                rows.append(ShownLine("key_points:chart", text, (), "chart", chart, numbers))
    return rows


def _latest_periods(name: str, lines: list[InsightLine]) -> list[InsightLine]:
    """The signs' means and the key points' shares per period come last, under their
    sub-heading: years of months would bury the view, so only the latest are listed."""
    if name not in ("signs", "key_points"):
        return lines
    last_heading = max((i for i, line in enumerate(lines) if line.kind == HEADING), default=-1)
    periods = lines[last_heading + 1 :]
    if last_heading < 0 or len(periods) <= PERIODS_SHOWN:
        return lines
    left_out = len(periods) - PERIODS_SHOWN
    earlier = InsightLine(
        f"The {left_out} periods before these: `interview-journal insights` lists every one.",
        kind=TOO_FEW,
    )
    return [*lines[: last_heading + 1], earlier, *periods[-PERIODS_SHOWN:]]


def _row(line: InsightLine, key: str) -> ShownLine:
    return ShownLine(key, line.text, line.interview_ids, line.kind)


def _chart_for(name: str, section: object, line: InsightLine, key: str) -> ShownLine | None:
    """A sign's trend line ("Dynamic: 3.2 → 4.1 (up) over 5 months") drawn as its chart,
    the numbers kept beside it."""
    if name != "signs" or not isinstance(section, Signs) or line.kind == HEADING:
        return None
    for sign, label in SIGNS.items():
        if line.text.startswith(f"{label}: ") and "→" in line.text:
            values = sign_values(section, sign)
            if not values:
                return None
            chart = Chart(label, tuple(values), low=1, high=5)
            numbers = line.text.removeprefix(f"{label}: ")
            return ShownLine(key, line.text, (), "chart", chart, numbers)
    return None


class InsightsScreen(JournalScreen):
    """The Insights view (key 5)."""

    CSS_PATH = "../styles/insights.tcss"  # with its dialog's; read when the view first opens
    LOADS_IN_BACKGROUND = True
    AUTO_FOCUS = "#insights"
    LEGEND = (
        "› a line rests on evaluations: enter lists them, and enter there opens one.\n"
        "Charts run from the oldest period to the latest, on the full scale (ratings 1 to "
        "5, key points made 0 to 100%); the numbers beside them say first → last. A figure "
        "resting on fewer than 3 interviews is not shown: its line says what it needs.\n"
        "j/k or ↑/↓ move a line, g/G to the first and the last, space or pgdn a page."
    )
    """What the signs mean, for the help."""
    BINDINGS = [
        Binding(
            "enter",
            "open",
            "Open",
            id="open_insight",
            priority=True,  # before the list's own enter: one place decides what it opens
            tooltip="The evaluations this line rests on",
        ),
        Binding(
            "s", "since", "Since", id="insights_since", tooltip="Only the interviews from a day on"
        ),
        Binding("S", "all_time", "All", id="insights_all", tooltip="Every interview again"),
        Binding(
            "r",
            "refresh",
            "Refresh",
            id="refresh_insights",
            show=False,
            tooltip="Read the journal again",
        ),
        Binding("q", "quit", "Quit", id="quit", tooltip="Save and quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.since: date | None = None
        """Only interviews held from this day on (None: all of them)."""
        self.shown: set[str] = set()
        """The sections painted by the latest read (the benchmark waits on it)."""
        self._generation = 0
        self._complete = False
        """Every section of the latest read that keys wait for is on screen."""
        self._counts: tuple[int, int] | None = None

    def compose(self) -> ComposeResult:
        yield TopBar(id="top-bar")
        yield Static(id="insights-summary")
        yield InsightList([(name, SECTION_TITLES[name]) for name in SECTIONS], id="insights")
        yield FittedFooter()

    @property
    def insight_list(self) -> InsightList:
        return self.query_one(InsightList)

    def on_mount(self) -> None:
        self.query_one(TopBar).show("insights", self.now())
        self._show_summary()
        self.reload()

    def on_screen_resume(self) -> None:
        self.query_one(TopBar).show("insights", self.now())
        if self._complete:
            # back from an evaluation or another view: what changed meanwhile must show;
            # the old lines stay (and take keys) until the new ones replace them
            self.reload(hold_keys=False)

    # --- reading (in a worker thread) -------------------------------------------------

    @property
    def reading_content(self) -> bool:
        return not self._complete

    def reload(self, *, hold_keys: bool = True) -> None:
        """Read every section again; with `hold_keys`, keys typed meanwhile wait for it."""
        self._generation += 1
        self.shown = set()
        if hold_keys:
            self._complete = False
        self._read(self._generation, self.since)

    def read_again(self) -> None:
        self.reload()

    @work(thread=True, exclusive=True, group="insights", exit_on_error=False)
    def _read(self, generation: int, since: date | None) -> None:
        worker = get_current_worker()
        now = self.now()
        for name in SECTIONS:
            if worker.is_cancelled:
                return
            section = self.journal.insight_section(name, now, since)
            self.post_message(SectionRead(generation, name, section))
            if name == "signs":
                # the summary's counts come from the pass the signs were read in: asked
                # for first, they would hold back the first section at 100,000 interviews
                interviews, evaluations = self.journal.insight_counts(now, since)
                self.post_message(CountsRead(generation, interviews, evaluations))

    @on(CountsRead)
    def _counts_read(self, message: CountsRead) -> None:
        if message.generation == self._generation:
            self._counts = (message.interviews, message.evaluations)
            self._show_summary()

    @on(SectionRead)
    def _section_read(self, message: SectionRead) -> None:
        if message.generation != self._generation:
            return
        rows = section_rows(message.name, message.section, self.now().date())
        self.insight_list.show_section(
            message.name, rows, partial(self._painted, message.generation, message.name)
        )

    def _painted(self, generation: int, name: str) -> None:
        if generation != self._generation:
            return  # read again meanwhile (s, r): the newer read says when it is complete
        self.shown.add(name)
        if len(self.shown) == len(SECTIONS):
            self._complete = True
            self.content_shown()

    def failed(
        self, error: BaseException | None, *, about: int | None = None, read_again: bool = True
    ) -> None:
        for name in SECTIONS:
            if name not in self.shown:
                line = ShownLine(f"{name}:not-read", NOT_READ, kind="too-few")
                self.insight_list.show_section(name, [line])
        super().failed(error, about=about, read_again=read_again)

    def _show_summary(self) -> None:
        today = self.now().date()
        since = (
            f"since {format_day(self.since, today)} (S shows all)"
            if self.since
            else "all time (s picks a start)"
        )
        if self._counts is None:
            summary = Content.from_markup("Your interviews, $since", since=since)
        else:
            interviews, evaluated = self._counts
            noun = "interview" if interviews == 1 else "interviews"
            summary = Content.from_markup(
                "From [b]$interviews[/b], [b]$evaluated[/b] evaluated, $since",
                interviews=f"{interviews:,} {noun}",
                evaluated=f"{evaluated:,}",
                since=since,
            )
        self.query_one("#insights-summary", Static).update(summary)

    # --- acting -------------------------------------------------------------------------

    def action_open(self) -> None:
        line = self.insight_list.highlighted_line()
        if line is None or not line.interview_ids:
            self.notify("Lines marked › list the evaluations they rest on.", timeout=3)
            return
        self._open(line)

    @on(OptionList.OptionSelected, "#insights")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        line = self.insight_list.lines.get(event.option.id or "")
        if line is not None and line.interview_ids:
            self._open(line)

    def _open(self, line: ShownLine) -> None:
        from interview_journal.tui.dialogs.evaluations_list import EvaluationsListScreen

        self.app.push_screen(EvaluationsListScreen(line.text, line.interview_ids))

    def action_since(self) -> None:
        def chosen(when: When | None) -> None:
            if when is not None:
                self._set_since(when.day)

        self.app.push_screen(
            AskSinceScreen("Show the interviews held since", 'e.g. "1 sep" or "3 months ago"'),
            chosen,
        )

    def action_all_time(self) -> None:
        self._set_since(None)

    def _set_since(self, since: date | None) -> None:
        self.since = since
        self._counts = None
        self._show_summary()
        self.reload()

    def action_refresh(self) -> None:
        self.reload()

    async def action_quit(self) -> None:
        await self.journal_app.action_quit()
