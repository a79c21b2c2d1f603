"""Insights records made by hand: an empty journal, one of two interviews, and one big
enough for every figure to show."""

from __future__ import annotations

from datetime import date

from interview_journal.domain.insights import (
    Asking,
    Closing,
    Employer,
    Employers,
    Funnel,
    FunnelRow,
    Insights,
    KeyPoints,
    Lessons,
    LessonUse,
    MadeShare,
    MissedPoint,
    Period,
    Phrase,
    Reality,
    Recurring,
    Signs,
    Trend,
    Words,
)

TODAY = date(2026, 12, 3)


def empty() -> Insights:
    return Insights(
        today=TODAY,
        since=None,
        interviews=0,
        evaluations=0,
        lessons=Lessons(0),
        signs=Signs(0),
        key_points=KeyPoints(0),
        words=Words(0),
        reality=Reality(0, 0),
        closing=Closing(0),
        employers=Employers(0),
        funnel=Funnel(0),
    )


def two_interviews() -> Insights:
    return Insights(
        today=TODAY,
        since=None,
        interviews=2,
        evaluations=2,
        lessons=Lessons(1, recurring_based_on=2),
        signs=Signs(2),
        key_points=KeyPoints(1),
        words=Words(2),
        reality=Reality(2, 0, accuracy_answered=1),
        closing=Closing(2, asked=Asking(1, 1, kept=1), not_asked=Asking(1, 0)),
        employers=Employers(
            1,
            median_days=5.0,
            kept=1,
            applications=2,
            companies=(Employer("Initech", 1, 1, 5.0, kept=1),),
        ),
        funnel=Funnel(2, total=FunnelRow("all", (2, 2, 0, 0))),
    )


def means(
    key: float, dynamic: float, expectations: float, overall: float
) -> dict[str, float | None]:
    return {
        "key_points_rating": key,
        "dynamic_rating": dynamic,
        "expectations_rating": expectations,
        "overall_rating": overall,
    }


def full() -> Insights:
    return Insights(
        today=TODAY,
        since=None,
        interviews=24,
        evaluations=20,
        lessons=Lessons(
            12,
            uses=(
                LessonUse(
                    "Slow down on the first answer",
                    "lesson",
                    written_in=3,
                    company="Initech",
                    day=date(2026, 8, 4),
                    yes=3,
                    partly=1,
                    no=0,
                    answered_in=(4, 5, 6, 7),
                ),
                LessonUse(
                    "Ask about the team",
                    "to_improve",
                    written_in=1,
                    company="Globex",
                    day=date(2025, 11, 20),
                    yes=0,
                    partly=1,
                    no=2,
                    answered_in=(2, 8, 9),
                ),
            ),
            recurring_based_on=6,
            recurring=(Recurring("rambling on the first question", 4, 6, (20, 18, 15, 12)),),
        ),
        signs=Signs(
            20,
            periods=(
                Period("Aug 2026", date(2026, 8, 1), 5, means(3.2, 3.0, 3.5, 3.25)),
                Period("Sep 2026", date(2026, 9, 1), 2, means(3.5, 3.5, 3.5, 3.5)),
                Period("Dec 2026", date(2026, 12, 1), 6, means(4.1, 3.1, 3.6, 4.0)),
            ),
            trends=(
                Trend("key_points_rating", 3.2, 4.1),
                Trend("dynamic_rating", 3.0, 3.1),
                Trend("expectations_rating", 3.5, 3.6),
                Trend("overall_rating", 3.25, 2.5),
            ),
        ),
        key_points=KeyPoints(
            10,
            missed=(MissedPoint("My leadership at Acme", 3, 5, (19, 14, 11)),),
            over_time=(
                MadeShare("Aug 2026", date(2026, 8, 1), 7, 10, 4),
                MadeShare("Dec 2026", date(2026, 12, 1), 9, 10, 3),
            ),
        ),
        words=Words(
            20,
            limit=200,
            fields={
                "to_improve": (Phrase("first question", 4, (20, 18, 15, 12)),),
                "went_well": (Phrase("rapport", 3, (17, 9, 4)),),
            },
        ),
        reality=Reality(
            9, 2, ("Initech", "Globex"), accuracy_answered=8, overstated=1, overstated_at=("Acme",)
        ),
        closing=Closing(
            15,
            asked=Asking(9, 9, kept=7, late=1, never=1, chased=2, answered=8),
            not_asked=Asking(6, 6, kept=2, late=1, never=3, chased=5, answered=3),
        ),
        employers=Employers(
            14,
            median_days=6.0,
            kept=5,
            late=3,
            never=2,
            ghosted=2,
            applications=10,
            companies=(
                Employer("Initech", 4, 4, 6.0, kept=1, late=2),
                Employer("Globex", 2, 1, None, never=1, ghosted=True),
            ),
        ),
        funnel=Funnel(
            24,
            total=FunnelRow("all", (24, 12, 5, 1)),
            by_source=(
                FunnelRow("job-ad", (15, 6, 2, 0)),
                FunnelRow("referral", (5, 4, 2, 1)),
                FunnelRow("unknown", (2, 1, 0, 0)),
            ),
            interest_based_on=9,
            interest_before=3.8,
            interest_after=3.2,
        ),
    )
