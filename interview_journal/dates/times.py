"""Reading the time of day and a time zone out of what was typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, tzinfo
from functools import cache
from typing import Any

import pendulum

from interview_journal.dates.shapes import (
    _BARE_HOUR,
    _CLOCK_12,
    _CLOCK_24,
    _CLOCK_H,
    _IANA_ZONE,
    _OWN_DAY,
    _PART_OF_DAY,
    MAX_YEAR,
    MIN_YEAR,
    PARTS_OF_DAY,
    _bad,
)


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


def _at_in_zone(day: date, at: time, zone: tzinfo, here: Any) -> pendulum.DateTime:
    """`at` on `day` in `zone`, as a moment in the user's zone `here`."""
    if isinstance(zone, pendulum.Timezone | pendulum.FixedTimezone):
        moment: datetime = pendulum.datetime(
            day.year, day.month, day.day, at.hour, at.minute, tz=zone
        )
    else:
        moment = datetime.combine(day, at, tzinfo=zone)
    return pendulum.instance(moment.astimezone(UTC)).in_tz(here)
