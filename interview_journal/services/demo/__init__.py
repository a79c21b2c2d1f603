"""Sample data: the demo journal (`interview-journal demo`), the screenshots' showcase and
the many plain interviews the tests of scale use.

Deterministic for a given seed and `now`, so screenshots do not change between runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from itertools import islice
from typing import TYPE_CHECKING

from interview_journal.domain.people import PersonRecord
from interview_journal.services.demo.applications import DemoApplication, demo_applications
from interview_journal.services.demo.samples import sample_interviews, sample_journal
from interview_journal.services.demo.showcase import showcase_interviews, showcase_journal
from interview_journal.store.bulk import Bundle

if TYPE_CHECKING:
    from interview_journal.store.journal import Journal

__all__ = [
    "Bundle",
    "DemoApplication",
    "demo_applications",
    "sample_interviews",
    "sample_journal",
    "showcase_interviews",
    "showcase_journal",
    "write_demo",
]

CHUNK = 1_000
"""Applications saved per transaction: one commit each would cost a disk flush apiece."""


def write_demo(
    journal: Journal,
    count: int,
    now: datetime,
    *,
    seed: int = 7,
    time_zone: str = "Europe/Stockholm",
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the demo journal: applications with `count` rounds in all, their people,
    evaluations and timelines, into an empty `journal`. Returns how many applications.

    Into a journal that holds interviews already, the evaluations keep their answers to
    "did you apply it?" but not which interview's lesson it was (the ids would differ)."""
    plans = demo_applications(count, now, seed=seed, time_zone=time_zone)
    linked = not journal.count_interviews()
    known: set[tuple[str, str]] = set()
    written = 0
    while chunk := list(islice(plans, CHUNK)):
        with journal.connection.writing():  # the chunk's applications and people: one commit
            for person in _not_yet_known(chunk, known):
                journal.people.add(person)
            ids = [journal.applications.add(plan.application).id for plan in chunk]
        journal.add_many(_filed(chunk, ids, linked=linked), progress=progress)
        written += len(chunk)
    return written


def _not_yet_known(
    chunk: Iterable[DemoApplication], known: set[tuple[str, str]]
) -> Iterator[PersonRecord]:
    for plan in chunk:
        for person in plan.people:
            if (person.key, person.company) not in known:
                known.add((person.key, person.company))
                yield person


def _filed(
    chunk: list[DemoApplication], ids: list[int | None], *, linked: bool
) -> Iterator[Bundle]:
    """Each round with the id of the application it is a round of (and, unless `linked`,
    its evaluation without the id of the interview whose lesson it answers about)."""
    for plan, application_id in zip(chunk, ids, strict=True):
        for bundle in plan.rounds:
            interview = bundle.interview.with_changes(application_id=application_id)
            evaluation = bundle.evaluation
            if evaluation is not None and not linked:
                evaluation = evaluation.with_changes(lesson_from=None)
            yield Bundle(interview, evaluation, bundle.entries)
