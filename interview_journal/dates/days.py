"""Reading the day out of what was typed: our own shapes first, dateparser for the rest."""

from __future__ import annotations

import calendar
import re
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

import pendulum

from interview_journal.dates.shapes import (
    _DAY_OF_MONTH,
    _DAY_THEN_MONTH,
    _LEFT_OVER_CLOCK,
    _MAYBE_ZONE,
    _MONTH_THEN_DAY,
    _NEAR_DAYS,
    _NUMERIC_DAY,
    _RELATIVE_SPAN,
    _SHORTHAND,
    _TRAILING_NUMBER,
    _WEEKDAY_ALONE,
    _WEEKDAY_NAMES,
    _YEAR_MAY_FLOAT,
    MAX_YEAR,
    MIN_YEAR,
    Lean,
    _bad,
)
from interview_journal.dates.times import _is_year, _which_hour

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
