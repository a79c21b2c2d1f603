"""The small charts of Insights: a sign, or the share of key points made, over time, on a
fixed scale; the list draws each beside its numbers (a screen reader reads the numbers)."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import fmean

from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from textual.renderables._blend_colors import blend_colors
from textual.renderables.sparkline import Sparkline

from interview_journal.domain.insights import KeyPoints, Signs, enough

Colours = tuple[Color, Color]
"""The colours of the lowest and the highest bar."""


class ScaledBars(Sparkline[float]):
    """Textual's sparkline, in one row on a fixed scale (`low` to `high`): a mean of 3.9
    then 4.1 out of 5 is drawn as the small step it is, not as the lowest bar then the
    highest (Textual's own scales from the least value shown to the greatest)."""

    def __init__(
        self, data: Sequence[float], *, width: int, low: float, high: float, colours: Colours
    ) -> None:
        super().__init__(data, width=width, height=1, min_color=colours[0], max_color=colours[1])
        self.low, self.high = low, high

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = self.width or options.max_width
        buckets = list(self._buckets(list(self.data), num_buckets=width))
        if not buckets:
            return
        extent = (self.high - self.low) or 1
        low_colour, high_colour = self.min_color.color, self.max_color.color
        assert low_colour is not None and high_colour is not None
        for cell in range(width):
            bucket = buckets[cell * len(buckets) // width]
            ratio = min(1.0, max(0.0, (fmean(bucket) - self.low) / extent))
            bar = self.BARS[min(len(self.BARS) - 1, int(ratio * len(self.BARS)))]
            yield Segment(bar, Style.from_color(blend_colors(low_colour, high_colour, ratio)))


# --- what is charted ------------------------------------------------------------------------


def sign_values(signs: Signs, sign: str) -> list[float]:
    """The means of one sign, oldest first, over the periods that rest on enough; none
    when fewer than two do (then the numbers alone say it: never an empty chart)."""
    values = [
        mean
        for period in signs.periods
        if enough(period.based_on) and (mean := period.means.get(sign)) is not None
    ]
    return values if enough(signs.based_on) and len(values) >= 2 else []


def made_shares(key_points: KeyPoints) -> list[float]:
    """The share of planned points made (0 to 100), oldest first, over the periods that
    rest on enough; none when fewer than two do."""
    values = [
        100 * share.made / share.planned
        for share in key_points.over_time
        if enough(share.based_on) and share.planned
    ]
    return values if enough(key_points.based_on) and len(values) >= 2 else []


def made_numbers(values: Sequence[float]) -> str:
    """ "11% → 56% (up)": the first and the latest share, and which way it went."""
    first, last = round(values[0]), round(values[-1])
    change = last - first
    direction = "steady" if abs(change) < 5 else "up" if change > 0 else "down"
    return f"{first}% → {last}% ({direction})"
