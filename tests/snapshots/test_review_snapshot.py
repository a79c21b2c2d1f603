"""Pictures of the daily review and a prep sheet, compared with approved snapshots.

The showcase journal gives every section something: Hooli's note due today and the
suggested follow-up for Umbrella Health (its promised date passed), Vandelay and Initech
to evaluate, Pied Piper and Hooli coming up with their prep lines, Initech waiting on
feedback promised by Friday. Regenerate with `--snapshot-update` after looking.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from interview_journal.dates import FixedClock
from interview_journal.store import Journal
from interview_journal.tui.app import make_app


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_prep_of_pied_piper(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    review = pilot.app.screen.query_one("#review")
    for key, item in review.items.items():  # type: ignore[attr-defined]
        if item.interview.company == "Pied Piper" and key.startswith("coming_up"):
            review.highlighted = [o.id for o in review.options].index(key)  # type: ignore[attr-defined]
    await pilot.press("p")
    await settle(pilot)


def test_daily_review(snap_compare: Any, showcase_journal: Journal, clock: FixedClock) -> None:
    """Four sections with counts, the headline, prep lines under each coming interview, and
    the preview saying what enter will do for the highlighted line."""
    app = make_app(showcase_journal, clock, view="review")
    assert snap_compare(app, terminal_size=(100, 30), run_before=settle)


def test_daily_review_80x24(
    snap_compare: Any, showcase_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(showcase_journal, clock, view="review")
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)


def test_prep_sheet(snap_compare: Any, showcase_journal: Journal, clock: FixedClock) -> None:
    """Pied Piper's prep: the closing questions, its prep notes, and Globex's lessons."""
    app = make_app(showcase_journal, clock, view="review")
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_prep_of_pied_piper)
