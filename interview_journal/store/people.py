"""People: the records behind the names typed as interviewers and contacts.

Renaming a person renames them where they were named (an interview's interviewers, a
follow-up's contact at their company), in the same transaction.
"""

from __future__ import annotations

import json

from sqlite_utils import Database

from interview_journal.domain.model import Person
from interview_journal.domain.people import PersonRecord, person_key
from interview_journal.errors import NotFoundError
from interview_journal.store.connection import Connection, update_versioned, utc_now
from interview_journal.store.drafts import takes_words_away
from interview_journal.store.rows import PERSON_COLUMNS, person_from_row, person_to_row

_TEXTS = ("name", "role", "company", "email", "phone", "url", "notes")
"""The words of a person the search index holds (their notes, through the rounds that
name them)."""

SUGGESTIONS = 20
"""At most this many names offered while typing."""


class People:
    """The `people` table."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def add(self, person: PersonRecord) -> PersonRecord:
        now = utc_now()
        row = person_to_row(person) | {"created_at": now, "updated_at": now, "version": 1}
        with self.connection.writing() as db:
            new_id = db.table("people").insert(row).last_pk
        assert new_id is not None
        return self.get(int(new_id))

    def update(self, person: PersonRecord) -> PersonRecord:
        """Save changes (a new name reaches every place they were named); refuses
        (StaleWriteError) if someone saved since it was read."""
        if person.id is None:
            raise ValueError("update_person needs a person with an id")
        before = self.get(person.id)
        row = person_to_row(person)
        with self.connection.writing() as db:
            removed = takes_words_away(db, "people", ("id", person.id), row, _TEXTS)
            update_versioned(
                db,
                "people",
                ("id", person.id),
                row | {"updated_at": utc_now()},
                person.version,
                missing=f"Person {person.id} no longer exists.",
                stale=f"{before.name} was changed elsewhere (another window?) since you "
                "opened it. Your version was not saved over it.",
            )
            if person.name.strip() != before.name:
                _rename(db, before, person.name.strip())
        self.connection.forget_removed_text(indexed=removed)
        return self.get(person.id)

    def get(self, person_id: int) -> PersonRecord:
        rows = self.connection.query(
            f"SELECT {PERSON_COLUMNS} FROM people WHERE id = ?", [person_id]
        )
        if not rows:
            raise NotFoundError(f"No person with id {person_id}.")
        return person_from_row(rows[0])

    def delete(self, person_id: int) -> PersonRecord:
        """Forget a person's record (the names typed in interviews stay as typed)."""
        person = self.get(person_id)
        with self.connection.writing() as db:
            db.execute("DELETE FROM people WHERE id = ?", [person_id])
        self.connection.forget_removed_text()
        return person

    def listed(
        self, search: str = "", *, company: str | None = None, limit: int = 1000
    ) -> list[PersonRecord]:
        """People by name: those whose name, role, company, e-mail or notes contain
        `search` (any case), at `company` when given."""
        conditions, params = ["1"], []
        if company is not None:
            conditions.append("company = ?")
            params.append(company.strip())
        for word in search.split():
            like = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            conditions.append(
                "(name LIKE ? ESCAPE '\\' OR role LIKE ? ESCAPE '\\' OR company LIKE ? "
                "ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR notes LIKE ? ESCAPE '\\')"
            )
            params.extend([like] * 5)
        rows = self.connection.query(
            f"SELECT {PERSON_COLUMNS} FROM people WHERE {' AND '.join(conditions)} "
            "ORDER BY name, company, id LIMIT ?",
            [*params, limit],
        )
        return [person_from_row(row) for row in rows]

    def names_for(self, company: str, typed: str, limit: int = SUGGESTIONS) -> list[PersonRecord]:
        """Completions for a name being typed: people at this company first (those met
        most recently first), then anyone else whose name starts with what was typed."""
        key = person_key(typed)
        rows = self.connection.query(
            f"SELECT {PERSON_COLUMNS} FROM people WHERE match_key >= ? AND match_key < ? "
            "ORDER BY company != ?, updated_at DESC, id DESC LIMIT ?",
            [key, key + "\U0010ffff", company.strip(), limit],
        )
        return [person_from_row(row) for row in rows]

    def met_in(self, application_id: int) -> list[PersonRecord]:
        """The people named in an application's rounds and follow-ups, in the order met."""
        rows = self.connection.query(
            "SELECT i.company, i.interviewers, "
            "(SELECT json_group_array(f.contact) FROM follow_ups f "
            " WHERE f.interview_id = i.id AND f.contact != '') AS contacts "
            "FROM interviews i WHERE i.application_id = ? ORDER BY i.starts_at, i.id",
            [application_id],
        )
        seen: dict[tuple[str, str], None] = {}
        for row in rows:
            names = [p.get("name", "") for p in json.loads(row["interviewers"] or "[]")]
            names += json.loads(row["contacts"] or "[]")
            for name in names:
                if person_key(name):
                    seen.setdefault((person_key(name), row["company"].casefold()), None)
        found: list[PersonRecord] = []
        for key, company in seen:
            match = self.connection.query(
                f"SELECT {PERSON_COLUMNS} FROM people WHERE match_key = ? AND company = ? "
                "ORDER BY id LIMIT 1",
                [key, company],
            )
            if match:
                found.append(person_from_row(match[0]))
        return found


def _rename(db: Database, before: PersonRecord, name: str) -> None:
    """Write the new name where the old one was typed at their company."""
    key = before.key
    for row in list(
        db.query("SELECT id, interviewers FROM interviews WHERE company = ?", [before.company])
    ):
        people = json.loads(row["interviewers"] or "[]")
        changed = False
        for met in people:
            if person_key(str(met.get("name", ""))) == key:
                met["name"] = name
                changed = True
        if changed:
            text = ", ".join(str(Person(p["name"], p.get("role", ""))) for p in people)
            db.execute(
                "UPDATE interviews SET interviewers = ?, people = ?, version = version + 1 "
                "WHERE id = ?",
                [json.dumps(people, ensure_ascii=False), text, row["id"]],
            )
    for row in list(
        db.query(
            "SELECT f.id, f.contact FROM follow_ups f JOIN interviews i ON f.interview_id = i.id "
            "WHERE i.company = ? AND f.contact != ''",
            [before.company],
        )
    ):
        if person_key(row["contact"]) == key:
            db.execute(
                "UPDATE follow_ups SET contact = ?, version = version + 1 WHERE id = ?",
                [name, row["id"]],
            )
