"""The journal's views from the command line: the timeline, the daily review (`today`,
or `review` in the TUI) and the prep sheet."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from interview_journal.cli import common
from interview_journal.cli.common import db_option, journal_for, parse_id

if TYPE_CHECKING:
    import pendulum

    from interview_journal.domain.timeline_page import TimelineItem


@click.command()
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
    from interview_journal.domain.timeline_page import TimelineQuery
    from interview_journal.present.json import line_to_dict

    number = parse_id(interview_id) if interview_id is not None else None
    now = common.clock().now()
    settings = common.settings()
    with journal_for(ctx, db_path, create=False) as journal:
        title = journal.get_interview(number).title if number is not None else "all interviews"
        suggestions = journal.suggestions(now, settings.suggestions)
        query = TimelineQuery(now, interview_id=number, suggestions=tuple(suggestions))
        items = journal.page_timeline(query, None, limit).items
    if as_json:
        common.print_json([line_to_dict(item, now, settings.week_starts) for item in items])
        return
    from interview_journal.present.visible import visible

    title = visible(title, one_line=True)
    click.echo(f"Timeline · {title} · now {now:%a} {now.day} {now:%b %H:%M}")
    if not items:
        click.echo("Nothing on the timeline yet.", err=True)
        return
    _print_timeline(items, now, settings.week_starts)


def _print_timeline(items: list[TimelineItem], now: pendulum.DateTime, week_starts: int) -> None:
    """One table for all items, a heading above each group (overdue, today, ...)."""
    from interview_journal.domain.timeline_page import group_of
    from interview_journal.present.timeline import describe
    from interview_journal.present.visible import visible

    current = None
    rows: list[tuple[str, ...]] = []
    headings: dict[int, str] = {}
    for item in items:
        group = group_of(item, now.date(), week_starts)
        if group is not current:
            headings[len(rows)] = group.value.upper()
            current = group
        line = describe(item, now)
        cells = (line.company, line.what, line.detail)
        rows.append((f"  {line.marker}", line.when, *(visible(c, one_line=True) for c in cells)))
    for index, text in enumerate(common.table_lines(rows)):
        if index in headings:
            click.echo(headings[index])
        click.echo(text)


@click.command()
@db_option
@click.pass_context
def review(ctx: click.Context, db_path: Path | None) -> None:
    """Open the journal on the daily review."""
    from interview_journal.cli.tui import open_tui

    open_tui(ctx, db_path, view="review")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the review as one JSON object.")
@click.option(
    "--check", is_flag=True, help="Exit with status 1 when a follow-up is due or overdue."
)
@db_option
@click.pass_context
def today(ctx: click.Context, as_json: bool, check: bool, db_path: Path | None) -> None:
    """What needs you today, as plain text (quick enough for a shell start-up file)."""
    now = common.clock().now()
    settings = common.settings()
    with journal_for(ctx, db_path, create=False) as journal:
        found = journal.review(now, settings.suggestions)
    if as_json:  # each way imports only its own words
        from interview_journal.present.json import review_to_dict

        common.print_json(review_to_dict(found))
    else:
        from interview_journal.present.text import review_text

        click.echo(review_text(found, now))
    if check and found.due_count:
        ctx.exit(1)


@click.command()
@click.argument("interview_id")
@db_option
@click.pass_context
def prep(ctx: click.Context, interview_id: str, db_path: Path | None) -> None:
    """Print the prep sheet of an interview as Markdown."""
    from interview_journal.present.review import prep_markdown

    number = parse_id(interview_id)
    now = common.clock().now()
    with journal_for(ctx, db_path, create=False) as journal:
        sheet = journal.prep(number)
    from interview_journal.present.visible import visible

    click.echo(visible(prep_markdown(sheet, now)), nl=False)
