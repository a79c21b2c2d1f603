"""Dates in words: "Fri 27 Nov", "tomorrow 13:00", "3 days ago"."""

from __future__ import annotations

from datetime import date, datetime

import pendulum

from interview_journal.dates.clock import local

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
    # by day numbers: subtracting pendulum dates builds an Interval (a list of a hundred
    # rows computes it twice a row, on every key of a search)
    days = day.toordinal() - today.toordinal()
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
    day, today = here.date(), now.date()
    if abs(day.toordinal() - today.toordinal()) <= 1:
        return f"{relative_day(day, today)} {here:%H:%M}"
    return relative_day(day, today)
