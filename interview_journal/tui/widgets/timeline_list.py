"""The timeline as a list: group headings, a "now" line, and one line per item.

Items arrive a page at a time (the screen reads them in a worker); headings are
disabled options, so the cursor skips them. Every line starts with a marker shape,
so done, planned, overdue, suggested and agreed dates differ without colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import pendulum
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from interview_journal.dates import format_exact, relative_day
from interview_journal.domain.timeline import When
from interview_journal.domain.timeline_page import Group, LineKey, Source, TimelineItem, group_of
from interview_journal.present.timeline import Line, describe
from interview_journal.tui.widgets.grouped_list import ColumnsRow, GroupedList
from interview_journal.tui.widgets.interview_table import Want, fit_columns

STATES = ("done", "overdue", "suggested", "milestone")
"""The states with a look of their own (component classes `timeline-list--STATE`, set in
styles/lists.tcss); a planned line has the plain look."""
MORE_BEFORE_END = 20
"""Ask for the next page when the cursor is this close to the last line."""


class TimelineList(GroupedList[TimelineItem]):
    """The items of a timeline, grouped, with their headings."""

    COMPONENT_CLASSES = {f"timeline-list--{state}" for state in STATES} | {"timeline-list--heading"}

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
        self._words: dict[str, Line] = {}
        """Each item's words, by option id (the highlighted one is drawn again plain)."""
        self._widths: dict[str, int] = {}
        """The columns' widths, fitted to the lines of the last full build."""
        self._plain: int | None = None
        """The option drawn without its state's colour, because the cursor is on it."""

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
        width = self.size.width - 1 if self.size.width else 99  # one cell: the scrollbar
        self._plain = None
        if append:
            self.add_options(self._options_for(self._entries[self._rendered :], width))
            self._rendered = len(self._entries)
            return
        self._rendered = len(self._entries)
        self._words = {}
        self._widths = self._fit(width)
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

    def _line(self, item: TimelineItem) -> Line:
        key = str(item.key)
        if key not in self._words:
            assert self._now is not None
            self._words[key] = describe(item, self._now)
        return self._words[key]

    def _fit(self, width: int) -> dict[str, int]:
        """Widths from the lines shown: the reason (detail) gets what is left and is cut
        last; company gives way first, then what the line is."""
        lines = [self._line(item) for item, _ in self._entries if item is not None]
        widest = {
            "when": max((cell_len(line.when) for line in lines), default=4),
            "company": max((cell_len(line.company) for line in lines), default=7),
            "what": max((cell_len(line.what) for line in lines), default=4),
            "detail": max((cell_len(line.detail) for line in lines), default=6),
        }
        wants = [
            Want("marker", "", 2),
            Want("when", "", min(widest["when"], 18)),
            Want("company", "", min(widest["company"], 24)),
            Want("what", "", min(widest["what"], 26)),
            Want("detail", "", widest["detail"]),
        ]
        # the reason gives way last: company first, then what the line is, a step at a time
        shrink = [
            {"company": 14},
            {"what": 24},
            {"detail": 40},
            {"company": 10},
            {"what": 14},
            {"detail": 24},
            {"company": 8},
        ]
        # the grid's padding puts one cell between columns: none after the last
        columns = fit_columns(wants, width + 1, shrink=shrink, drop=[], grow="detail")
        return {column.key: column.width for column in columns}

    def _options_for(
        self, entries: list[tuple[TimelineItem | None, Group | None]], width: int
    ) -> list[Option]:
        options = []
        for item, group in entries:
            if item is None:
                assert group is not None
                options.append(Option(self._heading(group, width), disabled=True))
            else:
                options.append(Option(self._row(self._line(item)), id=str(item.key)))
        return options

    def _heading(self, group: Group, width: int) -> Text:
        label = group.value.upper()
        # as strong as the lines under it (a disabled line would be drawn muted otherwise)
        style = self.get_component_rich_style("timeline-list--heading", partial=True)
        if group is not Group.TODAY or self._now is None:
            return Text(label, style=style)
        now = self._now
        stamp = f" now · {now:%a} {now.day} {now:%b %H:%M} "
        rule = max(width - len(label) - len(stamp) - 2, 4)
        left = rule // 2
        text = Text(label, style=style)
        text.append(" " + "─" * left, style="dim")
        text.append(stamp, style="bold reverse")
        text.append("─" * (rule - left), style="dim")
        return text

    def _state_style(self, state: str) -> Style | None:
        if state not in STATES:
            return None
        return self.get_component_rich_style(f"timeline-list--{state}", partial=True)

    def _row(self, line: Line, *, plain: bool = False) -> ColumnsRow:
        """One line in columns; `plain` (under the cursor) leaves out the state's colour,
        so the cursor's colours win and an overdue line stays legible when highlighted."""
        widths = self._widths
        style = self._state_style(line.state)
        if plain:
            style = Style(bold=True) if line.state == "overdue" else None
        return ColumnsRow(
            self,
            [
                (f" {line.marker}", widths["marker"], style or "bold"),
                (line.when, widths["when"], style),
                (
                    line.company,
                    widths["company"],
                    "dim" if line.state == "done" and not plain else None,
                ),
                (line.what, widths["what"], style),
                (line.detail, widths["detail"], _detail_style(line.state, plain)),
            ],
        )

    def _draw(self, index: int | None, *, plain: bool) -> None:
        if index is None or index >= self.option_count:
            return
        option = self.get_option_at_index(index)
        line = self._words.get(option.id or "")
        if line is not None:
            self.replace_option_prompt_at_index(index, self._row(line, plain=plain))

    def on_resize(self) -> None:
        if self._entries and self._now is not None:
            self._render_options(self.highlighted_key(), append=False)

    # --- reading -----------------------------------------------------------------------

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted != self._plain and self._widths:
            self._draw(self._plain, plain=False)
            self._draw(highlighted, plain=True)
            self._plain = highlighted
        if (
            self._has_more
            and highlighted is not None
            and highlighted >= self.option_count - MORE_BEFORE_END
        ):
            self.post_message(self.NeedMore())


def _detail_style(state: str, plain: bool) -> str:
    if state == "suggested":
        return "italic"
    return "" if plain else "dim"


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
