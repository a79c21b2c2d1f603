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

The modules: `clock` (the clock, stored forms), `shapes` (examples, limits, `Lean`, the
patterns), `times` and `days` (reading the time and the day), `parsing` (the readers the
app calls), `words` (showing dates). Names with a leading underscore are private to this
package; everything public is imported from here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from interview_journal.dates.clock import (
    Clock,
    FixedClock,
    SystemClock,
    day_from_storage,
    day_to_storage,
    from_storage,
    local,
    to_storage,
)

if TYPE_CHECKING:
    from interview_journal.dates.parsing import (
        parse_day,
        parse_day_and_time,
        parse_moment,
        parse_optional_day,
        warm_up,
    )
    from interview_journal.dates.shapes import (
        DAY_EXAMPLES,
        DEFAULT_TIME,
        EXAMPLES,
        LAST_CALL_FOR_TONIGHT,
        MAX_INPUT,
        MAX_YEAR,
        MIN_YEAR,
        PARTS_OF_DAY,
        YEARS_AHEAD,
        Lean,
    )
from interview_journal.dates.words import (
    format_day,
    format_exact,
    format_full,
    relative,
    relative_day,
)

__all__ = [
    "DAY_EXAMPLES",
    "DEFAULT_TIME",
    "EXAMPLES",
    "LAST_CALL_FOR_TONIGHT",
    "MAX_INPUT",
    "MAX_YEAR",
    "MIN_YEAR",
    "PARTS_OF_DAY",
    "YEARS_AHEAD",
    "Clock",
    "FixedClock",
    "Lean",
    "SystemClock",
    "day_from_storage",
    "day_to_storage",
    "format_day",
    "format_exact",
    "format_full",
    "from_storage",
    "local",
    "parse_day",
    "parse_day_and_time",
    "parse_moment",
    "parse_optional_day",
    "relative",
    "relative_day",
    "to_storage",
    "warm_up",
]

_READING = {
    "parse_day": "parsing",
    "parse_day_and_time": "parsing",
    "parse_moment": "parsing",
    "parse_optional_day": "parsing",
    "warm_up": "parsing",
    "DAY_EXAMPLES": "shapes",
    "DEFAULT_TIME": "shapes",
    "EXAMPLES": "shapes",
    "LAST_CALL_FOR_TONIGHT": "shapes",
    "MAX_INPUT": "shapes",
    "MAX_YEAR": "shapes",
    "MIN_YEAR": "shapes",
    "PARTS_OF_DAY": "shapes",
    "YEARS_AHEAD": "shapes",
    "Lean": "shapes",
}
"""Reading dates (the grammar's patterns, compiled when its module loads) is imported on
first use: commands that only show dates (`list`, `show`, `today`) never read one."""


def __getattr__(name: str) -> Any:
    module = _READING.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
