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

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static
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
from interview_journal.present.insights import HEADING, InsightLine, section_lines
from interview_journal.tui.dialogs.ask_date import AskDateScreen
from interview_journal.tui.screens.base import JournalScreen
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.insight_charts import InsightChart, made_chart, sign_chart
from interview_journal.tui.widgets.insight_rows import Chosen, InsightRow
from interview_journal.tui.widgets.top_bar import TopBar

READING = "reading…"
NOT_READ = "Not read: press r to try again."

Line = InsightRow | InsightChart


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


class InsightScroll(VerticalScroll, can_focus=False, inherit_bindings=False):
    """The sections, scrolled by moving along the lines (the screen's keys), never
    without them: the focused line stays on screen."""


def section_rows(name: str, section: object, today: date) -> list[Line]:
    """The lines of one section as widgets: the words of `present.insights`, and for the
    signs and the key points their charts, each beside its numbers."""
    lines = section_lines(name, section, today)
    rows: list[Line] = []
    last_heading = max((i for i, line in enumerate(lines) if line.kind == HEADING), default=-1)
    for index, line in enumerate(lines):
        chart = _chart_for(name, section, line)
        rows.append(chart or _row(name, line))
        if name == "key_points" and index == last_heading and isinstance(section, KeyPoints):
            made = made_chart(section) if section.over_time else None
            if made is not None:
                rows.append(made)
    return rows


def _row(name: str, line: InsightLine) -> InsightRow:
    return InsightRow(
        line.text,
        interview_ids=line.interview_ids,
        kind=line.kind,
        key=f"{name}:{line.kind}:{line.text}",
    )


def _chart_for(name: str, section: object, line: InsightLine) -> InsightChart | None:
    """A sign's trend line ("Dynamic: 3.2 → 4.1 (up) over 5 months") drawn as its chart,
    the numbers kept beside it."""
    if name != "signs" or not isinstance(section, Signs) or line.kind == HEADING:
        return None
    for sign, label in SIGNS.items():
        if line.text.startswith(f"{label}: ") and "→" in line.text:
            return sign_chart(section, sign, line.text.removeprefix(f"{label}: "))
    return None


class InsightsScreen(JournalScreen):
    """The Insights view (key 5)."""

    LOADS_IN_BACKGROUND = True
    AUTO_FOCUS = ""
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
            tooltip="The evaluations this line rests on",
        ),
        Binding(
            "s", "since", "Since", id="insights_since", tooltip="Only interviews from a day on"
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
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("space,pagedown", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
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
        with InsightScroll(id="insights"):
            for name in SECTIONS:
                yield Static(Content(SECTION_TITLES[name]), classes="insight-title")
                with Vertical(id=f"section-{name}", classes="insight-section"):
                    yield InsightRow(READING, kind="reading", focusable=False)
        yield FittedFooter()

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
        count = getattr(self.journal, "insight_counts", None)
        if count is not None:
            interviews, evaluations = count(now, since)
            self.post_message(CountsRead(generation, interviews, evaluations))
        for name in SECTIONS:
            if worker.is_cancelled:
                return
            section = self.journal.insight_section(name, now, since)
            self.post_message(SectionRead(generation, name, section))

    @on(CountsRead)
    def _counts_read(self, message: CountsRead) -> None:
        if message.generation == self._generation:
            self._counts = (message.interviews, message.evaluations)
            self._show_summary()

    @on(SectionRead)
    async def _section_read(self, message: SectionRead) -> None:
        if message.generation != self._generation:
            return
        body = self.query_one(f"#section-{message.name}", Vertical)
        rows = section_rows(message.name, message.section, self.now().date())
        await self._replace(body, rows)
        self.shown.add(message.name)
        if len(self.shown) == len(SECTIONS):
            self._complete = True
            self.content_shown()

    async def _replace(self, body: Vertical, rows: list[Line]) -> None:
        """Put `rows` in place of the section's lines, the focus staying on the same line
        (by its words, else by its place) when it was in this section."""
        focused = self.focused
        old = list(body.children)
        keep_key = getattr(focused, "key", None) if focused in old else None
        keep_at = old.index(focused) if focused is not None and focused in old else None
        with self.app.batch_update():
            await body.remove_children()
            await body.mount_all(rows)
        if keep_at is not None:
            here = next((row for row in rows if row.key == keep_key), None)
            here = here or rows[min(keep_at, len(rows) - 1)]
            self._go_to(here)
        elif self.focused is None:
            first = next(iter(self._lines()), None)
            if first is not None:
                first.focus(scroll_visible=False)

    def failed(
        self, error: BaseException | None, *, about: int | None = None, read_again: bool = True
    ) -> None:
        for name in SECTIONS:
            if name not in self.shown:
                body = self.query_one(f"#section-{name}", Vertical)
                body.remove_children()
                body.mount(InsightRow(NOT_READ, kind="too-few", key=f"{name}:not-read"))
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

    # --- moving along the lines -------------------------------------------------------

    @property
    def scroller(self) -> InsightScroll:
        return self.query_one(InsightScroll)

    def _lines(self) -> list[Line]:
        return [
            widget
            for widget in self.query(".insight-row, .insight-chart").results(Widget)
            if widget.can_focus and isinstance(widget, (InsightRow, InsightChart))
        ]

    def _go_to(self, line: Widget) -> None:
        """Focus `line` and bring it on screen at once (no animation: a burst of j moves
        exactly that many lines); the first line of a section brings its title along."""
        line.focus(scroll_visible=False)
        body = line.parent
        if isinstance(body, Widget) and body.children and body.children[0] is line:
            title = self.scroller.children[self.scroller.children.index(body) - 1]
            self.scroller.scroll_to_widget(title, animate=False, immediate=True)
        self.scroller.scroll_to_widget(line, animate=False, immediate=True)

    def _here(self, lines: list[Line]) -> int | None:
        focused = self.focused
        return lines.index(focused) if focused in lines else None

    def action_move(self, step: int) -> None:
        lines = self._lines()
        if not lines:
            return
        here = self._here(lines)
        target = 0 if here is None else max(0, min(len(lines) - 1, here + step))
        self._go_to(lines[target])

    def action_first(self) -> None:
        lines = self._lines()
        if lines:
            self._go_to(lines[0])
        self.scroller.scroll_home(animate=False, immediate=True)

    def action_last(self) -> None:
        lines = self._lines()
        if lines:
            self._go_to(lines[-1])
        self.scroller.scroll_end(animate=False, immediate=True)

    def action_page(self, direction: int) -> None:
        """A page on: the line a screen's height below (or above) the focused one."""
        lines = self._lines()
        if not lines:
            return
        here = self._here(lines) or 0
        tops = [self._top(line) for line in lines]
        height = max(1, self.scroller.scrollable_content_region.height - 1)
        wanted = tops[here] + direction * height
        if direction > 0:
            target = next((i for i, top in enumerate(tops) if top >= wanted), len(lines) - 1)
        else:
            target = next((i for i in reversed(range(len(lines))) if tops[i] <= wanted), 0)
        self._go_to(lines[target])

    @staticmethod
    def _top(line: Widget) -> int:
        body = line.parent
        offset = body.virtual_region.y if isinstance(body, Widget) else 0
        return offset + line.virtual_region.y

    # --- acting -------------------------------------------------------------------------

    def action_open(self) -> None:
        focused = self.focused
        ids = getattr(focused, "interview_ids", ())
        if not ids:
            self.notify("Lines marked › list the evaluations they rest on.", timeout=3)
            return
        self._open(str(getattr(focused, "text", "")), ids)

    @on(Chosen)
    def _chosen(self, message: Chosen) -> None:
        self._open(message.text, message.interview_ids)

    def _open(self, about: str, interview_ids: tuple[int, ...]) -> None:
        from interview_journal.tui.dialogs.evaluations_list import EvaluationsListScreen

        self.app.push_screen(EvaluationsListScreen(about, interview_ids))

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
