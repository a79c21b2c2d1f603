"""Terminal sizes: every screen and dialog at 80×24, 40×12, 20×10 and 200×60, and resizing
while typing.

A terminal can be any size, and people resize (a split pane, a laptop lid, a font zoom)
in the middle of writing. Every screen and dialog is opened the way a user opens it (its
key) and the terminal is taken through every size; the app is also started at each size
and its views opened there. `run_test` re-raises anything that crashed the app, so getting
to the end of a session means every layout and render went through. Then text is typed
into each kind of field, the terminal is resized through every size, and the text must
still be there, with the cursor still in that field, and typing must go on where it left off.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Input, TextArea

from interview_journal.dates import FixedClock
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.ask_date import AskDateScreen
from interview_journal.tui.dialogs.choose import ChooseScreen
from interview_journal.tui.dialogs.confirm import ConfirmScreen
from interview_journal.tui.dialogs.help import HelpScreen
from interview_journal.tui.screens.entry_form import EntryFormScreen
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.screens.prep import PrepScreen
from interview_journal.tui.screens.review import ReviewScreen
from interview_journal.tui.screens.timeline import TimelineScreen
from tests.ui.helpers import AnyApp, AnyPilot, focused_id, press_and_settle, settle, type_text

SIZES = [(80, 24), (40, 12), (20, 10), (200, 60)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
INITECH = 4
"""Held yesterday in the showcase journal: it has an evaluation to write and a timeline."""

Opener = Callable[[AnyPilot], Awaitable[None]]


async def keys(pilot: AnyPilot, *pressed: str) -> None:
    for key in pressed:
        await press_and_settle(pilot, key)


async def to_initech(pilot: AnyPilot) -> None:
    """Highlight Initech in the list with j / k, as a user would."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, InterviewsScreen)
    for _ in range(12):
        highlighted = screen.table.highlighted()
        if highlighted is not None and highlighted.id == INITECH:
            return
        await pilot.press("j")
    highlighted = screen.table.highlighted()
    assert highlighted is not None and highlighted.id == INITECH


async def snooze_to_a_typed_date(pilot: AnyPilot) -> None:
    await keys(pilot, "3", "z")
    assert isinstance(pilot.app.screen, ChooseScreen)
    await keys(pilot, "end", "enter")  # "A date I type…"


async def on_initech(pilot: AnyPilot, *pressed: str) -> None:
    await to_initech(pilot)
    await keys(pilot, *pressed)


SCREENS: dict[str, tuple[Opener, type[Screen[Any]]]] = {
    "interviews list": (lambda pilot: keys(pilot), InterviewsScreen),
    "new interview form": (lambda pilot: keys(pilot, "a"), InterviewFormScreen),
    "detail": (lambda pilot: on_initech(pilot, "enter"), InterviewDetailScreen),
    "evaluation": (lambda pilot: on_initech(pilot, "v"), EvaluationScreen),
    "timeline": (lambda pilot: keys(pilot, "2"), TimelineScreen),
    "timeline of one interview": (lambda pilot: on_initech(pilot, "t"), TimelineScreen),
    "entry form": (lambda pilot: on_initech(pilot, "t", "n"), EntryFormScreen),
    "review": (lambda pilot: keys(pilot, "3"), ReviewScreen),
    "prep": (lambda pilot: keys(pilot, "3", "p"), PrepScreen),
    "help": (lambda pilot: keys(pilot, "question_mark"), HelpScreen),
    "confirm dialog": (lambda pilot: keys(pilot, "d"), ConfirmScreen),
    "choose dialog": (lambda pilot: keys(pilot, "f"), ChooseScreen),
    "ask-date dialog": (snooze_to_a_typed_date, AskDateScreen),
}


def check_shown(app: AnyApp, name: str, expected: type[Screen[Any]], size: tuple[int, int]) -> None:
    assert isinstance(app.screen, expected), f"{name} at {size}: {app.screen!r} is on top"
    assert tuple(app.size) == size
    assert app.is_running and app._exception is None


@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_screen_and_dialog_at_every_size(
    showcase_journal: Journal, clock: FixedClock, name: str
) -> None:
    """Opened at 80×24, then the terminal goes to 40×12, 20×10 and 200×60."""
    open_it, expected = SCREENS[name]
    app = make_app(showcase_journal, clock)
    async with app.run_test(size=SIZES[0]) as pilot:
        await settle(pilot)
        await open_it(pilot)
        check_shown(app, name, expected, SIZES[0])
        for size in SIZES[1:]:
            await pilot.resize_terminal(*size)
            await settle(pilot)
            check_shown(app, name, expected, size)
    assert app._exception is None


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
async def test_the_app_starts_at_this_size_and_every_view_opens(
    showcase_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """Started at `size` (not resized to it): on an evaluation (`evaluate 4`), then the
    list, the timeline and the review (each sized to the terminal as it is first drawn)."""
    app = make_app(showcase_journal, clock, evaluate=INITECH)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        check_shown(app, "evaluation", EvaluationScreen, size)
        await keys(pilot, "escape")
        check_shown(app, "interviews list", InterviewsScreen, size)
        await keys(pilot, "2")
        check_shown(app, "timeline", TimelineScreen, size)
        await keys(pilot, "3")
        check_shown(app, "review", ReviewScreen, size)
    assert app._exception is None


TINY = (10, 6)


@pytest.mark.parametrize("opened", ["opened narrow", "narrowed while open"])
async def test_the_choose_dialog_survives_a_ten_column_terminal(
    showcase_journal: Journal, clock: FixedClock, opened: str
) -> None:
    app = make_app(showcase_journal, clock)
    start = TINY if opened == "opened narrow" else (100, 30)
    async with app.run_test(size=start) as pilot:
        await settle(pilot)
        await keys(pilot, "f")  # the status filter: a ChooseScreen
        await pilot.resize_terminal(*TINY)
        await settle(pilot)
        check_shown(app, "choose dialog", ChooseScreen, TINY)


# --- resizing while typing ------------------------------------------------------------------


async def focus(pilot: AnyPilot, widget_id: str) -> None:
    """Put the cursor in the field (as a click would; tabbing there is tested elsewhere)."""
    if focused_id(pilot.app) != widget_id:
        pilot.app.screen.query_one(f"#{widget_id}").focus()
        await pilot.pause()
    assert focused_id(pilot.app) == widget_id


def value_of(app: AnyApp, widget_id: str) -> str:
    widget = app.screen.query_one(f"#{widget_id}")
    if isinstance(widget, TextArea):
        return widget.text
    assert isinstance(widget, Input)
    return widget.value


async def form(pilot: AnyPilot) -> list[str]:
    await keys(pilot, "a")
    return ["field-company", "field-notes"]


async def evaluation(pilot: AnyPilot) -> list[str]:
    await on_initech(pilot, "v")
    return ["field-went_well"]


async def entry_form(pilot: AnyPilot) -> list[str]:
    await on_initech(pilot, "t", "n")
    return ["field-reason"]


async def search_box(pilot: AnyPilot) -> list[str]:
    await keys(pilot, "slash")
    return ["search"]


async def ask_date(pilot: AnyPilot) -> list[str]:
    await snooze_to_a_typed_date(pilot)
    return ["date-input"]


FORMS: dict[str, Callable[[AnyPilot], Awaitable[list[str]]]] = {
    "interview form: company (Input), notes (TextArea)": form,
    "evaluation: went well (TextArea)": evaluation,
    "entry form: reason (TextArea)": entry_form,
    "search box": search_box,
    "ask-date dialog": ask_date,
}


@pytest.mark.parametrize("where", list(FORMS))
async def test_resizing_while_typing_keeps_the_text_and_the_focus(
    showcase_journal: Journal, clock: FixedClock, where: str
) -> None:
    app = make_app(showcase_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        widget_ids = await FORMS[where](pilot)
        screen = app.screen
        for widget_id in widget_ids:
            await focus(pilot, widget_id)
            before = value_of(app, widget_id)
            typed = ""
            for number, size in enumerate(SIZES):
                word = f"w{number} "
                await type_text(pilot, word)
                typed += word
                await pilot.resize_terminal(*size)
                await settle(pilot)
                assert app.screen is screen, f"resizing to {size} left {screen!r}"
                assert focused_id(app) == widget_id, f"the cursor left {widget_id} at {size}"
                assert value_of(app, widget_id) == before + typed, f"{widget_id} at {size}"
            await type_text(pilot, "end")  # typing carries on where it left off
            assert value_of(app, widget_id) == before + typed + "end"
        if isinstance(screen, EvaluationScreen):
            await pilot.press("escape")  # back: writes what is on screen
            await settle(pilot)
    if where.startswith("evaluation"):
        evaluation = showcase_journal.get_evaluation(INITECH)
        assert evaluation is not None
        assert evaluation.went_well == "w0 w1 w2 w3 end"
