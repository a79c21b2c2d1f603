"""Reading what people type as a moment or a day (the rules are in the package docstring)."""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

import pendulum

from interview_journal.dates.days import _read_day, _Reading, _shorthand
from interview_journal.dates.shapes import (
    _ISO,
    DAY_EXAMPLES,
    DEFAULT_TIME,
    EXAMPLES,
    LAST_CALL_FOR_TONIGHT,
    MAX_INPUT,
    MAX_YEAR,
    MIN_YEAR,
    YEARS_AHEAD,
    Lean,
    _bad,
)
from interview_journal.dates.times import (
    _at_in_zone,
    _Clock,
    _pop_clock,
    _pop_zone,
    _strip_connectors,
)
from interview_journal.errors import InputError


def warm_up() -> None:
    """Load the natural-language parser's data now (call from a worker thread)."""
    try:
        parse_moment("next friday 10:00 CET", pendulum.now("UTC"), Lean.FUTURE)
    except InputError:  # pragma: no cover - the example always parses
        pass


def _natural(cleaned: str, now: pendulum.DateTime, lean: Lean) -> _Reading:
    today = now.date()
    here = now.timezone or pendulum.UTC
    rest, zone = _pop_zone(cleaned)
    iso = _ISO.fullmatch(rest.strip())
    if iso:
        reading = _iso(iso, cleaned, now)
        clock = _Clock(reading.at) if reading.at is not None else None
        day_text = ""
        reading_day: _Reading | None = reading
    else:
        rest, clock = _pop_clock(rest, cleaned)
        day_text = _strip_connectors(rest)
        reading_day = None
    if zone is not None and clock is None:
        raise _bad(cleaned, why='a time zone goes with a time of day, e.g. "14:00 CET"')
    if reading_day is None and not day_text and clock is None:
        raise _bad(cleaned)
    # A time alone ("14:00", "noon") is today for the interview, the next or the last one
    # for planned and done dates; "tonight" and "this morning" are always today.
    alone = reading_day is None and not day_text
    rolls = alone and clock is not None and not clock.is_own_day and lean is not Lean.NEAREST
    if reading_day is not None:
        day = reading_day.day
    elif day_text.lower() == "last" and clock is not None and clock.part in ("evening", "night"):
        day = today - timedelta(days=1)  # "last night"
    elif day_text:
        if clock is not None and clock.this:
            raise _bad(cleaned, why=f'"{clock.part}" already says the day')
        reading_day = _read_day(day_text, cleaned, now, lean)
        day = reading_day.day
    else:
        day = today
    late = now.time().replace(tzinfo=None) >= LAST_CALL_FOR_TONIGHT
    if clock is not None and clock.part in ("evening", "night", "tonight") and alone and late:
        raise _bad(cleaned, why='it is after 23:00: give the time, e.g. "23:45"')
    if clock is None:
        assert reading_day is not None
        return reading_day
    if zone is not None:
        moment = _at_in_zone(day, clock.at, zone, here)
        if rolls and lean is Lean.FUTURE and moment < now.start_of("minute"):
            moment = _at_in_zone(day + timedelta(days=1), clock.at, zone, here)
        elif rolls and lean is Lean.PAST and moment > now:
            moment = _at_in_zone(day - timedelta(days=1), clock.at, zone, here)
        return _Reading(moment.date(), time(moment.hour, moment.minute), instant=moment)
    if rolls:
        wall = datetime.combine(day, clock.at)
        current = datetime(now.year, now.month, now.day, now.hour, now.minute)
        if lean is Lean.FUTURE and wall < current:
            day += timedelta(days=1)
        elif lean is Lean.PAST and wall > current:
            day -= timedelta(days=1)
    return _Reading(day, clock.at)


def _iso(match: re.Match[str], typed: str, now: pendulum.DateTime) -> _Reading:
    """ "2026-12-01", "2026-12-01 10:30", "2026-12-01T10:30:00Z" (an offset is converted)."""
    try:
        day = date.fromisoformat(match["day"])
    except ValueError as error:
        raise _bad(typed, why="no such day") from error
    if match["hour"] is None:
        return _Reading(day)
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        shown = f"{match['hour']}:{match['minute']}"
        hint = "; midnight is 00:00" if (hour, minute) == (24, 0) else ""
        raise _bad(typed, why=f"{shown} is not a time of day{hint}")
    if match["offset"]:
        offset = match["offset"].upper().replace(":", "")
        seconds = 0 if offset == "Z" else int(offset[:3]) * 3600 + int(offset[0] + offset[3:]) * 60
        zone = pendulum.FixedTimezone(seconds)
        moment = _at_in_zone(day, time(hour, minute), zone, now.timezone or pendulum.UTC)
        return _Reading(moment.date(), time(moment.hour, moment.minute), instant=moment)
    return _Reading(day, time(hour, minute))


def _parse(text: str, now: pendulum.DateTime, lean: Lean) -> _Reading:
    """What the text says, read the way the field leans. Raises only InputError."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InputError(f"Type a date, e.g. {EXAMPLES}.")
    if len(cleaned) > MAX_INPUT:
        raise _bad(cleaned, why="too long")
    shorthand = _shorthand(cleaned, now.date(), lean)
    if shorthand is not None:
        return _Reading(shorthand)
    if match := _ISO.fullmatch(cleaned):
        return _iso(match, cleaned, now)
    if cleaned.isdigit():
        # A bare number is a day of the month to some and an hour to others: refuse.
        raise _bad(cleaned, why="a bare number is ambiguous")
    return _natural(cleaned, now, lean)


def _check_range(day: date, text: str, now: pendulum.DateTime) -> None:
    last = min(MAX_YEAR, now.year + YEARS_AHEAD)
    if not MIN_YEAR <= day.year <= last:
        raise _bad(
            " ".join(str(text).split()), why=f"the year must be between {MIN_YEAR} and {last}"
        )


def parse_moment(
    text: str,
    now: pendulum.DateTime,
    lean: Lean,
    default_time: time = DEFAULT_TIME,
) -> pendulum.DateTime:
    """A typed date and time, in the zone of `now`. Only `InputError` ever escapes."""
    try:
        reading = _parse(text, now, lean)
        _check_range(reading.day, text, now)
        if reading.instant is not None:
            return reading.instant
        at = reading.at or default_time
        return pendulum.datetime(
            reading.day.year,
            reading.day.month,
            reading.day.day,
            at.hour,
            at.minute,
            tz=now.timezone or "UTC",
        )
    except InputError:
        raise
    except Exception as error:  # belt and braces: nothing else may reach the user
        raise _bad(str(text)) from error


def parse_day(text: str, now: pendulum.DateTime, lean: Lean) -> date:
    """A typed day ("fri", "in 3 days", "2026-12-01"); a typed time of day is ignored."""
    try:
        reading = _parse(text, now, lean)
        _check_range(reading.day, text, now)
        return reading.day
    except InputError as error:
        if "as a date" in error.message:
            raise InputError(error.message.replace(EXAMPLES, DAY_EXAMPLES)) from None
        raise
    except Exception as error:
        raise _bad(str(text), DAY_EXAMPLES) from error


def parse_day_and_time(text: str, now: pendulum.DateTime, lean: Lean) -> tuple[date, time | None]:
    """A typed day, with the time of day when one was typed ("fri" or "fri 16:00")."""
    try:
        reading = _parse(text, now, lean)
        _check_range(reading.day, text, now)
        return reading.day, reading.at
    except InputError:
        raise
    except Exception as error:
        raise _bad(str(text)) from error


def parse_optional_day(text: str | None, now: pendulum.DateTime, lean: Lean) -> date | None:
    """Like `parse_day`, but blank text means "no date"."""
    if text is None or not text.strip():
        return None
    return parse_day(text, now, lean)
