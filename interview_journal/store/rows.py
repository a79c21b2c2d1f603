"""Rows of the journal's tables <-> domain objects: every mapping the store makes.

Each table has one `*_from_row`/`*_to_row` pair. A `*_to_row` gives the columns a save
writes: not the id, timestamps or version, which the store owns. The `*_to_dict`
functions give the JSON-ready form (`show --json`, exports).
"""

from __future__ import annotations

import json
from typing import Any

from interview_journal.dates import day_from_storage, day_to_storage, from_storage, to_storage
from interview_journal.domain.applications import Application, ApplicationStatus, Source
from interview_journal.domain.evaluation import (
    CONTENT_FIELDS,
    Applied,
    Evaluation,
    EvaluationState,
    EvaluationSummary,
    KeyPoint,
    RoleMatch,
)
from interview_journal.domain.model import Format, Interview, Person, Stage, Status
from interview_journal.domain.people import PersonRecord, person_key
from interview_journal.domain.timeline import Channel, Entry, EntryKind, Outcome, When
from interview_journal.store.grouping import application_match_key

INTERVIEW_COLUMNS = (
    "id, uuid, company, role, starts_at, time_zone, stage, format, location, interviewers, "
    "job_ad_url, status, interest, notes, feedback_by, contact_from, application_id, "
    "round_label, length_minutes, created_at, updated_at, version"
)
APPLICATION_COLUMNS = (
    "id, uuid, company, role, job_ad_url, job_ad_text, source, source_note, applied_on, "
    "location, salary, ended, notes, takeaway, created_at, updated_at, version"
)
PERSON_COLUMNS = (
    "id, uuid, name, role, company, email, phone, url, notes, created_at, updated_at, version"
)
ENTRY_COLUMNS = (
    "id, uuid, interview_id, kind, due, done, channel, contact, reason, note, outcome, "
    "suggestion, created_at, updated_at, version"
)

Row = dict[str, Any]


# --- interviews ---------------------------------------------------------------------------


def interview_from_row(row: Row) -> Interview:
    people = tuple(Person(p["name"], p.get("role", "")) for p in json.loads(row["interviewers"]))
    return Interview(
        id=row["id"],
        uuid=row["uuid"],
        company=row["company"],
        role=row["role"],
        starts_at=from_storage(row["starts_at"]),
        time_zone=row["time_zone"],
        stage=Stage(row["stage"]),
        format=Format(row["format"]) if row["format"] else None,
        location=row["location"],
        interviewers=people,
        job_ad_url=row["job_ad_url"],
        status=Status(row["status"]) if row["status"] else None,
        interest=row["interest"],
        notes=row["notes"],
        feedback_by=day_from_storage(row["feedback_by"]),
        contact_from=day_from_storage(row["contact_from"]),
        application_id=row["application_id"],
        round_label=row["round_label"],
        length_minutes=row["length_minutes"],
        created_at=from_storage(row["created_at"]),
        updated_at=from_storage(row["updated_at"]),
        version=row["version"],
    )


def interview_to_row(interview: Interview) -> Row:
    return {
        "uuid": interview.uuid,
        "company": interview.company,
        "role": interview.role,
        "starts_at": to_storage(interview.starts_at),
        "time_zone": interview.time_zone,
        "stage": interview.stage.value,
        "format": interview.format.value if interview.format else None,
        "location": interview.location,
        "interviewers": json.dumps(
            [{"name": p.name, "role": p.role} for p in interview.interviewers],
            ensure_ascii=False,
        ),
        "people": interview.people_text,
        "job_ad_url": interview.job_ad_url,
        "status": interview.status.value if interview.status else None,
        "interest": interview.interest,
        "notes": interview.notes,
        "feedback_by": day_to_storage(interview.feedback_by) if interview.feedback_by else None,
        "contact_from": day_to_storage(interview.contact_from) if interview.contact_from else None,
        "application_id": interview.application_id,
        "round_label": interview.round_label,
        "length_minutes": interview.length_minutes,
    }


# --- applications and people --------------------------------------------------------------


def application_from_row(row: Row) -> Application:
    return Application(
        id=row["id"],
        uuid=row["uuid"],
        company=row["company"],
        role=row["role"],
        job_ad_url=row["job_ad_url"],
        job_ad_text=row["job_ad_text"],
        source=Source(row["source"]) if row["source"] else None,
        source_note=row["source_note"],
        applied_on=day_from_storage(row["applied_on"]),
        location=row["location"],
        salary=row["salary"],
        ended=ApplicationStatus(row["ended"]) if row["ended"] else None,
        notes=row["notes"],
        takeaway=row["takeaway"],
        created_at=from_storage(row["created_at"]),
        updated_at=from_storage(row["updated_at"]),
        version=row["version"],
    )


def application_to_row(application: Application) -> Row:
    return {
        "uuid": application.uuid,
        "company": application.company.strip(),
        "role": application.role.strip(),
        "match_key": application_match_key(application.company, application.role),
        "job_ad_url": application.job_ad_url,
        "job_ad_text": application.job_ad_text,
        "source": application.source.value if application.source else None,
        "source_note": application.source_note,
        "applied_on": day_to_storage(application.applied_on) if application.applied_on else None,
        "location": application.location,
        "salary": application.salary,
        "ended": application.ended.value if application.ended else None,
        "notes": application.notes,
        "takeaway": application.takeaway,
    }


def application_to_dict(application: Application) -> Row:
    row = application_to_row(application)
    del row["match_key"]
    return (
        {"id": application.id}
        | row
        | {
            "created_at": to_storage(application.created_at) if application.created_at else None,
            "updated_at": to_storage(application.updated_at) if application.updated_at else None,
        }
    )


def person_from_row(row: Row) -> PersonRecord:
    return PersonRecord(
        id=row["id"],
        uuid=row["uuid"],
        name=row["name"],
        role=row["role"],
        company=row["company"],
        email=row["email"],
        phone=row["phone"],
        url=row["url"],
        notes=row["notes"],
        created_at=from_storage(row["created_at"]),
        updated_at=from_storage(row["updated_at"]),
        version=row["version"],
    )


def person_to_row(person: PersonRecord) -> Row:
    return {
        "uuid": person.uuid,
        "name": person.name.strip(),
        "match_key": person_key(person.name),
        "role": person.role.strip(),
        "company": person.company.strip(),
        "email": person.email.strip(),
        "phone": person.phone.strip(),
        "url": person.url.strip(),
        "notes": person.notes,
    }


def person_to_dict(person: PersonRecord) -> Row:
    row = person_to_row(person)
    del row["match_key"]
    return (
        {"id": person.id}
        | row
        | {
            "created_at": to_storage(person.created_at) if person.created_at else None,
            "updated_at": to_storage(person.updated_at) if person.updated_at else None,
        }
    )


# --- evaluations --------------------------------------------------------------------------

_BOOLS = {"accurate", "next_steps_asked", "hear_back_asked", "clarity_asked"}


def evaluation_from_row(row: Row) -> Evaluation:
    values: dict[str, Any] = {name: row[name] for name in CONTENT_FIELDS}
    values["state"] = EvaluationState(row["state"])
    values["key_points"] = tuple(
        KeyPoint(str(p.get("text", "")), bool(p.get("made", False)))
        for p in json.loads(row["key_points"] or "[]")
    )
    values["role_matched"] = RoleMatch(row["role_matched"]) if row["role_matched"] else None
    values["lesson_applied"] = Applied(row["lesson_applied"]) if row["lesson_applied"] else None
    for name in _BOOLS:
        values[name] = None if row[name] is None else bool(row[name])
    for name in ("next_steps_asked", "hear_back_asked", "clarity_asked"):
        values[name] = bool(values[name])
    return Evaluation(
        interview_id=row["interview_id"],
        version=row["version"],
        updated_at=from_storage(row["updated_at"]),
        **values,
    )


def evaluation_to_row(evaluation: Evaluation) -> Row:
    row: Row = {name: getattr(evaluation, name) for name in CONTENT_FIELDS}
    row["state"] = evaluation.state.value
    row["key_points"] = json.dumps(
        [{"text": p.text, "made": p.made} for p in evaluation.key_points], ensure_ascii=False
    )
    row["role_matched"] = evaluation.role_matched.value if evaluation.role_matched else None
    row["lesson_applied"] = evaluation.lesson_applied.value if evaluation.lesson_applied else None
    for name in _BOOLS:
        value = row[name]
        row[name] = None if value is None else int(bool(value))
    return row


def summary_from_row(row: Row) -> EvaluationSummary:
    return EvaluationSummary(
        EvaluationState(row["state"]),
        (row["key_points_rating"], row["dynamic_rating"], row["expectations_rating"]),
    )


def evaluation_to_dict(evaluation: Evaluation) -> Row:
    data = evaluation_to_row(evaluation)
    data["key_points"] = [{"text": p.text, "made": p.made} for p in evaluation.key_points]
    for name in _BOOLS:
        data[name] = getattr(evaluation, name)
    data["updated_at"] = evaluation.updated_at.isoformat() if evaluation.updated_at else None
    return data


# --- timeline entries (the follow_ups table) ----------------------------------------------


def entry_from_row(row: Row) -> Entry:
    return Entry(
        id=row["id"],
        uuid=row["uuid"],
        interview_id=row["interview_id"],
        kind=EntryKind(row["kind"]),
        due=When.from_key(row["due"]) if row["due"] else None,
        done=When.from_key(row["done"]) if row["done"] else None,
        channel=Channel(row["channel"]) if row["channel"] else None,
        contact=row["contact"],
        reason=row["reason"],
        note=row["note"],
        outcome=Outcome(row["outcome"]) if row["outcome"] else None,
        suggestion=row["suggestion"],
        created_at=from_storage(row["created_at"]),
        updated_at=from_storage(row["updated_at"]),
        version=row["version"],
    )


def entry_to_row(entry: Entry) -> Row:
    return {
        "uuid": entry.uuid,
        "interview_id": entry.interview_id,
        "kind": entry.kind.value,
        "due": entry.due.key if entry.due else None,
        "done": entry.done.key if entry.done else None,
        "channel": entry.channel.value if entry.channel else None,
        "contact": entry.contact,
        "reason": entry.reason,
        "note": entry.note,
        "outcome": entry.outcome.value if entry.outcome else None,
        "suggestion": entry.suggestion,
    }


def entry_to_dict(entry: Entry) -> Row:
    row = entry_to_row(entry)
    del row["interview_id"]
    return (
        {"id": entry.id}
        | row
        | {
            "suggestion": entry.suggestion or None,
            "created_at": to_storage(entry.created_at) if entry.created_at else None,
            "updated_at": to_storage(entry.updated_at) if entry.updated_at else None,
        }
    )
