"""Dates the way people say them, and the way they think of them.

Reading: "tomorrow 14:00", "fri", "in 3 days", "+2w", "1 dec 10:30" become aware
datetimes in the user's time zone. The natural-language parser (dateparser) is imported
only on first use, because its language data costs a few hundred milliseconds to load
and most runs of the program never parse a date.

Showing: "tomorrow 13:00", "3 days ago", with the exact date ("Fri 27 Nov 10:00") one
glance away. Storage is ISO-8601 UTC text; conversion to the user's zone happens only for
what is on screen.

Time is always passed in (a `Clock`), so every test runs at a fixed moment.
"""

from __future__ import annotations

import re
import threading
from datetime import UTC, date, datetime, time, timedelta
from enum import Enum
from typing import Any, Protocol

import pendulum
from pendulum.tz.local_timezone import get_local_timezone

from interview_journal.errors import InputError

EXAMPLES = '"tomorrow 14:00", "fri 10am", "in 3 days" or "2026-12-01 10:30"'
DAY_EXAMPLES = '"fri", "in 3 days", "+2w" or "2026-12-01"'
DEFAULT_TIME = time(9, 0)
"""Used when only a day is typed for something that happens at a time ("fri" -> Fri 09:00)."""

MIN_YEAR, MAX_YEAR = 1970, 2200
MAX_INPUT = 80


class Lean(Enum):
    """Which way an ambiguous date leans: "fri" is last Friday or next Friday."""

    PAST = "past"
    FUTURE = "future"


class Clock(Protocol):
    """Where "now" comes from. The app gets one; tests pass a fixed one."""

    @property
    def tz(self) -> pendulum.Timezone | pendulum.FixedTimezone: ...

    def now(self) -> pendulum.DateTime: ...


class SystemClock:
    """The real clock, in the user's local time zone."""

    def __init__(self, tz: str | None = None) -> None:
        self._tz = pendulum.Timezone(tz) if tz else get_local_timezone()

    @property
    def tz(self) -> pendulum.Timezone | pendulum.FixedTimezone:
        return self._tz

    def now(self) -> pendulum.DateTime:
        return pendulum.now("UTC").in_tz(self._tz)


class FixedClock:
    """A clock stopped at one moment: for tests, snapshots and screenshots."""

    def __init__(self, at: str | datetime, tz: str = "Europe/Stockholm") -> None:
        self._tz = pendulum.Timezone(tz)
        if isinstance(at, str):
            parsed = pendulum.parse(at, tz=self._tz)
            assert isinstance(parsed, pendulum.DateTime)
            self._now = parsed.in_tz(self._tz)
        else:
            self._now = pendulum.instance(at, tz=self._tz).in_tz(self._tz)

    @property
    def tz(self) -> pendulum.Timezone | pendulum.FixedTimezone:
        return self._tz

    def now(self) -> pendulum.DateTime:
        return self._now

    def advance(self, **delta: float) -> None:
        """Move the stopped clock on (tests of "a day later")."""
        self._now = self._now.add(**delta)  # type: ignore[arg-type]


# --- storage ---------------------------------------------------------------------------


def to_storage(moment: datetime) -> str:
    """An aware datetime as fixed-width, sortable ISO-8601 UTC text."""
    if moment.tzinfo is None:
        raise ValueError("refusing to store a naive datetime")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_storage(text: str) -> datetime:
    """Read what `to_storage` wrote. Uses the stdlib: ~100x faster than pendulum.parse."""
    return datetime.fromisoformat(text)


def day_to_storage(day: date) -> str:
    return day.isoformat()


def day_from_storage(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def local(moment: datetime, tz: pendulum.Timezone | pendulum.FixedTimezone) -> pendulum.DateTime:
    """The moment in the user's zone, as pendulum (for showing it)."""
    return pendulum.instance(moment).in_tz(tz)


# --- reading what people type ------------------------------------------------------------

_SHORTHAND = re.compile(
    r"^\s*(?P<sign>[+-])?\s*(?P<count>\d{1,4})\s*"
    r"(?P<unit>d|days?|w|wks?|weeks?|m|mos?|months?|y|yrs?|years?)\s*$",
    re.IGNORECASE,
)
_HAS_CLOCK = re.compile(r"\d\s*(:|\.|h\b|am\b|pm\b|a\.m|p\.m)|\b(noon|midnight)\b", re.IGNORECASE)

_parser_lock = threading.Lock()
_parsers: dict[tuple[Lean, datetime], Any] = {}


def warm_up() -> None:
    """Load the natural-language parser's data now (call from a worker thread)."""
    try:
        parse_moment("tomorrow 10:00", pendulum.now("UTC"), Lean.FUTURE)
    except InputError:  # pragma: no cover - the example always parses
        pass


def _natural_parser(lean: Lean, base: datetime) -> Any:
    from dateparser.date import DateDataParser  # slow import: only when a date is typed

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": lean.value,
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY",
        "STRICT_PARSING": False,
    }
    with _parser_lock:
        key = (lean, base)
        parser = _parsers.get(key)
        if parser is None:
            if len(_parsers) > 16:
                _parsers.clear()
            parser = DateDataParser(languages=["en"], settings=settings)
            _parsers[key] = parser
        return parser


def _shorthand(text: str, today: date, lean: Lean) -> date | None:
    match = _SHORTHAND.match(text)
    if not match:
        return None
    count = int(match["count"])
    sign = match["sign"] or ("+" if lean is Lean.FUTURE else "-")
    if sign == "-":
        count = -count
    unit = match["unit"].lower()[0]
    start = pendulum.date(today.year, today.month, today.day)
    if unit == "d":
        shifted = start.add(days=count)
    elif unit == "w":
        shifted = start.add(weeks=count)
    elif unit == "m":
        shifted = start.add(months=count)
    else:
        shifted = start.add(years=count)
    return date(shifted.year, shifted.month, shifted.day)


def _bad(text: str, examples: str = EXAMPLES, why: str = "") -> InputError:
    shown = text if len(text) <= MAX_INPUT else text[:MAX_INPUT] + "…"
    reason = f" ({why})" if why else ""
    return InputError(f'Can\'t read "{shown}" as a date{reason} — try {examples}.')


def _parse(text: str, now: pendulum.DateTime, lean: Lean) -> tuple[date, time | None]:
    """The day and, if one was typed, the time of day. Raises only InputError."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InputError(f"Type a date, e.g. {EXAMPLES}.")
    if len(cleaned) > MAX_INPUT:
        raise _bad(cleaned, why="too long")
    today = now.date()
    shorthand = _shorthand(cleaned, today, lean)
    if shorthand is not None:
        return shorthand, None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}([ T]\d{1,2}:\d{2}(:\d{2})?)?", cleaned):
        try:
            exact = datetime.fromisoformat(cleaned)
        except ValueError as error:
            raise _bad(cleaned, why="no such day") from error
        has_time = len(cleaned) > 10
        return exact.date(), (exact.time() if has_time else None)
    if cleaned.isdigit():
        # A bare number is a day of the month to some and an hour to others: refuse.
        raise _bad(cleaned, why="a bare number is ambiguous")
    base = datetime(now.year, now.month, now.day, now.hour, now.minute)
    try:
        data = _natural_parser(lean, base).get_date_data(cleaned)
    except Exception as error:  # dateparser raises many types on odd input
        raise _bad(cleaned) from error
    found = getattr(data, "date_obj", None)
    period = getattr(data, "period", None)
    if found is None:
        raise _bad(cleaned)
    if period in ("month", "year"):
        raise _bad(cleaned, why="that is a whole month or year, give a day")
    if not isinstance(found, datetime):
        raise _bad(cleaned)
    if period == "time" or _HAS_CLOCK.search(cleaned):
        return found.date(), found.time().replace(second=0, microsecond=0)
    return found.date(), None


def _check_range(day: date, text: str) -> None:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise _bad(text, why=f"the year must be between {MIN_YEAR} and {MAX_YEAR}")


def parse_moment(
    text: str,
    now: pendulum.DateTime,
    lean: Lean,
    default_time: time = DEFAULT_TIME,
) -> pendulum.DateTime:
    """A typed date and time, in the zone of `now`. Only `InputError` ever escapes."""
    try:
        day, clock_time = _parse(text, now, lean)
        _check_range(day, text)
        at = clock_time or default_time
        return pendulum.datetime(
            day.year, day.month, day.day, at.hour, at.minute, tz=now.timezone or "UTC"
        )
    except InputError:
        raise
    except Exception as error:  # belt and braces: nothing else may reach the user
        raise _bad(str(text)) from error


def parse_day(text: str, now: pendulum.DateTime, lean: Lean) -> date:
    """A typed day ("fri", "in 3 days", "2026-12-01"); a typed time of day is ignored."""
    try:
        day, _ = _parse(text, now, lean)
        _check_range(day, text)
        return day
    except InputError as error:
        if "as a date" in error.message:
            raise InputError(error.message.replace(EXAMPLES, DAY_EXAMPLES)) from None
        raise
    except Exception as error:
        raise _bad(str(text), DAY_EXAMPLES) from error


def parse_day_and_time(text: str, now: pendulum.DateTime, lean: Lean) -> tuple[date, time | None]:
    """A typed day, with the time of day when one was typed ("fri" or "fri 16:00")."""
    try:
        day, clock_time = _parse(text, now, lean)
        _check_range(day, text)
        return day, clock_time
    except InputError:
        raise
    except Exception as error:
        raise _bad(str(text)) from error


def parse_optional_day(text: str | None, now: pendulum.DateTime, lean: Lean) -> date | None:
    """Like `parse_day`, but blank text means "no date"."""
    if text is None or not text.strip():
        return None
    return parse_day(text, now, lean)


# --- showing dates ---------------------------------------------------------------------


def _year_suffix(day: date, today: date) -> str:
    return "" if day.year == today.year else f" {day.year}"


def format_day(day: date, today: date | None = None) -> str:
    """ "Fri 27 Nov", with the year when it is not this year."""
    suffix = _year_suffix(day, today) if today is not None else f" {day.year}"
    return f"{day:%a} {day.day} {day:%b}{suffix}"


def format_exact(moment: datetime, now: pendulum.DateTime) -> str:
    """ "Fri 27 Nov 10:00" in the user's zone (year added when not this year)."""
    here = local(moment, now.timezone or pendulum.UTC)
    return f"{format_day(here.date(), now.date())} {here:%H:%M}"


def format_full(moment: datetime, tz: pendulum.Timezone | pendulum.FixedTimezone) -> str:
    """ "Fri 27 Nov 2026 10:00": the echo of a typed value, never ambiguous."""
    here = local(moment, tz)
    return f"{here:%a} {here.day} {here:%b %Y %H:%M}"


def _count(n: int, unit: str) -> str:
    return f"{n} {unit}" + ("" if n == 1 else "s")


def relative_day(day: date, today: date) -> str:
    """ "today", "tomorrow", "in 3 days", "2 weeks ago", "in 5 months"."""
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    span = abs(days)
    if span < 14:
        text = _count(span, "day")
    elif span < 60:
        text = _count(span // 7, "week")
    elif span < 730:
        text = _count(round(span / 30.4), "month")
    else:
        text = _count(span // 365, "year")
    return f"in {text}" if days > 0 else f"{text} ago"


def relative(moment: datetime, now: pendulum.DateTime) -> str:
    """ "today 14:00", "tomorrow 13:00", "yesterday 09:00", then "in 3 days", "3 weeks ago"."""
    here = local(moment, now.timezone or pendulum.UTC)
    days = (here.date() - now.date()).days
    if -1 <= days <= 1:
        return f"{relative_day(here.date(), now.date())} {here:%H:%M}"
    return relative_day(here.date(), now.date())


def timedelta_words(delta: timedelta) -> str:
    """A short duration: "3 s", "4 min", "2 h"."""
    seconds = int(delta.total_seconds())
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h"
