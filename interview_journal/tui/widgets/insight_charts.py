"""The small charts of Insights: a sign, or the share of key points made, over time, on a
fixed scale, with the numbers beside it (a screen reader reads the numbers)."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean

from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.renderables._blend_colors import blend_colors
from textual.renderables.sparkline import Sparkline as SparklineRenderable
from textual.widgets import Sparkline, Static

from interview_journal.domain.insights import SIGNS, KeyPoints, Signs, enough

Colours = tuple[Color, Color]
"""The colours of the lowest and the highest bar."""


class _ScaledBars(SparklineRenderable[float]):
    """A one-row sparkline on a fixed scale (`low` to `high`): a mean of 3.9 then 4.1 out
    of 5 is drawn as the small step it is, not as the lowest bar then the highest."""

    def __init__(
        self, data: Sequence[float], *, width: int, low: float, high: float, colours: Colours
    ) -> None:
        super().__init__(data, width=width, height=1, min_color=colours[0], max_color=colours[1])
        self.low, self.high = low, high

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = self.width or options.max_width
        buckets = list(self._buckets(list(self.data), num_buckets=width))
        extent = (self.high - self.low) or 1
        low_colour, high_colour = self.min_color.color, self.max_color.color
        assert low_colour is not None and high_colour is not None
        for cell in range(width):
            bucket = buckets[cell * len(buckets) // width]
            ratio = min(1.0, max(0.0, (fmean(bucket) - self.low) / extent))
            bar = self.BARS[min(len(self.BARS) - 1, int(ratio * len(self.BARS)))]
            yield Segment(bar, Style.from_color(blend_colors(low_colour, high_colour, ratio)))


class ScaledSparkline(Sparkline):
    """Textual's Sparkline, on a fixed scale (ratings 1 to 5, shares 0 to 100)."""

    def __init__(self, data: Sequence[float], *, low: float, high: float) -> None:
        super().__init__(data)
        self.low, self.high = low, high

    def render(self) -> RenderableType:
        _, base = self.background_colors
        low = base + self.get_component_styles("sparkline--min-color").color
        high = base + self.get_component_styles("sparkline--max-color").color
        return _ScaledBars(
            list(self.data or []),
            width=self.size.width,
            low=self.low,
            high=self.high,
            colours=(low.rich_color, high.rich_color),
        )


class InsightChart(Horizontal, can_focus=True):
    """A sign (or the share of key points made) over time: its label, the chart oldest to
    newest, and the numbers beside it (first → last, the direction), so the chart is never
    the only place a figure is."""

    CELLS_PER_PERIOD = 3
    """Each period is this many cells wide from `WIDE` cells on (one cell below)."""
    WIDE = 70
    MOST_CELLS = 36
    def __init__(
        self,
        label: str,
        values: Sequence[float],
        numbers: str,
        *,
        low: float,
        high: float,
        key: str = "",
    ) -> None:
        super().__init__(classes="insight-chart")
        self.label = label
        self.values = tuple(values)
        self.numbers = numbers
        self.low, self.high = low, high
        self.key = key or label
        self.interview_ids: tuple[int, ...] = ()

    @property
    def text(self) -> str:
        """The line as plain text: what the numbers say."""
        return f"{self.label}: {self.numbers}"

    def compose(self) -> ComposeResult:
        yield Static(Text(self.label), classes="chart-label")
        yield ScaledSparkline(self.values, low=self.low, high=self.high)
        yield Static(Text(self.numbers), classes="chart-numbers")

    def on_resize(self) -> None:
        # every chart of the view as wide as the others (the same number of periods), and
        # narrower on a narrow screen, so the numbers beside them keep their room
        cells = self.CELLS_PER_PERIOD if self.size.width >= self.WIDE else 1
        width = min(self.MOST_CELLS, len(self.values) * cells)
        self.query_one(ScaledSparkline).styles.width = width


# --- what is charted ------------------------------------------------------------------------


def sign_values(signs: Signs, sign: str) -> list[float]:
    """The means of one sign, oldest first, over the periods that rest on enough."""
    return [
        mean
        for period in signs.periods
        if enough(period.based_on) and (mean := period.means.get(sign)) is not None
    ]


def made_shares(key_points: KeyPoints) -> list[float]:
    """The share of planned points made (0 to 100), oldest first, over the periods that
    rest on enough."""
    return [
        100 * share.made / share.planned
        for share in key_points.over_time
        if enough(share.based_on) and share.planned
    ]


def sign_chart(signs: Signs, sign: str, numbers: str) -> InsightChart | None:
    """The chart of one sign (ratings 1 to 5), or None when fewer than two periods rest on
    enough: then the numbers alone say it."""
    values = sign_values(signs, sign)
    if not enough(signs.based_on) or len(values) < 2:
        return None
    return InsightChart(SIGNS[sign], values, numbers, low=1, high=5, key=f"chart:{sign}")


def made_chart(key_points: KeyPoints) -> InsightChart | None:
    """The share of key points made over time, first → last, or None (as `sign_chart`)."""
    values = made_shares(key_points)
    if not enough(key_points.based_on) or len(values) < 2:
        return None
    first, last = round(values[0]), round(values[-1])
    change = last - first
    direction = "steady" if abs(change) < 5 else "up" if change > 0 else "down"
    numbers = f"{first}% → {last}% ({direction})"
    return InsightChart("Points made", values, numbers, low=0, high=100, key="chart:made")
