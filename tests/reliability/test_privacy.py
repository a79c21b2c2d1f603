"""Private by default: what the program writes is the user's alone, deleted text is gone,
nothing goes over the network, and a crash report never shows what the user typed.

* Under the loosest umask (0o000) every folder the program creates is 0700 and every file
  (journal, -wal, -shm, exports, backups, palette exports) is 0600; a config file the user
  wrote is left exactly as it is.
* After an interview is deleted and the journal closed, a unique word from its notes, its
  evaluation or its timeline is not in the bytes of the file (secure delete).
* No socket is ever connected by the commands or by a TUI session.
* A bug that ends the TUI prints "stopped by a bug" and code locations, never the text on
  screen, and what was typed is in the journal afterwards.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import socket
import stat
import sys
import textwrap
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from textual.command import CommandList, CommandPalette

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview
from interview_journal.domain.timeline import Entry, EntryKind, When
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.interview_form import InterviewFormScreen
from interview_journal.tui.screens.interviews import InterviewsScreen
from tests.cli.runner import fix_clock, ok, real_program
from tests.conftest import ZONE
from tests.reliability.pty_terminal import Terminal
from tests.reliability.test_missing_and_read_only import COLUMNS, EXIT_TIMEOUT, LINES, environment
from tests.ui.helpers import AnyPilot, press_and_settle, settle, toasts, type_text

RUN_TIMEOUT = 60.0
READY_TIMEOUT = 30.0
STAMP = "2026-11-25-140500"
"""The time in the names of exports and backups made at the fixed clock's moment."""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def modes_under(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): mode(p) for p in sorted(folder.rglob("*"))}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """The environment of the real program, with its data and config folders in tmp_path."""
    return environment() | {
        "XDG_DATA_HOME": str(tmp_path / "xdg-data"),
        "XDG_CONFIG_HOME": str(tmp_path / "xdg-config"),
        "HOME": str(tmp_path / "home"),
    }


def run_loose(args: list[str | Path], env: dict[str, str], cwd: Path) -> Any:
    """The real program, started with umask 0o000: nothing is hidden unless it hides it."""
    result = real_program(args, env=env, cwd=cwd, timeout=RUN_TIMEOUT, umask=0)
    assert result.returncode == 0, f"{args}: {result.stderr}"
    return result


@pytest.fixture
def loosest_umask() -> Iterator[None]:
    """umask 0o000 for an in-process test (restored afterwards)."""
    previous = os.umask(0)
    try:
        yield
    finally:
        os.umask(previous)


# --- file modes -------------------------------------------------------------------------------


def test_a_journal_created_by_the_cli_is_private_under_umask_0(
    tmp_path: Path, env: dict[str, str]
) -> None:
    result = run_loose(["add", "--company", "Initech", "--notes", "private"], env, tmp_path)
    assert result.stdout.strip() == "1"
    data = tmp_path / "xdg-data"
    journal = data / "interview-journal" / "journal.db"
    assert journal.is_file(), list(tmp_path.rglob("*"))
    assert modes_under(data) == {"interview-journal": 0o700, "interview-journal/journal.db": 0o600}
    assert mode(data) == 0o700, "the missing XDG data folder was created open"


def test_every_missing_folder_of_db_is_created_private(tmp_path: Path, env: dict[str, str]) -> None:
    target = tmp_path / "a" / "b" / "c" / "journal.db"
    run_loose(["--db", target, "add", "--company", "Initech"], env, tmp_path)
    assert modes_under(tmp_path / "a") == {
        "b": 0o700,
        "b/c": 0o700,
        "b/c/journal.db": 0o600,
    }
    assert mode(tmp_path / "a") == 0o700


def test_a_journal_with_loose_permissions_keeps_the_mode_its_owner_gave_it(
    tmp_path: Path, env: dict[str, str], journal_path: Path, filled_journal: Journal
) -> None:
    """A journal copied in with 0644 (e.g. from a backup drive) keeps that mode after a
    read and a write: no command changes the mode of a file it did not create (a 0400
    file made writable again was a bug). A journal the program creates is 0600 (above)."""
    filled_journal.close()
    journal_path.chmod(0o644)
    for args in (["list"], ["add", "--company", "Hooli"]):
        result = run_loose(["--db", journal_path, *args], env, tmp_path)
        assert result.returncode == 0, result.stderr
        assert mode(journal_path) == 0o644, args


@pytest.mark.slow
def test_wal_and_shm_are_private_while_the_tui_has_the_journal_open(
    tmp_path: Path, env: dict[str, str]
) -> None:
    target = tmp_path / "data" / "journal.db"
    run_loose(["--db", target, "add", "--company", "Initech"], env, tmp_path)
    terminal = Terminal(
        ["--db", str(target), "--view", "interviews"],
        cwd=tmp_path,
        env=env,
        columns=COLUMNS,
        lines=LINES,
        umask=0,
    )
    try:
        terminal.wait_for("Initech", READY_TIMEOUT)
        side = [Path(f"{target}-wal"), Path(f"{target}-shm")]
        assert all(p.exists() for p in side), sorted(p.name for p in target.parent.iterdir())
        assert {p.name: mode(p) for p in [target, *side]} == {
            "journal.db": 0o600,
            "journal.db-wal": 0o600,
            "journal.db-shm": 0o600,
        }
        assert mode(target.parent) == 0o700
        terminal.type("\x11")  # ctrl+q
        assert terminal.exit_status(EXIT_TIMEOUT) == 0
    finally:
        terminal.close()
    assert sorted(p.name for p in target.parent.iterdir()) == ["journal.db"]
    assert mode(target) == 0o600


def test_exports_and_backups_from_the_shell_are_private(
    tmp_path: Path, env: dict[str, str]
) -> None:
    target = tmp_path / "data" / "journal.db"
    run_loose(["--db", target, "add", "--company", "Initech", "--notes", "n"], env, tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o755)  # the user's own folder: left as it is
    (out / "old.json").write_text("{}")
    (out / "old.json").chmod(0o644)
    for fmt, name in [
        ("json", "old.json"),  # replacing a loose file gives a private one
        ("markdown", "journal.md"),
        ("csv", "journal.csv"),
        ("ics", "journal.ics"),
    ]:
        run_loose(["--db", target, "export", "--format", fmt, "-o", out / name], env, tmp_path)
    assert modes_under(out) == {
        "journal.csv": 0o600,
        "journal.ics": 0o600,
        "journal.md": 0o600,
        "old.json": 0o600,
    }
    assert mode(out) == 0o755
    assert "Initech" in (out / "old.json").read_text()

    run_loose(["--db", target, "backup"], env, tmp_path)
    backups = target.parent / "backups"
    assert modes_under(backups) == {f"journal-{_stamp_of(backups)}.db": 0o600}
    assert mode(backups) == 0o700

    elsewhere = tmp_path / "new" / "place" / "copy.db"
    run_loose(["--db", target, "backup", "-o", elsewhere], env, tmp_path)
    assert modes_under(tmp_path / "new") == {"place": 0o700, "place/copy.db": 0o600}
    assert mode(tmp_path / "new") == 0o700


def _stamp_of(backups: Path) -> str:
    """The timestamp the real clock put in the one backup's name."""
    (only,) = list(backups.iterdir())
    return only.stem.removeprefix("journal-")


def test_the_users_config_file_is_left_as_it_is(tmp_path: Path, env: dict[str, str]) -> None:
    config_dir = tmp_path / "xdg-config" / "interview-journal"
    config_dir.mkdir(parents=True)
    config_dir.chmod(0o755)
    config = config_dir / "config.toml"
    config.write_text('[start]\nopen-on = "interviews"\n[follow-ups]\nquiet-working-days = 4\n')
    config.chmod(0o644)
    before = (sha256(config), mode(config), mode(config_dir), config.stat().st_mtime_ns)
    target = tmp_path / "data" / "journal.db"
    run_loose(["--db", target, "add", "--company", "Initech"], env, tmp_path)
    for args in (["today"], ["timeline"], ["list"], ["locate"], ["export", "--format", "csv"]):
        run_loose(["--db", target, *args], env, tmp_path)
    after = (sha256(config), mode(config), mode(config_dir), config.stat().st_mtime_ns)
    assert after == before
    assert sorted(p.name for p in config_dir.iterdir()) == ["config.toml"]


async def _palette(pilot: AnyPilot, search: str, title: str) -> None:
    """Run a command from the palette as a user does: ctrl+p, type, pick it, enter."""
    app = pilot.app
    await press_and_settle(pilot, "ctrl+p")
    assert isinstance(app.screen, CommandPalette)
    await type_text(pilot, search)
    prompts: list[str] = []
    for _ in range(100):  # the palette searches in the background
        await pilot.pause(0.05)
        options = app.screen.query_one(CommandList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        if any(p.startswith(title) for p in prompts):
            break
    wanted = next(i for i, p in enumerate(prompts) if p.startswith(title))
    while options.highlighted != wanted:
        await pilot.press("down" if (options.highlighted or 0) < wanted else "up")
    await press_and_settle(pilot, "enter")
    await settle(pilot)


@pytest.mark.usefixtures("loosest_umask")
async def test_palette_exports_and_backups_are_private(
    showcase_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    app = make_app(showcase_journal, clock)
    async with app.run_test(size=(110, 32), notifications=True) as pilot:
        await settle(pilot)
        for search, title in [
            ("export json", "Export the journal as JSON"),
            ("export markdown", "Export the journal as Markdown"),
            ("export csv", "Export the journal as CSV"),
            ("export icalendar", "Export the journal as iCalendar"),
            ("back up", "Back up the journal"),
        ]:
            app.clear_notifications()
            await _palette(pilot, search, title)
            assert any(("Exported to" in t or "Backed up to" in t) for t in toasts(app)), (
                title,
                toasts(app),
            )
    folder = journal_path.parent
    stem = f"interview-journal-{STAMP}"
    assert modes_under(folder / "exports") == {
        f"{stem}.csv": 0o600,
        f"{stem}.ics": 0o600,
        f"{stem}.json": 0o600,
        f"{stem}.md": 0o600,
    }
    assert modes_under(folder / "backups") == {f"journal-{STAMP}.db": 0o600}
    assert mode(folder / "exports") == 0o700
    assert mode(folder / "backups") == 0o700


# --- secure delete ------------------------------------------------------------------------------


def _unique(label: str) -> str:
    return f"{label}{secrets.token_hex(10)}"


def _journal_with_secret(path: Path, clock: FixedClock, where: str, secret: str) -> int:
    """Three other interviews, and one holding `secret` in its notes, evaluation or timeline."""
    now = clock.now()
    with open_journal(path, create=True) as journal:
        for index in range(3):
            other = journal.add_interview(
                Interview(
                    company=f"Other {index}", starts_at=now, time_zone=ZONE, notes="plain notes"
                )
            )
            assert other.id is not None
            journal.save_evaluation(Evaluation(other.id, went_well="Fine."))
        notes = f"Ask about {secret} before the end." if where == "notes" else "Nothing special."
        target = journal.add_interview(
            Interview(company="Secretive", starts_at=now, time_zone=ZONE, notes=notes)
        )
        assert target.id is not None
        if where == "evaluation":
            journal.save_evaluation(
                Evaluation(target.id, went_well="ok", lesson=f"Never mention {secret} again.")
            )
        if where == "timeline":
            journal.add_entry(
                Entry(
                    interview_id=target.id,
                    kind=EntryKind.NOTE,
                    done=When(date(2026, 11, 24)),
                    note=f"Recruiter said {secret} on the phone.",
                )
            )
        return target.id


def _bytes_beside(path: Path) -> bytes:
    """The journal's bytes and whatever SQLite keeps beside it."""
    found = b""
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = Path(f"{path}{suffix}")
        if candidate.exists():
            found += candidate.read_bytes()
    return found


def _cli(*args: str | Path) -> Result:
    return ok(*args)


@pytest.fixture
def fixed_cli_clock(monkeypatch: pytest.MonkeyPatch, clock: FixedClock) -> FixedClock:
    return fix_clock(monkeypatch, clock)


@pytest.mark.parametrize(
    "where",
    [
        pytest.param("notes"),
        "evaluation",
        "timeline",
    ],
)
@pytest.mark.usefixtures("fixed_cli_clock")
def test_deleted_text_is_gone_from_the_file(
    journal_path: Path, clock: FixedClock, where: str
) -> None:
    secret = _unique("zebra")
    interview_id = _journal_with_secret(journal_path, clock, where, secret)
    assert secret.encode() in _bytes_beside(journal_path), "the test would prove nothing"

    _cli("--db", journal_path, "delete", str(interview_id), "--yes")

    assert sorted(p.name for p in journal_path.parent.iterdir()) == ["journal.db"]
    assert secret.encode() not in _bytes_beside(journal_path)
    with open_journal(journal_path) as journal:
        assert journal.count_interviews() == 3
        assert journal.get_evaluation(1) is not None  # the others are untouched


@pytest.mark.usefixtures("fixed_cli_clock")
def test_a_deleted_company_name_is_gone_from_the_file(
    journal_path: Path, clock: FixedClock
) -> None:
    secret = _unique("Acme")
    with open_journal(journal_path, create=True) as journal:
        journal.add_interview(Interview(company="Other", starts_at=clock.now()))
        target = journal.add_interview(Interview(company=secret, starts_at=clock.now()))
    _cli("--db", journal_path, "delete", str(target.id), "--yes")
    assert secret.lower().encode() not in _bytes_beside(journal_path).lower()


# --- no network -----------------------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every way to reach another machine raises, and is written down."""
    attempts: list[str] = []

    def refuse(name: str) -> Any:
        def refused(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{name} {args!r}")
            raise OSError(f"test: no network ({name})")

        return refused

    for name in ("connect", "connect_ex", "sendto"):
        monkeypatch.setattr(socket.socket, name, refuse(f"socket.{name}"))
    monkeypatch.setattr(socket, "create_connection", refuse("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", refuse("getaddrinfo"))
    monkeypatch.setattr(socket, "gethostbyname", refuse("gethostbyname"))
    return attempts


@pytest.mark.usefixtures("fixed_cli_clock")
def test_no_command_connects_to_anything(
    tmp_path: Path, no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "data" / "journal.db"
    out = tmp_path / "out"
    out.mkdir()
    commands: list[list[str | Path]] = [
        ["add", "--company", "Initech", "--when", "mon 10:00", "--job-ad", "https://x.example"],
        ["add", "--company", "Hooli", "--when", "2026-11-20 09:00", "--interviewers", "Gavin"],
        ["edit", "2", "--status", "awaiting-reply", "--feedback-by", "fri"],
        ["list"],
        ["list", "--json", "--search", "initech"],
        ["show", "1"],
        ["show", "2", "--json"],
        ["follow-up", "2", "--kind", "follow-up", "--due", "fri", "--reason", "Ask"],
        ["follow-up", "done", "1"],
        ["follow-up", "2", "--kind", "thank-you", "--due", "tomorrow", "--reason", "Thanks"],
        ["follow-up", "snooze", "2", "in 3 days"],
        ["timeline"],
        ["timeline", "2", "--json"],
        ["today"],
        ["today", "--json"],
        ["prep", "1"],
        ["export", "-o", out / "all.json"],
        ["export", "--format", "markdown", "-o", out / "all.md"],
        ["export", "--format", "csv", "-o", out / "all.csv"],
        ["export", "--format", "ics", "-o", out / "all.ics"],
        ["backup", "-o", out / "copy.db"],
        ["import", out / "all.json", "--dry-run"],
        ["delete", "1", "--yes"],
        ["import", out / "all.json"],
        ["locate"],
    ]
    for args in commands:
        _cli("--db", db, *args)
    _cli("--db", tmp_path / "other.db", "import", out / "all.json")
    assert no_network == []
    with open_journal(db) as journal:
        assert journal.count_interviews() == 2


@pytest.mark.usefixtures("loosest_umask")
async def test_a_tui_session_connects_to_nothing(
    showcase_journal: Journal, clock: FixedClock, no_network: list[str]
) -> None:
    app = make_app(showcase_journal, clock)
    async with app.run_test(size=(110, 32), notifications=True) as pilot:
        await settle(pilot)
        for view in ("2", "3", "1"):
            await press_and_settle(pilot, view)
        await press_and_settle(pilot, "v")
        assert isinstance(app.screen, EvaluationScreen)
        await type_text(pilot, "Offline reflection")
        await press_and_settle(pilot, "escape")
        await press_and_settle(pilot, "a")
        assert isinstance(app.screen, InterviewFormScreen)
        await type_text(pilot, "Umbrella")
        await press_and_settle(pilot, "escape")  # asks whether to discard what was typed
        await press_and_settle(pilot, "y")
        assert isinstance(app.screen, InterviewsScreen)
        await _palette(pilot, "export json", "Export the journal as JSON")
        assert any("Exported to" in toast for toast in toasts(app)), toasts(app)
        await pilot.press("q")
        await pilot.pause()
    assert no_network == []
    assert app.return_code == 0


# --- a crash report ---------------------------------------------------------------------------


DRIVER = textwrap.dedent(
    """
    # The real program, with a bug put into the screen the user is typing in: saving
    # (ctrl+s) raises an exception whose message holds what is in the focused field, the
    # way a careless `raise ValueError(f"... {text!r}")` would.
    import sys

    from interview_journal.tui.screens.evaluation import EvaluationScreen
    from interview_journal.tui.screens.interview_form import InterviewFormScreen


    def broken(self):
        focused = self.focused
        text = getattr(focused, "text", None) or getattr(focused, "value", "")
        raise ValueError(f"cannot save {text!r}")


    EvaluationScreen.action_finish = broken
    InterviewFormScreen.action_save = broken

    from interview_journal.cli import main

    sys.argv[0] = "interview-journal"
    main()
    """
)

LEAVE_SCREEN = b"\x1b[?1049l"
"""What the TUI writes when it gives the terminal back: what follows is the report."""


def _report_after_the_screen(terminal: Terminal) -> str:
    raw = terminal.raw()
    at = raw.rfind(LEAVE_SCREEN)
    assert at >= 0, f"the app never left the alternate screen:\n{terminal.tail()}"
    tail = raw[at + len(LEAVE_SCREEN) :]
    return tail.decode("utf-8", errors="replace")


@pytest.fixture
def crash_setup(
    filled_journal: Journal, journal_path: Path, tmp_path: Path
) -> tuple[Path, list[str]]:
    filled_journal.close()
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER)
    return journal_path, [sys.executable, str(driver), "--db", str(journal_path)]


def _assert_private_report(report: str, typed: str) -> None:
    assert "stopped by a bug (ValueError)" in report, report
    assert "driver.py" in report, report  # where the bug is, by file and line
    assert "they hold no text of yours" in report
    for fragment in (typed, typed.split()[-1], "cannot save"):
        assert fragment not in report, f"the report shows {fragment!r}:\n{report}"
    assert "Traceback" not in report
    assert "locals" not in report.lower()


@pytest.mark.slow
def test_a_crash_while_evaluating_prints_no_text_and_keeps_it(
    crash_setup: tuple[Path, list[str]], tmp_path: Path, env: dict[str, str]
) -> None:
    journal_path, argv = crash_setup
    typed = f"Felt nervous about {_unique('salary')}"
    terminal = Terminal(
        ["evaluate", "4"], cwd=tmp_path, env=env, columns=COLUMNS, lines=LINES, program=argv
    )
    try:
        terminal.wait_for("Evaluate")
        terminal.wait_for("Initech")
        terminal.type(typed)
        terminal.type("\x13")  # ctrl+s right away: before the autosave
        terminal.exit_status(EXIT_TIMEOUT)
        report = _report_after_the_screen(terminal)
    finally:
        terminal.close()
    _assert_private_report(report, typed)
    with open_journal(journal_path) as journal:
        evaluation = journal.get_evaluation(4)
    assert evaluation is not None, "what was typed was lost"
    assert evaluation.went_well == typed


@pytest.mark.slow
def test_a_crash_in_the_new_interview_form_prints_no_text_and_keeps_a_draft(
    crash_setup: tuple[Path, list[str]], tmp_path: Path, env: dict[str, str]
) -> None:
    journal_path, argv = crash_setup
    typed = f"Umbrella {_unique('Corp')}"
    terminal = Terminal(
        ["--view", "interviews"], cwd=tmp_path, env=env, columns=COLUMNS, lines=LINES, program=argv
    )
    try:
        terminal.wait_for("Pied Piper")
        terminal.type("a")
        terminal.wait_for("New interview")
        terminal.type(typed)
        terminal.type("\x13")  # ctrl+s right away: before the draft is written
        terminal.exit_status(EXIT_TIMEOUT)
        report = _report_after_the_screen(terminal)
    finally:
        terminal.close()
    _assert_private_report(report, typed)
    with open_journal(journal_path) as journal:
        draft = journal.load_draft("interview-form:new")
        assert journal.count_interviews() == 5
    assert draft is not None, "what was typed was lost"
    assert draft.get("company") == typed


@pytest.mark.slow
def test_a_crash_ends_with_a_failing_exit_status(
    crash_setup: tuple[Path, list[str]], tmp_path: Path, env: dict[str, str]
) -> None:
    _journal_path, argv = crash_setup
    terminal = Terminal(
        ["evaluate", "4"], cwd=tmp_path, env=env, columns=COLUMNS, lines=LINES, program=argv
    )
    try:
        terminal.wait_for("Initech")
        terminal.type("x\x13")
        code = terminal.exit_status(EXIT_TIMEOUT)
        assert "stopped by a bug" in _report_after_the_screen(terminal)
    finally:
        terminal.close()
    assert code != 0


# --- found while writing these tests -------------------------------------------------------------


async def test_ctrl_e_in_a_text_box_opens_the_editor(
    filled_journal: Journal, clock: FixedClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(EvaluationScreen, "action_editor", lambda self: opened.append("eval"))
    app = make_app(filled_journal, clock, evaluate=4)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.focused is not None and app.focused.id == "field-went_well"
        await press_and_settle(pilot, "ctrl+e")
    assert opened == ["eval"]
