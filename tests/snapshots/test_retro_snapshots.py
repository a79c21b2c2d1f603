"""Pictures of the retro of Initech's process, and of the evaluation asking "Did you
apply it?" under last time's lesson. Regenerate with `--snapshot-update`, then look at
the new SVGs before accepting them. The clock is the fixed test clock (Wed 25 Nov 2026
14:05), so the dates and the save indicator do not change between runs.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.application_detail import ApplicationScreen
from tests.store.test_retro import initech_process

INITECH, GLOBEX = 4, 5


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def open_retro(application_id: int) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(ApplicationScreen(application_id))
        await settle(pilot)
        await pilot.press("R")
        await settle(pilot)
        box = pilot.app.screen.query_one("#retro-takeaway", TextArea)
        box.cursor_blink = False  # a blinking cursor would be caught on or off at random
        await pilot.press(*"Ask about the team in the first round.")
        await pilot.pause(1.2)  # the autosave has run: "saved 14:05"
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_retro(
    snap_compare: Any, journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """The retro of Initech — Analyst, opened with R, the answer being typed.

    The picture must show: the header "Retro · Initech — Analyst · ✗ rejected" (cut with
    "…" when narrow, never the save state) with "● saved 14:05" at the right; under it
    the facts: "Interest  3 rounds, 3 evaluated", "before 5/5 (screening) → after 2/5
    (final) · down"; "Role vs the ad" with a dim date and round before each line, the
    final's note "Mostly [b]support[/b] tickets" with its brackets shown as typed;
    "About the employer", "Lessons of its rounds" and "Chasing" (at 80x24 and 60x20 the
    later parts are below the fold: the facts scroll). At the bottom, always in view, the
    box titled "What do you take from this process?" in the accent colour (focused) with
    the typed answer and the cursor after it. The footer offers ^e Editor, tab Next, esc
    Back and f1 Help. No toast.
    """
    application_id = initech_process(journal)
    app = make_app(journal, clock, view="applications")
    assert snap_compare(app, terminal_size=size, run_before=open_retro(application_id))


async def answer_partly(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    pilot.app.screen.query_one("#field-went_well", TextArea).cursor_blink = False
    await pilot.press("shift+tab", "p")
    await pilot.pause(1.2)  # saved: "saved 14:05"
    await pilot.pause()


def test_evaluation_asks_whether_the_lesson_was_applied(
    snap_compare: Any, filled_journal: Journal, clock: FixedClock
) -> None:
    """Initech's evaluation at 100x30 with Globex's lesson shown and answered "partly".

    The picture must show: on the left, the "Last time's lesson" panel with its accent
    border (focused), "“Sleep before a technical”" and, dim, "Lesson · Globex, Thu 5
    Nov"; under it "Did you apply it?  ( ) yes  (•) partly  ( ) no", whole, "(•) partly"
    bold in the accent colour and a ▌ bar at the row's left; the footer starting with the
    choice's keys "← → Change  y/p/n Choose  0 Clear"; "● saved 14:05" at the top right.
    """
    filled_journal.save_evaluation(Evaluation(GLOBEX, lesson="Sleep before a technical"))
    app = make_app(filled_journal, clock, evaluate=INITECH)
    assert snap_compare(app, terminal_size=(100, 30), run_before=answer_partly)
