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
    from interview_journal.store.grouping import file_unfiled_rounds

    file_unfiled_rounds(db)


_WORDS = """
    SELECT i.id AS id,
        i.company AS company, i.role AS role, i.round_label AS round_label,
        i.people AS people, i.location AS location, i.notes AS notes,
        a.job_ad_text AS job_ad, a.notes AS application_notes, a.source_note AS source_note,
        a.location AS application_location, a.salary AS salary,
        (SELECT group_concat(trim(p.role || ' ' || p.notes), char(10)) FROM (
            SELECT DISTINCT p.id, p.role, p.notes FROM people p
            WHERE p.company = i.company AND (p.role != '' OR p.notes != '') AND (
                instr(lower(i.interviewers), lower('"name": ' || json_quote(p.name))) > 0
                OR p.name IN (SELECT trim(f.contact) FROM follow_ups f
                    WHERE f.interview_id = i.id))
            ORDER BY p.id) p) AS people_notes,
        replace(replace(replace(replace(e.key_points, '{"text": ', ''), ', "made": true}', ''),
            ', "made": false}', ''), ', "made": null}', '')
            AS key_points,
        e.went_well AS went_well, e.to_improve AS to_improve, e.differently AS differently,
        e.lesson AS lesson, e.about_employer AS about_employer, e.role_note AS role_note,
        e.accurate_note AS accurate_note, e.next_steps_answer AS next_steps,
        e.hear_back_answer AS hear_back, e.clarity_answer AS clarity,
        (SELECT group_concat(f.reason, char(10)) FROM (SELECT reason FROM follow_ups
            WHERE interview_id = i.id AND reason != '' ORDER BY id) f) AS follow_up_reasons,
        (SELECT group_concat(f.note, char(10)) FROM (SELECT note FROM follow_ups
            WHERE interview_id = i.id AND note != '' ORDER BY id) f) AS follow_up_notes,
        (SELECT group_concat(f.contact, char(10)) FROM (SELECT contact FROM follow_ups
            WHERE interview_id = i.id AND contact != '' ORDER BY id) f) AS follow_up_contacts
    FROM interviews i
    LEFT JOIN applications a ON a.id = i.application_id
    LEFT JOIN evaluations e ON e.interview_id = i.id
"""
"""One document per interview: every word written about it, its application (a job ad
matches each of its rounds), the people met in it, its evaluation and its follow-ups."""

_WORD_COLUMNS = (
    "company, role, round_label, people, location, notes, job_ad, application_notes, "
    "source_note, application_location, salary, people_notes, key_points, went_well, "
    "to_improve, differently, lesson, about_employer, role_note, accurate_note, next_steps, "
    "hear_back, clarity, follow_up_reasons, follow_up_notes, follow_up_contacts"
)

_WORD_SOURCES = {
    # table: (the columns whose change changes a document, the documents it touches)
    "interviews": (
        "company, role, round_label, people, location, notes, interviewers, application_id",
        "SELECT {row}.id",
    ),
    "applications": (
        "job_ad_text, notes, source_note, location, salary",
        "SELECT id FROM interviews WHERE application_id = {row}.id",
    ),
    "evaluations": (
        "key_points, went_well, to_improve, differently, lesson, about_employer, role_note, "
        "accurate_note, next_steps_answer, hear_back_answer, clarity_answer, interview_id",
        "SELECT {row}.interview_id",
    ),
    "follow_ups": ("reason, note, contact, interview_id", "SELECT {row}.interview_id"),
    "people": (
        "name, company, role, notes",
        "SELECT i.id FROM interviews i WHERE i.company = {row}.company AND ("
        "instr(lower(i.interviewers), lower('\"name\": ' || json_quote({row}.name))) > 0 "
        "OR EXISTS (SELECT 1 FROM follow_ups f WHERE f.interview_id = i.id "
        "AND trim(f.contact) = {row}.name COLLATE NOCASE))",
    ),
}


def _word_triggers(table: str, columns: str, touched: str) -> str:
    """Before a change, take out the documents it touches (read while they still say what
    was indexed); after it, put them back as they now read. An external-content index
    must be told the exact old words, and the view gives them only before the change."""
    forget = (
        "INSERT INTO interviews_fts (interviews_fts, rowid, {cols}) "
        "SELECT 'delete', id, {cols} FROM interview_words WHERE id IN ({ids}) "
        "AND id IN (SELECT id FROM interviews_fts_docsize);"
    )
    learn = (
        "INSERT INTO interviews_fts (rowid, {cols}) SELECT id, {cols} FROM interview_words "
        "WHERE id IN ({ids}) AND id NOT IN (SELECT id FROM interviews_fts_docsize);"
    )
    events = {
        "insert": ("INSERT", ["new"]),
        "update": (f"UPDATE OF {columns}", ["old", "new"]),
        "delete": ("DELETE", ["old"]),
    }
    script = []
    for name, (event, rows) in events.items():
        ids = " UNION ".join(touched.format(row=row) for row in rows)
        for when, action in (("before", forget), ("after", learn)):
            body = action.format(cols=_WORD_COLUMNS, ids=ids)
            script.append(
                f"CREATE TRIGGER {table}_words_{when}_{name} {when.upper()} {event} "
                f"ON {table} BEGIN {body} END;"
            )
    return "\n".join(script)


@MIGRATIONS(name="0005_search_every_word")
def _search_every_word(db: Database) -> None:
    """The search index reaches every word the user wrote about an interview, not only
    the five fields of the interview itself. Its one- and two-letter prefix indexes keep
    the first keys typed fast (a "t" reads one list instead of merging every word with
    a t: 17 ms instead of 100 at 100,000 interviews)."""
    triggers = "\n".join(
        _word_triggers(table, columns, touched)
        for table, (columns, touched) in _WORD_SOURCES.items()
    )
    _run_script(
        db,
        f"""
        DROP TRIGGER interviews_fts_insert;
        DROP TRIGGER interviews_fts_delete;
        DROP TRIGGER interviews_fts_update;
        DROP TABLE interviews_fts;
        CREATE VIEW interview_words AS {_WORDS};
        CREATE VIRTUAL TABLE interviews_fts USING fts5 (
            {_WORD_COLUMNS},
            content = 'interview_words', content_rowid = 'id',
            tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2'
        );
        INSERT INTO interviews_fts (interviews_fts) VALUES ('rebuild');
        {triggers}
        PRAGMA user_version = 5;
        """,
    )


@MIGRATIONS(name="0006_insights")
def _insights(db: Database) -> None:
    """What Insights reads back: whether the lesson shown at an evaluation was applied
    (and whose lesson it was), and what the user takes from an application that ended.
    The indexes let the funnel read per source, and deleting an interview find the answers
    that named its lesson (49 ms a delete at 100,000 interviews without it, 1.6 with)."""
    _run_script(
        db,
        """
        ALTER TABLE evaluations ADD COLUMN lesson_applied TEXT
            CHECK (lesson_applied IN ('yes', 'partly', 'no'));
        ALTER TABLE evaluations ADD COLUMN lesson_from INTEGER
            REFERENCES interviews (id) ON DELETE SET NULL;
        ALTER TABLE applications ADD COLUMN takeaway TEXT NOT NULL DEFAULT '';
        CREATE INDEX applications_by_source ON applications (source, id);
        CREATE INDEX evaluations_by_lesson_from ON evaluations (lesson_from)
            WHERE lesson_from IS NOT NULL;
        PRAGMA user_version = 6;
        """,
    )


@MIGRATIONS(name="0007_reminders")
def _reminders(db: Database) -> None:
    """What reminders need: how long an interview lasts (NULL: the configured length),
    what `notify` has already said today (once per item per day), and the journal's own
    settings, such as the calendar file it keeps current (a path belongs to this journal,
    not to every journal the config file is read for)."""
    _run_script(
        db,
        """
        ALTER TABLE interviews ADD COLUMN length_minutes INTEGER
            CHECK (length_minutes BETWEEN 5 AND 1440);
        CREATE TABLE notified (
            item TEXT NOT NULL,
            day TEXT NOT NULL,
            notified_at TEXT NOT NULL,
            PRIMARY KEY (item, day)
        );
        CREATE TABLE journal_settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        PRAGMA user_version = 7;
        """,
    )


LATEST_VERSION = len(MIGRATIONS._migrations)
"""The schema number this version of the program writes."""
