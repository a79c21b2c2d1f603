"""The timeline as a list: group headings, a "now" line, and one line per item.

Items arrive a page at a time (the screen reads them in a worker); headings are
disabled options, so the cursor skips them. Every line starts with a marker shape,
so done, planned, overdue, suggested and agreed dates differ without colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pendulum
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from interview_journal.dates import format_exact, relative_day
from interview_journal.domain.timeline import When
from interview_journal.domain.timeline_page import Group, LineKey, Source, TimelineItem, group_of
from interview_journal.present.timeline import Line, describe
from interview_journal.tui.widgets.grouped_list import GroupedList

STATES = ("done", "overdue", "suggested", "milestone")
"""The states with a look of their own (component classes `timeline-list--STATE`, set in
styles/lists.tcss); a planned line has the plain look."""
MORE_BEFORE_END = 20
"""Ask for the next page when the cursor is this close to the last line."""


class TimelineList(GroupedList[TimelineItem]):
    """The items of a timeline, grouped, with their headings."""

    COMPONENT_CLASSES = {f"timeline-list--{state}" for state in STATES}

    @dataclass
    class NeedMore(Message):
        """The cursor is near the end and there may be more items."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._now: datetime | None = None
        self._last_group: Group | None = None
        self._has_more = False
        self._entries: list[tuple[TimelineItem | None, Group | None]] = []
        self._rendered = 0
        """How many of `_entries` are options already."""

    # --- filling -----------------------------------------------------------------------

    def show_items(
        self,
        items: list[TimelineItem],
        now: datetime,
        *,
        has_more: bool,
        append: bool,
        keep_key: LineKey | None = None,
    ) -> None:
        """Show a first page (or add the next one), keeping the cursor on `keep_key`."""
        previous = str(keep_key) if keep_key is not None else self.highlighted_key()
        settings = getattr(self.app, "settings", None)
        self._week_starts = settings.week_starts if settings is not None else 0
        self._now = now
        self._has_more = has_more
        if not append:
            self.items = {}
            self._entries = []
            self._last_group = None
        for item in items:
            group = group_of(item, now.date(), self._week_starts)
            if group is not self._last_group:
                self._entries.append((None, group))
                self._last_group = group
            self._entries.append((item, None))
            self.items[str(item.key)] = item
        if not append and Group.TODAY not in {g for _, g in self._entries if g}:
            self._insert_now_heading()
        self._render_options(previous if not append else None, append=append)

    def _insert_now_heading(self) -> None:
        """The "now" line is always there, even with nothing due today."""
        place = len(self._entries)
        for index, (_, group) in enumerate(self._entries):
            if group is not None and group in (Group.THIS_WEEK, Group.LATER, Group.DONE):
                place = index
                break
        self._entries.insert(place, (None, Group.TODAY))

    def _render_options(self, keep: str | None, *, append: bool) -> None:
        width = max(self.size.width - 4, 40) if self.size.width else 96
        if append:
            self.add_options(self._options_for(self._entries[self._rendered :], width))
            self._rendered = len(self._entries)
            return
        self._rendered = len(self._entries)
        self.set_options(self._options_for(self._entries, width))
        target = None
        if keep is not None:
            for index, option in enumerate(self.options):
                if option.id == keep:
                    target = index
                    break
        if target is None:
            target = next((i for i, (item, _) in enumerate(self._entries) if item), None)
        self.highlighted = target

    def _options_for(
        self, entries: list[tuple[TimelineItem | None, Group | None]], width: int
    ) -> list[Option]:
        assert self._now is not None
        options = []
        for item, group in entries:
            if item is None:
                assert group is not None
                options.append(Option(self._heading(group, width), disabled=True))
            else:
                row = self._row(describe(item, self._now), width)
                options.append(Option(row, id=str(item.key)))
        return options

    def _heading(self, group: Group, width: int) -> Text:
        label = group.value.upper()
        if group is not Group.TODAY or self._now is None:
            return Text(label, style="bold")
        now = self._now
        stamp = f" now · {now:%a} {now.day} {now:%b %H:%M} "
        rule = max(width - len(label) - len(stamp) - 2, 4)
        left = rule // 2
        text = Text(label, style="bold")
        text.append(" " + "─" * left, style="dim")
        text.append(stamp, style="bold reverse")
        text.append("─" * (rule - left), style="dim")
        return text

    def _state_style(self, state: str) -> Style | None:
        if state not in STATES:
            return None
        return self.get_component_rich_style(f"timeline-list--{state}", partial=True)

    def _row(self, line: Line, width: int) -> Table:
        compact = width < 90
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=2, no_wrap=True)
        grid.add_column(width=16, no_wrap=True)
        grid.add_column(width=12 if compact else 18, no_wrap=True, overflow="ellipsis")
        grid.add_column(width=18 if compact else 24, no_wrap=True, overflow="ellipsis")
        grid.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        style = self._state_style(line.state)
        grid.add_row(
            Text(f" {line.marker}", style=style or "bold"),
            Text(line.when, style=style or ""),
            Text(line.company, style="" if line.state != "done" else "dim"),
            Text(line.what, style=style or ""),
            Text(line.detail, style="dim" if line.state != "suggested" else "italic"),
        )
        return grid

    def on_resize(self) -> None:
        if self._entries and self._now is not None:
            self._render_options(self.highlighted_key(), append=False)

    # --- reading -----------------------------------------------------------------------

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if (
            self._has_more
            and highlighted is not None
            and highlighted >= self.option_count - MORE_BEFORE_END
        ):
            self.post_message(self.NeedMore())


def timeline_preview(item: TimelineItem, now: pendulum.DateTime) -> Content:
    """What the pane under the timeline says about the highlighted line."""
    line = describe(item, now)
    interview = item.interview
    # the user's words go in as template variables: shown as typed, never as markup
    lines = [
        Content.from_markup(
            "[b]$title[/b] · $stage · $when",
            title=interview.title,
            stage=interview.stage.label,
            when=format_exact(interview.starts_at, now),
        ),
        Content.from_markup(
            "$marker [b]$what[/b] · $day",
            marker=line.marker,
            what=line.what,
            day=_date_words(item.when, now.date()),
        ),
    ]
    if item.entry is not None:
        entry = item.entry
        if entry.contact:
            lines[-1] += Content(f" · with {entry.contact}")
        if entry.reason.strip():
            lines.append(Content.from_markup("[dim]Reason:[/dim] $t", t=entry.reason.strip()))
        if entry.note.strip():
            lines.append(Content.from_markup("[dim]Note:[/dim] $t", t=entry.note.strip()))
    elif item.suggestion is not None:
        suggestion = item.suggestion
        lines.append(Content.from_markup("[dim]Why:[/dim] $t", t=suggestion.why))
        if suggestion.reason:
            lines.append(Content.from_markup("[dim]Say:[/dim] $t", t=suggestion.reason))
        lines.append(
            Content.from_markup(
                "[dim]A accepts it as a planned follow-up · D dismisses it for good[/dim]"
            )
        )
    elif item.source is Source.CONTACT_FROM:
        lines.append(Content("Get in touch only if you have something relevant to say."))
    return Content("\n").join(lines)


def _date_words(when: When, today: date) -> str:
    return (
        f"{when.day:%a} {when.day.day} {when.day:%b}"
        + (f" {when.at:%H:%M}" if when.at else "")
        + f" ({relative_day(when.day, today)})"
    )
