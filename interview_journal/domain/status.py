"""The pipeline: what state a process is in, without the user having to say so every time."""

from __future__ import annotations

from datetime import datetime

from interview_journal.domain.model import Interview, Status


def effective_status(interview: Interview, now: datetime) -> Status:
    """The status to show: the user's own choice wins; otherwise the clock decides.

    An interview whose time has passed and that has no status set is waiting for a reply:
    the user should not have to change it by hand the morning after.
    """
    return status_at(interview.status, interview.starts_at, now)


def status_at(chosen: Status | None, starts_at: datetime, now: datetime) -> Status:
    """`effective_status` from the two things it reads (for rows read without their
    interview)."""
    if chosen is not None:
        return chosen
    return Status.UPCOMING if starts_at > now else Status.AWAITING_REPLY


def is_upcoming(interview: Interview, now: datetime) -> bool:
    return interview.starts_at > now
