"""Insights as one list of lines: each section's title, then its lines (a fact, a
sub-heading, the why-line, a chart beside its numbers), read with j/k.

One widget for the whole view: a section that arrives replaces its lines in the list
(no widgets mounted per line), so a section of a hundred lines paints as fast as one of
three. A line resting on evaluations shows "›"; the screen opens them on enter. What the
user wrote is data, never markup.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from rich.console import Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from interview_journal.tui.widgets.insight_charts import ScaledBars

OPENS = "›"
"""The mark of a line that lists the evaluations it rests on."""
READING = "reading…"


@dataclass(frozen=True)
class Chart:
    """A sign (or the share of key points made) over time, oldest first."""

    label: str
    values: tuple[float, ...]
    low: float
    high: float


@dataclass(frozen=True)
class ShownLine:
    """One line of a section as the list shows it."""

    key: str
    """Unique in the view; the highlight stays on it when the section is read again."""
    text: str
    """The line as plain text: what a screen reader reads (a chart: label and numbers)."""
    interview_ids: tuple[int, ...] = ()
    kind: str = "fact"
    """ "fact", "heading", "too-few" or "chart"."""
    chart: Chart | None = None
    numbers: str = ""
    """Beside a chart: first → last, the direction."""


@dataclass
class Section:
    """A section's title and its lines (None while it is being read)."""

    name: str
    title: str
    lines: list[ShownLine] | None = None
    index: dict[str, ShownLine] = field(default_factory=dict)


class InsightList(OptionList):
    """Every section, its title in bold accent, its lines under it."""

    COMPONENT_CLASSES = {
        "insight-list--title",
        "insight-list--heading",
        "insight-list--too-few",
        "insight-list--chart-low",
        "insight-list--chart-high",
    }
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]
    CELLS_PER_PERIOD = 3
    """Each period of a chart is this many cells wide from `WIDE` cells on (one below)."""
    WIDE = 76
    MOST_CELLS = 36
    LABEL_WIDTH = 21

    def __init__(self, titles: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.sections = {name: Section(name, title) for name, title in titles}
        self.lines: dict[str, ShownLine] = {}
        """Every line shown, by its key (the option's id)."""
        self._when_shown: list[Callable[[], None]] = []

    def on_mount(self) -> None:
        self._rebuild()

    def show_section(
        self, name: str, lines: list[ShownLine], shown: Callable[[], None] | None = None
    ) -> None:
        """Put a section's lines in place of what it showed, the highlight kept on the
        same line (by its key), else at the same place; `shown` is called once they are.

        Sections that arrive together are put in the list together: one rebuild for all
        (each costs about the same however few lines changed)."""
        self.sections[name].lines = lines
        if shown is not None:
            self._when_shown.append(shown)
        if not self._rebuild_due:
            self._rebuild_due = True
            self.call_later(self._rebuild_now)

    _rebuild_due = False

    def _rebuild_now(self) -> None:
        self._rebuild_due = False
        self._rebuild()
        callbacks, self._when_shown = self._when_shown, []
        for callback in callbacks:
            callback()

    def highlighted_line(self) -> ShownLine | None:
        if self.highlighted is None or self.highlighted >= self.option_count:
            return None
        key = self.get_option_at_index(self.highlighted).id
        return self.lines.get(key) if key else None

    def _rebuild(self) -> None:
        keep = self.highlighted_line()
        previous = self.highlighted
        options: list[Option] = []
        self.lines = {}
        title_style = self._look("title")
        for number, section in enumerate(self.sections.values()):
            title = Text(("\n" if number else "") + f" {section.title}", style=title_style)
            options.append(Option(title, disabled=True))
            if section.lines is None:
                reading = Text(f"   {READING}", style=self._look("too-few") + Style(italic=True))
                options.append(Option(reading, disabled=True))
                continue
            for place, line in enumerate(section.lines):
                self.lines[line.key] = line
                # a sub-heading is read, not stood on: j/k go from fact to fact
                prompt = self._line_prompt(line, first=place == 0)
                options.append(Option(prompt, id=line.key, disabled=line.kind == "heading"))
        self.set_options(options)
        keys = [option.id for option in self.options]
        if keep is not None and keep.key in keys:
            self.highlighted = keys.index(keep.key)
        elif previous is not None and self.option_count:
            self.highlighted = min(previous, self.option_count - 1)
            self._off_title(towards_start=False)
        else:
            self.highlighted = next((i for i, o in enumerate(self.options) if not o.disabled), None)

    def _look(self, name: str) -> Style:
        """A look of styles/insights.tcss, its colour blended as the theme shows it (a
        muted colour is a share of the text's) but without a background of its own, so
        the highlighted line keeps the highlight's."""
        style = self.get_component_rich_style(f"insight-list--{name}")
        return Style(color=style.color, bold=style.bold, italic=style.italic)

    def _line_prompt(self, line: ShownLine, *, first: bool) -> RenderableType:
        mark = OPENS if line.interview_ids else ""
        if line.chart is not None:
            return self._chart_row(line, line.chart)
        style = self._look(line.kind) if line.kind in ("heading", "too-few") else Style()
        grid = Table.grid(expand=True)
        grid.add_column(width=3, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(f" {mark}"), Text(line.text, style=style))
        if line.kind == "heading" and not first:
            return Group(Text(""), grid)  # a breath above each sub-heading after the first
        return grid

    def _chart_row(self, line: ShownLine, chart: Chart) -> RenderableType:
        width = self.scrollable_content_region.width or self.app.size.width
        cells = self.CELLS_PER_PERIOD if width >= self.WIDE else 1
        bars_width = min(self.MOST_CELLS, len(chart.values) * cells)
        low, high = self._look("chart-low").color, self._look("chart-high").color
        assert low is not None and high is not None
        grid = Table.grid(padding=(0, 1, 0, 0), expand=True)
        grid.add_column(width=2, no_wrap=True)  # with its gap, as wide as the mark's column
        grid.add_column(width=self.LABEL_WIDTH, no_wrap=True, overflow="ellipsis")
        grid.add_column(width=bars_width, no_wrap=True)
        grid.add_column(ratio=1)
        bars = ScaledBars(
            chart.values, width=bars_width, low=chart.low, high=chart.high, colours=(low, high)
        )
        grid.add_row(Text(""), Text(chart.label), bars, Text(line.numbers))
        return grid

    _width = 0

    def on_resize(self) -> None:
        # the charts' bars are as wide as the screen allows: draw them again when it changes
        width = self.scrollable_content_region.width
        if width != self._width:
            self._width = width
            self._rebuild()

    # --- never resting on a title -------------------------------------------------------

    def action_page_up(self) -> None:
        super().action_page_up()  # type: ignore[no-untyped-call]
        self._off_title(towards_start=True)

    def action_page_down(self) -> None:
        super().action_page_down()  # type: ignore[no-untyped-call]
        self._off_title(towards_start=False)

    def action_first(self) -> None:
        super().action_first()
        self.scroll_home(animate=False, immediate=True)  # the first title in sight too

    def _off_title(self, *, towards_start: bool) -> None:
        """Step off a title (or nothing) to the nearest line, the way it was going."""
        count = self.option_count
        here = self.highlighted
        if not count or (here is not None and not self.get_option_at_index(here).disabled):
            return
        here = (0 if towards_start else count - 1) if here is None else here
        if towards_start:
            order = list(range(here, -1, -1)) + list(range(here + 1, count))
        else:
            order = list(range(here, count)) + list(range(here - 1, -1, -1))
        self.highlighted = next(
            (i for i in order if not self.get_option_at_index(i).disabled), None
        )
