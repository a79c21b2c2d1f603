""" "Did you apply it?" under the evaluation's "Last time's lesson": answered with keys,
saved with the evaluation along with whose lesson it was, and shown with that same
lesson when the evaluation is reopened, even after a newer lesson was written.

Globex (20 days ago, 5 Nov) taught "Sleep before a technical"; Initech's evaluation
(Mon 23 Nov) asks whether it was applied.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pendulum

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Applied, Evaluation
from interview_journal.domain.model import Interview
from interview_journal.store import Journal, open_journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.evaluation import EvaluationScreen
from tests.ui.helpers import AnyPilot, burst, focused_id, settle, text_of, until

INITECH, VANDELAY, GLOBEX = 4, 3, 5
SIZE = (100, 30)


def with_globex_lesson(journal: Journal) -> Journal:
    journal.save_evaluation(Evaluation(GLOBEX, lesson="Sleep before a technical"))
    return journal


def stored(journal: Journal, interview_id: int = INITECH) -> Evaluation:
    evaluation = journal.get_evaluation(interview_id)
    assert evaluation is not None, "nothing was saved"
    return evaluation


def choice_text(pilot: AnyPilot) -> str:
    return str(pilot.app.screen.query_one("#choice-lesson_applied").render())


async def test_partly_is_answered_with_keys_and_saved_with_whose_lesson_it_was(
    filled_journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    with_globex_lesson(filled_journal)
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert focused_id(app) == "field-went_well", "the evaluation opens where it did"
        assert "Sleep before a technical" in text_of(app, "#last-lesson")
        assert "Did you apply it?" in choice_text(pilot)
        assert "( ) yes  ( ) partly  ( ) no" in choice_text(pilot)
        await pilot.press("shift+tab")  # right before "What went well": after the lesson
        assert focused_id(app) == "choice-lesson_applied"
        footer = [b.binding.description for b in app.screen.active_bindings.values()]
        assert "Choose" in footer and "Clear" in footer
        await pilot.press("p")
        await pilot.pause()
        assert "(•) partly" in choice_text(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, EvaluationScreen)
    filled_journal.close()
    with open_journal(journal_path) as reopened:
        saved = stored(reopened)
        assert (saved.lesson_applied, saved.lesson_from) == (Applied.PARTLY, GLOBEX)


async def test_reopened_it_shows_the_lesson_it_answered_about_not_a_newer_one(
    filled_journal: Journal, clock: FixedClock
) -> None:
    with_globex_lesson(filled_journal)
    filled_journal.save_evaluation(
        Evaluation(INITECH, lesson_applied=Applied.YES, lesson_from=GLOBEX, went_well="Slept")
    )
    # a lesson written later, from an interview held between the two (21 Nov)
    umbrella = filled_journal.add_interview(
        Interview(
            company="Umbrella",
            starts_at=pendulum.datetime(2026, 11, 21, 9, tz="Europe/Stockholm"),
            time_zone="Europe/Stockholm",
        )
    )
    assert umbrella.id is not None
    filled_journal.save_evaluation(Evaluation(umbrella.id, lesson="Ask about on-call"))
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        lesson = text_of(app, "#last-lesson")
        assert "Sleep before a technical" in lesson and "Globex" in lesson
        assert "Ask about on-call" not in lesson
        assert "(•) yes" in choice_text(pilot)
    # an evaluation that has not answered shows the newest lesson before it
    app = make_app(filled_journal, clock, evaluate=VANDELAY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "Ask about on-call" in text_of(app, "#last-lesson")
        assert "(•)" not in choice_text(pilot)


async def test_the_answer_can_be_changed_and_cleared(
    filled_journal: Journal, clock: FixedClock
) -> None:
    with_globex_lesson(filled_journal)
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pilot.app.screen.query_one("#choice-lesson_applied").focus()
        await pilot.press("y")
        await pilot.press("tab")  # leaving it writes it at once
        await settle(pilot)
        assert (stored(filled_journal).lesson_applied, stored(filled_journal).lesson_from) == (
            Applied.YES,
            GLOBEX,
        )
        await pilot.press("shift+tab", "right", "tab")  # yes → partly
        await settle(pilot)
        assert stored(filled_journal).lesson_applied is Applied.PARTLY
        await pilot.press("shift+tab", "0", "tab")
        await settle(pilot)
        assert (stored(filled_journal).lesson_applied, stored(filled_journal).lesson_from) == (
            None,
            None,
        )


def answered_and_typed(pilot: AnyPilot) -> bool:
    screen = pilot.app.screen
    return "(•) no" in choice_text(pilot) and "Slept" in screen.query_one("#field-went_well").text


async def test_a_burst_of_keys_answers_the_same_as_typed_key_by_key(
    filled_journal: Journal, clock: FixedClock
) -> None:
    with_globex_lesson(filled_journal)
    keys = ["shift+tab", "n", "tab", *"Slept"]
    saved = []
    for interview_id, all_at_once in ((INITECH, False), (VANDELAY, True)):
        app = make_app(filled_journal, clock, evaluate=interview_id)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            if all_at_once:
                burst(pilot.app, *keys)
                await until(pilot, partial(answered_and_typed, pilot), "the burst's answer")
            else:
                await pilot.press(*keys)
            await pilot.press("ctrl+q")
            await pilot.pause()
        evaluation = stored(filled_journal, interview_id)
        saved.append((evaluation.lesson_applied, evaluation.lesson_from, evaluation.went_well))
    assert saved[0] == saved[1] == (Applied.NO, GLOBEX, "Slept")


async def test_without_an_earlier_lesson_no_question_is_asked(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert "No earlier lessons" in text_of(app, "#last-lesson")
        assert not pilot.app.screen.query_one("#choice-lesson_applied").display
        await pilot.press("shift+tab")
        assert focused_id(app) != "choice-lesson_applied"
