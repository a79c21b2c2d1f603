"""The `interview-journal` command: the TUI by default, sub-commands for scripts.

Sub-commands that only read or write the journal never import Textual, so they start in
about the time it takes to import sqlite-utils and pendulum.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from interview_journal import __version__
from interview_journal.errors import InputError, JournalError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USAGE = 2


class UserError(click.ClickException):
    """One clear line on stderr and exit status 2: the user can fix this."""

    exit_code = EXIT_USAGE

    def show(self, file: Any = None) -> None:
        from interview_journal.present.visible import visible  # it may repeat what was typed

        click.echo(f"interview-journal: {visible(self.format_message())}", err=True)


def fail(message: str) -> NoReturn:
    raise UserError(message)


class JournalGroup(click.Group):
    """Turns our own errors into one line and exit 2, wherever they are raised."""

    def main(
        self,
        args: Any = None,
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


def _db_choice(ctx: click.Context, db_path: Path | None) -> Path | None:
    if db_path is not None:
        return db_path
    root = ctx.find_root()
    return root.params.get("db_path") if root.params else None


def _clock() -> Any:
    from interview_journal.dates import SystemClock

    tz = os.environ.get("INTERVIEW_JOURNAL_TZ")
    try:
        return SystemClock(tz)
    except Exception:  # pendulum raises its own error types for unknown zones
        fail(f"INTERVIEW_JOURNAL_TZ: unknown time zone {tz!r} (e.g. Europe/Stockholm).")


@contextmanager
def journal_for(ctx: click.Context, db_path: Path | None, *, create: bool) -> Iterator[Any]:
    """Open the chosen journal for a command; creates one only where that is expected."""
    from interview_journal.paths import resolve_paths
    from interview_journal.store import open_journal
    from interview_journal.store.database import JournalMissingError, cannot_write

    paths = resolve_paths(_db_choice(ctx, db_path))
    read_only = bool(ctx.find_root().params.get("read_only"))
    why = None if read_only else cannot_write(paths.database)
    if why is not None:  # read it, change nothing; a write says it cannot
        read_only = True
        click.echo(f"{paths.database}: {why}; opened read-only.", err=True)
    try:
        journal = open_journal(paths.database, read_only=read_only)
    except JournalMissingError:
        if read_only:
            fail(f"no journal at {paths.database} to open read-only.")
        if not create and paths.database_source != "default":
            fail(f"no journal at {paths.database} (check the path, or add an interview first).")
        journal = open_journal(paths.database, create=True)
        if paths.database_source != "default":
            click.echo(f"created a new journal at {paths.database}", err=True)
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


def _journal_exists(ctx: click.Context, db_path: Path | None) -> bool:
    from interview_journal.paths import resolve_paths

    return resolve_paths(_db_choice(ctx, db_path)).database.exists()


def _print_json(data: Any) -> None:
    click.echo(_json_visible(json.dumps(data, ensure_ascii=False, indent=2)))


def _json_visible(text: str) -> str:
    """JSON escapes C0 controls itself; DEL, the C1 and the bidirectional controls are
    written as \\uXXXX escapes too (the same string for a JSON reader), so none reaches
    a terminal raw."""
    from interview_journal.present.visible import BIDI_CONTROLS

    if text.isprintable():
        return text
    escapes = {code: f"\\u{code:04x}" for code in (0x7F, *range(0x80, 0xA0), *BIDI_CONTROLS)}
    return text.translate(escapes)


@click.group(
    cls=JournalGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(__version__, "-V", "--version", prog_name="interview-journal")
@db_option
@click.option(
    "--view",
    type=click.Choice(["interviews", "timeline", "review"]),
    default=None,
    help="The view to open on (default: the review when something needs you, else the list; "
    "see open-on in the config).",
)
@click.option(
    "--read-only",
    is_flag=True,
    help="Open the journal for reading only (also automatic when the file is not writable).",
)
@click.pass_context
def cli(ctx: click.Context, db_path: Path | None, view: str | None, read_only: bool) -> None:
    """A keyboard-driven journal for job interviews.

    Run without a command to open the journal. Log each interview, evaluate it while it
    is fresh, and follow up when it makes sense. Everything stays in one local SQLite
    file that only you can read.
    """
    if ctx.invoked_subcommand is None:
        _open_tui(ctx, db_path, view=view, read_only=read_only)


def _open_tui(
    ctx: click.Context,
    db_path: Path | None,
    *,
    evaluate: int | None = None,
    view: str | None = None,
    read_only: bool = False,
) -> None:
    from interview_journal.paths import resolve_paths
    from interview_journal.store import open_journal
    from interview_journal.store.database import JournalMissingError, cannot_write

    paths = resolve_paths(_db_choice(ctx, db_path))
    if cannot_write(paths.database) is not None:
        read_only = True  # the file or its folder cannot be written: read it, change nothing
    try:
        journal = open_journal(paths.database, read_only=read_only)
    except JournalMissingError:
        if read_only:
            fail(f"no journal at {paths.database} to open read-only.")
        if paths.database_source != "default" and (
            not sys.stdin.isatty()
            or not click.confirm(
                f"There is no journal at {paths.database}. Create a new one there?",
                default=False,
                err=True,
            )
        ):
            fail(f"no journal at {paths.database}; nothing was created.")
        journal = open_journal(paths.database, create=True)
    from interview_journal.tui.app import run_app

    code = 0
    try:
        if evaluate is not None:
            journal.get_interview(evaluate)  # an unknown id is a one-line error, before the TUI
            damage = journal.check_soundness()
            if damage is not None:  # an evaluation could not be saved: said before the TUI
                raise damage.refusing_write()
        clock, settings = _clock(), _settings()
        if view is None and evaluate is None:
            view = _start_view(journal, clock, settings)
        code = run_app(journal, clock, evaluate=evaluate, settings=settings, view=view)
    finally:
        journal.close()
    _end_with(code)


def _end_with(code: int | None) -> None:
    """After the TUI: 0 returns; 1 (a crash, reported already) exits so scripts see it; a
    signal or the terminal gone (128 + its number) exits at once: all is saved and
    closed, and the second the signal allows is not spent tearing down Python."""
    if code and code > 128:
        from interview_journal.ending import leave

        leave(code)
    if code:
        sys.exit(code)


def _start_view(journal: Any, clock: Any, settings: Any) -> str | None:
    """The review when something needs the user (or always/never, as configured)."""
    if settings.open_on == "review":
        return "review"
    if settings.open_on == "interviews":
        return None
    from interview_journal.errors import DamagedJournalError

    try:
        needed = journal.needs_attention(clock.now(), settings=settings.suggestions)
    except DamagedJournalError:
        return None  # the app says so, and shows what can still be read
    return "review" if needed else None


# --- interviews ----------------------------------------------------------------------


def _interview_options(func: F) -> F:
    options = [
        click.option("--role", help="The job title."),
        click.option(
            "--when",
            "when",
            help='When it starts: "tomorrow 14:00", "fri 10am", "30 nov 10:00", '
            '"14:00 CET", "2026-12-01 10:30" (a day without a year or week is the nearest one).',
        ),
        click.option("--stage", help="screening, first, second, technical, final or other."),
        click.option("--format", "format_", help="on-site, video or phone."),
        click.option("--location", help="Address or video link."),
        click.option("--interviewers", help='"B. Lumbergh (manager), M. Bolton".'),
        click.option("--job-ad", "job_ad_url", help="Link to the job ad."),
        click.option("--interest", help="Interest in the job, 1-5."),
        click.option(
            "--status",
            help="upcoming, awaiting-reply, next-round, offer, rejected, withdrawn (or auto).",
        ),
        click.option(
            "--feedback-by",
            help='The date they promised feedback by ("fri", "in 1 week", "1 dec": the next one).',
        ),
        click.option("--contact-from", help="The date from which you may get in touch."),
        click.option("--notes", help="Prep notes."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _typed_fields(**given: str | None) -> dict[str, str]:
    names = {"when": "starts_at", "format_": "format"}
    return {names.get(key, key): value for key, value in given.items() if value is not None}


def _parse_or_fail(texts: dict[str, str], now: Any) -> dict[str, Any]:
    from interview_journal.domain.fields import FIELDS, parse_fields

    values, errors = parse_fields(texts, now)
    if errors:
        name, message = next(iter(errors.items()))
        label = "--when" if name == "starts_at" else "--" + name.replace("_", "-")
        if name == "format":
            label = "--format"
        if name == "job_ad_url":
            label = "--job-ad"
        fail(f"{label}: {message}" if FIELDS[name].label not in message else message)
    return values


@cli.command()
@click.option("--company", required=True, help="The employer (required).")
@_interview_options
@db_option
@click.pass_context
def add(ctx: click.Context, /, company: str, db_path: Path | None, **options: str | None) -> None:
    """Add an interview and print its id."""
    from interview_journal.domain.fields import new_interview

    now = _clock().now()
    texts = _typed_fields(company=company, **options)
    texts.setdefault("starts_at", "")
    if not texts["starts_at"].strip():
        texts["starts_at"] = now.format("YYYY-MM-DD HH:mm")
    values = _parse_or_fail(texts, now)
    with journal_for(ctx, db_path, create=True) as journal:
        saved = journal.add_interview(new_interview(values, now))
    click.echo(saved.id)


def _parse_id(text: str) -> int:
    from interview_journal.domain.validation import parse_id

    try:
        return parse_id(text)
    except InputError as error:
        fail(error.message)


@cli.command()
@click.argument("interview_id")
@click.option("--company", help="The employer.")
@_interview_options
@db_option
@click.pass_context
def edit(
    ctx: click.Context, /, interview_id: str, db_path: Path | None, **options: str | None
) -> None:
    """Change an interview's fields; only the options given are changed."""
    from interview_journal.domain.fields import apply_fields

    number = _parse_id(interview_id)
    now = _clock().now()
    texts = _typed_fields(**options)
    if not texts:
        fail("nothing to change: give at least one option, e.g. --status offer.")
    values = _parse_or_fail(texts, now)
    with journal_for(ctx, db_path, create=False) as journal:
        saved = journal.update_interview(apply_fields(journal.get_interview(number), values))
    click.echo(saved.id)


@cli.command()
@click.argument("interview_id")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@db_option
@click.pass_context
def delete(ctx: click.Context, interview_id: str, yes: bool, db_path: Path | None) -> None:
    """Delete an interview and everything recorded about it."""
    number = _parse_id(interview_id)
    with journal_for(ctx, db_path, create=False) as journal:
        interview = journal.get_interview(number)
        if not yes:
            if not sys.stdin.isatty():
                fail("refusing to delete without --yes when not run interactively.")
            click.confirm(f"Delete {interview.title} for good?", abort=True, err=True)
        journal.delete_interview(number)
    click.echo(f"deleted {number}", err=True)


@cli.command()
@click.argument("interview_id")
@db_option
@click.pass_context
def evaluate(ctx: click.Context, interview_id: str, db_path: Path | None) -> None:
    """Open the evaluation of one interview, ready to type."""
    _open_tui(ctx, db_path, evaluate=_parse_id(interview_id))


@cli.command("list")
@click.option("--status", help="Only interviews with this status.")
@click.option(
    "--search", "-s", default="", help="Words to look for (company, role, people, notes)."
)
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True)
@click.option(
    "--sort",
    type=click.Choice(["upcoming", "newest", "company"]),
    default="upcoming",
    show_default=True,
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print a JSON array (the objects of `show --json`)."
)
@db_option
@click.pass_context
def list_(
    ctx: click.Context,
    status: str | None,
    search: str,
    limit: int,
    sort: str,
    as_json: bool,
    db_path: Path | None,
) -> None:
    """List interviews: upcoming first, then the most recent."""
    from interview_journal.dates import format_exact, relative
    from interview_journal.domain.listing import InterviewQuery, InterviewSort
    from interview_journal.domain.status import effective_status
    from interview_journal.domain.validation import parse_status
    from interview_journal.present.json import interview_to_dict

    try:
        wanted = parse_status(status) if status else None
    except InputError as error:
        fail(f"--status: {error.message}")
    now = _clock().now()
    orders = {
        "upcoming": InterviewSort.UPCOMING_FIRST,
        "newest": InterviewSort.NEWEST_FIRST,
        "company": InterviewSort.COMPANY,
    }
    query = InterviewQuery(now=now, status=wanted, search=search, sort=orders[sort])
    with journal_for(ctx, db_path, create=False) as journal:
        page = journal.page_interviews(query, limit=limit)
        evaluations: dict[int | None, Any] = {}
        entries: dict[int, Any] = {}
        if as_json:
            from interview_journal.store.evaluations import evaluation_to_dict

            for interview_id in page.evaluations:
                found = journal.get_evaluation(interview_id)
                evaluations[interview_id] = evaluation_to_dict(found) if found else None
            entries = journal.entries_by_interview([i.id for i in page.interviews if i.id])
    if as_json:
        from interview_journal.store.follow_ups import entry_to_dict

        _print_json(
            [
                interview_to_dict(
                    i,
                    now,
                    evaluation=evaluations.get(i.id),
                    follow_ups=[entry_to_dict(e) for e in entries.get(i.id or 0, [])],
                )
                for i in page.interviews
            ]
        )
        return
    if not page.interviews:
        click.echo("No interviews." if not (search or wanted) else "No interviews match.", err=True)
        return
    rows = [
        (
            str(i.id),
            format_exact(i.starts_at, now),
            relative(i.starts_at, now),
            i.company,
            i.role,
            i.stage.label,
            effective_status(i, now).label,
        )
        for i in page.interviews
    ]
    _print_table(("ID", "WHEN", "", "COMPANY", "ROLE", "STAGE", "STATUS"), rows)


def _print_table(header: tuple[str, ...] | None, rows: Sequence[tuple[str, ...]]) -> None:
    """Plain columns, for reading and for `grep`/`cut` alike; control characters shown,
    never sent (interview_journal/domain/visible.py)."""
    from interview_journal.present.visible import visible

    every = [
        tuple(visible(cell, one_line=True) for cell in row)
        for row in ([header, *rows] if header else rows)
    ]
    widths = [max(len(r[c]) for r in every) for c in range(len(every[0]))]
    for row in every:
        click.echo(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )


@cli.command()
@click.argument("interview_id")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@db_option
@click.pass_context
def show(ctx: click.Context, interview_id: str, as_json: bool, db_path: Path | None) -> None:
    """Show everything about one interview."""
    from interview_journal.present.json import interview_to_dict
    from interview_journal.present.text import interview_text
    from interview_journal.store.evaluations import evaluation_to_dict
    from interview_journal.store.follow_ups import entry_to_dict

    number = _parse_id(interview_id)
    now = _clock().now()
    with journal_for(ctx, db_path, create=False) as journal:
        interview = journal.get_interview(number)
        evaluation = journal.get_evaluation(number)
        entries = journal.entries_for(number)
    if as_json:
        _print_json(
            interview_to_dict(
                interview,
                now,
                evaluation=evaluation_to_dict(evaluation) if evaluation else None,
                follow_ups=[entry_to_dict(entry) for entry in entries],
            )
        )
    else:
        click.echo(interview_text(interview, now, evaluation, entries))


# --- the follow-up timeline -------------------------------------------------------------


def _settings() -> Any:
    """The config file's settings; each problem in it is one warning on stderr."""
    from interview_journal.paths import default_config_path
    from interview_journal.services.config import load_settings

    settings, warnings = load_settings(default_config_path())
    for warning in warnings:
        click.echo(f"interview-journal: warning: {warning}", err=True)
    return settings


class FollowUpGroup(JournalGroup):
    """`follow-up ID ...` adds an entry; `follow-up done EID` and `snooze` act on one."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["add", *args]
        return super().parse_args(ctx, args)


@cli.group("follow-up", cls=FollowUpGroup)
def follow_up() -> None:
    """Add a timeline entry to an interview, or mark one done or snooze it.

    \b
    interview-journal follow-up 12 --kind follow-up --due fri --reason "Mention the offer"
    interview-journal follow-up 12 --kind reply --done today --note "Second round on Tue"
    interview-journal follow-up done 31
    interview-journal follow-up snooze 31 "in 3 days"
    """


@follow_up.command("add")
@click.argument("interview_id")
@click.option(
    "--kind",
    "-k",
    default="follow-up",
    show_default=True,
    help="thank-you, follow-up, reply, next-round, offer-elsewhere, outcome or note.",
)
@click.option("--due", help='When it is planned for: "fri", "in 3 days", "tomorrow 16:00".')
@click.option(
    "--done", help='When it was done: "today", "yesterday 15:00" (an outcome: today if no date).'
)
@click.option("--channel", help="e-mail, call, message or in-person.")
@click.option("--contact", help="The person you were in touch with.")
@click.option("--reason", help="What relevant thing will you say?")
@click.option("--note", help="Anything else.")
@click.option("--outcome", help="For --kind outcome: offer, rejection or withdrawn.")
@click.option(
    "--status",
    "new_status",
    help="Also set the interview's status (e.g. rejected). Default for an outcome: the "
    "status it implies (asked first on a terminal).",
)
@click.option("--keep-status", is_flag=True, help="Leave the interview's status as it is.")
@click.option("--yes", "-y", is_flag=True, help="Do not ask about a missing reason.")
@db_option
@click.pass_context
def follow_up_add(
    ctx: click.Context,
    /,
    interview_id: str,
    yes: bool,
    new_status: str | None,
    keep_status: bool,
    db_path: Path | None,
    **options: str | None,
) -> None:
    """Add an entry to an interview's timeline and print its id.

    Recording an outcome (offer, rejection, withdrawn) closes the process: the interview's
    status is set to match, after asking when run on a terminal, at once (and said on
    stderr) from a script. --status or --keep-status decide instead.
    """
    from interview_journal.domain.entry_fields import (
        NO_REASON_QUESTION,
        needs_reason,
        new_entry,
        parse_entry_fields,
    )
    from interview_journal.domain.timeline import EntryKind, status_after

    number = _parse_id(interview_id)
    now = _clock().now()
    if new_status is not None and keep_status:
        fail("--status and --keep-status contradict each other: give one of them.")
    chosen = _parse_status_option(new_status, now) if new_status is not None else None
    texts = {name: value for name, value in options.items() if value is not None}
    is_outcome = texts.get("kind", "").strip().lower() == "outcome"
    if is_outcome and not texts.get("due", "").strip() and not texts.get("done", "").strip():
        texts["done"] = "today"  # an outcome is news that has come: recorded as of today
    texts.setdefault("due", "")
    texts.setdefault("done", "")
    if "outcome" not in texts and is_outcome:
        texts["outcome"] = ""
    values, errors = parse_entry_fields(texts, now)
    if errors:
        name, message = next(iter(errors.items()))
        fail(f"--{name}: {message}")
    entry = new_entry(number, values)
    with journal_for(ctx, db_path, create=False) as journal:
        interview = journal.get_interview(number)
        if needs_reason(entry) and not yes:
            if sys.stdin.isatty():
                click.confirm(NO_REASON_QUESTION, abort=True, err=True)
            else:
                advice = NO_REASON_QUESTION.split(" — ")[0]
                click.echo(f"interview-journal: note: no --reason given. {advice}.", err=True)
        implied = status_after(entry)
        closes = entry.kind is EntryKind.OUTCOME and implied is not None
        change, said = False, ""
        if new_status is not None:
            change = chosen is not interview.status
            shown = chosen.label if chosen is not None else "automatic again"
            said = f"status: {interview.title} is now {shown}"
        elif closes and implied is not None and not keep_status and implied is not interview.status:
            chosen = implied
            if sys.stdin.isatty():
                # Asked before anything is saved: "no" or ctrl+c leaves the journal as it was.
                change = click.confirm(
                    f"You recorded {entry.title}. Set {interview.title} to {implied.label}?",
                    default=True,
                    err=True,
                )
                said = f"status: {interview.title} is now {implied.label}"
            else:
                change = True
                said = (
                    f"status: {interview.title} set to {implied.label}, as the outcome says "
                    "(--keep-status leaves the status as it was)"
                )
        # A next round only gets a hint: the process goes on, and its status is the user's.
        hint = not closes and implied is not interview.status
        hint = hint and new_status is None and not keep_status
        saved = journal.add_entry(entry)
        click.echo(saved.id)
        if change:
            try:
                journal.update_interview(interview.with_changes(status=chosen))
            except JournalError as error:
                fail(f"entry {saved.id} was saved; the status was not changed: {error.message}")
    if change:
        click.echo(said, err=True)
    elif hint and implied is not None:
        click.echo(
            f"to set {interview.title} to {implied.label}: "
            f"interview-journal edit {number} --status {implied.value}",
            err=True,
        )


def _parse_status_option(text: str, now: Any) -> Any:
    """--status for an entry: a status word, or "auto" to let the calendar decide again."""
    from interview_journal.domain.fields import FIELDS

    try:
        return FIELDS["status"].parse(text, now)
    except InputError as error:
        fail(f"--status: {error.message}")


def _parse_when_or_fail(option: str, text: str, now: Any, *, past: bool) -> Any:
    from interview_journal.dates import Lean
    from interview_journal.domain.entry_fields import parse_when

    try:
        when = parse_when(text, now, Lean.PAST if past else Lean.FUTURE)
    except InputError as error:
        fail(f"{option}: {error.message}")
    if when is None:
        fail(f'{option}: give a date, e.g. "today" or "in 3 days".')
    return when


@follow_up.command("done")
@click.argument("entry_id")
@click.option("--on", "on", default="", help="When it was done (default: now).")
@db_option
@click.pass_context
def follow_up_done(ctx: click.Context, entry_id: str, on: str, db_path: Path | None) -> None:
    """Mark a planned entry done."""
    from interview_journal.domain.timeline import When

    number = _parse_id(entry_id)
    now = _clock().now()
    when = _parse_when_or_fail("--on", on, now, past=True) if on.strip() else When.of(now)
    with journal_for(ctx, db_path, create=False) as journal:
        saved = journal.mark_done(number, when)
    click.echo(f"done: {saved.kind.label} ({saved.when.key})", err=True)


@follow_up.command("snooze")
@click.argument("entry_id")
@click.argument("until")
@db_option
@click.pass_context
def follow_up_snooze(ctx: click.Context, entry_id: str, until: str, db_path: Path | None) -> None:
    """Plan an entry for later: "tomorrow", "in 3 days", "mon"."""
    number = _parse_id(entry_id)
    now = _clock().now()
    when = _parse_when_or_fail("UNTIL", until, now, past=False)
    with journal_for(ctx, db_path, create=False) as journal:
        saved = journal.snooze(number, when)
    click.echo(f"snoozed: {saved.kind.label} now due {saved.when.key}", err=True)


@cli.command()
@click.argument("interview_id", required=False)
@click.option("--limit", "-n", type=click.IntRange(min=1), default=100, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of items.")
@db_option
@click.pass_context
def timeline(
    ctx: click.Context,
    interview_id: str | None,
    limit: int,
    as_json: bool,
    db_path: Path | None,
) -> None:
    """The follow-up timeline (of one interview, or all): planned, suggested and done."""
    from interview_journal.domain.timeline_page import (
        TimelineQuery,
        describe,
        group_of,
        line_to_dict,
    )

    number = _parse_id(interview_id) if interview_id is not None else None
    now = _clock().now()
    settings = _settings()
    with journal_for(ctx, db_path, create=False) as journal:
        title = journal.get_interview(number).title if number is not None else "all interviews"
        suggestions = journal.suggestions(now, settings.suggestions)
        query = TimelineQuery(now, interview_id=number, suggestions=tuple(suggestions))
        items = journal.page_timeline(query, None, limit).items
    if as_json:
        _print_json([line_to_dict(item, now) for item in items])
        return
    from interview_journal.present.visible import visible

    title = visible(title, one_line=True)
    click.echo(f"Timeline · {title} · now {now:%a} {now.day} {now:%b %H:%M}")
    if not items:
        click.echo("Nothing on the timeline yet.", err=True)
        return
    current = None
    rows: list[tuple[str, ...]] = []
    headings: dict[int, str] = {}
    for item in items:
        group = group_of(item, now.date())
        if group is not current:
            headings[len(rows)] = group.value.upper()
            current = group
        line = describe(item, now)
        cells = (line.company, line.what, line.detail)
        rows.append((f"  {line.marker}", line.when, *(visible(c, one_line=True) for c in cells)))
    widths = [max(len(r[c]) for r in rows) for c in range(5)]
    for index, row in enumerate(rows):
        if index in headings:
            click.echo(headings[index])
        click.echo("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


# --- the daily review ------------------------------------------------------------------


@cli.command()
@db_option
@click.pass_context
def review(ctx: click.Context, db_path: Path | None) -> None:
    """Open the journal on the daily review."""
    _open_tui(ctx, db_path, view="review")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the review as one JSON object.")
@click.option(
    "--check", is_flag=True, help="Exit with status 1 when a follow-up is due or overdue."
)
@db_option
@click.pass_context
def today(ctx: click.Context, as_json: bool, check: bool, db_path: Path | None) -> None:
    """What needs you today, as plain text (quick enough for a shell start-up file)."""
    from interview_journal.domain.review import review_to_dict
    from interview_journal.present.text import review_text

    now = _clock().now()
    settings = _settings()
    with journal_for(ctx, db_path, create=False) as journal:
        found = journal.review(now, settings.suggestions)
    if as_json:
        _print_json(review_to_dict(found))
    else:
        click.echo(review_text(found, now))
    if check and found.due_count:
        ctx.exit(1)


@cli.command()
@click.argument("interview_id")
@db_option
@click.pass_context
def prep(ctx: click.Context, interview_id: str, db_path: Path | None) -> None:
    """Print the prep sheet of an interview as Markdown."""
    from interview_journal.domain.review import prep_markdown

    number = _parse_id(interview_id)
    now = _clock().now()
    with journal_for(ctx, db_path, create=False) as journal:
        sheet = journal.prep(number)
    from interview_journal.present.visible import visible

    click.echo(visible(prep_markdown(sheet, now)), nl=False)


# --- everything out and back in --------------------------------------------------------


@contextmanager
def _progress(label: str, length: int | None, show: bool) -> Iterator[Callable[[int], object]]:
    """A progress bar on stderr for long work, when someone is watching."""
    if not show or not length or not sys.stderr.isatty():
        yield lambda _n: None
        return
    with click.progressbar(length=length, label=label, file=sys.stderr) as bar:
        yield bar.update


@cli.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown", "csv", "ics"]),
    default="json",
    show_default=True,
    help="json: everything, lossless (for import); markdown: to read or print; csv: for a "
    "spreadsheet; ics: upcoming interviews and planned follow-ups for a calendar.",
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
    type=click.Choice(["interviews", "follow-ups"]),
    default="interviews",
    show_default=True,
    help="For csv: one row per interview, or one per timeline entry.",
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
    db_path: Path | None,
) -> None:
    """Write the journal (or part of it) as JSON, Markdown, CSV or iCalendar."""
    from interview_journal.dates import Lean, parse_day

    now = _clock().now()
    number = _parse_id(interview_id) if interview_id is not None else None
    since_moment = None
    if since is not None:
        try:
            day = parse_day(since, now, Lean.PAST)
        except InputError as error:
            fail(f"--since: {error.message}")
        since_moment = now.replace(year=day.year, month=day.month, day=day.day).start_of("day")
    target = _output_target(output)
    try:
        _export(ctx, db_path, fmt, target, number, since_moment, table, now)
    except OSError as error:
        fail(f"{output}: cannot write there ({error.strerror or error}); nothing was written.")
    if target is not None:
        click.echo(f"wrote {target}", err=True)


STDOUT_HINT = "write to standard output with -o -, or give the name of a new or regular file"


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
    ctx: click.Context,
    db_path: Path | None,
    fmt: str,
    target: Path | None,
    number: int | None,
    since_moment: Any,
    table: str,
    now: Any,
) -> None:
    from interview_journal.services.export import write_export

    with journal_for(ctx, db_path, create=False) as journal:
        if number is not None:
            journal.get_interview(number)  # an unknown id is one clear line
        total = 1 if number is not None else journal.count_interviews()
        records = journal.records(interview_id=number, since=since_moment)
        dismissed = journal.dismissed_suggestions()
        shown = _visible_stdout() if target is None and fmt in ("markdown", "csv") else None
        with (
            _progress(f"Exporting {fmt}", total, show=target is not None) as progress,
            shown or contextlib.nullcontext(),
        ):
            write_export(fmt, records, dismissed, now, target, table=table, progress=progress)


def _visible_stdout() -> contextlib.AbstractContextManager[object] | None:
    """On a terminal, Markdown and CSV on standard output show control characters instead
    of sending them (interview_journal/domain/visible.py); to a file or a pipe, the text
    goes as it is."""
    if not sys.stdout.isatty():
        return None
    from interview_journal.present.visible import visible

    class Shown:
        def __init__(self, out: Any) -> None:
            self.out = out

        def write(self, text: str) -> int:
            return int(self.out.write(visible(text)))

        def __getattr__(self, name: str) -> Any:
            return getattr(self.out, name)

    return contextlib.redirect_stdout(Shown(sys.stdout))


@cli.command("import")
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
    from interview_journal.store.exchange import parse_export
    from interview_journal.store.journal import interview_from_row, interview_to_row

    text = _read_export_file(file)
    try:
        plan = parse_export(text, interview_from_row, interview_to_row)
    except InputError as error:
        fail(f"{file}: {error.message}")
    if dry_run and not _journal_exists(ctx, db_path):
        # nothing to merge with: a dry run into a scratch journal says what would be added,
        # and creates nothing where the user pointed
        from interview_journal.store import open_journal

        with tempfile.TemporaryDirectory(prefix="interview-journal-dry-run-") as scratch:
            journal = open_journal(Path(scratch) / "dry-run.db", create=True)
            try:
                report = journal.import_plan(plan, dry_run=True)
            finally:
                journal.close()
    else:
        with (
            journal_for(ctx, db_path, create=True) as journal,
            _progress("Importing", len(plan.interviews), show=True) as progress,
        ):
            report = journal.import_plan(plan, dry_run=dry_run, progress=progress)
    if as_json:
        _print_json(report.as_dict() | {"dry_run": dry_run})
        return
    if dry_run:
        click.echo("dry run: nothing was changed. The import would have:")
    for line in report.lines():
        click.echo(line)


MB = 1_000_000


def _size_text(size: int) -> str:
    for unit, scale in (("GB", 1_000_000_000), ("MB", MB), ("KB", 1000)):
        if size >= scale:
            return f"{size / scale:,.1f} {unit}"
    return f"{size} bytes"


def _read_export_file(file: Path) -> str:
    """The text of an export: from a regular file only (a device such as /dev/zero would be
    read until memory runs out, a FIFO would block), no bigger than the configured limit,
    UTF-8 with or without a byte-order mark."""
    import stat

    from interview_journal.paths import default_config_path
    from interview_journal.safe_files import describe_mode

    def too_big(size: int) -> NoReturn:
        fail(
            f"{file}: is {_size_text(size)}; the import limit is {limit_mb:,} MB "
            f"([import] max-size-mb in {default_config_path()}); nothing was imported."
        )

    limit_mb = _settings().import_max_mb
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
    try:
        # O_NONBLOCK: should a FIFO have taken the file's place since the look above, the
        # open returns at once (and the check below refuses it) instead of waiting
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        descriptor = os.open(file, flags)
    except OSError as error:
        fail(f"{file}: cannot be read ({error.strerror}).")
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            fail(f"{file}: is not a regular file; nothing was imported.")
        try:
            data = handle.read(limit_mb * MB + 1)
        except OSError as error:
            fail(f"{file}: cannot be read ({error.strerror}).")
    if len(data) > limit_mb * MB:
        too_big(len(data))
    try:
        return data.decode("utf-8-sig")  # a byte-order mark (Windows editors) is fine
    except UnicodeDecodeError:
        fail(f"{file}: not a text file (an export is UTF-8 JSON); nothing was imported.")


@cli.command()
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
    now = _clock().now()
    to_stdout = output is not None and str(output) == "-"
    if to_stdout and sys.stdout.isatty():
        fail(
            "-o -: a backup is a binary SQLite file; send standard output to a file or a "
            "pipe (> copy.db), or give a file name."
        )
    target = None if output is None or to_stdout else _output_target(output)
    with journal_for(ctx, db_path, create=False) as journal:
        if to_stdout:
            copy = _backup_to_stdout(journal)
        else:
            if target is None:
                stamp = now.strftime("%Y-%m-%d-%H%M%S")
                target = journal.path.parent / "backups" / f"{journal.path.stem}-{stamp}.db"
            copy = journal.backup(target)
    where = "standard output" if to_stdout else str(copy.path)
    count = f"{copy.interviews:,} interview{'' if copy.interviews == 1 else 's'}"
    click.echo(
        f"backed up to {where} ({count}, {copy.size / 1024:,.0f} KiB, integrity checked)",
        err=to_stdout,
    )


def _backup_to_stdout(journal: Any) -> Any:
    """Write and check the copy in a private scratch folder, then send its bytes."""
    with tempfile.TemporaryDirectory(prefix="interview-journal-backup-") as scratch:
        copy = journal.backup(Path(scratch) / "copy.db")
        with copy.path.open("rb") as handle:
            shutil.copyfileobj(handle, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    return copy


# --- where things are, and a demo -------------------------------------------------------


@cli.command()
@click.option("--json", "as_json", is_flag=True)
@db_option
@click.pass_context
def locate(ctx: click.Context, as_json: bool, db_path: Path | None) -> None:
    """Print where the journal and the configuration live."""
    from interview_journal.paths import resolve_paths

    paths = resolve_paths(_db_choice(ctx, db_path))
    info = {
        "database": str(paths.database),
        "database_from": paths.database_source,
        "database_exists": paths.database.exists(),
        "config": str(paths.config),
        "data_dir": str(paths.data_dir),
    }
    if as_json:
        _print_json(info)
        return
    click.echo(
        f"journal: {info['database']}  (from {paths.database_source}"
        f"{'' if info['database_exists'] else ', not created yet'})"
    )
    click.echo(f"config:  {info['config']}")


@cli.command()
@click.option(
    "--interviews",
    "count",
    type=click.IntRange(min=0, max=1_000_000),
    default=40,
    show_default=True,
    help="How many sample interviews to write.",
)
@click.option("--no-open", is_flag=True, help="Only write the journal (needs --db).")
@click.option("--seed", type=int, default=7, show_default=True, hidden=True)
@db_option
@click.pass_context
def demo(ctx: click.Context, count: int, no_open: bool, seed: int, db_path: Path | None) -> None:
    """Open the journal on realistic sample data (a throwaway copy, unless --db is given)."""
    from interview_journal.services.demo import sample_journal
    from interview_journal.store import open_journal
    from interview_journal.store.database import JournalMissingError

    target = _db_choice(ctx, db_path)
    if no_open and target is None:
        fail("--no-open needs --db PATH: where should the demo journal be written?")
    scratch = None
    if target is None:
        scratch = Path(tempfile.mkdtemp(prefix="interview-journal-demo-"))
        target = scratch / "demo.db"
    target = target.expanduser().absolute()
    try:
        try:
            journal = open_journal(target)
            if journal.count_interviews():
                journal.close()
                fail(
                    f"{target} already has interviews; "
                    "the demo only writes into a new or empty journal."
                )
        except JournalMissingError:
            journal = open_journal(target, create=True)
        clock = _clock()
        interviews = sample_journal(count, clock.now(), seed=seed, time_zone=_zone_name(clock))
        with click.progressbar(
            length=count, label="Writing sample interviews", file=sys.stderr
        ) as bar:
            journal.add_many(interviews, progress=bar.update)
        if no_open:
            journal.close()
            click.echo(f"wrote {count:,} interviews to {target}", err=True)
            return
        from interview_journal.tui.app import run_app

        try:
            code = run_app(journal, clock, settings=_settings())
        finally:
            journal.close()
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    _end_with(code)


def _zone_name(clock: Any) -> str:
    return str(getattr(clock.tz, "name", "UTC"))


RECOVER_BAR_ROWS = 10_000
"""From this many rows a recovery shows a progress bar (on a terminal): below it, it takes
well under a second."""


@cli.command()
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@db_option
@click.pass_context
def recover(ctx: click.Context, out: Path, as_json: bool, db_path: Path | None) -> None:
    """Copy what can still be read from a damaged journal into a new journal at OUT.

    The journal (--db, or the usual one) is only read: table by table and row by row,
    stepping over what cannot be read, so a bad page costs only the rows on it. OUT must
    not exist yet. It keeps every id and uuid: importing an older export into it brings
    back what was lost, without copies. Then use it with --db OUT, or put it where the
    old journal was.
    """
    import shlex
    from contextlib import ExitStack

    from interview_journal.paths import resolve_paths
    from interview_journal.store.recover import recover_journal

    source = resolve_paths(_db_choice(ctx, db_path)).database
    with ExitStack() as stack:
        bar: Any = None

        def progress(done: int, total: int) -> None:
            nonlocal bar
            if bar is None:
                bar = False
                if total >= RECOVER_BAR_ROWS and sys.stderr.isatty():
                    bar = stack.enter_context(
                        click.progressbar(length=total, label="Recovering", file=sys.stderr)
                    )
            if bar:
                bar.update(done - bar.pos)

        report = recover_journal(source, out.expanduser(), progress=progress)
    if as_json:
        _print_json(report.as_dict())
        return
    target = shlex.quote(str(report.target))
    for line in report.lines():
        click.echo(line)
    if report.header_repaired:
        click.echo("The damaged header was repaired in a private copy before reading.")
    click.echo(
        f"wrote {report.target}: it passed SQLite's integrity check, and its search index "
        "was rebuilt."
    )
    if not report.complete:
        click.echo(
            "To bring back what could not be read, import an older export into it: "
            f"interview-journal --db {target} import EXPORT.json"
        )
    click.echo(f"Open it with: interview-journal --db {target}")


def main() -> None:
    """Entry point of the console script and `python -m interview_journal`."""
    os.umask(0o077)  # whatever we create (journal, exports, backups) is the user's alone
    cli.main(prog_name="interview-journal")
