"""`interview-journal insights`: what your interviews are teaching you, as plain text or
JSON (the same facts as the Insights view)."""

from __future__ import annotations

from pathlib import Path

import click

from interview_journal.cli import common
from interview_journal.cli.common import db_option, fail, journal_for
from interview_journal.errors import InputError


@click.command()
@click.option(
    "--since",
    help='Only interviews from this day on ("2026-09-01", "1 sep", "3 months ago").',
)
@click.option("--json", "as_json", is_flag=True, help="Print the insights as one JSON object.")
@db_option
@click.pass_context
def insights(ctx: click.Context, since: str | None, as_json: bool, db_path: Path | None) -> None:
    """What your interviews are teaching you: lessons, the signs over time, key points,
    the words you write most, reality checks, closing questions, employers, the funnel.

    Every figure says how many interviews it rests on; one resting on fewer than three is
    not shown, and a line says what it needs instead.
    """
    from interview_journal.dates import Lean, parse_day
    from interview_journal.present.insights import insights_json, insights_text

    now = common.clock().now()
    day = None
    if since is not None:
        try:  # a past day: "1 sep" is the last 1 Sep, "fri" the last Friday
            day = parse_day(since, now, Lean.PAST)
        except InputError as error:
            fail(f"--since: {error.message}")
        if day > now.date():
            fail(f"--since: {since!r} is after today; give a day in the past, like 2026-09-01.")
    with journal_for(ctx, db_path, create=False) as journal:
        found = journal.insights(now, day)
    if as_json:
        common.print_json(insights_json(found))
    else:
        click.echo(insights_text(found))
