"""When to suggest getting in touch: the advice in PRODUCT.md, as pure rules.

Suggestions are computed from the interviews and their entries every time they are
shown, never stored; accepting one stores an ordinary entry that remembers the
suggestion's key, and dismissing one stores only the key. Either way it is not suggested
again.

The rules reason per application: a process is one role at one company (the
interview's application; a round not yet filed under one is grouped by company and
role), so a second role at the same company is a process of its own. In order:

1. Feedback was promised by a date that has passed, with no answer: follow up on the next
   working day, asking where things stand and mentioning the date they gave.
2. Nothing was agreed and N working days have passed with no answer: follow up, and ask
   about the timeline at the end of the next interview.
3. An interview was held and no thank-you note is recorded: suggest one, on the day and
   the working day after (later than that it is no longer a thank-you).
4. An offer elsewhere is recorded: tell every other open application. News that matters
   to the employer is a reason to get in touch even before their promised date.
5. The date from which the user may get in touch has come, and nothing is planned:
   shown as "allowed", with the reminder to have something relevant to say. Not a task.
6. Only the latest round of an application is chased (rules 1, 2, 5); never chase an
   employer whose promised date has not come yet; and never suggest anything (rules
   1-5) for a closed application: one the user ended, whose latest round is closed
   (offer, rejected, withdrawn), with an outcome recorded on any of its rounds whatever
   the status says (an outcome added from a script may leave it open), or that has gone
   silent for `ghosted_after_days`. An outcome closes its own application only.

Only interviews within `horizon_days` are considered: a process that has been silent
for longer is not chased by the journal (the user can always plan a follow-up by hand).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum

from interview_journal.dates import format_day
from interview_journal.domain.applications import (
    GHOSTED_AFTER_DAYS,
    ApplicationStatus,
    ProcessFacts,
    application_key,
    derive_status,
)
from interview_journal.domain.model import Interview, Status
from interview_journal.domain.status import effective_status
from interview_journal.domain.timeline import (
    Entry,
    EntryKind,
    When,
    add_working_days,
    next_working_day,
    working_days_between,
)


@dataclass(frozen=True)
class SuggestionSettings:
    """The knobs of the rules, from the config file."""

    quiet_working_days: int = 5
    """Rule 2: working days without news (and nothing agreed) before suggesting a follow-up."""
    thank_you: bool = True
    """Rule 3 on or off."""
    horizon_days: int = 30
    """Interviews older than this are not considered for suggestions."""
    allowed_days: int = 7
    """Rule 5: how long "you may get in touch" is shown after the date arrives."""
    ghosted_after_days: int = GHOSTED_AFTER_DAYS
    """Days of silence after the latest round before an application counts as ghosted."""


class Rule(Enum):
    FEEDBACK_PASSED = 1
    NOTHING_AGREED = 2
    THANK_YOU = 3
    OFFER_ELSEWHERE = 4
    ALLOWED = 5


@dataclass(frozen=True)
class Suggestion:
    """Something the journal thinks the user could do, with why."""

    key: str
    """Stable identity: the same situation gives the same key on every run."""
    rule: Rule
    interview: Interview
    kind: EntryKind
    due: date
    reason: str
    """Filled into the entry when accepted: what the user will say."""
    why: str
    """One line on why this is suggested."""

    @property
    def is_task(self) -> bool:
        """Rule 5 is a permission, not something to do."""
        return self.rule is not Rule.ALLOWED

    def to_entry(self) -> Entry:
        assert self.interview.id is not None
        return Entry(
            interview_id=self.interview.id,
            kind=self.kind,
            due=When(self.due),
            reason=self.reason,
            suggestion=self.key,
        )


def _day(moment: datetime, tz: object) -> date:
    return moment.astimezone(tz).date()  # type: ignore[arg-type]


def _entry_day(entry: Entry) -> date:
    return entry.when.day


ProcessKey = int | tuple[str, str]
"""An application's id, or (company, role) folded for a round not filed under one yet."""


def process_key(interview: Interview) -> ProcessKey:
    """Which application (process) a round belongs to, for the rules."""
    if interview.application_id is not None:
        return interview.application_id
    return application_key(interview.company, interview.role)


def suggest(
    interviews: Iterable[Interview],
    entries: Mapping[int, Sequence[Entry]],
    now: datetime,
    *,
    settings: SuggestionSettings | None = None,
    dismissed: Iterable[str] = (),
    ended: Mapping[int, ApplicationStatus] | None = None,
) -> list[Suggestion]:
    """Every suggestion for these interviews at `now` (aware, in the user's zone), by due date.

    `interviews` should hold at least every interview within the horizon (older ones are
    ignored), `entries` their entries by interview id, and `ended` how the user said
    their applications ended (by application id; open ones need not be listed).
    """
    settings = settings or SuggestionSettings()
    tz = now.tzinfo
    today = now.date()
    horizon = today - timedelta(days=settings.horizon_days)
    recent = [i for i in interviews if i.id is not None and _day(i.starts_at, tz) >= horizon]
    skip = set(dismissed)
    for listed in entries.values():
        skip.update(entry.suggestion for entry in listed if entry.suggestion)

    # Later rounds of an application supersede earlier ones.
    latest: dict[ProcessKey, Interview] = {}
    for interview in sorted(recent, key=lambda i: (i.starts_at, i.id or 0)):
        latest[process_key(interview)] = interview
    closed = _closed_processes(recent, latest, entries, now, ended or {}, settings)

    found: list[Suggestion] = []
    for interview in recent:
        own = entries.get(interview.id or 0, ())
        status = effective_status(interview, now)
        if status.is_closed or process_key(interview) in closed:
            continue
        held_day = _day(interview.starts_at, tz)
        held = interview.starts_at <= now
        if held and settings.thank_you:
            found.extend(_thank_you(interview, own, held_day, today))
        is_latest = latest[process_key(interview)] is interview
        if held and is_latest and status is Status.AWAITING_REPLY:
            found.extend(_chase(interview, own, held_day, today, settings))
    for interview in recent:
        for entry in entries.get(interview.id or 0, ()):
            if entry.kind is EntryKind.OFFER_ELSEWHERE and entry.when.day >= horizon:
                found.extend(_tell_others(interview, entry, latest.values(), entries, closed))
    unique = {s.key: s for s in found if s.key not in skip}
    return sorted(unique.values(), key=lambda s: (s.due, s.interview.company.casefold(), s.key))


def _closed_processes(
    recent: Sequence[Interview],
    latest: Mapping[ProcessKey, Interview],
    entries: Mapping[int, Sequence[Entry]],
    now: datetime,
    ended: Mapping[int, ApplicationStatus],
    settings: SuggestionSettings,
) -> set[ProcessKey]:
    """The applications that are over: nobody there is to be contacted about them."""
    outcomes: set[ProcessKey] = set()
    answered: dict[ProcessKey, date] = {}
    for interview in recent:
        key = process_key(interview)
        for entry in entries.get(interview.id or 0, ()):
            if _is_outcome(entry):
                outcomes.add(key)
            if entry.kind.is_answer and entry.is_done:
                answered[key] = max(entry.when.day, answered.get(key, entry.when.day))
    closed = set(outcomes)
    for key, last in latest.items():
        facts = ProcessFacts(
            ended=ended.get(key) if isinstance(key, int) else None,
            latest_round=effective_status(last, now),
            latest_round_day=_day(last.starts_at, now.tzinfo),
            promised=last.feedback_by,
            last_answer=answered.get(key),
        )
        status = derive_status(facts, now.date(), ghosted_after_days=settings.ghosted_after_days)
        if status.is_closed or facts.latest_round in _CLOSED_ROUND:
            closed.add(key)
    return closed


_CLOSED_ROUND = frozenset(status for status in Status if status.is_closed)


def _is_outcome(entry: Entry) -> bool:
    return entry.kind is EntryKind.OUTCOME and entry.outcome is not None


def _thank_you(
    interview: Interview, own: Sequence[Entry], held_day: date, today: date
) -> list[Suggestion]:
    if any(entry.kind is EntryKind.THANK_YOU for entry in own):
        return []
    if today > next_working_day(held_day):
        return []  # more than a day later it is no longer a thank-you
    return [
        Suggestion(
            key=f"thank-you:{interview.uuid}",
            rule=Rule.THANK_YOU,
            interview=interview,
            kind=EntryKind.THANK_YOU,
            due=held_day,
            reason="Thank them for their time and mention one thing from the conversation.",
            why="no thank-you note yet",
        )
    ]


def _chase(
    interview: Interview,
    own: Sequence[Entry],
    held_day: date,
    today: date,
    settings: SuggestionSettings,
) -> list[Suggestion]:
    """Rules 1, 2 and 5: after the interview, while no answer has come."""
    if any(entry.kind.is_answer and entry.is_done for entry in own):
        return []
    contact_from = interview.contact_from
    if contact_from is not None and contact_from > today:
        return []  # rule 6: they asked for time until then
    if interview.feedback_by is not None:
        return _feedback_passed(interview, own, interview.feedback_by, today)
    if contact_from is not None:
        return _allowed(interview, own, contact_from, today, settings)
    return _nothing_agreed(interview, own, held_day, today, settings)


def _feedback_passed(
    interview: Interview, own: Sequence[Entry], feedback_by: date, today: date
) -> list[Suggestion]:
    """Rule 1: the promised date has passed and nobody asked since."""
    if feedback_by >= today:
        return []  # rule 6: the promised date has not passed
    if _contacted_since(own, feedback_by + timedelta(days=1)):
        return []
    given = format_day(feedback_by, today)
    return [
        Suggestion(
            key=f"feedback-passed:{interview.uuid}:{feedback_by.isoformat()}",
            rule=Rule.FEEDBACK_PASSED,
            interview=interview,
            kind=EntryKind.FOLLOW_UP,
            due=next_working_day(feedback_by),
            reason=f"Ask where things stand: they said you would hear by {given}.",
            why=f"feedback was due {given}",
        )
    ]


def _allowed(
    interview: Interview,
    own: Sequence[Entry],
    contact_from: date,
    today: date,
    settings: SuggestionSettings,
) -> list[Suggestion]:
    """Rule 2: they said the candidate may get in touch from a day that has come."""
    if today - contact_from > timedelta(days=settings.allowed_days):
        return []
    if _contacted_since(own, contact_from, with_reason=True):
        return []
    when = "today" if contact_from == today else f"since {format_day(contact_from, today)}"
    return [
        Suggestion(
            key=f"allowed:{interview.uuid}:{contact_from.isoformat()}",
            rule=Rule.ALLOWED,
            interview=interview,
            kind=EntryKind.FOLLOW_UP,
            due=max(contact_from, today),
            reason="",
            why=f"allowed {when} — only if you have something relevant to say",
        )
    ]


def _nothing_agreed(
    interview: Interview,
    own: Sequence[Entry],
    held_day: date,
    today: date,
    settings: SuggestionSettings,
) -> list[Suggestion]:
    """Rule 5: nothing was agreed, and it has been quiet for some working days."""
    quiet = settings.quiet_working_days
    if working_days_between(held_day, today) < quiet:
        return []
    if _contacted_since(own, held_day):
        return []
    return [
        Suggestion(
            key=f"nothing-agreed:{interview.uuid}",
            rule=Rule.NOTHING_AGREED,
            interview=interview,
            kind=EntryKind.FOLLOW_UP,
            due=add_working_days(held_day, quiet),
            reason="Ask about the timeline: when can you expect to hear from them?",
            why=f"{quiet} working days, nothing agreed — next time ask at the end when "
            "you will hear",
        )
    ]


def _contacted_since(own: Sequence[Entry], since: date, *, with_reason: bool = False) -> bool:
    """An outgoing follow-up is planned or done on or after `since`."""
    return any(
        entry.kind is EntryKind.FOLLOW_UP
        and _entry_day(entry) >= since
        and (entry.reason.strip() or not with_reason)
        for entry in own
    )


def _tell_others(
    source: Interview,
    offer: Entry,
    processes: Iterable[Interview],
    entries: Mapping[int, Sequence[Entry]],
    closed: set[ProcessKey],
) -> list[Suggestion]:
    """Rule 4: an offer elsewhere is news worth telling every other open application."""
    offer_day = offer.when.day
    own = process_key(source)
    found = []
    for other in processes:
        if process_key(other) in (own, *closed):
            continue  # rule 6: a rejection or a withdrawal is not answered with news
        if _contacted_since(entries.get(other.id or 0, ()), offer_day):
            continue
        same_company = _fold_company(other) == _fold_company(source)
        offer_from = source.title if same_company else source.company
        found.append(
            Suggestion(
                key=f"offer-elsewhere:{offer.uuid}:{other.uuid}",
                rule=Rule.OFFER_ELSEWHERE,
                interview=other,
                kind=EntryKind.FOLLOW_UP,
                due=offer_day,
                reason=(
                    f"Tell them you have an offer from {offer_from} and ask where their "
                    "process stands."
                ),
                why=f"you have an offer from {offer_from}",
            )
        )
    return found


def _fold_company(interview: Interview) -> str:
    return application_key(interview.company, "")[0]
