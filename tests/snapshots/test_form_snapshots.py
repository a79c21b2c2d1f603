"""Pictures of the forms at 100x30, 80x24 and 60x20: the new-interview form with what a
first interview needs typed, the follow-up entry form, and a date questioned under its
field.

Regenerate with `pytest tests/snapshots/test_form_snapshots.py --snapshot-update`, then
look at every new SVG. The clock is the fixed test clock (Wed 25 Nov 2026 14:05,
Stockholm). Nothing here saves, so no toast can make a picture flaky.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from interview_journal.dates import FixedClock
from interview_journal.store import Journal
from interview_journal.tui.app import make_app

SIZES = [(100, 30), (80, 24), (60, 20)]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def type_a_first_interview(pilot: Pilot[Any]) -> None:
    """Open the form and type company, role and when, jumping with tab."""
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    await pilot.press(*"Umbrella Health", "tab", *"ML Engineer", "tab", *"fri 10am")
    # a blinking cursor would be caught on or off at random (each key's echoes take time)
    pilot.app.screen.query_one("#field-starts_at", Input).cursor_blink = False
    await settle(pilot)


async def open_a_follow_up(pilot: Pilot[Any]) -> None:
    """The timeline, then n: a new follow-up for the interview on the first line."""
    await settle(pilot)
    await pilot.press("t")
    await settle(pilot)
    await pilot.press("n")
    await settle(pilot)


async def type_feedback_before_the_interview(pilot: Pilot[Any]) -> None:
    await type_a_first_interview(pilot)
    await pilot.press("alt+k", *"thu")
    pilot.app.screen.query_one("#field-feedback_by", Input).cursor_blink = False
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
def test_new_interview_form(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """The new-interview form with "Umbrella Health", "ML Engineer" and "fri 10am" typed.

    The picture must show: the title "New interview"; at 100x30 and 80x24 each short field
    on one row, its label on the left (Application, Company (required), Role, When
    (required), Length, Stage ...) and a borderless input to its right, one letter of each
    label underlined (the alt+letter jump); under When, in green, "→ Fri 27 Nov 10:00 (in 2
    days)"; Length blank with its placeholder "45 · 1h30 · 1:30 · blank: the usual length"
    and under it, in green, "→ 1 h, the usual length (until 11:00)"; at 100x30 every field
    down to "May get in touch from" above the footer; at 60x20 the same rows (a label column
    beside inputs), the lower ones scrolled away; the footer with ^s Save, esc Cancel and
    Help, no label cut.
    """
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=size, run_before=type_a_first_interview)


@pytest.mark.parametrize("size", SIZES)
def test_follow_up_entry_form(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """A new follow-up entry, opened with n on the timeline.

    The picture must show: the title "New entry · <company — role>"; Kind "follow-up",
    Planned for, Done on, Channel, Contact person as one-row fields with their labels on
    the left and a letter underlined; Reason and Note as text boxes with the label above;
    the cursor in the field filled first; the footer with ^s Save and esc Cancel.
    """
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=size, run_before=open_a_follow_up)


def test_feedback_before_the_interview_is_questioned(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """The new-interview form at 100x30 with the interview on "fri 10am" and feedback
    promised "thu".

    The picture must show: under "Feedback promised by  thu", in green "→ Thu 26 Nov
    (tomorrow)" and, in the warning colour, "⚠ Thu 26 Nov is before the interview itself
    (Fri 27 Nov). Feedback comes after it."; no error in red; the form scrolled so the
    feedback field is in view.
    """
    app = make_app(filled_journal, clock)
    assert snap_compare(app, terminal_size=(100, 30), run_before=type_feedback_before_the_interview)
