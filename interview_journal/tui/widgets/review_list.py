"""The daily review as a list: four sections with counts, empty ones folded to one line,
and the follow-ups planned for the next 7 days folded under the ones due."""

from __future__ import annotations

import pendulum
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.widgets.option_list import Option

from interview_journal.dates import format_exact, relative_day
from interview_journal.domain.review import NEXT_DAYS, Review, ReviewItem, Section
from interview_journal.domain.timeline_page import LineKey
from interview_journal.present.review import EMPTY_SECTION, marker, when_words
from interview_journal.tui.widgets.grouped_list import ColumnsRow, GroupedList

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

NEXT_DAYS_FOLD = "next-days"
"""The id of the line that folds and unfolds the next days' follow-ups."""
COMPANY_WIDTH = 22
"""The company column is as wide as the longest company shown, up to this."""


class ReviewList(GroupedList[ReviewItem]):
    """Everything that needs the user today, in the order to work through it."""

    COMPONENT_CLASSES = {f"review-list--{look}" for look in LOOKS.values()} | {
        "review-list--heading",
        "review-list--fold",
    }

    next_days_shown = False
    """Whether the next days' follow-ups are unfolded (folded at first; kept while the
    app runs, since the review screen lives as long as the app)."""

    def on_fold_line(self) -> bool:
        """Whether the highlighted line is the one that folds the next days."""
        return self.highlighted_key() == NEXT_DAYS_FOLD

    def in_next_days(self) -> bool:
        """Whether the highlighted line is the fold line or one of the next days' rows."""
        item = self.highlighted_item()
        return self.on_fold_line() or (
            item is not None and item.section is Section.FOLLOW_UPS and item.overdue_days < 0
        )

    def show_review(
        self,
        review: Review,
        prep: PrepLines,
        now: pendulum.DateTime,
        keep_key: LineKey | str | None = None,
    ) -> None:
        keep = str(keep_key) if keep_key is not None else self.highlighted_key()
        previous = self.highlighted
        self.items = {}
        self._review = review
        self._prep = prep
        shown = [item for found in review.sections.values() for item in found]
        self._company_width = min(
            COMPANY_WIDTH if self.app.size.width >= 80 else COMPANY_WIDTH // 2,
            max(
                (cell_len(item.interview.company) for item in [*shown, *review.next_days]),
                default=8,
            ),
        )
        heading_style = self.get_component_rich_style("review-list--heading", partial=True)
        options: list[Option] = []
        for section in Section:
            found = review.sections[section]
            heading = Text(f"{section.value.upper()} ({len(found)})", style=heading_style)
            if not found:
                heading.append(f"  {EMPTY_SECTION[section]}", style="dim")
            options.append(Option(heading, disabled=True))
            for item in found:
                key = str(item.key)
                self.items[key] = item
                options.append(Option(self._row(item, prep, review.now), id=key))
            if section is Section.FOLLOW_UPS:
                options.extend(self._next_days(review, heading_style))
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

    def _next_days(self, review: Review, heading_style: Style) -> list[Option]:
        """The NEXT 7 DAYS heading, its fold line, and its rows when unfolded."""
        planned = review.next_days
        heading = Text(f"NEXT {NEXT_DAYS} DAYS ({len(planned)})", style=heading_style)
        if not planned:
            heading.append("  nothing planned", style="dim")
            return [Option(heading, disabled=True)]
        fold_style = self.get_component_rich_style("review-list--fold", partial=True)
        count = f"{len(planned)} planned in the next {NEXT_DAYS} days"
        fold = (
            Text(f" ▾  {count} — ← to fold", style=fold_style)
            if self.next_days_shown
            else Text(f" ▸  {count} — enter/space to show", style=fold_style)
        )
        options = [Option(heading, disabled=True), Option(fold, id=NEXT_DAYS_FOLD)]
        if self.next_days_shown:
            for item in planned:
                key = str(item.key)
                self.items[key] = item
                options.append(Option(self._row(item, {}, review.now), id=key))
        return options

    def set_next_days_shown(self, shown: bool) -> None:
        """Fold or unfold the next days, the cursor staying on the fold line."""
        if shown == self.next_days_shown or getattr(self, "_review", None) is None:
            return
        self.next_days_shown = shown
        self.show_review(self._review, self._prep, self._review.now, NEXT_DAYS_FOLD)

    def _row(self, item: ReviewItem, prep: PrepLines, now: pendulum.DateTime) -> ColumnsRow:
        mark = marker(item)
        look = LOOKS.get(mark)
        style = (
            self.get_component_rich_style(f"review-list--{look}", partial=True) if look else None
        )
        company = item.interview.company if item.section is not Section.COMING_UP else ""
        text = item.text
        if item.section is Section.COMING_UP:
            company, text = item.interview.company, text.split(" — ", 1)[-1]
        extra = prep.get(item.interview.id or 0) if item.section is Section.COMING_UP else None
        below = [
            Text(f"     {line}", style="dim", no_wrap=True, overflow="ellipsis")
            for line in extra or ()
        ]
        return ColumnsRow(
            self,
            [
                (f" {mark}", 2, style or "bold"),
                (self._when(item, now), 15, style),
                (company, self._company_width, "bold"),
                (f"· {text}", None, "italic" if item.suggestion else None),  # the rest
            ],
            below,
        )

    @staticmethod
    def _when(item: ReviewItem, now: pendulum.DateTime) -> str:
        """A next days' follow-up by its day ("tomorrow", "in 3 days"), else as said."""
        if item.section is Section.FOLLOW_UPS and item.overdue_days < 0:
            words = relative_day(item.when.day, now.date())
            return words + (f" {item.when.at:%H:%M}" if item.when.at is not None else "")
        return when_words(item, now)
