"""Interviews as plain JSON-ready dicts: `show --json`, `list --json` and the JSON export."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pendulum

from interview_journal.dates import local
from interview_journal.domain.model import Interview
from interview_journal.domain.status import effective_status


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
