"""Interviews from the command line: add, edit, delete and evaluate (`list` and `show` are
in cli.reading)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview_journal.cli import common
from interview_journal.cli.common import F, db_option, fail, journal_for, parse_id

if TYPE_CHECKING:
    import pendulum

    from interview_journal.domain.applications import Application
    from interview_journal.domain.model import Interview


def _interview_options(func: F) -> F:
    options = [
        click.option("--role", help="The job title."),
        click.option(
            "--when",
            "when",
            help='When it starts: "tomorrow 14:00", "fri 10am", "30 nov 10:00", '
            '"14:00 CET", "2026-12-01 10:30" (a day without a year or week is the nearest one).',
        ),
        click.option(
            "--length",
            "length_minutes",
            help='How long it lasts: "45", "1h30", "1.5h", "1:30" (a number alone is minutes); '
            '"" for the usual length (`[calendar] interview-minutes`, 1 h by default).',
        ),
        click.option("--stage", help="screening, first, second, technical, final or other."),
        click.option(
            "--label",
            "round_label",
            help='The round\'s own name, shown instead of the stage: "case presentation".',
        ),
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


OPTION_OF = {
    "starts_at": "--when",
    "format": "--format",
    "job_ad_url": "--job-ad",
    "round_label": "--label",
    "length_minutes": "--length",
}
"""The option a field is typed in, where it is not the field's name with dashes."""


def _parse_or_fail(texts: dict[str, str], now: pendulum.DateTime) -> dict[str, object]:
    from interview_journal.domain.fields import FIELDS, parse_fields

    values, errors = parse_fields(texts, now)
    if errors:
        name, message = next(iter(errors.items()))
        label = OPTION_OF.get(name, "--" + name.replace("_", "-"))
        fail(f"{label}: {message}" if FIELDS[name].label not in message else message)
    return values


def _say_doubts(interview: Interview, now: pendulum.DateTime) -> None:
    """Dates that were saved but look like a slip (feedback before the interview, a year
    off), each as a warning on stderr: a script's output stays the id alone."""
    import pendulum

    from interview_journal.dates.clock import local
    from interview_journal.domain.plausible import interview_doubts

    values = {
        "starts_at": local(interview.starts_at, now.timezone or pendulum.UTC),
        "feedback_by": interview.feedback_by,
        "contact_from": interview.contact_from,
    }
    for name, doubt in interview_doubts(values, now.date()).items():
        label = OPTION_OF.get(name, "--" + name.replace("_", "-"))
        click.echo(f"warning: {label}: {doubt}", err=True)


@click.command()
@click.option("--company", help="The employer (required unless --application is given).")
@click.option(
    "--application",
    "application_id",
    help="The application this is a round of (see `applications`); its company and role "
    "are the round's. Without it, the round joins the open application with the same "
    "company and role, or starts one.",
)
@_interview_options
@db_option
@click.pass_context
def add(
    ctx: click.Context,
    /,
    company: str | None,
    application_id: str | None,
    db_path: Path | None,
    **options: str | None,
) -> None:
    """Add an interview (a round of an application) and print its id."""
    from interview_journal.domain.fields import new_interview

    number = parse_id(application_id, "an application") if application_id is not None else None
    if number is None and company is None:
        fail("--company is required (or --application ID, to add a round to an application).")
    now = common.clock().now()
    texts = _typed_fields(company=company, **options)
    texts.setdefault("starts_at", "")
    if not texts["starts_at"].strip():
        texts["starts_at"] = now.format("YYYY-MM-DD HH:mm")
    values = _parse_or_fail(texts, now)
    with journal_for(ctx, db_path, create=number is None) as journal:
        if number is not None:
            values |= _round_of(journal.applications.get(number), values)
        saved = journal.add_interview(new_interview(values, now))
    click.echo(saved.id)
    _say_doubts(saved, now)


def _round_of(application: Application, values: dict[str, object]) -> dict[str, object]:
    """The fields that file a new round under `application`: its company and role (a
    different company or role typed beside it is refused, not silently replaced)."""
    from interview_journal.domain.fields import misfit

    company = str(values.get("company", application.company))
    if misfit(application, company, str(values.get("role", application.role))):
        fail(
            f"--application {application.id} is {application.title}; leave out --company "
            "and --role, or give the same."
        )
    return {
        "company": application.company,
        "role": application.role,
        "application_id": application.id,
    }


@click.command()
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

    number = parse_id(interview_id)
    now = common.clock().now()
    texts = _typed_fields(**options)
    if not texts:
        fail("nothing to change: give at least one option, e.g. --status offer.")
    values = _parse_or_fail(texts, now)
    with journal_for(ctx, db_path, create=False) as journal:
        saved = journal.update_interview(apply_fields(journal.get_interview(number), values))
    click.echo(saved.id)
    _say_doubts(saved, now)


@click.command()
@click.argument("interview_id")
@click.option("--yes", "-y", is_flag=True, help="Do not ask for confirmation.")
@db_option
@click.pass_context
def delete(ctx: click.Context, interview_id: str, yes: bool, db_path: Path | None) -> None:
    """Delete an interview and everything recorded about it."""
    number = parse_id(interview_id)
    with journal_for(ctx, db_path, create=False) as journal:
        interview = journal.get_interview(number)
        if not yes:
            if not sys.stdin.isatty():
                fail("refusing to delete without --yes when not run interactively.")
            click.confirm(f"Delete {interview.title} for good?", abort=True, err=True)
        journal.delete_interview(number)
    click.echo(f"deleted {number}", err=True)


@click.command()
@click.argument("interview_id")
@db_option
@click.pass_context
def evaluate(ctx: click.Context, interview_id: str, db_path: Path | None) -> None:
    """Open the evaluation of one interview, ready to type."""
    from interview_journal.cli.tui import open_tui

    open_tui(ctx, db_path, evaluate=parse_id(interview_id))
