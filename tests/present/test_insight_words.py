"""Insights in words (present/insights.py): the lines the view and the command show, and
the object `insights --json` prints, from records made by hand (tests/present/
sample_insights.py)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import pytest

from interview_journal.domain.insights import (
    FUNNEL_STAGES,
    MINIMUM,
    SECTION_TITLES,
    SECTIONS,
    SIGNS,
    Employer,
    LessonUse,
    Reality,
)
from interview_journal.present.insights import (
    EMPTY,
    InsightLine,
    insights_json,
    insights_text,
    section_lines,
)
from tests.present import readme_keys
from tests.present.sample_insights import TODAY, empty, full, two_interviews


def texts(name: str, insights: object = None) -> list[str]:
    found = insights if insights is not None else full()
    return [line.text for line in section_lines(name, getattr(found, name), TODAY)]


# --- a journal with nothing yet ----------------------------------------------------------


def test_an_empty_journal_gets_one_line_per_section_saying_what_fills_it() -> None:
    insights = empty()
    for name in SECTIONS:
        lines = section_lines(name, getattr(insights, name), TODAY)
        assert lines == [InsightLine(EMPTY[name], kind="too-few")], name
    assert texts("signs", insights) == [
        "Rate the three signs in your evaluations; from 3 evaluations on, their trend shows here."
    ]


def test_the_text_of_an_empty_journal_has_every_title_and_no_figure() -> None:
    text = insights_text(empty())
    assert text.splitlines()[0] == "Insights · 0 interviews, 0 evaluated · Thu 3 Dec"
    for title in SECTION_TITLES.values():
        assert f"\n{title}\n" in text
    assert "→" not in text and "%" not in text


# --- two interviews: explained, no figures ---------------------------------------------------


def test_two_interviews_say_what_each_figure_needs_and_show_none() -> None:
    insights = two_interviews()
    for name in SECTIONS:
        lines = section_lines(name, getattr(insights, name), TODAY)
        facts = [line.text for line in lines if line.kind == "fact"]
        assert facts == [], (name, facts)
        assert any(line.kind == "too-few" for line in lines), name
    assert texts("signs", insights) == ["Needs 3 evaluations with ratings (2 so far)."]
    assert texts("closing", insights) == [
        "Asked when you would hear: needs 3 interviews (1 so far).",
        "Did not ask: needs 3 interviews (1 so far).",
    ]
    assert texts("funnel", insights) == ["Needs 3 applications (2 so far)."]
    assert texts("employers", insights) == [  # no company: each rests on less still
        "Needs 3 answered rounds (1 so far).",
        "Needs 3 promised answers (1 so far).",
        "Needs 3 applications with a round held (2 so far).",
    ]


# --- the facts, in words --------------------------------------------------------------------


def test_lessons_applied_and_written_again_and_again() -> None:
    lines = section_lines("lessons", full().lessons, TODAY)
    assert [line.text for line in lines] == [
        "How often you applied them (from 12 answers)",
        "“Slow down on the first answer” (Initech, Tue 4 Aug): asked 4 times; "
        "applied 3, partly 1, not 0",
        "“Ask about the team” (Globex, Thu 20 Nov 2025): asked 3 times; applied 0, partly 1, not 2",
        "Written again and again (your last 6 evaluations)",
        "You noted “rambling on the first question” in 4 of your last 6 evaluations.",
    ]
    assert [line.kind for line in lines] == ["heading", "fact", "fact", "heading", "fact"]
    # enter opens the evaluations that answered, newest first, then the one that wrote it
    assert lines[1].interview_ids == (7, 6, 5, 4, 3)
    assert lines[4].interview_ids == (20, 18, 15, 12)


def test_signs_trend_with_what_it_rests_on_and_each_period_as_numbers() -> None:
    assert texts("signs") == [
        "The trend (from 20 evaluations, 1 to 5)",
        "Key points across: 3.2 → 4.1 (up) over 5 months",
        "Dynamic: 3.0 → 3.1 (steady) over 5 months",
        "Expectations matched: 3.5 → 3.6 (steady) over 5 months",
        "Overall feeling: 3.2 → 2.5 (down) over 5 months",
        "The means, per month",
        "Aug 2026: key points 3.2 · dynamic 3.0 · expectations 3.5 · overall 3.2 "
        "(from 5 evaluations)",
        "Sep 2026: too few to show (2 evaluations)",
        "Dec 2026: key points 4.1 · dynamic 3.1 · expectations 3.6 · overall 4.0 "
        "(from 6 evaluations)",
    ]


def test_signs_per_ten_interviews_count_the_interviews_the_trend_spans() -> None:
    signs = full().signs
    periods = tuple(
        replace(period, label=label, based_on=10)
        for period, label in zip(signs.periods, ("1–10", "11–20", "21–30"), strict=True)
    )
    lines = texts(
        "signs", replace(full(), signs=replace(signs, per="ten interviews", periods=periods))
    )
    assert lines[1] == "Key points across: 3.2 → 4.1 (up) over 30 interviews"
    assert lines[5] == "The means, per ten interviews"
    assert lines[6].startswith("1–10: key points 3.2")


def test_one_period_shows_the_mean_so_far_without_a_trend() -> None:
    signs = full().signs
    one = replace(signs, periods=signs.periods[:1])
    assert texts("signs", replace(full(), signs=one))[1] == "Key points across: 4.1 so far"


def test_key_points_missed_and_the_share_made_over_time() -> None:
    lines = section_lines("key_points", full().key_points, TODAY)
    assert [line.text for line in lines] == [
        "Most often not got across (from 10 evaluations with key points)",
        "“My leadership at Acme”: missed 3 of 5 times",
        "The share of points made, over time",
        "Aug 2026: made 7 of 10 (70%), from 4 evaluations",
        "Dec 2026: made 9 of 10 (90%), from 3 evaluations",
    ]
    assert lines[1].interview_ids == (19, 14, 11)


def test_words_per_reflection_lead_to_their_evaluations() -> None:
    lines = section_lines("words", full().words, TODAY)
    assert [line.text for line in lines] == [
        "To improve (from 20 evaluations)",
        "“first question” in 4 evaluations",
        "Would do differently (from 20 evaluations)",
        "Nothing written again and again yet.",
        "Went well (from 20 evaluations)",
        "“rapport” in 3 evaluations",
    ]
    assert lines[1].interview_ids == (20, 18, 15, 12)


def test_words_read_from_the_latest_say_so() -> None:
    words = replace(full().words, based_on=500, limit=500)
    assert texts("words", replace(full(), words=words))[0] == (
        "To improve (from your last 500 evaluations)"
    )


def test_reality_checks_name_the_companies() -> None:
    assert texts("reality") == [
        "The role did not match the ad in 2 of 9 interviews (22%): Initech, Globex",
        "You felt you had overstated something in 1 of 8 interviews (12%): Acme",
    ]


def test_one_reality_check_below_the_minimum_is_explained_the_other_shown() -> None:
    reality = Reality(9, 0, accuracy_answered=2, overstated=1)
    assert texts("reality", replace(full(), reality=reality)) == [
        "The role did not match the ad in 0 of 9 interviews (0%)",
        "Needs 3 answers on whether you represented yourself accurately (2 so far).",
    ]


def test_closing_questions_asked_against_not_asked() -> None:
    assert texts("closing") == [
        "Asked when you would hear: 7 of 9 promises kept (late 1, never 1); chased 2 times "
        "(from 9 interviews)",
        "Did not ask: 2 of 6 promises kept (late 1, never 3); chased 5 times (from 6 interviews)",
    ]


def test_employers_median_promises_silence_and_per_company() -> None:
    assert texts("employers") == [
        "Median 6 days to answer (from 14 answered rounds)",
        "Promised answers: 5 of 10 kept, 3 late, 2 never",
        "Went silent: 2 of 10 applications (20%)",
        "Per company, slowest first",
        "Initech: median 6 days to answer (4 rounds); kept 1, late 2",
        "Globex: answered 1 of 2 rounds (a median from 3 on); never 1; went silent",
    ]


def test_a_median_of_half_days_keeps_its_half() -> None:
    employers = replace(full().employers, median_days=6.5, companies=())
    assert texts("employers", replace(full(), employers=employers))[0] == (
        "Median 6.5 days to answer (from 14 answered rounds)"
    )


def test_the_funnel_with_conversions_per_source_and_interest() -> None:
    assert texts("funnel") == [
        "Applications 24 → First interview 12 (50%) → Later rounds 5 (42%) → Offer 1 (20%)",
        "Per source",
        "Job ad: Applications 15 → First interview 6 (40%) → Later rounds 2 (33%) → Offer 0 (0%)",
        "Referral: Applications 5 → First interview 4 (80%) → Later rounds 2 (50%) → Offer 1 (50%)",
        "Source not noted: needs 3 applications (2 so far).",
        "Interest, before and after",
        "Interest before 3.8, after 3.2 (from 9 interviews)",
    ]


def test_what_the_user_wrote_is_shown_safely_never_acted_on() -> None:
    lessons = full().lessons
    use = replace(lessons.uses[0], text="Slow\x1b[2J down", company="Ini\u202etech")
    insights = replace(full(), lessons=replace(lessons, uses=(use,)))
    line = texts("lessons", insights)[1]
    assert line.startswith("“Slow␛[2J down” (Ini<U+202E>tech, Tue 4 Aug)")
    employers = replace(full().employers, companies=(Employer("[b]Acme[/b]", 3, 0, None),))
    assert texts("employers", replace(full(), employers=employers))[-1].startswith(
        "[b]Acme[/b]: answered 0 of 3 rounds"
    )


def test_the_text_puts_facts_under_their_sub_heading() -> None:
    text = insights_text(replace(full(), since=date(2026, 9, 1)))
    lines = text.splitlines()
    assert lines[0] == "Insights · 24 interviews since Tue 1 Sep, 20 evaluated · Thu 3 Dec"
    at = lines.index("Are my lessons sticking?")
    assert lines[at + 1] == "  How often you applied them (from 12 answers)"
    assert lines[at + 2].startswith("    “Slow down on the first answer”")
    at = lines.index("Reality checks")
    assert lines[at + 1].startswith("  The role did not match the ad")
    assert "\x1b" not in text


# --- JSON -----------------------------------------------------------------------------------


@pytest.mark.parametrize("made", [empty, two_interviews, full])
def test_every_json_key_is_in_the_readme(made: object) -> None:
    data = insights_json(made())  # type: ignore[operator]
    assert readme_keys.undocumented(data) == set()
    json.dumps(data)  # plain JSON


def test_every_key_in_the_readme_is_in_the_json() -> None:
    assert readme_keys.unused(insights_json(full())) == set()


def test_the_readme_names_the_keys_of_the_objects_keyed_by_data() -> None:
    rows = readme_keys.documented()
    named = set(re.findall(r"`([a-z_]+)`", rows["signs.periods[].means"]))
    assert named == {*SIGNS, "null"}
    data = insights_json(full())
    assert set(data["signs"]["periods"][0]["means"]) == set(SIGNS)
    assert set(re.findall(r"`([a-z_]+)`", rows["funnel.*.counts"])) == set(FUNNEL_STAGES)
    assert list(data["funnel"]["total"]["counts"]) == list(FUNNEL_STAGES)
    assert list(data["funnel"]["total"]["percent"]) == list(FUNNEL_STAGES[1:])
    fields = set(re.findall(r"`([a-z_]+)`", rows["words.fields"]))
    assert fields == set(data["words"]["fields"])


def test_json_top_level_and_figures() -> None:
    data = insights_json(replace(full(), since=date(2026, 9, 1)))
    assert list(data) == ["today", "since", "interviews", "evaluations", "minimum", *SECTIONS]
    assert (data["today"], data["since"], data["minimum"]) == ("2026-12-03", "2026-09-01", 3)
    assert (data["interviews"], data["evaluations"]) == (24, 20)
    assert data["signs"]["trends"][3] == {
        "sign": "overall_rating",
        "first": 3.25,
        "last": 2.5,
        "change": -0.75,
        "direction": "down",
    }
    assert data["funnel"]["total"] == {
        "source": "all",
        "enough": True,
        "counts": {"applied": 24, "first_interview": 12, "later_rounds": 5, "offer": 1},
        "percent": {"first_interview": 50, "later_rounds": 42, "offer": 20},
    }
    assert data["funnel"]["by_source"][2]["enough"] is False
    assert data["lessons"]["recurring"][0] == {
        "phrase": "rambling on the first question",
        "count": 4,
        "out_of": 6,
        "percent": 67,
        "interview_ids": [20, 18, 15, 12],
    }
    assert data["closing"]["asked"]["kept_percent"] == 78
    assert data["lessons"]["uses"][0]["interview_ids"] == [7, 6, 5, 4]  # newest first
    assert data["employers"]["companies"][1]["median_days"] is None


def test_json_means_are_rounded_to_two_decimals() -> None:
    use = LessonUse("x", "lesson", 1, "A", TODAY, yes=1, partly=1, no=1)
    lessons = replace(full().lessons, uses=(use,))
    data = insights_json(replace(full(), lessons=lessons))
    assert data["lessons"]["uses"][0]["applied"] == 0.5
    signs = full().signs
    period = replace(signs.periods[0], means={"key_points_rating": 10 / 3})
    data = insights_json(replace(full(), signs=replace(signs, periods=(period,))))
    assert data["signs"]["periods"][0]["means"]["key_points_rating"] == 3.33
    assert data["signs"]["periods"][0]["means"]["dynamic_rating"] is None


def test_below_the_minimum_the_counts_stay_and_enough_is_false() -> None:
    data = insights_json(two_interviews())
    assert data["minimum"] == MINIMUM
    for name in SECTIONS:
        assert data[name]["enough"] is False, name
    assert data["signs"]["based_on"] == 2
    assert data["closing"]["asked"] == {
        "based_on": 1,
        "enough": False,
        "promised": 1,
        "kept": 1,
        "late": 0,
        "never": 0,
        "kept_percent": 100,
        "chased": 0,
        "answered": 0,
    }
    assert data["funnel"]["total"]["counts"]["first_interview"] == 2
    assert data["funnel"]["total"]["percent"]["later_rounds"] == 0
    assert data["funnel"]["total"]["percent"]["first_interview"] == 100
    assert data["employers"]["median_days"] == 5.0


def test_the_text_lists_every_period_however_many() -> None:
    signs = full().signs
    months = [date(2024 + (m - 1) // 12, (m - 1) % 12 + 1, 1) for m in range(1, 31)]
    periods = tuple(replace(signs.periods[0], label=f"{d:%b %Y}", start=d) for d in months)
    lines = texts("signs", replace(full(), signs=replace(signs, periods=periods)))
    at = lines.index("The means, per month")
    assert lines[at + 1].startswith("Jan 2024: ") and lines[-1].startswith("Jun 2026: ")
    assert len(lines) - at - 1 == 30


def test_a_reality_check_names_five_companies_and_counts_the_rest() -> None:
    companies = ("A", "B", "C", "D", "E", "F", "G")
    reality = replace(full().reality, role_differed_at=companies)
    assert texts("reality", replace(full(), reality=reality))[0] == (
        "The role did not match the ad in 2 of 9 interviews (22%): A, B, C, D, E and 2 more"
    )
