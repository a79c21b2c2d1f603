"""The daily review as a list: four sections with counts, empty ones folded to one line."""

from __future__ import annotations

import pendulum
from rich.console import Group as RenderGroup
from rich.table import Table
from rich.text import Text
from textual.widgets.option_list import Option

from interview_journal.dates import format_exact
from interview_journal.domain.review import Review, ReviewItem, Section
from interview_journal.domain.timeline_page import LineKey
from interview_journal.present.review import EMPTY_SECTION, marker, when_words
from interview_journal.tui.widgets.grouped_list import GroupedList

PrepLines = dict[int, list[str]]
"""Per upcoming interview id, the prep lines shown under it (questions, lessons)."""

LOOKS = {
    "!": "overdue",
    "◇": "suggested",
    "✎": "to-evaluate",
    "▸": "coming-up",
    "…": "waiting-on",
}
"""Per marker, the look of its line (component classes `review-list--LOOK`, set in
styles/review.tcss); a follow-up due today (○) has the plain look."""


class ReviewList(GroupedList[ReviewItem]):
    """Everything that needs the user today, in the order to work through it."""

    COMPONENT_CLASSES = {f"review-list--{look}" for look in LOOKS.values()}

    def show_review(
        self,
        review: Review,
        prep: PrepLines,
        now: pendulum.DateTime,
        keep_key: LineKey | None = None,
    ) -> None:
        keep = str(keep_key) if keep_key is not None else self.highlighted_key()
        previous = self.highlighted
        self.items = {}
        options: list[Option] = []
        for section in Section:
            found = review.sections[section]
            heading = Text(f"{section.value.upper()} ({len(found)})", style="bold")
            if not found:
                heading.append(f"  {EMPTY_SECTION[section]}", style="dim")
            options.append(Option(heading, disabled=True))
            for item in found:
                key = str(item.key)
                self.items[key] = item
                options.append(Option(self._row(item, prep, review.now), id=key))
        if review.needs_you == 0 and review.next_up is not None:
            upcoming = review.next_up
            when = format_exact(upcoming.starts_at, now)
            options.append(
                Option(Text(f"Next: {upcoming.title} — {when}", style="italic"), disabled=True)
            )
        self.set_options(options)
        keys = [option.id for option in self.options]
        if keep is not None and keep in keys:
            self.highlighted = keys.index(keep)
        elif previous is not None and self.option_count:
            # the line was done or snoozed away: stay where it was, on the next item
            self.highlighted = min(previous, self.option_count - 1)
            self._off_heading(towards_start=True)  # the next item down, else the one above
        else:
            self.highlighted = next((i for i, o in enumerate(self.options) if not o.disabled), None)

    def _row(
        self, item: ReviewItem, prep: PrepLines, now: pendulum.DateTime
    ) -> Table | RenderGroup:
        mark = marker(item)
        look = LOOKS.get(mark)
        style = (
            self.get_component_rich_style(f"review-list--{look}", partial=True) if look else None
        )
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=2, no_wrap=True)
        grid.add_column(width=15, no_wrap=True)
        grid.add_column(width=18, no_wrap=True, overflow="ellipsis")
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        company = item.interview.company if item.section is not Section.COMING_UP else ""
        text = item.text
        if item.section is Section.COMING_UP:
            company, text = item.interview.company, text.split(" — ", 1)[-1]
        grid.add_row(
            Text(f" {mark}", style=style or "bold"),
            Text(when_words(item, now), style=style or ""),
            Text(company),
            Text(text, style="italic" if item.suggestion else ""),
        )
        extra = prep.get(item.interview.id or 0) if item.section is Section.COMING_UP else None
        if not extra:
            return grid
        lines = [
            Text(f"     {line}", style="dim", no_wrap=True, overflow="ellipsis") for line in extra
        ]
        return RenderGroup(grid, *lines)
