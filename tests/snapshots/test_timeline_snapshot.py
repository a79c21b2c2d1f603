"""Pictures of the follow-up timeline, compared with approved snapshots.

The showcase journal has one of every kind of line: a planned note today, a suggested
thank-you (Vandelay, held yesterday), a suggested follow-up after a promised date passed
(Umbrella Health), agreed dates ahead (Initech), upcoming interviews and the history.
Regenerate with `--snapshot-update` only after looking at the report.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from interview_journal.dates import FixedClock
from interview_journal.store import Journal
from interview_journal.tui.app import make_app


async def open_timeline(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("2")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_initech_timeline(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("slash", *"initech", "enter", "t")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_timeline_of_every_interview(
    snap_compare: Any, showcase_journal: Journal, clock: FixedClock
) -> None:
    """Overdue suggestions first, then TODAY with the now line and Hooli's 16:00 note, then
    this week's agreed dates and interviews, and DONE history at the bottom; the preview
    explains the highlighted suggestion and how to accept or dismiss it."""
    app = make_app(showcase_journal, clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_timeline)


def test_timeline_at_80x24(snap_compare: Any, showcase_journal: Journal, clock: FixedClock) -> None:
    """The same at 80 columns: the company column narrower (cut with "…") before the
    reason; what each line is whole; nothing wrapped; the highlighted line in the cursor's
    colours only (not cyan or red on the cursor)."""
    app = make_app(showcase_journal, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_timeline)


def test_timeline_at_60x20(snap_compare: Any, showcase_journal: Journal, clock: FixedClock) -> None:
    """At 60 columns: marker, date, a short company, what and the start of the reason,
    every cut ending in "…"; the "now" line across; no stray scrollbar glyph."""
    app = make_app(showcase_journal, clock)
    assert snap_compare(app, terminal_size=(60, 20), run_before=open_timeline)


def test_timeline_of_one_interview(
    snap_compare: Any, showcase_journal: Journal, clock: FixedClock
) -> None:
    """Initech only: feedback due Fri 27 Nov ahead, the interview and thank-you note done."""
    app = make_app(showcase_journal, clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_initech_timeline)
