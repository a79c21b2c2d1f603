"""Time: daylight-saving changes, a user in another time zone, a journal that travels.

The journal's rule (domain/timeline.py): an interview is an *instant* (it happens at one
moment for both sides) and is shown in the user's zone; planned and done dates of the
timeline are *wall-clock* dates in the user's own calendar ("Fri 27 Nov", maybe "16:00"),
so a follow-up planned for Friday stays on Friday when the clocks change or the user
travels. These tests hold the app to that rule around Stockholm's changes (clocks go back
03:00 → 02:00 on Sun 25 Oct 2026, forward 02:00 → 03:00 on Sun 28 Mar 2027), for a user in
New York (INTERVIEW_JOURNAL_TZ), and for a journal written in one zone and read in another.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any

import pendulum
import pytest
from click.testing import CliRunner
from rich.console import Console
from textual.widgets import Input, Static

from interview_journal.cli import cli
from interview_journal.dates import (
    FixedClock,
    SystemClock,
    format_exact,
    format_full,
    from_storage,
    relative,
    to_storage,
)
from interview_journal.domain.entry_fields import new_entry, parse_entry_fields
from interview_journal.domain.fields import new_interview, parse_fields
from interview_journal.domain.listing import InterviewQuery
from interview_journal.domain.model import Interview
from interview_journal.domain.review import Section
from interview_journal.domain.suggestions import Rule
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.domain.timeline_page import TimelineQuery
from interview_journal.present.timeline import describe
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from interview_journal.tui.screens.timeline import TimelineScreen
from tests.ui.helpers import (
    AnyPilot,
    column,
    focused_id,
    press_and_settle,
    settle,
    text_of,
    type_text,
)

STOCKHOLM, NEW_YORK, TOKYO = "Europe/Stockholm", "America/New_York", "Asia/Tokyo"
SIZE = (140, 30)


def at(moment: str, zone: str = STOCKHOLM) -> FixedClock:
    """A clock stopped at `moment`, read as wall-clock time in `zone`."""
    return FixedClock(moment, zone)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def parsed(texts: dict[str, str], clock: FixedClock) -> dict[str, Any]:
    values, errors = parse_fields(texts, clock.now())
    assert not errors, errors
    return values


def add_typed(journal: Journal, clock: FixedClock, when: str, **more: str) -> Interview:
    """An interview as the form or `add` makes it: typed text, read at `clock`."""
    values = parsed({"company": "Initech", "starts_at": when, **more}, clock)
    return journal.add_interview(new_interview(values, clock.now()))


def plan(journal: Journal, clock: FixedClock, interview: Interview, due: str) -> Entry:
    """A follow-up planned by typing `due` at `clock` (as the entry form does)."""
    values, errors = parse_entry_fields(
        {"kind": "follow-up", "due": due, "done": "", "reason": "Ask"}, clock.now()
    )
    assert not errors, errors
    assert interview.id is not None
    return journal.add_entry(new_entry(interview.id, values))


# --- daylight saving: interviews --------------------------------------------------------------

TYPED_ACROSS_A_CHANGE = [
    # (typed, at (Stockholm), stored in UTC, shown in Stockholm: day, hour)
    ("tomorrow 14:00", "2026-10-24T12:00", "2026-10-25T13:00:00Z", "Sun 25 Oct", "14:00"),
    ("mon 10:00", "2026-10-23T12:00", "2026-10-26T09:00:00Z", "Mon 26 Oct", "10:00"),
    ("+1w", "2026-10-19T12:00", "2026-10-26T08:00:00Z", "Mon 26 Oct", "09:00"),
    ("2026-10-25 12:00", "2026-10-20T12:00", "2026-10-25T11:00:00Z", "Sun 25 Oct", "12:00"),
    ("tomorrow 14:00", "2027-03-27T12:00", "2027-03-28T12:00:00Z", "Sun 28 Mar", "14:00"),
    ("in 2 days", "2027-03-27T12:00", "2027-03-29T07:00:00Z", "Mon 29 Mar", "09:00"),
    ("2027-03-28 10:30", "2027-03-27T23:30", "2027-03-28T08:30:00Z", "Sun 28 Mar", "10:30"),
]


SHOWN_FROM = [
    "2026-10-20T09:00",
    "2026-10-25T02:30",
    "2026-10-26T12:00",
    "2027-03-28T03:00",
    "2027-11-01T12:00",
]


@pytest.mark.parametrize(
    ("typed", "typed_at", "stored", "day", "hour"),
    TYPED_ACROSS_A_CHANGE,
    ids=[f"{t} on {a[:10]}" for t, a, *_ in TYPED_ACROSS_A_CHANGE],
)
def test_a_time_typed_before_a_change_is_that_wall_clock_time_on_the_day(
    journal: Journal, typed: str, typed_at: str, stored: str, day: str, hour: str
) -> None:
    saved = add_typed(journal, at(typed_at), typed)
    assert to_storage(saved.starts_at) == stored
    assert saved.time_zone == STOCKHOLM
    # Shown the same from any moment around the changes: before, in the hour that happens
    # twice, after, around the spring change and a year on.
    for moment in SHOWN_FROM:
        label = format_exact(saved.starts_at, at(moment).now())
        assert label.startswith(day) and label.endswith(hour), (moment, label)


@pytest.mark.parametrize(
    ("clock_at", "expected"),
    [
        ("2026-10-24T14:30", "tomorrow 14:00"),  # summer time, the day before
        ("2026-10-25T02:30", "today 14:00"),  # in the hour that happens twice
        ("2026-10-25T15:00", "today 14:00"),  # winter time, later that day
        ("2026-10-26T08:00", "yesterday 14:00"),
    ],
)
def test_relative_times_around_the_change_keep_the_wall_clock_hour(
    clock_at: str, expected: str
) -> None:
    interview_at = utc("2026-10-25T13:00:00")  # Sun 25 Oct 14:00 in Stockholm (winter time)
    assert relative(interview_at, at(clock_at).now()) == expected


def test_the_hour_that_happens_twice_and_the_hour_that_never_happens() -> None:
    now = at("2026-10-20T12:00").now()
    twice = parsed({"starts_at": "2026-10-25 02:30"}, at("2026-10-20T12:00"))["starts_at"]
    assert format_full(twice, now.timezone) == "Sun 25 Oct 2026 02:30"
    # Stored and read back: the same instant. (Compared as timestamps: Python's == between
    # zones is always False for a time in the repeated hour with fold=1, PEP 495.)
    assert from_storage(to_storage(twice)).timestamp() == twice.timestamp()
    # 02:30 on 28 Mar 2027 does not exist in Stockholm: it is read as 03:30, and the form's
    # echo shows "03:30" before anything is saved (so the shift is never silent).
    never = parsed({"starts_at": "2027-03-28 02:30"}, at("2027-03-20T12:00"))["starts_at"]
    assert to_storage(never) == "2027-03-28T01:30:00Z"
    assert format_full(never, now.timezone) == "Sun 28 Mar 2027 03:30"


async def test_adding_an_interview_in_the_form_the_day_before_the_change(
    journal: Journal,
) -> None:
    clock = at("2026-10-24T12:00")
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "a")
        await type_text(pilot, "Initech")
        await focus(pilot, "field-starts_at")
        await type_text(pilot, "tomorrow 14:00")
        await settle(pilot)
        assert text_of(app, "#starts_at-echo") == "→ Sun 25 Oct 14:00 (tomorrow 14:00)"
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
        assert "Sun 25 Oct 14:00" in text_of(app, "#preview")
        assert column(app, "when") == ["tomorrow 14:00"]
    (saved,) = journal.page_interviews(InterviewQuery(now=clock.now())).interviews
    assert to_storage(saved.starts_at) == "2026-10-25T13:00:00Z"


async def focus(pilot: AnyPilot, widget_id: str) -> None:
    for _ in range(20):
        if focused_id(pilot.app) == widget_id:
            return
        await pilot.press("tab")
    assert focused_id(pilot.app) == widget_id


EDIT_SHIFT_BUG = (
    "the edit form shows the start as local 'YYYY-MM-DD HH:mm' without the offset and "
    "parses it again on save; in the hour that happens twice pendulum picks the second "
    "(winter-time) reading, so an interview at 02:30 summer time moves one hour later when "
    "only its role is edited"
)


@pytest.mark.parametrize(
    ("instant", "zone"),
    [
        pytest.param("2026-10-25T09:00:00", STOCKHOLM, id="10:00 on the day of the change"),
        pytest.param("2026-10-25T00:30:00", NEW_YORK, id="02:30 summer time (the first 02:30)"),
        pytest.param("2026-10-25T01:30:00", STOCKHOLM, id="02:30 winter time (the second)"),
        pytest.param("2027-03-28T01:30:00", STOCKHOLM, id="03:30 just after the spring gap"),
        pytest.param("2026-11-27T15:00:00", NEW_YORK, id="entered in New York"),
    ],
)
async def test_editing_only_the_role_never_moves_the_interview(
    journal: Journal, instant: str, zone: str
) -> None:
    interview = journal.add_interview(
        Interview(company="Initech", starts_at=utc(instant), time_zone=zone)
    )
    app = make_app(journal, at("2026-10-20T12:00"))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.push_screen(InterviewFormScreen(interview, focus="role"))
        await settle(pilot)
        await type_text(pilot, "Analyst")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen), "the form did not save"
    assert interview.id is not None
    saved = journal.get_interview(interview.id)
    assert saved.role == "Analyst"
    assert to_storage(saved.starts_at) == to_storage(utc(instant))


# --- daylight saving: follow-ups --------------------------------------------------------------

AROUND_THE_AUTUMN_CHANGE = [
    "2026-10-24T23:30",  # summer time
    "2026-10-25T02:30",  # the hour that happens twice
    "2026-10-25T12:00",  # winter time
    "2026-10-26T23:59",
    "2026-10-27T00:01",
    "2026-10-28T09:00",
]


def test_a_planned_follow_up_stays_on_its_day_across_the_autumn_change(
    journal: Journal,
) -> None:
    typed_at = at("2026-10-24T23:30")  # Sat, half an hour before midnight, summer time
    interview = add_typed(journal, typed_at, "2026-10-23 15:00")
    in_three_days = plan(journal, typed_at, interview, "in 3 days")
    timed = plan(journal, typed_at, interview, "tomorrow 16:00")
    assert in_three_days.due == When(date(2026, 10, 27))
    assert timed.due == When(date(2026, 10, 25), time(16, 0))
    expected_counts = {  # (overdue, due today), by the day on the user's calendar
        "2026-10-24": (0, 0),
        "2026-10-25": (0, 1),
        "2026-10-26": (1, 0),
        "2026-10-27": (1, 1),
        "2026-10-28": (2, 0),
    }
    for moment in AROUND_THE_AUTUMN_CHANGE:
        now = at(moment).now()
        assert in_three_days.id is not None and timed.id is not None
        assert journal.get_entry(in_three_days.id).due == When(date(2026, 10, 27))
        assert journal.get_entry(timed.id).due == When(date(2026, 10, 25), time(16, 0))
        assert journal.count_planned(now.date()) == expected_counts[moment[:10]], moment
        lines = timeline_lines(journal, now)
        assert lines[f"entry:{timed.id}"].endswith("16:00"), (moment, lines)
        review = journal.review(now)
        due_in_review = [
            item.entry.id for item in review.sections[Section.FOLLOW_UPS] if item.entry
        ]
        assert (in_three_days.id in due_in_review) == (moment >= "2026-10-27"), moment


def timeline_lines(journal: Journal, now: pendulum.DateTime) -> dict[str, str]:
    """The "when" text of every timeline line, by its key, as the timeline shows it at `now`."""
    page = journal.page_timeline(TimelineQuery(now), None, 100)
    return {str(item.key): describe(item, now).when for item in page.items}


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2027-03-27T23:30", "tomorrow 16:00"),
        ("2027-03-28T01:59", "today 16:00"),
        ("2027-03-28T03:00", "today 16:00"),  # a minute after 01:59: the clocks jumped
        ("2027-03-29T00:30", "yesterday 16:00"),
    ],
)
def test_a_timed_follow_up_keeps_its_hour_across_the_spring_change(
    journal: Journal, moment: str, expected: str
) -> None:
    interview = add_typed(journal, at("2027-03-26T12:00"), "2027-03-26 09:00")
    entry = plan(journal, at("2027-03-27T10:00"), interview, "tomorrow 16:00")
    assert entry.due == When(date(2027, 3, 28), time(16, 0))
    assert timeline_lines(journal, at(moment).now())[f"entry:{entry.id}"] == expected


def test_suggestions_count_working_days_by_the_calendar_across_the_change(
    journal: Journal,
) -> None:
    # Held Fri 23 Oct 15:00 (summer time), nothing agreed: after five working days (Mon 26 –
    # Fri 30 Oct, the change on Sun 25 in between) a follow-up is suggested for Fri 30 Oct.
    interview = add_typed(journal, at("2026-10-20T12:00"), "2026-10-23 15:00")
    for moment in ("2026-10-23T16:00", "2026-10-25T02:30", "2026-10-29T23:59"):
        rules = {s.rule for s in journal.suggestions(at(moment).now())}
        assert Rule.NOTHING_AGREED not in rules, moment
    for moment in ("2026-10-30T00:01", "2026-10-30T12:00"):
        found = [s for s in journal.suggestions(at(moment).now()) if s.interview.id == interview.id]
        chase = [s for s in found if s.rule is Rule.NOTHING_AGREED]
        assert [s.due for s in chase] == [date(2026, 10, 30)], moment


# --- a user in another time zone --------------------------------------------------------------

INITECH_AT = "2026-11-27T09:00:00"
"""Fri 27 Nov 2026: 10:00 in Stockholm, 04:00 in New York."""
NOW_UTC = "2026-11-25T13:05:00"
"""Wed 25 Nov 2026 14:05 in Stockholm, 08:05 in New York."""


@pytest.fixture
def stopped_system_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's clock (SystemClock in INTERVIEW_JOURNAL_TZ) stopped at NOW_UTC."""
    monkeypatch.setattr(
        SystemClock, "now", lambda self: pendulum.parse(NOW_UTC, tz="UTC").in_tz(self.tz)
    )


@pytest.fixture
def shared(journal: Journal, journal_path: Path) -> Path:
    """Initech on Fri 27 Nov 10:00 Stockholm time, a follow-up planned for Fri 27 Nov and
    feedback promised by Tue 1 Dec: the journal file, closed."""
    interview = journal.add_interview(
        Interview(
            company="Initech",
            starts_at=utc(INITECH_AT),
            time_zone=STOCKHOLM,
            feedback_by=date(2026, 12, 1),
        )
    )
    assert interview.id is not None
    journal.add_entry(
        Entry(interview.id, EntryKind.FOLLOW_UP, due=When(date(2026, 11, 27)), reason="Ask")
    )
    journal.close()
    return journal_path


def run(zone: str, *args: str, db: Path) -> Any:
    """The command line, as a user in `zone` runs it on the journal at `db`."""
    result = CliRunner().invoke(cli, [*args, "--db", str(db)], env={"INTERVIEW_JOURNAL_TZ": zone})
    assert result.exit_code == 0, (result.output, result.exception)
    return result


@pytest.mark.usefixtures("stopped_system_clock")
@pytest.mark.parametrize(
    ("zone", "hour", "offset"), [(STOCKHOLM, "10:00", "+01:00"), (NEW_YORK, "04:00", "-05:00")]
)
def test_the_cli_shows_the_interview_in_local_time_and_the_follow_up_on_its_day(
    shared: Path, zone: str, hour: str, offset: str
) -> None:
    listed = run(zone, "list", db=shared).stdout
    (row,) = [line for line in listed.splitlines() if "Initech" in line]
    assert f"Fri 27 Nov {hour}" in row, row
    shown = json.loads(run(zone, "show", "1", "--json", db=shared).stdout)
    assert shown["starts_at"] == f"2026-11-27T{hour}:00{offset}"
    assert shown["time_zone"] == STOCKHOLM  # where it was entered, kept for the record
    assert shown["feedback_by"] == "2026-12-01"
    assert [f["due"] for f in shown["follow_ups"]] == ["2026-11-27"]
    lines = json.loads(run(zone, "timeline", "--json", db=shared).stdout)
    planned = [line for line in lines if line["source"] == "entry"]
    assert [line["date"] for line in planned] == ["2026-11-27"]


@pytest.mark.usefixtures("stopped_system_clock")
def test_a_follow_up_planned_in_new_york_stays_on_that_day_in_stockholm(shared: Path) -> None:
    run(NEW_YORK, "follow-up", "add", "1", "--due", "2026-11-27 16:00", "--reason", "Hi", db=shared)
    run(NEW_YORK, "follow-up", "add", "1", "--due", "fri", "--reason", "Hi", db=shared)
    for zone in (NEW_YORK, STOCKHOLM, TOKYO):
        shown = json.loads(run(zone, "show", "1", "--json", db=shared).stdout)
        dues = sorted(f["due"] for f in shown["follow_ups"])
        assert dues == ["2026-11-27", "2026-11-27", "2026-11-27T16:00"], zone


def test_tomorrow_is_the_users_own_tomorrow(shared: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 02:00 UTC on Thu 26 Nov it is Thu 03:00 in Stockholm and still Wed 21:00 in New
    York: "tomorrow" is Fri 27 for one and Thu 26 for the other, and stays so."""
    monkeypatch.setattr(
        SystemClock,
        "now",
        lambda self: pendulum.parse("2026-11-26T02:00:00", tz="UTC").in_tz(self.tz),
    )
    for zone in (NEW_YORK, STOCKHOLM):
        run(zone, "follow-up", "add", "1", "--due", "tomorrow", "--reason", zone, db=shared)
    with open_journal(shared) as reopened:
        dues = {entry.reason: entry.due for entry in reopened.entries_for(1)}
    assert dues[NEW_YORK] == When(date(2026, 11, 26))
    assert dues[STOCKHOLM] == When(date(2026, 11, 27))


@pytest.mark.parametrize(
    ("zone", "date_cell", "when_cell"),
    [
        (STOCKHOLM, "Fri 27 Nov 10:00", "in 2 days"),
        (NEW_YORK, "Fri 27 Nov 04:00", "in 2 days"),
        (TOKYO, "Fri 27 Nov 18:00", "in 2 days"),
    ],
)
async def test_the_tui_in_another_zone_shows_local_times_and_wall_clock_follow_ups(
    shared: Path, zone: str, date_cell: str, when_cell: str
) -> None:
    clock = FixedClock(pendulum.parse(NOW_UTC, tz="UTC"), zone)
    with open_journal(shared) as journal:
        app = make_app(journal, clock)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            assert date_cell in text_of(app, "#preview")  # exact in the preview
            assert column(app, "when") == [when_cell]
            await press_and_settle(pilot, "2")
            screen = app.screen
            assert isinstance(screen, TimelineScreen)
            now = clock.now()
            lines = timeline_lines(journal, now)
            assert lines["entry:1"] == "Fri 27 Nov"  # the follow-up: the same day everywhere
            assert lines["interview:1"] == date_cell
            on_screen = [plain(option.prompt) for option in screen.timeline.options]
            follow_up = [line for line in on_screen if "follow-up" in line]
            assert len(follow_up) == 1 and "Fri 27 Nov" in follow_up[0], on_screen


def plain(renderable: Any) -> str:
    console = Console(width=200, no_color=True, color_system=None, record=True)
    console.print(renderable)
    return " ".join(console.export_text().split())


# --- a journal that moves between zones ----------------------------------------------------


def test_a_journal_written_in_stockholm_and_read_in_new_york_and_tokyo(
    journal: Journal, journal_path: Path
) -> None:
    here = at("2026-11-25T14:05")
    interview = add_typed(journal, here, "fri 10:00", feedback_by="tue", contact_from="mon")
    assert interview.id is not None
    late = add_typed(journal, here, "2026-11-27 23:30")  # Sat 28 in Tokyo
    assert late.id is not None
    entry = plan(journal, here, interview, "fri 16:00")
    undated = plan(journal, here, interview, "in 3 days")
    journal.close()

    for zone in (STOCKHOLM, NEW_YORK, TOKYO):
        clock = FixedClock(here.now().in_tz("UTC"), zone)
        with open_journal(journal_path) as moved:
            again = moved.get_interview(interview.id)
            assert again.starts_at == interview.starts_at  # the same instant
            assert to_storage(again.starts_at) == "2026-11-27T09:00:00Z"
            assert again.time_zone == STOCKHOLM
            assert (again.feedback_by, again.contact_from) == (
                date(2026, 12, 1),
                date(2026, 11, 30),
            )
            assert entry.id is not None and undated.id is not None
            assert moved.get_entry(entry.id).due == When(date(2026, 11, 27), time(16, 0))
            assert moved.get_entry(undated.id).due == When(date(2026, 11, 28))
            lines = timeline_lines(moved, clock.now())
            assert lines[f"entry:{entry.id}"] == "Fri 27 Nov 16:00", zone  # wall clock: no shift
            local = {STOCKHOLM: "Fri 27 Nov 10:00", NEW_YORK: "Fri 27 Nov 04:00"}
            local[TOKYO] = "Fri 27 Nov 18:00"
            assert lines[f"interview:{interview.id}"] == local[zone]
            late_day = {STOCKHOLM: "Fri 27 Nov 23:30", NEW_YORK: "Fri 27 Nov 17:30"}
            late_day[TOKYO] = "Sat 28 Nov 07:30"
            assert lines[f"interview:{late.id}"] == late_day[zone]


async def test_the_edit_form_in_new_york_shows_local_time_and_saves_the_same_instant(
    journal: Journal,
) -> None:
    interview = add_typed(journal, at("2026-11-25T14:05"), "fri 10:00")
    assert interview.id is not None
    entry = plan(journal, at("2026-11-25T14:05"), interview, "fri 16:00")
    clock = FixedClock(pendulum.parse(NOW_UTC, tz="UTC"), NEW_YORK)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "e")
        assert isinstance(app.screen, InterviewFormScreen)
        assert app.screen.query_one("#field-starts_at", Input).value == "Fri 27 Nov 04:00"
        echo = str(app.screen.query_one("#starts_at-echo", Static).render())
        assert echo == "→ Fri 27 Nov 04:00 (in 2 days)"
        await focus(pilot, "field-role")
        await type_text(pilot, "Analyst")
        await press_and_settle(pilot, "ctrl+s")
        assert isinstance(app.screen, InterviewsScreen)
    saved = journal.get_interview(interview.id)
    assert saved.role == "Analyst"
    assert saved.starts_at == interview.starts_at
    assert saved.time_zone == STOCKHOLM
    assert entry.id is not None
    assert journal.get_entry(entry.id).due == When(date(2026, 11, 27), time(16, 0))
