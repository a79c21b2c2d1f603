"""What a typed date means depends on the field it is typed into.

Three kinds of field, each read through the field parser the forms and the CLI use:

- **held** — the interview's own time (`FIELDS["starts_at"]`): entered before or after
  it happens, so a date without a year is the nearest one and a weekday alone is the one
  within three days either way;
- **planned** — a follow-up's due date (`ENTRY_FIELDS["due"]`), feedback-by and
  may-get-in-touch-from (`FIELDS[...]`), snoozing: the next occurrence, today included;
- **done** — when something happened (`ENTRY_FIELDS["done"]`): the last occurrence.

Every phrasing is read at fixed clocks chosen to catch what goes wrong: around a year
end, on both days the clocks change in Stockholm, late in the evening, and the evening of
1 Dec the bug was found on.

Calendars for reading the tables (the clocks' days in brackets):

    November 2026          December 2026          January 2027
    Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su   Mo Tu We Th Fr Sa Su
                       1       [1] 2  3  4  5  6                1 [2] 3
     2  3  4  5  6  7  8    7  8  9 10 11 12 13    4  5  6  7  8  9 10
     ...                   ...
    23 24 25 26 27 28 29   21 22 23 24 25 26 27
    30                     28 29[30]31

    October 2026: Sat 24, [Sun 25] (clocks back 03:00 -> 02:00), Mon 26
    March 2027:   Sat 27, [Sun 28] (clocks forward 02:00 -> 03:00), Mon 29
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pendulum
import pytest

from interview_journal.dates import FixedClock, Lean, parse_moment, to_storage
from interview_journal.domain.entry_fields import ENTRY_FIELDS
from interview_journal.domain.fields import FIELDS
from interview_journal.domain.timeline import When
from interview_journal.errors import InputError

ZONE = "Europe/Stockholm"

FOUND_ON = "2026-12-01T19:46"  # Tue 1 Dec, the evening the bug was seen
LATE = "2026-12-01T23:30"  # Tue 1 Dec, late
YEAR_END = "2026-12-30T22:00"  # Wed 30 Dec
NEW_YEAR = "2027-01-02T08:00"  # Sat 2 Jan
AUTUMN = "2026-10-25T12:00"  # Sun 25 Oct, the day the clocks go back
SPRING = "2027-03-28T12:00"  # Sun 28 Mar, the day the clocks go forward


def _refused(words: str) -> tuple[str, str, str]:
    """Refused in every field, with these words in the message."""
    return (f"!{words}",) * 3


# (clock, typed, held, planned, done). A value is "YYYY-MM-DD" (no time typed),
# "YYYY-MM-DD HH:MM", or "!words the refusal must contain".
TABLE: list[tuple[str, str, str, str, str]] = [
    # -- the evening the bug was found: a day and month without a year
    (FOUND_ON, "30 nov 10:00", "2026-11-30 10:00", "2027-11-30 10:00", "2026-11-30 10:00"),
    (FOUND_ON, "1 dec 10:30", "2026-12-01 10:30", "2026-12-01 10:30", "2026-12-01 10:30"),
    (FOUND_ON, "1 dec", "2026-12-01", "2026-12-01", "2026-12-01"),
    (FOUND_ON, "1/12", "2026-12-01", "2026-12-01", "2026-12-01"),
    (FOUND_ON, "dec 1st 2pm", "2026-12-01 14:00", "2026-12-01 14:00", "2026-12-01 14:00"),
    (FOUND_ON, "december 1", "2026-12-01", "2026-12-01", "2026-12-01"),
    (FOUND_ON, "1st of december", "2026-12-01", "2026-12-01", "2026-12-01"),
    (FOUND_ON, "2 dec", "2026-12-02", "2026-12-02", "2025-12-02"),
    (FOUND_ON, "29 feb", "2028-02-29", "2028-02-29", "2024-02-29"),
    (FOUND_ON, "the 5th", "2026-12-05", "2026-12-05", "2026-11-05"),
    (FOUND_ON, "tue 1 dec", "2026-12-01", "2026-12-01", "2026-12-01"),
    (FOUND_ON, "1 dec 2027", "2027-12-01", "2027-12-01", "2027-12-01"),
    (FOUND_ON, "1/12/2025", "2025-12-01", "2025-12-01", "2025-12-01"),
    (FOUND_ON, "1.12.", "2026-12-01", "2026-12-01", "2026-12-01"),
    # -- a weekday alone (Tuesday)
    (FOUND_ON, "mon", "2026-11-30", "2026-12-07", "2026-11-30"),
    (FOUND_ON, "tue", "2026-12-01", "2026-12-08", "2026-11-24"),
    (FOUND_ON, "fri", "2026-12-04", "2026-12-04", "2026-11-27"),
    (FOUND_ON, "sat", "2026-11-28", "2026-12-05", "2026-11-28"),
    (FOUND_ON, "Friday 10am", "2026-12-04 10:00", "2026-12-04 10:00", "2026-11-27 10:00"),
    (FOUND_ON, "on mon at 15:30", "2026-11-30 15:30", "2026-12-07 15:30", "2026-11-30 15:30"),
    (FOUND_ON, "next mon", "2026-12-07", "2026-12-07", "2026-12-07"),
    (FOUND_ON, "last mon", "2026-11-30", "2026-11-30", "2026-11-30"),
    # -- parts of the day
    (FOUND_ON, "tonight", "2026-12-01 19:00", "2026-12-01 19:00", "2026-12-01 19:00"),
    (FOUND_ON, "this evening", "2026-12-01 18:00", "2026-12-01 18:00", "2026-12-01 18:00"),
    (FOUND_ON, "this morning", "2026-12-01 09:00", "2026-12-01 09:00", "2026-12-01 09:00"),
    (FOUND_ON, "this afternoon", "2026-12-01 14:00", "2026-12-01 14:00", "2026-12-01 14:00"),
    (FOUND_ON, "tomorrow morning", "2026-12-02 09:00", "2026-12-02 09:00", "2026-12-02 09:00"),
    (FOUND_ON, "fri evening", "2026-12-04 18:00", "2026-12-04 18:00", "2026-11-27 18:00"),
    (FOUND_ON, "noon", "2026-12-01 12:00", "2026-12-02 12:00", "2026-12-01 12:00"),
    (FOUND_ON, "end of day", "2026-12-01 17:00", "2026-12-02 17:00", "2026-12-01 17:00"),
    (FOUND_ON, "tomorrow at noon", "2026-12-02 12:00", "2026-12-02 12:00", "2026-12-02 12:00"),
    # -- a time alone: today for the interview, the next or the last one otherwise
    (FOUND_ON, "10am", "2026-12-01 10:00", "2026-12-02 10:00", "2026-12-01 10:00"),
    (FOUND_ON, "21:15", "2026-12-01 21:15", "2026-12-01 21:15", "2026-11-30 21:15"),
    (FOUND_ON, "9.30", "2026-12-01 09:30", "2026-12-02 09:30", "2026-12-01 09:30"),
    (FOUND_ON, "now", "2026-12-01 19:46", "2026-12-01 19:46", "2026-12-01 19:46"),
    (FOUND_ON, "in 3h", "2026-12-01 22:46", "2026-12-01 22:46", "2026-12-01 22:46"),
    (FOUND_ON, "tomorrow 10h", "2026-12-02 10:00", "2026-12-02 10:00", "2026-12-02 10:00"),
    (FOUND_ON, "last night", "2026-11-30 19:00", "2026-11-30 19:00", "2026-11-30 19:00"),
    # -- relative phrases mean the same in every field
    (FOUND_ON, "tomorrow 14:00", "2026-12-02 14:00", "2026-12-02 14:00", "2026-12-02 14:00"),
    (FOUND_ON, "yesterday 15:00", "2026-11-30 15:00", "2026-11-30 15:00", "2026-11-30 15:00"),
    (FOUND_ON, "in 3 days", "2026-12-04", "2026-12-04", "2026-12-04"),
    (FOUND_ON, "in 3 months", "2027-03-01", "2027-03-01", "2027-03-01"),
    (FOUND_ON, "3 months ago", "2026-09-01", "2026-09-01", "2026-09-01"),
    (FOUND_ON, "in 2 weeks", "2026-12-15", "2026-12-15", "2026-12-15"),
    # -- time zones typed with the time are converted to Stockholm (CET, UTC+1)
    (FOUND_ON, "14:00 PST", "2026-12-01 23:00", "2026-12-01 23:00", "2026-11-30 23:00"),
    (FOUND_ON, "10:00 CET", "2026-12-01 10:00", "2026-12-02 10:00", "2026-12-01 10:00"),
    (FOUND_ON, "15:00 UTC", "2026-12-01 16:00", "2026-12-02 16:00", "2026-12-01 16:00"),
    (FOUND_ON, "tomorrow 9am EST", "2026-12-02 15:00", "2026-12-02 15:00", "2026-12-02 15:00"),
    (FOUND_ON, "14:00 Europe/London", "2026-12-01 15:00", "2026-12-02 15:00", "2026-12-01 15:00"),
    (FOUND_ON, "fri 10:00 +05:30", "2026-12-04 05:30", "2026-12-04 05:30", "2026-11-27 05:30"),
    # -- refused, saying which part is wrong
    (FOUND_ON, "yesterday 25:00", *_refused("25:00 is not a time")),
    (FOUND_ON, "tomorrow 24:00", *_refused("24:00 is not a time")),
    (FOUND_ON, "23:60", *_refused("23:60 is not a time")),
    (FOUND_ON, "fri 13pm", *_refused("13pm is not a time")),
    (FOUND_ON, "2026-12-01 24:00", *_refused("24:00 is not a time")),
    (FOUND_ON, "32 dec", *_refused("no such day")),
    (FOUND_ON, "30 feb", *_refused("no such day")),
    (FOUND_ON, "29 feb 2027", *_refused("no such day")),
    (FOUND_ON, "12/31", *_refused("no month 31")),
    (FOUND_ON, "wed 1 dec", *_refused("Tuesday")),
    (FOUND_ON, "in 100 years", *_refused("the year must be between")),
    (FOUND_ON, "tomorrow at 3", *_refused("3pm")),
    (FOUND_ON, "fri 3", *_refused("3pm")),
    (FOUND_ON, "tomorrow 1030", *_refused("like 10:30")),
    (FOUND_ON, "tomorrow 25h", *_refused("25h is not a time")),
    (FOUND_ON, "14:00 XYZ", '!"14:00 XYZ"', '!"14:00 XYZ"', '!"14:00 XYZ"'),
    (FOUND_ON, "14:00 Mars/Olympus", *_refused("Mars/Olympus")),
    (FOUND_ON, "tomorrow PST", *_refused("time zone")),
    (FOUND_ON, "10:00 14:00", *_refused("two times")),
    (FOUND_ON, "dec", *_refused("whole month")),
    # -- late in the evening: today is still today
    (LATE, "1 dec", "2026-12-01", "2026-12-01", "2026-12-01"),
    (LATE, "1 dec 10:00", "2026-12-01 10:00", "2026-12-01 10:00", "2026-12-01 10:00"),
    (LATE, "today", "2026-12-01", "2026-12-01", "2026-12-01"),
    (LATE, "30 nov", "2026-11-30", "2027-11-30", "2026-11-30"),
    (LATE, "tue", "2026-12-01", "2026-12-08", "2026-11-24"),
    (LATE, "23:45", "2026-12-01 23:45", "2026-12-01 23:45", "2026-11-30 23:45"),
    (LATE, "tomorrow evening", "2026-12-02 18:00", "2026-12-02 18:00", "2026-12-02 18:00"),
    (LATE, "tonight", *_refused("after 23:00")),
    (LATE, "this evening", *_refused("after 23:00")),
    # -- the end of the year (Wed 30 Dec 22:00)
    (YEAR_END, "2 jan", "2027-01-02", "2027-01-02", "2026-01-02"),
    (YEAR_END, "2/1", "2027-01-02", "2027-01-02", "2026-01-02"),
    (YEAR_END, "1/1", "2027-01-01", "2027-01-01", "2026-01-01"),
    (YEAR_END, "30 dec", "2026-12-30", "2026-12-30", "2026-12-30"),
    (YEAR_END, "29 dec", "2026-12-29", "2027-12-29", "2026-12-29"),
    (YEAR_END, "jan 4th 10am", "2027-01-04 10:00", "2027-01-04 10:00", "2026-01-04 10:00"),
    (YEAR_END, "31 dec 23:59", "2026-12-31 23:59", "2026-12-31 23:59", "2025-12-31 23:59"),
    (YEAR_END, "15 jun", "2027-06-15", "2027-06-15", "2026-06-15"),
    (YEAR_END, "the 31st", "2026-12-31", "2026-12-31", "2026-10-31"),
    (YEAR_END, "mon", "2026-12-28", "2027-01-04", "2026-12-28"),
    (YEAR_END, "sun", "2026-12-27", "2027-01-03", "2026-12-27"),
    (YEAR_END, "sat", "2027-01-02", "2027-01-02", "2026-12-26"),
    (YEAR_END, "next fri", "2027-01-01", "2027-01-01", "2027-01-01"),
    (YEAR_END, "last fri", "2026-12-25", "2026-12-25", "2026-12-25"),
    (YEAR_END, "tomorrow 10:00", "2026-12-31 10:00", "2026-12-31 10:00", "2026-12-31 10:00"),
    (YEAR_END, "in 3 days", "2027-01-02", "2027-01-02", "2027-01-02"),
    (YEAR_END, "tonight", "2026-12-30 19:00", "2026-12-30 19:00", "2026-12-30 19:00"),
    (YEAR_END, "22:30", "2026-12-30 22:30", "2026-12-30 22:30", "2026-12-29 22:30"),
    (YEAR_END, "end of day", "2026-12-30 17:00", "2026-12-31 17:00", "2026-12-30 17:00"),
    (YEAR_END, "1 jan 2027", "2027-01-01", "2027-01-01", "2027-01-01"),
    # -- the start of the next (Sat 2 Jan 08:00)
    (NEW_YEAR, "30 dec", "2026-12-30", "2027-12-30", "2026-12-30"),
    (NEW_YEAR, "2 jan", "2027-01-02", "2027-01-02", "2027-01-02"),
    (NEW_YEAR, "1 jan", "2027-01-01", "2028-01-01", "2027-01-01"),
    (NEW_YEAR, "31 dec 10:00", "2026-12-31 10:00", "2027-12-31 10:00", "2026-12-31 10:00"),
    (NEW_YEAR, "dec 31st", "2026-12-31", "2027-12-31", "2026-12-31"),
    (NEW_YEAR, "fri", "2027-01-01", "2027-01-08", "2027-01-01"),
    (NEW_YEAR, "mon", "2027-01-04", "2027-01-04", "2026-12-28"),
    (NEW_YEAR, "yesterday", "2027-01-01", "2027-01-01", "2027-01-01"),
    (NEW_YEAR, "this afternoon", "2027-01-02 14:00", "2027-01-02 14:00", "2027-01-02 14:00"),
    (NEW_YEAR, "noon", "2027-01-02 12:00", "2027-01-02 12:00", "2027-01-01 12:00"),
    (NEW_YEAR, "in 2 weeks", "2027-01-16", "2027-01-16", "2027-01-16"),
    (NEW_YEAR, "in 3 months", "2027-04-02", "2027-04-02", "2027-04-02"),
    (NEW_YEAR, "a year ago", "2026-01-02", "2026-01-02", "2026-01-02"),
    (NEW_YEAR, "in 10 years", "2037-01-02", "2037-01-02", "2037-01-02"),
    (NEW_YEAR, "in 11 years", "!the year must be between 1970 and 2037", "!between", "!between"),
    # -- the day the clocks go back (Sun 25 Oct, 02:00-03:00 happens twice)
    (AUTUMN, "tomorrow 02:30", "2026-10-26 02:30", "2026-10-26 02:30", "2026-10-26 02:30"),
    (AUTUMN, "sat 10:00", "2026-10-24 10:00", "2026-10-31 10:00", "2026-10-24 10:00"),
    (AUTUMN, "00:30 UTC", "2026-10-25 02:30", "2026-10-26 01:30", "2026-10-25 02:30"),
    (AUTUMN, "1 nov", "2026-11-01", "2026-11-01", "2025-11-01"),
    (AUTUMN, "24 oct", "2026-10-24", "2027-10-24", "2026-10-24"),
    (AUTUMN, "tonight", "2026-10-25 19:00", "2026-10-25 19:00", "2026-10-25 19:00"),
    # -- the day the clocks go forward (Sun 28 Mar, 02:00-03:00 never happens)
    (SPRING, "sat", "2027-03-27", "2027-04-03", "2027-03-27"),
    (SPRING, "15:00 UTC", "2027-03-28 17:00", "2027-03-28 17:00", "2027-03-27 16:00"),
    (SPRING, "tomorrow 14:00 CET", "2027-03-29 15:00", "2027-03-29 15:00", "2027-03-29 15:00"),
    (SPRING, "28 mar", "2027-03-28", "2027-03-28", "2027-03-28"),
    (SPRING, "29 mar", "2027-03-29", "2027-03-29", "2026-03-29"),
    (SPRING, "fri 16:00", "2027-03-26 16:00", "2027-04-02 16:00", "2027-03-26 16:00"),
]  # fmt: skip

KINDS = {"held": 2, "planned": 3, "done": 4}


def _now(at: str) -> pendulum.DateTime:
    return FixedClock(at, ZONE).now()


def _expected(text: str) -> tuple[date, time | None]:
    if " " in text:
        moment = datetime.strptime(text, "%Y-%m-%d %H:%M")
        return moment.date(), moment.time()
    return date.fromisoformat(text), None


def _read(kind: str, typed: str, now: pendulum.DateTime) -> list[tuple[date, time | None]]:
    """What each field of this kind makes of the text, as (day, time of day or None)."""
    if kind == "held":
        moment = FIELDS["starts_at"].parse(typed, now)
        assert moment.timezone_name == ZONE
        return [(moment.date(), moment.time().replace(tzinfo=None, fold=0))]
    if kind == "planned":
        due: When = ENTRY_FIELDS["due"].parse(typed, now)
        feedback: date = FIELDS["feedback_by"].parse(typed, now)
        contact: date = FIELDS["contact_from"].parse(typed, now)
        return [(due.day, due.at), (feedback, due.at), (contact, due.at)]
    done: When = ENTRY_FIELDS["done"].parse(typed, now)
    return [(done.day, done.at)]


CASES = [
    pytest.param(clock, typed, kind, row[index], id=f"{clock[5:16]}-{typed}-{kind}")
    for row in TABLE
    for clock, typed in [row[:2]]
    for kind, index in KINDS.items()
]


def test_the_table_is_big_enough() -> None:
    assert len(TABLE) >= 60
    assert len({typed for _, typed, *_ in TABLE}) >= 60


@pytest.mark.parametrize(("clock", "typed", "kind", "expected"), CASES)
def test_each_field_reads_the_date_its_way(
    clock: str, typed: str, kind: str, expected: str
) -> None:
    now = _now(clock)
    if expected.startswith("!"):
        with pytest.raises(InputError) as refused:
            _read(kind, typed, now)
        message = refused.value.message
        assert expected[1:] in message, message
        assert "\n" not in message
        return
    day, at = _expected(expected)
    for found in _read(kind, typed, now):
        if kind == "held":
            assert found == (day, at or time(9, 0)), typed  # a day alone starts at 09:00
        else:
            assert found == (day, at), typed


# --- the instant behind a converted time ------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("00:30 UTC", "2026-10-25T00:30:00Z"),  # 02:30 summer time, the first time round
        ("01:30 UTC", "2026-10-25T01:30:00Z"),  # 02:30 winter time, the second
        ("2026-10-25 02:30", "2026-10-25T01:30:00Z"),  # typed locally: the later one, as before
        ("14:00 PST", "2026-10-25T22:00:00Z"),
    ],
)
def test_a_time_in_the_repeated_hour_keeps_its_instant(typed: str, stored: str) -> None:
    moment = FIELDS["starts_at"].parse(typed, _now(AUTUMN))
    assert to_storage(moment) == stored


def test_an_hour_that_never_happens_moves_on_as_before() -> None:
    # Typed locally, 02:30 on the spring day does not exist: it is read as 03:30 and the
    # echo shows it (see tests/reliability/test_time_zones.py).
    moment = FIELDS["starts_at"].parse("02:30", _now(SPRING))
    assert (moment.hour, moment.minute) == (3, 30)


# --- each lean on its own ---------------------------------------------------------------


def test_every_lean_reads_an_explicit_date_the_same() -> None:
    now = _now(FOUND_ON)
    for typed in ("2026-11-30 10:00", "30 nov 2026 10:00", "next mon 10:00", "in 3 days"):
        moments = {parse_moment(typed, now, lean) for lean in Lean}
        assert len(moments) == 1, (typed, moments)


@pytest.mark.parametrize("weekday", ["mon", "tue", "wed", "thu", "fri", "sat", "sun"])
@pytest.mark.parametrize("clock", [FOUND_ON, YEAR_END, NEW_YEAR, AUTUMN, SPRING])
def test_a_weekday_for_the_interview_is_within_three_days(clock: str, weekday: str) -> None:
    now = _now(clock)
    moment = parse_moment(weekday, now, Lean.NEAREST)
    assert abs((moment.date() - now.date()).days) <= 3
    assert f"{moment:%a}".lower() == weekday
    planned = parse_moment(weekday, now, Lean.FUTURE).date()
    done = parse_moment(weekday, now, Lean.PAST).date()
    assert 1 <= (planned - now.date()).days <= 7
    assert 1 <= (now.date() - done).days <= 7


@pytest.mark.parametrize("clock", [FOUND_ON, LATE, YEAR_END, NEW_YEAR, AUTUMN, SPRING])
def test_todays_date_is_today_in_every_field(clock: str) -> None:
    now = _now(clock)
    typed = f"{now.day} {now:%b}"
    for lean in Lean:
        assert parse_moment(typed, now, lean).date() == now.date(), (typed, lean)


def _fields(kind: str) -> Any:
    return {"held": Lean.NEAREST, "planned": Lean.FUTURE, "done": Lean.PAST}[kind]


@pytest.mark.parametrize("kind", KINDS)
def test_the_fields_use_the_lean_of_their_kind(kind: str) -> None:
    # "30 nov" on 1 Dec tells the three apart: this year, next year, this year.
    now = _now(FOUND_ON)
    expected = parse_moment("30 nov", now, _fields(kind)).date()
    ((day, _), *_) = _read(kind, "30 nov", now)
    assert day == expected
