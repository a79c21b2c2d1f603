"""Every file the app writes lands only where it was told, whole, and never through a trap.

A hostile tester plants things where a writer might go: a symbolic link at the name of
the temporary file (the old fixed `.NAME.partial`, or the very names the writer is about
to pick), a link or a device or a FIFO at the target itself, a directory. Whatever is
planted, the victim a link points to keeps its bytes, a device stays a device (as root,
replacing `/dev/null` would replace it for the whole machine), a FIFO is refused without
anyone blocking on it, and `-o -` means standard output, not a file called "-".

Covered: exports in every format and backups from the command line, the same from the
TUI's palette, and the Markdown the detail screen saves with `w`.

Tests that point the real code at `/dev` run in-process behind a safety net: renaming,
linking or unlinking anything in `/dev` raises instead, so a regression fails the test
without breaking the machine it runs on.
"""

from __future__ import annotations

import os
import re
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from interview_journal.cli import cli
from interview_journal.dates import FixedClock
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.interview_detail import InterviewDetailScreen
from tests.cli.runner import fix_clock
from tests.conftest import NOW, ZONE
from tests.ui.helpers import settle, toasts

FORMATS = ["json", "markdown", "csv", "ics"]
WRITERS = [*FORMATS, "backup"]
"""Every command-line writer: an export per format, and the backup."""
VICTIM_BYTES = b"precious: must never be overwritten\n"
RUN_TIMEOUT = 60.0
IS_ROOT = os.geteuid() == 0
PACKAGE = Path(__file__).resolve().parents[2] / "interview_journal"


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> FixedClock:
    return fix_clock(monkeypatch, FixedClock(NOW, ZONE))


@pytest.fixture
def db(showcase_journal: Journal, journal_path: Path) -> Path:
    return journal_path


def run(*args: str | Path) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=True)


def write(db: Path, writer: str, target: str | Path) -> Result:
    """Run one command-line writer (an export format, or the backup) to `target`."""
    if writer == "backup":
        return run("--db", db, "backup", "-o", target)
    return run("--db", db, "export", "--format", writer, "-o", target)


def assert_refused(result: Result, *fragments: str) -> str:
    """One line on stderr, exit 2, nothing on stdout."""
    assert result.exit_code == 2, (result.output, result.exception)
    assert isinstance(result.exception, SystemExit), result.exception
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    assert result.stdout == ""
    return lines[0]


def assert_written(result: Result, target: Path, writer: str) -> None:
    assert result.exit_code == 0, (result.output, result.exception)
    info = os.lstat(target)
    assert stat.S_ISREG(info.st_mode), "the target is not a regular file"
    assert stat.S_IMODE(info.st_mode) == 0o600
    head = target.read_bytes()[:16]
    expected = {
        "json": b"{",
        "markdown": b"# Interview",
        "csv": b"id,uuid",
        "ics": b"BEGIN:VCALENDAR",
        "backup": b"SQLite format 3\x00",
    }[writer]
    assert head.startswith(expected), head


def target_name(writer: str) -> str:
    return {"json": "planted.json", "markdown": "planted.md", "csv": "planted.csv"}.get(
        writer, "planted.ics" if writer == "ics" else "planted.db"
    )


def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim"
    path.write_bytes(VICTIM_BYTES)
    return path


def assert_victim_untouched(path: Path) -> None:
    info = os.lstat(path)
    assert stat.S_ISREG(info.st_mode)
    assert path.read_bytes() == VICTIM_BYTES, "the file a planted link points to was overwritten"


def files_in(folder: Path) -> set[str]:
    return {path.name for path in folder.iterdir()}


# --- links planted where the temporary file goes ----------------------------------------------


@pytest.mark.parametrize("writer", WRITERS)
def test_a_link_planted_at_the_old_temporary_name_is_not_followed(
    db: Path, tmp_path: Path, writer: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    precious = victim(tmp_path)
    target = folder / target_name(writer)
    trap = folder / f".{target.name}.partial"
    trap.symlink_to(precious)
    assert_written(write(db, writer, target), target, writer)
    assert_victim_untouched(precious)
    assert trap.is_symlink(), "the planted link was replaced instead of left alone"
    assert files_in(folder) == {target.name, trap.name}


class OpenSpy:
    """Records every os.open that may create a file, with its flags."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.creates: list[tuple[str, int]] = []
        real = os.open

        def spy(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
            if flags & os.O_CREAT:
                self.creates.append((os.fspath(path), flags))
            return real(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "open", spy)


@pytest.mark.parametrize("writer", WRITERS)
def test_the_temporary_file_is_created_exclusively_and_never_through_a_link(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    target = folder / target_name(writer)
    spy = OpenSpy(monkeypatch)
    assert_written(write(db, writer, target), target, writer)
    mine = [(path, flags) for path, flags in spy.creates if Path(path).parent == folder]
    assert mine, "no temporary file was created beside the target"
    for path, flags in mine:
        assert flags & os.O_EXCL, f"{path} was opened without O_EXCL: an existing file is reused"
        assert flags & os.O_NOFOLLOW, f"{path} was opened without O_NOFOLLOW"
        assert Path(path).name != f".{target.name}.partial", "a fixed, guessable name"


@pytest.mark.parametrize("writer", WRITERS)
def test_links_planted_at_the_names_the_writer_will_pick_are_skipped(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, writer: str
) -> None:
    """The tester knows the random names in advance (here: the name generator is fixed) and
    plants a link at the first two; the writer must step over them to the third."""
    candidates = ["AAAAAAAA", "BBBBBBBB", "CCCCCCCC", "DDDDDDDD"]

    def fixed_names() -> Iterator[str]:
        return iter(candidates)

    monkeypatch.setattr(tempfile, "_get_candidate_names", fixed_names)
    learn, folder = tmp_path / "learn", tmp_path / "out"
    learn.mkdir()
    folder.mkdir()
    spy = OpenSpy(monkeypatch)
    assert_written(
        write(db, writer, learn / target_name(writer)), learn / target_name(writer), writer
    )
    used = [Path(path).name for path, _ in spy.creates if Path(path).parent == learn]
    assert used and candidates[0] in used[0], f"the writer did not pick a fresh name: {used}"
    pattern = used[0]

    precious = victim(tmp_path)
    traps = [folder / pattern.replace(candidates[0], name) for name in candidates[:2]]
    for trap in traps:
        trap.symlink_to(precious)
    target = folder / target_name(writer)
    assert_written(write(db, writer, target), target, writer)
    assert_victim_untouched(precious)
    assert all(trap.is_symlink() for trap in traps)
    assert files_in(folder) == {target.name, *(trap.name for trap in traps)}


# --- something that is not a regular file at the target ----------------------------------------


@pytest.mark.parametrize("writer", WRITERS)
def test_a_link_at_the_target_is_refused_and_its_file_untouched(
    db: Path, tmp_path: Path, writer: str
) -> None:
    precious = victim(tmp_path)
    target = tmp_path / target_name(writer)
    target.symlink_to(precious)
    line = assert_refused(write(db, writer, target), str(target), "symbolic link")
    assert "nothing was written" in line
    assert target.is_symlink()
    assert_victim_untouched(precious)


@pytest.mark.skipif(not IS_ROOT, reason="making a device node needs root (CI runs as root)")
@pytest.mark.parametrize("writer", WRITERS)
def test_a_character_device_at_the_target_is_refused_and_stays_a_device(
    db: Path, tmp_path: Path, writer: str
) -> None:
    device = tmp_path / "null-clone"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    assert_refused(write(db, writer, device), str(device), "character device")
    assert stat.S_ISCHR(os.lstat(device).st_mode), "the device was replaced by a file"
    assert files_in(tmp_path) >= {"null-clone"}
    assert not [name for name in files_in(tmp_path) if name.startswith(".null-clone")]


@pytest.fixture
def dev_untouchable(monkeypatch: pytest.MonkeyPatch) -> None:
    """A safety net: nothing in /dev may be renamed over, linked or removed in this test (a
    temporary dot-file of the writer's own may still be removed)."""

    def guard(real: Callable[..., Any], *, removing: bool = False) -> Callable[..., Any]:
        def guarded(*paths: Any, **kwargs: Any) -> Any:
            for path in paths:
                if not isinstance(path, str | os.PathLike):
                    continue
                text = os.fspath(path)
                ours = removing and Path(text).name.startswith(".")
                if text.startswith("/dev/") and not ours:
                    raise AssertionError(f"the code tried to replace {text}")
            return real(*paths, **kwargs)

        return guarded

    for name in ("replace", "rename", "link"):
        monkeypatch.setattr(os, name, guard(getattr(os, name)))
    monkeypatch.setattr(os, "unlink", guard(os.unlink, removing=True))


def dot_files_in_dev() -> set[str]:
    return {path.name for path in Path("/dev").iterdir() if path.name.startswith(".")}


@pytest.mark.usefixtures("dev_untouchable")
@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("target", ["/dev/null", "/dev/stdout"])
def test_dev_null_and_dev_stdout_are_refused_and_left_as_they_are(
    db: Path, writer: str, target: str
) -> None:
    before = dot_files_in_dev()
    line = assert_refused(write(db, writer, target), target)
    assert "standard output with -o -" in line, line
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
    assert Path("/dev/stdout").is_symlink() or not Path("/dev/stdout").exists()
    assert dot_files_in_dev() == before


@pytest.mark.parametrize("writer", WRITERS)
def test_a_fifo_at_the_target_is_refused_without_blocking(
    db: Path, tmp_path: Path, writer: str
) -> None:
    """The real command, with a timeout: a writer that opened the FIFO would wait for ever."""
    folder = tmp_path / "out"
    folder.mkdir()
    fifo = folder / "pipe"
    os.mkfifo(fifo)
    args = (
        ["backup", "-o", fifo] if writer == "backup" else ["export", "--format", writer, "-o", fifo]
    )
    env = dict(os.environ, INTERVIEW_JOURNAL_TZ=ZONE)
    done = subprocess.run(
        [sys.executable, "-m", "interview_journal", "--db", str(db), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        env=env,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(fifo) in lines[0] and "FIFO" in lines[0], done.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a file"
    assert files_in(folder) == {"pipe"}


@pytest.mark.parametrize("writer", WRITERS)
def test_a_directory_at_the_target_is_refused(db: Path, tmp_path: Path, writer: str) -> None:
    folder = tmp_path / "out" / "a-folder"
    folder.mkdir(parents=True)
    assert_refused(write(db, writer, folder), str(folder), "directory")
    assert folder.is_dir() and files_in(folder) == set()
    assert files_in(folder.parent) == {"a-folder"}


# --- "-" is standard output ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_dash_means_standard_output(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--db", db, "export", "--format", fmt, "-o", "-")
    assert result.exit_code == 0, (result.output, result.exception)
    to_stdout = run("--db", db, "export", "--format", fmt)
    assert result.stdout_bytes == to_stdout.stdout_bytes
    assert result.stdout_bytes, "nothing was written to standard output"
    assert result.stderr == ""
    assert not (tmp_path / "-").exists(), 'a file named "-" was written'


def test_a_backup_to_dash_goes_to_standard_output_when_it_is_not_a_terminal(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("--db", db, "backup", "-o", "-")
    assert result.exit_code == 0, (result.output, result.exception)
    assert result.stdout_bytes.startswith(b"SQLite format 3\x00")
    assert "integrity checked" in result.stderr
    copy = tmp_path / "copy.db"
    copy.write_bytes(result.stdout_bytes)
    from interview_journal.store import open_journal

    with open_journal(copy, read_only=True) as journal:
        assert journal.count_interviews() == 6
    assert not (tmp_path / "-").exists()


# --- the TUI writes through the same routine -----------------------------------------------------

STAMP = "2026-11-25-140500"
"""The fixed clock's moment, as the TUI names its exports and backups."""


async def _run_palette(
    journal: Journal, clock: FixedClock, action: Callable[[Any], None]
) -> list[str]:
    app = make_app(journal, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        action(app)
        await settle(pilot)
        await pilot.pause(0.1)
        return toasts(app)


@pytest.mark.parametrize("fmt", [*FORMATS, "backup"])
async def test_the_palette_never_follows_a_planted_link(
    showcase_journal: Journal, clock: FixedClock, tmp_path: Path, fmt: str
) -> None:
    base = showcase_journal.path.parent
    suffix = {"json": "json", "markdown": "md", "csv": "csv", "ics": "ics"}.get(fmt, "db")
    if fmt == "backup":
        folder, name = base / "backups", f"{showcase_journal.path.stem}-{STAMP}.db"
    else:
        folder, name = base / "exports", f"interview-journal-{STAMP}.{suffix}"
    folder.mkdir(mode=0o700)
    precious = victim(tmp_path)
    trap = folder / f".{name}.partial"
    trap.symlink_to(precious)
    shown = await _run_palette(
        showcase_journal,
        clock,
        (lambda app: app.action_backup())
        if fmt == "backup"
        else (lambda app: app.action_export(fmt)),
    )
    assert_victim_untouched(precious)
    assert any(str(folder / name) in toast for toast in shown), shown
    assert stat.S_ISREG(os.lstat(folder / name).st_mode)
    assert files_in(folder) == {name, trap.name}


@pytest.mark.parametrize("fmt", [*FORMATS, "backup"])
async def test_the_palette_refuses_a_fifo_at_its_target(
    showcase_journal: Journal, clock: FixedClock, fmt: str
) -> None:
    base = showcase_journal.path.parent
    suffix = {"json": "json", "markdown": "md", "csv": "csv", "ics": "ics"}.get(fmt, "db")
    if fmt == "backup":
        folder, name = base / "backups", f"{showcase_journal.path.stem}-{STAMP}.db"
    else:
        folder, name = base / "exports", f"interview-journal-{STAMP}.{suffix}"
    folder.mkdir(mode=0o700)
    os.mkfifo(folder / name)
    shown = await _run_palette(
        showcase_journal,
        clock,
        (lambda app: app.action_backup())
        if fmt == "backup"
        else (lambda app: app.action_export(fmt)),
    )
    assert any("FIFO" in toast and name in toast for toast in shown), shown
    assert stat.S_ISFIFO(os.lstat(folder / name).st_mode)
    assert files_in(folder) == {name}


async def test_saving_markdown_from_the_detail_screen_refuses_a_fifo_and_a_link(
    showcase_journal: Journal, clock: FixedClock, tmp_path: Path
) -> None:
    app = make_app(showcase_journal, clock)
    exports = showcase_journal.path.parent / "exports"
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        app.push_screen(InterviewDetailScreen(1))
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        (saved,) = [path for path in exports.iterdir() if not path.name.startswith(".")]
        assert saved.read_text(encoding="utf-8").startswith("## ")

        saved.unlink()
        os.mkfifo(saved)
        await pilot.press("w")
        await settle(pilot)
        assert any("FIFO" in toast for toast in toasts(app)), toasts(app)
        assert stat.S_ISFIFO(os.lstat(saved).st_mode)

        saved.unlink()
        precious = victim(tmp_path)
        trap = exports / f".{saved.name}.partial"
        trap.symlink_to(precious)
        await pilot.press("w")
        await settle(pilot)
        assert_victim_untouched(precious)
        assert stat.S_ISREG(os.lstat(saved).st_mode)
        assert files_in(exports) == {saved.name, trap.name}


# --- one routine ---------------------------------------------------------------------------------

WRITING = re.compile(r"os\.(replace|rename|link)\(|\.partial|O_TRUNC|O_CREAT|\.replace\(target")


def test_every_file_is_written_by_the_one_routine() -> None:
    """Only the safe-write module renames files into place or creates them by hand."""
    offenders = []
    for source in sorted(PACKAGE.rglob("*.py")):
        if source.name == "safe_files.py":
            continue
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if WRITING.search(line):
                offenders.append(f"{source.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []
