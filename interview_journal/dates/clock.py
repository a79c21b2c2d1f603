"""The clock passed in everywhere, and instants and days in their stored form."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Protocol

import pendulum
from pendulum.tz.local_timezone import get_local_timezone


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
