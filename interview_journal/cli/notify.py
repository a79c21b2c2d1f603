"""`interview-journal notify`: a desktop notification for what needs the user now, once
per item per day; and (`--install`, `--uninstall`) the timer that runs it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview_journal.cli import common
from interview_journal.cli.common import db_option, journal_for

if TYPE_CHECKING:
    from interview_journal.domain.reminders import Reminder
    from interview_journal.services.notify import Notifier

SOMETHING_NEEDS_YOU = 1
"""The exit status while something needs the user (as `today --check` has it)."""


@click.command()
@click.option(
    "--print", "force_print", is_flag=True, help="Print the reminders instead of notifying."
)
@click.option("--dry-run", is_flag=True, help="Show what would be sent; send and remember nothing.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Print the reminders as a JSON array (each with already_notified) instead of notifying.",
)
@click.option(
    "--install",
    is_flag=True,
    help="Set up a timer that runs notify every few minutes (shows what it writes first).",
)
@click.option("--uninstall", is_flag=True, help="Remove the timer --install set up.")
@click.option(
    "--yes",
    "-y",
    is_flag=True,
    help="With --install: write without asking first (--uninstall never asks).",
)
@click.option(
    "--platform",
    type=click.Choice(["systemd", "launchd", "cron"]),
    default=None,
    help="With --install/--uninstall: the scheduler to write for (default: this machine's; "
    "cron prints a crontab line).",
)
@db_option
@click.pass_context
def notify(
    ctx: click.Context,
    force_print: bool,
    dry_run: bool,
    as_json: bool,
    install: bool,
    uninstall: bool,
    yes: bool,
    platform: str | None,
    db_path: Path | None,
) -> None:
    """Notify about what needs you now: follow-ups due, an interview within the hour,
    and in the evening tomorrow morning's interviews and today's evaluation.

    Each thing is said once a day (the journal remembers). Without a notification server
    or notify-send, the same lines are printed. Exits 0 when nothing needs you, 1 when
    something does, 2 when the notifier failed (then nothing is remembered).
    """
    if install and uninstall:
        common.fail("--install and --uninstall cannot be used together.")
    if install or uninstall:
        _schedule(ctx, db_path, uninstall=uninstall, yes=yes, platform=platform)
        return
    if yes or platform is not None:
        common.fail("--yes and --platform go with --install or --uninstall.")
    found = _notify(ctx, db_path, force_print=force_print, dry_run=dry_run, as_json=as_json)
    if found:
        ctx.exit(SOMETHING_NEEDS_YOU)


def _schedule(
    ctx: click.Context, db_path: Path | None, *, uninstall: bool, yes: bool, platform: str | None
) -> None:
    import importlib

    name = "interview_journal.cli.notify_schedule"  # the timer, agent or cron line it writes
    try:
        schedule = importlib.import_module(name)
    except ModuleNotFoundError as error:
        if error.name != name:
            raise
        common.fail("--install and --uninstall are not available in this version yet.")
    schedule.run_schedule(ctx, db_path=db_path, uninstall=uninstall, yes=yes, platform=platform)


def _notify(
    ctx: click.Context, db_path: Path | None, *, force_print: bool, dry_run: bool, as_json: bool
) -> int:
    """Send (or show) the reminders not said today; returns how many apply now."""
    from interview_journal.domain.reminders import select_reminders
    from interview_journal.errors import StorageError

    now = common.clock().now()
    settings = common.settings()
    with journal_for(ctx, db_path, create=False) as journal:
        review = journal.review(now, settings.suggestions)
        found = select_reminders(
            review,
            soon_minutes=settings.notify_soon_minutes,
            evening=settings.notify_evening,
            interview_minutes=settings.interview_minutes,
        )
        said = journal.notified.said_on(now.date(), (reminder.item for reminder in found))
        new = [reminder for reminder in found if reminder.item not in said]
        if as_json:
            common.print_json([_as_dict(reminder, reminder.item in said) for reminder in found])
        elif dry_run:
            _show_dry_run(new, len(found) - len(new), force_print=force_print)
        elif new:
            _send(new, force_print=force_print)
        elif sys.stderr.isatty():  # someone ran it by hand: silence would read as broken
            click.echo(
                f"already notified today: {len(found)} (interview-journal today lists them)."
                if found
                else "nothing needs you now.",
                err=True,
            )
        if dry_run or not new:
            return len(found)
        try:
            journal.notified.remember(now.date(), (reminder.item for reminder in new))
        except StorageError as error:
            why = error.message.removesuffix("; nothing was changed.").rstrip(".")
            click.echo(
                f"interview-journal: {why}; what was notified is not remembered, so it may be "
                "said again.",
                err=True,
            )
    return len(found)


def _send(new: list[Reminder], *, force_print: bool) -> None:
    """Through the first notifier that can; a failure is one line and exit 2."""
    from interview_journal.services.notify import (
        NotifierError,
        PrintNotifier,
        notifiers,
        send_all,
    )

    try:
        used = send_all(new, notifiers(click.echo, force_print=force_print))
    except NotifierError as error:
        common.fail(error.message)
    if used is not None and not isinstance(used, PrintNotifier) and sys.stderr.isatty():
        # a word for someone at a terminal; a timer's log stays quiet
        count = len(new)
        click.echo(f"sent {count} reminder{'s' if count != 1 else ''} ({used.name}).", err=True)


def _as_dict(reminder: Reminder, already: bool) -> dict[str, object]:
    return {
        "item": reminder.item,
        "kind": reminder.kind.value,
        "title": reminder.title,
        "body": reminder.body,
        "interview_id": reminder.interview_id,
        "entry_id": reminder.entry_id,
        "already_notified": already,
    }


def _show_dry_run(new: list[Reminder], already: int, *, force_print: bool) -> None:
    from interview_journal.services.notify import PrintNotifier, notifiers

    chain = notifiers(click.echo, force_print=force_print)
    for reminder in new:
        PrintNotifier(click.echo).send(reminder)
    told = f"; {already} already notified today" if already else ""
    if new:
        click.echo(
            f"dry run: {len(new)} would be sent ({_names(chain)}){told}; nothing was sent or "
            "remembered.",
            err=True,
        )
    else:
        click.echo(f"dry run: nothing to send{told}.", err=True)


def _names(chain: list[Notifier]) -> str:
    """ "desktop notification, else notify-send, else printed"."""
    return ", else ".join(notifier.name for notifier in chain)
