"""Dates typed on the command line mean what was said, per option.

The clock stands where the bug was seen: Tue 1 Dec 2026 19:46 in Stockholm. `--when` is
the interview's own time (the nearest such day), `--feedback-by`, `--contact-from`,
`--due` and snooze are planned (the next one, today included), `--done` and
`follow-up done --on` are done (the last one). Like the other CLI tests these call the
click group in-process with the clock fixed (tests/cli/conftest.py, at this module's NOW).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result

from interview_journal.dates import FixedClock
from tests.cli.runner import ok, run, shown

NOW = "2026-12-01T19:46:00"
ZONE = "Europe/Stockholm"


def refused(result: Result, *fragments: str) -> str:
    assert result.exit_code == 2, (result.output, result.exception)
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith("interview-journal: "), line
    for fragment in fragments:
        assert fragment in line, line
    assert result.stdout == ""
    return line


def add(db: Path, *args: str) -> int:
    return int(ok("--db", db, "add", "--company", "Initech", *args).stdout)


def entry(db: Path, number: int, entry_id: int) -> dict[str, Any]:
    (found,) = [e for e in shown(db, number)["follow_ups"] if e["id"] == entry_id]
    assert isinstance(found, dict)
    return found


@pytest.mark.parametrize(
    ("typed", "starts_at"),
    [
        ("30 nov 10:00", "2026-11-30T10:00:00+01:00"),  # yesterday's interview, not next year
        ("1 dec 10:30", "2026-12-01T10:30:00+01:00"),  # the README's example, this morning
        ("mon", "2026-11-30T09:00:00+01:00"),  # yesterday, not next Monday
        ("fri 14:00", "2026-12-04T14:00:00+01:00"),
        ("tonight", "2026-12-01T19:00:00+01:00"),
        ("this evening", "2026-12-01T18:00:00+01:00"),
        ("14:00 PST", "2026-12-01T23:00:00+01:00"),
        ("15:00 UTC", "2026-12-01T16:00:00+01:00"),
        ("2 jan 10:00", "2027-01-02T10:00:00+01:00"),
    ],
)
def test_add_when_is_the_nearest_such_day(db: Path, typed: str, starts_at: str) -> None:
    number = add(db, "--when", typed)
    assert shown(db, number)["starts_at"] == starts_at


def test_edit_when_reads_the_same_way(db: Path) -> None:
    number = add(db, "--when", "2026-11-20 10:00")
    ok("--db", db, "edit", str(number), "--when", "30 nov 10:00")
    assert shown(db, number)["starts_at"] == "2026-11-30T10:00:00+01:00"


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("1 dec", "2026-12-01"),  # today, at 19:46 as at any hour
        ("30 nov", "2027-11-30"),  # planned: the next one
        ("mon", "2026-12-07"),
        ("fri", "2026-12-04"),
    ],
)
def test_feedback_by_and_contact_from_are_the_next_such_day(db: Path, typed: str, day: str) -> None:
    number = add(db, "--when", "yesterday 10:00", "--feedback-by", typed, "--contact-from", typed)
    found = shown(db, number)
    assert (found["feedback_by"], found["contact_from"]) == (day, day)


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("yesterday 25:00", "25:00 is not a time"),
        ("tomorrow 24:00", "24:00 is not a time"),
        ("23:60", "23:60 is not a time"),
        ("32 dec", "no such day"),
        ("in 100 years", "the year must be between"),
        ("tomorrow at 3", "3pm"),
    ],
)
def test_impossible_dates_are_refused_and_nothing_is_added(
    db: Path, option: str, message: str
) -> None:
    add(db, "--when", "2026-11-20 10:00")
    refused(run("--db", db, "add", "--company", "Hooli", "--when", option), "--when", message)
    refused(run("--db", db, "edit", "1", "--feedback-by", option), "--feedback-by", message)
    listed = json.loads(ok("--db", db, "list", "--json").stdout)
    assert [i["company"] for i in listed] == ["Initech"]
    assert listed[0]["feedback_by"] is None


def test_tonight_after_23_is_refused_with_a_clear_message(
    db: Path, fixed_clock: FixedClock
) -> None:
    fixed_clock.advance(hours=3, minutes=30)  # 23:16
    line = refused(run("--db", db, "add", "--company", "Hooli", "--when", "tonight"), "--when")
    assert "after 23:00" in line


def test_follow_up_due_and_done_lean_their_own_ways(db: Path) -> None:
    number = add(db, "--when", "30 nov 10:00")
    planned = int(
        ok("--db", db, "follow-up", str(number), "--due", "1 dec", "--reason", "Ask").stdout
    )
    assert entry(db, number, planned)["due"] == "2026-12-01"
    thanked = int(
        ok("--db", db, "follow-up", str(number), "--kind", "thank-you", "--done", "30 nov 18:00")
        .stdout
    )  # fmt: skip
    assert entry(db, number, thanked)["done"] == "2026-11-30T18:00"
    reply = int(ok("--db", db, "follow-up", str(number), "--kind", "reply", "--done", "tue").stdout)
    assert entry(db, number, reply)["done"] == "2026-11-24"  # last Tuesday, a week ago


def test_done_on_and_snooze_lean_their_own_ways(db: Path) -> None:
    number = add(db, "--when", "30 nov 10:00")
    entry_id = int(
        ok("--db", db, "follow-up", str(number), "--due", "1 dec", "--reason", "Ask").stdout
    )
    ok("--db", db, "follow-up", "done", str(entry_id), "--on", "mon 16:00")
    assert entry(db, number, entry_id)["done"] == "2026-11-30T16:00"
    ok("--db", db, "follow-up", "snooze", str(entry_id), "1 dec")
    assert entry(db, number, entry_id)["due"] == "2026-12-01"  # today, not next year
    ok("--db", db, "follow-up", "snooze", str(entry_id), "mon")
    assert entry(db, number, entry_id)["due"] == "2026-12-07"
    refused(run("--db", db, "follow-up", "snooze", str(entry_id), "tomorrow 24:00"), "24:00")
    assert entry(db, number, entry_id)["due"] == "2026-12-07"
