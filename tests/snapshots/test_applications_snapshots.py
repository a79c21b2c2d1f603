"""Pictures of the Applications view and the application screen, compared with approved
snapshots, at 100x30, 80x24 and 60x20.

Regenerate with `pytest tests/snapshots/test_applications_snapshots.py --snapshot-update`,
then look at every new SVG before accepting it. The clock is the fixed test clock (Wed 25
Nov 2026 14:05, Stockholm); the journal is the showcase, with Initech's application
filled in (a referral, applied on Mon 2 Nov, a job ad of eight lines). Nothing here
triggers a notification.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from textual.pilot import Pilot

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import Source
from interview_journal.store import Journal
from interview_journal.tui.app import make_app

JOB_AD = "\n".join(
    [
        "Analyst, Initech (Austin, hybrid)",
        "You will own the TPS reports end to end.",
        "You have three years of reporting experience.",
        "You like cover sheets.",
        "We offer a stapler of your own.",
        "And a cubicle near the window.",
        "Apply by 30 November.",
        "Questions: jobs@initech.example",
    ]
)


@pytest.fixture
def applied_journal(showcase_journal: Journal) -> Journal:
    """The showcase with Initech's application told in full."""
    applications = showcase_journal.applications
    initech = next(a for a in applications.matching("Initech", "Analyst"))
    applications.update(
        initech.with_changes(
            source=Source.REFERRAL,
            source_note="M. Waddams",
            applied_on=date(2026, 11, 2),
            location="Austin, hybrid",
            salary="55-60k",
            job_ad_url="https://jobs.initech.example/analyst",
            job_ad_text=JOB_AD,
        )
    )
    return showcase_journal


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def open_initech(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("slash", *"initech", "enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_applications_view(
    snap_compare: Any, applied_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """The six showcase applications.

    The picture must show: the top bar with "4 Applications" reversed (at 60 columns only
    the current tab has its label, at 80 the app's name is gone) and "Wed 25 Nov" at the
    right; "status: all   6 applications"; the columns Application, Status, Rounds (at 80
    and 100: Last contact too) and Next; Hooli first with "▸ interviewing" and "today ·
    note", the three "… waiting" rows (Vandelay, Initech, Umbrella Health) with "●", Globex
    last, dim, "✗ rejected"; each status in its colour; every cut text ends in "…"; the
    footer's labels whole (at 60 columns a Add, e Edit, d Delete, / Search, ? Help; from 80
    u Undo and f Filter too; q Quit from 90), with ^p palette at the right.
    """
    app = make_app(applied_journal, clock, view="applications")
    assert snap_compare(app, terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_application_screen(
    snap_compare: Any, applied_journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """Initech's application.

    The picture must show: the title "Initech — Analyst  … waiting"; first what acts on
    enter: "Rounds" with "Mon 23 Nov 10:00 (2 days ago) · screening · awaiting reply"
    highlighted (the focus is there; at 60 columns it wraps, never cut), "People met" with
    "B. Lumbergh · manager"; "Promises" with "Mon 23 Nov screening: feedback by Fri 27 Nov ·
    due in 2 days"; then, as far as the height allows (the rest by scrolling), the facts (Source
    "referral (M. Waddams)", Applied on "Mon 2 Nov", Location "Austin, hybrid", Salary
    "55-60k", the job ad link, Notes "—") and "Job ad" with its first four lines and "… 4
    more lines: o shows them"; the footer with ⏎ Open round, esc Back, e Edit (and from
    80 columns tab Next list, o Job ad), ? Help, every label whole.
    """
    app = make_app(applied_journal, clock, view="applications")
    assert snap_compare(app, terminal_size=size, run_before=open_initech)
