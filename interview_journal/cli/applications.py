"""Applications from the command line: list them, show one, add, edit and delete.

An application is one role at one company; its interviews are its rounds. Each option is
read by the same parsers the interview's fields use (domain/validation.py, dates), and
everything is checked before the journal is opened, so a bad option writes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from interview_journal.cli import common
from interview_journal.cli.common import (
    F,
    JournalGroup,
    db_option,
    fail,
    journal_for,
    parse_id,
    summaries_of,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    import pendulum

    from interview_journal.domain.applications import ApplicationStatus
    from interview_journal.domain.fields import Field
    from interview_journal.store import Journal

OPTION_OF = {"company": "COMPANY", "job_ad_text": "--job-ad"}
"""The option a field is typed in, where it is not the field's name with dashes."""


def _application_options(func: F) -> F:
    options = [
        click.option("--role", help="The job title."),
        click.option("--job-ad-url", help="Link to the job ad."),
        click.option(
            "--job-ad",
            "job_ad_file",
            type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
            help="A file with the ad's text, kept for the prep sheet (- reads it from stdin).",
        ),
        click.option("--source", help="job-ad, referral, recruiter or own-initiative."),
        click.option("--source-note", help='Who referred you, which recruiter: "Anna B."'),
        click.option(
            "--applied-on",
            help='The day you applied: "mon", "3 nov", "2026-11-03" (a day without a year or '
            "week is the last one).",
        ),
        click.option("--location", help='Where the job is: "Oslo", "remote", "hybrid".'),
        click.option("--salary", help='The range, as you write it: "55-60k".'),
        click.option("--notes", help="Anything else about the application."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def _application_fields() -> dict[str, Field]:
    """How each option is read: the interview's own parsers, and dates that lean to the
    past (an application is entered after sending it)."""
    from interview_journal.dates import Lean, parse_optional_day
    from interview_journal.domain import validation
    from interview_journal.domain.applications import Source
    from interview_journal.domain.fields import Field

    def line(label: str) -> Callable[[str, pendulum.DateTime], str]:
        return lambda text, _now: validation.parse_line(text, label)

    def ended(text: str, _now: pendulum.DateTime) -> ApplicationStatus | None:
        return None if text.strip().lower() == "none" else _ending(text)

    return {
        field.name: field
        for field in [
            Field("company", "Company", "Nordvik", lambda t, _: validation.parse_company(t)),
            Field("role", "Role", "Backend Developer", line("Role")),
            Field("job_ad_url", "Job ad link", "https://jobs.example.com/42", _url),
            Field(
                "job_ad_text",
                "Job ad",
                "",
                lambda t, _: validation.check_text(t, "Job ad", limit=validation.MAX_LONG),
            ),
            Field(
                "source",
                "Source",
                "referral",
                lambda t, _: validation.parse_choice(t, Source, "source") if t.strip() else None,
            ),
            Field("source_note", "Source note", "Anna B. at the meetup", line("Source note")),
            Field(
                "applied_on",
                "Applied on",
                "mon · 3 nov",
                lambda t, now: parse_optional_day(t, now, Lean.PAST),
            ),
            Field("location", "Location", "Oslo, hybrid", line("Location")),
            Field("salary", "Salary", "55-60k", line("Salary")),
            Field(
                "notes",
                "Notes",
                "",
                lambda t, _: validation.check_text(t, "Notes", limit=validation.MAX_LONG),
            ),
            Field("ended", "Ended", "rejected", ended),
        ]
    }


def _url(text: str, _now: pendulum.DateTime) -> str:
    from interview_journal.domain.validation import parse_url

    return parse_url(text)


def _ending(text: str) -> ApplicationStatus:
    """How the user says it ended: one of the statuses they may set by hand."""
    from interview_journal.domain.applications import ENDINGS, ApplicationStatus
    from interview_journal.domain.validation import parse_choice
    from interview_journal.errors import InputError

    choices = ", ".join(status.value for status in ENDINGS)
    try:
        status = parse_choice(text, ApplicationStatus, "ending")
    except InputError:
        status = None
    if status is None or status not in ENDINGS:
        raise InputError(f'Unknown ending "{text.strip()}" — choose one of: {choices} or none.')
    return status


def _job_ad_text(path: Path) -> str:
    """The ad's text from a file, or from stdin for `-`; a file that cannot be read is a
    one-line error naming it."""
    if str(path) == "-":
        return sys.stdin.read()
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        fail(f"--job-ad: {path} is not UTF-8 text; save it as plain text and try again.")
    except OSError as error:
        fail(f"--job-ad: cannot read {path} ({error.strerror or error}).")


def _parsed(
    given: dict[str, Any], job_ad_file: Path | None, now: pendulum.DateTime
) -> dict[str, Any]:
    """The options given, read into an application's values; the first bad one fails."""
    from interview_journal.domain.fields import parse_each

    texts = {name: value for name, value in given.items() if value is not None}
    if job_ad_file is not None:
        texts["job_ad_text"] = _job_ad_text(job_ad_file)
    values, errors = parse_each(_application_fields(), texts, now)
    if errors:
        name, message = next(iter(errors.items()))
        fail(f"{OPTION_OF.get(name, '--' + name.replace('_', '-'))}: {message}")
    return values


def _refuse_twin(
    journal: Journal, values: dict[str, Any], now: pendulum.DateTime, own: int | None
) -> None:
    """An open application for the same company and role is the one to change: a second
    would split its rounds (a closed one may be applied for again)."""
    found = [
        a.id
        for a in journal.applications.matching(values["company"], values.get("role", ""))
        if a.id is not None and a.id != own
    ]
    for summary in summaries_of(journal, now, found) if found else []:
        if not summary.status.is_closed:
            number = summary.application.id
            fail(
                f"{summary.application.title} is already application {number} "
                f"({summary.status.label}); change it with "
                f"`interview-journal application edit {number}`."
            )


@click.command()
@click.option(
    "--status",
    help="Only applications with this status: applied, interviewing, waiting, offer, "
    "accepted, rejected, withdrawn or ghosted.",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of applications.")
@db_option
@click.pass_context
def applications(
    ctx: click.Context, status: str | None, as_json: bool, db_path: Path | None
) -> None:
    """List applications, the open ones first.

    The latest activity comes first within each part. Each line: id, company — role,
    status, rounds (● held, ○ ahead), last contact and the next planned follow-up.
    """
    from interview_journal.domain.applications import ApplicationStatus
    from interview_journal.domain.validation import parse_choice
    from interview_journal.errors import InputError

    try:
        wanted = parse_choice(status, ApplicationStatus, "status") if status else None
    except InputError as error:
        fail(f"--status: {error.message}")
    now = common.clock().now()
    with journal_for(ctx, db_path, create=False) as journal:
        found = [s for s in summaries_of(journal, now) if wanted in (None, s.status)]
    if as_json:
        from interview_journal.present.json import summary_to_dict

        common.print_json([summary_to_dict(summary) for summary in found])
        return
    if not found:
        click.echo("No applications." if wanted is None else "No applications match.", err=True)
        return
    from interview_journal.present.text import summary_cells

    header = ("ID", "APPLICATION", "STATUS", "ROUNDS", "LAST CONTACT", "NEXT FOLLOW-UP")
    common.print_table(header, [summary_cells(summary, now.date()) for summary in found])


@click.group("application", cls=JournalGroup)
def application() -> None:
    """Show, add, edit or delete an application.

    An application is one role at one company; its interviews are its rounds.

    \b
    interview-journal application add Nordvik --role "Backend Developer" --source referral
    interview-journal application show 3
    interview-journal application edit 3 --ended rejected
    interview-journal application delete 3
    """


@application.command("show")
@click.argument("application_id")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@db_option
@click.pass_context
def show(ctx: click.Context, application_id: str, as_json: bool, db_path: Path | None) -> None:
    """Show an application: its fields, rounds, the people met, the promises and its
    timeline."""
    from interview_journal.domain.promises import promise_ledger
    from interview_journal.present.json import application_to_json
    from interview_journal.present.text import application_text

    number = _application_id(application_id)
    now = common.clock().now()
    with journal_for(ctx, db_path, create=False) as journal:
        journal.applications.get(number)  # an unknown id says so
        (summary,) = summaries_of(journal, now, [number])
        rounds = journal.applications.rounds(number)
        entries = journal.applications.entries(number)
        people = journal.people.met_in(number)
    closed = summary.status.is_closed
    promises = promise_ledger(rounds, entries, now.date(), closed=closed)
    parts = (summary, rounds, people, promises, entries, now)
    if as_json:
        common.print_json(application_to_json(*parts))
    else:
        click.echo(application_text(*parts))


@application.command("add")
@click.argument("company")
@_application_options
@db_option
@click.pass_context
def add(
    ctx: click.Context,
    /,
    company: str,
    job_ad_file: Path | None,
    db_path: Path | None,
    **options: str | None,
) -> None:
    """Add an application and print its id.

    Its interviews are added with `interview-journal add --application ID`.
    """
    from interview_journal.domain.applications import Application

    now = common.clock().now()
    values = _parsed({"company": company, **options}, job_ad_file, now)
    with journal_for(ctx, db_path, create=True) as journal:
        _refuse_twin(journal, values, now, None)
        saved = journal.applications.add(Application(**values))
    click.echo(saved.id)


@application.command("edit")
@click.argument("application_id")
@click.option("--company", help="The employer.")
@_application_options
@click.option(
    "--ended",
    help="How it ended: accepted, rejected or withdrawn; none hands the status back to "
    "its rounds and timeline.",
)
@db_option
@click.pass_context
def edit(
    ctx: click.Context,
    /,
    application_id: str,
    job_ad_file: Path | None,
    db_path: Path | None,
    **options: str | None,
) -> None:
    """Change an application's fields; only the options given are changed."""
    number = _application_id(application_id)
    now = common.clock().now()
    if job_ad_file is None and all(value is None for value in options.values()):
        fail("nothing to change: give at least one option, e.g. --ended rejected.")
    values = _parsed(options, job_ad_file, now)
    with journal_for(ctx, db_path, create=False) as journal:
        changed = journal.applications.get(number).with_changes(**values)
        if "company" in values or "role" in values:
            _refuse_twin(journal, {"company": changed.company, "role": changed.role}, now, number)
        saved = journal.applications.update(changed)
    click.echo(saved.id)


@application.command("delete")
@click.argument("application_id")
@click.option("--yes", "-y", is_flag=True, help="Delete its rounds too without asking.")
@db_option
@click.pass_context
def delete(ctx: click.Context, application_id: str, yes: bool, db_path: Path | None) -> None:
    """Delete an application; one with rounds takes them (their evaluations and timelines
    too) and asks first."""
    number = _application_id(application_id)
    with journal_for(ctx, db_path, create=False) as journal:
        found = journal.applications.get(number)
        rounds = len(journal.applications.rounds(number))
        counted = f"{rounds} round{'s' if rounds != 1 else ''}"
        with_rounds = f" and its {counted}" if rounds else ""
        if rounds and not yes:
            if not sys.stdin.isatty():
                fail(
                    f"{found.title} has {counted}, deleted with it (evaluations and "
                    "timelines too): give --yes to delete them all."
                )
            click.confirm(f"Delete {found.title}{with_rounds} for good?", abort=True, err=True)
        journal.applications.delete(number)
    click.echo(f"deleted application {number}{with_rounds}", err=True)


def _application_id(text: str) -> int:
    """An application id as typed; the message says it is an application's."""
    return parse_id(text, "an application")
