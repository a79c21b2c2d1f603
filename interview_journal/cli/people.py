"""People from the command line: list them, and change one's record.

Every name typed as an interviewer or a follow-up's contact is a person already (the
store files them as they are saved); here they are found and completed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview_journal.cli import common
from interview_journal.cli.common import db_option, fail, journal_for, parse_id

if TYPE_CHECKING:
    import pendulum

    from interview_journal.domain.fields import Field


@click.command()
@click.option(
    "--search", "-s", default="", help="Words in the name, role, company, e-mail or notes."
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of people.")
@db_option
@click.pass_context
def people(ctx: click.Context, search: str, as_json: bool, db_path: Path | None) -> None:
    """List the people met, by name.

    Interviewers, recruiters and the contacts of follow-ups: each name typed is a person.
    """
    now = common.clock().now()
    with journal_for(ctx, db_path, create=False) as journal:
        found = journal.people.listed(search)
    if as_json:
        from interview_journal.present.json import person_record

        common.print_json([person_record(person, now) for person in found])
        return
    if not found:
        click.echo("No people." if not search.strip() else "No people match.", err=True)
        return
    rows = [(str(p.id), p.name, p.role, p.company, p.email, p.phone) for p in found]
    common.print_table(("ID", "NAME", "ROLE", "COMPANY", "E-MAIL", "PHONE"), rows)


@click.group("person", cls=common.JournalGroup)
def person() -> None:
    """Change what is known about one person.

    \b
    interview-journal person edit 4 --email anna@nordvik.example --role CTO
    """


@person.command("edit")
@click.argument("person_id")
@click.option("--name", help="Their name; the interviews and follow-ups naming them follow.")
@click.option("--role", help='What they do: "CTO", "recruiter".')
@click.option("--company", help="Where they work.")
@click.option("--email", help="Their e-mail address.")
@click.option("--phone", help="Their phone number.")
@click.option("--url", help="LinkedIn, or any page about them.")
@click.option("--notes", help="Anything worth remembering about them.")
@db_option
@click.pass_context
def edit(
    ctx: click.Context, /, person_id: str, db_path: Path | None, **options: str | None
) -> None:
    """Change a person's record and print its id; only the options given are changed."""
    from interview_journal.domain.fields import parse_each

    number = parse_id(person_id, "a person")
    now = common.clock().now()
    texts = {name: value for name, value in options.items() if value is not None}
    if not texts:
        fail("nothing to change: give at least one option, e.g. --email anna@example.com.")
    values, errors = parse_each(_person_fields(), texts, now)
    if errors:
        name, message = next(iter(errors.items()))
        fail(f"--{name}: {message}")
    with journal_for(ctx, db_path, create=False) as journal:
        saved = journal.people.update(journal.people.get(number).with_changes(**values))
    click.echo(saved.id)


def _person_fields() -> dict[str, Field]:
    """How each option is read: the interview's own parsers for names, lines and links."""
    from interview_journal.domain import validation
    from interview_journal.domain.fields import Field

    def line(label: str) -> Field:
        name = label.lower().replace("-", "")
        return Field(name, label, "", lambda text, _now: validation.parse_line(text, label))

    return {
        field.name: field
        for field in [
            Field("name", "Name", "Anna Berg", _name),
            line("Role"),
            line("Company"),
            Field("email", "E-mail", "anna@nordvik.example", _email),
            line("Phone"),
            Field("url", "URL", "https://www.linkedin.com/in/anna", _url),
            Field(
                "notes",
                "Notes",
                "",
                lambda t, _: validation.check_text(t, "Notes", limit=validation.MAX_LONG),
            ),
        ]
    }


def _name(text: str, _now: pendulum.DateTime) -> str:
    from interview_journal.domain.validation import parse_line
    from interview_journal.errors import InputError

    name = parse_line(text, "Name")
    if not name:
        raise InputError('Name cannot be blank, e.g. "Anna Berg".')
    if any(mark in name for mark in "(),;"):
        raise InputError(f'Name "{name}" cannot hold ( ) , or ; — they separate interviewers.')
    return name


def _email(text: str, _now: pendulum.DateTime) -> str:
    from interview_journal.domain.validation import parse_line
    from interview_journal.errors import InputError

    address = parse_line(text, "E-mail")
    if address and (" " in address or address.count("@") != 1 or address.startswith("@")):
        raise InputError(f'E-mail "{address}" is not an address, e.g. anna@nordvik.example.')
    return address


def _url(text: str, _now: pendulum.DateTime) -> str:
    from interview_journal.domain.validation import parse_url

    return parse_url(text, "URL")
