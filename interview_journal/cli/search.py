"""`search`: every interview holding the typed words anywhere the user wrote them, with
where each one matched."""

from __future__ import annotations

from pathlib import Path

import click

from interview_journal.cli import common
from interview_journal.cli.common import db_option, journal_for
from interview_journal.domain.listing import InterviewPage, SearchHit


def _marked(hit: SearchHit) -> str:
    """The excerpt with the typed words in bold (click drops the styles when piped); the
    user's text shown, never sent raw (interview_journal/present/visible.py)."""
    from interview_journal.present.visible import visible

    parts, at = [], 0
    for start, end in hit.spans:
        parts.append(visible(hit.excerpt[at:start], one_line=True))
        parts.append(click.style(visible(hit.excerpt[start:end], one_line=True), bold=True))
        at = end
    parts.append(visible(hit.excerpt[at:], one_line=True))
    return "".join(parts)


def _as_json(page: InterviewPage) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    for interview in page.interviews:
        hit = page.hits.get(interview.id or 0)
        found.append(
            {
                "id": interview.id,
                "uuid": interview.uuid,
                "title": interview.title,
                "starts_at": interview.starts_at.isoformat(),
                "where": hit.where if hit else None,
                "excerpt": hit.excerpt if hit else None,
                "spans": [list(span) for span in hit.spans] if hit else [],
            }
        )
    return found


@click.command("search")
@click.argument("text")
@click.option("--limit", "-n", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one object a match.")
@db_option
@click.pass_context
def search(ctx: click.Context, text: str, limit: int, as_json: bool, db_path: Path | None) -> None:
    """Find TEXT in every word written: interviews, applications and job ads, people,
    evaluations and follow-ups (newest first; words match from their start)."""
    from interview_journal.domain.listing import InterviewQuery, InterviewSort
    from interview_journal.present.visible import visible

    query = InterviewQuery(now=common.clock().now(), search=text, sort=InterviewSort.NEWEST_FIRST)
    with journal_for(ctx, db_path, create=False) as journal:
        page = journal.page_interviews(query, limit=limit)
    if as_json:
        common.print_json(_as_json(page))
        return
    if not page.interviews:
        click.echo("No interviews match.", err=True)
        return
    width = max(len(str(interview.id)) for interview in page.interviews)
    for interview in page.interviews:
        hit = page.hits.get(interview.id or 0)
        where = f'  {hit.where}: "{_marked(hit)}"' if hit else ""
        title = visible(interview.title, one_line=True)
        click.echo(f"{str(interview.id).rjust(width)}  {title}{where}")
