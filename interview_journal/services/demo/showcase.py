"""The hand-made showcase: five interviews around `now` and one process gone quiet, the
sample the tests and the screenshots are built on (its ids and words are pinned there)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from interview_journal.domain.evaluation import Evaluation, EvaluationState, RoleMatch
from interview_journal.domain.model import Format, Interview, Person, Stage, Status
from interview_journal.domain.timeline import Channel, Entry, EntryKind, Outcome, When
from interview_journal.store.bulk import Bundle


def showcase_interviews(now: datetime, time_zone: str = "Europe/Stockholm") -> list[Interview]:
    """Five hand-made interviews around `now` (aware): the tests' and screenshots' sample.

    Two upcoming (tomorrow 13:00, in two days), two held in the last days and one closed.
    """
    zone = ZoneInfo(time_zone)
    here = now.astimezone(zone)

    def at(days: int, hour: int, minute: int = 0) -> datetime:
        day = here.date() + timedelta(days=days)
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)

    return [
        Interview(
            company="Pied Piper",
            role="Backend Engineer",
            stage=Stage.FINAL,
            starts_at=at(1, 13),
            time_zone=time_zone,
            format=Format.ONSITE,
            location="Palo Alto office",
            interviewers=(Person("R. Hendricks", "CTO"),),
            interest=5,
            notes="Lead with the migration story.",
        ),
        Interview(
            company="Hooli",
            role="Data Engineer",
            stage=Stage.SECOND,
            starts_at=at(2, 10),
            time_zone=time_zone,
            format=Format.VIDEO,
            interviewers=(Person("G. Belson", "CEO"),),
            interest=3,
        ),
        Interview(
            company="Vandelay Industries",
            role="Importer",
            stage=Stage.FIRST,
            starts_at=at(-1, 9),
            time_zone=time_zone,
            format=Format.PHONE,
        ),
        Interview(
            company="Initech",
            role="Analyst",
            stage=Stage.SCREENING,
            starts_at=at(-2, 10),
            time_zone=time_zone,
            format=Format.VIDEO,
            interviewers=(Person("B. Lumbergh", "manager"),),
            feedback_by=here.date() + timedelta(days=2),
            interest=4,
            notes="Ask about the TPS reports.",
        ),
        Interview(
            company="Globex",
            role="Platform Engineer",
            stage=Stage.TECHNICAL,
            starts_at=at(-20, 15, 30),
            time_zone=time_zone,
            status=Status.REJECTED,
        ),
    ]


def showcase_journal(now: datetime, time_zone: str = "Europe/Stockholm") -> list[Bundle]:
    """The showcase interviews with a timeline each, plus one process gone quiet.

    Gives every kind of timeline line: done, planned today, overdue, agreed dates, and
    suggestions (a thank-you not sent, a promised date passed without news).
    """
    here = now.astimezone(ZoneInfo(time_zone))
    today = here.date()
    pied, hooli, vandelay, initech, globex = showcase_interviews(now, time_zone)

    def when(days: int, hour: int | None = None) -> When:
        return When(today + timedelta(days=days), time(hour, 0) if hour is not None else None)

    quiet = _gone_quiet(today, time_zone)
    return [
        Bundle(pied),
        Bundle(
            hooli,
            entries=(
                Entry(
                    interview_id=0,
                    kind=EntryKind.NOTE,
                    due=when(0, 16),
                    note="Prepare two questions about the data platform.",
                ),
            ),
        ),
        Bundle(vandelay),
        _thanked(
            initech,
            when(-2, 16),
            "Thanked him and sent the TPS summary he asked for.",
            contact="B. Lumbergh",
        ),
        _rejected(globex, when(-14, 10)),
        _thanked(quiet, when(-9, 17), "Thanked them; linked the paper on drift detection."),
    ]


def _thanked(interview: Interview, sent: When, reason: str, *, contact: str = "") -> Bundle:
    """An interview whose only entry is the thank-you sent after it."""
    note = Entry(
        interview_id=0,
        kind=EntryKind.THANK_YOU,
        done=sent,
        channel=Channel.EMAIL,
        contact=contact,
        reason=reason,
    )
    return Bundle(interview, entries=(note,))


def _gone_quiet(today: date, time_zone: str) -> Interview:
    """Held nine days ago; the date they promised to answer by has passed."""
    return Interview(
        company="Umbrella Health",
        role="ML Engineer",
        stage=Stage.FIRST,
        starts_at=datetime.combine(
            today - timedelta(days=9), time(11, 0), tzinfo=ZoneInfo(time_zone)
        ),
        time_zone=time_zone,
        format=Format.VIDEO,
        interviewers=(Person("A. Wesker", "head of data"),),
        feedback_by=today - timedelta(days=5),
        interest=4,
    )


def _rejected(interview: Interview, answered: When) -> Bundle:
    """A closed process: evaluated, then turned down by email."""
    evaluation = Evaluation(
        interview_id=0,
        state=EvaluationState.FINISHED,
        key_points_rating=2,
        dynamic_rating=2,
        expectations_rating=1,
        overall_rating=2,
        to_improve="Ask what the on-call load really is.",
        lesson="Check the role against the ad before the technical round.",
        role_matched=RoleMatch.NO,
    )
    entries = (
        Entry(
            interview_id=0,
            kind=EntryKind.REPLY,
            done=answered,
            channel=Channel.EMAIL,
            note="They went with someone with more Kubernetes experience.",
        ),
        Entry(interview_id=0, kind=EntryKind.OUTCOME, done=answered, outcome=Outcome.REJECTION),
    )
    return Bundle(interview, evaluation=evaluation, entries=entries)
