"""Everything out and back in: `export`, `import` and `backup`."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO, cast

import click

from interview_journal.cli import common
from interview_journal.cli.common import db_option, fail, journal_for, parse_id, progress
from interview_journal.errors import InputError

if TYPE_CHECKING:
    import pendulum

    from interview_journal.store import Journal

STDOUT_HINT = "write to standard output with -o -, or give the name of a new or regular file"
MB = 1_000_000


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown", "csv", "ics"]),
    default="json",
    show_default=True,
    help="json: everything, lossless (for import); markdown: to read or print; csv: for a "
    "spreadsheet; ics: upcoming interviews, planned follow-ups and promised feedback dates "
    "for a calendar.",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="File to write (created 0600, complete or not at all; never through a link, a "
    "device or a FIFO). Default, or -: standard output.",
)
@click.option("--interview", "interview_id", help="Only this interview (its id).")
@click.option("--since", help='Only interviews from this day on ("2026-09-01", "3 months ago").')
@click.option(
    "--table",
    type=click.Choice(["interviews", "follow-ups", "applications"]),
    default="interviews",
    show_default=True,
    help="For csv: one row per interview, per timeline entry, or per application.",
)
@click.option(
    "--keep-current",
    "keep_current",
    metavar="PATH|off",
    help="Write the calendar (ics) to PATH now, and again after every change that affects "
    "it, from any command or the app, until `--keep-current off` (which leaves the file as "
    "it is). The journal remembers PATH; [calendar] file in the config file works alike.",
)
@db_option
@click.pass_context
def export(
    ctx: click.Context,
    fmt: str,
    output: Path | None,
    interview_id: str | None,
    since: str | None,
    table: str,
    keep_current: str | None,
    db_path: Path | None,
) -> None:
    """Write the journal (or part of it) as JSON, Markdown, CSV or iCalendar.

    With --keep-current PATH, a calendar file that stays current: interviews from 90 days
    ago on, planned follow-ups as to-dos with an alarm, promised feedback days.
    """
    from interview_journal.dates import Lean, parse_day

    if keep_current is not None:
        given = ctx.get_parameter_source("fmt") is not click.core.ParameterSource.DEFAULT
        if given and fmt != "ics":
            fail("--keep-current keeps an iCalendar file: use it with --format ics, or alone.")
        if output is not None or interview_id is not None or since is not None:
            fail(
                "--keep-current keeps the whole journal's calendar: leave out -o, "
                "--interview and --since."
            )
        _keep_current(ctx, db_path, keep_current)
        return
    now = common.clock().now()
    number = parse_id(interview_id) if interview_id is not None else None
    since_moment = None
    if since is not None:
        try:
            day = parse_day(since, now, Lean.PAST)
        except InputError as error:
            fail(f"--since: {error.message}")
        since_moment = now.replace(year=day.year, month=day.month, day=day.day).start_of("day")
    target = _output_target(output)
    try:
        with journal_for(ctx, db_path, create=False) as journal:
            _export(journal, fmt, target, number, since_moment, table, now)
    except OSError as error:
        fail(f"{output}: cannot write there ({error.strerror or error}); nothing was written.")
    if target is not None:
        click.echo(f"wrote {target}", err=True)


def _keep_current(ctx: click.Context, db_path: Path | None, value: str) -> None:
    """Write the calendar to `value` and have the journal keep it current, or with "off"
    stop keeping it. A path that cannot be written is one line and exit 2: nothing is
    written and the journal is left as it was."""
    from interview_journal.safe_files import UnsafeTargetError, check_target
    from interview_journal.services.calendar_feed import (
        CALENDAR_SETTING,
        CalendarFeed,
        journal_calendar,
    )
    from interview_journal.store.journal_settings import JournalSettings

    not_kept = "no calendar is kept current"
    with journal_for(ctx, db_path, create=False) as journal:
        if journal.read_only:
            fail(f"{journal.path}: the journal is open read-only; {not_kept}.")
        kept = journal_calendar(journal.connection)
        configured = common.settings().calendar_file
        if value.strip().lower() == "off":
            if kept is not None:
                JournalSettings(journal.connection).delete(CALENDAR_SETTING)
                click.echo(f"{kept} is no longer kept current (the file is left as it is).")
            else:
                click.echo("this journal kept no calendar file current; nothing was changed.")
            if configured is not None:
                click.echo(f"{configured} is still kept current: [calendar] file in the config.")
            return
        try:
            target = check_target(Path(value))
        except UnsafeTargetError as error:
            fail(f"{error.message[:-1]}, and {not_kept}.")
        if not target.parent.is_dir():
            fail(
                f"{target}: the folder {target.parent} does not exist; nothing was written, "
                f"and {not_kept}."
            )
        feed = CalendarFeed(journal.connection, common.settings, common.clock().now, _ignore)
        try:
            count = feed.write_now(target)
        except OSError as error:
            fail(
                f"{target}: cannot write there ({error.strerror or error}); nothing was "
                f"written, and {not_kept}."
            )
        JournalSettings(journal.connection).set(CALENDAR_SETTING, str(target))
    items = f"{count:,} item{'' if count == 1 else 's'}"
    click.echo(f"wrote {target} ({items}); it is kept current after every change.")
    if kept is not None and kept != target:
        click.echo(f"{kept} is no longer kept current (the file is left as it is).")
    click.echo("Stop with: interview-journal export --keep-current off")


def _ignore(_message: str) -> None:
    """`write_now` raises its failures; nothing is said through the listener's channel."""


def _output_target(output: Path | None) -> Path | None:
    """Where `-o` points: None for standard output (no option, or "-"), else a path that
    is checked before any work is done: a device, FIFO, link or directory is refused."""
    from interview_journal.safe_files import UnsafeTargetError, check_target

    if output is None or str(output) == "-":
        return None
    try:
        return check_target(output)
    except UnsafeTargetError as error:
        system = str(error.target).startswith(("/dev/", "/proc/"))  # /dev/stdout and such
        if error.kind.endswith("a directory") or (error.kind == "a symbolic link" and not system):
            fail(error.message)
        # a device, a FIFO, a socket (or a link to one, like /dev/stdout)
        fail(
            f"{error.target}: is {error.kind}, not a regular file; {STDOUT_HINT}; "
            "nothing was written."
        )


def _export(
    journal: Journal,
    fmt: str,
    target: Path | None,
    number: int | None,
    since_moment: pendulum.DateTime | None,
    table: str,
    now: pendulum.DateTime,
) -> None:
    from interview_journal.services.export import export_records

    if number is not None:
        journal.get_interview(number)  # an unknown id is one clear line
    if fmt == "csv" and table == "applications":
        total = journal.applications.count()
    else:
        total = 1 if number is not None else journal.count_interviews()
    shown = _visible_stdout() if target is None and fmt in ("markdown", "csv") else None
    settings = common.settings()
    with (
        progress(f"Exporting {fmt}", total, show=target is not None) as step,
        shown or contextlib.nullcontext(),
    ):
        export_records(
            journal,
            fmt,
            now,
            target,
            interview_id=number,
            since=since_moment,
            table=table,
            progress=step,
            ghosted_after_days=settings.suggestions.ghosted_after_days,
            interview_minutes=settings.interview_minutes,
        )


class _Shown:
    """Standard output that shows control characters instead of sending them."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        from interview_journal.present.visible import visible

        return int(self.out.write(visible(text)))

    def __getattr__(self, name: str) -> object:
        return getattr(self.out, name)


def _visible_stdout() -> contextlib.AbstractContextManager[object] | None:
    """On a terminal, Markdown and CSV on standard output show control characters instead
    of sending them (interview_journal/present/visible.py); to a file or a pipe, the text
    goes as it is."""
    if not sys.stdout.isatty():
        return None
    return contextlib.redirect_stdout(cast("TextIO", _Shown(sys.stdout)))  # writes alike


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and say what would change.")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@db_option
@click.pass_context
def import_(
    ctx: click.Context, file: Path, dry_run: bool, as_json: bool, db_path: Path | None
) -> None:
    """Merge a JSON export into the journal: all or nothing, matched by uuid.

    New interviews, evaluations and entries are added; ones the file has a newer version
    of are updated; everything else is left alone. Importing the same file twice changes
    nothing the second time.
    """
    from interview_journal.services.exchange import parse_export
    from interview_journal.store import open_journal

    text = _read_export_file(file)
    try:
        plan = parse_export(text)
    except InputError as error:
        fail(f"{file}: {error.message}")
    if dry_run and not common.journal_exists(ctx, db_path):
        # nothing to merge with: a dry run into a scratch journal says what would be added,
        # and creates nothing where the user pointed
        with (
            tempfile.TemporaryDirectory(prefix="interview-journal-dry-run-") as scratch,
            open_journal(Path(scratch) / "dry-run.db", create=True) as journal,
        ):
            report = journal.import_plan(plan, dry_run=True)
    else:
        with (
            journal_for(ctx, db_path, create=True) as journal,
            progress("Importing", len(plan.interviews), show=True) as step,
        ):
            report = journal.import_plan(plan, dry_run=dry_run, progress=step)
    if as_json:
        common.print_json(report.as_dict() | {"dry_run": dry_run})
        return
    if dry_run:
        click.echo("dry run: nothing was changed. The import would have:")
    for line in report.lines():
        click.echo(line)


def _size_text(size: int) -> str:
    for unit, scale in (("GB", 1_000_000_000), ("MB", MB), ("KB", 1000)):
        if size >= scale:
            return f"{size / scale:,.1f} {unit}"
    return f"{size} bytes"


def _read_export_file(file: Path) -> str:
    """The text of an export: from a regular file only (a device such as /dev/zero would be
    read until memory runs out, a FIFO would block), no bigger than the configured limit,
    UTF-8 with or without a byte-order mark."""
    from interview_journal.paths import default_config_path
    from interview_journal.safe_files import describe_mode

    def too_big(size: int) -> NoReturn:
        fail(
            f"{file}: is {_size_text(size)}; the import limit is {limit_mb:,} MB "
            f"([import] max-size-mb in {default_config_path()}); nothing was imported."
        )

    limit_mb = common.settings().import_max_mb
    try:
        info = file.stat()
    except FileNotFoundError:
        fail(f"{file}: no such file.")
    except OSError as error:
        fail(f"{file}: cannot be read ({error.strerror}).")
    if not stat.S_ISREG(info.st_mode):
        fail(
            f"{file}: is {describe_mode(info.st_mode)}, not a regular file; an export to "
            "import is a .json file; nothing was imported."
        )
    if info.st_size > limit_mb * MB:
        too_big(info.st_size)
    data = _read_at_most(file, limit_mb * MB + 1)
    if len(data) > limit_mb * MB:
        too_big(len(data))
    try:
        return data.decode("utf-8-sig")  # a byte-order mark (Windows editors) is fine
    except UnicodeDecodeError:
        fail(f"{file}: not a text file (an export is UTF-8 JSON); nothing was imported.")


def _read_at_most(file: Path, size: int) -> bytes:
    """Up to `size` bytes of a file that is still a regular file once open."""
    try:
        # O_NONBLOCK: should a FIFO have taken the file's place since the look before, the
        # open returns at once (and the check below refuses it) instead of waiting
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(file, flags)
    except OSError as error:
        fail(f"{file}: cannot be read ({error.strerror}).")
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            fail(f"{file}: is not a regular file; nothing was imported.")
        try:
            return handle.read(size)
        except OSError as error:
            fail(f"{file}: cannot be read ({error.strerror}).")


@click.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="Where to write the copy (default: backups/ beside the journal, with the time; "
    "- for standard output).",
)
@db_option
@click.pass_context
def backup(ctx: click.Context, output: Path | None, db_path: Path | None) -> None:
    """A consistent, checked copy of the journal (safe while the app is open)."""
    from interview_journal.services.backup import back_up, back_up_to_stream

    now = common.clock().now()
    to_stdout = output is not None and str(output) == "-"
    if to_stdout and sys.stdout.isatty():
        fail(
            "-o -: a backup is a binary SQLite file; send standard output to a file or a "
            "pipe (> copy.db), or give a file name."
        )
    target = None if output is None or to_stdout else _output_target(output)
    with journal_for(ctx, db_path, create=False) as journal:
        if to_stdout:
            copy = back_up_to_stream(journal, sys.stdout.buffer)
        else:
            copy = back_up(journal, now, target).copy
    where = "standard output" if to_stdout else str(copy.path)
    count = f"{copy.interviews:,} interview{'' if copy.interviews == 1 else 's'}"
    click.echo(
        f"backed up to {where} ({count}, {copy.size / 1024:,.0f} KiB, integrity checked)",
        err=to_stdout,
    )
