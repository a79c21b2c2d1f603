"""The interview detail, the prep sheet and the application screen read like a pager:
`j`/`k` (and the arrows) move a line, space a page, `g`/`G` to the start and the end;
the top bar with the view tabs stays on top while they are open.

They are opened at 60×14 over the showcase journal (tests/conftest.py), where each is
longer than the screen.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from textual.screen import Screen

from interview_journal.dates import FixedClock
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.application_detail import ApplicationScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.prep import PrepScreen
from interview_journal.tui.widgets.application_parts import ReadingPage
from tests.ui.helpers import AnyPilot, burst, press_and_settle, settle, text_of, until
from tests.ui.test_review import PIED_PIPER

SMALL = (60, 14)


def application_of_pied_piper(journal: Journal) -> Screen[Any]:
    application_id = journal.get_interview(PIED_PIPER).application_id
    assert application_id is not None
    return ApplicationScreen(application_id)


SCREENS: dict[str, Callable[[Journal], Screen[Any]]] = {
    "detail": lambda _: InterviewDetailScreen(PIED_PIPER),
    "prep": lambda _: PrepScreen(PIED_PIPER),
    "application": application_of_pied_piper,
}


@asynccontextmanager
async def opened(
    journal: Journal, clock: FixedClock, name: str, view: str = "review"
) -> AsyncIterator[tuple[AnyPilot, ReadingPage]]:
    app = make_app(journal, clock, view=view)
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await app.push_screen(SCREENS[name](journal))
        await settle(pilot)
        page = app.screen.query_one(ReadingPage)
        if name == "application":
            page.focus()  # the rounds list has the focus at first; j/k scroll from there too
        # the Markdown mounts its blocks after the read (no worker to settle on): under
        # load the page is still empty when the workers are done
        await until(pilot, lambda: page.max_scroll_y > 3, "the page longer than the screen")
        yield pilot, page


@pytest.mark.parametrize("name", list(SCREENS))
async def test_j_k_space_g_and_G_scroll_the_page(
    showcase_journal: Journal, clock: FixedClock, name: str
) -> None:
    async with opened(showcase_journal, clock, name) as (pilot, page):
        assert page.scroll_y == 0
        await press_and_settle(pilot, "j", "j")
        await until(pilot, lambda: page.scroll_y == 2, "two lines down")
        await press_and_settle(pilot, "k")
        await until(pilot, lambda: page.scroll_y == 1, "one line back up")
        await press_and_settle(pilot, "G")
        await until(pilot, lambda: page.scroll_y == page.max_scroll_y, "at the end")
        await press_and_settle(pilot, "g")
        await until(pilot, lambda: page.scroll_y == 0, "back at the start")
        await press_and_settle(pilot, "space")
        await until(pilot, lambda: page.scroll_y > 2, "a page on")
        await press_and_settle(pilot, "down")
        assert page.scroll_y > 3


@pytest.mark.parametrize("name", list(SCREENS))
async def test_the_top_bar_stays_with_the_view_it_was_opened_from(
    showcase_journal: Journal, clock: FixedClock, name: str
) -> None:
    async with opened(showcase_journal, clock, name) as (pilot, _):
        bar = text_of(pilot.app, "#top-left")
        assert "3 Review" in bar  # the current view's tab keeps its label at 60 wide
        assert "Wed 25 Nov" in text_of(pilot.app, "#top-right")
        assert pilot.app.screen.query_one("#top-bar").region.y == 0


async def test_j_as_a_burst_scrolls_one_line_each(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    async with opened(showcase_journal, clock, "detail") as (pilot, page):
        burst(pilot.app, "j", "j", "j")
        await until(pilot, lambda: page.scroll_y == 3, "three lines down")
