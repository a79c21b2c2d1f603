"""Shared Pilot helpers: wait for the app to settle and read what the screen shows.

Everything here reads what a user would see (the cells of the table, the text of a
static, the toasts on screen); nothing reaches into the store behind the app's back.
"""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.coordinate import Coordinate
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, Static
from textual.widgets._toast import Toast

from interview_journal.tui.widgets.interview_table import InterviewTable

AnyApp = App[Any]
AnyPilot = Pilot[Any]


async def settle(pilot: AnyPilot) -> None:
    """Let every worker (list reads run in threads) finish and the screen catch up."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press_and_settle(pilot: AnyPilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot)


async def type_text(pilot: AnyPilot, text: str) -> None:
    """Type `text` key by key (ASCII only: pilot.press cannot type emoji)."""
    await pilot.press(*text)


def interview_table(app: AnyApp) -> InterviewTable:
    return app.screen.query_one(InterviewTable)


def table_rows(app: AnyApp) -> list[list[str]]:
    """Every row the Interviews table holds, as the text of its cells."""
    table = interview_table(app)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def table_text(app: AnyApp) -> str:
    return "\n".join(" ".join(row) for row in table_rows(app))


def column(app: AnyApp, key: str) -> list[str]:
    """The cells of one column ("when", "date", "company", "role", "stage", "status")."""
    table: DataTable[Any] = interview_table(app)
    return [str(cell) for cell in table.get_column(key)]


def companies(app: AnyApp) -> list[str]:
    """The Company column, top to bottom (long names are clipped with "…" on screen)."""
    return column(app, "company")


def shows(cell: str, text: str) -> bool:
    """Whether a table cell shows `text`, or as much of it as fits (clipped with "…")."""
    return cell == text or (cell.endswith("…") and text.startswith(cell[:-1]))


def cursor_company(app: AnyApp) -> str:
    """The company of the highlighted row, as the table shows it."""
    table = interview_table(app)
    return str(table.get_cell_at(Coordinate(table.cursor_row, table.get_column_index("company"))))


def cursor_row(app: AnyApp) -> list[str]:
    """The cells of the row under the cursor."""
    table = interview_table(app)
    return [str(cell) for cell in table.get_row_at(table.cursor_row)]


def text_of(app: AnyApp, selector: str) -> str:
    """The plain text a Static (or Label) on the current screen shows."""
    return str(app.screen.query_one(selector, Static).render())


def shown(app: AnyApp, selector: str) -> bool:
    """Whether the widget is displayed (and so can be seen, space permitting)."""
    widget = app.screen.query_one(selector)
    return bool(widget.display)


def input_value(app: AnyApp, selector: str) -> str:
    return app.screen.query_one(selector, Input).value


def focused_id(app: AnyApp) -> str | None:
    return app.focused.id if app.focused is not None else None


def toasts(app: AnyApp) -> list[str]:
    """The notifications on screen (needs `run_test(notifications=True)`)."""
    return [str(toast.render()) for toast in app.screen.query(Toast)]
