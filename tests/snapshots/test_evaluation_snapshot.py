"""Pictures of the evaluation screen, half filled in, compared with approved snapshots.

Regenerate with `pytest tests/snapshots/test_evaluation_snapshot.py --snapshot-update`,
then look at the new SVGs before accepting them. The clock is the fixed test clock, so
the header date and the save indicator's time (14:05) do not change between runs.
"""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from interview_journal.dates import FixedClock
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from tests.ui.helpers import type_at_once

INITECH = 4


async def fill_in_part_of_the_evaluation(pilot: Pilot[Any]) -> None:
    """What a user has done a few minutes in: two reflections, ratings, a key point, a choice."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.pause()
    for name, rating in (
        ("key_points_rating", "4"),
        ("dynamic_rating", "3"),
        ("expectations_rating", "5"),
        ("interest_after", "2"),
    ):
        app.screen.query_one(f"#rate-{name}").focus()
        await pilot.press(rating)
    app.screen.query_one("#new-key-point").focus()
    await pilot.press(*"Migration story", "enter")
    app.screen.query_one("#choice-role_matched").focus()
    await pilot.press("n")
    to_improve = app.screen.query_one("#field-to_improve", TextArea)
    await type_at_once(pilot, to_improve, "Slow down when asked about the TPS reports.")
    went_well = app.screen.query_one("#field-went_well", TextArea)
    went_well.cursor_blink = False  # a blinking cursor would be caught on or off at random
    await type_at_once(
        pilot, went_well, "Told the migration story with numbers; Lumbergh nodded along."
    )
    await pilot.pause(1.2)  # the autosave has run: the indicator says "saved 14:05"
    await pilot.pause()


def test_evaluation_screen_wide(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """Initech's evaluation at 100x30, two columns (the narrowest width that has two).

    The picture must show: the header "Evaluate · Initech — Analyst · screening ·
    Mon 23 Nov 10:00 (2 days ago)" with "● saved 14:05" whole at its right; on the left
    the ratings ●●●●○ 4/5, ●●●○○ 3/5, ●●●●● 5/5, overall ○○○○○ –, interest ●●○○○ 2/5 with
    "(was 4)" in full, and "1–5 or ← → to rate" under them; the key point
    "[ ] Migration story" above the "+ add a key point" line; "Role matched the ad
    ( ) yes  (•) no  ( ) unsure" with "unsure" whole and "(•) no" bold in the accent
    colour; the "No earlier lessons" hint. On the right the reflection boxes, "What went
    well" focused: its panel border in the accent colour and a ▌ bar at its left, the
    typed text with the cursor after it; "To improve" with its text. The footer offers
    ^e Editor, tab Next, ^s Finish, esc Back and help. No notification toast.
    """
    app = make_app(filled_journal, clock, evaluate=INITECH)
    assert snap_compare(app, terminal_size=(100, 30), run_before=fill_in_part_of_the_evaluation)


def test_evaluation_screen_narrow(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """The same evaluation at 80x24: one column, scrolled to the focused text box.

    The picture must show: one header line with the company and "● saved 14:05" at the
    right (the interview's date may be cut short there, the save state must not be);
    below it the panels in one column, scrolled so that "What went well — keep doing"
    with the typed text, the cursor and the ▌ focus bar is in view, "To improve" with its
    text under it; the footer with ^e Editor, tab Next, ^s Finish, esc Back. Nothing
    overlaps; no toast.
    """
    app = make_app(filled_journal, clock, evaluate=INITECH)
    assert snap_compare(app, terminal_size=(80, 24), run_before=fill_in_part_of_the_evaluation)


def test_evaluation_screen_small(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """The same evaluation at 60x20: one column, the title cut with "…", never the state.

    The picture must show: the header "Evaluate · Initech — Analyst · screening ·…" then
    "● saved 14:05" whole at the right; the focused "What went well — keep doing" box
    with its accent border, the ▌ bar and the typed text wrapped on two lines; "To
    improve" with its text; the footer ^e Editor, tab Next, ^s Finish and help, no label
    cut. Nothing overlaps; no toast.
    """
    app = make_app(filled_journal, clock, evaluate=INITECH)
    assert snap_compare(app, terminal_size=(60, 20), run_before=fill_in_part_of_the_evaluation)


async def focus_a_rating(pilot: Pilot[Any]) -> None:
    """The evaluation half filled in, then the focus on the "Conversation dynamic" rating."""
    await fill_in_part_of_the_evaluation(pilot)
    pilot.app.screen.query_one("#rate-dynamic_rating").focus()
    await pilot.pause()


async def focus_a_key_point(pilot: Pilot[Any]) -> None:
    """The evaluation half filled in, then the focus on the ticked key point."""
    await fill_in_part_of_the_evaluation(pilot)
    box = pilot.app.screen.query_one(".key-point")
    box.focus()
    await pilot.press("space")
    await pilot.pause(1.2)  # saved again: the indicator says "saved 14:05", not "saving…"
    await pilot.pause()


def test_evaluation_rating_focused(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """The evaluation at 100x30 with the "Conversation dynamic" rating focused.

    The picture must show: a ▌ accent bar left of "Conversation dynamic", that row bold
    on a lighter background, still "●●●○○  3/5", the other rows exactly where they are in
    the unfocused picture; the "How did it go?" panel border in the accent colour; the
    footer starting with the rating's own keys "1-5 Set  ← → Change  0 Clear", then
    tab Next, ^s Finish, esc Back. "What went well" no longer has the bar.
    """
    app = make_app(filled_journal, clock, evaluate=INITECH)
    assert snap_compare(app, terminal_size=(100, 30), run_before=focus_a_rating)


def test_evaluation_key_point_focused(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """The evaluation at 100x30 with the key point focused and ticked with space.

    The picture must show: "▌[x] Migration story" — the bar, the tick (x, green) and the
    text, bold — on one line, with "+ add a key point" still right under it (nothing
    jumped or vanished); the key points panel border in the accent colour; the footer
    starting with "space Tick", then tab Next, ^s Finish, esc Back; "● saved 14:05".
    """
    app = make_app(filled_journal, clock, evaluate=INITECH)
    assert snap_compare(app, terminal_size=(100, 30), run_before=focus_a_key_point)
