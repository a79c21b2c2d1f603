"""Dates that can be read but are probably not what was meant: a follow-up done in the
future, feedback promised before the interview itself, a date more than a year away.

These are doubts, not errors: the value may be right (an interview booked 13 months
ahead), so a form shows the doubt under the field and saves after a second look, and the
command line saves and says it on stderr. Each function returns {field name: doubt}.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import Any

from interview_journal.dates.words import format_day
from interview_journal.domain.timeline import When

FAR = timedelta(days=366)
"""A date further from today than this is asked about."""


def _far(day: date, today: date) -> str:
    if abs(day - today) <= FAR:
        return ""
    side = "from today" if day > today else "ago"
    return f"{format_day(day, today)} is more than a year {side}: is the year right?"


def interview_doubts(values: Mapping[str, Any], today: date) -> dict[str, str]:
    """Doubts about an interview's dates. `values` holds what is known of `starts_at` (an
    aware datetime in the user's zone), `feedback_by` and `contact_from` (dates)."""
    doubts: dict[str, str] = {}
    starts: datetime | None = values.get("starts_at")
    interview_day = starts.date() if starts is not None else None
    if interview_day is not None and (far := _far(interview_day, today)):
        doubts["starts_at"] = far
    for name, what in (("feedback_by", "Feedback"), ("contact_from", "Getting in touch")):
        day: date | None = values.get(name)
        if day is None:
            continue
        if interview_day is not None and day < interview_day:
            doubts[name] = (
                f"{format_day(day, today)} is before the interview itself "
                f"({format_day(interview_day, today)}). {what} comes after it."
            )
        elif far := _far(day, today):
            doubts[name] = far
    return doubts


def entry_doubts(values: Mapping[str, Any], today: date) -> dict[str, str]:
    """Doubts about a timeline entry's dates: `due` and `done` (`When`s or None)."""
    doubts: dict[str, str] = {}
    done: When | None = values.get("done")
    due: When | None = values.get("due")
    if done is not None and done.day > today:
        doubts["done"] = (
            f"{format_day(done.day, today)} is in the future: done dates are today or before."
        )
    elif done is not None and (far := _far(done.day, today)):
        doubts["done"] = far
    if due is not None and (far := _far(due.day, today)):
        doubts["due"] = far
    return doubts
