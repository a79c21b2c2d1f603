"""Pictures of the Insights view, compared with approved snapshots.

Three journals: the showcase (the demo's six interviews), one lived in for five months
where every section has something to say (`tests.ui.test_insights_view.fill`), and one of
two interviews, where each section says what it needs instead of a figure. Regenerate
with `--snapshot-update` after looking.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from interview_journal.dates import FixedClock
from interview_journal.domain.insights import SECTIONS
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.insights import InsightsScreen
from interview_journal.tui.widgets.insight_list import InsightList
from tests.ui.test_insights_view import fill, two_interviews

SIZES = [(100, 30), (80, 24), (60, 20)]


async def read(pilot: Pilot[Any]) -> None:
    """Every section read and painted."""
    for _ in range(400):
        screen = pilot.app.screen
        if isinstance(screen, InsightsScreen) and len(screen.shown) == len(SECTIONS):
            break
        await pilot.pause(0.025)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def down_to(pilot: Pilot[Any], starting: str) -> None:
    """j until the highlighted line starts with `starting`."""
    listing = pilot.app.screen.query_one(InsightList)
    for _ in range(80):
        line = listing.highlighted_line()
        if line is not None and line.text.startswith(starting):
            break
        await pilot.press("j")
    await pilot.pause()


async def at_the_signs(pilot: Pilot[Any]) -> None:
    """Down the lines to the first chart (Key points across)."""
    await read(pilot)
    await down_to(pilot, "Key points across")


async def list_of_rambling(pilot: Pilot[Any]) -> None:
    """enter on "You noted “rambling on the first question” …": its evaluations."""
    await read(pilot)
    await down_to(pilot, "You noted")
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_insights_lived_journal(
    snap_compare: Any, journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """The fifth tab current; the summary (interviews, evaluated, all time); "Are my
    lessons sticking?" in bold accent, its sub-headings bold, the lessons with how often
    each was applied, each line marked › and wrapped under its own start (no word cut);
    the first line highlighted."""
    fill(journal)
    app = make_app(journal, clock, view="insights")
    assert snap_compare(app, terminal_size=size, run_before=read)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_insights_signs_charts(
    snap_compare: Any, journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """The three signs over time: one row per sign, its label, a chart on the 1-to-5
    scale (Dynamic's bars level, steady), and the numbers beside it, "2.0 → 4.0 (up) over
    4 months", wrapped under themselves when narrow; the means per month below, the months
    resting on too few muted. Key points across highlighted."""
    fill(journal)
    app = make_app(journal, clock, view="insights")
    assert snap_compare(app, terminal_size=size, run_before=at_the_signs)


def test_insights_evaluations_list(snap_compare: Any, journal: Journal, clock: FixedClock) -> None:
    """The dialog over Insights: the line chosen, "7 evaluations, newest first", then
    company — role, the round and its day for each, the newest highlighted, and what
    enter and escape do."""
    fill(journal)
    app = make_app(journal, clock, view="insights")
    assert snap_compare(app, terminal_size=(80, 24), run_before=list_of_rambling)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_insights_showcase(
    snap_compare: Any, showcase_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """The demo's six interviews: sections with too little say what they need in muted
    words (needs 3 …, so far), the others their facts; no empty chart."""
    app = make_app(showcase_journal, clock, view="insights")
    assert snap_compare(app, terminal_size=size, run_before=read)


@pytest.mark.parametrize("size", SIZES[:2], ids=lambda s: f"{s[0]}x{s[1]}")
def test_insights_two_interviews(
    snap_compare: Any, journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """A journal just begun: every section a muted line saying what fills it or from how
    many on it shows ("Needs 3 evaluations with ratings (1 so far)."); no chart."""
    two_interviews(journal)
    app = make_app(journal, clock, view="insights")
    assert snap_compare(app, terminal_size=size, run_before=read)
