"""What the demo's job seeker writes after each round, so that Insights has something to
read back: ratings that improve over the months, key points made more often as they
practise, the same few things to improve and lessons written again and again (one that
sticks, one that does not), the answer to "did you apply it?" about the lesson shown from
an earlier interview, a role that was not what the ad said at a couple of employers, and
what they take from each process that ended.

Drawn from a random generator of its own: what it writes takes no draw from the ones
the applications, rounds and timelines are made of. Deterministic for a seed and `now`.
"""

from __future__ import annotations

import random
from collections import deque
from dataclasses import dataclass
from datetime import date
from itertools import accumulate

from interview_journal.domain.evaluation import Applied, Evaluation, KeyPoint, RoleMatch
from interview_journal.domain.model import Interview, Stage, Status

LESSONS = (
    ("Answer the first question in two sentences, then expand.", 0.25),
    ("Ask when I will hear back before saying goodbye.", 0.8),
    ("Bring two concrete questions about the product.", 0.85),
    ("Prepare a short answer on why I am leaving.", 0.55),
    ("Draw the system first, then talk.", 0.5),
    ("Say my salary range early and calmly.", 0.35),
)
"""Lessons, and how likely each is to be applied at the next interview: the first is
written again and again because it does not stick."""
TO_IMPROVE = (
    ("Rambled on the first question; answer in two sentences, then expand.", 5),
    ("Did not ask about next steps before we ran out of time.", 2),
    ("Too vague about my role in the team project.", 2),
    ("Slow down in system design: draw first, then talk.", 3),
    ("Talked too fast when nervous on the first question.", 2),
    ("Forgot to ask about on-call.", 1),
    ("Pratade för snabbt i början; andas och ta det lugnt.", 1),
)
"""Things to improve and how often each is written (some phrases recur across them)."""
DIFFERENTLY = (
    ("Ask about the team before talking about myself.", 3),
    ("Prepare the salary range before the call.", 2),
    ("Draw the system first, then talk.", 2),
    ("Ask when I will hear back before saying goodbye.", 2),
    ("Bring notes with my three stories.", 2),
    ("Fråga om teamet innan jag pratar om mig själv.", 1),
)
WENT_WELL = (
    ("Told the migration story clearly, with numbers.", 4),
    ("Asked good questions about the team's way of working.", 3),
    ("Stayed calm in the system design part.", 2),
    ("Good rapport with the hiring manager from the start.", 2),
    ("The migration story landed again; they asked follow-up questions.", 2),
    ("Bra stämning med chefen från början.", 1),
)
KEY_POINTS = (
    ("The migration story: 40 services, no downtime", 0.75),
    ("Team leadership", 0.45),
    ("Why I am leaving", 0.5),
    ("Salary expectations", 0.25),
    ("Kafka and event streams", 0.7),
    ("Mentoring junior developers", 0.55),
    ("On-call experience", 0.6),
)
"""Points the job seeker means to get across, and how often each comes across at first
(more often as the months go by)."""
ROLE_DIFFERED = {
    "Hooli": "The ad said data engineering; the team builds dashboards.",
    "Globex": "More on-call and support than the ad said.",
    "Stark Logistics": "Half of it is managing a vendor, which the ad did not mention.",
}
"""The employers whose role was not what the ad said, and what the job seeker noted."""
OVERSTATED = "Said I knew Kubernetes well; I have only run a small cluster."
HEAR_BACK = ("By {day:%A}, they said.", "Within a week.", "They will call by {day:%A %-d %B}.")
TAKEAWAYS = (
    "Check the role against the ad before the technical round.",
    "Ask about on-call in the first round, not the last.",
    "Referrals get answers; say who referred me in the first line.",
    "Ask how many rounds there are up front.",
    "Lead with the migration story everywhere: it is what they remember.",
    "Say the salary range early; it came up too late here.",
)

RECENT = 64
"""How many earlier evaluations with a lesson are kept to pick the one shown from."""


@dataclass(frozen=True)
class _Written:
    """An earlier evaluation whose lesson (or thing to improve) a later one shows."""

    at: float
    """When its interview was held (a POSIX timestamp: quick to compare)."""
    interview_id: int
    lesson: str
    stick: float
    """How likely its lesson is to be applied."""


class Reflections:
    """Writes the evaluations of the demo's rounds, in the order the rounds are made."""

    def __init__(self, seed: int, today: date, span: int) -> None:
        self.rng = random.Random(seed * 104_729 + 17)
        self.today = date(today.year, today.month, today.day)  # plain: quick to subtract
        self.span = max(span, 1)
        self.written: deque[_Written] = deque(maxlen=RECENT)
        self.overstated = False
        """Whether they have said they overstated something yet."""
        self.offered = False
        """Whether an offer has come yet (the demo makes sure one does)."""

    def progress(self, day: date) -> float:
        """0 at the start of the job seeker's search, 1 today: how far they have come."""
        return min(1.0, max(0.0, 1 - (self.today - day).days / self.span))

    def evaluation(
        self,
        drawn: Evaluation | None,
        interview: Interview,
        interview_id: int,
        promised: date | None,
        kept: bool,
    ) -> Evaluation | None:
        """The evaluation of a held round (`drawn` says whether one was written, and a
        draft or finished); `interview_id` is the id the round gets in an empty journal;
        `kept` whether they answered by the `promised` day."""
        if drawn is None:
            return None
        rng = self.rng
        t = self.progress(interview.starts_at.date())
        finished = drawn.state.value == "finished"
        at = interview.starts_at.timestamp()
        shown = self._shown(at)
        applied = None
        if shown is not None and (finished or rng.random() < 0.5):
            chance = min(0.95, shown.stick + 0.25 * t)
            draw = rng.random()
            applied = Applied.YES if draw < chance - 0.15 else Applied.NO
            if chance - 0.15 <= draw < chance + 0.15:
                applied = Applied.PARTLY
        lesson, stick = self._lesson(shown, applied) if finished else ("", 0.0)
        role = self._role(interview.company)
        asked = rng.random() < (0.85 if promised and kept else 0.5 if promised else 0.2)
        answer = rng.choice(HEAR_BACK).format(day=promised) if asked and promised else ""
        # the first technical round they evaluate is where they oversold themselves
        overstated = rng.random() < 0.03 or (
            interview.stage is Stage.TECHNICAL and not self.overstated
        )
        self.overstated = self.overstated or overstated
        evaluation = Evaluation(
            interview_id=0,
            state=drawn.state,
            key_points_rating=self._rating(2.4 + 1.8 * t),
            dynamic_rating=self._rating(3.0 + 0.9 * t),
            expectations_rating=self._rating(3.6 - 0.7 * t),
            overall_rating=self._rating(2.7 + 1.5 * t),
            interest_after=self._interest_after(interview, role),
            key_points=self._key_points(t),
            went_well=self._sentences(WENT_WELL, 2),
            to_improve=self._sentences(TO_IMPROVE, 1, early=t) if finished else "",
            differently=self._sentences(DIFFERENTLY, 1) if finished else "",
            next_steps_asked=drawn.next_steps_asked,
            clarity_asked=drawn.clarity_asked,
            lesson=lesson,
            role_matched=role,
            role_note=ROLE_DIFFERED.get(interview.company, "") if role is RoleMatch.NO else "",
            accurate=None if rng.random() < 0.1 else not overstated,
            accurate_note=OVERSTATED if overstated else "",
            hear_back_asked=asked,
            hear_back_answer=answer,
            lesson_applied=applied,
            lesson_from=shown.interview_id if applied is not None and shown else None,
        )
        if lesson or evaluation.to_improve:
            self.written.append(_Written(at, interview_id, lesson, stick))
        return evaluation

    def takeaway(self, rounds: list[Interview], accepted: bool) -> str:
        """What the job seeker takes from a process that ended (rejected, withdrawn, or an
        offer accepted), some days after it did; the latest ones are still without one,
        so the retro asks."""
        latest = max(rounds, key=lambda r: r.starts_at, default=None)
        ended = latest is not None and latest.status in (Status.REJECTED, Status.WITHDRAWN)
        if not (ended or accepted) or latest is None:
            return ""
        if (self.today - latest.starts_at.date()).days < 7 or self.rng.random() < 0.2:
            return ""
        return self.rng.choice(TAKEAWAYS)

    # --- the parts ------------------------------------------------------------------------

    def _shown(self, at: float) -> _Written | None:
        """The latest earlier evaluation with a lesson, of those written so far: the one
        the evaluation screen shows beside "did you apply it?"."""
        shown = None
        for written in self.written:
            if written.at < at and (shown is None or written.at > shown.at):
                shown = written
        return shown

    def _lesson(self, shown: _Written | None, applied: Applied | None) -> tuple[str, float]:
        """A lesson not applied is often written again; else one drawn (the stubborn
        first one most often)."""
        if shown and shown.lesson and applied is Applied.NO and self.rng.random() < 0.6:
            return shown.lesson, shown.stick
        if self.rng.random() < 0.15:
            return "", 0.0
        text, stick = self.rng.choices(LESSONS, cum_weights=_LESSON_WEIGHTS)[0]
        return text, stick

    def _rating(self, mean: float) -> int:
        return min(5, max(1, round(self.rng.gauss(mean, 0.7))))

    def _interest_after(self, interview: Interview, role: RoleMatch | None) -> int:
        before = interview.interest or 3
        change = self.rng.choice((-1, 0, 0, 1)) - (2 if role is RoleMatch.NO else 0)
        return min(5, max(1, before + change))

    def _role(self, company: str) -> RoleMatch | None:
        draw = self.rng.random()
        if company in ROLE_DIFFERED and draw < 0.85:
            return RoleMatch.NO
        if draw < 0.12:
            return None
        return RoleMatch.UNSURE if draw < 0.2 else RoleMatch.YES

    def _key_points(self, t: float) -> tuple[KeyPoint, ...]:
        """Two to four points, the same few again and again; made more often later. Now
        and then one is written in other case, as people do."""
        chosen = self.rng.sample(KEY_POINTS, self.rng.randint(2, 4))
        points = []
        for text, made in chosen:
            written = text.lower() if self.rng.random() < 0.1 else text
            points.append(KeyPoint(written, self.rng.random() < min(0.95, made + 0.3 * t)))
        return tuple(points)

    def _sentences(
        self, pool: tuple[tuple[str, int], ...], most: int, *, early: float | None = None
    ) -> str:
        """One to `most` sentences from `pool` by their weights; with `early` (progress),
        the first sentence is written less often as the job seeker improves."""
        texts, cumulative = _POOLS[id(pool)]
        weights = [float(w) for w in cumulative]
        if early is not None:
            first = max(1.0, pool[0][1] * (1.4 - early))
            weights = [first + w - pool[0][1] for w in weights]
        count = 1 + int(self.rng.random() * most)
        picked = self.rng.choices(texts, cum_weights=weights, k=count)
        return " ".join(dict.fromkeys(picked))  # once each, in order


_LESSON_WEIGHTS = tuple(accumulate((5, 2, 2, 2, 2, 2)))
"""The stubborn first lesson is written most often."""
_POOLS = {
    id(pool): ([text for text, _ in pool], list(accumulate(weight for _, weight in pool)))
    for pool in (TO_IMPROVE, DIFFERENTLY, WENT_WELL)
}
"""Each pool's sentences and cumulative weights, worked out once."""
