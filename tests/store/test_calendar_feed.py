"""The calendar file kept current: after each kind of change the file is rewritten and,
read back with icalendar, holds exactly what it should; when nothing in the calendar
changed it is left alone (same inode, same time); it is whole, private and alone in its
folder; a rewrite that fails is said once and the journal's change stands. The last
test marks a follow-up done in the app's Timeline (Pilot) and reads the file.

The clock is stopped at Wed 25 Nov 2026 14:05 in Stockholm (tests/conftest.py); the
journal is a real file in tmp_path.
"""

from __future__ import annotations

import io
import stat
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.services.calendar_feed import (
    CALENDAR_SETTING,
    CalendarFeed,
    keep_calendar_current,
)
from interview_journal.services.config import Settings
from interview_journal.services.exchange import parse_export
from interview_journal.services.export import ExportParts, write_json_export
from interview_journal.store import Journal, open_journal
from interview_journal.store.journal_settings import JournalSettings
from tests.conftest import ZONE

TODAY = date(2026, 11, 25)


# --- a journal whose calendar is kept current ---------------------------------------------


class Kept:
    """A journal with its calendar file kept current, and what the feed said."""

    def __init__(self, journal: Journal, clock: FixedClock, path: Path, **settings: Any) -> None:
        self.journal = journal
        self.path = path
        self.said: list[str] = []
        chosen = Settings(calendar_file=path, **settings)
        self.feed = keep_calendar_current(
            journal.connection, lambda: chosen, clock.now, self.said.append
        )

    def calendar(self) -> Calendar:
        return Calendar.from_ical(self.path.read_bytes())

    def items(self) -> dict[str, Any]:
        """Every event and to-do by UID (without the "@interview-journal")."""
        found = {}
        for kind in ("VEVENT", "VTODO"):
            for component in self.calendar().walk(kind):
                found[str(component["uid"]).removesuffix("@interview-journal")] = component
        return found

    def stamp(self) -> tuple[int, int]:
        info = self.path.stat()
        return info.st_ino, info.st_mtime_ns


@pytest.fixture
def kept(journal: Journal, clock: FixedClock, tmp_path: Path) -> Kept:
    folder = tmp_path / "calendars"
    folder.mkdir()
    return Kept(journal, clock, folder / "jobs.ics")


def interview(clock: FixedClock, company: str, days: int, hour: int = 10, **more: Any) -> Interview:
    """An interview `days` from today (negative: ago) at `hour` in Stockholm."""
    starts = clock.now().add(days=days).replace(hour=hour, minute=0, second=0)
    return Interview(company=company, starts_at=starts, time_zone=ZONE, **more)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in UTC (Stockholm is UTC+1 in November and December)."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=UTC)


# --- interviews -----------------------------------------------------------------------------


def test_adding_an_interview_writes_its_event_at_once(kept: Kept, clock: FixedClock) -> None:
    added = kept.journal.add_interview(
        interview(clock, "Initech", 2, role="Analyst", location="Main St 1")
    )
    items = kept.items()
    assert list(items) == [added.uuid]
    event = items[added.uuid]
    assert event.decoded("dtstart") == at(date(2026, 11, 27), 9)  # 10:00 in Stockholm
    assert event.decoded("dtend") == at(date(2026, 11, 27), 10)  # the usual hour
    assert str(event["summary"]) == "Interview: Initech — Analyst (first)"
    assert str(event["location"]) == "Main St 1"
    assert kept.said == []


def test_the_configured_length_and_the_interviews_own(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    kept = Kept(journal, clock, tmp_path / "jobs.ics", interview_minutes=45)
    usual = journal.add_interview(interview(clock, "Initech", 2))
    own = journal.add_interview(interview(clock, "Hooli", 3, length_minutes=150))
    items = kept.items()
    assert items[usual.uuid].decoded("dtend") == at(date(2026, 11, 27), 9, 45)
    assert items[own.uuid].decoded("dtend") == at(date(2026, 11, 28), 11, 30)


def test_editing_an_interviews_time_and_length_moves_its_event(
    kept: Kept, clock: FixedClock
) -> None:
    added = kept.journal.add_interview(interview(clock, "Initech", 2))
    before = kept.stamp()
    moved = interview(clock, "Initech", 3, hour=14)
    kept.journal.update_interview(replace(added, starts_at=moved.starts_at, length_minutes=30))
    event = kept.items()[added.uuid]
    assert event.decoded("dtstart") == at(date(2026, 11, 28), 13)
    assert event.decoded("dtend") == at(date(2026, 11, 28), 13, 30)
    assert kept.stamp() != before
    assert len(kept.items()) == 1  # the same UID, moved: no copy


def test_deleting_an_interview_takes_its_event_promise_and_to_dos_away(
    kept: Kept, clock: FixedClock
) -> None:
    gone = kept.journal.add_interview(
        interview(clock, "Initech", -1, feedback_by=date(2026, 11, 30))
    )
    stays = kept.journal.add_interview(interview(clock, "Hooli", 4))
    assert gone.id is not None
    entry = kept.journal.add_entry(
        Entry(interview_id=gone.id, kind=EntryKind.FOLLOW_UP, due=When(TODAY))
    )
    assert set(kept.items()) == {gone.uuid, f"{gone.uuid}-feedback", entry.uuid, stays.uuid}
    kept.journal.delete_interview(gone.id)
    assert set(kept.items()) == {stays.uuid}


def test_the_last_90_days_stay_as_history_and_older_rounds_leave(
    kept: Kept, clock: FixedClock
) -> None:
    recent = kept.journal.add_interview(interview(clock, "Recent", -89))
    old = kept.journal.add_interview(interview(clock, "Old", -91))
    items = kept.items()
    assert recent.uuid in items
    assert old.uuid not in items


# --- follow-ups -------------------------------------------------------------------------------


@pytest.fixture
def held(kept: Kept, clock: FixedClock) -> Interview:
    return kept.journal.add_interview(interview(clock, "Initech", -3, status=Status.AWAITING_REPLY))


def plan(kept: Kept, held: Interview, due: When, **more: Any) -> Entry:
    assert held.id is not None
    return kept.journal.add_entry(
        Entry(interview_id=held.id, kind=EntryKind.FOLLOW_UP, due=due, **more)
    )


def test_planning_a_follow_up_adds_a_to_do_with_an_alarm(kept: Kept, held: Interview) -> None:
    entry = plan(kept, held, When(date(2026, 11, 27)), reason="Ask whether they decided")
    todo = kept.items()[entry.uuid]
    assert todo.name == "VTODO"
    assert todo.decoded("due") == at(date(2026, 11, 27), 8)  # 09:00 in Stockholm
    assert str(todo["summary"]) == "Follow-up: Initech"
    assert str(todo["description"]) == "Ask whether they decided"
    (alarm,) = todo.walk("VALARM")
    assert str(alarm["action"]) == "DISPLAY"
    assert alarm["trigger"].params["RELATED"] == "END"
    assert alarm.decoded("trigger") == timedelta(0)


def test_snoozing_moves_the_to_do_and_marking_it_done_takes_it_away(
    kept: Kept, held: Interview
) -> None:
    entry = plan(kept, held, When(TODAY, time(16, 0)))
    assert entry.id is not None
    assert kept.items()[entry.uuid].decoded("due") == at(TODAY, 15)
    kept.journal.snooze(entry.id, When(date(2026, 11, 30), time(10, 30)))
    assert kept.items()[entry.uuid].decoded("due") == at(date(2026, 11, 30), 9, 30)
    kept.journal.mark_done(entry.id, When(TODAY, time(14, 5)))
    assert entry.uuid not in kept.items()
    assert held.uuid in kept.items()  # the round itself is history, still shown


def test_deleting_a_follow_up_takes_its_to_do_away(kept: Kept, held: Interview) -> None:
    entry = plan(kept, held, When(date(2026, 11, 27)))
    other = plan(kept, held, When(date(2026, 11, 28)))
    assert entry.id is not None
    kept.journal.delete_entry(entry.id)
    assert {uid for uid, c in kept.items().items() if c.name == "VTODO"} == {other.uuid}


def test_renaming_the_company_renames_its_to_dos(kept: Kept, held: Interview) -> None:
    entry = plan(kept, held, When(date(2026, 11, 27)))
    kept.journal.update_interview(replace(held, company="Initrode"))
    assert str(kept.items()[entry.uuid]["summary"]) == "Follow-up: Initrode"


# --- promised feedback days ---------------------------------------------------------------------


def test_a_promised_day_set_and_changed_is_an_all_day_event_that_moves(
    kept: Kept, held: Interview
) -> None:
    assert held.id is not None
    kept.journal.set_agreed_dates(held.id, date(2026, 11, 27), None)
    promise = kept.items()[f"{held.uuid}-feedback"]
    assert promise.decoded("dtstart") == date(2026, 11, 27)
    assert promise.decoded("dtend") == date(2026, 11, 28)
    assert str(promise["transp"]) == "TRANSPARENT"
    assert str(promise["description"]) == "Promised at: first, Sun 22 Nov 2026."
    kept.journal.set_agreed_dates(held.id, date(2026, 12, 2), None)
    assert kept.items()[f"{held.uuid}-feedback"].decoded("dtstart") == date(2026, 12, 2)
    kept.journal.set_agreed_dates(held.id, None, None)
    assert f"{held.uuid}-feedback" not in kept.items()


# --- an import --------------------------------------------------------------------------------


def test_an_import_puts_what_it_brought_in_the_calendar(
    kept: Kept, clock: FixedClock, tmp_path: Path, _new_journal_folder: Path
) -> None:
    other_path = tmp_path / "other" / "journal.db"
    with open_journal(other_path, create=True) as other:
        brought = other.add_interview(interview(clock, "Globex", 5))
        assert brought.id is not None
        todo = other.add_entry(
            Entry(interview_id=brought.id, kind=EntryKind.THANK_YOU, due=When(TODAY))
        )
        text = io.StringIO()
        write_json_export(ExportParts(other), clock.now(), text.write)
    kept.journal.import_plan(parse_export(text.getvalue()))
    items = kept.items()
    assert set(items) == {brought.uuid, todo.uuid}
    assert str(items[todo.uuid]["summary"]) == "Thank-you note: Globex"


# --- left alone when nothing in it changed --------------------------------------------------------


def test_a_change_outside_the_calendar_leaves_the_file_untouched(
    kept: Kept, held: Interview
) -> None:
    assert held.id is not None
    before, rewrites = kept.stamp(), kept.feed.rewrites
    kept.journal.save_evaluation(Evaluation(interview_id=held.id, went_well="Rapport"))
    kept.journal.save_draft("notes:1", {"text": "half a thought"})
    kept.journal.add_entry(
        Entry(interview_id=held.id, kind=EntryKind.NOTE, done=When(TODAY), note="Called")
    )
    assert kept.stamp() == before
    assert kept.feed.rewrites == rewrites


def test_a_new_process_compares_with_the_file_instead_of_rewriting_it(
    kept: Kept, held: Interview, clock: FixedClock
) -> None:
    assert held.id is not None
    before = kept.stamp()
    again = Kept(kept.journal, clock, kept.path)  # a second feed: what a new process has
    kept.journal.connection.after_commit.remove(kept.feed.refresh)
    kept.journal.save_evaluation(Evaluation(interview_id=held.id, went_well="Rapport"))
    assert kept.stamp() == before
    assert again.feed.rewrites == 0


def test_the_same_journal_gives_the_same_bytes(
    kept: Kept, held: Interview, clock: FixedClock
) -> None:
    """DTSTAMP is each record's last change, not the clock: a later moment on the same day
    writes the same file."""
    plan(kept, held, When(date(2026, 11, 27)))
    first = kept.path.read_bytes()
    later = FixedClock("2026-11-25T23:00:00", ZONE)
    copy = kept.path.with_name("copy.ics")
    CalendarFeed(kept.journal.connection, Settings, later.now, print).write_now(copy)
    assert copy.read_bytes() == first


# --- whole, private, alone ---------------------------------------------------------------------


def test_each_rewrite_is_a_new_private_file_with_nothing_left_beside_it(
    kept: Kept, clock: FixedClock
) -> None:
    kept.journal.add_interview(interview(clock, "Initech", 2))
    first = kept.path.stat().st_ino
    kept.journal.add_interview(interview(clock, "Hooli", 3))
    assert kept.path.stat().st_ino != first  # renamed into place, never written over
    assert stat.S_IMODE(kept.path.stat().st_mode) == 0o600
    assert sorted(p.name for p in kept.path.parent.iterdir()) == ["jobs.ics"]
    assert kept.path.read_bytes().endswith(b"END:VCALENDAR\r\n")


def test_the_users_text_is_data_and_round_trips_exactly(kept: Kept, clock: FixedClock) -> None:
    notes = (
        "Ask: salary; start date, team size\\n (not a line break)\nSecond line — ünïcödé 😀 "
        + "long words " * 20
        + "\x1b[31mred\x07"
    )
    added = kept.journal.add_interview(
        interview(clock, 'Acme, Inc; "The" Company', 2, notes=notes, location="Room 1, floor 2")
    )
    data = kept.path.read_bytes()
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded, whole characters
    event = kept.items()[added.uuid]
    assert str(event["summary"]) == 'Interview: Acme, Inc; "The" Company (first)'
    assert str(event["location"]) == "Room 1, floor 2"
    assert str(event["description"]) == notes.strip().replace("\x1b", "").replace("\x07", "")


# --- where it goes -----------------------------------------------------------------------------


def test_the_journals_own_path_and_the_configs_are_both_kept(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    configured, own = tmp_path / "config.ics", tmp_path / "own.ics"
    JournalSettings(journal.connection).set(CALENDAR_SETTING, str(own))
    kept = Kept(journal, clock, configured)
    added = journal.add_interview(interview(clock, "Initech", 2))
    for path in (configured, own):
        assert added.uuid in Calendar.from_ical(path.read_bytes()).to_ical().decode()
    assert configured.read_bytes() == own.read_bytes()
    assert kept.said == []


def test_no_calendar_set_writes_nothing(
    journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    feed = keep_calendar_current(journal.connection, Settings, clock.now, print)
    journal.add_interview(interview(clock, "Initech", 2))
    assert feed.rewrites == 0
    assert list(tmp_path.glob("**/*.ics")) == []


# --- a rewrite that fails ----------------------------------------------------------------------


def test_a_removed_folder_is_said_once_and_the_change_stands(kept: Kept, clock: FixedClock) -> None:
    kept.journal.add_interview(interview(clock, "Initech", 2))
    folder = kept.path.parent
    kept.path.unlink()
    folder.rmdir()
    added = kept.journal.add_interview(interview(clock, "Hooli", 3))
    kept.journal.add_interview(interview(clock, "Globex", 4))
    assert len(kept.said) == 1
    assert str(folder) in kept.said[0] and "its folder is not there" in kept.said[0]
    assert "your change is saved" in kept.said[0]
    assert added.id is not None and kept.journal.get_interview(added.id).company == "Hooli"
    folder.mkdir()
    kept.journal.add_interview(interview(clock, "Umbrella", 5))  # back: written again
    assert len(kept.items()) == 4
    assert len(kept.said) == 1


def test_something_else_in_the_files_place_is_said_and_left_alone(
    kept: Kept, clock: FixedClock, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("mine")
    kept.path.symlink_to(elsewhere)
    kept.journal.add_interview(interview(clock, "Initech", 2))
    assert len(kept.said) == 1 and "symbolic link" in kept.said[0]
    assert elsewhere.read_text() == "mine"
    assert kept.path.is_symlink()


def test_a_new_process_reuses_the_files_items_and_writes_what_a_whole_rewrite_would(
    kept: Kept, held: Interview, clock: FixedClock
) -> None:
    """A new process takes the text of the items still current from the file (each says
    which row at which version it was made from) and makes only the changed ones."""
    first = plan(kept, held, When(date(2026, 11, 27)), reason="Ask whether they decided")
    other = kept.journal.add_interview(interview(clock, "Hooli", 4, location="Room 1"))
    kept.journal.connection.after_commit.remove(kept.feed.refresh)
    again = Kept(kept.journal, clock, kept.path)  # what the next command has
    kept.journal.update_interview(replace(other, location="Room 2"))
    assert first.id is not None
    kept.journal.snooze(first.id, When(date(2026, 11, 30)))
    whole = kept.path.with_name("whole.ics")
    CalendarFeed(kept.journal.connection, Settings, clock.now, print).write_now(whole)
    assert kept.path.read_bytes() == whole.read_bytes()
    assert again.feed.made == 2  # Hooli's event, then the to-do: the rest came from the file
    assert str(again.items()[other.uuid]["location"]) == "Room 2"
    assert again.items()[first.uuid].decoded("due") == at(date(2026, 11, 30), 8)
