"""What state a process is in: the user's own status wins, otherwise the clock decides."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.status import effective_status, is_upcoming


def _interview(starts_at: datetime, status: Status | None = None) -> Interview:
    return Interview(company="Initech", starts_at=starts_at, status=status)


@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("offset", [timedelta(days=-30), timedelta(minutes=-1), timedelta(days=3)])
def test_a_status_the_user_set_wins(clock: FixedClock, status: Status, offset: timedelta) -> None:
    now = clock.now()
    assert effective_status(_interview(now + offset, status), now) is status


def test_without_a_status_it_is_upcoming_before_it_starts(clock: FixedClock) -> None:
    now = clock.now()
    assert effective_status(_interview(now + timedelta(minutes=1)), now) is Status.UPCOMING
    assert effective_status(_interview(now + timedelta(days=40)), now) is Status.UPCOMING
    assert is_upcoming(_interview(now + timedelta(minutes=1)), now)


def test_without_a_status_it_is_awaiting_reply_once_it_has_started(clock: FixedClock) -> None:
    now = clock.now()
    assert effective_status(_interview(now - timedelta(minutes=1)), now) is Status.AWAITING_REPLY
    assert effective_status(_interview(now - timedelta(days=40)), now) is Status.AWAITING_REPLY
    assert not is_upcoming(_interview(now - timedelta(minutes=1)), now)


def test_the_status_changes_by_itself_when_the_clock_passes_the_start(clock: FixedClock) -> None:
    interview = _interview(clock.now() + timedelta(hours=2))
    assert effective_status(interview, clock.now()) is Status.UPCOMING
    clock.advance(hours=3)
    assert effective_status(interview, clock.now()) is Status.AWAITING_REPLY


def test_time_zones_are_compared_as_instants(clock: FixedClock) -> None:
    # 13:30 UTC is 14:30 in Stockholm: still ahead of 14:05 there.
    later_today = datetime(2026, 11, 25, 13, 30, tzinfo=UTC)
    assert effective_status(_interview(later_today), clock.now()) is Status.UPCOMING
    # 13:00 UTC is 14:00 in Stockholm: already started.
    earlier_today = datetime(2026, 11, 25, 13, 0, tzinfo=UTC)
    assert effective_status(_interview(earlier_today), clock.now()) is Status.AWAITING_REPLY


def test_closed_statuses() -> None:
    assert {s for s in Status if s.is_closed} == {Status.OFFER, Status.REJECTED, Status.WITHDRAWN}
