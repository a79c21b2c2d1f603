"""The calendar export: upcoming interviews as events, planned follow-ups as to-dos, and
the feedback promised at a round, from today on, as an all-day event on the day promised.

UIDs are the records' uuids, so importing a newer export into a calendar updates the
same events instead of adding copies. icalendar is loaded only when a calendar is made.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import pendulum

from interview_journal.store.exchange import Record

if TYPE_CHECKING:
    from icalendar import Event, Todo

    from interview_journal.domain.model import Interview
    from interview_journal.domain.timeline import Entry, When

UID_DOMAIN = "interview-journal"
INTERVIEW_HOURS = 1
"""How long an interview's event lasts (the journal keeps no end time)."""
REMINDER_AT = time(9, 0)
"""When a to-do with a due day but no time is due."""


def write_ics(
    records: Iterable[Record],
    now: pendulum.DateTime,
    write_bytes: Callable[[bytes], object],
    progress: Callable[[int], object] | None = None,
) -> int:
    """The calendar of `records` as iCalendar bytes to `write_bytes`; returns how many
    events and to-dos it holds."""
    from icalendar import Calendar

    calendar = Calendar()
    calendar.add("prodid", "-//Interview Journal//interview-journal//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Interview Journal")
    stamp = datetime.now(UTC).replace(microsecond=0)
    zone = now.timezone or pendulum.UTC
    count = 0
    for record in records:
        interview = record.interview
        if interview.starts_at > now:
            calendar.add_component(_event(interview, stamp))
            count += 1
        if interview.feedback_by is not None and interview.feedback_by >= now.date():
            calendar.add_component(_promise(interview, interview.feedback_by, stamp, zone))
            count += 1
        for entry in record.entries:
            if not entry.is_done and entry.due is not None:
                calendar.add_component(_todo(interview, entry, entry.due, stamp, zone))
                count += 1
        if progress is not None:
            progress(1)
    write_bytes(calendar.to_ical())
    return count


def _event(interview: Interview, stamp: datetime) -> Event:
    from icalendar import Event

    event = Event()
    event.add("uid", f"{interview.uuid}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", interview.starts_at.astimezone(UTC))
    ends = interview.starts_at + timedelta(hours=INTERVIEW_HOURS)
    event.add("dtend", ends.astimezone(UTC))
    event.add("summary", f"Interview: {interview.title} ({interview.stage.label})")
    if interview.location:
        event.add("location", interview.location)
    description = [f"With {interview.people_text}"] if interview.people_text else []
    if interview.notes.strip():
        description.append(interview.notes.strip())
    if description:
        event.add("description", "\n\n".join(description))
    if interview.job_ad_url:
        event.add("url", interview.job_ad_url)
    return event


def _promise(
    interview: Interview,
    day: date,
    stamp: datetime,
    zone: pendulum.Timezone | pendulum.FixedTimezone,
) -> Event:
    """The day they said they would answer by, all day (no time: it is a day in the
    user's calendar wherever the calendar is)."""
    from icalendar import Event

    event = Event()
    event.add("uid", f"{interview.uuid}-feedback@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", f"Feedback promised: {interview.title}")
    event.add("transp", "TRANSPARENT")  # a day to watch the mail, not a busy day
    held = pendulum.instance(interview.starts_at).in_tz(zone)
    event.add("description", f"Promised at: {interview.round_name}, {held:%a %-d %b %Y}.")
    return event


def _todo(
    interview: Interview,
    entry: Entry,
    due: When,
    stamp: datetime,
    zone: pendulum.Timezone | pendulum.FixedTimezone,
) -> Todo:
    from icalendar import Alarm, Todo

    todo = Todo()
    todo.add("uid", f"{entry.uuid}@{UID_DOMAIN}")
    todo.add("dtstamp", stamp)
    at = due.at or REMINDER_AT
    day = due.day
    moment = pendulum.datetime(day.year, day.month, day.day, at.hour, at.minute, tz=zone)
    todo.add("due", moment.in_tz("UTC"))
    title = f"{entry.kind.label.capitalize()}: {interview.company}"
    todo.add("summary", title)
    detail = entry.reason.strip() or entry.note.strip()
    if detail:
        todo.add("description", detail)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", title)
    alarm.add("trigger", timedelta(minutes=0), parameters={"RELATED": "END"})
    todo.add_component(alarm)
    return todo
