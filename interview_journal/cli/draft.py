"""`draft`: the e-mail for a timeline entry, written from its reason, to edit and send."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview_journal.cli import common
from interview_journal.cli.common import db_option, fail, journal_for, parse_id

if TYPE_CHECKING:
    from interview_journal.services.messages import Draft


@click.command("draft")
@click.argument("entry_id", required=False)
@click.option(
    "--lang",
    type=click.Choice(["en", "sv"]),
    help="Write it in English or Swedish (default: [messages] language, else from LANG).",
)
@click.option("--edit", is_flag=True, help="Open it in $EDITOR first (the subject line too).")
@click.option("--mailto", is_flag=True, help="Print a mailto: link to open in a mail program.")
@click.option(
    "--sent",
    is_flag=True,
    help="Mark the entry done now, keeping the message (as shown or edited) in its note.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the draft as one JSON object.")
@click.option(
    "--templates",
    is_flag=True,
    help="Write the built-in templates to messages.toml beside the config file, to edit "
    "(an existing file is never overwritten).",
)
@db_option
@click.pass_context
def draft(
    ctx: click.Context,
    entry_id: str | None,
    lang: str | None,
    edit: bool,
    mailto: bool,
    sent: bool,
    as_json: bool,
    templates: bool,
    db_path: Path | None,
) -> None:
    """Draft the e-mail for a timeline entry (a follow-up, a thank-you note, …).

    It leads with the entry's reason, names what was agreed (the date they promised to
    answer by, or from which you may get in touch), the role, and the person (the entry's
    contact, else the first interviewer, with their e-mail from People). A follow-up with
    no reason gets a line asking why you are writing, never an invented one. The ids are
    on the timeline (`interview-journal timeline`).

    A suggestion has no id until it is saved: press m on it in the journal (the review or
    the timeline) to draft it there.

    \b
    interview-journal draft 31
    interview-journal draft 31 --edit --sent
    interview-journal draft 31 --lang sv --mailto
    interview-journal draft --templates
    """
    if templates:
        if entry_id is not None or sent or edit or mailto or as_json:
            fail("--templates writes the template file only: give it without an entry.")
        _write_templates()
        return
    if entry_id is None:
        fail("give the id of a timeline entry, e.g. `interview-journal draft 31`.")
    number = parse_id(entry_id, "an entry")
    settings = common.settings()
    if lang is not None:
        settings = replace(settings, message_language=lang)
    now = common.clock().now()
    from interview_journal.services.messages import draft_for_entry, mark_sent

    interview_id = None
    with journal_for(ctx, db_path, create=False) as journal:
        written = draft_for_entry(journal, number, now, settings)
        for warning in written.warnings:
            click.echo(f"interview-journal: warning: {warning}", err=True)
        subject, body = written.subject, written.body
        if edit:
            subject, body = _edited(written, sent)
        if sent:
            if not body.strip():
                fail("the message is empty; nothing was marked sent.")
            if written.still_asks(body):
                fail(
                    "the message still asks why you are writing: add your reason with "
                    f"--edit (or mark it done without a message: follow-up done {number})."
                )
            saved = mark_sent(journal, written.as_text(body, subject), now, entry_id=number)
            interview_id = saved.interview_id
    _show(written, number, subject, body, mailto=mailto, as_json=as_json, sent=sent)
    if interview_id is not None:
        click.echo(
            f"sent: entry {number} is done, with the message in its note "
            f"(`interview-journal show {interview_id} --json` shows it).",
            err=True,
        )


def _edited(written: Draft, sent: bool) -> tuple[str, str]:
    """The subject and the body after $EDITOR; an editor closed without saving leaves the
    draft as it was (and marks nothing sent)."""
    text = click.edit(f"Subject: {written.subject}\n\n{written.body}\n", extension=".txt")
    if text is None:
        if sent:
            raise click.Abort
        return written.subject, written.body
    subject, body = written.subject, text
    lines = text.splitlines()
    if lines and lines[0].lower().startswith("subject:"):
        subject = lines[0].split(":", 1)[1].strip()
        body = "\n".join(lines[1:])
    return subject, body.strip("\n").rstrip()


def _show(
    written: Draft,
    number: int,
    subject: str,
    body: str,
    *,
    mailto: bool,
    as_json: bool,
    sent: bool,
) -> None:
    from interview_journal.present.visible import visible

    link = written.mailto(body=body, subject=subject)
    if as_json:
        common.print_json(
            {
                "entry_id": number,
                "kind": written.kind.value,
                "language": written.language,
                "to_name": written.to_name,
                "to_email": written.to_email,
                "subject": subject,
                "body": body,
                "asks_for_reason": written.still_asks(body),
                "mailto": link,
                "sent": sent,
            }
        )
        return
    if mailto:
        click.echo(link)
        return
    if written.to_email:
        to = f"{written.to_name} <{written.to_email}>" if written.to_name else written.to_email
    elif written.to_name:
        to = f"{written.to_name} (no e-mail in People: interview-journal person)"
    else:
        to = "(nobody named: add a contact to the entry or an interviewer)"
    click.echo(f"To: {visible(to, one_line=True)}")
    click.echo(f"Subject: {visible(subject, one_line=True)}")
    click.echo("")
    click.echo(visible(body))


def _write_templates() -> None:
    """The built-in templates at the user's templates path, unless a file is there."""
    from interview_journal.safe_files import staged_path
    from interview_journal.services.messages import built_in_text, templates_path

    target = templates_path()
    if target.exists():
        click.echo(target)
        click.echo(
            f"interview-journal: {target} is already there; not overwritten (edit it, or "
            "remove it to get the built-in templates again).",
            err=True,
        )
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with staged_path(target, replace=False) as staged:
            staged.write_text(built_in_text(), encoding="utf-8")
    except FileExistsError:
        fail(f"{target} appeared while it was written; it was not overwritten.")
    except OSError as error:
        fail(f"{target}: could not be written ({error.strerror or error}); nothing was written.")
    click.echo(target)
    click.echo(
        "interview-journal: wrote the built-in templates; a key you change there replaces "
        "only that key.",
        err=True,
    )
