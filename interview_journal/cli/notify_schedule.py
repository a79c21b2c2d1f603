"""`notify --install` and `notify --uninstall`: notify every 15 minutes, run by the
system's own scheduler (interview_journal/services/schedule.py has the files and commands).

Nothing is written without the user asking: the paths and the whole text of each file are
shown first, then a question (or `--yes`). `--uninstall` removes only files that carry our
marker. With cron nothing is written at all: the line to add is printed, alone on stdout,
so it can also be piped into `crontab`.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import click

from interview_journal.cli.common import db_choice, fail
from interview_journal.errors import InputError, JournalError
from interview_journal.present.visible import visible
from interview_journal.services import schedule
from interview_journal.services.schedule import Found, Scheduler, Setup, shown_command

INSTALLED_BY = {
    Scheduler.SYSTEMD: "a systemd user timer",
    Scheduler.LAUNCHD: "a launchd agent",
    Scheduler.CRON: "cron",
}


def stdin_is_terminal() -> bool:
    """Whether there is someone to ask (the tests answer the question through here)."""
    return sys.stdin.isatty()


def run_schedule(
    ctx: click.Context, *, db_path: Path | None, uninstall: bool, yes: bool, platform: str | None
) -> None:
    """Install (or with `uninstall`, remove) the schedule that runs `notify` on the journal
    chosen by `--db` (or its default), for `platform` (systemd, launchd, cron) or the
    one this machine has."""
    scheduler = Scheduler(platform) if platform else this_machines_scheduler()
    home = Path.home()
    setup = schedule.setup_for(
        scheduler,
        home=home,
        config=schedule.config_home(os.environ, home),
        uid=getattr(os, "getuid", lambda: 0)(),  # (Windows has no uid, and gets the cron line)
    )
    if uninstall:
        _uninstall(setup)
    else:
        _install(ctx, setup, db_path, yes=yes)


def this_machines_scheduler() -> Scheduler:
    return schedule.detect_scheduler(
        sys.platform,
        systemctl=shutil.which("systemctl"),
        systemd_booted=Path("/run/systemd/system").is_dir(),
    )


def _install(ctx: click.Context, setup: Setup, db_path: Path | None, *, yes: bool) -> None:
    from interview_journal.paths import resolve_paths

    journal = resolve_paths(db_choice(ctx, db_path)).database
    if not journal.is_file():
        fail(
            f"no journal at {journal} to notify about (check --db, or add an interview "
            "first); nothing was installed."
        )
    try:
        argv = schedule.notify_argv(
            schedule.program_argv(sys.argv[0] if sys.argv else "", sys.executable), journal
        )
        files = schedule.file_texts(setup, argv)
    except InputError as error:
        fail(f"{error.message} Nothing was installed.")
    if setup.scheduler is Scheduler.CRON:
        _print_crontab_line(argv)
        return
    found = {file.path: schedule.found_at(file.path) for file in files}
    for path, what in found.items():
        if what is Found.FOREIGN:
            fail(
                f"{path} is there and was not written by interview-journal; it was left as "
                "it is and nothing was installed (move it away first)."
            )
    if not yes and not stdin_is_terminal():
        fail(
            "notify --install writes files only when asked: add --yes to write them without "
            "a question (nothing was written)."
        )

    click.echo(
        f"notify --install will write {len(files)} "
        f"{'file' if len(files) == 1 else 'files'} for {INSTALLED_BY[setup.scheduler]}, "
        f"to run notify every {schedule.EVERY_MINUTES} minutes:"
    )
    for file in files:
        replaces = found[file.path] is Found.OURS
        name = click.style(visible(str(file.path)), bold=True)  # plain when piped
        click.echo(f"\n{name}  ({'replaces ours' if replaces else 'new'})")
        click.echo(visible(file.text), nl=False)
    click.echo("\nthen run:")
    for command in setup.start:
        click.echo(f"  {visible(shown_command(command))}")
    these = "these files" if len(files) > 1 else "this file"
    if not yes and not click.confirm(f"\nWrite {these} and start it?", default=False, err=True):
        raise click.Abort

    before = {path: schedule.read_bytes(path) for path, what in found.items() if what is Found.OURS}
    _write_all(files, before)
    if setup.scheduler is Scheduler.LAUNCHD and before:
        # launchd will not load an agent twice: the old one out (by its label) before the
        # new file goes in; only once that file is written, so a failed write stops nothing
        for command in setup.stop:
            schedule.run_command(command)
    for file in files:
        click.echo(f"wrote {visible(str(file.path))}")
    for index, command in enumerate(setup.start):
        ran = schedule.run_command(command)
        if not ran.ok:
            later = " && ".join(shown_command(rest) for rest in setup.start[index:])
            click.echo(
                visible(
                    f"interview-journal: `{shown_command(command)}` did not work "
                    f"({ran.detail}); the files stay: to start it later, run: {later}",
                    one_line=True,
                ),
                err=True,
            )
            return
        click.echo(f"ran {visible(shown_command(command))}")
    click.echo(
        f"notify now runs every {schedule.EVERY_MINUTES} minutes; "
        "`interview-journal notify --uninstall` removes it."
    )


def _write_all(files: tuple[schedule.ScheduleFile, ...], before: dict[Path, bytes]) -> None:
    """Write every file, or on a failure put back what was there (ours from an earlier
    install) and remove the new ones, so no half of a schedule is left."""
    written: list[Path] = []
    try:
        for file in files:
            schedule.write_file(file)
            written.append(file.path)
    except (OSError, JournalError) as error:
        for path in written:
            try:
                if path in before:
                    schedule.put_back(path, before[path])
                else:
                    schedule.remove_file(path)
            except OSError:
                pass
        if isinstance(error, JournalError):
            fail(f"{error.message} Nothing was installed.")
        fail(f"{error.filename or ''}: {error.strerror or error}; nothing was installed.")


def _print_crontab_line(argv: schedule.Command) -> None:
    click.echo(visible(schedule.crontab_line(argv), one_line=True))
    click.echo(
        f"interview-journal: to run notify every {schedule.EVERY_MINUTES} minutes, add the "
        "line above to your crontab with `crontab -e` (nothing was changed; "
        "`crontab -l` shows what is there).",
        err=True,
    )


def _uninstall(setup: Setup) -> None:
    if setup.scheduler is Scheduler.CRON:
        click.echo(
            "cron: interview-journal never changes your crontab; if you added its line, "
            "remove the one that runs `notify` with `crontab -e`."
        )
        return
    found = {path: schedule.found_at(path) for path in setup.paths}
    ours = [path for path, what in found.items() if what is Found.OURS]
    foreign = [path for path, what in found.items() if what is Found.FOREIGN]
    if not ours and not foreign:
        looked = ", ".join(str(path) for path in setup.paths)
        click.echo(
            visible(
                f"nothing to remove: no notify schedule for {INSTALLED_BY[setup.scheduler]} "
                f"is installed (looked for {looked}).",
                one_line=True,
            )
        )
        return
    if setup.started_by in ours:
        for command in setup.stop:
            _run_or_warn(command)
    for path in ours:
        schedule.remove_file(path)
        click.echo(f"removed {visible(str(path))}")
    for link in schedule.remove_links_to(setup.links, ours):
        click.echo(f"removed {visible(str(link))}")
    if ours:
        for command in setup.after_removal:
            _run_or_warn(command)
    if foreign:
        names = ", ".join(str(path) for path in foreign)
        fail(
            f"left {names}: {'it was' if len(foreign) == 1 else 'they were'} not written by "
            "interview-journal notify --install."
        )


def _run_or_warn(command: schedule.Command) -> None:
    ran = schedule.run_command(command)
    if ran.ok:
        click.echo(f"ran {visible(shown_command(command))}")
    else:
        click.echo(
            visible(
                f"interview-journal: warning: `{shown_command(command)}` did not work "
                f"({ran.detail}).",
                one_line=True,
            ),
            err=True,
        )
