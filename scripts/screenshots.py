"""Regenerate screenshots/ from the demo journal: `python scripts/screenshots.py [NAME ...]`
(every picture, or only the screens named: `review`, `evaluation` ...).

The journal is the one `interview-journal demo` shows (`services.demo.write_demo`, 40
rounds, seed 7), written into a temporary directory; the app runs headless against a
stopped clock (Wed 25 Nov 2026 14:05, Stockholm). Every screen is taken at 100x30
(`NAME.svg`) and 80x24 (`NAME-80x24.svg`), and `screenshots/README.md` is the contact
sheet of them all. Same data, same clock: the SVGs are byte-for-byte the same on every
run, so a diff in them is a change in how the app looks.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from interview_journal.dates import FixedClock
from interview_journal.domain.insights import SECTIONS
from interview_journal.services.demo import write_demo
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import InterviewJournalApp, make_app
from interview_journal.tui.screens.application_detail import ApplicationScreen
from interview_journal.tui.screens.entry_form import EntryFormScreen
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.insights import InsightsScreen
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from interview_journal.tui.screens.prep import PrepScreen
from interview_journal.tui.screens.retro import RetroScreen
from interview_journal.tui.widgets.timeline_list import TimelineList

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "screenshots"
NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"
SIZES = {"": (100, 30), "-80x24": (80, 24)}


@dataclass(frozen=True)
class Picks:
    """The demo rows the detail screens show: chosen by what they hold, not by id."""

    evaluated: int  # a past round with a finished evaluation and the most follow-ups
    upcoming: int  # the next round of the application with the most rounds before it
    application: int  # the application with the most rounds
    ended: int  # the latest application the user wrote what they took from
    follow_up: int  # the planned follow-up with a reason that is due first


def starts(row: dict[str, Any]) -> datetime:
    return datetime.fromisoformat(str(row["starts_at"]))


def pick(journal: Journal, now: datetime) -> Picks:
    db = journal.db
    rounds = list(db["interviews"].rows)
    finished = {row["interview_id"] for row in db["evaluations"].rows_where("state = 'finished'")}
    follow_ups: dict[int, int] = {}
    for row in db["follow_ups"].rows:
        follow_ups[row["interview_id"]] = follow_ups.get(row["interview_id"], 0) + 1
    per_application: dict[int, int] = {}
    for row in rounds:
        per_application[row["application_id"]] = per_application.get(row["application_id"], 0) + 1
    past = [row for row in rounds if starts(row) < now and row["id"] in finished]
    evaluated = max(past, key=lambda row: (follow_ups.get(row["id"], 0), starts(row)))
    ahead = [row for row in rounds if starts(row) > now]
    upcoming = max(
        ahead, key=lambda row: (per_application[row["application_id"]], -starts(row).timestamp())
    )
    application = max(per_application, key=lambda key: (per_application[key], -key))
    ended = max(
        (row for row in db["applications"].rows if row["takeaway"]),
        key=lambda row: (row["updated_at"], row["id"]),
    )
    planned = min(
        db["follow_ups"].rows_where("kind = 'follow-up' AND done IS NULL AND reason != ''"),
        key=lambda row: (row["due"], row["id"]),
    )
    return Picks(evaluated["id"], upcoming["id"], application, ended["id"], planned["id"])


Steps = Callable[[Pilot[Any], Picks], Awaitable[None]]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def interviews(pilot: Pilot[Any], picks: Picks) -> None:
    await settle(pilot)


async def timeline(pilot: Pilot[Any], picks: Picks) -> None:
    await pilot.press("2")
    await settle(pilot)


async def review(pilot: Pilot[Any], picks: Picks) -> None:
    await pilot.press("3")
    await settle(pilot)


async def applications(pilot: Pilot[Any], picks: Picks) -> None:
    await pilot.press("4")
    await settle(pilot)


async def insights(pilot: Pilot[Any], picks: Picks) -> None:
    await pilot.press("5")
    screen = pilot.app.screen
    assert isinstance(screen, InsightsScreen)
    while screen.shown != set(SECTIONS):  # every section read and painted
        await settle(pilot)


async def retro(pilot: Pilot[Any], picks: Picks) -> None:
    await applications(pilot, picks)
    await pilot.app.push_screen(RetroScreen(picks.ended))
    await settle(pilot)


async def application(pilot: Pilot[Any], picks: Picks) -> None:
    await applications(pilot, picks)
    await pilot.app.push_screen(ApplicationScreen(picks.application))
    await settle(pilot)


async def interview_detail(pilot: Pilot[Any], picks: Picks) -> None:
    await settle(pilot)
    await pilot.app.push_screen(InterviewDetailScreen(picks.evaluated))
    await settle(pilot)


async def evaluation(pilot: Pilot[Any], picks: Picks) -> None:
    await settle(pilot)
    await pilot.app.push_screen(EvaluationScreen(picks.evaluated))
    await settle(pilot)


async def interview_form(pilot: Pilot[Any], picks: Picks) -> None:
    await settle(pilot)
    await pilot.press("a")
    await settle(pilot)
    await pilot.press(*"Umbrella Health", "tab", *"ML Engineer", "tab", *"fri 10am")
    await settle(pilot)


async def follow_up_form(pilot: Pilot[Any], picks: Picks) -> None:
    await settle(pilot)
    interview = pilot.app.journal.get_interview(picks.evaluated)  # type: ignore[attr-defined]
    await pilot.app.push_screen(EntryFormScreen(interview))
    await settle(pilot)
    await pilot.press(*"mon 9am")
    await settle(pilot)


async def prep(pilot: Pilot[Any], picks: Picks) -> None:
    await settle(pilot)
    await pilot.app.push_screen(PrepScreen(picks.upcoming))
    await settle(pilot)


async def message(pilot: Pilot[Any], picks: Picks) -> None:
    await timeline(pilot, picks)
    listing = pilot.app.screen.query_one(TimelineList)
    wanted = f"entry:{picks.follow_up}"
    while listing.highlighted_key() != wanted:
        listing.action_cursor_down()
        await settle(pilot)  # the next page is read as the cursor nears the end
    await pilot.press("m")
    await settle(pilot)
    body = pilot.app.screen.query_one("#field-body", TextArea)
    body.cursor_blink = False  # a blinking cursor would be caught on or off at random


async def help_screen(pilot: Pilot[Any], picks: Picks) -> None:
    await settle(pilot)
    await pilot.press("question_mark")
    await settle(pilot)


# name, caption for the contact sheet, steps
SCREENS: list[tuple[str, str, Steps]] = [
    ("interviews", "Interviews: every round, upcoming first, with the preview below", interviews),
    ("timeline", "Timeline: follow-ups overdue, today, this week and done", timeline),
    ("review", "Daily review: what needs you today, the next days folded", review),
    ("applications", "Applications: one line per job, open ones first", applications),
    ("insights", "Insights: what your own evaluations are teaching you", insights),
    ("application", "An application: its rounds, people and the job ad", application),
    ("retro", "The retro of an ended application: what you take from it", retro),
    ("interview-detail", "An interview: its fields, evaluation and follow-ups", interview_detail),
    ("evaluation", "Evaluation of a past round: ratings, key points and notes", evaluation),
    ("interview-form", "New interview form, partly typed", interview_form),
    ("follow-up-form", "New follow-up for a round, planned for Monday", follow_up_form),
    ("prep", "Prep sheet before the next round: earlier rounds and lessons", prep),
    ("message", "The drafted message of a follow-up, m on the timeline", message),
    ("help", "Help: every key of the screen it was opened from", help_screen),
]


async def take(
    app: InterviewJournalApp, size: tuple[int, int], steps: Steps, picks: Picks, name: str
) -> None:
    async with app.run_test(size=size) as pilot:
        await steps(pilot, picks)
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        app.save_screenshot(filename=name, path=str(OUT))
        await app.action_quit()


def contact_sheet() -> str:
    lines = [
        "# Screenshots",
        "",
        "Every main screen of the TUI on the demo journal (`interview-journal demo`), at",
        "100x30 and at 80x24, under a stopped clock (Wed 25 Nov 2026 14:05).",
        "Regenerate with `python scripts/screenshots.py`; this page is written by it too.",
        "",
    ]
    for name, caption, _ in SCREENS:
        lines += [f"## {name}", ""]
        for suffix, (width, height) in SIZES.items():
            lines += [
                f"{caption} ({width}x{height}).",
                "",
                f"![{caption}, {width}x{height}]({name}{suffix}.svg)",
                "",
            ]
    return "\n".join(lines)


def main(names: list[str]) -> int:
    OUT.mkdir(exist_ok=True)
    clock = FixedClock(NOW, ZONE)
    unknown = set(names) - {name for name, _, _ in SCREENS}
    if unknown:
        print(f"no such screen: {', '.join(sorted(unknown))}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="interview-journal-shots-") as tmp:
        for name, _, steps in SCREENS:
            if names and name not in names:
                continue
            for suffix, size in SIZES.items():
                filename = f"{name}{suffix}.svg"
                # a fresh journal per picture: drafts or deletes from one never leak into the next
                journal = open_journal(Path(tmp) / filename / "journal.db", create=True)
                try:
                    write_demo(journal, 40, clock.now(), seed=7, time_zone=ZONE)
                    picks = pick(journal, clock.now())
                    asyncio.run(take(make_app(journal, clock), size, steps, picks, filename))
                finally:
                    journal.close()
                print(f"wrote {(OUT / filename).relative_to(ROOT)}")
    (OUT / "README.md").write_text(contact_sheet(), encoding="utf-8")
    print(f"wrote {(OUT / 'README.md').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
