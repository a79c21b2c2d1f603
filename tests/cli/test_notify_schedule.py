"""`notify --install` / `--uninstall`: the files each scheduler gets (golden files), and real
installs into a private HOME with a `systemctl` or `launchctl` on PATH that only writes
down how it was called.

The golden files are in tests/cli/golden/schedule/; after a deliberate change, rewrite
them with `GOLDEN_UPDATE=1 .venv/bin/python -m pytest tests/cli/test_notify_schedule.py`
and read the difference before committing it. launchd is tested on paper only (its
agent is parsed back with plistlib, `launchctl` is a stand-in): no Mac was at hand.
"""

from __future__ import annotations

import json
import os
import plistlib
import shlex
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import Result

from interview_journal.cli import notify_schedule
from interview_journal.errors import InputError
from interview_journal.services import schedule
from interview_journal.services.schedule import Scheduler
from interview_journal.store import Journal
from tests.cli.runner import assert_one_line_error, run

GOLDEN = Path(__file__).parent / "golden" / "schedule"
HOME = Path("/home/ada")
PROGRAM = ("/opt/ij/bin/interview-journal",)
JOURNAL = HOME / ".local/share/interview-journal/journal.db"
SPACED_PROGRAM = ("/opt/Interview Journal/bin/interview-journal",)
SPACED_JOURNAL = HOME / 'Job search/100% $HOME ada\'s "journal".db'
"""Spaces, both quotes, `%` (a systemd specifier, a cron line break) and `$` (a systemd
variable, a shell one): each must reach notify as typed."""

SERVICE = "interview-journal-notify.service"
TIMER = "interview-journal-notify.timer"
AGENT = "org.interview-journal.notify.plist"


def golden(name: str, text: str) -> None:
    """`text` is the golden file `name` (rewritten instead under GOLDEN_UPDATE=1)."""
    path = GOLDEN / name
    if os.environ.get("GOLDEN_UPDATE"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


def planned(scheduler: Scheduler, program: tuple[str, ...], journal: Path) -> dict[str, str]:
    setup = schedule.setup_for(scheduler, home=HOME, config=HOME / ".config", uid=501)
    argv = schedule.notify_argv(program, journal)
    return {file.path.name: file.text for file in schedule.file_texts(setup, argv)}


# -- the files, on paper ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("variant", "program", "journal"),
    [("plain", PROGRAM, JOURNAL), ("spaces", SPACED_PROGRAM, SPACED_JOURNAL)],
)
def test_the_files_each_scheduler_gets(
    variant: str, program: tuple[str, ...], journal: Path
) -> None:
    """The systemd units, the launchd agent and the crontab line, as golden files."""
    systemd = planned(Scheduler.SYSTEMD, program, journal)
    assert sorted(systemd) == [SERVICE, TIMER]
    golden(f"{variant}/{SERVICE}", systemd[SERVICE])
    golden(f"{variant}/{TIMER}", systemd[TIMER])
    golden(f"{variant}/{AGENT}", planned(Scheduler.LAUNCHD, program, journal)[AGENT])
    line = schedule.crontab_line(schedule.notify_argv(program, journal))
    golden(f"{variant}/crontab", line + "\n")
    assert planned(Scheduler.CRON, program, journal) == {}


def test_every_file_starts_with_the_marker() -> None:
    for scheduler in (Scheduler.SYSTEMD, Scheduler.LAUNCHD):
        for name, text in planned(scheduler, PROGRAM, JOURNAL).items():
            head = text.splitlines()[: 2 if name.endswith(".plist") else 1]
            assert any(schedule.MARKER in line for line in head), name


@pytest.mark.parametrize(
    ("program", "journal"), [(PROGRAM, JOURNAL), (SPACED_PROGRAM, SPACED_JOURNAL)]
)
def test_the_launchd_agent_reads_back_as_the_command(
    program: tuple[str, ...], journal: Path
) -> None:
    agent = plistlib.loads(planned(Scheduler.LAUNCHD, program, journal)[AGENT].encode())
    assert agent == {
        "Label": "org.interview-journal.notify",
        "ProgramArguments": [*program, "--db", str(journal), "notify"],
        "StartInterval": 900,
        "RunAtLoad": True,
    }


def test_the_crontab_line_reads_back_as_the_command() -> None:
    """cron gives sh the line with each `\\%` made `%`; sh splits it into the command."""
    line = schedule.crontab_line(schedule.notify_argv(SPACED_PROGRAM, SPACED_JOURNAL))
    minute, hour, day, month, weekday, command = line.split(" ", 5)
    assert (minute, hour, day, month, weekday) == ("*/15", "*", "*", "*", "*")
    assert "%" not in command.replace("\\%", "")  # no bare % for cron to break the line at
    words = shlex.split(command.replace("\\%", "%"))
    assert words == [*SPACED_PROGRAM, "--db", str(SPACED_JOURNAL), "notify", ">/dev/null", "2>&1"]


def test_the_crontab_line_runs_the_command_in_a_shell(tmp_path: Path) -> None:
    """The command part, run by sh as cron would, gives the program exactly its words."""
    folder = tmp_path / "Interview Journal" / "bin"
    folder.mkdir(parents=True)
    program = folder / "interview-journal"
    said = tmp_path / "said"
    program.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {shlex.quote(str(said))}\n')
    program.chmod(0o700)
    journal = tmp_path / "Job search" / 'ada\'s 100% "$HOME".db'
    line = schedule.crontab_line(schedule.notify_argv((str(program),), journal))
    command = line.split(" ", 5)[5].replace("\\%", "%")
    subprocess.run(["/bin/sh", "-c", command], check=True, timeout=30)
    assert said.read_text().splitlines() == ["--db", str(journal), "notify"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="needs systemd-analyze")
def test_systemd_accepts_the_units_with_spaces(tmp_path: Path) -> None:
    """`systemd-analyze verify` (which needs no running systemd) finds nothing wrong with
    the units for a program whose path has a space and `%`, once the program is there."""
    program = tmp_path / "Interview Journal 100%" / "interview-journal"
    program.parent.mkdir()
    program.write_text("#!/bin/sh\n")
    program.chmod(0o700)
    setup = schedule.setup_for(Scheduler.SYSTEMD, home=tmp_path, config=tmp_path, uid=0)
    argv = schedule.notify_argv((str(program),), SPACED_JOURNAL)
    for file in schedule.file_texts(setup, argv):
        schedule.write_file(file)
    checked = subprocess.run(
        ["systemd-analyze", "verify", *map(str, setup.paths)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr == ""


def test_a_program_path_systemd_refuses_is_said_before_anything_is_written() -> None:
    setup = schedule.setup_for(Scheduler.SYSTEMD, home=HOME, config=HOME / ".config", uid=0)
    with pytest.raises(InputError, match="quote or a backslash"):
        schedule.file_texts(setup, schedule.notify_argv(("/opt/ada's/interview-journal",), JOURNAL))


def test_a_path_with_a_line_break_is_refused() -> None:
    with pytest.raises(InputError, match="control character"):
        schedule.notify_argv(PROGRAM, HOME / "two\nlines.db")


@pytest.mark.parametrize(
    ("platform", "systemctl", "booted", "expected"),
    [
        ("darwin", None, False, Scheduler.LAUNCHD),
        ("linux", "/usr/bin/systemctl", True, Scheduler.SYSTEMD),
        ("linux", "/usr/bin/systemctl", False, Scheduler.CRON),  # a container, no systemd
        ("linux", None, True, Scheduler.CRON),
        ("freebsd14", None, False, Scheduler.CRON),
    ],
)
def test_which_scheduler_a_machine_gets(
    platform: str, systemctl: str | None, booted: bool, expected: Scheduler
) -> None:
    assert (
        schedule.detect_scheduler(platform, systemctl=systemctl, systemd_booted=booted) is expected
    )


def test_the_program_is_our_console_script_where_it_was_started(tmp_path: Path) -> None:
    """Named as it was started, through its link, not where the link points today."""
    real = tmp_path / "venv" / "bin" / "interview-journal"
    real.parent.mkdir(parents=True)
    real.write_text("#!/venv/bin/python\nfrom interview_journal.cli import main\n")
    real.chmod(0o700)
    link = tmp_path / "bin" / "interview-journal"
    link.parent.mkdir()
    link.symlink_to(real)
    assert schedule.program_argv(str(link), "/usr/bin/python3") == (str(link),)
    assert schedule.program_argv("interview-journal", "/x/python", lambda _: str(link)) == (
        str(link),
    )


def test_the_program_is_python_dash_m_when_started_otherwise(tmp_path: Path) -> None:
    stranger = tmp_path / "interview-journal"
    stranger.write_text("#!/bin/sh\necho not ours\n")
    stranger.chmod(0o700)
    python = ("/venv/bin/python", "-m", "interview_journal")
    assert schedule.program_argv(str(stranger), "/venv/bin/python") == python
    assert schedule.program_argv("/x/pytest", "/venv/bin/python") == python
    assert schedule.program_argv("", "/venv/bin/python") == python


def test_the_config_folder_follows_xdg_config_home() -> None:
    assert schedule.config_home({"XDG_CONFIG_HOME": "/cfg"}, HOME) == Path("/cfg")
    assert schedule.config_home({"XDG_CONFIG_HOME": "relative"}, HOME) == HOME / ".config"
    assert schedule.config_home({}, HOME) == HOME / ".config"


# -- installing for real, into a private HOME ------------------------------------------


def invoke(*args: str | Path, input: str | None = None) -> Result:
    """`interview-journal ARGS` in-process (stdin is not a terminal unless a test says so)."""
    return run(*args, input=input)


class Machine:
    """A private HOME and config folder, and a PATH whose `systemctl` and `launchctl`
    write each call's words to a log (and fail when told to)."""

    def __init__(self, root: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.home = root / "home"
        self.home.mkdir()
        self.config = self.home / ".config"
        self.units = self.config / "systemd" / "user"
        self.agent = self.home / "Library" / "LaunchAgents" / AGENT
        self.log = root / "calls.log"
        self.bin = root / "bin"
        self.bin.mkdir()
        for tool in ("systemctl", "launchctl"):
            script = self.bin / tool
            script.write_text(
                "#!/bin/sh\n"
                f'echo "{tool} $*" >> {shlex.quote(str(self.log))}\n'
                f"if [ -e {shlex.quote(str(root / 'fail'))} ]; then\n"
                '  echo "Failed to connect to bus: No medium found" >&2; exit 1\n'
                "fi\n"
            )
            script.chmod(0o700)
        self._fail = root / "fail"
        monkeypatch.setenv("HOME", str(self.home))
        monkeypatch.setenv("XDG_CONFIG_HOME", str(self.config))
        monkeypatch.setenv("PATH", f"{self.bin}{os.pathsep}{os.environ['PATH']}")

    def calls(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []

    def tools_fail(self) -> None:
        self._fail.touch()

    def files(self) -> list[Path]:
        return sorted(path for path in self.home.rglob("*") if not path.is_dir())


@pytest.fixture
def machine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Machine:
    return Machine(tmp_path, monkeypatch)


@pytest.fixture
def journal_file(journal: Journal) -> Path:
    return journal.path


def expected_service(journal: Path) -> str:
    """The service for this test run: the program is this Python with `-m` (pytest is not
    our console script)."""
    return schedule.systemd_service(
        schedule.notify_argv((sys.executable, "-m", "interview_journal"), journal)
    )


def test_install_shows_writes_and_starts_the_timer(machine: Machine, journal_file: Path) -> None:
    result = invoke("--db", journal_file, "notify", "--install", "--yes", "--platform", "systemd")
    assert result.exit_code == 0, (result.output, result.exception)
    service, timer = machine.units / SERVICE, machine.units / TIMER
    assert machine.files() == [service, timer]
    assert service.read_text() == expected_service(journal_file)
    assert timer.read_text() == schedule.systemd_timer()
    for path in (service, timer):  # the user's own systemd reads them; nobody else needs to
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert machine.calls() == [
        "systemctl --user daemon-reload",
        f"systemctl --user enable --now {TIMER}",
    ]
    shown, written = result.stdout.split(f"wrote {service}")
    # every path and its whole text, before anything was written
    assert f"{service}  (new)\n{service.read_text()}" in shown
    assert f"{timer}  (new)\n{timer.read_text()}" in shown
    assert "systemctl --user enable --now" in shown
    assert f"wrote {timer}" in written
    assert "notify now runs every 15 minutes" in written
    assert result.stderr == ""


def test_uninstall_stops_the_timer_and_removes_what_install_wrote(
    machine: Machine, journal_file: Path
) -> None:
    invoke("--db", journal_file, "notify", "--install", "--yes", "--platform", "systemd")
    wants = machine.units / "timers.target.wants" / TIMER
    wants.parent.mkdir()
    wants.symlink_to(machine.units / TIMER)  # what `enable` made
    calls_before = len(machine.calls())

    result = invoke("notify", "--uninstall", "--platform", "systemd")
    assert result.exit_code == 0, (result.output, result.exception)
    assert machine.files() == []
    assert not wants.is_symlink()
    assert machine.calls()[calls_before:] == [
        f"systemctl --user disable --now {TIMER}",
        "systemctl --user daemon-reload",
    ]
    for path in (machine.units / SERVICE, machine.units / TIMER, wants):
        assert f"removed {path}" in result.stdout


def test_without_a_user_manager_the_files_stay_and_the_command_is_said(
    machine: Machine, journal_file: Path
) -> None:
    machine.tools_fail()
    result = invoke("--db", journal_file, "notify", "--install", "--yes", "--platform", "systemd")
    assert result.exit_code == 0, (result.output, result.exception)
    assert machine.files() == [machine.units / SERVICE, machine.units / TIMER]
    assert machine.calls() == ["systemctl --user daemon-reload"]  # the rest was not tried
    (line,) = result.stderr.splitlines()
    assert "Failed to connect to bus" in line
    assert line.endswith(
        "to start it later, run: systemctl --user daemon-reload && "
        f"systemctl --user enable --now {TIMER}"
    )


def test_uninstall_with_nothing_installed_says_so(machine: Machine) -> None:
    result = invoke("notify", "--uninstall", "--platform", "systemd")
    assert result.exit_code == 0
    assert result.stdout.startswith("nothing to remove: no notify schedule")
    assert str(machine.units / TIMER) in result.stdout
    assert machine.calls() == []


def test_a_file_we_did_not_write_is_never_replaced(machine: Machine, journal_file: Path) -> None:
    machine.units.mkdir(parents=True)
    theirs = machine.units / TIMER
    theirs.write_text("[Timer]\nOnCalendar=daily\n")
    result = invoke("--db", journal_file, "notify", "--install", "--yes", "--platform", "systemd")
    assert_one_line_error(result, str(theirs), "not written by interview-journal")
    assert theirs.read_text() == "[Timer]\nOnCalendar=daily\n"
    assert machine.files() == [theirs]
    assert machine.calls() == []


def test_uninstall_removes_ours_and_leaves_and_names_a_foreign_file(
    machine: Machine, journal_file: Path
) -> None:
    invoke("--db", journal_file, "notify", "--install", "--yes", "--platform", "systemd")
    theirs = machine.units / TIMER
    theirs.write_text("[Timer]\nOnCalendar=daily\n")  # the user replaced our timer
    calls_before = len(machine.calls())
    result = invoke("notify", "--uninstall", "--platform", "systemd")
    assert result.exit_code == 2
    assert machine.files() == [theirs]
    assert f"removed {machine.units / SERVICE}" in result.stdout
    (line,) = result.stderr.splitlines()
    assert line == (
        f"interview-journal: left {theirs}: it was not written by interview-journal notify "
        "--install."
    )
    # their timer is not ours to stop; systemd is told the service is gone
    assert machine.calls()[calls_before:] == ["systemctl --user daemon-reload"]


def test_without_a_terminal_it_asks_for_yes_and_writes_nothing(
    machine: Machine, journal_file: Path
) -> None:
    result = invoke("--db", journal_file, "notify", "--install", "--platform", "systemd")
    assert_one_line_error(result, "add --yes", "nothing was written")
    assert machine.files() == []
    assert machine.calls() == []


@pytest.mark.parametrize(("answer", "written"), [("n\n", False), ("\n", False), ("y\n", True)])
def test_the_question_decides(
    machine: Machine,
    journal_file: Path,
    monkeypatch: pytest.MonkeyPatch,
    answer: str,
    written: bool,
) -> None:
    """On a terminal the plan is shown, then asked about; no (the default) writes nothing."""
    monkeypatch.setattr(notify_schedule, "stdin_is_terminal", lambda: True)
    result = invoke(
        "--db", journal_file, "notify", "--install", "--platform", "systemd", input=answer
    )
    assert "Write these files and start it? [y/N]" in result.stderr
    assert f"{machine.units / SERVICE}  (new)\n{expected_service(journal_file)}" in result.stdout
    if written:
        assert result.exit_code == 0
        assert machine.files() == [machine.units / SERVICE, machine.units / TIMER]
        assert len(machine.calls()) == 2
    else:
        assert result.exit_code == 1
        assert "cancelled; nothing was changed." in result.stderr
        assert machine.files() == []
        assert machine.calls() == []


def test_install_for_a_journal_that_is_not_there_is_refused(
    machine: Machine, tmp_path: Path
) -> None:
    missing = tmp_path / "typo.db"
    result = invoke("--db", missing, "notify", "--install", "--yes", "--platform", "systemd")
    assert_one_line_error(result, f"no journal at {missing}", "nothing was installed")
    assert machine.files() == []


def test_a_folder_that_cannot_be_made_is_one_line(machine: Machine, journal_file: Path) -> None:
    machine.config.mkdir()
    (machine.config / "systemd").write_text("a file where the folder goes")
    result = invoke("--db", journal_file, "notify", "--install", "--yes", "--platform", "systemd")
    assert result.exit_code == 2, result.output
    (line,) = result.stderr.splitlines()  # after the plan that was shown, one line
    assert line == (f"interview-journal: {machine.units}: Not a directory; nothing was installed.")
    assert "wrote" not in result.stdout
    assert machine.calls() == []


def test_installing_again_replaces_our_own_files(machine: Machine, journal_file: Path) -> None:
    invoke("--db", journal_file, "notify", "--install", "--yes", "--platform", "systemd")
    other = journal_file.parent / "other.db"
    shutil.copy(journal_file, other)
    result = invoke("--db", other, "notify", "--install", "--yes", "--platform", "systemd")
    assert result.exit_code == 0, result.output
    assert f"{machine.units / SERVICE}  (replaces ours)" in result.stdout
    assert (machine.units / SERVICE).read_text() == expected_service(other)


def test_launchd_install_reinstall_and_uninstall(machine: Machine, journal_file: Path) -> None:
    """On paper: the agent is parsed back; `launchctl` is the stand-in."""
    uid = os.getuid()
    first = invoke("--db", journal_file, "notify", "--install", "--yes", "--platform", "launchd")
    assert first.exit_code == 0, first.output
    assert machine.files() == [machine.agent]
    assert stat.S_IMODE(machine.agent.stat().st_mode) == 0o600
    agent = plistlib.loads(machine.agent.read_bytes())
    assert agent["ProgramArguments"] == [
        sys.executable,
        "-m",
        "interview_journal",
        "--db",
        str(journal_file),
        "notify",
    ]
    assert machine.calls() == [f"launchctl bootstrap gui/{uid} {machine.agent}"]

    again = invoke("--db", journal_file, "notify", "--install", "--yes", "--platform", "launchd")
    assert again.exit_code == 0, again.output
    assert machine.calls()[1:] == [  # launchd loads an agent once: out first, then in
        f"launchctl bootout gui/{uid}/org.interview-journal.notify",
        f"launchctl bootstrap gui/{uid} {machine.agent}",
    ]

    gone = invoke("notify", "--uninstall", "--platform", "launchd")
    assert gone.exit_code == 0, gone.output
    assert machine.files() == []
    assert machine.calls()[3:] == [f"launchctl bootout gui/{uid}/org.interview-journal.notify"]
    assert f"removed {machine.agent}" in gone.stdout


def test_cron_prints_the_line_and_changes_nothing(machine: Machine, journal_file: Path) -> None:
    result = invoke("--db", journal_file, "notify", "--install", "--platform", "cron")
    assert result.exit_code == 0, result.output
    argv = (sys.executable, "-m", "interview_journal", "--db", str(journal_file), "notify")
    assert result.stdout == schedule.crontab_line(argv) + "\n"  # alone: it can be piped
    assert "crontab -e" in result.stderr
    assert machine.files() == []
    assert machine.calls() == []
    removal = invoke("notify", "--uninstall", "--platform", "cron")
    assert removal.exit_code == 0
    assert "crontab -e" in removal.stdout


def test_the_installed_command_runs_notify_on_the_journal(
    machine: Machine, journal_file: Path
) -> None:
    """What the timer would start, started: the real program accepts the words written."""
    invoke("--db", journal_file, "notify", "--install", "--yes", "--platform", "systemd")
    (exec_start,) = [
        line.removeprefix("ExecStart=")
        for line in (machine.units / SERVICE).read_text().splitlines()
        if line.startswith("ExecStart=")
    ]
    argv = shlex.split(exec_start)  # plain words here: no quotes, `%` or `$` to undo
    assert argv == [sys.executable, "-m", "interview_journal", "--db", str(journal_file), "notify"]
    env = {key: value for key, value in os.environ.items() if key != "DBUS_SESSION_BUS_ADDRESS"}
    done = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr  # an empty journal: nothing needs you
    assert done.stderr == ""


@pytest.mark.parametrize("earlier", [False, True])
def test_a_failed_write_leaves_no_half_schedule(
    machine: Machine, journal_file: Path, monkeypatch: pytest.MonkeyPatch, earlier: bool
) -> None:
    """The disk fills while the timer is written: the service written just before is taken
    back (or, over an earlier install, put back as it was), and nothing is started."""
    if earlier:
        invoke("--db", journal_file, "notify", "--install", "--yes", "--platform", "systemd")
        service = machine.units / SERVICE  # edited by hand since, not all of it UTF-8
        service.write_bytes(service.read_bytes() + b"# \xff caf\xe9\n")
    before = {path: path.read_bytes() for path in machine.files()}
    calls_before = machine.calls()
    other = journal_file.parent / "other.db"
    shutil.copy(journal_file, other)
    write = schedule.write_file

    def disk_fills_at_the_timer(file: schedule.ScheduleFile) -> None:
        if file.path.name == TIMER:
            raise OSError(28, "No space left on device", str(file.path))
        write(file)

    monkeypatch.setattr(schedule, "write_file", disk_fills_at_the_timer)
    result = invoke("--db", other, "notify", "--install", "--yes", "--platform", "systemd")
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line == (
        f"interview-journal: {machine.units / TIMER}: No space left on device; "
        "nothing was installed."
    )
    assert {path: path.read_bytes() for path in machine.files()} == before
    assert machine.calls() == calls_before


def test_install_loads_neither_textual_nor_the_journal(
    machine: Machine, journal_file: Path
) -> None:
    """The real program, as the user starts it: the journal is only looked at, so neither
    Textual nor the SQL libraries are imported."""
    script = textwrap.dedent(
        """
        import json, sys
        from interview_journal.cli import main
        sys.argv = ["interview-journal", *sys.argv[1:]]
        try:
            main()
        except SystemExit as done:
            code = done.code
        heavy = ("textual", "sqlite_utils", "sqlite3")
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in heavy)
        print(json.dumps({"code": code, "loaded": loaded}))
        """
    )
    args = ["--db", str(journal_file), "notify", "--install", "--yes", "--platform", "systemd"]
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"code": 0, "loaded": []}
    assert machine.files() == [machine.units / SERVICE, machine.units / TIMER]
    assert len(machine.calls()) == 2
