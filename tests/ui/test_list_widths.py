"""The lists at 100x30, 80x24 and 60x20: columns sized from what they hold and the width.

What a user reads is the rendered rows: nothing is cut without "…", there is a blank cell
between columns, company and role are whole when there is room, narrow terminals drop the
least important columns (Next, then Eval, then Stage), status has a shape and a colour,
and on the timeline the reason is what is cut last. The journal is the showcase (six
interviews with evaluations, follow-ups and suggestions), the clock is stopped.
"""

from __future__ import annotations

from typing import Any

import pytest
from rich.segment import Segment
from textual.widgets import DataTable

from interview_journal.services import demo
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.widgets.application_table import ApplicationTable
from interview_journal.tui.widgets.interview_table import InterviewTable
from interview_journal.tui.widgets.timeline_list import TimelineList
from tests.conftest import ZONE
from tests.ui.helpers import AnyPilot, press_and_settle, settle

SIZES = [(100, 30), (80, 24), (60, 20)]


def rendered(widget: Any, y: int) -> str:
    """Line `y` of a widget as the terminal shows it."""
    return "".join(segment.text for segment in widget.render_line(y))


def segments(widget: Any, y: int) -> list[Segment]:
    return list(widget.render_line(y))


def cut_well(shown: str, value: str) -> bool:
    """Whether a cell shows `value` whole, or its start and then "…"."""
    shown = shown.rstrip()
    return shown == value or (shown.endswith("…") and value.startswith(shown[:-1]))


def column_starts(table: DataTable[Any]) -> list[tuple[str, int, int]]:
    """(key, first cell, width) of every column, left to right."""
    starts, x = [], 0
    for column in table.ordered_columns:
        starts.append((str(column.key.value), x, column.get_render_width(table)))
        x += column.get_render_width(table)
    return starts


def check_table(table: DataTable[Any], full: dict[str, list[str]]) -> None:
    """Every rendered cell is its value whole or cut with "…", after one blank cell, and
    the columns fit the table (no horizontal scrolling)."""
    assert table.virtual_size.width <= table.scrollable_content_region.width
    assert table.styles.padding.left == 1  # the first column is off the edge
    assert not table.show_horizontal_scrollbar
    for row in range(table.row_count):
        line = rendered(table, row + 1)  # line 0 is the header
        for key, start, width in column_starts(table):
            cell = line[start : start + width]
            assert cell[-1] == " ", f"{key} touches the column after it: {line!r}"
            value = full[key][row]
            assert cut_well(cell, value), f"{key}: {cell!r} for {value!r}"


@pytest.fixture
def showcase(journal: Journal, clock: Any) -> Journal:
    journal.add_many(demo.showcase_journal(clock.now(), ZONE))
    return journal


def interview_values(table: InterviewTable) -> dict[str, list[str]]:
    """What each column would say with room enough, row by row."""
    values: dict[str, list[str]] = {}
    for interview in table.interviews:
        for key, value in table._values(interview).items():
            values.setdefault(key, []).append(value)
    return values


@pytest.mark.parametrize("size", SIZES)
async def test_interview_cells_fit_with_a_gap_and_an_ellipsis(
    showcase: Journal, clock: Any, size: tuple[int, int]
) -> None:
    app = make_app(showcase, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(InterviewTable)
        assert table.row_count == 6
        check_table(table, interview_values(table))


async def test_company_and_role_are_whole_at_100_and_nearly_at_80(
    showcase: Journal, clock: Any
) -> None:
    app = make_app(showcase, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(InterviewTable)
        text = "\n".join(rendered(table, y) for y in range(1, 7))
        for interview in table.interviews:
            assert interview.company in text and interview.role in text
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        for key in ("company", "role"):  # they share the cut: 16 cells each at least
            for cell in table.get_column(key):
                assert len(str(cell)) >= 15 or not str(cell).endswith("…")


@pytest.mark.parametrize(
    ("size", "columns"),
    [
        ((100, 30), ["when", "company", "role", "stage", "status", "eval", "next"]),
        ((80, 24), ["when", "company", "role", "stage", "status", "eval"]),
        ((60, 20), ["when", "company", "role", "status"]),
    ],
)
async def test_narrow_terminals_drop_next_then_eval_then_stage(
    showcase: Journal, clock: Any, size: tuple[int, int], columns: list[str]
) -> None:
    app = make_app(showcase, clock)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(InterviewTable)
        assert [key for key, _, _ in column_starts(table)] == columns
        header = rendered(table, 0)
        assert "Date" not in header  # one date column: relative here, exact in the preview


async def test_status_has_a_shape_and_the_themes_colour(showcase: Journal, clock: Any) -> None:
    app = make_app(showcase, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        table = app.screen.query_one(InterviewTable)
        colours = app.get_css_variables()
        wanted = {"▸ upcoming": "accent", "… awaiting": "warning", "✗ rejected": "error"}
        found = set()
        for y in range(2, 7):  # not line 1: the cursor's colours are on it
            for segment in segments(table, y):
                for words, variable in wanted.items():
                    if words in segment.text:
                        assert segment.style is not None and segment.style.color is not None
                        assert segment.style.color.name.lower() == colours[variable].lower()
                        found.add(words)
        assert found == set(wanted)
        assert "✓ 2·2·1" in rendered(table, 6)


async def test_the_help_explains_the_eval_and_status_signs(showcase: Journal, clock: Any) -> None:
    app = make_app(showcase, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await press_and_settle(pilot, "question_mark")
        legend = str(app.screen.query_one("#help-legend").render())
        assert "✓ 4·5·3" in legend and "key points" in legend and "draft" in legend
        assert "–" in legend and "★ offer" in legend and "✗ rejected" in legend


@pytest.mark.parametrize("size", SIZES)
async def test_application_cells_fit_with_a_gap_and_an_ellipsis(
    showcase: Journal, clock: Any, size: tuple[int, int]
) -> None:
    app = make_app(showcase, clock)
    async with app.run_test(size=size) as pilot:
        await press_and_settle(pilot, "4")
        table = app.screen.query_one(ApplicationTable)
        assert table.row_count == 6
        full: dict[str, list[str]] = {}
        for row in range(table.row_count):
            for column, cell in zip(table.ordered_columns, table.get_row_at(row), strict=True):
                full.setdefault(str(column.key.value), []).append(str(cell))
        # the cells' own text is clipped already: compare with the summaries' words
        titles = [s.application.title for s in table.summaries]
        full["title"] = titles
        check_table(table, full)
        text = "\n".join(rendered(table, y) for y in range(1, 7))
        if size[0] >= 80:
            assert all(title in text for title in titles)


def timeline_rows(timeline: TimelineList) -> list[tuple[str, Any]]:
    """(rendered line, its item's words) for each item line shown."""
    rows = []
    for y in range(timeline.size.height):
        index = y + round(timeline.scroll_y)
        if index >= timeline.option_count:
            break
        option = timeline.get_option_at_index(index)
        if option.id in timeline._words:
            rows.append((rendered(timeline, y), timeline._words[option.id]))
    return rows


def visible(line: str, value: str) -> str:
    """How much of `value` the line shows (ending in "…" when cut), or ""."""
    if value in line:
        return value
    for end in range(len(value) - 1, 0, -1):
        if value[:end] + "…" in line:
            return value[:end] + "…"
    return ""


@pytest.mark.parametrize("size", SIZES)
async def test_the_timeline_cuts_the_company_before_the_reason(
    showcase: Journal, clock: Any, size: tuple[int, int]
) -> None:
    app = make_app(showcase, clock)
    async with app.run_test(size=size) as pilot:
        await press_and_settle(pilot, "2")
        timeline = app.screen.query_one(TimelineList)
        rows = timeline_rows(timeline)
        assert len(rows) >= 4
        for line, words in rows:
            assert len(line.rstrip()) <= timeline.size.width
            for value in (words.company, words.what, words.detail):
                assert not value or visible(line, value), f"{value!r} cut without … in {line!r}"
            detail, company = visible(line, words.detail), visible(line, words.company)
            if detail.endswith("…"):
                # the reason is cut: the company gave way first and the reason has more room
                assert len(company) <= 14 and len(detail) > len(company)
        if size[0] == 100:
            widest = max(len(visible(line, words.detail)) for line, words in rows)
            assert widest >= 40


async def test_the_highlighted_timeline_line_takes_the_cursors_colours(
    showcase: Journal, clock: Any
) -> None:
    """A suggested (or overdue) line has a colour of its own; under the cursor it is drawn
    in the cursor's colours only, so it is never cyan (or red) on the cursor's blue."""
    app = make_app(showcase, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await press_and_settle(pilot, "2")
        timeline = app.screen.query_one(TimelineList)
        first = timeline.highlighted
        assert first is not None

        def colours(index: int) -> set[str]:
            y = index - round(timeline.scroll_y)
            return {
                str(segment.style.color)
                for segment in segments(timeline, y)
                if segment.text.strip() and segment.style and segment.style.color
            }

        assert len(colours(first)) == 1  # the cursor's foreground, nothing else
        await press_and_settle(pilot, "j")
        assert timeline.highlighted != first
        assert len(colours(first)) > 1  # moved away: its state colour is back
        assert len(colours(timeline.highlighted or 0)) == 1


async def burst_resize(pilot: AnyPilot) -> None:
    for width, height in SIZES:
        await pilot.resize_terminal(width, height)
    await settle(pilot)


async def test_resizing_refits_every_list(showcase: Journal, clock: Any) -> None:
    app = make_app(showcase, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await burst_resize(pilot)
        table = app.screen.query_one(InterviewTable)
        check_table(table, interview_values(table))
        assert [key for key, _, _ in column_starts(table)] == ["when", "company", "role", "status"]
        assert table.styles.scrollbar_size_vertical == 1  # a thin bar, never a stray glyph
