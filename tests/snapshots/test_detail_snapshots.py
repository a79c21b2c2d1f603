"""Pictures of the interview detail and the application screen at 100x30, 80x24 and
60x20, opened over a view so its top bar stays. Regenerate with `--snapshot-update`
after looking.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from interview_journal.dates import FixedClock
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.application_detail import ApplicationScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen

SIZES = [(100, 30), (80, 24), (60, 20)]
PIED_PIPER = 1
"""The showcase's first interview: Pied Piper's final round, tomorrow 13:00."""


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_detail(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.app.push_screen(InterviewDetailScreen(PIED_PIPER))
    await settle(pilot)


def open_application(journal: Journal) -> Any:
    application_id = journal.get_interview(PIED_PIPER).application_id
    assert application_id is not None

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(ApplicationScreen(application_id))
        await settle(pilot)

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_interview_detail(
    snap_compare: Any, showcase_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """The top bar with the Interviews tab lit and the date, Pied Piper — Backend Engineer
    as the title, its facts in two aligned columns (When Thu 26 Nov 13:00 …, then Length
    "1 h (usual)"), prep notes, "Not evaluated yet", and the footer's keys with Back
    first."""
    app = make_app(showcase_journal, clock, view="interviews")
    assert snap_compare(app, terminal_size=size, run_before=open_detail)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_application_detail(
    snap_compare: Any, showcase_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """The top bar with the Applications tab lit, the application's title and state, its
    rounds (the first highlighted), the people met, the promises and its facts."""
    app = make_app(showcase_journal, clock, view="applications")
    assert snap_compare(app, terminal_size=size, run_before=open_application(showcase_journal))
