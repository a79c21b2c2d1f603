"""Keys typed ahead: a whole sequence arrives at once, as a paste or a fast typist sends it.

Pilot's `press` waits between keys, which hides every race of a real terminal. Here all
keys of a scenario are handed to the driver in one go, with no waits, before the app has
handled the first; then the test waits for what the user would see. Each scenario is the
one a user reported: letters of a search running as commands (`d` deleted an interview),
the start of a new interview's company lost while the form opened, text overtaken by
ctrl+e, `3` then `x` finding nothing to act on.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.screen import Screen
from textual.widgets import Input, TextArea

from interview_journal.dates import FixedClock
from interview_journal.domain.review import Section
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.screens.review import ReviewScreen
from tests.ui.helpers import burst, companies, settle, until

SIZE = (100, 30)
VANDELAY, GLOBEX = 3, 5
"""Showcase interviews: Vandelay was held yesterday and is not yet evaluated."""


def letters(text: str) -> list[str]:
    return list(text)


def value_on(app: App[Any], kind: type[Screen[Any]], selector: str) -> str | None:
    """The text in the field `selector` once a `kind` screen is on top and has built it
    (a screen that has just been pushed may not have its fields yet)."""
    if not isinstance(app.screen, kind):
        return None
    fields = app.screen.query(selector).results(Input)
    field = next(fields, None)
    return None if field is None else field.value


@contextlib.contextmanager
def editor_appending(monkeypatch: pytest.MonkeyPatch, marker: str) -> Iterator[list[str]]:
    """ctrl+e's editor: what it was given is recorded, and it adds a line.

    The headless test driver cannot hand the terminal to another program, so the
    suspend is a no-op and the editor a function; what the screen gives it and does with
    its answer is the app's real code.
    """
    given: list[str] = []

    def edit(text: str, **_: Any) -> str:
        given.append(text)
        return f"{text}\n{marker}\n"

    monkeypatch.setattr("click.edit", edit)
    monkeypatch.setattr(App, "suspend", lambda self: contextlib.nullcontext())
    yield given


async def test_a_search_typed_at_once_after_slash_stays_in_the_search_box(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """`/Nordlys dse` in one read: every letter is search text, none runs as a command
    (`d` would delete, `s` re-sort, `e` open a form)."""
    before = showcase_journal.count_interviews()
    app = make_app(showcase_journal, clock, view="interviews")
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "/", *letters("Nordlys dse"))
        search = app.screen.query_one("#search", Input)
        await until(pilot, lambda: search.value == "Nordlys dse", "the search holds the text")
        await settle(pilot)
        assert isinstance(app.screen, InterviewsScreen)
        assert app.focused is search
        assert search.value == "Nordlys dse"
    assert showcase_journal.count_interviews() == before


async def test_a_search_typed_when_the_window_comes_back_stays_in_the_search_box(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """The window lost focus (another terminal tab, a browser tab in the background) and
    the first keys come before anything says it is back: Textual then gives the focus back
    to the list on the first key and hands the key there. With the list slow to take it (a
    loaded machine), `/Nordlys dse` must still all be search text."""
    before = showcase_journal.count_interviews()
    app = make_app(showcase_journal, clock, view="interviews")
    async with app.run_test(size=SIZE) as pilot:
        table = app.screen.query_one("#interviews")
        await until(pilot, lambda: app.focused is table, "the list has the focus")
        app.post_message(events.AppBlur())
        await until(pilot, lambda: app.focused is None, "the window lost the focus")

        async def busy() -> None:  # the list is still drawing when the keys arrive
            await asyncio.sleep(0.3)

        table.call_later(busy)
        burst(app, "/", *letters("Nordlys dse"))
        search = app.screen.query_one("#search", Input)
        await until(pilot, lambda: search.value == "Nordlys dse", "the search holds the text")
        await settle(pilot)
        assert app.focused is search
        assert search.value == "Nordlys dse"
    assert showcase_journal.count_interviews() == before


async def test_keys_typed_before_the_first_page_wait_for_it(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """Typed while the app is still starting: the search opens and gets every letter."""
    before = showcase_journal.count_interviews()
    app = make_app(showcase_journal, clock, view="interviews")
    async with app.run_test(size=SIZE) as pilot:
        burst(app, "/", *letters("hooli"))
        search = app.screen.query_one("#search", Input)
        await until(pilot, lambda: search.value == "hooli", "the search holds the text")
        await settle(pilot)
        assert companies(app) == ["Hooli"]
        assert app.focused is search
    assert showcase_journal.count_interviews() == before


async def test_switching_to_the_list_then_slash_opens_the_search(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """From the review, `1/ini` at once: the `/` is a command on the list, not text."""
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "1", "/", *letters("ini"))
        await until(
            pilot,
            lambda: value_on(app, InterviewsScreen, "#search") == "ini",
            "the list's search holds the text",
        )
        await settle(pilot)
        assert companies(app) == ["Initech"]


async def test_a_company_typed_right_after_a_reaches_the_form(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """`a` then `Acme Logistics` at once: the form opens and its first field has it all."""
    app = make_app(showcase_journal, clock, view="interviews")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "a", *letters("Acme Logistics"), "tab", *letters("Data Engineer"))
        await until(
            pilot,
            lambda: value_on(app, InterviewFormScreen, "#field-role") == "Data Engineer",
            "the role field holds the text",
        )
        assert app.screen.query_one("#field-company", Input).value == "Acme Logistics"


async def test_ctrl_e_gets_every_key_typed_before_it(
    showcase_journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sentence and ctrl+e in one read: the editor opens on the field the user is in,
    with the whole sentence, and nothing is inserted afterwards."""
    sentence = "Told the migration story clearly and kept to time"
    app = make_app(showcase_journal, clock, evaluate=VANDELAY)
    with editor_appending(monkeypatch, "From the editor.") as given:
        async with app.run_test(size=SIZE) as pilot:
            await until(pilot, lambda: isinstance(app.screen, EvaluationScreen), "evaluation")
            await settle(pilot)
            focused = app.focused
            assert isinstance(focused, TextArea)
            start = focused.text
            burst(app, *letters(sentence), "ctrl+e")
            await until(pilot, lambda: bool(given), "the editor was opened")
            await settle(pilot)
            assert given == [start + sentence]
            assert app.focused is focused
            assert focused.text == f"{start}{sentence}\nFrom the editor."


async def test_three_then_x_marks_the_first_follow_up_done(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """From the list, `3x` at once: the review opens and `x` acts on its first line,
    the one a slow user would have seen highlighted."""

    def due_keys() -> list[str]:
        review = showcase_journal.review(clock.now())
        return [item.key for item in review.sections[Section.FOLLOW_UPS]]

    before = due_keys()
    assert before, "the showcase has follow-ups due today"
    app = make_app(showcase_journal, clock, view="interviews")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "3", "x")
        await until(pilot, lambda: len(due_keys()) == len(before) - 1, "one fewer is due")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    assert due_keys() == before[1:]


async def test_keys_after_coming_back_to_the_review_wait_for_its_new_read(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """`1`, `3`, `j`, `j`, `x` at once, with the review already open: coming back reads
    the review again, and the two `j`s move on the new read instead of being undone when
    it restores the old highlight; `x` marks the third follow-up done."""

    def due_keys() -> list[str]:
        review = showcase_journal.review(clock.now())
        return [item.key for item in review.sections[Section.FOLLOW_UPS]]

    before = due_keys()
    assert len(before) >= 3, "the showcase has three follow-ups due today"
    app = make_app(showcase_journal, clock, view="review")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "1", "3", "j", "j", "x")
        await until(pilot, lambda: len(due_keys()) == len(before) - 1, "one fewer is due")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
    assert due_keys() == before[:2] + before[3:]


async def test_enter_after_a_search_opens_the_row_the_search_found(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    """`/`, a company, `enter` (leave the search), `enter` (open): the second enter waits
    for the search's page, so it opens the match and not the row highlighted before."""
    app = make_app(showcase_journal, clock, view="interviews")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "/", *letters("globex"), "enter", "enter")
        await until(
            pilot,
            lambda: type(app.screen).__name__ == "InterviewDetailScreen",
            "the detail screen is open",
        )
        await settle(pilot)
        assert app.screen.about_interview == GLOBEX  # type: ignore[attr-defined]
