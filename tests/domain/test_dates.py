"""Dates the way people type them, and the way the journal shows and stores them.

Every test reads "now" from the fixed clock: Wed 25 Nov 2026 14:05 in Stockholm.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_journal.dates import (
    FixedClock,
    Lean,
    format_exact,
    format_full,
    from_storage,
    parse_day,
    parse_moment,
    parse_optional_day,
    relative,
    to_storage,
)
from interview_journal.errors import InputError

ZONE = "Europe/Stockholm"
STOCKHOLM = ZoneInfo(ZONE)

# (typed, lean, expected local date and time). A date without a time gets 09:00.
MOMENTS = [
    ("today 14:00", Lean.FUTURE, datetime(2026, 11, 25, 14, 0)),
    ("tomorrow 9am", Lean.FUTURE, datetime(2026, 11, 26, 9, 0)),
    ("fri", Lean.FUTURE, datetime(2026, 11, 27, 9, 0)),
    ("fri", Lean.PAST, datetime(2026, 11, 20, 9, 0)),
    ("next monday 10:30", Lean.FUTURE, datetime(2026, 11, 30, 10, 30)),
    ("in 3 days", Lean.FUTURE, datetime(2026, 11, 28, 9, 0)),
    ("in 3 days", Lean.PAST, datetime(2026, 11, 28, 9, 0)),
    ("+2w", Lean.FUTURE, datetime(2026, 12, 9, 9, 0)),
    ("+2w", Lean.PAST, datetime(2026, 12, 9, 9, 0)),
    ("-3d", Lean.FUTURE, datetime(2026, 11, 22, 9, 0)),
    ("3d", Lean.FUTURE, datetime(2026, 11, 28, 9, 0)),
    ("3d", Lean.PAST, datetime(2026, 11, 22, 9, 0)),
    ("3 days ago", Lean.FUTURE, datetime(2026, 11, 22, 9, 0)),
    ("yesterday", Lean.FUTURE, datetime(2026, 11, 24, 9, 0)),
    ("yesterday", Lean.PAST, datetime(2026, 11, 24, 9, 0)),
    ("2026-12-01 10:30", Lean.FUTURE, datetime(2026, 12, 1, 10, 30)),
    ("2026-12-01 10:30", Lean.PAST, datetime(2026, 12, 1, 10, 30)),
    ("2026-12-01", Lean.FUTURE, datetime(2026, 12, 1, 9, 0)),
    ("1 dec 10:30", Lean.FUTURE, datetime(2026, 12, 1, 10, 30)),
    ("1 dec 10:30", Lean.PAST, datetime(2025, 12, 1, 10, 30)),
    ("fri 10am", Lean.FUTURE, datetime(2026, 11, 27, 10, 0)),
    ("fri 10am", Lean.PAST, datetime(2026, 11, 20, 10, 0)),
    ("  Tomorrow   9AM ", Lean.FUTURE, datetime(2026, 11, 26, 9, 0)),
]

BAD = [
    "",
    "   ",
    "someday",
    "1",
    "2026-02-30",
    "2026-13-01",
    "31/31/31",
    "x" * 500,
    "\x00",
    "\ud800",
    "3000-01-01",
]


def _id(value: object) -> str:
    return repr(value)[:30]


@pytest.mark.parametrize(("typed", "lean", "expected"), MOMENTS, ids=_id)
def test_parse_moment_reads_what_people_type(
    clock: FixedClock, typed: str, lean: Lean, expected: datetime
) -> None:
    moment = parse_moment(typed, clock.now(), lean)
    assert moment.replace(tzinfo=None) == expected
    assert moment.tzinfo is not None
    assert moment.timezone_name == ZONE
    assert moment.utcoffset() == timedelta(hours=1 if expected.month in (11, 12) else 2)
    assert moment == expected.replace(tzinfo=STOCKHOLM)


@pytest.mark.parametrize(("typed", "lean", "expected"), MOMENTS, ids=_id)
def test_parse_day_reads_the_same_day(
    clock: FixedClock, typed: str, lean: Lean, expected: datetime
) -> None:
    assert parse_day(typed, clock.now(), lean) == expected.date()


def test_parse_moment_uses_the_given_default_time_for_a_bare_day(clock: FixedClock) -> None:
    moment = parse_moment("fri", clock.now(), Lean.FUTURE, default_time=time(13, 15))
    assert (moment.date(), moment.hour, moment.minute) == (date(2026, 11, 27), 13, 15)


def test_parse_optional_day_blank_is_no_date(clock: FixedClock) -> None:
    assert parse_optional_day(None, clock.now(), Lean.FUTURE) is None
    assert parse_optional_day("  ", clock.now(), Lean.FUTURE) is None
    assert parse_optional_day("fri", clock.now(), Lean.FUTURE) == date(2026, 11, 27)


def _repeats_input_and_gives_example(message: str, typed: str) -> None:
    shown = " ".join(typed.split())[:40]
    assert shown in message, f"{message!r} does not repeat {shown!r}"
    assert '"2026-12-01' in message, f"{message!r} gives no example"


@pytest.mark.parametrize("typed", BAD, ids=_id)
def test_parse_moment_refuses_bad_input_with_a_helpful_message(
    clock: FixedClock, typed: str
) -> None:
    with pytest.raises(InputError) as caught:
        parse_moment(typed, clock.now(), Lean.FUTURE)
    _repeats_input_and_gives_example(caught.value.message, typed)
    assert "\n" not in caught.value.message


@pytest.mark.parametrize("typed", BAD, ids=_id)
def test_parse_day_refuses_bad_input_with_a_helpful_message(clock: FixedClock, typed: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_day(typed, clock.now(), Lean.PAST)
    _repeats_input_and_gives_example(caught.value.message, typed)


def test_long_input_is_shown_shortened(clock: FixedClock) -> None:
    with pytest.raises(InputError) as caught:
        parse_moment("next friday " * 40, clock.now(), Lean.FUTURE)
    assert len(caught.value.message) < 250


DATE_WORDS = st.sampled_from(
    [
        "fri",
        "next",
        "last",
        "in",
        "ago",
        "3",
        "0",
        "9999",
        "days",
        "w",
        "d",
        "y",
        "years",
        "months",
        "+",
        "-",
        "10:30",
        "25:61",
        "am",
        "pm",
        "noon",
        "tomorrow",
        "today",
        "dec",
        "2026",
        "2026-12-01",
        "0000-00-00",
        "31",
        "/",
        ".",
        "T",
        "\x00",
        "٣",
    ]
)


@given(text=st.text(max_size=100))
def test_any_text_parses_or_gives_input_error(text: str) -> None:
    now = FixedClock("2026-11-25T14:05:00", ZONE).now()
    for lean in Lean:
        try:
            moment = parse_moment(text, now, lean)
        except InputError:
            pass
        else:
            assert moment.tzinfo is not None
            assert 1970 <= moment.year <= 2200
        try:
            parse_day(text, now, lean)
        except InputError:
            pass


@given(words=st.lists(DATE_WORDS, max_size=5), separator=st.sampled_from([" ", "", "-"]))
def test_date_like_text_parses_or_gives_input_error(words: list[str], separator: str) -> None:
    now = FixedClock("2026-11-25T14:05:00", ZONE).now()
    text = separator.join(words)
    try:
        moment = parse_moment(text, now, Lean.FUTURE)
    except InputError:
        return
    assert moment.timezone_name == ZONE
    assert 1970 <= moment.year <= 2200


# --- showing dates -----------------------------------------------------------------------


def _at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=STOCKHOLM)  # type: ignore[misc]


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (_at(2026, 11, 25, 14, 0), "today 14:00"),
        (_at(2026, 11, 25, 23, 59), "today 23:59"),
        (_at(2026, 11, 26, 13, 0), "tomorrow 13:00"),
        (_at(2026, 11, 24, 9, 0), "yesterday 09:00"),
        (_at(2026, 11, 27, 10, 0), "in 2 days"),
        (_at(2026, 11, 4, 10, 0), "3 weeks ago"),
        (_at(2026, 11, 22, 10, 0), "3 days ago"),
        (datetime(2026, 11, 26, 12, 0, tzinfo=UTC), "tomorrow 13:00"),
        (datetime(2026, 11, 25, 23, 30, tzinfo=UTC), "tomorrow 00:30"),
    ],
    ids=_id,
)
def test_relative(clock: FixedClock, moment: datetime, shown: str) -> None:
    assert relative(moment, clock.now()) == shown


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (_at(2026, 11, 27, 10, 0), "Fri 27 Nov 10:00"),
        (_at(2026, 1, 1, 8, 5), "Thu 1 Jan 08:05"),
        (_at(2027, 1, 8, 10, 0), "Fri 8 Jan 2027 10:00"),
        (_at(2025, 12, 1, 10, 30), "Mon 1 Dec 2025 10:30"),
        (datetime(2026, 11, 27, 9, 0, tzinfo=UTC), "Fri 27 Nov 10:00"),
        (datetime(2026, 12, 31, 23, 30, tzinfo=UTC), "Fri 1 Jan 2027 00:30"),
    ],
    ids=_id,
)
def test_format_exact_adds_the_year_only_when_not_this_year(
    clock: FixedClock, moment: datetime, shown: str
) -> None:
    assert format_exact(moment, clock.now()) == shown


def test_format_full_always_has_the_year(clock: FixedClock) -> None:
    assert format_full(_at(2026, 11, 27, 10, 0), clock.tz) == "Fri 27 Nov 2026 10:00"


# --- storage -----------------------------------------------------------------------------


def test_to_storage_is_utc_text(clock: FixedClock) -> None:
    assert to_storage(_at(2026, 11, 27, 10, 0)) == "2026-11-27T09:00:00Z"
    assert to_storage(_at(2026, 7, 1, 10, 0)) == "2026-07-01T08:00:00Z"


def test_to_storage_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_storage(datetime(2026, 11, 27, 10, 0))


AWARE = st.datetimes(
    min_value=datetime(1970, 1, 2),
    max_value=datetime(2200, 12, 30),
    timezones=st.timezones(),
).map(lambda moment: moment.replace(microsecond=0))


@given(moment=AWARE)
def test_storage_round_trip_keeps_the_instant(moment: datetime) -> None:
    text = to_storage(moment)
    back = from_storage(text)
    # Compared as instants (== across zones is special-cased for times in a DST gap).
    assert back.timestamp() == moment.timestamp()
    assert back.utcoffset() == timedelta(0)
    assert len(text) == 20


@given(first=AWARE, second=AWARE)
def test_storage_text_sorts_like_the_instants(first: datetime, second: datetime) -> None:
    assert (to_storage(first) < to_storage(second)) == (first.timestamp() < second.timestamp())


def test_daylight_saving_change_does_not_shift_a_stored_instant(clock: FixedClock) -> None:
    # Typed in November (winter time) for a day after Stockholm moves its clocks forward.
    typed = parse_moment("2027-04-01 10:00", clock.now(), Lean.FUTURE)
    stored = to_storage(typed)
    assert stored == "2027-04-01T08:00:00Z"
    back = from_storage(stored)
    # Shown in November and on the day itself, it is still 10:00 local time.
    assert format_exact(back, clock.now()) == "Thu 1 Apr 2027 10:00"
    on_the_day = FixedClock("2027-04-01T07:00:00", ZONE).now()
    assert relative(back, on_the_day) == "today 10:00"
    # Either side of the change itself (2027-03-28 02:00 -> 03:00).
    before = parse_moment("2027-03-28 01:30", clock.now(), Lean.FUTURE)
    after = parse_moment("2027-03-28 03:30", clock.now(), Lean.FUTURE)
    assert to_storage(before) == "2027-03-28T00:30:00Z"
    assert to_storage(after) == "2027-03-28T01:30:00Z"
    assert format_exact(from_storage(to_storage(after)), clock.now()) == "Sun 28 Mar 2027 03:30"


def test_moment_from_a_pendulum_clock_round_trips(clock: FixedClock) -> None:
    now = clock.now()
    assert isinstance(now, pendulum.DateTime)
    assert from_storage(to_storage(now)) == now
