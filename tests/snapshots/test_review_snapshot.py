"""Pictures of the daily review and a prep sheet, compared with approved snapshots.

The showcase journal gives every section something: Hooli's note due today and the
suggested follow-up for Umbrella Health (its promised date passed), Vandelay and Initech
to evaluate, Pied Piper and Hooli coming up with their prep lines, Initech waiting on
feedback promised by Friday. Two follow-ups planned later in the week fill NEXT 7 DAYS.
Regenerate with `--snapshot-update` after looking.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from textual.pilot import Pilot

from interview_journal.dates import FixedClock
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.widgets.review_list import NEXT_DAYS_FOLD

SIZES = [(100, 30), (80, 24), (60, 20)]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def plan_the_week(journal: Journal) -> None:
    """Pied Piper's design doc on Fri 27 Nov, Hooli's on-call question Mon 30 Nov 09:00."""
    for interview_id, due, reason in (
        (1, When(date(2026, 11, 27)), "Send the design doc they asked for"),
        (2, When(date(2026, 11, 30), time(9, 0)), "Ask about the team's on-call"),
    ):
        journal.add_entry(
            Entry(interview_id=interview_id, kind=EntryKind.FOLLOW_UP, due=due, reason=reason)
        )


async def unfold_next_days(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    review = pilot.app.screen.query_one("#review")
    review.highlighted = [o.id for o in review.options].index(NEXT_DAYS_FOLD)  # type: ignore[attr-defined]
    await pilot.press("space", "j")
    await settle(pilot)


async def open_prep_of_pied_piper(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    review = pilot.app.screen.query_one("#review")
    for key, item in review.items.items():  # type: ignore[attr-defined]
        if item.interview.company == "Pied Piper" and key.startswith("coming_up"):
            review.highlighted = [o.id for o in review.options].index(key)  # type: ignore[attr-defined]
    await pilot.press("p")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_daily_review(
    snap_compare: Any, showcase_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """The headline, five sections with their counts in bold accent headings, NEXT 7 DAYS
    folded to one line ("▸ 2 planned in the next 7 days — enter/space to show"), company
    and the rest of each line apart (`·`), prep lines under each coming interview, and the
    preview adding when exactly, for which interview, and what enter does."""
    plan_the_week(showcase_journal)
    app = make_app(showcase_journal, clock, view="review")
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_daily_review_next_days_unfolded(
    snap_compare: Any, showcase_journal: Journal, clock: FixedClock
) -> None:
    """NEXT 7 DAYS unfolded ("▾ … — ← to fold") with Pied Piper in 2 days and Hooli on
    Monday, the cursor on Pied Piper's, the preview saying Fri 27 Nov, the follow-up's
    reason and "x done · z snooze"."""
    plan_the_week(showcase_journal)
    app = make_app(showcase_journal, clock, view="review")
    assert snap_compare(app, terminal_size=(100, 30), run_before=unfold_next_days)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_prep_sheet(
    snap_compare: Any, showcase_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """Pied Piper's prep under the top bar (Review tab lit): the closing questions, its
    prep notes, and Globex's lessons."""
    app = make_app(showcase_journal, clock, view="review")
    assert snap_compare(app, terminal_size=size, run_before=open_prep_of_pied_piper)
