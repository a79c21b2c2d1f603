"""Insights in words: the sentences the Insights view and `interview-journal insights`
show, and the object `insights --json` prints.

Every figure says what it rests on ("from 12 evaluations"); a figure resting on fewer than
`MINIMUM` is not shown, and `too_few` says what it needs instead. A section with nothing
at all gets one line saying what fills it. The text is plain: the view styles it, the
command line prints it as it is. What the user wrote is made safe to show (`visible`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from interview_journal.dates import format_day
from interview_journal.domain.applications import Source
from interview_journal.domain.insights import (
    FUNNEL_LABELS,
    FUNNEL_STAGES,
    MINIMUM,
    SECTION_TITLES,
    SECTIONS,
    SIGNS,
    WORD_FIELDS,
    Asking,
    Closing,
    Employer,
    Employers,
    Funnel,
    FunnelRow,
    Insights,
    KeyPoints,
    Lessons,
    Reality,
    Share,
    Signs,
    Trend,
    Words,
    enough,
    too_few,
)
from interview_journal.present.visible import visible

FACT = "fact"
HEADING = "heading"
TOO_FEW = "too-few"


@dataclass(frozen=True, slots=True)
class InsightLine:
    """One line of a section: a fact, a sub-heading, or the line saying why a figure is not
    shown (or what fills an empty section)."""

    text: str
    interview_ids: tuple[int, ...] = ()
    """The evaluations behind the line (enter opens them), newest first."""
    kind: str = FACT
    """ "fact", "heading" (a sub-heading) or "too-few" (the why-line)."""


EMPTY = {
    "lessons": "Each evaluation shows your last lesson and asks whether you applied it; "
    f"from {MINIMUM} answers on, how your lessons stick shows here.",
    "signs": "Rate the three signs in your evaluations; "
    f"from {MINIMUM} evaluations on, their trend shows here.",
    "key_points": "Plan the key points you want to get across, and tick the ones you made "
    f"when you evaluate; from {MINIMUM} evaluations on, the ones you miss show here.",
    "words": "Write what went well, what to improve and what you would do differently; "
    f"from {MINIMUM} evaluations on, the words you write most show here.",
    "reality": "Say in your evaluations whether the role matched the ad and whether you "
    f"represented yourself accurately; from {MINIMUM} answers on, how often not shows here.",
    "closing": "Note in your evaluations whether you asked when you would hear; "
    f"from {MINIMUM} interviews on, whether asking pays off shows here.",
    "employers": "Log the answers employers give and when they promised one; "
    f"from {MINIMUM} answered rounds on, how quickly they answer shows here.",
    "funnel": f"Add your applications; from {MINIMUM} on, how far they get shows here.",
}
"""The one line of a section that has nothing at all yet: what fills it."""


NAMED = 5
"""The companies named in a reality check (most often first)."""


# --- small words --------------------------------------------------------------------------


def _plural(count: int, noun: str, plural: str | None = None) -> str:
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


def _quoted(text: str) -> str:
    return f"“{visible(text, one_line=True)}”"


def _lower(sentence: str) -> str:
    """A sentence continued after a label: "Did not ask: needs 3 …"."""
    return sentence[:1].lower() + sentence[1:]


def _mean(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _percent(share: Share) -> str:
    percent = share.percent
    return "" if percent is None else f" ({percent}%)"


def _days(value: float) -> str:
    return _plural(round(value), "day") if value == round(value) else f"{value:.1f} days"


def _source_label(source: str) -> str:
    if source == "all":
        return "All"
    if source == "unknown":
        return "Source not noted"
    try:
        return Source(source).label.capitalize()
    except ValueError:
        return visible(source, one_line=True).capitalize()


def _promises(kept: int, late: int, never: int) -> str:
    """ "kept 1, late 2" (only what happened)."""
    parts = [f"{word} {n}" for word, n in (("kept", kept), ("late", late), ("never", never)) if n]
    return ", ".join(parts)


# --- the sections -------------------------------------------------------------------------


def _lessons(section: Lessons, today: date) -> list[InsightLine]:
    if section.based_on == 0 and section.recurring_based_on == 0 and not section.uses:
        return [InsightLine(EMPTY["lessons"], kind=TOO_FEW)]
    lines = [
        InsightLine(
            f"How often you applied them (from {_plural(section.based_on, 'answer')})",
            kind=HEADING,
        )
    ]
    if not enough(section.based_on):
        lines.append(
            InsightLine(too_few(section.based_on, 'answers to "did you apply it?"'), kind=TOO_FEW)
        )
    elif not section.uses:
        lines.append(InsightLine("No lesson was asked about yet."))
    shown = section.uses if enough(section.based_on) else ()
    for use in shown:
        where = f"{visible(use.company, one_line=True)}, {format_day(use.day, today)}"
        lines.append(
            InsightLine(
                f"{_quoted(use.text)} ({where}): asked {_plural(use.asked, 'time')}; "
                f"applied {use.yes}, partly {use.partly}, not {use.no}",
                interview_ids=(*reversed(use.answered_in), use.written_in),
            )
        )
    latest = _plural(section.recurring_based_on, "evaluation")
    lines.append(InsightLine(f"Written again and again (your last {latest})", kind=HEADING))
    if not enough(section.recurring_based_on):
        what = "evaluations with a lesson or a thing to improve"
        lines.append(InsightLine(too_few(section.recurring_based_on, what), kind=TOO_FEW))
    elif not section.recurring:
        lines.append(InsightLine("Nothing written again and again: each lesson was new."))
    else:
        lines.extend(
            InsightLine(
                f"You noted {_quoted(item.phrase)} in {item.count} of your last "
                f"{_plural(item.out_of, 'evaluation')}.",
                interview_ids=item.interview_ids,
            )
            for item in section.recurring
        )
    return lines


def _span(section: Signs) -> str:
    """ "over 5 months" / "over 40 interviews": from the first period resting on enough to
    the last."""
    shown = [period for period in section.periods if enough(period.based_on)]
    if len(shown) < 2:
        return ""
    if section.per == "month":
        first, last = shown[0].start, shown[-1].start
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        return f" over {months} months"
    start = section.periods.index(shown[0])
    end = section.periods.index(shown[-1])
    return f" over {sum(p.based_on for p in section.periods[start : end + 1])} interviews"


def _trend(trend: Trend, span: str) -> str:
    label = SIGNS.get(trend.sign, trend.sign)
    if trend.first is None and trend.last is None:
        return f"{label}: not rated yet"
    if trend.first is None or trend.last is None or not span:
        return f"{label}: {_mean(trend.last if trend.last is not None else trend.first)} so far"
    direction = f" ({trend.direction})" if trend.direction else ""
    return f"{label}: {_mean(trend.first)} → {_mean(trend.last)}{direction}{span}"


_SHORT_SIGNS = {
    "key_points_rating": "key points",
    "dynamic_rating": "dynamic",
    "expectations_rating": "expectations",
    "overall_rating": "overall",
}


def _signs(section: Signs, today: date) -> list[InsightLine]:
    if section.based_on == 0:
        return [InsightLine(EMPTY["signs"], kind=TOO_FEW)]
    if not enough(section.based_on):
        return [InsightLine(too_few(section.based_on, "evaluations with ratings"), kind=TOO_FEW)]
    per = "per month" if section.per == "month" else "per ten interviews"
    lines = [
        InsightLine(
            f"The trend (from {_plural(section.based_on, 'evaluation')}, 1 to 5)", kind=HEADING
        )
    ]
    span = _span(section)
    lines.extend(InsightLine(_trend(trend, span)) for trend in section.trends)
    lines.append(InsightLine(f"The means, {per}", kind=HEADING))
    for period in section.periods:  # every one: the view lists the latest (tui/screens)
        rests = _plural(period.based_on, "evaluation")
        if not enough(period.based_on):
            lines.append(InsightLine(f"{period.label}: too few to show ({rests})", kind=TOO_FEW))
            continue
        means = " · ".join(
            f"{short} {_mean(period.means.get(sign))}" for sign, short in _SHORT_SIGNS.items()
        )
        lines.append(InsightLine(f"{period.label}: {means} (from {rests})"))
    return lines


def _key_points(section: KeyPoints, today: date) -> list[InsightLine]:
    if section.based_on == 0:
        return [InsightLine(EMPTY["key_points"], kind=TOO_FEW)]
    if not enough(section.based_on):
        what = "evaluations with key points"
        return [InsightLine(too_few(section.based_on, what), kind=TOO_FEW)]
    rests = _plural(section.based_on, "evaluation")
    lines = [InsightLine(f"Most often not got across (from {rests} with key points)", kind=HEADING)]
    if not section.missed:
        lines.append(InsightLine("You got every point you planned across."))
    lines.extend(
        InsightLine(
            f"{_quoted(point.text)}: missed {point.missed} of {point.planned} times",
            interview_ids=point.missed_in,
        )
        for point in section.missed
    )
    if section.over_time:
        lines.append(InsightLine("The share of points made, over time", kind=HEADING))
    for share in section.over_time:
        rests = _plural(share.based_on, "evaluation")
        if not enough(share.based_on):
            lines.append(InsightLine(f"{share.label}: too few to show ({rests})", kind=TOO_FEW))
            continue
        made = _percent(Share(share.made, share.planned))
        lines.append(
            InsightLine(f"{share.label}: made {share.made} of {share.planned}{made}, from {rests}")
        )
    return lines


def _words(section: Words, today: date) -> list[InsightLine]:
    if section.based_on == 0:
        return [InsightLine(EMPTY["words"], kind=TOO_FEW)]
    if not enough(section.based_on):
        what = "evaluations with reflections"
        return [InsightLine(too_few(section.based_on, what), kind=TOO_FEW)]
    last = "your last " if section.limit and section.based_on >= section.limit else ""
    lines: list[InsightLine] = []
    for name, title in WORD_FIELDS.items():
        rests = _plural(section.based_on, "evaluation")
        lines.append(InsightLine(f"{title} (from {last}{rests})", kind=HEADING))
        phrases = section.fields.get(name, ())
        if not phrases:
            lines.append(InsightLine("Nothing written again and again yet."))
        lines.extend(
            InsightLine(
                f"{_quoted(phrase.text)} in {_plural(phrase.count, 'evaluation')}",
                interview_ids=phrase.interview_ids,
            )
            for phrase in phrases
        )
    return lines


def _at(companies: Sequence[str]) -> str:
    """ ": Initech, Globex", the first NAMED and how many more."""
    if not companies:
        return ""
    names = ", ".join(visible(c, one_line=True) for c in companies[:NAMED])
    more = len(companies) - NAMED
    return f": {names}" + (f" and {more} more" if more > 0 else "")


def _reality(section: Reality, today: date) -> list[InsightLine]:
    if section.role_answered == 0 and section.accuracy_answered == 0:
        return [InsightLine(EMPTY["reality"], kind=TOO_FEW)]
    checks = (
        (
            section.role_answered,
            section.role_differed,
            section.role_differed_at,
            "The role did not match the ad",
            "answers on whether the role matched the ad",
        ),
        (
            section.accuracy_answered,
            section.overstated,
            section.overstated_at,
            "You felt you had overstated something",
            "answers on whether you represented yourself accurately",
        ),
    )
    lines: list[InsightLine] = []
    for answered, count, where, said, what in checks:
        if not enough(answered):
            lines.append(InsightLine(too_few(answered, what), kind=TOO_FEW))
            continue
        share = Share(count, answered)
        lines.append(
            InsightLine(
                f"{said} in {share.count} of {_plural(share.out_of, 'interview')}"
                f"{_percent(share)}{_at(where)}"
            )
        )
    return lines


def _asking(label: str, group: Asking) -> InsightLine:
    if not enough(group.interviews):
        return InsightLine(
            f"{label}: {_lower(too_few(group.interviews, 'interviews'))}", kind=TOO_FEW
        )
    rests = _plural(group.interviews, "interview")
    if group.promised:
        promises = f"{group.kept} of {_plural(group.promised, 'promise')} kept"
        others = _promises(0, group.late, group.never)
        promises += f" ({others})" if others else ""
    else:
        promises = "no date promised"
    chased = _plural(group.chased, "time")
    return InsightLine(f"{label}: {promises}; chased {chased} (from {rests})")


def _closing(section: Closing, today: date) -> list[InsightLine]:
    if section.based_on == 0:
        return [InsightLine(EMPTY["closing"], kind=TOO_FEW)]
    return [
        _asking("Asked when you would hear", section.asked),
        _asking("Did not ask", section.not_asked),
    ]


def _employer(company: Employer) -> InsightLine:
    name = visible(company.company, one_line=True)
    rounds = _plural(company.rounds, "round")
    if enough(company.answered) and company.median_days is not None:
        text = f"{name}: median {_days(company.median_days)} to answer ({rounds})"
    else:
        text = f"{name}: answered {company.answered} of {rounds} (a median from {MINIMUM} on)"
    promises = _promises(company.kept, company.late, company.never)
    text += f"; {promises}" if promises else ""
    text += "; went silent" if company.ghosted else ""
    return InsightLine(text)


def _employers(section: Employers, today: date) -> list[InsightLine]:
    if section.based_on == 0 and section.applications == 0:
        return [InsightLine(EMPTY["employers"], kind=TOO_FEW)]
    lines: list[InsightLine] = []
    if enough(section.based_on) and section.median_days is not None:
        rests = _plural(section.based_on, "answered round")
        lines.append(InsightLine(f"Median {_days(section.median_days)} to answer (from {rests})"))
    else:
        lines.append(InsightLine(too_few(section.based_on, "answered rounds"), kind=TOO_FEW))
    promised = section.kept + section.late + section.never
    if enough(promised):
        lines.append(
            InsightLine(
                f"Promised answers: {section.kept} of {promised} kept, "
                f"{section.late} late, {section.never} never"
            )
        )
    else:
        lines.append(InsightLine(too_few(promised, "promised answers"), kind=TOO_FEW))
    if enough(section.applications):
        share = Share(section.ghosted, section.applications)
        lines.append(
            InsightLine(
                f"Went silent: {share.count} of {_plural(share.out_of, 'application')}"
                f"{_percent(share)}"
            )
        )
    else:
        what = "applications with a round held"
        lines.append(InsightLine(too_few(section.applications, what), kind=TOO_FEW))
    if section.companies and enough(section.based_on):  # else each company rests on less
        lines.append(InsightLine("Per company, slowest first", kind=HEADING))
        lines.extend(_employer(company) for company in section.companies)
    return lines


def funnel_text(row: FunnelRow) -> str:
    """ "Applications 24 → First interview 12 (50%) → Later rounds 5 (42%) → Offer 1 (20%)"."""
    parts = [f"{FUNNEL_LABELS[FUNNEL_STAGES[0]]} {row.counts[0]}"]
    for stage in range(1, len(FUNNEL_STAGES)):
        label = FUNNEL_LABELS[FUNNEL_STAGES[stage]]
        parts.append(f"{label} {row.counts[stage]}{_percent(row.conversion(stage))}")
    return " → ".join(parts)


def _funnel(section: Funnel, today: date) -> list[InsightLine]:
    if section.based_on == 0:
        return [InsightLine(EMPTY["funnel"], kind=TOO_FEW)]
    if not enough(section.based_on):
        return [InsightLine(too_few(section.based_on, "applications"), kind=TOO_FEW)]
    lines = [InsightLine(funnel_text(section.total))]
    if section.by_source:
        lines.append(InsightLine("Per source", kind=HEADING))
    for row in section.by_source:
        label = _source_label(row.source)
        if enough(row.counts[0]):
            lines.append(InsightLine(f"{label}: {funnel_text(row)}"))
        else:
            lines.append(
                InsightLine(
                    f"{label}: {_lower(too_few(row.counts[0], 'applications'))}", kind=TOO_FEW
                )
            )
    lines.append(InsightLine("Interest, before and after", kind=HEADING))
    if enough(section.interest_based_on):
        rests = _plural(section.interest_based_on, "interview")
        lines.append(
            InsightLine(
                f"Interest before {_mean(section.interest_before)}, "
                f"after {_mean(section.interest_after)} (from {rests})"
            )
        )
    else:
        what = "interviews with interest before and after"
        lines.append(InsightLine(too_few(section.interest_based_on, what), kind=TOO_FEW))
    return lines


_WRITERS: dict[str, Callable[[Any, date], list[InsightLine]]] = {
    "lessons": _lessons,
    "signs": _signs,
    "key_points": _key_points,
    "words": _words,
    "reality": _reality,
    "closing": _closing,
    "employers": _employers,
    "funnel": _funnel,
}


def section_lines(name: str, section: object, today: date) -> list[InsightLine]:
    """The lines of one section (a name of SECTIONS) for its record."""
    return _WRITERS[name](section, today)


def headline(insights: Insights) -> str:
    """ "24 interviews since Tue 1 Sep, 20 evaluated"."""
    since = f" since {format_day(insights.since, insights.today)}" if insights.since else ""
    return f"{_plural(insights.interviews, 'interview')}{since}, {insights.evaluations} evaluated"


def insights_text(insights: Insights) -> str:
    """The plain text `interview-journal insights` prints: a headline, then each section's
    title and lines (facts under a sub-heading indented under it)."""
    out = [f"Insights · {headline(insights)} · {format_day(insights.today, insights.today)}"]
    for name in SECTIONS:
        out.extend(("", SECTION_TITLES[name]))
        indent = "  "
        for line in section_lines(name, getattr(insights, name), insights.today):
            if line.kind == HEADING:
                out.append(f"  {line.text}")
                indent = "    "
            else:
                out.append(f"{indent}{line.text}")
    return "\n".join(out)


# --- JSON ---------------------------------------------------------------------------------


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _share(count: int, out_of: int) -> int | None:
    return Share(count, out_of).percent


def _ids(ids: Sequence[int]) -> list[int]:
    return list(ids)


def _lessons_json(section: Lessons) -> dict[str, Any]:
    return {
        "based_on": section.based_on,
        "enough": enough(section.based_on),
        "uses": [
            {
                "text": use.text,
                "kind": use.kind,
                "written_in": use.written_in,
                "company": use.company,
                "day": use.day.isoformat(),
                "asked": use.asked,
                "yes": use.yes,
                "partly": use.partly,
                "no": use.no,
                "applied": _round(use.applied),
                "interview_ids": _ids(use.answered_in[::-1]),  # newest first, as every list
            }
            for use in section.uses
        ],
        "recurring_based_on": section.recurring_based_on,
        "recurring_enough": enough(section.recurring_based_on),
        "recurring": [
            {
                "phrase": item.phrase,
                "count": item.count,
                "out_of": item.out_of,
                "percent": _share(item.count, item.out_of),
                "interview_ids": _ids(item.interview_ids),
            }
            for item in section.recurring
        ],
    }


def _signs_json(section: Signs) -> dict[str, Any]:
    return {
        "based_on": section.based_on,
        "enough": enough(section.based_on),
        "per": section.per,
        "periods": [
            {
                "label": period.label,
                "start": period.start.isoformat(),
                "based_on": period.based_on,
                "enough": enough(period.based_on),
                "means": {sign: _round(period.means.get(sign)) for sign in SIGNS},
            }
            for period in section.periods
        ],
        "trends": [
            {
                "sign": trend.sign,
                "first": _round(trend.first),
                "last": _round(trend.last),
                "change": _round(trend.change),
                "direction": trend.direction,
            }
            for trend in section.trends
        ],
    }


def _key_points_json(section: KeyPoints) -> dict[str, Any]:
    return {
        "based_on": section.based_on,
        "enough": enough(section.based_on),
        "missed": [
            {
                "text": point.text,
                "missed": point.missed,
                "planned": point.planned,
                "percent": _share(point.missed, point.planned),
                "interview_ids": _ids(point.missed_in),
            }
            for point in section.missed
        ],
        "over_time": [
            {
                "label": share.label,
                "start": share.start.isoformat(),
                "based_on": share.based_on,
                "enough": enough(share.based_on),
                "made": share.made,
                "planned": share.planned,
                "percent": _share(share.made, share.planned),
            }
            for share in section.over_time
        ],
    }


def _words_json(section: Words) -> dict[str, Any]:
    return {
        "based_on": section.based_on,
        "enough": enough(section.based_on),
        "limit": section.limit,
        "fields": {
            name: [
                {
                    "text": phrase.text,
                    "count": phrase.count,
                    "interview_ids": _ids(phrase.interview_ids),
                }
                for phrase in section.fields.get(name, ())
            ]
            for name in WORD_FIELDS
        },
    }


def _reality_json(section: Reality) -> dict[str, Any]:
    based_on = max(section.role_answered, section.accuracy_answered)
    return {
        "based_on": based_on,
        "enough": enough(based_on),
        "role": {
            "based_on": section.role_answered,
            "enough": enough(section.role_answered),
            "differed": section.role_differed,
            "percent": _share(section.role_differed, section.role_answered),
            "companies": list(section.role_differed_at),
        },
        "accuracy": {
            "based_on": section.accuracy_answered,
            "enough": enough(section.accuracy_answered),
            "overstated": section.overstated,
            "percent": _share(section.overstated, section.accuracy_answered),
            "companies": list(section.overstated_at),
        },
    }


def _asking_json(group: Asking) -> dict[str, Any]:
    return {
        "based_on": group.interviews,
        "enough": enough(group.interviews),
        "promised": group.promised,
        "kept": group.kept,
        "late": group.late,
        "never": group.never,
        "kept_percent": _share(group.kept, group.promised),
        "chased": group.chased,
        "answered": group.answered,
    }


def _closing_json(section: Closing) -> dict[str, Any]:
    return {
        "based_on": section.based_on,
        "enough": enough(section.based_on),
        "asked": _asking_json(section.asked),
        "not_asked": _asking_json(section.not_asked),
    }


def _employers_json(section: Employers) -> dict[str, Any]:
    return {
        "based_on": section.based_on,
        "enough": enough(section.based_on),
        "median_days": _round(section.median_days),
        "kept": section.kept,
        "late": section.late,
        "never": section.never,
        "applications": section.applications,
        "ghosted": section.ghosted,
        "ghosted_percent": _share(section.ghosted, section.applications),
        "companies": [
            {
                "company": company.company,
                "rounds": company.rounds,
                "answered": company.answered,
                "enough": enough(company.answered),
                "median_days": _round(company.median_days),
                "kept": company.kept,
                "late": company.late,
                "never": company.never,
                "ghosted": company.ghosted,
            }
            for company in section.companies
        ],
    }


def _row_json(row: FunnelRow) -> dict[str, Any]:
    return {
        "source": row.source,
        "enough": enough(row.counts[0]),
        "counts": dict(zip(FUNNEL_STAGES, row.counts, strict=True)),
        "percent": {
            FUNNEL_STAGES[stage]: row.conversion(stage).percent
            for stage in range(1, len(FUNNEL_STAGES))
        },
    }


def _funnel_json(section: Funnel) -> dict[str, Any]:
    return {
        "based_on": section.based_on,
        "enough": enough(section.based_on),
        "total": _row_json(section.total),
        "by_source": [_row_json(row) for row in section.by_source],
        "interest_based_on": section.interest_based_on,
        "interest_enough": enough(section.interest_based_on),
        "interest_before": _round(section.interest_before),
        "interest_after": _round(section.interest_after),
    }


_JSON: dict[str, Callable[[Any], dict[str, Any]]] = {
    "lessons": _lessons_json,
    "signs": _signs_json,
    "key_points": _key_points_json,
    "words": _words_json,
    "reality": _reality_json,
    "closing": _closing_json,
    "employers": _employers_json,
    "funnel": _funnel_json,
}


def section_json(name: str, section: object) -> dict[str, Any]:
    """One section as a JSON-ready object."""
    return _JSON[name](section)


def insights_json(insights: Insights) -> dict[str, Any]:
    """What `insights --json` prints: one object, the keys the README documents."""
    result: dict[str, Any] = {
        "today": insights.today.isoformat(),
        "since": insights.since.isoformat() if insights.since else None,
        "interviews": insights.interviews,
        "evaluations": insights.evaluations,
        "minimum": MINIMUM,
    }
    for name in SECTIONS:
        result[name] = section_json(name, getattr(insights, name))
    return result
