"""The review's NEXT 7 DAYS: the follow-ups planned after today and within a week, folded
under the due ones by default, unfolded with enter, space or →, folded with ←, and
marked done from there with `x` just like a due one.

The showcase journal (tests/conftest.py) at Wed 25 Nov 2026 14:05 gets three planned
entries: Pied Piper on Fri 27 Nov, Hooli on Mon 30 Nov 09:00 (both inside the week), and
Initech on Fri 4 Dec (beyond it, so not shown).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, time

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.widgets.review_list import NEXT_DAYS_FOLD
from tests.ui.helpers import AnyApp, AnyPilot, burst, press_and_settle, settle, toasts, until
from tests.ui.test_review import (
    HOOLI,
    INITECH,
    PIED_PIPER,
    SIZE,
    highlighted_line,
    keys,
    lines,
    move_to,
    open_review,
    preview,
    render_plain,
    review,
)


def plan(journal: Journal) -> tuple[int, int, int]:
    """Three planned follow-ups: two in the next 7 days, one beyond them."""
    ids = []
    for interview_id, due, reason in (
        (PIED_PIPER, When(date(2026, 11, 27)), "Send the design doc they asked for"),
        (HOOLI, When(date(2026, 11, 30), time(9, 0)), "Ask about the team's on-call"),
        (INITECH, When(date(2026, 12, 4)), "Beyond the week"),
    ):
        added = journal.add_entry(
            Entry(interview_id=interview_id, kind=EntryKind.FOLLOW_UP, due=due, reason=reason)
        )
        assert added.id is not None
        ids.append(added.id)
    return ids[0], ids[1], ids[2]


@asynccontextmanager
async def on_the_review(journal: Journal, clock: FixedClock) -> AsyncIterator[AnyPilot]:
    app = make_app(journal, clock, view="review")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await open_review(pilot)
        yield pilot


def fold_line(app: AnyApp) -> str:
    index = [option.id for option in review(app).options].index(NEXT_DAYS_FOLD)
    return render_plain(review(app).get_option_at_index(index).prompt)


async def test_the_next_days_are_folded_to_one_line_under_the_due_follow_ups(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    pied, hooli, beyond = plan(showcase_journal)
    async with on_the_review(showcase_journal, clock) as pilot:
        app = pilot.app
        shown = lines(app)
        heading = shown.index("NEXT 7 DAYS (2)")
        assert shown[heading - 1].startswith("○ today 16:00 Hooli")  # the last one due
        assert shown[heading + 1] == "▸ 2 planned in the next 7 days — enter/space to show"
        assert shown[heading + 2] == "TO EVALUATE (3)"
        for entry_id in (pied, hooli, beyond):
            assert f"entry:{entry_id}" not in keys(app)
        # planned is not due: the headline still counts only what needs you today
        assert "6 things need you today" in str(app.screen.query_one("#review-state").render())


@pytest.mark.parametrize("key", ["enter", "space", "right"])
async def test_enter_space_or_right_unfolds_and_left_folds_again(
    showcase_journal: Journal, clock: FixedClock, key: str
) -> None:
    pied, hooli, beyond = plan(showcase_journal)
    async with on_the_review(showcase_journal, clock) as pilot:
        app = pilot.app
        await move_to(pilot, NEXT_DAYS_FOLD)
        assert "enter, space or → shows" in preview(app)
        await press_and_settle(pilot, key)
        assert fold_line(app) == "▾ 2 planned in the next 7 days — ← to fold"
        assert keys(app)[keys(app).index(NEXT_DAYS_FOLD) + 1 :][:2] == [
            f"entry:{pied}",
            f"entry:{hooli}",
        ]
        assert f"entry:{beyond}" not in keys(app)  # Fri 4 Dec is beyond the 7 days
        await press_and_settle(pilot, "j")
        assert highlighted_line(app).startswith(
            "○ in 2 days Pied Piper · follow-up: Send the design doc"
        ), highlighted_line(app)
        await press_and_settle(pilot, "j")
        assert "Hooli · follow-up: Ask about the team's on-call" in highlighted_line(app)
        # the preview says exactly when, and what to say
        assert "Mon 30 Nov 09:00" in preview(app)
        assert "Ask about the team's on-call" in preview(app)
        await press_and_settle(pilot, "left")  # from a row: folds, the cursor on the fold line
        assert f"entry:{pied}" not in keys(app)
        assert review(app).highlighted_key() == NEXT_DAYS_FOLD
        assert fold_line(app).startswith("▸ 2 planned")


async def test_the_fold_is_remembered_when_the_review_comes_back(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    pied, _, _ = plan(showcase_journal)
    async with on_the_review(showcase_journal, clock) as pilot:
        app = pilot.app
        await move_to(pilot, NEXT_DAYS_FOLD)
        await press_and_settle(pilot, "space")
        await press_and_settle(pilot, "1")
        await press_and_settle(pilot, "3")
        await press_and_settle(pilot, "r")
        assert f"entry:{pied}" in keys(app)


async def test_x_on_a_next_days_row_marks_it_done(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    pied, hooli, _ = plan(showcase_journal)
    async with on_the_review(showcase_journal, clock) as pilot:
        app = pilot.app
        await move_to(pilot, NEXT_DAYS_FOLD)
        await press_and_settle(pilot, "enter")
        await move_to(pilot, f"entry:{hooli}")
        await press_and_settle(pilot, "x")
        await until(pilot, lambda: f"entry:{hooli}" not in keys(app), "the row leaves")
        assert "NEXT 7 DAYS (1)" in lines(app)
        assert any(t.startswith("Done: follow-up for Hooli") for t in toasts(app)), toasts(app)
    (done,) = [e for e in showcase_journal.entries_for(HOOLI) if e.id == hooli]
    assert done.is_done
    (still,) = [e for e in showcase_journal.entries_for(PIED_PIPER) if e.id == pied]
    assert not still.is_done


async def test_unfolding_and_x_as_one_burst_marks_the_first_planned_done(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    pied, hooli, _ = plan(showcase_journal)
    async with on_the_review(showcase_journal, clock) as pilot:
        app = pilot.app
        # the cursor starts on the first due line; three j reach the fold line
        burst(app, "j", "j", "j", "space", "j", "x")
        await until(
            pilot,
            lambda: any(
                e.id == pied and e.is_done for e in showcase_journal.entries_for(PIED_PIPER)
            ),
            "Pied Piper's follow-up is done",
        )
        await settle(pilot)
        assert f"entry:{pied}" not in keys(app)
        assert f"entry:{hooli}" in keys(app)  # still unfolded, the other one still there
    (other,) = [e for e in showcase_journal.entries_for(HOOLI) if e.id == hooli]
    assert not other.is_done
