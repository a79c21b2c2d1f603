"""Journals written by other versions: newer ones are refused untouched, older ones migrate.

The older journals are real files written by the store code of each earlier schema (see
tests/fixtures/schemas/README.md). Each is copied to a temporary folder and opened with
today's code, which must back it up to `<name>.before-schema-N.bak` (owner-only), migrate it
to the latest schema, and keep every interview, evaluation, entry and draft with the same
values, its rounds grouped into applications by company and role and its names made
people. A migration that fails part-way leaves the journal at the version it had before
the failing step, with the backup beside it, and a later run migrates it normally. A
format-1 export of the schema-3 journal imports to the journal that schema-3 file migrates to.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import json
import os
import shutil
import sqlite3
import stat
import subprocess
from dataclasses import fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlite_utils import Database

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import Application
from interview_journal.domain.evaluation import Applied, Evaluation
from interview_journal.domain.listing import InterviewQuery
from interview_journal.domain.model import Interview
from interview_journal.errors import StorageError
from interview_journal.services.exchange import parse_export
from interview_journal.services.export import ExportParts, write_json_export
from interview_journal.store import Journal, open_journal
from interview_journal.store import migrations as migrations_module
from interview_journal.store.database import APPLICATION_ID, NewerSchemaError, file_uri
from interview_journal.store.migrations import LATEST_VERSION, MIGRATIONS
from tests.cli.runner import fix_clock, real_program, run

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "schemas"
SCHEMAS = sorted(int(path.stem.removeprefix("schema-")) for path in FIXTURES.glob("schema-*.db"))
"""Every schema a journal on disk can have, one fixture each (the latest may be among them:
then it is a reference that must open unchanged)."""
OLDER = [v for v in SCHEMAS if v < LATEST_VERSION]
MIGRATION_NAMES = [migration.name for migration in MIGRATIONS._migrations]
RUN_TIMEOUT = 60.0
EXPORTED_AT = datetime(2026, 11, 25, 13, 5, tzinfo=UTC)
FORMAT_1 = FIXTURES / "format-1.json"
"""The export of `schema-3.db` by the last version that wrote format 1 (see the README)."""

# Fields the store owns (ids, timestamps, versions, where a round is filed): compared raw,
# not against the script.
STORE_OWNED = {"id", "uuid", "created_at", "updated_at", "version", "interview_id"}
STORE_OWNED |= {"application_id"}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_schema_fixture", FIXTURES / "make_schema_fixture.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SCRIPT = _load_script()
"""The script that wrote the fixtures: its values are what the journals must still hold."""


def written(version: int) -> list[Interview]:
    """The interviews the script wrote at `version`, in the order it added them."""
    extra = [SCRIPT.hooli_round(0)] if version >= 4 else []
    return [*SCRIPT.interviews(), *extra]


def evaluations_written(version: int, ids: list[int]) -> list[Evaluation]:
    """The evaluations the script wrote at `version` (with the lesson answered about, from
    schema 6)."""
    if version < 2:
        return []
    lesson = [SCRIPT.lesson_evaluation(ids)] if version >= 6 else []
    return [*SCRIPT.evaluations(ids), *lesson]


def application_written(version: int) -> Application:
    """The application made by hand (schema 4 on), with its takeaway from schema 6."""
    made: Application = SCRIPT.application()
    return made.with_changes(takeaway=SCRIPT.TAKEAWAY) if version >= 6 else made


# --- helpers --------------------------------------------------------------------------------


def fixture_file(version: int) -> Path:
    path = FIXTURES / f"schema-{version}.db"
    assert path.is_file(), f"missing fixture {path}; see {FIXTURES / 'README.md'}"
    return path


def raw_tables(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of every table (FTS shadow tables aside), read without touching the file."""
    connection = sqlite3.connect(file_uri(path, immutable="1"), uri=True)
    connection.row_factory = sqlite3.Row
    try:
        names = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'interviews_fts%' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        found = {}
        for name in names:
            order = "rowid" if name != "drafts" else "key"
            rows = connection.execute(f"SELECT * FROM [{name}] ORDER BY {order}")
            found[name] = [dict(row) for row in rows]
        return found
    finally:
        connection.close()


def header(path: Path) -> tuple[int, int]:
    """(user_version, application_id) as the file's header has them."""
    connection = sqlite3.connect(file_uri(path, immutable="1"), uri=True)
    try:
        return (
            connection.execute("PRAGMA user_version").fetchone()[0],
            connection.execute("PRAGMA application_id").fetchone()[0],
        )
    finally:
        connection.close()


def schema_sql(path: Path) -> dict[str, str]:
    """Every table, index and trigger of the schema, by name, as SQLite stores it."""
    connection = sqlite3.connect(file_uri(path, immutable="1"), uri=True)
    try:
        return {
            name: " ".join((sql or "").split())
            for name, sql in connection.execute(
                "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
            )
        }
    finally:
        connection.close()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def copy_fixture(version: int, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "journal.db"
    shutil.copyfile(fixture_file(version), target)
    target.chmod(0o600)
    return target


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def content(value: Any, skip: set[str]) -> dict[str, Any]:
    return {f.name: getattr(value, f.name) for f in fields(value) if f.name not in skip}


# --- newer journals -----------------------------------------------------------------------


@pytest.fixture
def newer_journal(journal_path: Path, clock: FixedClock) -> Path:
    """A journal whose header says schema 99: a future version wrote it."""
    with open_journal(journal_path, create=True) as journal:
        journal.add_interview(Interview(company="Initech", starts_at=clock.now()))
    connection = sqlite3.connect(journal_path)
    connection.execute("PRAGMA user_version = 99")
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    assert header(journal_path)[0] == 99
    assert listing(journal_path.parent) == ["journal.db"]
    return journal_path


def run_program(args: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ) | {"INTERVIEW_JOURNAL_TZ": "Europe/Stockholm"}
    env.pop("INTERVIEW_JOURNAL_DB", None)
    return real_program(args, env=env, cwd=cwd, timeout=RUN_TIMEOUT)


@pytest.mark.parametrize(
    "args",
    [["list"], [], ["--read-only"], ["add", "--company", "Hooli"], ["backup"], ["today"]],
    ids=["list", "tui", "tui-read-only", "add", "backup", "today"],
)
def test_a_newer_journal_is_refused_untouched(
    newer_journal: Path, tmp_path: Path, args: list[str]
) -> None:
    folder = newer_journal.parent
    before = sha256(newer_journal)
    result = run_program(["--db", newer_journal, *args], tmp_path)
    context = f"exit {result.returncode}\n{result.stderr}"
    assert result.returncode == 2, context
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, context
    assert lines[0].startswith("interview-journal: "), context
    assert "newer version" in lines[0], context
    assert "schema 99" in lines[0], context
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert sha256(newer_journal) == before
    assert listing(folder) == ["journal.db"], "a -wal, -shm or .bak was left beside it"


def test_a_newer_journal_is_refused_by_the_store_for_every_way_of_opening(
    newer_journal: Path,
) -> None:
    before = sha256(newer_journal)
    for options in ({}, {"create": True}, {"read_only": True}):
        with pytest.raises(NewerSchemaError, match="newer version"):
            open_journal(newer_journal, **options)
    assert sha256(newer_journal) == before
    assert listing(newer_journal.parent) == ["journal.db"]


# --- the fixtures are what the README says ------------------------------------------------


@pytest.mark.parametrize("version", SCHEMAS)
def test_each_fixture_is_a_journal_of_its_schema(version: int) -> None:
    path = fixture_file(version)
    assert header(path) == (version, APPLICATION_ID)
    tables = raw_tables(path)
    assert [m["name"] for m in tables["_sqlite_migrations"]] == MIGRATION_NAMES[:version]
    assert len(tables["interviews"]) == len(written(version))
    assert ("evaluations" in tables) == (version >= 2)
    assert ("follow_ups" in tables) == (version >= 3)
    assert ("applications" in tables) == ("people" in tables) == (version >= 4)
    for suffix in ("-wal", "-shm", "-journal"):
        assert not Path(f"{path}{suffix}").exists()


# --- older journals migrate -----------------------------------------------------------------


@pytest.mark.parametrize("version", OLDER)
def test_an_older_journal_is_backed_up_then_migrated_keeping_every_row(
    tmp_path: Path, version: int
) -> None:
    path = copy_fixture(version, tmp_path / "data")
    before_rows = raw_tables(path)
    before_hash = sha256(path)

    journal = open_journal(path)
    journal.close()

    assert header(path) == (LATEST_VERSION, APPLICATION_ID)
    after_rows = raw_tables(path)
    assert [m["name"] for m in after_rows["_sqlite_migrations"]] == MIGRATION_NAMES
    for table, rows in before_rows.items():
        if table == "_sqlite_migrations":
            assert after_rows[table][: len(rows)] == rows
        else:  # columns may be added; what was there stays as it was
            names = list(rows[0]) if rows else []
            kept = [{name: row[name] for name in names} for row in after_rows[table]]
            assert kept == rows, f"{table} changed in the migration"
    if version < 4:  # the step that files every round under an application
        assert all(row["application_id"] for row in after_rows["interviews"])
        assert {row["round_label"] for row in after_rows["interviews"]} == {""}

    backup = path.with_name(f"journal.db.before-schema-{version + 1}.bak")
    assert listing(path.parent) == ["journal.db", backup.name]
    assert mode(backup) == 0o600
    assert mode(path) == 0o600
    assert header(backup) == (version, APPLICATION_ID)
    assert raw_tables(backup) == before_rows
    assert before_hash != sha256(path)


@pytest.mark.parametrize("version", SCHEMAS)
def test_every_value_reads_back_through_todays_code(tmp_path: Path, version: int) -> None:
    path = copy_fixture(version, tmp_path / "data")
    with open_journal(path) as journal:
        expected = written(version)
        page = journal.page_interviews(
            InterviewQuery(now=FixedClock("2026-11-25T14:05:00", "Europe/Stockholm").now()),
            None,
            100,
        )
        assert journal.count_interviews() == len(expected)
        saved = sorted(page.interviews, key=lambda i: i.id or 0)
        for interview, wanted in zip(saved, expected, strict=True):
            assert content(interview, STORE_OWNED) == content(wanted, STORE_OWNED)
            assert interview == journal.get_interview(interview.id or 0)
        ids = [i.id or 0 for i in saved]
        assert journal.load_draft(SCRIPT.DRAFT_KEY) == SCRIPT.DRAFT

        evaluations = evaluations_written(version, ids)
        for interview_id in ids:
            found = journal.get_evaluation(interview_id)
            wanted_evaluation = next(
                (e for e in evaluations if e.interview_id == interview_id), None
            )
            if wanted_evaluation is None:
                assert found is None
            else:
                assert found is not None
                assert content(found, STORE_OWNED) == content(wanted_evaluation, STORE_OWNED)

        entries = SCRIPT.entries(ids) if version >= 3 else []
        found_entries = [e for i in ids for e in journal.entries_for(i)]
        assert [content(e, STORE_OWNED) for e in found_entries] == [
            content(e, STORE_OWNED) for e in entries
        ]
        dismissed = [row["key"] for row in journal.dismissed_suggestions()]
        assert dismissed == ([SCRIPT.DISMISSED] if version >= 3 else [])


@pytest.mark.parametrize("version", [v for v in OLDER if v >= 6])
def test_what_schema_6_added_is_kept_and_its_interviews_take_the_usual_length(
    tmp_path: Path, version: int
) -> None:
    """The answer about last time's lesson (and which interview it came from) and an
    application's takeaway come through the migration to schema 7; every interview written
    before it has no length of its own, so it lasts the usual length."""
    path = copy_fixture(version, tmp_path / "data")
    with open_journal(path) as journal:
        ids = [row["id"] for row in journal.db.query("SELECT id FROM interviews ORDER BY id")]
        answered = journal.get_evaluation(ids[4])
        assert answered is not None
        assert (answered.lesson_applied, answered.lesson_from) == (Applied.PARTLY, ids[0])
        lesson = journal.lesson_of(ids[0])
        assert lesson is not None and lesson.text == "Prepare two stories per key point."
        (hooli,) = journal.applications.matching("Hooli", "Site Reliability Engineer")
        assert hooli.takeaway == SCRIPT.TAKEAWAY
        for number in ids:
            interview = journal.get_interview(number)
            assert interview.length_minutes is None
            assert interview.ends_at() - interview.starts_at == timedelta(hours=1)


def applications_of(journal: Journal) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    """Each application (company, role) with its rounds (company, role, start), in the
    order they were made."""
    ids = [row["id"] for row in journal.db.query("SELECT id FROM applications ORDER BY id")]
    return [
        (
            journal.applications.get(number).company,
            journal.applications.get(number).role,
            [
                (r.company, r.role, r.starts_at.isoformat())
                for r in journal.applications.rounds(number)
            ],
        )
        for number in ids
    ]


@pytest.mark.parametrize("version", SCHEMAS)
def test_the_rounds_are_grouped_into_applications_and_the_names_made_people(
    tmp_path: Path, version: int
) -> None:
    """Two roles at Initech are two applications; the Backend Developer typed again as
    "INITECH", "backend   developer " is a second round of the first one. Everyone named
    as an interviewer or a contact is a person at that company, once."""
    path = copy_fixture(version, tmp_path / "data")
    interviews = SCRIPT.interviews()
    expected = [
        (
            company,
            role,
            [(i.company, i.role, i.starts_at.isoformat()) for i in (interviews[n] for n in places)],
        )
        for (company, role), places in SCRIPT.GROUPS.items()
    ]
    with open_journal(path) as journal:
        found = applications_of(journal)
        people = journal.people.listed()
        hooli = journal.applications.matching("hooli", "site reliability engineer")
    if version < 4:  # filed by the migration, in the order the first rounds were held
        assert found == expected
    else:  # filed as each round was saved: the same groups, in the order they were added
        hooli_round = SCRIPT.hooli_round(0)
        by_hand = (
            "Hooli",
            "Site Reliability Engineer",
            [("Hooli", hooli_round.role, hooli_round.starts_at.isoformat())],
        )
        assert sorted(found) == sorted([*expected, by_hand])
        (application,) = hooli
        assert content(application, STORE_OWNED) == content(
            application_written(version), STORE_OWNED
        )
    named = {(p.name, p.company) for p in people}
    assert len(named) == len(people), "someone was made a person twice"
    assert named - {("Gavin Belson", "Hooli")} == {
        (name, company) for name, company, _ in SCRIPT.PEOPLE
    }
    if version < 4:
        assert {(p.name, p.company, p.role) for p in people} == SCRIPT.PEOPLE
    else:
        (gavin,) = [p for p in people if p.company == "Hooli"]
        assert content(gavin, STORE_OWNED) == content(SCRIPT.person(), STORE_OWNED)
    first = next(a for a in found if a[1] == "Backend Developer")
    assert len(first[2]) == 2


def _same_journal_text(journal: Journal) -> dict[str, Any]:
    """The journal's format-2 export with what differs between two journals of the same
    content put aside: the uuids of applications and people (rounds name their
    application by its place instead) and the moment each person was recorded."""
    buffer = io.StringIO()
    write_json_export(ExportParts(journal), EXPORTED_AT, buffer.write)
    data: dict[str, Any] = json.loads(buffer.getvalue())
    places = {application.pop("uuid"): n for n, application in enumerate(data["applications"])}
    for interview in data["interviews"]:
        interview["application"] = places[interview["application"]]
    for person in data["people"]:
        for name in ("uuid", "created_at", "updated_at"):
            del person[name]
    data["people"].sort(key=lambda person: (person["company"], person["name"]))
    return data


def test_a_format_1_file_imports_to_the_journal_its_schema_3_journal_migrates_to(
    tmp_path: Path,
) -> None:
    migrated = copy_fixture(3, tmp_path / "old")
    with open_journal(migrated) as journal:
        expected = _same_journal_text(journal)
        grouped = applications_of(journal)
    with open_journal(tmp_path / "new" / "journal.db", create=True) as journal:
        report = journal.import_plan(parse_export(FORMAT_1.read_text(encoding="utf-8")))
        assert report.added["applications"] == len(SCRIPT.GROUPS)
        assert report.added["people"] == len(SCRIPT.PEOPLE)
        assert applications_of(journal) == grouped
        assert _same_journal_text(journal) == expected
        again = journal.import_plan(parse_export(FORMAT_1.read_text(encoding="utf-8")))
        assert not any(again.added.values()), "importing the same file again added something"
        assert _same_journal_text(journal) == expected


@pytest.mark.parametrize("version", OLDER)
def test_a_migrated_journal_has_exactly_the_schema_of_a_new_one(
    tmp_path: Path, version: int
) -> None:
    migrated = copy_fixture(version, tmp_path / "old")
    open_journal(migrated).close()
    fresh = tmp_path / "new" / "journal.db"
    open_journal(fresh, create=True).close()
    assert schema_sql(migrated) == schema_sql(fresh)


@pytest.mark.parametrize("version", OLDER)
def test_a_migrated_journal_takes_new_kinds_of_data(tmp_path: Path, version: int) -> None:
    """What the newer schema added (evaluations, follow-ups) works on the migrated file, and
    the full-text search still finds what the old version wrote."""
    from interview_journal.domain.timeline import Entry, EntryKind, When

    path = copy_fixture(version, tmp_path / "data")
    now = FixedClock("2026-11-25T14:05:00", "Europe/Stockholm").now()
    with open_journal(path) as journal:
        third = journal.add_interview(Interview(company="Vandelay", starts_at=now))
        assert third.id == len(written(version)) + 1
        journal.save_evaluation(Evaluation(third.id, went_well="New after the migration."))
        journal.add_entry(
            Entry(interview_id=1, kind=EntryKind.NOTE, done=When(now.date()), note="Called")
        )
        found = journal.page_interviews(InterviewQuery(now=now, search="TPS"), None, 10)
        assert [i.company for i in found.interviews] == ["Initech"]
        found = journal.page_interviews(InterviewQuery(now=now, search="alesund"), None, 10)
        assert [i.company for i in found.interviews] == ["Ålesund Fisk & Data"]
    with open_journal(path) as journal:
        assert journal.count_interviews() == len(written(version)) + 1
        assert "Called" in [e.note for e in journal.entries_for(1)]
        assert journal.get_interview(third.id).application_id is not None


def test_the_current_schema_opens_without_a_backup_or_a_change(tmp_path: Path) -> None:
    """A journal of today's schema (its fixture when there is one, else one made now)."""
    if LATEST_VERSION in SCHEMAS:
        path = copy_fixture(LATEST_VERSION, tmp_path / "data")
    else:
        path = tmp_path / "data" / "journal.db"
        with open_journal(path, create=True) as journal:
            for interview in SCRIPT.interviews():
                journal.add_interview(interview)
    before = raw_tables(path)
    open_journal(path).close()
    assert listing(path.parent) == ["journal.db"]
    assert raw_tables(path) == before
    assert header(path) == (LATEST_VERSION, APPLICATION_ID)


@pytest.mark.parametrize("version", OLDER)
def test_the_command_line_migrates_an_older_journal_and_lists_it(
    tmp_path: Path, version: int
) -> None:
    path = copy_fixture(version, tmp_path / "data")
    result = run_program(["--db", path, "list", "--sort", "company"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    rows = len(written(version))
    assert len(result.stdout.splitlines()) == 1 + rows, result.stdout  # a header and the rows
    for name in ("Initech", "Ålesund Fisk & Data", "Globex"):
        assert name in result.stdout
    assert header(path)[0] == LATEST_VERSION
    assert listing(path.parent) == ["journal.db", f"journal.db.before-schema-{version + 1}.bak"]


@pytest.mark.parametrize("version", OLDER)
def test_migrating_twice_from_the_same_file_gives_the_same_result(
    tmp_path: Path, version: int
) -> None:
    """A stale backup from an earlier attempt is replaced, not kept beside a wrong one."""
    path = copy_fixture(version, tmp_path / "data")
    backup = path.with_name(f"journal.db.before-schema-{version + 1}.bak")
    backup.write_bytes(b"left over from an attempt that was interrupted")
    open_journal(path).close()
    assert header(backup) == (version, APPLICATION_ID)
    assert raw_tables(backup) == raw_tables(fixture_file(version))
    assert mode(backup) == 0o600


# --- a migration that fails -------------------------------------------------------------------


class FailingStep:
    """Makes one migration step fail half-way, only inside the test that asks for it.

    The step does real work first (a table, a row, a new user_version, every company
    overwritten), then fails the way a full disk fails: if it were not rolled back as one,
    the half-done work would be visible in the file.
    """

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.monkeypatch = monkeypatch
        self.original = list(MIGRATIONS._migrations)
        self.ran = 0

    def _fail(self, db: Database) -> None:
        self.ran += 1
        migrations_module._run_script(
            db,
            """
            CREATE TABLE half_done (id INTEGER PRIMARY KEY);
            INSERT INTO half_done (id) VALUES (1);
            PRAGMA user_version = 99;
            UPDATE interviews SET company = 'CLOBBERED';
            """,
        )
        raise sqlite3.OperationalError("database or disk is full")

    def after(self, version: int) -> None:
        """Steps up to `version` are the real ones; the next one fails."""
        step = MIGRATIONS._Migration(f"{version + 1:04}_failing", self._fail)
        self.monkeypatch.setattr(MIGRATIONS, "_migrations", [*self.original[:version], step])

    def fixed(self) -> None:
        """The next version of the program, whose step works."""
        self.monkeypatch.setattr(MIGRATIONS, "_migrations", self.original)


@pytest.fixture
def failing_step(monkeypatch: pytest.MonkeyPatch) -> FailingStep:
    return FailingStep(monkeypatch)


@pytest.mark.parametrize("version", SCHEMAS)
def test_a_failing_migration_leaves_the_previous_version_and_the_backup(
    tmp_path: Path, version: int, failing_step: FailingStep
) -> None:
    failing_step.after(version)  # the step from `version` to `version + 1` fails
    path = copy_fixture(version, tmp_path / "data")
    before = raw_tables(path)

    with pytest.raises(StorageError) as caught:
        open_journal(path)

    assert failing_step.ran == 1
    message = caught.value.message
    assert str(path) in message
    assert "\n" not in message
    assert header(path) == (version, APPLICATION_ID), "the failed step was not rolled back"
    assert raw_tables(path) == before
    assert "half_done" not in schema_sql(path)
    backup = path.with_name(f"journal.db.before-schema-{version + 1}.bak")
    assert listing(path.parent) == ["journal.db", backup.name], "-wal/-shm left behind"
    assert mode(backup) == 0o600
    assert header(backup) == (version, APPLICATION_ID)
    assert raw_tables(backup) == before


def test_after_a_failed_migration_the_next_run_migrates_normally(
    tmp_path: Path, failing_step: FailingStep
) -> None:
    path = copy_fixture(1, tmp_path / "data")
    failing_step.after(2)  # 0002 runs and commits, the third step fails
    with pytest.raises(StorageError):
        open_journal(path)
    assert header(path)[0] == 2, "each step is committed on its own"
    assert listing(path.parent) == ["journal.db", "journal.db.before-schema-2.bak"]

    failing_step.fixed()
    with open_journal(path) as journal:
        assert journal.count_interviews() == len(SCRIPT.interviews())
        assert journal.get_interview(1).company == "Initech"
    assert header(path)[0] == LATEST_VERSION
    assert listing(path.parent) == [
        "journal.db",
        "journal.db.before-schema-2.bak",
        "journal.db.before-schema-3.bak",
    ]
    assert header(path.with_name("journal.db.before-schema-3.bak"))[0] == 2


def test_a_failing_migration_is_one_line_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_step: FailingStep
) -> None:
    failing_step.after(1)
    path = copy_fixture(1, tmp_path / "data")
    before = sha256(path)
    fix_clock(monkeypatch, FixedClock("2026-11-25T14:05:00", "Europe/Stockholm"))
    result = run("--db", path, "list")
    assert result.exit_code == 2, (result.output, result.exception)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"interview-journal: {path}")
    assert result.stdout == ""
    assert header(path)[0] == 1
    assert sha256(path) == before
    assert listing(path.parent) == ["journal.db", "journal.db.before-schema-2.bak"]


def test_a_backup_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    path = copy_fixture(1, tmp_path / "data")
    (path.parent / "journal.db.before-schema-2.bak").mkdir()  # in the way of the backup
    before = sha256(path)
    result = run_program(["--db", path, "list"], tmp_path)
    assert sha256(path) == before
    assert header(path)[0] == 1
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 2
    assert result.stderr.startswith("interview-journal: ")


# --- read-only and an older schema --------------------------------------------------------


@pytest.mark.parametrize("version", OLDER)
def test_an_older_journal_opened_read_only_is_refused_or_readable(
    tmp_path: Path, version: int
) -> None:
    path = copy_fixture(version, tmp_path / "data")
    before = sha256(path)
    now = FixedClock("2026-11-25T14:05:00", "Europe/Stockholm").now()
    try:
        journal = open_journal(path, read_only=True)
    except StorageError as refused:  # refusing in one sentence is fine too
        assert str(path) in refused.message
        return
    try:
        page = journal.page_interviews(InterviewQuery(now=now), None, 10)
        assert len(page.interviews) == len(written(version))
        journal.needs_attention(now)
        journal.get_evaluation(1)
    finally:
        journal.close()
        assert sha256(path) == before
