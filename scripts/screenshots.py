"""Regenerate screenshots/*.svg from demo data: `python scripts/screenshots.py [NAME.svg ...]`
(every picture, or only those named).

The journal is built in a temporary directory from the demo generator (40 interviews,
seed 7) plus the hand-made showcase the tests use (`demo.showcase_journal`), and the
app runs headless against a stopped clock (Wed 25 Nov 2026 14:05, Stockholm). Same
data, same clock: the SVGs are byte-for-byte the same on every run, so a diff in them
is a change in how the app looks.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from interview_journal.dates import FixedClock
from interview_journal.services import demo
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import InterviewJournalApp, make_app

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"
SIZE = (100, 30)

Steps = Callable[[Pilot[Any]], Awaitable[None]]


def build_journal(path: Path, clock: FixedClock) -> Journal:
    journal = open_journal(path, create=True)
    journal.add_many(demo.sample_journal(40, clock.now(), seed=7, time_zone=ZONE))
    journal.add_many(demo.showcase_journal(clock.now(), ZONE))
    return journal


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def list_only(pilot: Pilot[Any]) -> None:
    await settle(pilot)


async def typing_a_new_interview(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    await pilot.press(*"Umbrella Health", "tab", *"ML Engineer", "tab", *"fri 10am")
    await settle(pilot)


async def initech_detail(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("slash", *"initech")
    await settle(pilot)
    await pilot.press("enter")  # back in the list, on the first Initech
    await settle(pilot)
    app = pilot.app
    table = app.screen.query_one("#interviews")
    # the sample's Initech: the one with the TPS reports in its notes
    for index, interview in enumerate(table.interviews):  # type: ignore[attr-defined]
        if "TPS" in interview.notes:
            table.move_cursor(row=index, animate=False)  # type: ignore[attr-defined]
            break
    await pilot.press("enter")
    await settle(pilot)


async def evaluating_initech(pilot: Pilot[Any]) -> None:
    await initech_detail(pilot)
    await pilot.press("v")
    await settle(pilot)
    await pilot.press(*"Told the migration story with numbers.")
    await pilot.press("tab", *"Slow down on the TPS question.")
    for widget_id, stars in (
        ("#rate-key_points_rating", "4"),
        ("#rate-dynamic_rating", "3"),
        ("#rate-expectations_rating", "5"),
        ("#rate-interest_after", "3"),
    ):
        pilot.app.screen.query_one(widget_id).focus()
        await pilot.press(stars)
    pilot.app.screen.query_one("#field-to_improve").focus()
    await pilot.pause(1.0)  # let the autosave land, so the indicator says "saved"
    await settle(pilot)


async def help_screen(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


async def timeline_view(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("2")
    await settle(pilot)


async def review_view(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("3")
    await settle(pilot)


async def applications_view(pilot: Pilot[Any]) -> None:
    await settle(pilot)
    await pilot.press("4")
    await settle(pilot)


async def initech_application(pilot: Pilot[Any]) -> None:
    await applications_view(pilot)
    await pilot.press("slash", *"initech analyst", "enter")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


SHOTS: list[tuple[str, tuple[int, int], Steps]] = [
    ("interviews.svg", SIZE, list_only),
    ("interviews-80x24.svg", (80, 24), list_only),
    ("interview-form.svg", SIZE, typing_a_new_interview),
    ("interview-detail.svg", SIZE, initech_detail),
    ("help.svg", SIZE, help_screen),
    ("evaluation.svg", (120, 36), evaluating_initech),
    ("timeline.svg", SIZE, timeline_view),
    ("timeline-80x24.svg", (80, 24), timeline_view),
    ("review.svg", SIZE, review_view),
    ("applications.svg", SIZE, applications_view),
    ("applications-80x24.svg", (80, 24), applications_view),
    ("application.svg", SIZE, initech_application),
]


async def take(app: InterviewJournalApp, size: tuple[int, int], steps: Steps, name: str) -> None:
    async with app.run_test(size=size) as pilot:
        await steps(pilot)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        app.save_screenshot(filename=name, path=str(OUT))
        await app.action_quit()


def main(names: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    clock = FixedClock(NOW, ZONE)
    unknown = set(names) - {name for name, _, _ in SHOTS}
    if unknown:
        print(f"no such picture: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="interview-journal-shots-") as tmp:
        for name, size, steps in SHOTS:
            if names and name not in names:
                continue
            # a fresh journal per picture: drafts or deletes from one never leak into the next
            journal = build_journal(Path(tmp) / name / "journal.db", clock)
            try:
                asyncio.run(take(make_app(journal, clock), size, steps, name))
            finally:
                journal.close()
            print(f"wrote {(OUT / name).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
