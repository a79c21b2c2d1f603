"""What the command line prints as JSON, as plain JSON-ready dicts: an interview (`show
--json`, `list --json` and the JSON export), the daily review (`today --json`) and the
timeline (`timeline --json`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pendulum

from interview_journal.dates import local
from interview_journal.domain.model import Interview
from interview_journal.domain.review import Review, Section
from interview_journal.domain.status import effective_status
from interview_journal.domain.timeline_page import TimelineItem, group_of
from interview_journal.present.review import when_words
from interview_journal.present.timeline import describe


def _instant(moment: datetime | None, tz: pendulum.Timezone | pendulum.FixedTimezone) -> str | None:
    return local(moment, tz).isoformat() if moment is not None else None


def interview_to_dict(
    interview: Interview,
    now: pendulum.DateTime,
    *,
    evaluation: dict[str, Any] | None = None,
    follow_ups: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything about one interview; instants in ISO-8601 with the user's offset."""
    tz = now.timezone or pendulum.UTC
    return {
        "id": interview.id,
        "uuid": interview.uuid,
        "company": interview.company,
        "role": interview.role,
        "starts_at": _instant(interview.starts_at, tz),
        "time_zone": interview.time_zone,
        "stage": interview.stage.value,
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


def review_to_dict(review: Review) -> dict[str, Any]:
    """The review as JSON-ready data (`today --json`)."""
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


def line_to_dict(item: TimelineItem, now: datetime) -> dict[str, Any]:
    """A timeline item as JSON-ready data (`timeline --json`)."""
    line = describe(item, now)
    data: dict[str, Any] = {
        "state": line.state,
        "group": group_of(item, now.date()).value,
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
