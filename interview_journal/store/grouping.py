"""Rounds into applications, names into people: the grouping shared by the schema step
that introduced them and by every later save.

An interview saved without an application joins the open application with the same
company and role (case- and space-insensitive), or starts one; a name typed as an
interviewer or a contact becomes a person at that company unless one is known.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlite_utils import Database

from interview_journal.dates import to_storage
from interview_journal.domain.applications import application_key
from interview_journal.domain.model import new_uuid
from interview_journal.domain.people import person_key

_CLOSED_ENDINGS = ("accepted", "rejected", "withdrawn")


def application_match_key(company: str, role: str) -> str:
    """The stored form of `application_key`: what `applications.match_key` holds."""
    folded_company, folded_role = application_key(company, role)
    return f"{folded_company}\x1f{folded_role}"


def _now() -> str:
    return to_storage(datetime.now(UTC))


def application_for(db: Database, company: str, role: str, *, created_at: str | None = None) -> int:
    """The id of the application a new round with this company and role belongs to.

    The newest application with the same company and role that the user has not ended;
    a new one (named as typed) when there is none.
    """
    key = application_match_key(company, role)
    rows = list(
        db.query(
            "SELECT id FROM applications WHERE match_key = ? "
            f"AND (ended IS NULL OR ended NOT IN {_CLOSED_ENDINGS}) ORDER BY id DESC LIMIT 1",
            [key],
        )
    )
    if rows:
        return int(rows[0]["id"])
    stamp = created_at or _now()
    return _insert(
        db,
        "applications",
        {
            "uuid": new_uuid(),
            "company": company.strip(),
            "role": role.strip(),
            "match_key": key,
            "created_at": stamp,
            "updated_at": stamp,
            "version": 1,
        },
    )


def _insert(db: Database, table: str, row: dict[str, object]) -> int:
    new_id = db.table(table).insert(row).last_pk
    assert new_id is not None
    return int(new_id)


def person_for(db: Database, name: str, company: str, *, role: str = "") -> int | None:
    """The id of the person with this name at this company, created when unknown.
    None for an empty name."""
    key = person_key(name)
    if not key:
        return None
    rows = list(
        db.query(
            "SELECT id FROM people WHERE match_key = ? AND company = ? ORDER BY id LIMIT 1",
            [key, company.strip()],
        )
    )
    if rows:
        return int(rows[0]["id"])
    stamp = _now()
    return _insert(
        db,
        "people",
        {
            "uuid": new_uuid(),
            "name": name.strip(),
            "match_key": key,
            "role": role.strip(),
            "company": company.strip(),
            "created_at": stamp,
            "updated_at": stamp,
            "version": 1,
        },
    )


def people_named(
    db: Database, company: str, interviewers_json: str, contacts: Iterable[str]
) -> None:
    """Make sure everyone an interview or its follow-ups name is a person."""
    for met in json.loads(interviewers_json or "[]"):
        person_for(db, str(met.get("name", "")), company, role=str(met.get("role", "")))
    for contact in contacts:
        person_for(db, contact, company)


def file_unfiled_rounds(db: Database, *, people: bool = True) -> None:
    """Every interview without an application filed under one by company and role, oldest
    round first (so an application is named as its first round was, and takes its job ad
    link), and with `people` every name met made a person: the schema step that brought
    applications, and an import of a file from before them. Keys are kept in memory and
    the updates batched: 100,000 interviews take seconds, not minutes."""
    contacts: dict[int, list[str]] = {}
    for row in db.query(
        "SELECT DISTINCT interview_id, contact FROM follow_ups WHERE contact != ''"
    ):
        contacts.setdefault(row["interview_id"], []).append(row["contact"])
    applications: dict[str, int] = {}
    named: set[tuple[str, str]] = set()
    filed: list[tuple[int, int]] = []
    ads: dict[int, str] = {}
    rows = db.query(
        "SELECT id, company, role, interviewers, job_ad_url, created_at FROM interviews "
        "WHERE application_id IS NULL ORDER BY starts_at, id"
    )
    for row in list(rows):
        key = application_match_key(row["company"], row["role"])
        if key not in applications:
            applications[key] = application_for(
                db, row["company"], row["role"], created_at=row["created_at"]
            )
        application_id = applications[key]
        filed.append((application_id, row["id"]))
        if row["job_ad_url"]:
            ads.setdefault(application_id, row["job_ad_url"])
        if not people:
            continue
        met = [
            (str(p.get("name", "")), str(p.get("role", "")))
            for p in json.loads(row["interviewers"] or "[]")
        ]
        for name, role in [*met, *((c, "") for c in contacts.get(row["id"], ()))]:
            known = (person_key(name), row["company"].strip().casefold())
            if known[0] and known not in named:
                named.add(known)
                person_for(db, name, row["company"], role=role)
    db.conn.executemany("UPDATE interviews SET application_id = ? WHERE id = ?", filed)
    db.conn.executemany(
        "UPDATE applications SET job_ad_url = ? WHERE id = ? AND job_ad_url = ''",
        [(url, application_id) for application_id, url in ads.items()],
    )


def leftovers(
    db: Database, application_id: int | None, company: str, names: list[str]
) -> dict[str, list[dict[str, object]]]:
    """What a deleted round leaves with nothing of its own: its application when that has
    no other round and nothing the user wrote into it, and the people it named that no
    other round or follow-up at the company names and that hold nothing but a name and a
    role. Deleted with the round (and put back with it), so a deleted name is in no row."""
    found: dict[str, list[dict[str, object]]] = {"applications": [], "people": []}
    if application_id is not None:
        found["applications"] = list(
            db.query(
                "SELECT * FROM applications a WHERE id = ? AND NOT EXISTS "
                "(SELECT 1 FROM interviews WHERE application_id = a.id) AND job_ad_url = '' "
                "AND job_ad_text = '' AND source IS NULL AND source_note = '' "
                "AND applied_on IS NULL AND location = '' AND salary = '' AND ended IS NULL "
                "AND notes = ''",
                [application_id],
            )
        )
    keys = {person_key(name) for name in names} - {""}
    if keys:
        still: set[str] = set()
        for row in db.query("SELECT interviewers FROM interviews WHERE company = ?", [company]):
            still.update(
                person_key(str(p.get("name", ""))) for p in json.loads(row["interviewers"])
            )
        for row in db.query(
            "SELECT f.contact FROM follow_ups f JOIN interviews i ON f.interview_id = i.id "
            "WHERE i.company = ? AND f.contact != ''",
            [company],
        ):
            still.add(person_key(row["contact"]))
        for key in sorted(keys - still):
            found["people"] += list(
                db.query(
                    "SELECT * FROM people WHERE match_key = ? AND company = ? AND email = '' "
                    "AND phone = '' AND url = '' AND notes = ''",
                    [key, company.strip()],
                )
            )
    for table, rows in found.items():
        for row in rows:
            db.execute(f"DELETE FROM {table} WHERE id = ?", [row["id"]])
    return found
