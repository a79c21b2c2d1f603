"""What the command line prints as JSON, as plain JSON-ready dicts: an interview (`show
--json`, `list --json`), an application (`applications --json`, `application show
--json`), a person (`people --json`), the daily review (`today --json`) and the timeline
(`timeline --json`)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

import pendulum

from interview_journal.dates import local
from interview_journal.domain.status import effective_status
from interview_journal.store.rows import application_to_dict, entry_to_dict, person_to_dict

if TYPE_CHECKING:  # the review's and the timeline's modules are imported where used:
    # `show --json` and `list --json` start without them
    from interview_journal.domain.applications import Application, ApplicationSummary
    from interview_journal.domain.model import Interview
    from interview_journal.domain.people import PersonRecord
    from interview_journal.domain.promises import Promise
    from interview_journal.domain.review import Review
    from interview_journal.domain.timeline import Entry
    from interview_journal.domain.timeline_page import TimelineItem


def _instant(moment: datetime | None, tz: pendulum.Timezone | pendulum.FixedTimezone) -> str | None:
    return local(moment, tz).isoformat() if moment is not None else None


def interview_to_dict(
    interview: Interview,
    now: pendulum.DateTime,
    *,
    evaluation: dict[str, Any] | None = None,
    follow_ups: list[dict[str, Any]] | None = None,
    application: Application | None = None,
) -> dict[str, Any]:
    """Everything about one interview, and which application it is a round of; instants
    in ISO-8601 with the user's offset. `length_minutes` is its own length, null when it
    takes the usual one (the config file's `[calendar] interview-minutes`)."""
    tz = now.timezone or pendulum.UTC
    return {
        "id": interview.id,
        "uuid": interview.uuid,
        "application_id": interview.application_id,
        "application_uuid": application.uuid if application is not None else None,
        "company": interview.company,
        "role": interview.role,
        "starts_at": _instant(interview.starts_at, tz),
        "length_minutes": interview.length_minutes,
        "time_zone": interview.time_zone,
        "stage": interview.stage.value,
        "round_label": interview.round_label,
        "format": interview.format.value if interview.format else None,
        "location": interview.location,
        "interviewers": [{"name": p.name, "role": p.role} for p in interview.interviewers],
        "job_ad_url": interview.job_ad_url,
        "status": effective_status(interview, now).value,
        "status_set_by_user": interview.status is not None,
        "interest": interview.interest,
        "notes": interview.notes,
        "feedback_by": interview.feedback_by.isoformat() if interview.feedback_by else None,
        "contact_from": interview.contact_from.isoformat() if interview.contact_from else None,
        "created_at": _instant(interview.created_at, tz),
        "updated_at": _instant(interview.updated_at, tz),
        "evaluation": evaluation,
        "follow_ups": follow_ups or [],
    }


def _day(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _with_instants(
    data: dict[str, Any], record: Application | PersonRecord, now: pendulum.DateTime
) -> dict[str, Any]:
    """A stored record's dict with its stamps in the user's offset, as an interview's are."""
    tz = now.timezone or pendulum.UTC
    return data | {
        "created_at": _instant(record.created_at, tz),
        "updated_at": _instant(record.updated_at, tz),
    }


def application_record(application: Application, now: pendulum.DateTime) -> dict[str, Any]:
    """An application's own fields, as stored."""
    return _with_instants(application_to_dict(application), application, now)


def person_record(person: PersonRecord, now: pendulum.DateTime) -> dict[str, Any]:
    """A person's fields (`people --json`)."""
    return _with_instants(person_to_dict(person), person, now)


def next_follow_up_to_dict(entry: Entry | None) -> dict[str, Any] | None:
    if entry is None:
        return None
    return {
        "entry_id": entry.id,
        "interview_id": entry.interview_id,
        "due": entry.when.key,
        "what": entry.title,
        "reason": entry.reason,
    }


def summary_to_dict(summary: ApplicationSummary) -> dict[str, Any]:
    """One application as `applications --json` lists it: who, where it stands, rounds."""
    application = summary.application
    return {
        "id": application.id,
        "uuid": application.uuid,
        "company": application.company,
        "role": application.role,
        "status": summary.status.value,
        "rounds_held": summary.rounds_held,
        "rounds_ahead": summary.rounds_ahead,
        "last_contact": _day(summary.last_contact),
        "next_follow_up": next_follow_up_to_dict(summary.next_follow_up),
        "applied_on": _day(application.applied_on),
        "source": application.source.value if application.source else None,
    }


def promise_to_dict(promise: Promise, today: date) -> dict[str, Any]:
    return {
        "interview_id": promise.round.id,
        "promised": promise.promised.isoformat(),
        "state": promise.state.value,
        "answered": _day(promise.answered),
        "days_late": promise.days_late,
        "words": promise.words(today),
    }


def application_to_json(
    summary: ApplicationSummary,
    rounds: Sequence[Interview],
    people: Sequence[PersonRecord],
    promises: Sequence[Promise],
    entries: Sequence[Entry],
    now: pendulum.DateTime,
) -> dict[str, Any]:
    """Everything about one application (`application show --json`): its fields, where it
    stands, its rounds, the people met, the promise ledger and its timeline."""
    tz = now.timezone or pendulum.UTC
    return (
        application_record(summary.application, now)
        | summary_to_dict(summary)
        | {
            "rounds": [
                {
                    "id": r.id,
                    "uuid": r.uuid,
                    "starts_at": _instant(r.starts_at, tz),
                    "stage": r.stage.value,
                    "round_label": r.round_label,
                    "status": effective_status(r, now).value,
                    "feedback_by": _day(r.feedback_by),
                }
                for r in rounds
            ],
            "people": [person_record(p, now) for p in people],
            "promises": [promise_to_dict(p, now.date()) for p in promises],
            "timeline": [entry_to_dict(e) | {"interview_id": e.interview_id} for e in entries],
        }
    )


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review as JSON-ready data (`today --json`)."""
    from interview_journal.domain.review import Section
    from interview_journal.present.review import when_words

    return {
        "date": review.today.isoformat(),
        "needs_you": review.needs_you,
        "due": review.due_count,
        "sections": {
            section.name.lower().replace("_", "-"): [
                {
                    "interview_id": item.interview.id,
                    "company": item.interview.company,
                    "role": item.interview.role,
                    "when": when_words(item, review.now),
                    "text": item.text,
                    "entry_id": item.entry.id if item.entry else None,
                    "suggested": item.suggestion is not None,
                }
                for item in review.sections[section]
            ]
            for section in Section
        },
        "next": review.next_up.id if review.next_up else None,
    }


def line_to_dict(item: TimelineItem, now: datetime, week_starts: int = 0) -> dict[str, Any]:
    """A timeline item as JSON-ready data (`timeline --json`); `week_starts` says where
    "this week" ends."""
    from interview_journal.domain.timeline_page import group_of
    from interview_journal.present.timeline import describe

    line = describe(item, now)
    data: dict[str, Any] = {
        "state": line.state,
        "group": group_of(item, now.date(), week_starts).value,
        "date": item.when.key,
        "source": item.source.name.lower().replace("_", "-"),
        "interview_id": item.interview.id,
        "company": item.interview.company,
        "what": line.what,
        "detail": line.detail,
    }
    if item.entry is not None:
        data["entry_id"] = item.entry.id
        data["reason"] = item.entry.reason
        data["note"] = item.entry.note
    if item.suggestion is not None:
        data["suggested"] = True
        data["suggestion_key"] = item.suggestion.key
        data["reason"] = item.suggestion.reason
        data["why"] = item.suggestion.why
        data["is_task"] = item.suggestion.is_task
    return data
