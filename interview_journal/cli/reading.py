"""The read paths of interviews: `list` and `show`.

Apart from `cli.interviews` (add, edit, delete, evaluate, with their many options), so
the commands people run most, often from scripts and shell start-up files, load and
compile only what they print."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview_journal.cli import common
from interview_journal.cli.common import db_option, fail, journal_for, parse_id
from interview_journal.errors import InputError

if TYPE_CHECKING:
    import pendulum

    from interview_journal.domain.listing import InterviewPage
    from interview_journal.domain.timeline import Entry
    from interview_journal.store import Journal


@click.command("list")
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
    from interview_journal.domain.listing import InterviewQuery, InterviewSort
    from interview_journal.domain.validation import parse_status

    try:
        wanted = parse_status(status) if status else None
    except InputError as error:
        fail(f"--status: {error.message}")
    now = common.clock().now()
    orders = {
        "upcoming": InterviewSort.UPCOMING_FIRST,
        "newest": InterviewSort.NEWEST_FIRST,
        "company": InterviewSort.COMPANY,
    }
    query = InterviewQuery(now=now, status=wanted, search=search, sort=orders[sort])
    with journal_for(ctx, db_path, create=False) as journal:
        page = journal.page_interviews(query, limit=limit)
        entries = journal.entries_by_interview([i.id for i in page.interviews if i.id])
        listed = _listed_json(journal, page, entries, now) if as_json else None
    if listed is not None:
        common.print_json(listed)
        return
    if not page.interviews:
        click.echo("No interviews." if not (search or wanted) else "No interviews match.", err=True)
        return
    _print_page(page, entries, now)


def _listed_json(
    journal: Journal,
    page: InterviewPage,
    entries: dict[int, list[Entry]],
    now: pendulum.DateTime,
) -> list[dict[str, object]]:
    """The interviews of a page as `show --json` prints each."""
    from interview_journal.present.json import interview_to_dict
    from interview_journal.store.rows import entry_to_dict, evaluation_to_dict

    evaluations: dict[int | None, dict[str, object] | None] = {}
    for interview_id in page.evaluations:
        found = journal.get_evaluation(interview_id)
        evaluations[interview_id] = evaluation_to_dict(found) if found else None
    applications = journal.applications.by_id(
        {i.application_id for i in page.interviews if i.application_id is not None}
    )
    return [
        interview_to_dict(
            i,
            now,
            evaluation=evaluations.get(i.id),
            follow_ups=[entry_to_dict(e) for e in entries.get(i.id or 0, [])],
            application=applications.get(i.application_id or 0),
        )
        for i in page.interviews
    ]


def _print_page(
    page: InterviewPage, entries: dict[int, list[Entry]], now: pendulum.DateTime
) -> None:
    from interview_journal.dates import format_exact, relative
    from interview_journal.domain.status import effective_status

    rows = [
        (
            str(i.id),
            format_exact(i.starts_at, now),
            relative(i.starts_at, now),
            i.company,
            i.role,
            i.round_name,
            effective_status(i, now).label,
            _next_planned(entries.get(i.id or 0, []), now),
        )
        for i in page.interviews
    ]
    common.print_table(("ID", "WHEN", "", "COMPANY", "ROLE", "STAGE", "STATUS", "NEXT"), rows)


def _next_planned(entries: list[Entry], now: pendulum.DateTime) -> str:
    """The soonest planned entry of an interview, as "○ Fri 27 Nov" (or "! Mon 23 Nov"
    when it is overdue); blank when nothing is planned.

    Said with the timeline's words alone, loaded only once something is planned: the
    timeline's words cost `list` about 10 ms on a busy machine, present.text's 30 ms."""
    planned = [e for e in entries if not e.is_done and e.due is not None]
    if not planned:
        return ""
    from interview_journal.present.markers import MARKERS, when_text

    soonest = min(planned, key=lambda e: (e.when.key, e.id or 0))
    today = now.date()
    shape = MARKERS.get(soonest.state(today).value, MARKERS["planned"])
    return f"{shape} {when_text(soonest.when, today)}"


@click.command()
@click.argument("interview_id")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@db_option
@click.pass_context
def show(ctx: click.Context, interview_id: str, as_json: bool, db_path: Path | None) -> None:
    """Show everything about one interview.

    Its application (the role at the company it is a round of) comes first.
    """
    number = parse_id(interview_id)
    now = common.clock().now()
    with journal_for(ctx, db_path, create=False) as journal:
        interview = journal.get_interview(number)
        evaluation = journal.get_evaluation(number)
        entries = journal.entries_for(number)
        owner = [interview.application_id] if interview.application_id is not None else []
        summary = next(iter(common.summaries_of(journal, now, owner) if owner else []), None)
    if as_json:  # each way imports only its own words: both bring in much
        from interview_journal.present.json import interview_to_dict
        from interview_journal.store.rows import entry_to_dict, evaluation_to_dict

        common.print_json(
            interview_to_dict(
                interview,
                now,
                evaluation=evaluation_to_dict(evaluation) if evaluation else None,
                follow_ups=[entry_to_dict(entry) for entry in entries],
                application=summary.application if summary is not None else None,
            )
        )
    else:
        from interview_journal.present.text import interview_text

        usual = common.settings().interview_minutes
        click.echo(interview_text(interview, now, evaluation, entries, summary, usual=usual))
