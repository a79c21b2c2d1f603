"""The Insights view (key 5), driven as a user would, on real journals at the fixed clock.

`fill` builds a journal lived in for five months, where every section has something to
say: fifteen interviews from July to November 2026 (three a month) at ten companies, each
evaluated but the last: ratings that rise, key points planned and missed, a lesson shown
and answered ("did you apply it?"), "rambling on the first question" written again and
again, roles that did not match the ad, answers promised and given (or chased), sources
and an offer. Built through the Journal API, as the user would have built it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from textual.app import App, ComposeResult

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import ApplicationStatus, Source
from interview_journal.domain.evaluation import (
    Applied,
    Evaluation,
    EvaluationState,
    KeyPoint,
    RoleMatch,
)
from interview_journal.domain.insights import SECTION_TITLES, SECTIONS
from interview_journal.domain.model import Interview, Stage
from interview_journal.domain.timeline import Entry, EntryKind, Outcome, When
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.evaluations_list import EvaluationsListScreen
from interview_journal.tui.screens.evaluation import EvaluationScreen
from interview_journal.tui.screens.insights import InsightsScreen
from interview_journal.tui.widgets.insight_list import InsightList, ShownLine
from tests.ui.helpers import AnyApp, AnyPilot, burst, settle, until

ZONE = "Europe/Stockholm"

# company, role, source, (day, stage) per round
PROCESSES: list[tuple[str, str, Source | None, list[tuple[date, Stage]]]] = [
    ("Initech", "Backend developer", Source.JOB_AD, [(date(2026, 7, 2), Stage.FIRST)]),
    ("Hooli", "Platform engineer", Source.RECRUITER, [(date(2026, 7, 14), Stage.FIRST)]),
    (
        "Pied Piper",
        "Staff engineer",
        Source.REFERRAL,
        [(date(2026, 7, 28), Stage.FIRST), (date(2026, 8, 11), Stage.TECHNICAL)],
    ),
    ("Vandelay", "Data engineer", Source.JOB_AD, [(date(2026, 8, 20), Stage.FIRST)]),
    ("Globex", "Site reliability engineer", Source.JOB_AD, [(date(2026, 9, 3), Stage.FIRST)]),
    (
        "Umbrella Health",
        "Backend developer",
        Source.REFERRAL,
        [(date(2026, 9, 15), Stage.FIRST), (date(2026, 9, 29), Stage.TECHNICAL)],
    ),
    ("Acme", "Developer", Source.RECRUITER, [(date(2026, 10, 6), Stage.FIRST)]),
    ("Soylent", "Platform engineer", Source.JOB_AD, [(date(2026, 10, 14), Stage.FIRST)]),
    (
        "Stark Industries",
        "Senior developer",
        Source.REFERRAL,
        [(date(2026, 10, 22), Stage.FIRST), (date(2026, 11, 4), Stage.FINAL)],
    ),
    ("Wonka", "Backend developer", None, [(date(2026, 11, 12), Stage.FIRST)]),
    ("Tyrell", "Developer", Source.JOB_AD, [(date(2026, 11, 19), Stage.FIRST)]),
]

LESSON = "Answer the first question in two minutes"
RAMBLING = "Rambling on the first question again"
APPLIED = [None, Applied.NO, Applied.PARTLY, Applied.NO, Applied.YES, Applied.PARTLY]


def fill(journal: Journal) -> list[int]:
    """Add the journal's interviews, evaluations, answers and applications; returns the
    interview ids, oldest first."""
    held: list[Interview] = []
    for company, role, source, rounds in PROCESSES:
        for day, stage in rounds:
            held.append(
                journal.add_interview(
                    Interview(
                        company=company,
                        role=role,
                        stage=stage,
                        starts_at=datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo(ZONE)),
                        time_zone=ZONE,
                        interest=3 + len(held) % 3,
                        feedback_by=day + timedelta(days=7),
                    )
                )
            )
        application_id = held[-1].application_id
        assert application_id is not None
        application = journal.applications.get(application_id)
        ended = ApplicationStatus.ACCEPTED if company == "Stark Industries" else None
        journal.applications.update(
            application.with_changes(
                source=source, applied_on=rounds[0][0] - timedelta(days=14), ended=ended
            )
        )
    ids = [interview.id for interview in held if interview.id is not None]
    for index, interview in enumerate(held[:-1]):
        _evaluate(journal, interview, index, ids)
        _answers(journal, interview, index)
    return ids


def _evaluate(journal: Journal, interview: Interview, index: int, ids: list[int]) -> None:
    assert interview.id is not None
    rise = min(5, 2 + index // 4)  # 2 in July, up to 5 by November
    applied = APPLIED[index % len(APPLIED)] if index else None
    journal.save_evaluation(
        Evaluation(
            interview.id,
            state=EvaluationState.FINISHED,
            key_points_rating=rise,
            dynamic_rating=3 + index % 2,
            expectations_rating=max(1, 4 - index // 5),
            overall_rating=rise,
            interest_after=2 + index % 4,
            key_points=(
                KeyPoint("The migration I led", made=index >= 6),
                KeyPoint("Why I left consulting", made=index % 3 == 0),
                KeyPoint("Ask about on-call", made=index >= 10),
            ),
            went_well="Good rapport with the team lead" if index % 2 else "Clear system design",
            to_improve=RAMBLING if index % 3 != 2 else "Too long answers about the past",
            differently="Prepare a shorter intro" if index % 2 else "Bring the design doc",
            lesson=LESSON if index % 4 == 0 else "",
            role_matched=RoleMatch.NO if index in (1, 4, 8) else RoleMatch.YES,
            role_note="More support than development" if index in (1, 4, 8) else "",
            accurate=index not in (3, 9),
            hear_back_asked=index % 2 == 0,
            lesson_applied=applied,
            lesson_from=ids[4 * ((index - 1) // 4)] if applied is not None else None,
        )
    )


def _answers(journal: Journal, interview: Interview, index: int) -> None:
    """A reply within the week, a late one, or none after a chase."""
    assert interview.id is not None
    held = interview.starts_at.date()
    if index % 3 == 0:
        answer = held + timedelta(days=5)
    elif index % 3 == 1:
        answer = held + timedelta(days=12)
        journal.add_entry(
            Entry(
                interview_id=interview.id,
                kind=EntryKind.FOLLOW_UP,
                done=When(held + timedelta(days=9)),
                reason="Asking how it goes",
            )
        )
    else:
        return
    journal.add_entry(
        Entry(
            interview_id=interview.id,
            kind=EntryKind.OUTCOME if interview.company == "Stark Industries" else EntryKind.REPLY,
            done=When(answer),
            outcome=Outcome.OFFER if interview.company == "Stark Industries" else None,
            note="They answered",
        )
    )


def two_interviews(journal: Journal) -> None:
    """A journal just begun: two interviews, one evaluated."""
    first = journal.add_interview(
        Interview(
            company="Initech",
            role="Backend developer",
            starts_at=datetime(2026, 11, 10, 10, tzinfo=ZoneInfo(ZONE)),
            time_zone=ZONE,
        )
    )
    journal.add_interview(
        Interview(
            company="Hooli",
            starts_at=datetime(2026, 11, 20, 14, tzinfo=ZoneInfo(ZONE)),
            time_zone=ZONE,
        )
    )
    assert first.id is not None
    journal.save_evaluation(
        Evaluation(
            first.id,
            state=EvaluationState.FINISHED,
            key_points_rating=3,
            dynamic_rating=4,
            expectations_rating=3,
            overall_rating=3,
            to_improve=RAMBLING,
        )
    )


# --- reading the view ---------------------------------------------------------------------

SIZE = (100, 30)


def view(app: AnyApp) -> InsightsScreen:
    screen = app.screen
    assert isinstance(screen, InsightsScreen), screen
    return screen


def shown_lines(app: AnyApp, section: str) -> list[ShownLine]:
    return app.screen.query_one(InsightList).sections[section].lines or []


def lines(app: AnyApp, section: str) -> list[str]:
    """The text of each line of one section, as shown (a chart as its label and numbers)."""
    return [line.text for line in shown_lines(app, section)]


def charts(app: AnyApp) -> dict[str, ShownLine]:
    """The charts on screen, by their label."""
    listing = app.screen.query_one(InsightList)
    return {line.chart.label: line for line in listing.lines.values() if line.chart is not None}


def highlighted(app: AnyApp) -> ShownLine | None:
    return app.screen.query_one(InsightList).highlighted_line()


def focused_text(app: AnyApp) -> str:
    line = highlighted(app)
    return line.text if line is not None else ""


def filled(app: AnyApp) -> bool:
    return isinstance(app.screen, InsightsScreen) and len(app.screen.shown) == len(SECTIONS)


@asynccontextmanager
async def on_insights(
    journal: Journal, clock: FixedClock, *, size: tuple[int, int] = SIZE
) -> AsyncIterator[tuple[AnyApp, AnyPilot]]:
    """The app open on Insights, every section read."""
    app = make_app(journal, clock, view="insights")
    async with app.run_test(size=size, notifications=True) as pilot:
        await until(pilot, lambda: filled(app), "every section read")
        await settle(pilot)
        yield app, pilot


async def focus_line(pilot: AnyPilot, starting: str) -> None:
    """j until the focused line starts with `starting`."""
    for _ in range(200):
        if focused_text(pilot.app).startswith(starting):
            return
        await pilot.press("j")
    raise AssertionError(f"no line starts with {starting!r}")


# --- the tests ------------------------------------------------------------------------------


async def test_5_opens_insights_and_every_section_fills(
    journal: Journal, clock: FixedClock
) -> None:
    fill(journal)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5")
        await until(pilot, lambda: filled(app), "every section read")
        screen = view(app)
        assert screen.shown == set(SECTIONS)
        assert "5 Insights" in str(screen.query_one("#top-left").render())
        for name in SECTIONS:
            assert lines(app, name), name
            assert "reading…" not in lines(app, name)
        lessons = lines(app, "lessons")
        assert any("rambling on the first question" in line.casefold() for line in lessons)
        assert charts(app)  # the signs over time, as charts


async def test_before_a_section_is_read_its_title_says_reading() -> None:
    """What the view paints at once, before the worker has read anything: every title,
    each with "reading…" under it; a section read replaces its "reading…" alone."""

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield InsightList([(name, SECTION_TITLES[name]) for name in SECTIONS])

    app = Bare()
    async with app.run_test(size=SIZE) as pilot:
        listing = app.query_one(InsightList)

        def shown() -> list[str]:
            return [
                line.text
                if (line := listing.lines.get(option.id or ""))
                else str(option.prompt).strip()
                for option in listing.options
            ]

        assert shown() == [text for name in SECTIONS for text in (SECTION_TITLES[name], "reading…")]
        listing.show_section("signs", [ShownLine("signs:0", "Shown from 3 evaluations on.")])
        await pilot.pause()
        assert shown()[:5] == [
            "Are my lessons sticking?",
            "reading…",
            "The three signs over time",
            "Shown from 3 evaluations on.",
            "Key points",
        ]


async def test_charts_have_their_numbers_beside_them(journal: Journal, clock: FixedClock) -> None:
    fill(journal)
    async with on_insights(journal, clock) as (app, _):
        drawn = charts(app)
        assert {"Key points across", "Dynamic", "Overall feeling", "Points made"} <= set(drawn)
        overall = drawn["Overall feeling"]
        assert overall.numbers.startswith("2.0 → 4.0 (up)")
        assert overall.chart is not None and overall.chart.values == (2.0, 3.0, 4.0)
        assert drawn["Points made"].numbers == "11% → 56% (up)"


async def test_two_interviews_explain_and_show_no_chart(
    journal: Journal, clock: FixedClock
) -> None:
    two_interviews(journal)
    async with on_insights(journal, clock) as (app, _):
        assert not charts(app)
        assert not app.screen.query("Sparkline")
        signs = shown_lines(app, "signs")
        assert [line.text for line in signs] == ["Needs 3 evaluations with ratings (1 so far)."]
        assert signs[0].kind == "too-few"


async def test_enter_on_a_phrase_lists_its_evaluations_and_opens_one(
    journal: Journal, clock: FixedClock
) -> None:
    fill(journal)
    async with on_insights(journal, clock) as (app, pilot):
        await focus_line(pilot, "You noted")
        line = highlighted(app)
        assert line is not None
        ids = line.interview_ids
        assert focused_text(app).startswith("You noted “rambling on the first question")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EvaluationsListScreen), "the list")
        listing = app.screen
        assert isinstance(listing, EvaluationsListScreen)
        assert [i.id for i in listing.interviews] == sorted(ids, reverse=True)
        days = [i.starts_at for i in listing.interviews]
        assert days == sorted(days, reverse=True)  # newest first
        first = str(listing.query_one("#evaluations").get_option_at_index(0).prompt)  # type: ignore[attr-defined]
        assert first  # a row per evaluation: company — role, round, day
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EvaluationScreen), "the evaluation")
        assert app.screen.interview_id == listing.interviews[0].id  # type: ignore[attr-defined]
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, EvaluationsListScreen), "back")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, InsightsScreen), "back on Insights")
        assert focused_text(app).startswith("You noted")


async def test_a_burst_of_keys_lands_where_paced_keys_do(
    journal: Journal, clock: FixedClock
) -> None:
    fill(journal)
    app = make_app(journal, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in "5jjj":
            await pilot.press(key)
            await until(pilot, lambda: filled(app), "every section read")
        paced = focused_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: not isinstance(app.screen, InsightsScreen), "enter acted")
        paced_screen = type(app.screen)
    journal_again = journal
    app = make_app(journal_again, clock)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        burst(app, "5", "j", "j", "j", "enter")
        await until(
            pilot,
            lambda: not isinstance(app.screen, InsightsScreen) and filled_or_left(app),
            "the burst",
        )
        await settle(pilot)
        assert type(app.screen) is paced_screen
        app.screen.dismiss(None)
        await until(pilot, lambda: isinstance(app.screen, InsightsScreen), "back")
        assert focused_text(app) == paced


def filled_or_left(app: AnyApp) -> bool:
    return not isinstance(app.screen, InsightsScreen) or filled(app)


async def test_since_limits_it_and_S_shows_all_again(journal: Journal, clock: FixedClock) -> None:
    fill(journal)
    async with on_insights(journal, clock) as (app, pilot):
        before = lines(app, "signs")
        await pilot.press("s")
        await until(pilot, lambda: bool(app.screen.query("#date-input")), "the date dialog")
        await pilot.press(*"2026-11-01", "enter")
        await until(pilot, lambda: filled(app), "read again")
        summary = str(app.screen.query_one("#insights-summary").render())
        assert "since Sun 1 Nov" in summary
        held, evaluated = journal.insight_counts(clock.now(), date(2026, 11, 1))
        assert 0 < evaluated <= held
        await until(
            pilot,
            lambda: (
                f"From {held} interviews, {evaluated} evaluated, since"
                in str(app.screen.query_one("#insights-summary").render())
            ),
            "the counts in the summary",
        )
        assert lines(app, "signs") != before
        assert lines(app, "signs")[0].startswith("Needs 3 evaluations")
        await pilot.press("S")
        await until(pilot, lambda: filled(app), "read again")
        assert "all time" in str(app.screen.query_one("#insights-summary").render())
        assert lines(app, "signs") == before


async def test_a_day_to_come_is_not_a_start(journal: Journal, clock: FixedClock) -> None:
    fill(journal)
    async with on_insights(journal, clock) as (app, pilot):
        await pilot.press("s")
        await until(pilot, lambda: bool(app.screen.query("#date-input")), "the date dialog")
        await pilot.press(*"2026-12-24", "enter")
        await pilot.pause()
        error = str(app.screen.query_one("#date-error").render())
        assert "has not come yet" in error
        await pilot.press("escape")


async def test_j_k_g_G_move_along_the_lines(journal: Journal, clock: FixedClock) -> None:
    fill(journal)
    async with on_insights(journal, clock, size=(80, 24)) as (app, pilot):
        first = focused_text(app)
        await pilot.press("j", "j", "k")
        second = focused_text(app)
        assert second != first
        await pilot.press("G")
        assert highlighted(app) == shown_lines(app, SECTIONS[-1])[-1]
        assert app.screen.query_one("#insights").scroll_y > 0
        await pilot.press("g")
        assert focused_text(app) == first
        await pilot.press("space")
        assert focused_text(app) not in (first, second)


async def test_back_on_insights_it_shows_what_changed_meanwhile(
    journal: Journal, clock: FixedClock
) -> None:
    """An evaluation finished while another view was shown counts when Insights is back."""
    two_interviews(journal)
    async with on_insights(journal, clock) as (app, pilot):
        assert lines(app, "signs") == ["Needs 3 evaluations with ratings (1 so far)."]
        await pilot.press("1")
        await settle(pilot)
        second = next(i for i in journal.interviews_by_id([1, 2]).values() if i.company == "Hooli")
        assert second.id is not None
        journal.save_evaluation(
            Evaluation(second.id, state=EvaluationState.FINISHED, overall_rating=4)
        )
        await pilot.press("5")
        await until(
            pilot,
            lambda: lines(app, "signs") == ["Needs 3 evaluations with ratings (2 so far)."],
            "the second evaluation counted",
        )
        await pilot.press("r")
        await until(pilot, lambda: filled(app), "read again")
        assert lines(app, "signs") == ["Needs 3 evaluations with ratings (2 so far)."]


async def test_its_keys_are_in_the_palette_and_the_help(
    journal: Journal, clock: FixedClock
) -> None:
    two_interviews(journal)
    async with on_insights(journal, clock) as (app, pilot):
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for title in ("Open  (⏎)", "Since  (s)", "All  (S)", "Refresh  (r)", "Insights  (5)"):
            assert title in titles, titles
        await pilot.press("question_mark")
        await until(pilot, lambda: type(app.screen).__name__ == "HelpScreen", "the help")
        legend = str(app.screen.query_one("#help-legend").render())
        assert "› a line rests on evaluations" in legend
