"""Pictures of the help (`?` / F1), compared with approved snapshots.

Regenerate with `pytest tests/snapshots/test_help_snapshots.py --snapshot-update`, then
look at every new SVG before accepting it. The clock is the fixed test clock (Wed 25 Nov
2026 14:05, Stockholm). Nothing here triggers a notification.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot

from interview_journal.dates import FixedClock
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.widgets.rating import RatingBar

INITECH = 4  # a past interview of filled_journal


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_help(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


async def help_on_a_rating(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    pilot.app.screen.query_one(RatingBar).focus()
    await pilot.pause()
    await pilot.press("f1")
    await settle(pilot)


def test_help_over_the_list_wide(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """The help over the Interviews list at 100x30.

    Must show: a bordered dialog with the intro ("Interview Journal — log each
    interview ...", the dim line naming ctrl+p and F1), then the heading "This screen"
    with a Add, e Edit, v Evaluate, ... / Search, f Filter, u Undo, each with a dim
    explanation, down to q Quit; then "Here (the interview table)" with ⏎ Open, j Down,
    k Up, g First, G Last loaded; the heading "Everywhere" on the last line, a scrollbar
    on the right. No Textual cursor keys (no "Cursor up", no "Bottom").
    """
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_help)


def test_help_over_the_list_narrow(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """The help over the Interviews list at 80x24.

    Must show without scrolling: the intro, the heading "This screen", and the rows of
    a Add, / Search, f Filter and u Undo, with their explanations whole (a long one goes
    on at the start of the next line, no cut words).
    """
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_help)


def test_help_on_a_rating_of_the_evaluation(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """F1 on the first rating of Initech's evaluation, at 100x30.

    Must show: "This screen" with the evaluation's keys (save/back, tab Next, ...), then
    "Here (the rating bar)" with 1-5 Set, ← → Change, 0 Clear, then "Everywhere" with
    ^q Quit, ? Help, F1 Help and the view keys that the rating does not take (2, 3, 4:
    its 1 is a rating there).
    """
    app = make_app(filled_journal, clock, evaluate=INITECH)
    assert snap_compare(app, terminal_size=(100, 30), run_before=help_on_a_rating)
