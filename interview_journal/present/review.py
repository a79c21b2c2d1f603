"""The daily review and the prep sheet in words: when each line is, its marker, the
headings, and the prep sheet as Markdown. The domain (`domain.review`) says what is due
and when; this module says it."""

from __future__ import annotations

import re
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


def prep_markdown(sheet: PrepSheet, now: pendulum.DateTime, *, literal: bool = False) -> str:
    """The prep sheet as Markdown: for printing, or for the notes app of the user's choice.

    With `literal`, the user's own words (and ours) are escaped so that a Markdown view
    shows them exactly; without it they go in as written, so notes typed as Markdown
    (bullet lines) read as Markdown elsewhere.
    """
    say = markdown_literal if literal else str
    interview = sheet.interview
    today = now.date()
    when = f"{_exact(interview.starts_at, now)} ({relative(interview.starts_at, now)})"
    lines = [
        f"# Prep: {say(interview.title)}",
        "",
        "- **When:** "
        + say(
            f"{when}, {interview.stage.label} interview"
            + (f", {interview.format.label}" if interview.format else "")
        ),
    ]
    if interview.location:
        lines.append(f"- **Where:** {say(interview.location)}")
    if interview.people_text:
        lines.append(f"- **With:** {say(interview.people_text)}")
    if interview.job_ad_url:
        url = say(interview.job_ad_url) if literal else f"<{interview.job_ad_url}>"
        lines.append(f"- **Job ad:** {url}")
    lines += ["", "## Ask at the end", ""]
    lines += [f"- [ ] {say(question)}" for question in sheet.questions]
    lines += ["", "## Get across", ""]
    if sheet.key_points:
        lines += [f"- [ ] {say(point.text)}" for point in sheet.key_points]
    else:
        lines.append("_No key points yet: write them as bullet lines in the prep notes._")
    if interview.notes.strip():
        lines += ["", "## Prep notes", "", say(interview.notes.strip())]
    if sheet.earlier_rounds:
        lines += ["", f"## Earlier rounds with {say(interview.company)}", ""]
        for round_ in sheet.earlier_rounds:
            earlier = round_.interview
            held = format_day(earlier.starts_at.astimezone(now.tzinfo).date(), today)
            learned = round_.evaluation.lesson.strip() if round_.evaluation else ""
            lines.append(
                "- "
                + say(
                    f"{earlier.stage.label}, {held}" + (f" — lesson: {learned}" if learned else "")
                )
            )
        for note in sheet.role_notes:
            lines.append(f"- Role vs the ad, {say(note)}")
    if sheet.lessons:
        lines += ["", "## From your past evaluations", ""]
        for lesson in sheet.lessons:
            label = "Lesson" if lesson.kind == "lesson" else "To improve"
            day = format_day(lesson.starts_at.astimezone(now.tzinfo).date(), today)
            lines.append("- " + say(f"{label} ({lesson.company}, {day}): {lesson.text}"))
    return "\n".join(lines) + "\n"


def _exact(moment: datetime, now: datetime) -> str:
    here = moment.astimezone(now.tzinfo)
    return f"{format_day(here.date(), now.date())} {here:%H:%M}"
