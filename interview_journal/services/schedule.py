"""Running `notify` on a schedule with what the system already has: a systemd user timer
(Linux), a launchd agent (macOS), or a crontab line the user adds themselves (elsewhere).

The plan -- which files, their exact text, the commands that start and stop them -- is
built from plain facts passed in (the program's argv, the journal, the home and config
folders, the uid), so the same facts give the same files on any machine, and golden files
pin them. Reading what is there, writing, removing and running `systemctl`/`launchctl`
are the small functions at the end, which `notify --install`/`--uninstall` puts in order.

Every file starts with `MARKER`, so `--uninstall` removes only what `--install` wrote.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import stat
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum, StrEnum
from pathlib import Path

from interview_journal.errors import InputError

MARKER = "written by interview-journal notify"
"""On the first line of every file we write (after the XML declaration in a plist): what
`--uninstall` looks for before it removes a file."""
EVERY_MINUTES = 15
UNIT = "interview-journal-notify"
"""The systemd units' name: `UNIT.service` runs notify once, `UNIT.timer` starts it."""
AGENT_LABEL = "org.interview-journal.notify"
"""The launchd agent's label, and its file's name."""
PROGRAM_NAME = "interview-journal"

Command = tuple[str, ...]


class Scheduler(StrEnum):
    """What runs notify every `EVERY_MINUTES` minutes."""

    SYSTEMD = "systemd"
    LAUNCHD = "launchd"
    CRON = "cron"


def detect_scheduler(platform: str, *, systemctl: str | None, systemd_booted: bool) -> Scheduler:
    """launchd on macOS (`platform` is `sys.platform`), a systemd user timer where systemd
    runs the machine (a `systemctl` on PATH and `/run/systemd/system`), else cron."""
    if platform == "darwin":
        return Scheduler.LAUNCHD
    if platform.startswith("linux") and systemctl and systemd_booted:
        return Scheduler.SYSTEMD
    return Scheduler.CRON


def program_argv(
    argv0: str, executable: str, which: Callable[[str], str | None] = shutil.which
) -> Command:
    """How the scheduler should start this program: the console script that is running
    when it is ours, else this Python with `-m interview_journal`.

    Paths are made absolute but links are not followed: a packager's link
    (`~/.local/bin`, Homebrew's `bin/`) keeps working after an upgrade, while the file it
    points to today (a versioned folder) may not. For the same reason the Python of a
    virtual environment is kept as it is: resolving it would leave the environment.
    """
    candidate = argv0 if os.sep in argv0 else (which(argv0) or "") if argv0 else ""
    if candidate and _is_our_console_script(Path(candidate)):
        return (str(Path(candidate).absolute()),)
    return (str(Path(executable).absolute()), "-m", "interview_journal")


def _is_our_console_script(path: Path) -> bool:
    if path.name not in (PROGRAM_NAME, f"{PROGRAM_NAME}.exe"):
        return False
    try:
        if not path.is_file() or not os.access(path, os.X_OK):
            return False
        with path.open("rb") as handle:
            return b"interview_journal" in handle.read(4096)
    except OSError:
        return False


def notify_argv(program: Sequence[str], journal: Path) -> Command:
    """The command the scheduler runs: `notify` on this journal, named by its absolute path
    (the scheduler has neither our working folder nor INTERVIEW_JOURNAL_DB)."""
    words = (*program, "--db", str(journal.absolute()), "notify")
    for word in words:
        if any(ord(char) < 32 or ord(char) == 127 for char in word):
            raise InputError(
                f"{word!r} has a control character (a line break, a tab) in it, which a "
                "timer or crontab line cannot carry; move it to a path without one."
            )
    return words


def config_home(environ: Mapping[str, str], home: Path) -> Path:
    """`$XDG_CONFIG_HOME` when it is set to an absolute path (as the XDG rules say), else
    `~/.config`."""
    chosen = environ.get("XDG_CONFIG_HOME", "")
    return Path(chosen) if chosen and Path(chosen).is_absolute() else home / ".config"


@dataclass(frozen=True)
class Setup:
    """Where one scheduler's files go and the commands that start and stop them."""

    scheduler: Scheduler
    paths: tuple[Path, ...]
    """The files `--install` writes, in the order it writes them (none for cron)."""
    start: tuple[Command, ...]
    """Run in order after writing; if one fails, it and the rest are for the user to run."""
    stop: tuple[Command, ...]
    """Run before the files are removed (and before a launchd agent is replaced)."""
    after_removal: tuple[Command, ...]
    """Run once the files are gone (systemd forgets the units)."""
    started_by: Path | None
    """The file `start` and `stop` are about: `stop` runs only when this one is ours."""
    links: tuple[Path, ...] = ()
    """Links the scheduler makes to our files when enabling them; removed with them."""


def setup_for(scheduler: Scheduler, *, home: Path, config: Path, uid: int) -> Setup:
    """The files and commands for `scheduler`, for the user with this home, config folder
    (see `config_home`) and uid."""
    if scheduler is Scheduler.SYSTEMD:
        folder = config / "systemd" / "user"
        timer = f"{UNIT}.timer"
        return Setup(
            scheduler,
            paths=(folder / f"{UNIT}.service", folder / timer),
            start=(
                ("systemctl", "--user", "daemon-reload"),
                ("systemctl", "--user", "enable", "--now", timer),
            ),
            stop=(("systemctl", "--user", "disable", "--now", timer),),
            after_removal=(("systemctl", "--user", "daemon-reload"),),
            started_by=folder / timer,
            links=(folder / "timers.target.wants" / timer,),
        )
    if scheduler is Scheduler.LAUNCHD:
        agent = home / "Library" / "LaunchAgents" / f"{AGENT_LABEL}.plist"
        return Setup(
            scheduler,
            paths=(agent,),
            start=(("launchctl", "bootstrap", f"gui/{uid}", str(agent)),),
            stop=(("launchctl", "bootout", f"gui/{uid}/{AGENT_LABEL}"),),
            after_removal=(),
            started_by=agent,
        )
    return Setup(scheduler, paths=(), start=(), stop=(), after_removal=(), started_by=None)


@dataclass(frozen=True)
class ScheduleFile:
    """One file `--install` writes, with its whole text."""

    path: Path
    text: str


def file_texts(setup: Setup, argv: Command) -> tuple[ScheduleFile, ...]:
    """The text of each of `setup`'s files, for running `argv` (see `notify_argv`)."""
    if setup.scheduler is Scheduler.SYSTEMD:
        service, timer = setup.paths
        return (
            ScheduleFile(service, systemd_service(argv)),
            ScheduleFile(timer, systemd_timer()),
        )
    if setup.scheduler is Scheduler.LAUNCHD:
        return (ScheduleFile(setup.paths[0], launchd_agent(argv)),)
    return ()


_HEADER = f"# {MARKER} --install; notify --uninstall removes it\n"


def systemd_service(argv: Command) -> str:
    """The service: notify once, quietly; exit 1 ("something needs you") is a success."""
    return (
        f"{_HEADER}"
        "[Unit]\n"
        "Description=Interview Journal: notify about what needs you now\n"
        "\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"ExecStart={systemd_command(argv)}\n"
        "# notify exits 1 when it has told you something: that is not a failure\n"
        "SuccessExitStatus=1\n"
        "# what it prints names your interviews: keep it out of the system log\n"
        "StandardOutput=null\n"
    )


def systemd_timer() -> str:
    """The timer: every `EVERY_MINUTES` minutes on the clock, catching up after sleep."""
    return (
        f"{_HEADER}"
        "[Unit]\n"
        f"Description=Interview Journal: run notify every {EVERY_MINUTES} minutes\n"
        "\n"
        "[Timer]\n"
        f"OnCalendar=*:0/{EVERY_MINUTES}\n"
        "# a run missed while the computer was off or asleep happens when it is back\n"
        "Persistent=true\n"
        "\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )


_SYSTEMD_PLAIN = re.compile(r"[A-Za-z0-9_@+=:,./-]+")
_SYSTEMD_REFUSES_IN_PROGRAM = "\"'\\"
"""systemd (252 checked) refuses a program path with one of these, however it is quoted."""


def systemd_command(argv: Command) -> str:
    """An `ExecStart=` value that systemd reads back as exactly `argv`.

    Raises `InputError` for a program path systemd will not start (see
    `_SYSTEMD_REFUSES_IN_PROGRAM`)."""
    program, *arguments = argv
    if any(char in program for char in _SYSTEMD_REFUSES_IN_PROGRAM):
        raise InputError(
            f"systemd will not start a program whose path has a quote or a backslash in it "
            f"({program}); install interview-journal at a path without one, or use "
            "--platform cron."
        )
    return " ".join([systemd_word(program, program=True)] + [systemd_word(a) for a in arguments])


def systemd_word(word: str, *, program: bool = False) -> str:
    """One word of an `ExecStart=` line, read back by systemd as exactly `word`: in double
    quotes (with `\\` and `"` escaped) unless it is plain, `%` doubled since systemd expands
    `%` specifiers even inside quotes, and in an argument `$` doubled too (`$VARIABLES` are
    expanded in arguments, never in the program's path, where `$$` would stay two)."""
    escaped = word.replace("%", "%%")
    if not program:
        escaped = escaped.replace("$", "$$")
    if _SYSTEMD_PLAIN.fullmatch(word):
        return escaped
    return '"' + escaped.replace("\\", "\\\\").replace('"', '\\"') + '"'


def launchd_agent(argv: Command) -> str:
    """The agent's property list, written by plistlib (which escapes the XML), with our
    marker as a comment after the XML declaration."""
    import plistlib  # (only here: a few ms of start-up that systemd and cron never need)

    document = plistlib.dumps(
        {
            "Label": AGENT_LABEL,
            "ProgramArguments": list(argv),
            "StartInterval": EVERY_MINUTES * 60,
            "RunAtLoad": True,
        },
        sort_keys=False,
    ).decode("utf-8")
    declaration, rest = document.split("\n", 1)
    # (an XML comment cannot hold "--", so the options are named in words)
    comment = f"<!-- {MARKER} on install; its uninstall option removes it -->"
    return f"{declaration}\n{comment}\n{rest}"


def crontab_line(argv: Command) -> str:
    """The line for `crontab -e`: every `EVERY_MINUTES` minutes, shell-quoted, its output
    (which names interviews) thrown away rather than mailed. cron turns a bare `%` into a
    line break, so each is escaped."""
    command = " ".join(shlex.quote(word) for word in argv).replace("%", "\\%")
    return f"*/{EVERY_MINUTES} * * * * {command} >/dev/null 2>&1"


def shown_command(command: Command) -> str:
    """A command as the user would type it in a shell."""
    return shlex.join(command)


# -- what is there, writing, removing, running -------------------------------------------


class Found(Enum):
    """What is at one of our paths."""

    NOTHING = "nothing"
    OURS = "ours"
    """A regular file starting with `MARKER`."""
    FOREIGN = "foreign"
    """Anything else: someone else's file, a link, a folder. Never replaced or removed."""


def found_at(path: Path) -> Found:
    """What is at `path` (a link is foreign even when it points to one of ours)."""
    try:
        info = path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return Found.NOTHING
    if not stat.S_ISREG(info.st_mode):
        return Found.FOREIGN
    try:
        with path.open("rb") as handle:
            head = handle.read(1024).decode("utf-8", "replace").splitlines()[:2]
    except OSError:
        return Found.FOREIGN
    return Found.OURS if any(MARKER in line for line in head) else Found.FOREIGN


def read_bytes(path: Path) -> bytes:
    """What is in a file, as it is (to put back if a new install fails halfway)."""
    return path.read_bytes()


def write_file(file: ScheduleFile) -> None:
    """Write one file whole (it appears complete or not at all), owner-only (0600): the
    user's own systemd or launchd reads it, nobody else needs to."""
    from interview_journal.safe_files import staged_file

    file.path.parent.mkdir(parents=True, exist_ok=True)
    with staged_file(file.path) as handle:
        handle.write(file.text)


def put_back(path: Path, content: bytes) -> None:
    """Write `content` (read by `read_bytes`) back to `path`, whole."""
    from interview_journal.safe_files import staged_file

    with staged_file(path, binary=True) as handle:
        handle.write(content)


def remove_file(path: Path) -> None:
    path.unlink()


def remove_links_to(links: Sequence[Path], removed: Sequence[Path]) -> list[Path]:
    """The scheduler's links (`links`) that point to one of the files just removed, removed
    too; the ones removed."""
    gone = {_normal(path) for path in removed}
    taken: list[Path] = []
    for link in links:
        with contextlib.suppress(OSError):
            if not link.is_symlink():
                continue
            if _normal(link.parent / link.readlink()) in gone:
                link.unlink()
                taken.append(link)
    return taken


def _normal(path: Path) -> str:
    return os.path.normpath(path.absolute())


@dataclass(frozen=True)
class Ran:
    """How one command went."""

    command: Command
    ok: bool
    detail: str = ""
    """Why it failed, in one line: not found, its exit status and last line of output."""


COMMAND_SECONDS = 60


def run_command(command: Command) -> Ran:
    """Run `command` (found on PATH), its output captured; never raises."""
    import subprocess

    found = shutil.which(command[0])
    if found is None:
        return Ran(command, False, f"there is no {command[0]} on PATH")
    try:
        done = subprocess.run(
            [found, *command[1:]],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=COMMAND_SECONDS,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Ran(command, False, f"it did not finish in {COMMAND_SECONDS} s")
    except OSError as error:
        return Ran(command, False, error.strerror or str(error))
    if done.returncode == 0:
        return Ran(command, True)
    said = (done.stderr.strip() or done.stdout.strip()).splitlines()
    return Ran(command, False, f"exit status {done.returncode}" + (f": {said[-1]}" if said else ""))
