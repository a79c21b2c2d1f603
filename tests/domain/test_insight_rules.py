"""The small rules Insights figures are made with: medians of counted values, period
labels, trends, key points matched however they were written, the order of employers,
and the offsets that give the day an interview was held where it was held."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from interview_journal.domain.insight_rules import (
    employer_order,
    local_day,
    median,
    missed_points,
    month_label,
    offset_changes,
    ranked,
    run_label,
    trends,
)
from interview_journal.domain.insights import Employer, MissedPoint, Period


def test_the_median_of_counted_values() -> None:
    assert median([]) is None
    assert median([(4, 1)]) == 4
    assert median([(2, 1), (10, 1), (3, 1)]) == 3  # 2, 3, 10
    assert median([(2, 1), (3, 1), (5, 1), (10, 1)]) == 4  # between 3 and 5
    assert median([(1, 3), (9, 1)]) == 1  # 1, 1, 1, 9
    assert median([(1, 2), (9, 2)]) == 5  # 1, 1, 9, 9
    assert median([(7, 0), (2, 1)]) == 2


def test_periods_are_labelled_as_months_or_runs_of_ten() -> None:
    assert month_label(2026, 11) == "Nov 2026"
    assert month_label(2027, 1) == "Jan 2027"
    assert run_label(0, 10) == "1–10"
    assert run_label(1, 10) == "11–20"
    assert run_label(2, 7) == "21–27"


def _period(label: str, overall: float | None, count: int) -> Period:
    return Period(
        label,
        date(2026, 11, 1),
        count,
        means={"overall_rating": overall},
        counts={"overall_rating": count},
    )


def test_a_trend_runs_from_the_first_to_the_last_period_resting_on_enough() -> None:
    periods = [
        _period("Sep", 5.0, 2),  # too few ratings: skipped
        _period("Oct", 2.0, 3),
        _period("Nov", 3.0, 4),
        _period("Dec", 1.0, 1),  # too few again
    ]
    overall = {t.sign: t for t in trends(periods)}["overall_rating"]
    assert (overall.first, overall.last, overall.direction) == (2.0, 3.0, "up")
    others = [t for t in trends(periods) if t.sign != "overall_rating"]
    assert [(t.first, t.direction) for t in others] == [(None, "")] * 3


def test_one_period_is_no_trend() -> None:
    (overall,) = [t for t in trends([_period("Nov", 4.0, 9)]) if t.sign == "overall_rating"]
    assert (overall.first, overall.last, overall.direction) == (None, None, "")


def test_key_points_are_matched_however_they_were_written() -> None:
    chosen = missed_points(
        [
            ("Migration story", 2, 1),
            ("migration  STORY ", 1, 1),
            ("Kafka", 4, 1),
            ("Team lead", 1, 1),  # planned once: not enough to say
            ("Salary", 3, 0),  # never missed
            ("   ", 5, 5),
        ]
    )
    assert chosen == [
        (MissedPoint("Migration story", 2, 3), ("Migration story", "migration  STORY ")),
        (MissedPoint("Kafka", 1, 4), ("Kafka",)),
    ]


def test_the_most_missed_first_then_the_most_often_and_at_most_eight() -> None:
    counted = [(f"Point {n}", 4, 2) for n in range(10)] + [("Often", 8, 4), ("Always", 2, 2)]
    chosen = [point.text for point, _ in missed_points(counted)]
    assert chosen[:2] == ["Always", "Often"]  # all missed; then half of 8 before half of 4
    assert len(chosen) == 8


def test_employers_slowest_first_and_those_with_too_few_answers_last() -> None:
    employers = [
        Employer("Fast", rounds=5, answered=5, median_days=2.0),
        Employer("Quiet", rounds=2, answered=1, median_days=30.0),
        Employer("Slow", rounds=4, answered=3, median_days=9.0),
        Employer("Silent", rounds=2, answered=0, median_days=None),
    ]
    ordered = [e.company for e in sorted(employers, key=employer_order)]
    assert ordered == ["Slow", "Fast", "Quiet", "Silent"]


def test_names_ranked_by_how_often() -> None:
    assert ranked({"initech": 1, "Hooli": 3, "Globex": 1}) == ("Hooli", "Globex", "initech")


def test_the_offsets_of_a_zone_change_when_the_clocks_do() -> None:
    changes = offset_changes(ZoneInfo("Europe/Stockholm"), 2026, 2026)
    assert ("2026-03-29T01:00:00Z", 120) in changes
    assert ("2026-10-25T01:00:00Z", 60) in changes
    assert changes[0] == ("", 60)
    assert offset_changes(ZoneInfo("UTC"), 2020, 2026) == (("", 0),)
    assert offset_changes(ZoneInfo("Asia/Kolkata"), 2026, 2026) == (("", 330),)


def test_the_local_day_agrees_with_the_zone_at_every_hour_of_a_change() -> None:
    zone = ZoneInfo("America/New_York")
    changes = offset_changes(zone, 2026, 2026)
    start = datetime(2026, 3, 7, tzinfo=UTC)
    for hour in range(72):
        moment = start + timedelta(hours=hour, minutes=30)
        stored = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
        assert local_day(stored, changes) == moment.astimezone(zone).date(), stored
