"""`follow-up`: add a timeline entry (the default sub-command), mark one done, snooze one."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click
from click_default_group import DefaultGroup  # type: ignore[import-untyped]  # no stubs

from interview_journal.cli import common
from interview_journal.cli.common import JournalGroup, db_option, fail, journal_for, parse_id
from interview_journal.errors import InputError, JournalError

if TYPE_CHECKING:
    import pendulum

    from interview_journal.domain.model import Interview, Status
    from interview_journal.domain.timeline import Entry, When


class FollowUpGroup(JournalGroup, DefaultGroup):  # type: ignore[misc]  # untyped base
    """`follow-up ID ...` is `follow-up add ID ...`; `done` and `snooze` act on one entry."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        click.Group.format_commands(self, ctx, formatter)  # no mark on the default


@click.group("follow-up", cls=FollowUpGroup, default="add")
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
    number = parse_id(interview_id)
    now = common.clock().now()
    if new_status is not None and keep_status:
        fail("--status and --keep-status contradict each other: give one of them.")
    chosen = _parse_status_option(new_status, now) if new_status is not None else None
    entry = _entry_from_options(number, options, now)
    with journal_for(ctx, db_path, create=False) as journal:
        interview = journal.get_interview(number)
        _ask_about_reason(entry, yes)
        change = _status_change(interview, entry, new_status, chosen, keep_status)
        saved = journal.add_entry(entry)
        click.echo(saved.id)
        if change.wanted:
            try:
                journal.update_interview(interview.with_changes(status=change.status))
            except JournalError as error:
                fail(f"entry {saved.id} was saved; the status was not changed: {error.message}")
    if change.wanted:
        click.echo(change.said, err=True)
    elif change.hint is not None:
        click.echo(
            f"to set {interview.title} to {change.hint.label}: "
            f"interview-journal edit {number} --status {change.hint.value}",
            err=True,
        )


def _entry_from_options(
    interview_id: int, options: dict[str, str | None], now: pendulum.DateTime
) -> Entry:
    """The new entry as the options describe it; a bad option is a one-line error."""
    from interview_journal.domain.entry_fields import new_entry, parse_entry_fields

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
    from interview_journal.domain.plausible import entry_doubts

    for name, doubt in entry_doubts(values, now.date()).items():
        click.echo(f"warning: --{name}: {doubt}", err=True)
    return new_entry(interview_id, values)


def _ask_about_reason(entry: Entry, yes: bool) -> None:
    """A follow-up without a reason: asked on a terminal, a note from a script."""
    from interview_journal.domain.entry_fields import NO_REASON_QUESTION, needs_reason

    if not needs_reason(entry) or yes:
        return
    if sys.stdin.isatty():
        click.confirm(NO_REASON_QUESTION, abort=True, err=True)
    else:
        advice = NO_REASON_QUESTION.split(" — ")[0]
        click.echo(f"interview-journal: note: no --reason given. {advice}.", err=True)


@dataclass(frozen=True)
class _StatusChange:
    """What a new entry does to its interview's status."""

    wanted: bool
    """Whether the status is set (to `status`) once the entry is saved."""
    status: Status | None
    said: str
    """What stderr says once it is set."""
    hint: Status | None
    """A status the entry suggests, named in a hint instead of set."""


def _status_change(
    interview: Interview,
    entry: Entry,
    new_status: str | None,
    chosen: Status | None,
    keep_status: bool,
) -> _StatusChange:
    """--status decides; else an outcome sets the status it implies (asked first on a
    terminal, before anything is saved); anything else only gets a hint."""
    from interview_journal.domain.timeline import EntryKind, status_after

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
    return _StatusChange(change, chosen, said, implied if hint else None)


def _parse_status_option(text: str, now: pendulum.DateTime) -> Status | None:
    """--status for an entry: a status word, or "auto" to let the calendar decide again."""
    from interview_journal.domain.fields import FIELDS

    try:
        status: Status | None = FIELDS["status"].parse(text, now)
    except InputError as error:
        fail(f"--status: {error.message}")
    return status


def _parse_when_or_fail(option: str, text: str, now: pendulum.DateTime, *, past: bool) -> When:
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

    number = parse_id(entry_id)
    now = common.clock().now()
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
    number = parse_id(entry_id)
    now = common.clock().now()
    when = _parse_when_or_fail("UNTIL", until, now, past=False)
    with journal_for(ctx, db_path, create=False) as journal:
        saved = journal.snooze(number, when)
    click.echo(f"snoozed: {saved.kind.label} now due {saved.when.key}", err=True)
