"""A journal with a damaged page: said in one line, read as far as it goes, never written
into, and copied out by `recover`.

Each case builds a real journal of a few hundred demo interviews (with their evaluations
and timeline entries), closes it so the file alone holds everything, and damages it the
way a failing disk or a bad copy does: one page-sized block of random bytes over a whole
page past the first (the page and the bytes chosen by a seed), or the header's fixed
fields overwritten. Then:

- every command that reads prints at most one line on stderr and never a traceback; a
  command that fails names the damage and `recover`;
- `add`, `import`, `edit`, `delete` and `follow-up add` refuse with that line, and the
  file is byte-for-byte what it was;
- the TUI says the journal is damaged, stays up, and refuses its forms;
- `recover` copies every row the damage did not take (compared with the rows before the
  damage, page by page: a damaged index or search-index page loses nothing, a damaged
  leaf loses at most the rows on it), into a journal that passes `integrity_check`,
  opens in the app, and takes an old export back in by uuid.

What a page held is read from the undamaged copy with SQLite's `dbstat` table.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import random
import shutil
import sqlite3
import stat
import struct
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from textual.worker import WorkerFailed

from interview_journal.cli import cli
from interview_journal.dates import FixedClock
from interview_journal.domain.model import Interview
from interview_journal.errors import DamagedJournalError
from interview_journal.services import demo
from interview_journal.services.exchange import write_json
from interview_journal.store import open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.interviews import InterviewsScreen
from tests.cli.runner import fix_clock
from tests.conftest import NOW, ZONE
from tests.ui.helpers import AnyPilot, settle, text_of, toasts

INTERVIEWS = 300
"""Demo interviews, plus one whose notes are too long for a page (they overflow)."""
LONG_NOTES = "Read the annual report, then the engineering blog, then the job ad again. " * 150
DATA_TABLES = (
    "applications",
    "people",
    "interviews",
    "evaluations",
    "follow_ups",
    "drafts",
    "dismissed_suggestions",
)
"""The tables `recover` copies (the new journal keeps its own migration records)."""
CHILD_TABLES = ("evaluations", "follow_ups")
"""Rows that belong to an interview: kept only when their interview could be read."""

SEEDS = (1, 3, 5, 6, 9, 12, 16, 21)
"""Seeds for a random page (past the first, not the schema's: see
`test_a_damaged_schema_page_is_refused...`) and random bytes over it. Which table or
index a seed lands on moves as the journal grows (a new column, more demo data), so the
expectations follow from what the page held, never from the seed."""
MORE_SEEDS = (13, 14, 18, 20, 22, 23)
"""More of the same for `recover` alone (it takes a fraction of a second)."""

RUN_TIMEOUT = 60.0
"""Seconds a command may take in a subprocess (a cold start on a loaded machine)."""


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    return fix_clock(monkeypatch, FixedClock(NOW, ZONE))


# --- the journal before the damage ----------------------------------------------------


@dataclass(frozen=True)
class PageInfo:
    name: str
    """The b-tree the page belongs to (a table, an index, a search-index table)."""
    kind: str
    """'internal', 'leaf' or 'overflow' (dbstat's words)."""
    rows_under: int
    """Cells on this page and on every page below it in its b-tree."""


@dataclass(frozen=True)
class Pristine:
    path: Path
    export: Path
    """A JSON export made before the damage (what a user has from last month)."""
    rows: dict[str, dict[int, tuple[Any, ...]]]
    """Every row of every data table, by rowid."""
    pages: dict[int, PageInfo]
    owners: dict[str, str]
    """Index (and search-index table) name -> the table it belongs to."""
    page_size: int
    page_count: int


def _rows(path: Path) -> dict[str, dict[int, tuple[Any, ...]]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        found = {}
        for table in DATA_TABLES:
            columns = [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
            select = ", ".join(f'"{name}"' for name in columns)
            found[table] = {
                row[0]: tuple(row[1:])
                for row in connection.execute(f"SELECT rowid, {select} FROM {table}")
            }
        return found
    finally:
        connection.close()


def _pages(path: Path) -> tuple[dict[int, PageInfo], dict[str, str]]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        stats = connection.execute(
            "SELECT pageno, name, pagetype, path, ncell FROM dbstat"
        ).fetchall()
        owners: dict[str, str] = dict(
            connection.execute("SELECT name, tbl_name FROM sqlite_master")
        )
    finally:
        connection.close()
    pages = {}
    for pageno, name, kind, where, _cells in stats:
        under = sum(
            cells
            for _p, other, other_kind, other_where, cells in stats
            if other == name and other_kind == "leaf" and other_where.startswith(where)
        )
        pages[pageno] = PageInfo(name, kind, under if kind != "overflow" else 1)
    for name in list(owners):
        if name.startswith("interviews_fts"):
            owners[name] = "interviews_fts"
    return pages, owners


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    folder = tmp_path_factory.mktemp("pristine")
    path = folder / "journal.db"
    clock = FixedClock(NOW, ZONE)
    journal = open_journal(path, create=True)
    try:
        journal.add_many(demo.sample_journal(INTERVIEWS, clock.now(), time_zone=ZONE))
        journal.add_interview(
            Interview(company="Overflow AB", starts_at=clock.now(), notes=LONG_NOTES)
        )
        journal.save_draft("interview:new", {"company": "Draft Co", "notes": "half typed"})
        journal.dismiss_suggestion("thank-you:1")
        export = folder / "export.json"
        with export.open("w", encoding="utf-8") as handle:
            write_json(
                journal.records(), journal.dismissed_suggestions(), clock.now(), handle.write
            )
    finally:
        journal.close()
    assert not Path(f"{path}-wal").exists(), "closing folds the WAL back into the file"
    pages, owners = _pages(path)
    (page_size,) = struct.unpack(">H", path.read_bytes()[16:18])
    return Pristine(
        path=path,
        export=export,
        rows=_rows(path),
        pages=pages,
        owners=owners,
        page_size=page_size,
        page_count=path.stat().st_size // page_size,
    )


# --- damage -------------------------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damaged_copy(pristine: Pristine, folder: Path, page: int, seed: int) -> Path:
    """The journal with `page` (1-based) overwritten by random bytes from `seed`."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / "journal.db"
    shutil.copyfile(pristine.path, path)
    path.chmod(0o600)
    rng = random.Random(seed)
    with path.open("r+b") as handle:
        handle.seek((page - 1) * pristine.page_size)
        handle.write(rng.randbytes(pristine.page_size))
    return path


def random_page(pristine: Pristine, seed: int) -> int:
    """A page past the first, never one of the schema's: a damaged schema is refused
    outright (its own test), whatever else the journal holds."""
    schema = {page for page, info in pristine.pages.items() if info.name == "sqlite_schema"}
    pages = [page for page in range(2, pristine.page_count + 1) if page not in schema]
    return random.Random(seed).choice(pages)


def damaged_by_seed(pristine: Pristine, folder: Path, seed: int) -> tuple[Path, int]:
    page = random_page(pristine, seed)
    return damaged_copy(pristine, folder, page, seed * 7919), page


def damaged_header(pristine: Pristine, folder: Path) -> Path:
    """The header's page size, format versions and payload fractions overwritten (its
    first 16 bytes and the application id are intact: it still says it is a journal)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    path = folder / "journal.db"
    data = bytearray(pristine.path.read_bytes())
    data[16:24] = random.Random(99).randbytes(8)
    (page_size,) = struct.unpack(">H", data[16:18])
    assert page_size & (page_size - 1), "the seed must give a page size SQLite refuses"
    path.write_bytes(bytes(data))
    path.chmod(0o600)
    return path


def page_of(pristine: Pristine, kind: str, name: str, index: int = 0) -> int:
    """A page of b-tree `name` of `kind` (the `index`-th one, in page order)."""
    found = sorted(
        p for p, info in pristine.pages.items() if info.name == name and info.kind == kind
    )
    assert found, (kind, name)
    return found[index]


# --- running the command ------------------------------------------------------------------


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)


def assert_at_most_one_line(result: Result, *, command: tuple[str, ...]) -> None:
    """No traceback, at most one line on stderr; a failure names the damage and `recover`."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        command,
        repr(result.exception),
    )
    assert "Traceback" not in result.output, command
    lines = result.stderr.strip().splitlines()
    assert len(lines) <= 1, (command, result.stderr)
    if result.exit_code != 0:
        assert lines, command
        assert_damage_line(lines[0], command=command)


def assert_damage_line(line: str, *, command: object) -> None:
    assert line.startswith("interview-journal: "), (command, line)
    assert "is damaged" in line, (command, line)
    assert "interview-journal recover" in line, (command, line)


READ_COMMANDS: tuple[tuple[str, ...], ...] = (
    ("list",),
    ("list", "--json", "-n", "500"),
    ("list", "--sort", "company", "-n", "500"),
    ("list", "--search", "Initech"),
    ("show", "1"),
    ("show", "150", "--json"),
    ("show", "299"),
    ("timeline",),
    ("timeline", "--json", "-n", "2000"),
    ("today",),
    ("today", "--json"),
    ("prep", "200"),
    ("export", "--format", "json"),
    ("export", "--format", "markdown"),
    ("export", "--format", "csv", "--table", "follow-ups"),
    ("export", "--format", "ics"),
)


def write_commands(pristine: Pristine) -> tuple[tuple[str, ...], ...]:
    return (
        ("add", "--company", "Acme", "--when", "tomorrow 10:00"),
        ("import", str(pristine.export)),
        ("edit", "1", "--role", "Staff engineer"),
        ("edit", "250", "--notes", "Bring the portfolio."),
        ("delete", "2", "--yes"),
        ("follow-up", "add", "3", "--kind", "note", "--due", "fri", "--yes"),
    )


# --- reading and writing a damaged journal -------------------------------------------------


def check_the_command_line(pristine: Pristine, path: Path, *, header: bool) -> None:
    """Every reading command (also with --read-only), then every writing one."""
    before = sha256(path)
    for flags in ((), ("--read-only",)):
        for command in READ_COMMANDS:
            result = run("--db", path, *flags, *command)
            assert_at_most_one_line(result, command=(*flags, *command))
            if header:
                assert result.exit_code == 2, (command, result.output)
                assert "file is not a database" in result.stderr, result.stderr
            assert sha256(path) == before, command
    for command in write_commands(pristine):
        result = run("--db", path, *command)
        assert result.exit_code == 2, (command, result.output)
        assert_at_most_one_line(result, command=command)
        assert sha256(path) == before, command
    for side in ("-wal", "-shm"):
        assert not Path(f"{path}{side}").exists(), "the folder is left as it was found"


@pytest.mark.parametrize("seed", SEEDS)
def test_the_command_line_reads_in_one_line_and_never_writes(
    pristine: Pristine, tmp_path: Path, seed: int
) -> None:
    """Reads work as far as the file allows, a failure is one line naming the damage and
    `recover`; every write is refused with that line and the bytes stay as they were,
    wherever the damaged page is (a write that would touch no damaged page included)."""
    path, _page = damaged_by_seed(pristine, tmp_path / "j", seed)
    check_the_command_line(pristine, path, header=False)


def test_the_command_line_on_a_damaged_header(pristine: Pristine, tmp_path: Path) -> None:
    path = damaged_header(pristine, tmp_path / "j")
    check_the_command_line(pristine, path, header=True)


def test_the_store_refuses_a_write_wherever_the_damage_is(
    pristine: Pristine, tmp_path: Path
) -> None:
    """A write that touches no damaged page is refused all the same: the first write of
    a session checks the whole file (`quick_check`) before it."""
    path = damaged_copy(pristine, tmp_path / "j", page_of(pristine, "leaf", "follow_ups", 3), 1)
    before = sha256(path)
    journal = open_journal(path)
    try:
        assert journal.get_interview(1).company  # reads that miss the damage still work
        with pytest.raises(DamagedJournalError, match="Nothing was saved"):
            journal.save_draft("interview:new", {"company": "Acme"})
        assert journal.read_only, "once found damaged, the journal is only read"
    finally:
        journal.close()
    assert sha256(path) == before


def test_the_real_command_says_one_line(pristine: Pristine, tmp_path: Path) -> None:
    """What a user sees: a real process on a damaged journal, stdin not a terminal."""
    path = damaged_copy(pristine, tmp_path / "j", page_of(pristine, "leaf", "interviews", 5), 4)
    header = damaged_header(pristine, tmp_path / "h")
    before = {path: sha256(path), header: sha256(header)}
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    for target, command in (
        (path, ("export", "--format", "json")),
        (path, ("add", "--company", "Acme", "--when", "tomorrow 10:00")),
        (path, ("evaluate", "1")),
        (header, ("list",)),
        (header, ()),  # the TUI: refused before it starts
    ):
        done = subprocess.run(
            [sys.executable, "-m", "interview_journal", "--db", str(target), *command],
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
            timeout=RUN_TIMEOUT,
            env=env,
        )
        lines = done.stderr.strip().splitlines()
        assert done.returncode == 2, (command, done.stderr)
        assert len(lines) == 1, (command, done.stderr)
        assert_damage_line(lines[0], command=command)
    for target, digest in before.items():
        assert sha256(target) == digest


# --- the TUI ------------------------------------------------------------------------------


async def settle_past_failures(pilot: AnyPilot) -> None:
    """Let the workers finish, failed ones included: a read that meets the damage fails
    (and its screen says so); that is what is being tested, not a bug of the test."""
    await pilot.pause()
    with contextlib.suppress(WorkerFailed):
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def press_and_settle(pilot: AnyPilot, *keys: str) -> None:
    await pilot.press(*keys)
    await settle_past_failures(pilot)


async def wait_for_toast(pilot: AnyPilot, *fragments: str, seconds: float = 10.0) -> str:
    for _ in range(int(seconds / 0.05)):
        for toast in toasts(pilot.app):
            flat = " ".join(toast.split())
            if all(fragment in flat for fragment in fragments):
                return flat
        await pilot.pause(0.05)
    raise AssertionError(f"no toast with {fragments}: {toasts(pilot.app)}")


@pytest.mark.parametrize("read_only", [False, True], ids=["", "read-only"])
@pytest.mark.parametrize("where", ["interviews leaf", "index"])
async def test_the_tui_says_it_is_damaged_and_stays_up(
    pristine: Pristine, tmp_path: Path, clock: FixedClock, read_only: bool, where: str
) -> None:
    page = (
        page_of(pristine, "leaf", "interviews", 0)
        if where == "interviews leaf"
        else page_of(pristine, "leaf", "interviews_by_start", 0)
    )
    path = damaged_copy(pristine, tmp_path / "j", page, 5)
    before = sha256(path)
    journal = open_journal(path, read_only=read_only)
    app = make_app(journal, clock)
    try:
        async with app.run_test(size=(110, 32), notifications=True) as pilot:
            await settle_past_failures(pilot)
            await wait_for_toast(pilot, "is damaged", "interview-journal recover")
            assert journal.read_only
            app.clear_notifications()
            await press_and_settle(pilot, "a")  # a new interview: its form is not opened
            assert isinstance(app.screen, InterviewsScreen), app.screen
            await wait_for_toast(pilot, "is damaged", "nothing will be written")
            for key in ("e", "v"):  # nor the forms for the interview under the cursor
                await press_and_settle(pilot, key)
                assert isinstance(app.screen, InterviewsScreen), (key, app.screen)
            for view in ("2", "3", "1", "G", "/"):  # every view, the bottom of the list
                await press_and_settle(pilot, view)
            await press_and_settle(pilot, "escape")
            assert app.is_running
            assert "read-only" in text_of(app, "#top-left")
    finally:
        journal.close()
    assert not any("stopped by a bug" in str(line) for line in app._exit_renderables)
    assert app.return_code in (None, 0)
    assert sha256(path) == before


# --- recover ------------------------------------------------------------------------------


def recover(damaged: Path, out: Path) -> dict[str, Any]:
    result = run("recover", out, "--db", damaged, "--json")
    assert result.exit_code == 0, (result.output, repr(result.exception))
    assert "Traceback" not in result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def assert_a_sound_journal(path: Path) -> None:
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    check = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert check.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert check.execute("PRAGMA foreign_key_check").fetchall() == []
        (interviews,) = check.execute("SELECT count(*) FROM interviews").fetchone()
        (indexed,) = check.execute("SELECT count(*) FROM interviews_fts_docsize").fetchone()
        assert indexed == interviews, "the search index was rebuilt from the table"
    finally:
        check.close()
    fts = sqlite3.connect(path)  # the search index's own check is run as an INSERT
    try:
        fts.execute("INSERT INTO interviews_fts (interviews_fts) VALUES ('integrity-check')")
    finally:
        fts.close()
    with open_journal(path) as journal:
        assert journal.count_interviews() >= 0


def assert_recovered(
    pristine: Pristine, report: dict[str, Any], out: Path, *, damaged_page: PageInfo | None
) -> dict[str, float]:
    """Every recovered row is exactly as it was; every row the damage did not take is
    there. Returns the share of each table recovered."""
    got = _rows(out)
    owner = None
    if damaged_page is not None:
        owner = pristine.owners.get(damaged_page.name, damaged_page.name)
    kept_interviews = set(got["interviews"])
    shares = {}
    for table in DATA_TABLES:
        before, after = pristine.rows[table], got[table]
        if table in ("drafts", "dismissed_suggestions"):
            # no integer key, so rowids are not kept: compare the rows themselves
            if owner == table:
                assert set(after.values()) <= set(before.values()), table
            else:
                assert sorted(after.values()) == sorted(before.values()), table
            shares[table] = len(after) / max(1, len(before))
            continue
        for rowid, row in after.items():
            assert before.get(rowid) == row, (table, rowid)
        expected = dict(before)
        if table in CHILD_TABLES:
            column = _columns(out, table).index("interview_id")
            expected = {k: v for k, v in before.items() if v[column] in kept_interviews}
        if owner == table:
            assert damaged_page is not None
            assert len(after) >= len(expected) - damaged_page.rows_under, table
            assert set(after) <= set(expected)
        else:
            assert set(after) == set(expected), (table, damaged_page)
        counts = report["tables"][table]
        assert counts["recovered"] == len(after), (table, counts)
        shares[table] = len(after) / len(before)
    return shares


def _columns(path: Path, table: str) -> list[str]:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [row[1] for row in connection.execute(f"PRAGMA table_info({table})")]
    finally:
        connection.close()


@pytest.mark.parametrize("seed", SEEDS + MORE_SEEDS)
def test_recover_copies_every_row_the_damage_did_not_take(
    pristine: Pristine, tmp_path: Path, seed: int
) -> None:
    damaged, page = damaged_by_seed(pristine, tmp_path / "j", seed)
    before = sha256(damaged)
    out = tmp_path / "new" / "recovered.db"
    report = recover(damaged, out)
    assert sha256(damaged) == before, "recover only reads the damaged journal"
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700
    assert_a_sound_journal(out)
    info = pristine.pages[page]
    shares = assert_recovered(pristine, report, out, damaged_page=info)
    owner = pristine.owners.get(info.name, info.name)
    if owner not in DATA_TABLES:  # an index, the search index: nothing lost
        assert report["complete"], report
        assert all(share == 1 for share in shares.values()), shares
    if owner == "interviews" and info.kind == "leaf":
        assert shares["interviews"] >= 0.9, shares
        assert report["tables"]["interviews"]["unreadable"] == len(
            pristine.rows["interviews"]
        ) - len(_rows(out)["interviews"])
    print(f"seed {seed}: page {page} ({info.kind} of {info.name}): {shares}")


@pytest.mark.parametrize(
    ("kind", "name", "index"),
    [
        ("leaf", "interviews_by_start", 0),
        ("leaf", "sqlite_autoindex_interviews_1", 1),
        ("leaf", "follow_ups_by_interview", 2),
        ("leaf", "interviews_fts_data", 3),
        ("leaf", "interviews", 0),
        ("leaf", "interviews", 14),
        ("leaf", "follow_ups", 20),
        ("leaf", "evaluations", 4),
    ],
)
def test_recover_by_kind_of_page(
    pristine: Pristine, tmp_path: Path, kind: str, name: str, index: int
) -> None:
    page = page_of(pristine, kind, name, index)
    damaged = damaged_copy(pristine, tmp_path / "j", page, 17)
    out = tmp_path / "recovered.db"
    report = recover(damaged, out)
    assert_a_sound_journal(out)
    shares = assert_recovered(pristine, report, out, damaged_page=pristine.pages[page])
    if name not in DATA_TABLES:
        assert report["complete"] and all(share == 1 for share in shares.values()), shares
    else:
        assert not report["complete"]
        assert report["tables"][name]["unreadable"] == pristine.pages[page].rows_under
        assert shares[name] >= 0.9


def test_a_damaged_interior_page_loses_the_rows_below_it_and_says_how_many(
    pristine: Pristine, tmp_path: Path
) -> None:
    """The rowid scan cannot get past a damaged interior page of a table (the one page
    that says where its leaves are): those rows are lost, and an intact index of the
    table counts them."""
    page = page_of(pristine, "internal", "follow_ups", 0)
    damaged = damaged_copy(pristine, tmp_path / "j", page, 21)
    out = tmp_path / "recovered.db"
    report = recover(damaged, out)
    assert_a_sound_journal(out)
    assert_recovered(pristine, report, out, damaged_page=pristine.pages[page])
    lost = len(pristine.rows["follow_ups"]) - report["tables"]["follow_ups"]["recovered"]
    assert lost == report["tables"]["follow_ups"]["unreadable"] > 0, report
    assert report["tables"]["interviews"]["unreadable"] == 0


def test_a_damaged_overflow_page_loses_only_its_row(pristine: Pristine, tmp_path: Path) -> None:
    page = page_of(pristine, "overflow", "interviews", 0)
    damaged = damaged_copy(pristine, tmp_path / "j", page, 22)
    out = tmp_path / "recovered.db"
    report = recover(damaged, out)
    assert_a_sound_journal(out)
    assert_recovered(pristine, report, out, damaged_page=pristine.pages[page])
    assert report["tables"]["interviews"]["unreadable"] == 1, report
    companies = {row[1] for row in _rows(out)["interviews"].values()}
    assert "Overflow AB" not in companies and len(companies) > 1


def test_recover_repairs_a_damaged_header(pristine: Pristine, tmp_path: Path) -> None:
    damaged = damaged_header(pristine, tmp_path / "j")
    before = sha256(damaged)
    out = tmp_path / "recovered.db"
    report = recover(damaged, out)
    assert report["header_repaired"] and report["complete"], report
    assert sha256(damaged) == before
    assert_a_sound_journal(out)
    shares = assert_recovered(pristine, report, out, damaged_page=None)
    assert all(share == 1 for share in shares.values()), shares


def test_a_damaged_schema_page_is_refused_in_one_line(pristine: Pristine, tmp_path: Path) -> None:
    """The schema says where every table starts: without it nothing can be found by
    table, and recover says so instead of writing an empty journal."""
    page = page_of(pristine, "leaf", "sqlite_schema", 0)
    damaged = damaged_copy(pristine, tmp_path / "j", page, 2)
    for command in READ_COMMANDS[:3]:
        assert_at_most_one_line(run("--db", damaged, *command), command=command)
    out = tmp_path / "recovered.db"
    result = run("recover", out, "--db", damaged)
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "schema" in lines[0], result.stderr
    assert not out.exists()


def test_recover_text_report_and_refusals(pristine: Pristine, tmp_path: Path) -> None:
    damaged = damaged_copy(pristine, tmp_path / "j", page_of(pristine, "leaf", "interviews", 3), 8)
    out = tmp_path / "new.db"
    result = run("recover", out, "--db", damaged)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "interviews:" in text and "could not be read" in text, text
    assert "left out" in text, text  # the evaluations and entries of the lost interviews
    assert str(out) in text
    digest = sha256(out)
    again = run("recover", out, "--db", damaged)
    assert again.exit_code == 2 and "already exists" in again.stderr, again.output
    assert sha256(out) == digest
    itself = run("recover", damaged, "--db", damaged)
    assert itself.exit_code == 2, itself.output
    missing = run("recover", tmp_path / "x.db", "--db", tmp_path / "nothing.db")
    assert missing.exit_code == 2 and "no journal" in missing.stderr, missing.output
    assert not (tmp_path / "x.db").exists()


def test_a_recovered_journal_takes_an_old_export_back(
    pristine: Pristine, tmp_path: Path, clock: FixedClock
) -> None:
    """uuids are kept: last month's export fills in what the damage took, and adds no
    second copy of anything that was recovered."""
    damaged = damaged_copy(pristine, tmp_path / "j", page_of(pristine, "leaf", "interviews", 7), 3)
    out = tmp_path / "recovered.db"
    report = recover(damaged, out)
    lost = report["tables"]["interviews"]["unreadable"]
    assert lost > 0
    result = run("--db", out, "import", pristine.export, "--json")
    assert result.exit_code == 0, result.output
    merged = json.loads(result.stdout)
    assert merged["added"]["interviews"] == lost, merged
    assert merged["updated"]["interviews"] == 0, merged
    got = _rows(out)
    assert len(got["interviews"]) == len(pristine.rows["interviews"])
    uuid = _columns(out, "interviews").index("uuid")
    assert {row[uuid] for row in got["interviews"].values()} == {
        row[uuid] for row in pristine.rows["interviews"].values()
    }, "the same uuids: nothing added twice"
    assert len(got["follow_ups"]) == len(pristine.rows["follow_ups"])


async def test_a_recovered_journal_opens_in_the_app(
    pristine: Pristine, tmp_path: Path, clock: FixedClock
) -> None:
    damaged = damaged_copy(pristine, tmp_path / "j", page_of(pristine, "leaf", "interviews", 2), 6)
    out = tmp_path / "recovered.db"
    report = recover(damaged, out)
    journal = open_journal(out)
    app = make_app(journal, clock)
    try:
        async with app.run_test(size=(110, 32), notifications=True) as pilot:
            await settle(pilot)
            for _ in range(100):
                if "interviews" in text_of(app, "#list-state"):
                    break
                await pilot.pause(0.05)
            recovered = report["tables"]["interviews"]["recovered"]
            assert f"{recovered} interviews" in text_of(app, "#list-state")
            assert not any("damaged" in toast for toast in toasts(app))
            assert not journal.read_only
    finally:
        journal.close()


def test_recover_reports_progress_to_a_callback(pristine: Pristine, tmp_path: Path) -> None:
    from interview_journal.store.recover import recover_journal

    damaged = damaged_copy(pristine, tmp_path / "j", page_of(pristine, "leaf", "follow_ups", 1), 9)
    seen: list[tuple[int, int]] = []
    report = recover_journal(damaged, tmp_path / "r.db", progress=lambda d, t: seen.append((d, t)))
    assert seen and seen[-1][0] == seen[-1][1]
    assert all(done <= total for done, total in seen)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    assert (
        report.tables["follow_ups"].unreadable
        == pristine.pages[page_of(pristine, "leaf", "follow_ups", 1)].rows_under
    )
