"""What a typed date may look like: the examples we show, the limits, `Lean`, and the
patterns the reader matches."""

from __future__ import annotations

import re
from datetime import time
from enum import Enum

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


def _bad(text: str, examples: str = EXAMPLES, why: str = "") -> InputError:
    shown = text if len(text) <= MAX_INPUT else text[:MAX_INPUT] + "…"
    reason = f" ({why})" if why else ""
    return InputError(f'Can\'t read "{shown}" as a date{reason} — try {examples}.')
