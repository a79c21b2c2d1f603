"""What every command shares: one-line errors, `--db`, the clock, opening the journal,
JSON and table output.

Imports here stay light (click and the standard library): the heavier modules are
imported inside the functions that need them, so `list` and `today` start quickly.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from interview_journal.errors import InputError, JournalError

if TYPE_CHECKING:
    import pendulum

    from interview_journal.dates import Clock
    from interview_journal.domain.applications import ApplicationSummary
    from interview_journal.services.calendar_feed import CalendarFeed
    from interview_journal.services.config import Settings
    from interview_journal.store import Journal

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USAGE = 2


class UserError(click.ClickException):
    """One clear line on stderr and exit status 2: the user can fix this."""

    exit_code = EXIT_USAGE

    def show(self, file: IO[Any] | None = None) -> None:
        from interview_journal.present.visible import visible  # it may repeat what was typed

        click.echo(f"interview-journal: {visible(self.format_message())}", err=True)


def fail(message: str) -> NoReturn:
    raise UserError(message)


class JournalGroup(click.Group):
    """Turns our own errors into one line and exit 2, wherever they are raised."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Like click's, but every error is one line on stderr (usage errors included)."""
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.Abort:
            click.echo("interview-journal: cancelled; nothing was changed.", err=True)
            sys.exit(1)
        except click.ClickException as error:
            hint = ""
            if isinstance(error, click.UsageError) and error.ctx is not None:
                hint = f" (see `{error.ctx.command_path} --help`)"
            from interview_journal.present.visible import visible

            click.echo(f"interview-journal: {visible(error.format_message())}{hint}", err=True)
            sys.exit(error.exit_code)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except JournalError as error:
            raise UserError(error.message) from None


def db_option(func: F) -> F:
    """`--db` is accepted before or after the sub-command name."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=True, path_type=Path),
        help="Journal file to use (default: see `interview-journal locate`; "
        "or set INTERVIEW_JOURNAL_DB).",
        expose_value=True,
    )(func)


def db_choice(ctx: click.Context, db_path: Path | None) -> Path | None:
    """The `--db` given after the sub-command, else the one given before it."""
    if db_path is not None:
        return db_path
    root = ctx.find_root()
    return root.params.get("db_path") if root.params else None


def clock() -> Clock:
    """The clock every command reads "now" from (commands call it as `common.clock()`, so
    tests can fix the moment in this one place)."""
    from interview_journal.dates import SystemClock

    tz = os.environ.get("INTERVIEW_JOURNAL_TZ")
    try:
        return SystemClock(tz)
    except Exception:  # pendulum raises its own error types for unknown zones
        fail(f"INTERVIEW_JOURNAL_TZ: unknown time zone {tz!r} (e.g. Europe/Stockholm).")


def settings_and_warnings() -> tuple[Settings, list[str]]:
    """The config file's settings and its problems, each also one warning on stderr (the
    TUI shows them again as a notification, since it covers the terminal)."""
    from interview_journal.paths import default_config_path
    from interview_journal.services.config import load_settings

    found, warnings = load_settings(default_config_path())
    for warning in warnings:
        click.echo(f"interview-journal: warning: {warning}", err=True)
    return found, warnings


def settings() -> Settings:
    """The config file's settings; each problem in it is one warning on stderr."""
    return settings_and_warnings()[0]


def summaries_of(
    journal: Journal, now: pendulum.DateTime, ids: list[int] | None = None
) -> list[ApplicationSummary]:
    """The applications (or those `ids`) as the Applications view lists them, with the
    configured silence before one counts as ghosted (here, not in cli.applications, so
    `show` of an interview starts without the applications' commands)."""
    days = settings().suggestions.ghosted_after_days
    return journal.applications.summaries(now, ids=ids, ghosted_after_days=days)


class IfMissing(Enum):
    """What opening does when there is no journal at a path the user chose (the default
    path always gets a new journal: that is how a first run starts)."""

    CREATE = "create"
    """A command that adds something: create it, and say where."""
    REFUSE = "refuse"
    """A command that reads or changes what is there: refuse, the path may be mistyped."""
    ASK = "ask"
    """The TUI: create it after asking on a terminal, refuse otherwise."""


def open_chosen(
    ctx: click.Context, db_path: Path | None, if_missing: IfMissing, *, read_only: bool
) -> Journal:
    """The one open-or-create policy: the chosen journal, read-only when asked or when it
    cannot be written, created only as `if_missing` says."""
    from interview_journal.paths import resolve_paths
    from interview_journal.store import open_journal
    from interview_journal.store.database import JournalMissingError, cannot_write

    paths = resolve_paths(db_choice(ctx, db_path))
    why = None if read_only else cannot_write(paths.database)
    if why is not None:  # read it, change nothing; a write says it cannot
        read_only = True
        if if_missing is not IfMissing.ASK:  # the TUI says so on screen
            click.echo(f"{paths.database}: {why}; opened read-only.", err=True)
    try:
        return open_journal(paths.database, read_only=read_only)
    except JournalMissingError:
        if read_only:
            fail(f"no journal at {paths.database} to open read-only.")
    chosen = paths.database_source != "default"
    if chosen and if_missing is IfMissing.REFUSE:
        fail(f"no journal at {paths.database} (check the path, or add an interview first).")
    if (
        chosen
        and if_missing is IfMissing.ASK
        and (
            not sys.stdin.isatty()
            or not click.confirm(
                f"There is no journal at {paths.database}. Create a new one there?",
                default=False,
                err=True,
            )
        )
    ):
        fail(f"no journal at {paths.database}; nothing was created.")
    journal = open_journal(paths.database, create=True)
    if chosen and if_missing is IfMissing.CREATE:
        click.echo(f"created a new journal at {paths.database}", err=True)
    return journal


@contextmanager
def journal_for(ctx: click.Context, db_path: Path | None, *, create: bool) -> Iterator[Journal]:
    """The journal for a sub-command (read-only under `--read-only`), closed after it."""
    read_only = bool(ctx.find_root().params.get("read_only"))
    if_missing = IfMissing.CREATE if create else IfMissing.REFUSE
    journal = open_chosen(ctx, db_path, if_missing, read_only=read_only)
    if not journal.read_only:
        keep_calendar_current(journal)
    try:
        yield journal
    finally:
        journal.close()
    if journal.read_only_reason:  # said after the work: a refused write says it instead
        click.echo(
            f"interview-journal: {journal.read_only_reason}; nothing can be changed until "
            "there is room.",
            err=True,
        )


def keep_calendar_current(journal: Journal) -> None:
    """After each commit of this command, the calendar files the config file and the
    journal name are brought up to date (`services.calendar_feed`); a rewrite that fails
    is one warning on stderr, and the command's change stands. Nothing is loaded or read
    until the first commit, so commands that only read pay nothing."""
    feed: CalendarFeed | None = None

    def after_commit() -> None:
        nonlocal feed
        if feed is None:
            from interview_journal.services.calendar_feed import CalendarFeed

            feed = CalendarFeed(journal.connection, _quiet_settings, _now, _warn)
        feed.refresh()

    journal.connection.after_commit.append(after_commit)


def _quiet_settings() -> Settings:
    """The config file's settings; its problems are the command's own to say."""
    from interview_journal.paths import default_config_path
    from interview_journal.services.config import load_settings

    return load_settings(default_config_path())[0]


def _now() -> pendulum.DateTime:
    return clock().now()


def _warn(message: str) -> None:
    from interview_journal.present.visible import visible  # the path is the user's

    click.echo(f"interview-journal: warning: {visible(message)}", err=True)


def journal_exists(ctx: click.Context, db_path: Path | None) -> bool:
    from interview_journal.paths import resolve_paths

    return resolve_paths(db_choice(ctx, db_path)).database.exists()


def parse_id(text: str, what: str = "an interview") -> int:
    """An id as typed (of an interview unless `what` says "an application", "a person");
    a bad one is a one-line error."""
    from interview_journal.domain.validation import parse_id as parsed

    try:
        return parsed(text, what)
    except InputError as error:
        fail(error.message)


def print_json(data: object) -> None:
    click.echo(json_visible(json.dumps(data, ensure_ascii=False, indent=2)))


def json_visible(text: str) -> str:
    """JSON escapes C0 controls itself; DEL, the C1 and the bidirectional controls are
    written as \\uXXXX escapes too (the same string for a JSON reader), so none reaches
    a terminal raw."""
    from interview_journal.present.visible import BIDI_CONTROLS

    if text.isprintable():
        return text
    escapes = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *BIDI_CONTROLS)}
    return text.translate(escapes)


def table_lines(rows: Sequence[Sequence[str]]) -> list[str]:
    """Plain columns two spaces apart, for reading and for `grep`/`cut` alike; a header is
    simply the first row, and trailing spaces are dropped.

    Laid out here rather than with tabulate, which gives the same lines but imports
    importlib.metadata and email (about 40 modules, 12-20 ms) on every `list`."""
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def print_table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> None:
    """A table with a header; control characters shown, never sent
    (interview_journal/present/visible.py)."""
    from interview_journal.present.visible import visible

    every = [tuple(visible(cell, one_line=True) for cell in row) for row in [header, *rows]]
    for line in table_lines(every):
        click.echo(line)


@contextmanager
def progress(label: str, length: int | None, show: bool) -> Iterator[Callable[[int], object]]:
    """A progress bar on stderr for long work, when someone is watching."""
    if not show or not length or not sys.stderr.isatty():
        yield lambda _n: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar.update
