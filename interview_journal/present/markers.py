"""The timeline's marker shapes and how it says when: what `list` needs to say an
interview's next follow-up, apart from the rest of `present.timeline` (which brings in
the suggestions and the timeline's page), so `list` starts without them."""

from __future__ import annotations

from datetime import date

from interview_journal.dates import format_day, relative_day
from interview_journal.domain.timeline import When

MARKERS = {
    "done": "●",
    "planned": "○",
    "overdue": "!",
    "suggested": "◇",
    "milestone": "◆",
}
"""Shapes that tell the states apart without colour."""


def when_text(when: When, today: date) -> str:
    days = (when.day - today).days
    day = relative_day(when.day, today) if -1 <= days <= 1 else format_day(when.day, today)
    return f"{day} {when.at:%H:%M}" if when.at is not None else day
