"""Numbered schema steps, applied at start-up, each atomic with the record that it ran.

Rules for adding one: append a function, never edit or reorder an applied one, set
`PRAGMA user_version` to its number (the header check reads it to refuse files from a
newer version without opening them), and add a fixture file of the schema before it in
`tests/fixtures/schemas/` so the step is tested from every earlier version.
"""

from __future__ import annotations

import sqlite3

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from interview_journal.store.database import APPLICATION_ID

MIGRATIONS = Migrations("interview_journal")


def _run_script(db: Database, script: str) -> None:
    """Run statements one by one inside the migration's transaction.

    `executescript` would commit the open transaction first, breaking the promise that a
    migration and its record land together or not at all.
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            db.execute(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL in migration: {pending.strip()[:60]}")


@MIGRATIONS(name="0001_interviews")
def _interviews(db: Database) -> None:
    _run_script(
        db,
        f"""
        PRAGMA application_id = {APPLICATION_ID};
        CREATE TABLE interviews (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            company TEXT NOT NULL COLLATE NOCASE,
            role TEXT NOT NULL DEFAULT '',
            starts_at TEXT NOT NULL,
            time_zone TEXT NOT NULL DEFAULT 'UTC',
            stage TEXT NOT NULL,
            format TEXT,
            location TEXT NOT NULL DEFAULT '',
            interviewers TEXT NOT NULL DEFAULT '[]',
            people TEXT NOT NULL DEFAULT '',
            job_ad_url TEXT NOT NULL DEFAULT '',
            status TEXT,
            interest INTEGER CHECK (interest BETWEEN 1 AND 5),
            notes TEXT NOT NULL DEFAULT '',
            feedback_by TEXT,
            contact_from TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX interviews_by_start ON interviews (starts_at, id);
        CREATE INDEX interviews_by_company ON interviews (company, starts_at, id);
        CREATE INDEX interviews_by_status ON interviews (status, starts_at, id);

        CREATE VIRTUAL TABLE interviews_fts USING fts5 (
            company, role, people, location, notes,
            content = 'interviews', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER interviews_fts_insert AFTER INSERT ON interviews BEGIN
            INSERT INTO interviews_fts (rowid, company, role, people, location, notes)
            VALUES (new.id, new.company, new.role, new.people, new.location, new.notes);
        END;
        CREATE TRIGGER interviews_fts_delete AFTER DELETE ON interviews BEGIN
            INSERT INTO interviews_fts (interviews_fts, rowid, company, role, people, location, notes)
            VALUES ('delete', old.id, old.company, old.role, old.people, old.location, old.notes);
        END;
        CREATE TRIGGER interviews_fts_update AFTER UPDATE OF company, role, people, location, notes
        ON interviews BEGIN
            INSERT INTO interviews_fts (interviews_fts, rowid, company, role, people, location, notes)
            VALUES ('delete', old.id, old.company, old.role, old.people, old.location, old.notes);
            INSERT INTO interviews_fts (rowid, company, role, people, location, notes)
            VALUES (new.id, new.company, new.role, new.people, new.location, new.notes);
        END;
        CREATE TABLE drafts (
            key TEXT PRIMARY KEY,
            data TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        PRAGMA user_version = 1;
        """,
    )


@MIGRATIONS(name="0002_evaluations")
def _evaluations(db: Database) -> None:
    _run_script(
        db,
        """
        CREATE TABLE evaluations (
            interview_id INTEGER PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
            state TEXT NOT NULL DEFAULT 'draft',
            key_points_rating INTEGER CHECK (key_points_rating BETWEEN 1 AND 5),
            dynamic_rating INTEGER CHECK (dynamic_rating BETWEEN 1 AND 5),
            expectations_rating INTEGER CHECK (expectations_rating BETWEEN 1 AND 5),
            overall_rating INTEGER CHECK (overall_rating BETWEEN 1 AND 5),
            interest_after INTEGER CHECK (interest_after BETWEEN 1 AND 5),
            key_points TEXT NOT NULL DEFAULT '[]',
            went_well TEXT NOT NULL DEFAULT '',
            to_improve TEXT NOT NULL DEFAULT '',
            differently TEXT NOT NULL DEFAULT '',
            lesson TEXT NOT NULL DEFAULT '',
            about_employer TEXT NOT NULL DEFAULT '',
            role_matched TEXT,
            role_note TEXT NOT NULL DEFAULT '',
            accurate INTEGER,
            accurate_note TEXT NOT NULL DEFAULT '',
            next_steps_asked INTEGER NOT NULL DEFAULT 0,
            next_steps_answer TEXT NOT NULL DEFAULT '',
            hear_back_asked INTEGER NOT NULL DEFAULT 0,
            hear_back_answer TEXT NOT NULL DEFAULT '',
            clarity_asked INTEGER NOT NULL DEFAULT 0,
            clarity_answer TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX evaluations_by_state ON evaluations (state);
        PRAGMA user_version = 2;
        """,
    )


@MIGRATIONS(name="0003_follow_ups")
def _follow_ups(db: Database) -> None:
    # `due` and `done` are wall-clock text in the user's calendar ("2026-11-27" or
    # "2026-11-27T16:00"): a follow-up planned for Friday stays on Friday in any zone.
    _run_script(
        db,
        """
        CREATE TABLE follow_ups (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            interview_id INTEGER NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            due TEXT,
            done TEXT,
            channel TEXT,
            contact TEXT NOT NULL DEFAULT '',
            reason TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            outcome TEXT,
            suggestion TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1,
            CHECK (due IS NOT NULL OR done IS NOT NULL)
        );
        CREATE INDEX follow_ups_planned ON follow_ups (due, id) WHERE done IS NULL;
        CREATE INDEX follow_ups_done ON follow_ups (done, id) WHERE done IS NOT NULL;
        CREATE INDEX follow_ups_by_interview ON follow_ups (interview_id, kind);
        CREATE INDEX follow_ups_planned_by_kind ON follow_ups (kind, due, id) WHERE done IS NULL;
        CREATE INDEX follow_ups_done_by_kind ON follow_ups (kind, done, id)
            WHERE done IS NOT NULL;
        CREATE INDEX interviews_by_feedback ON interviews (feedback_by, id)
            WHERE feedback_by IS NOT NULL;
        CREATE INDEX interviews_by_contact ON interviews (contact_from, id)
            WHERE contact_from IS NOT NULL;
        CREATE TABLE dismissed_suggestions (
            key TEXT PRIMARY KEY,
            dismissed_at TEXT NOT NULL
        );
        PRAGMA user_version = 3;
        """,
    )


@MIGRATIONS(name="0004_applications")
def _applications(db: Database) -> None:
    """Applications and people. Every interview becomes a round of the application with
    its company and role (case- and space-insensitive); everyone named as an interviewer
    or a contact becomes a person at that company."""
    _run_script(
        db,
        """
        CREATE TABLE applications (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            company TEXT NOT NULL COLLATE NOCASE,
            role TEXT NOT NULL DEFAULT '',
            match_key TEXT NOT NULL,
            job_ad_url TEXT NOT NULL DEFAULT '',
            job_ad_text TEXT NOT NULL DEFAULT '',
            source TEXT,
            source_note TEXT NOT NULL DEFAULT '',
            applied_on TEXT,
            location TEXT NOT NULL DEFAULT '',
            salary TEXT NOT NULL DEFAULT '',
            ended TEXT,
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX applications_by_key ON applications (match_key, id);
        CREATE INDEX applications_by_company ON applications (company, role, id);
        ALTER TABLE interviews ADD COLUMN application_id INTEGER REFERENCES applications (id);
        CREATE INDEX interviews_by_application ON interviews (application_id, starts_at, id);
        ALTER TABLE interviews ADD COLUMN round_label TEXT NOT NULL DEFAULT '';
        CREATE TABLE people (
            id INTEGER PRIMARY KEY,
            uuid TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL COLLATE NOCASE,
            match_key TEXT NOT NULL,
            role TEXT NOT NULL DEFAULT '',
            company TEXT NOT NULL DEFAULT '' COLLATE NOCASE,
            email TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            url TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            version INTEGER NOT NULL DEFAULT 1
        );
        CREATE INDEX people_by_key ON people (match_key, company);
        CREATE INDEX people_by_company ON people (company, name);
        PRAGMA user_version = 4;
        """,
    )
    from interview_journal.store.grouping import group_existing_rounds

    group_existing_rounds(db)


LATEST_VERSION = len(MIGRATIONS._migrations)
"""The schema number this version of the program writes."""
