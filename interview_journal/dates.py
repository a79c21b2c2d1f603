"""Dates the way people say them, and the way they think of them.

Reading: "tomorrow 14:00", "fri", "in 3 days", "+2w", "1 dec 10:30" become aware
datetimes in the user's time zone. Common shapes (a day and month, a weekday, a time of
day, a part of the day) are read here; what is left ("next friday", "next week") goes
to the natural-language parser (dateparser), imported only on first use because its
language data costs a few hundred milliseconds to load.

What a date that does not say everything means depends on the field (`Lean`):

=====================  ==========================  =================  ===============
typed                  the interview (NEAREST)     planned (FUTURE)   done (PAST)
=====================  ==========================  =================  ===============
"30 nov", "1/12"       the 30 Nov nearest today    the next one       the last one
"fri"                  within 3 days either way    the next Friday    the last Friday
"14:00", "noon"        today                       the next 14:00     the last 14:00
"the 5th"              the 5th nearest today       the next 5th       the last 5th
"3d" (no sign)         in 3 days                   in 3 days          3 days ago
=====================  ==========================  =================  ===============

"Next" and "last" count today: "1 dec" typed on 1 Dec is today in every field, at any
hour. A weekday alone never means today for planned and done dates ("tue" on a Tuesday
is a week away), and always does for the interview. "next mon", "last mon", "tomorrow",
"in 3 days" say their direction and mean the same everywhere.

Parts of the day: "this morning" 09:00, "noon"/"midday" 12:00, "this afternoon" 14:00,
"end of day" 17:00, "this evening" 18:00, "tonight" 19:00, "midnight" 00:00; they combine
with a day ("tomorrow evening", "fri morning"). "tonight" and "this evening" are refused
after 23:00, when they no longer say which evening is meant.

A time zone typed with the time ("14:00 PST", "10:00 CET", "15:00 UTC", "9am +05:30",
"14:00 Europe/London") converts the time to the user's zone; the day is the user's own
("tomorrow 20:00 PST" may land the day after tomorrow in Stockholm, and the echo says so).
Impossible times ("25:00", "24:00", "23:60", "13pm") and days ("32 dec", "30 feb") are
refused naming the part, never replaced by the current time.

Showing: "tomorrow 13:00", "3 days ago", with the exact date ("Fri 27 Nov 10:00") one
glance away. Storage is ISO-8601 UTC text; conversion to the user's zone happens only for
what is on screen.

Time is always passed in (a `Clock`), so every test runs at a fixed moment.
"""

from __future__ import annotations

import calendar
import re
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import Enum
from functools import cache
from typing import Any, Protocol

import pendulum
from pendulum.tz.local_timezone import get_local_timezone

from interview_journal.errors import InputError

EXAMPLES = '"tomorrow 14:00", "fri 10am", "in 3 days" or "2026-12-01 10:30"'
DAY_EXAMPLES = '"fri", "in 3 days", "+2w" or "2026-12-01"'
DEFAULT_TIME = time(9, 0)
"""Used when only a day is typed for something that happens at a time ("fri" -> Fri 09:00)."""

MIN_YEAR, MAX_YEAR = 1970, 2200
"""What the journal can store and import."""
YEARS_AHEAD = 10
"""A typed date may be at most this many years ahead: "in 100 years" is a slip, not a plan."""
MAX_INPUT = 80

PARTS_OF_DAY: dict[str, time] = {
    "morning": time(9, 0),
    "noon": time(12, 0),
    "midday": time(12, 0),
    "afternoon": time(14, 0),
    "end of day": time(17, 0),
    "evening": time(18, 0),
    "night": time(19, 0),
    "tonight": time(19, 0),
    "midnight": time(0, 0),
}
"""The time each part of the day stands for ("tomorrow morning" is tomorrow 09:00)."""
LAST_CALL_FOR_TONIGHT = time(23, 0)
"""From this time on "tonight" and "this evening" are refused: which evening is meant?"""


class Lean(Enum):
    """Which way a date that does not say everything leans; each field chooses its own.

    See the table in the module docstring.
    """

    PAST = "past"
    """Something done: the last such day ("fri" is last Friday)."""
    FUTURE = "future"
    """Something planned: the next such day, today included for a date ("fri" is next Friday)."""
    NEAREST = "nearest"
    """The interview itself, typed before or after it: the nearest such day."""


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
_ISO = re.compile(
    r"(?P<day>\d{4}-\d{2}-\d{2})"
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::\d{2})?(?P<offset>Z|[+-]\d{2}:?\d{2})?)?",
    re.IGNORECASE,
)

_WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = (
    r"(?P<weekday>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?"
    r"|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
)
_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_LEAD = rf"(?:on\s+)?(?:{_WEEKDAY}[,\s]+)?(?:on\s+)?(?:the\s+)?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_THEN_MONTH = re.compile(
    rf"{_LEAD}(?P<day>\d{{1,3}}){_ORDINAL}(?:\s+of)?[\s./-]*{_MONTH}(?:,?\s*(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
_MONTH_THEN_DAY = re.compile(
    rf"{_LEAD}{_MONTH}[\s./-]*(?:the\s+)?(?P<day>\d{{1,3}}){_ORDINAL}(?:,?\s+(?P<year>\d{{4}}))?",
    re.IGNORECASE,
)
_NUMERIC_DAY = re.compile(
    rf"{_LEAD}(?P<day>\d{{1,2}})(?P<sep>[/.])(?P<month>\d{{1,2}})"
    r"(?:(?P=sep)(?P<year>\d{4}|\d{2})?)?",
    re.IGNORECASE,
)
"""Day first, as in most of the world: "1/12" is 1 Dec. "1.12" alone is a time (01:12)."""
_DAY_OF_MONTH = re.compile(r"(?:on\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)", re.IGNORECASE)
_WEEKDAY_ALONE = re.compile(rf"(?:on\s+)?{_WEEKDAY}", re.IGNORECASE)

_AT = r"(?:(?:at|@)\s*)?"
_CLOCK_12 = re.compile(
    rf"(?<![\w:.+-]){_AT}(?P<clock>(?P<hour>\d{{1,2}})(?:[:.](?P<minute>\d{{2}}))?"
    r"\s*(?P<half>[ap])\.?\s?m\b\.?)",
    re.IGNORECASE,
)
_CLOCK_24 = re.compile(
    rf"(?<![\w:./+-]){_AT}(?P<clock>(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}})(?::\d{{2}})?)"
    r"(?![\w:./])",
    re.IGNORECASE,
)
"""10:30, 9.30 (a dot is how many people write the time), 23:59:59 (seconds dropped)."""
_CLOCK_H = re.compile(
    rf"(?<![\w:./+-])(?<!in ){_AT}(?P<clock>(?P<hour>\d{{1,2}})h(?P<minute>\d{{2}})?)(?!\w)",
    re.IGNORECASE,
)
"""14h, 14h30 (but "in 3h" is three hours from now)."""
_PART_OF_DAY = re.compile(
    r"(?<!\w)(?:(?:at|@)\s*)?(?:(?P<this>this|in\s+the)\s+)?"
    r"(?P<clock>(?P<part>morning|afternoon|evening|night|tonight|noon|midday|midnight"
    r"|end\s+of\s+(?:the\s+)?(?:work(?:ing)?\s+)?day|eod))(?!\w)",
    re.IGNORECASE,
)
_OWN_DAY = {"morning", "afternoon", "evening", "night", "tonight"}
"""Parts of the day that, alone, mean today ("tonight", "this morning")."""
_BARE_HOUR = re.compile(r"(?<!\w)(?:at|@)\s*(?P<hour>\d{1,2})(?![\w:.])", re.IGNORECASE)
_TRAILING_NUMBER = re.compile(r".*[a-z].*?\s(?P<number>\d{1,4})", re.IGNORECASE)
"""A number after the day ("fri 3", "tomorrow 1030"): an hour or a time, but which?"""
_RELATIVE_SPAN = re.compile(
    r"(?P<ahead>in\s+)?(?P<count>a|an|one|\d{1,4})\s+(?P<unit>days?|weeks?|months?|years?)"
    r"(?:\s+(?P<direction>ago|from\s+now|later))?",
    re.IGNORECASE,
)
""" "in 3 months", "2 years ago": the same day that far away (dateparser gives the 1st)."""
_IANA_ZONE = re.compile(r"(?<![\w/])(?P<zone>[A-Za-z][\w-]+(?:/[A-Za-z][\w+-]*)+)(?![\w/])")
"""A zone by name, "Europe/London": letters on both sides of the slash (1/12 is a date)."""
_MAYBE_ZONE = re.compile(r"[A-Za-z]{2,5}")
_NEAR_DAYS = {"today": 0, "tomorrow": 1, "yesterday": -1}
_YEAR_MAY_FLOAT = re.compile(
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|\d\s*[/.-]\s*\d", re.IGNORECASE
)
"""Only a text with a month in it can be a day and month without a year."""
_LEFT_OVER_CLOCK = re.compile(r"\d\s*:\s*\d")

_parser_lock = threading.Lock()
_parsers: dict[datetime, Any] = {}


@dataclass(frozen=True)
class _Reading:
    """What was typed: a day in the user's calendar, maybe a time, maybe an exact instant."""

    day: date
    at: time | None = None
    instant: pendulum.DateTime | None = None
    """Set when a time zone was typed: the moment itself, in the user's zone (keeps the
    side of a repeated hour that the zone said)."""

    def __post_init__(self) -> None:
        # pendulum's Date is a subclass; callers get (and store) the plain stdlib type.
        object.__setattr__(self, "day", date(self.day.year, self.day.month, self.day.day))


def warm_up() -> None:
    """Load the natural-language parser's data now (call from a worker thread)."""
    try:
        parse_moment("next friday 10:00 CET", pendulum.now("UTC"), Lean.FUTURE)
    except InputError:  # pragma: no cover - the example always parses
        pass


def _natural_parser(base: datetime) -> Any:
    from dateparser.date import DateDataParser  # slow import: only when a date is typed

    # The direction of an ambiguous date is decided here, per field, not by dateparser:
    # its PREFER_DATES_FROM is one direction per call and counts today as past at 00:01.
    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": "current_period",
        "RETURN_TIME_AS_PERIOD": True,
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY",
        "STRICT_PARSING": False,
    }
    with _parser_lock:
        parser = _parsers.get(base)
        if parser is None:
            if len(_parsers) > 16:
                _parsers.clear()
            parser = DateDataParser(languages=["en"], settings=settings)
            _parsers[base] = parser
        return parser


def _dateparser(text: str, base: datetime) -> tuple[datetime | None, str | None]:
    """dateparser's reading of `text` (naive, local) and its period, or (None, None)."""
    try:
        data = _natural_parser(base).get_date_data(text)
    except Exception:  # dateparser raises many types on odd input
        return None, None
    found = getattr(data, "date_obj", None)
    return (found if isinstance(found, datetime) else None), getattr(data, "period", None)


def _shorthand(text: str, today: date, lean: Lean) -> date | None:
    match = _SHORTHAND.match(text)
    if not match:
        return None
    count = int(match["count"])
    # "3d" without a sign: ago for something done, ahead for everything else.
    sign = match["sign"] or ("-" if lean is Lean.PAST else "+")
    if sign == "-":
        count = -count
    unit = {"d": "days", "w": "weeks", "m": "months", "y": "years"}[match["unit"].lower()[0]]
    return _moved(today, unit, count, text)


def _moved(today: date, unit: str, count: int, typed: str) -> date:
    """`count` days, weeks, months or years from today (the same day of the month)."""
    try:
        moved = pendulum.date(today.year, today.month, today.day).add(**{unit: count})
    except (OverflowError, ValueError) as error:
        raise _bad(typed, why=f"the year must be between {MIN_YEAR} and {MAX_YEAR}") from error
    return date(moved.year, moved.month, moved.day)


def _bad(text: str, examples: str = EXAMPLES, why: str = "") -> InputError:
    shown = text if len(text) <= MAX_INPUT else text[:MAX_INPUT] + "…"
    reason = f" ({why})" if why else ""
    return InputError(f'Can\'t read "{shown}" as a date{reason} — try {examples}.')


def _choose(candidates: list[date], today: date, lean: Lean) -> date | None:
    """The candidate day the field means: next or last (today counts), or the nearest."""
    if lean is Lean.FUTURE:
        return min((day for day in candidates if day >= today), default=None)
    if lean is Lean.PAST:
        return max((day for day in candidates if day <= today), default=None)
    # Equally far either way (only possible a year apart): the coming one.
    return min(candidates, key=lambda day: (abs((day - today).days), day < today), default=None)


def _weekday(today: date, weekday: int, lean: Lean) -> date:
    ahead = (weekday - today.weekday()) % 7
    if lean is Lean.FUTURE:
        ahead = ahead or 7  # "tue" planned on a Tuesday is next week's
    elif lean is Lean.PAST:
        ahead = ahead - 7 if ahead else -7
    elif ahead > 3:
        ahead -= 7  # the interview: the one within three days either way
    return today + timedelta(days=ahead)


def _month_number(text: str) -> int:
    return [name[:3] for name in calendar.month_abbr[1:]].index(text[:3].title()) + 1


def _days_in(month: int, year: int | None) -> int:
    return calendar.monthrange(year if year is not None else 2000, month)[1]


def _day_month(match: re.Match[str], typed: str, today: date, lean: Lean, *, numeric: bool) -> date:
    """ "30 nov", "dec 1st", "1/12", "tue 1 dec 2026": the year, when missing, by the lean."""
    day = int(match["day"])
    month = int(match["month"]) if numeric else _month_number(match["month"])
    year_text = match["year"]
    year = None
    if year_text:
        year = int(year_text) + (2000 if len(year_text) == 2 else 0)
    if not 1 <= month <= 12:
        raise _bad(typed, why=f"there is no month {month}: dates are day/month, like 1/12")
    name = calendar.month_name[month]
    if not 1 <= day <= _days_in(month, year):
        if year is not None and day <= _days_in(month, None):
            raise _bad(typed, why=f"no such day: {year} is not a leap year")
        days = _days_in(month, None)
        if month == 2:
            raise _bad(typed, why="no such day: February has 28 days, 29 in a leap year")
        raise _bad(typed, why=f"no such day: {name} has {days} days")
    if year is not None:
        found = date(year, month, day)
    else:
        candidates = []
        for offset in range(-4, 5):  # far enough to find a 29 February
            try:
                candidates.append(date(today.year + offset, month, day))
            except ValueError:
                continue
        chosen = _choose(candidates, today, lean)
        if chosen is None:  # pragma: no cover - nine years always hold one
            raise _bad(typed, why="give the year")
        found = chosen
    said = match["weekday"]
    if said:
        wanted = _WEEKDAY_NAMES.index(_full_weekday(said))
        if found.weekday() != wanted:
            actual = _WEEKDAY_NAMES[found.weekday()].title()
            raise _bad(typed, why=f"{found.day} {found:%b %Y} is a {actual}")
    return found


def _full_weekday(text: str) -> str:
    start = text.lower()[:3]
    return next(name for name in _WEEKDAY_NAMES if name.startswith(start))


def _day_of_month(day: int, typed: str, today: date, lean: Lean) -> date:
    """ "the 5th": this month's, last month's or next month's, by the lean."""
    if not 1 <= day <= 31:
        raise _bad(typed, why="no such day")
    candidates = []
    for offset in range(-2, 3):
        first = pendulum.date(today.year, today.month, 1).add(months=offset)
        if day <= _days_in(first.month, first.year):
            candidates.append(date(first.year, first.month, day))
    chosen = _choose(candidates, today, lean)
    if chosen is None:  # pragma: no cover - two months either way always hold one
        raise _bad(typed, why="give the month")
    return chosen


def _pop_zone(text: str) -> tuple[str, tzinfo | None]:
    """Take a time zone out of the text: "Europe/London", "PST", "UTC+2", "+05:30"."""
    match = _IANA_ZONE.search(text)
    if match:
        zone = _iana_zone(match["zone"])
        if zone is None:
            raise _bad(text, why=f"{match['zone']} is not a time zone, e.g. Europe/London")
        return text[: match.start()] + " " + text[match.end() :], zone
    from dateparser.timezone_parser import pop_tz_offset_from_string

    try:
        rest, offset = pop_tz_offset_from_string(text, as_offset=True)
    except Exception:  # an odd string is simply not a zone
        return text, None
    if offset is None or not isinstance(offset, tzinfo):
        return text, None
    return str(rest), offset


@cache
def _zone_names() -> dict[str, str]:
    from zoneinfo import available_timezones

    return {name.casefold(): name for name in available_timezones()}


def _iana_zone(name: str) -> tzinfo | None:
    real = _zone_names().get(name.casefold())
    if real is None:
        return None
    try:
        return pendulum.timezone(real)
    except Exception:  # pragma: no cover - listed zones load
        return None


@dataclass(frozen=True)
class _Clock:
    """A time of day as typed."""

    at: time
    part: str = ""
    """The part of the day, when one was typed ("tonight", "morning", "noon")."""
    this: bool = False
    """ "this morning", "tonight": today and no other day."""

    @property
    def is_own_day(self) -> bool:
        """Alone, it means today: "tonight", "this afternoon", "morning" (not "noon")."""
        return self.this or self.part in _OWN_DAY


def _pop_clock(text: str, typed: str) -> tuple[str, _Clock | None]:
    """Take the time of day out of the text, refusing one that cannot be."""
    found: list[tuple[re.Match[str], _Clock]] = []
    rest = text
    for pattern in (_CLOCK_12, _CLOCK_24, _CLOCK_H, _PART_OF_DAY):
        while match := pattern.search(rest):
            found.append((match, _clock_of(match, typed)))
            rest = rest[: match.start()] + " " + rest[match.end() :]
    if len(found) > 1:
        shown = " and ".join(match["clock"] for match, _ in found)
        raise _bad(typed, why=f"two times of day: {shown}")
    bare = _BARE_HOUR.search(rest)
    if bare:
        raise _bad(typed, why=_which_hour(bare["hour"]))
    if not found:
        return rest, None
    return rest, found[0][1]


def _is_year(number: str) -> bool:
    return len(number) == 4 and MIN_YEAR <= int(number) <= MAX_YEAR


def _which_hour(hour: str) -> str:
    number = int(hour)
    if number > 12 or number == 0:
        return f'"{hour}" does not say the time: write {number:02d}:00'
    return (
        f'"{hour}" does not say the time: write {number:02d}:00, '
        f"{number + 12 if number < 12 else 0:02d}:00 or {number}pm"
    )


def _clock_of(match: re.Match[str], typed: str) -> _Clock:
    groups = match.groupdict()
    clock = " ".join(match["clock"].split())
    if groups.get("part"):
        part = " ".join(match["part"].lower().split())
        if part.startswith("end of") or part == "eod":
            part = "end of day"
        this = bool(groups.get("this")) or part == "tonight"
        return _Clock(PARTS_OF_DAY[part], part, this=this)
    hour, minute = int(match["hour"]), int(match["minute"] or 0)
    if groups.get("half"):
        if not 1 <= hour <= 12 or minute > 59:
            raise _bad(typed, why=f"{clock} is not a time of day")
        hour = hour % 12 + (12 if match["half"].lower() == "p" else 0)
        return _Clock(time(hour, minute))
    if hour > 23 or minute > 59:
        hint = "; midnight is 00:00" if (hour, minute) == (24, 0) else ""
        raise _bad(typed, why=f"{clock} is not a time of day{hint}")
    return _Clock(time(hour, minute))


def _strip_connectors(text: str) -> str:
    words = text.replace(",", " ").split()
    while words and words[-1].lower() in ("at", "on", "@", "-"):
        words.pop()
    while words and words[0].lower() in ("at", "@", "-"):
        words.pop(0)
    return " ".join(words)


def _read_day(day_text: str, typed: str, now: pendulum.DateTime, lean: Lean) -> _Reading:
    """The day in `day_text` (the time of day already taken out)."""
    today = now.date()
    near = _NEAR_DAYS.get(day_text.lower())
    if near is not None:
        return _Reading(today + timedelta(days=near))
    if match := _WEEKDAY_ALONE.fullmatch(day_text):
        weekday = _WEEKDAY_NAMES.index(_full_weekday(match["weekday"]))
        return _Reading(_weekday(today, weekday, lean))
    for pattern, numeric in ((_DAY_THEN_MONTH, False), (_MONTH_THEN_DAY, False)):
        if match := pattern.fullmatch(day_text):
            return _Reading(_day_month(match, typed, today, lean, numeric=numeric))
    if match := _NUMERIC_DAY.fullmatch(day_text):
        return _Reading(_day_month(match, typed, today, lean, numeric=True))
    if match := _DAY_OF_MONTH.fullmatch(day_text):
        return _Reading(_day_of_month(int(match["day"]), typed, today, lean))
    if (match := _RELATIVE_SPAN.fullmatch(day_text)) and (match["ahead"] or match["direction"]):
        return _Reading(_span(match, typed, today))
    if (match := _TRAILING_NUMBER.fullmatch(day_text)) and not _is_year(match["number"]):
        number = match["number"]
        if len(number) <= 2:
            raise _bad(typed, why=_which_hour(number))
        raise _bad(typed, why=f'"{number}" does not say the time: write it like 10:30')
    if _LEFT_OVER_CLOCK.search(day_text):
        raise _bad(typed, why="the time of day is not clear")
    return _dateparser_day(day_text, typed, now, lean)


def _dateparser_day(day_text: str, typed: str, now: pendulum.DateTime, lean: Lean) -> _Reading:
    base = datetime(now.year, now.month, now.day, now.hour, now.minute)
    found, period = _dateparser(day_text, base)
    if found is None and _MAYBE_ZONE.fullmatch(day_text) and day_text.isupper():
        raise _bad(typed, why=f"{day_text} is not a day or a time zone I know")
    if found is None:
        raise _bad(typed)
    if found.tzinfo is not None:
        raise _bad(typed, why='a time zone goes with a time of day, e.g. "14:00 CET"')
    if period in ("month", "year"):
        raise _bad(typed, why="that is a whole month or year, give a day")
    day = found.date()
    if _YEAR_MAY_FLOAT.search(day_text) and _floats_with_year(day_text, base, day):
        # A day and month in a shape the patterns above do not know: lean like them.
        candidates = [_same_day_in(day, day.year + offset) for offset in range(-4, 5)]
        day = _choose([c for c in candidates if c is not None], now.date(), lean) or day
    at = found.time().replace(second=0, microsecond=0) if period == "time" else None
    return _Reading(day, at)


def _span(match: re.Match[str], typed: str, today: date) -> date:
    count_text = match["count"].lower()
    count = 1 if count_text in ("a", "an", "one") else int(count_text)
    if match["ahead"] and match["direction"]:
        raise _bad(typed)  # "in 3 days ago"
    if (match["direction"] or "").lower() == "ago":
        count = -count
    return _moved(today, match["unit"].lower().rstrip("s") + "s", count, typed)


def _same_day_in(day: date, year: int) -> date | None:
    try:
        return day.replace(year=year)
    except ValueError:
        return None


def _floats_with_year(text: str, base: datetime, day: date) -> bool:
    """True when the reading follows the base's year only: a day and month, no year typed."""
    moved_year = _same_day_in(base.date(), base.year + 4)
    if moved_year is None:
        return False
    later, _ = _dateparser(text, datetime.combine(moved_year, base.time()))
    if later is None or later.date() != _same_day_in(day, day.year + 4):
        return False
    step = timedelta(days=-1 if (base.month, base.day) == (12, 31) else 1)
    nearby, _ = _dateparser(text, base + step)
    return nearby is not None and nearby.date() == day


def _at_in_zone(day: date, at: time, zone: tzinfo, here: Any) -> pendulum.DateTime:
    """`at` on `day` in `zone`, as a moment in the user's zone `here`."""
    if isinstance(zone, pendulum.Timezone | pendulum.FixedTimezone):
        moment: datetime = pendulum.datetime(
            day.year, day.month, day.day, at.hour, at.minute, tz=zone
        )
    else:
        moment = datetime.combine(day, at, tzinfo=zone)
    return pendulum.instance(moment.astimezone(UTC)).in_tz(here)


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
