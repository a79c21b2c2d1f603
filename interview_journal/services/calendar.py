"""The calendar: interviews as events, planned follow-ups as to-dos with an alarm, and the
feedback promised at a round as an all-day event on the day promised.

UIDs are the records' uuids, so a newer file updates the same events in a calendar
instead of adding copies. Each item's DTSTAMP is when its record last changed, not the
clock, so the same journal gives the same bytes (a kept-current file is rewritten only
when they differ, `services.calendar_feed`).

The iCalendar text (RFC 5545) is written here rather than with the icalendar library:
at 100,000 interviews a kept-current calendar holds about 4,300 items, which icalendar
builds and serialises in about 0.9 s, and this in a few tens of milliseconds. The tests
read every file back with icalendar.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo

import pendulum

from interview_journal.domain.model import DEFAULT_LENGTH_MINUTES
from interview_journal.store.calendar_items import (
    CalendarInterview,
    CalendarItems,
    CalendarTodo,
)
from interview_journal.store.exchange import Record

UID_DOMAIN = "interview-journal"
REMINDER_AT = time(9, 0)
"""When a to-do with a due day but no time is due."""
MARK_PROPERTY = "X-INTERVIEW-JOURNAL-MARK"
"""The calendar property a kept-current file carries the mark of its content in."""
LOOKS_PROPERTY = "X-INTERVIEW-JOURNAL-LOOKS"
"""The calendar property of a kept-current file that says what its items' text depends
on besides the items (the zone, the usual length), as a digest."""
ITEM_PROPERTY = "X-INTERVIEW-JOURNAL-ITEM"
"""The property of each item of a kept-current file that says which row, at which
version, it was made from: a new process reuses the text of the items still current."""
_CRLF = "\r\n"
_LINE_OCTETS = 75
"""RFC 5545: a content line longer than this is folded onto the next line."""
_PLAIN = re.compile(r"[^\\;,\x00-\x08\x0a-\x1f\x7f]*")
"""Text with nothing to escape or leave out."""
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
"""What a TEXT value may not hold (RFC 5545): control characters but tab and line feed
(a CR of a CRLF goes, its LF stays a line break)."""
_NOT_IN_URI = re.compile(r"[\x00-\x20\x7f]")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def write_ics(
    records: Iterable[Record],
    now: pendulum.DateTime,
    write_bytes: Callable[[bytes], object],
    progress: Callable[[int], object] | None = None,
    *,
    interview_minutes: int = DEFAULT_LENGTH_MINUTES,
) -> int:
    """The calendar of `records` (their interviews still ahead, the promised days from
    today on, the planned follow-ups) as iCalendar bytes to `write_bytes`; returns how
    many events and to-dos it holds."""
    zone = now.timezone or pendulum.UTC
    today = now.date()
    items = CalendarItems([], [], [])
    for record in records:
        interview = record.interview
        shown = CalendarInterview.of(interview)
        if interview.starts_at > now:
            items.interviews.append(shown)
        if interview.feedback_by is not None and interview.feedback_by >= today:
            items.promises.append(shown)
        for entry in record.entries:
            if not entry.is_done and entry.due is not None:
                items.todos.append(CalendarTodo.of(entry, interview))
        if progress is not None:
            progress(1)
    items.promises.sort(key=lambda item: item.feedback_by or today)
    write_bytes(calendar_bytes(items, zone, interview_minutes))
    return len(items.interviews) + len(items.promises) + len(items.todos)


def calendar_bytes(
    items: CalendarItems, zone: tzinfo, interview_minutes: int, mark: str | None = None
) -> bytes:
    """The iCalendar file of `items`: times in UTC, a to-do's day and time read in `zone`,
    an interview without a length of its own lasting `interview_minutes`; `mark` (of a
    kept-current file) is written in its header."""
    components = [event_text(item, interview_minutes) for item in items.interviews]
    components += [promise_text(item, zone) for item in items.promises]
    components += [todo_text(item, zone) for item in items.todos]
    return calendar_document(components, mark)


def calendar_document(
    components: Iterable[str], mark: str | None = None, looks: str | None = None
) -> bytes:
    """The calendar file around `components` (each from `event_text`, `promise_text` or
    `todo_text`), with `mark` and `looks` in its header when given."""
    parts = [
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
        "PRODID:-//Interview Journal//interview-journal//EN\r\n",
        "CALSCALE:GREGORIAN\r\nX-WR-CALNAME:Interview Journal\r\n",
    ]
    if mark is not None:
        parts.append(f"{MARK_PROPERTY}:{mark}\r\n")
    if looks is not None:
        parts.append(f"{LOOKS_PROPERTY}:{looks}\r\n")
    parts += components
    parts.append("END:VCALENDAR\r\n")
    return "".join(parts).encode("utf-8")


def _line(name: str, value: str) -> str:
    """One content line, folded at 75 octets (never inside a character)."""
    line = f"{name}:{value}"
    if len(line) <= _LINE_OCTETS // 4 or len(data := line.encode("utf-8")) <= _LINE_OCTETS:
        return line + _CRLF
    pieces, start, room = [], 0, _LINE_OCTETS
    while len(data) - start > room:
        end = start + room
        while (data[end] & 0xC0) == 0x80:  # a continuation byte: the character starts before
            end -= 1
        pieces.append(data[start:end].decode("utf-8"))
        start, room = end, _LINE_OCTETS - 1  # a folded line starts with a space
    pieces.append(data[start:].decode("utf-8"))
    return "\r\n ".join(pieces) + _CRLF


def _text(value: str) -> str:
    if _PLAIN.fullmatch(value):  # most text has nothing to escape: no pass over it then
        return value
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return _CONTROLS.sub("", value.replace("\r\n", "\n")).replace("\n", "\\n")


def _utc(moment: datetime) -> str:
    """A moment as UTC in the basic format (an f-string: strftime is 5× slower)."""
    m = moment.astimezone(UTC)
    return f"{m.year:04d}{m.month:02d}{m.day:02d}T{m.hour:02d}{m.minute:02d}{m.second:02d}Z"


def _day(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _uid(uuid: str, suffix: str = "", tag: str | None = None) -> str:
    """The UID line, and the item's tag (`ITEM_PROPERTY`) when it has one."""
    line = _line("UID", _text(f"{uuid}{suffix}@{UID_DOMAIN}"))
    return line if tag is None else f"{line}{ITEM_PROPERTY}:{tag}\r\n"


def event_text(item: CalendarInterview, interview_minutes: int, tag: str | None = None) -> str:
    """An interview as an event, lasting its own length or `interview_minutes`."""
    ends = item.starts_at + timedelta(minutes=item.length_minutes or interview_minutes)
    lines = [
        "BEGIN:VEVENT\r\n",
        _uid(item.uuid, tag=tag),
        f"DTSTAMP:{_utc(item.updated_at)}\r\n",
        f"DTSTART:{_utc(item.starts_at)}\r\n",
        f"DTEND:{_utc(ends)}\r\n",
        _line("SUMMARY", _text(f"Interview: {item.title} ({item.stage.label})")),
    ]
    if item.location:
        lines.append(_line("LOCATION", _text(item.location)))
    description = [f"With {item.people_text}"] if item.people_text else []
    if item.notes.strip():
        description.append(item.notes.strip())
    if description:
        lines.append(_line("DESCRIPTION", _text("\n\n".join(description))))
    if item.job_ad_url.strip():
        lines.append(_line("URL", _NOT_IN_URI.sub("", item.job_ad_url)))
    lines.append("END:VEVENT\r\n")
    return "".join(lines)


def promise_text(item: CalendarInterview, zone: tzinfo, tag: str | None = None) -> str:
    """A promised feedback day, all day (no time: it is a day in the user's calendar
    wherever the calendar is), shown as free time."""
    day = item.feedback_by
    assert day is not None
    held = item.starts_at.astimezone(zone)
    day_said = f"{WEEKDAYS[held.weekday()]} {held.day} {MONTHS[held.month - 1]} {held.year}"
    said = f"Promised at: {item.round_name}, {day_said}."
    return "".join(
        [
            "BEGIN:VEVENT\r\n",
            _uid(item.uuid, "-feedback", tag),
            f"DTSTAMP:{_utc(item.updated_at)}\r\n",
            f"DTSTART;VALUE=DATE:{_day(day)}\r\n",
            f"DTEND;VALUE=DATE:{_day(day + timedelta(days=1))}\r\n",
            _line("SUMMARY", _text(f"Feedback promised: {item.title}")),
            "TRANSP:TRANSPARENT\r\n",
            _line("DESCRIPTION", _text(said)),
            "END:VEVENT\r\n",
        ]
    )


def todo_text(item: CalendarTodo, zone: tzinfo, tag: str | None = None) -> str:
    """A planned follow-up, due at its time (9:00 when it has only a day) in the user's
    zone, with an alarm when it is due."""
    due = datetime.combine(item.due.day, item.due.at or REMINDER_AT, tzinfo=zone)
    title = _text(f"{item.kind.label.capitalize()}: {item.company}")
    lines = [
        "BEGIN:VTODO\r\n",
        _uid(item.uuid, tag=tag),
        f"DTSTAMP:{_utc(item.updated_at)}\r\n",
        f"DUE:{_utc(due)}\r\n",
        _line("SUMMARY", title),
    ]
    detail = item.reason.strip() or item.note.strip()
    if detail:
        lines.append(_line("DESCRIPTION", _text(detail)))
    lines += [
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\n",
        _line("DESCRIPTION", title),
        "TRIGGER;RELATED=END:PT0S\r\nEND:VALARM\r\nEND:VTODO\r\n",
    ]
    return "".join(lines)
