"""The small rules the Insights figures are made with, apart from the SQL that counts:
medians from counted values, period labels, trends, matching key points, ordering
employers, and the UTC offsets that turn a stored instant into the day it was held.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta, tzinfo
from functools import lru_cache

from interview_journal.domain.insights import (
    MINIMUM,
    SIGNS,
    Employer,
    MissedPoint,
    Period,
    Trend,
)
from interview_journal.domain.model import folded

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

PER_TEN = 10
"""The interviews in a run when the signs are followed per ten interviews."""

MONTHS_FOR_PER_MONTH = 3
"""From this many months holding evaluations on, the signs are followed per month."""

MOST_MISSED = 8
"""The most missed key points listed."""


def median(counted: Iterable[tuple[float, int]]) -> float | None:
    """The median of values given as (value, how many times), or None of none."""
    pairs = sorted((value, times) for value, times in counted if times > 0)
    total = sum(times for _, times in pairs)
    if not total:
        return None
    wanted = (total - 1) // 2, total // 2  # the middle one, or the two middle ones
    found: list[float] = []
    seen = 0
    for value, times in pairs:
        while len(found) < 2 and seen + times > wanted[len(found)]:
            found.append(value)
        seen += times
        if len(found) == 2:
            break
    return (found[0] + found[1]) / 2


def month_label(year: int, month: int) -> str:
    """ "Nov 2026"."""
    return f"{MONTHS[month - 1]} {year}"


def run_label(index: int, size: int) -> str:
    """The run `index` (from 0) of evaluated interviews holding `size`: "1–10", "21–27"."""
    first = index * PER_TEN + 1
    return f"{first}–{first + size - 1}"


def trends(periods: Sequence[Period]) -> tuple[Trend, ...]:
    """Per sign, from the first period to the last one whose mean rests on enough
    ratings of it; unknown (None) unless two periods do."""
    found = []
    for sign in SIGNS:
        means = [
            mean
            for period in periods
            if (mean := period.means.get(sign)) is not None
            and period.counts.get(sign, period.based_on) >= MINIMUM
        ]
        if len(means) >= 2:
            found.append(Trend(sign, means[0], means[-1]))
        else:
            found.append(Trend(sign, None, None))
    return tuple(found)


def missed_points(
    counted: Iterable[tuple[str, int, int]], *, most: int = MOST_MISSED
) -> list[tuple[MissedPoint, tuple[str, ...]]]:
    """Key points as (text as written, planned, missed), matched case- and space-
    insensitively: those missed at least once and planned twice or more, by the share
    missed and then how often, at most `most`; each with the spellings it was written in
    (to find the interviews where it was missed)."""
    groups: dict[str, dict[str, list[int]]] = {}
    for text, planned, missed in counted:
        key = folded(text)
        if not key:
            continue
        spelled = groups.setdefault(key, {}).setdefault(text, [0, 0])
        spelled[0] += planned
        spelled[1] += missed
    points = []
    for spellings in groups.values():
        planned = sum(counts[0] for counts in spellings.values())
        missed = sum(counts[1] for counts in spellings.values())
        if missed < 1 or planned < 2:
            continue
        text = min(spellings, key=lambda spelled: (-spellings[spelled][0], spelled))
        points.append((MissedPoint(text, missed, planned), tuple(sorted(spellings))))
    points.sort(
        key=lambda found: (
            -found[0].missed / found[0].planned,
            -found[0].missed,
            folded(found[0].text),
        )
    )
    return points[:most]


def employer_order(employer: Employer) -> tuple[bool, float, str]:
    """Slowest to answer first; those that answered too few rounds for a median last."""
    few = employer.answered < MINIMUM or employer.median_days is None
    return (few, -(employer.median_days or 0.0), employer.company.casefold())


def ranked(counts: Mapping[str, int]) -> tuple[str, ...]:
    """Names by how often, most first (then alphabetically)."""
    return tuple(sorted(counts, key=lambda name: (-counts[name], name.casefold())))


# --- the day an instant falls on, in a zone -----------------------------------------------


@lru_cache(maxsize=128)
def offset_changes(zone: tzinfo, first_year: int, last_year: int) -> tuple[tuple[str, int], ...]:
    """The UTC offsets of `zone` from `first_year` to `last_year`, as (from, minutes)
    pairs: `from` the stored UTC text (as `to_storage` writes it) the offset applies from,
    "" for the first. One pair for a zone that keeps one offset."""
    step = timedelta(days=1)
    moment = datetime(first_year - 1, 12, 30, tzinfo=UTC)
    end = datetime(last_year + 1, 1, 2, tzinfo=UTC)
    current = _minutes(zone, moment)
    found = [("", current)]
    while moment < end:
        later = moment + step
        minutes = _minutes(zone, later)
        if minutes != current:
            changed = _change_between(zone, moment, later, current)
            found.append((changed.strftime("%Y-%m-%dT%H:%M:%SZ"), minutes))
            current = minutes
        moment = later
    return tuple(found)


def _minutes(zone: tzinfo, moment: datetime) -> int:
    offset = moment.astimezone(zone).utcoffset()
    return int(offset.total_seconds() // 60) if offset is not None else 0


def _change_between(zone: tzinfo, before: datetime, after: datetime, old: int) -> datetime:
    """The first second from which `zone` no longer has the offset `old` (to the second)."""
    low, high = 0, int((after - before).total_seconds())
    while high - low > 1:
        middle = (low + high) // 2
        if _minutes(zone, before + timedelta(seconds=middle)) == old:
            low = middle
        else:
            high = middle
    return before + timedelta(seconds=high)


def local_day(stored: str, changes: Sequence[tuple[str, int]]) -> date:
    """The day a stored UTC instant falls on, with the offsets of `offset_changes` (what
    the SQL works out, for the checks that compare the two)."""
    minutes = 0
    for start, offset in changes:
        if stored >= start:
            minutes = offset
    moment = datetime.fromisoformat(stored) + timedelta(minutes=minutes)
    return moment.date()
