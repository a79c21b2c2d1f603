"""Shared Pilot helpers: wait for the app to settle and read what the screen shows.

Everything here reads what a user would see (the cells of the table, the text of a
static, the toasts on screen); nothing reaches into the store behind the app's back.
"""

from __future__ import annotations

import asyncio
import unicodedata
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Any, Protocol

import pytest
from textual import events
from textual.app import App
from textual.coordinate import Coordinate
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static, TextArea
from textual.widgets._toast import Toast
from textual.widgets.option_list import Option
from textual.worker import WorkerCancelled

from interview_journal.tui.dialogs.choose import ChooseScreen
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.widgets.interview_table import InterviewTable

AnyApp = App[Any]
AnyPilot = Pilot[Any]


async def settle(pilot: AnyPilot) -> None:
    """Let every worker (list reads run in threads) finish and the screen catch up.

    A read the app cancelled because a newer one replaced it (typing on in the search
    box) is not an error; a worker that failed is raised. (Textual's own
    `wait_for_complete` raises for the first cancelled one, which on a loaded machine
    is still in the list when the test asks.)"""
    outcomes = await asyncio.gather(
        *(worker.wait() for worker in pilot.app.workers), return_exceptions=True
    )
    for outcome in outcomes:
        if isinstance(outcome, BaseException) and not isinstance(outcome, WorkerCancelled):
            raise outcome
    await pilot.pause()


async def until(pilot: AnyPilot, condition: Callable[[], bool], what: str) -> None:
    """Wait for something the user would see, for at most ten seconds."""
    for _ in range(400):
        await pilot.pause(0.025)
        if condition():
            return
    pytest.fail(f"never happened: {what}")


def key_event(key: str) -> events.Key:
    """The event a terminal's driver makes of one key (as Pilot does, without its waits)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def burst(app: App[Any], *keys: str) -> None:
    """Every key at once: all are queued before the app handles the first."""
    assert app._driver is not None
    for key in keys:
        event = key_event(key)
        event.set_sender(app)
        app._driver.send_message(event)


async def type_at_once(pilot: AnyPilot, box: Input | TextArea, text: str) -> None:
    """Type `text` into `box` as one burst (a fast typist, a paste of keys), then wait
    until the box shows it: one wait for all the keys instead of Pilot's per key."""
    box.focus()
    await pilot.pause()
    burst(pilot.app, *text)

    def shown() -> bool:
        return (box.text if isinstance(box, TextArea) else box.value).endswith(text)

    await until(pilot, shown, f"{text!r} typed into #{box.id}")


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
    """The cells of one column ("when", "company", "role", "stage", "status", "eval", "next")."""
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


class KeyedList(Protocol):
    """A list whose lines have keys (option ids), as the review and the timeline are."""

    @property
    def options(self) -> Sequence[Option]: ...

    def highlighted_key(self) -> str | None: ...


async def move_cursor_to(pilot: AnyPilot, listing: KeyedList, key: str) -> None:
    """Move the cursor with j/k (as a user would) until the line with `key` is highlighted."""
    wanted = [option.id for option in listing.options if option.id is not None]
    assert key in wanted, wanted
    for _ in range(len(listing.options) * 2):
        here = listing.highlighted_key()
        if here == key:
            return
        below = here is None or wanted.index(key) > wanted.index(here)
        await pilot.press("j" if below else "k")
    assert listing.highlighted_key() == key


async def choose(pilot: AnyPilot, label: str) -> None:
    """Pick `label` in the open ChooseScreen with the arrow keys and enter."""
    screen = pilot.app.screen
    assert isinstance(screen, ChooseScreen), screen
    options = screen.query_one(OptionList)
    labels = [str(option.prompt) for option in options.options]
    target = labels.index(label)
    while options.highlighted != target:
        await pilot.press("down" if (options.highlighted or 0) < target else "up")
    await press_and_settle(pilot, "enter")


async def focus_field(pilot: AnyPilot, name: str) -> None:
    """Tab through the form until the field `#field-NAME` is focused."""
    for _ in range(12):
        if focused_id(pilot.app) == f"field-{name}":
            return
        await pilot.press("tab")
    assert focused_id(pilot.app) == f"field-{name}"


@asynccontextmanager
async def on_the_evaluation(app: AnyApp, size: tuple[int, int]) -> AsyncIterator[AnyPilot]:
    """Run `app` (made with `evaluate=ID`) with notifications until its evaluation screen
    is on top and settled."""
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, EvaluationScreen), app.screen
        yield pilot
