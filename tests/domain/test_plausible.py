"""Dates that read but are probably a slip: the doubts the forms and the CLI show."""

from __future__ import annotations

from datetime import date, time

import pendulum
import pytest

from interview_journal.domain.plausible import entry_doubts, interview_doubts
from interview_journal.domain.timeline import When

TODAY = date(2026, 12, 2)
THU = pendulum.datetime(2026, 12, 3, 10, 0, tz="Europe/Stockholm")


def test_a_plain_interview_raises_no_doubt() -> None:
    values = {"starts_at": THU, "feedback_by": date(2026, 12, 4), "contact_from": None}
    assert interview_doubts(values, TODAY) == {}


def test_feedback_promised_before_the_interview_is_asked_about() -> None:
    doubts = interview_doubts({"starts_at": THU, "feedback_by": date(2026, 11, 27)}, TODAY)
    assert doubts == {
        "feedback_by": "Fri 27 Nov is before the interview itself (Thu 3 Dec). "
        "Feedback comes after it."
    }


def test_getting_in_touch_before_the_interview_is_asked_about() -> None:
    doubts = interview_doubts({"starts_at": THU, "contact_from": date(2026, 12, 1)}, TODAY)
    assert list(doubts) == ["contact_from"]
    assert "Getting in touch comes after it" in doubts["contact_from"]


@pytest.mark.parametrize(
    ("day", "doubt"),
    [
        (date(2027, 12, 10), "Fri 10 Dec 2027 is more than a year from today: is the year right?"),
        (date(2025, 11, 20), "Thu 20 Nov 2025 is more than a year ago: is the year right?"),
    ],
)
def test_a_date_more_than_a_year_away_is_asked_about(day: date, doubt: str) -> None:
    starts = pendulum.datetime(day.year, day.month, day.day, 10, tz="Europe/Stockholm")
    assert interview_doubts({"starts_at": starts}, TODAY) == {"starts_at": doubt}


def test_a_year_ahead_is_still_plausible() -> None:
    starts = pendulum.datetime(2027, 12, 2, 10, tz="Europe/Stockholm")
    assert interview_doubts({"starts_at": starts}, TODAY) == {}


def test_done_in_the_future_is_asked_about_and_today_is_not() -> None:
    assert entry_doubts({"done": When(date(2026, 12, 4))}, TODAY) == {
        "done": "Fri 4 Dec is in the future: done dates are today or before."
    }
    assert entry_doubts({"done": When(TODAY, time(23, 0)), "due": When(TODAY)}, TODAY) == {}


def test_a_follow_up_planned_more_than_a_year_ahead_is_asked_about() -> None:
    doubts = entry_doubts({"due": When(date(2028, 1, 5)), "done": None}, TODAY)
    assert doubts == {"due": "Wed 5 Jan 2028 is more than a year from today: is the year right?"}
