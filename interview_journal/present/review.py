"""The daily review and the prep sheet in words: when each line is, its marker, the
headings, and the prep sheet as Markdown. The domain (`domain.review`) says what is due
and when; this module says it."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime

import pendulum

from interview_journal.dates import format_day, relative, relative_day
from interview_journal.domain.review import PrepSheet, Review, ReviewItem, Section


def when_words(item: ReviewItem, now: pendulum.DateTime) -> str:
    """ "overdue 2 days", "today", "today 13:00", "yesterday", "tomorrow 13:00", "Fri 27 Nov"."""
    today = now.date()
    if item.section is Section.FOLLOW_UPS:
        days = item.overdue_days
        if days > 0:
            return "overdue 1 day" if days == 1 else f"overdue {days} days"
        at = item.when.at
        return "today" + (f" {at:%H:%M}" if at is not None else "")
    if item.section is Section.TO_EVALUATE:
        return relative_day(item.when.day, today)
    if item.section is Section.COMING_UP:
        return relative(item.interview.starts_at, now)
    return format_day(item.when.day, today)


def marker(item: ReviewItem) -> str:
    """The first character of a review line: what kind of thing it is, without colour."""
    if item.section is Section.FOLLOW_UPS:
        if item.suggestion is not None:
            return "◇"
        return "!" if item.overdue_days > 0 else "○"
    return {Section.TO_EVALUATE: "✎", Section.COMING_UP: "▸", Section.WAITING_ON: "…"}[item.section]


def headline(review: Review) -> str:
    """ "3 things need you today", or that nothing does."""
    count = review.needs_you
    if count == 0:
        return "Nothing needs you today"
    return f"{count} thing{'s' if count != 1 else ''} need{'s' if count == 1 else ''} you today"


EMPTY_SECTION = {
    Section.FOLLOW_UPS: "nothing due",
    Section.TO_EVALUATE: "every interview is written up",
    Section.COMING_UP: "no interviews in the next 7 days",
    Section.WAITING_ON: "no promised dates ahead",
}


def review_title(today: date) -> str:
    return f"Daily review · {today:%A} {today.day} {today:%B}"


# --- the prep sheet -----------------------------------------------------------------------


_MARKDOWN_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_literal(text: str) -> str:
    """`text` as Markdown that shows exactly these characters: a company called `*Star*`
    stays `*Star*`, `[x](y)` is no link, and each line break stays one (a hard break).
    CommonMark lets every ASCII punctuation mark be escaped with a backslash."""
    return "\\\n".join(_MARKDOWN_PUNCTUATION.sub(r"\\\1", line) for line in text.split("\n"))


AD_LINES = 12
"""How many lines of a pasted job ad a folded prep sheet shows."""


def prep_markdown(
    sheet: PrepSheet, now: pendulum.DateTime, *, literal: bool = False, ad_lines: int | None = None
) -> str:
    """The prep sheet as Markdown: for printing, or for the notes app of the user's choice.

    With `literal`, the user's own words (and ours) are escaped so that a Markdown view
    shows them exactly; without it they go in as written, so notes typed as Markdown
    (bullet lines) read as Markdown elsewhere. With `ad_lines`, a longer job ad is
    folded to its first lines and says how many more there are.
    """
    say = markdown_literal if literal else str
    interview = sheet.interview
    lines = [f"# Prep: {say(interview.title)}", "", *_facts(sheet, now, literal=literal)]
    lines += ["", "## Ask at the end", ""]
    lines += [f"- [ ] {say(question)}" for question in sheet.questions]
    lines += ["", "## Get across", ""]
    if sheet.key_points:
        lines += [f"- [ ] {say(point.text)}" for point in sheet.key_points]
    else:
        lines.append("_No key points yet: write them as bullet lines in the prep notes._")
    if interview.notes.strip():
        lines += ["", "## Prep notes", "", say(interview.notes.strip())]
    lines += _earlier_rounds(sheet, now, say)
    if sheet.lessons:
        lines += ["", "## From your past evaluations", ""]
        for lesson in sheet.lessons:
            label = "Lesson" if lesson.kind == "lesson" else "To improve"
            day = format_day(lesson.starts_at.astimezone(now.tzinfo).date(), now.date())
            lines.append("- " + say(f"{label} ({lesson.company}, {day}): {lesson.text}"))
    if sheet.job_ad_text:
        lines += ["", "## The job ad", "", *_job_ad(sheet.job_ad_text, say, ad_lines)]
    return "\n".join(lines) + "\n"


def _facts(sheet: PrepSheet, now: pendulum.DateTime, *, literal: bool) -> list[str]:
    """The bullet lines under the title: when, where, with whom, the ad, their record."""
    say = markdown_literal if literal else str
    interview = sheet.interview
    when = f"{_exact(interview.starts_at, now)} ({relative(interview.starts_at, now)})"
    what = f"{when}, {interview.round_name} interview"
    lines = [
        "- **When:** " + say(what + (f", {interview.format.label}" if interview.format else ""))
    ]
    if interview.location:
        lines.append(f"- **Where:** {say(interview.location)}")
    if interview.people_text:
        lines.append(f"- **With:** {say(interview.people_text)}")
    if sheet.job_ad_url:
        url = say(sheet.job_ad_url) if literal else f"<{sheet.job_ad_url}>"
        lines.append(f"- **Job ad:** {url}")
    if sheet.track_record:
        lines.append(f"- **Their promises:** {say(sheet.track_record)}")
    return lines


def _earlier_rounds(
    sheet: PrepSheet, now: pendulum.DateTime, say: Callable[[str], str]
) -> list[str]:
    """The application's earlier rounds, oldest first, with how the role differed."""
    if not sheet.earlier_rounds:
        return []
    lines = ["", "## Earlier rounds of this application", ""]
    for round_ in sheet.earlier_rounds:
        earlier = round_.interview
        held = format_day(earlier.starts_at.astimezone(now.tzinfo).date(), now.date())
        learned = round_.evaluation.lesson.strip() if round_.evaluation else ""
        lesson = f" — lesson: {learned}" if learned else ""
        lines.append("- " + say(f"{earlier.round_name}, {held}{lesson}"))
    lines += [f"- Role vs the ad, {say(note)}" for note in sheet.role_notes]
    return lines


def _job_ad(text: str, say: Callable[[str], str], ad_lines: int | None) -> list[str]:
    """The pasted ad as written, or its first `ad_lines` lines and how many are left out."""
    kept = text.splitlines()
    if ad_lines is None or len(kept) <= ad_lines:
        return [say(text)]
    more = len(kept) - ad_lines
    return [say("\n".join(kept[:ad_lines])), "", f"_… {more} more line{'s' if more != 1 else ''}_"]


def _exact(moment: datetime, now: datetime) -> str:
    here = moment.astimezone(now.tzinfo)
    return f"{format_day(here.date(), now.date())} {here:%H:%M}"
