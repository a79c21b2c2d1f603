"""The form's fields, shared with the command line: parse every field, build an interview."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_journal.dates import FixedClock
from interview_journal.domain.applications import Application
from interview_journal.domain.fields import (
    FIELDS,
    apply_fields,
    misfit,
    new_interview,
    parse_fields,
)
from interview_journal.domain.model import Format, Interview, Person, Stage, Status

STOCKHOLM = ZoneInfo("Europe/Stockholm")

GOOD = {
    "application_id": "12",
    "company": "  Initech ",
    "role": "Senior  Analyst",
    "starts_at": "fri 10am",
    "length_minutes": "1h30",
    "stage": "case",
    "round_label": " case  presentation ",
    "format": "video",
    "location": "https://meet.example.com/abc",
    "interviewers": "B. Lumbergh (manager), M. Bolton",
    "job_ad_url": "jobs.example.com/42",
    "interest": "4",
    "notes": "Ask about the TPS reports.\nAnd the stapler.",
    "status": "next round",
    "feedback_by": "tue",
    "contact_from": "in 1 week",
}


def test_every_interview_field_has_a_parser() -> None:
    assert set(FIELDS) == set(GOOD)
    for name in FIELDS:
        assert name in Interview.__dataclass_fields__


def test_parse_fields_reads_a_whole_form(clock: FixedClock) -> None:
    values, errors = parse_fields(GOOD, clock.now())
    assert errors == {}
    assert values == {
        "application_id": 12,
        "company": "Initech",
        "role": "Senior Analyst",
        "starts_at": datetime(2026, 11, 27, 10, 0, tzinfo=STOCKHOLM),
        "length_minutes": 90,
        "stage": Stage.TECHNICAL,
        "round_label": "case presentation",
        "format": Format.VIDEO,
        "location": "https://meet.example.com/abc",
        "interviewers": (Person("B. Lumbergh", "manager"), Person("M. Bolton")),
        "job_ad_url": "https://jobs.example.com/42",
        "interest": 4,
        "notes": "Ask about the TPS reports.\nAnd the stapler.",
        "status": Status.NEXT_ROUND,
        "feedback_by": date(2026, 12, 1),
        "contact_from": date(2026, 12, 2),
    }


def test_blank_optional_fields_mean_not_set(clock: FixedClock) -> None:
    blank = {name: "" for name in FIELDS if name not in ("company", "starts_at")}
    values, errors = parse_fields(blank, clock.now())
    assert errors == {}
    assert values == {
        "application_id": None,
        "role": "",
        "length_minutes": None,
        "stage": Stage.FIRST,
        "round_label": "",
        "format": None,
        "location": "",
        "interviewers": (),
        "job_ad_url": "",
        "interest": None,
        "notes": "",
        "status": None,
        "feedback_by": None,
        "contact_from": None,
    }


def test_status_auto_means_follow_the_calendar(clock: FixedClock) -> None:
    values, errors = parse_fields({"status": " Auto "}, clock.now())
    assert (values, errors) == ({"status": None}, {})


def test_every_bad_field_gets_its_own_message(clock: FixedClock) -> None:
    bad = {
        "company": "   ",
        "starts_at": "someday",
        "stage": "fourth",
        "format": "zoom",
        "interviewers": "(CTO)",
        "job_ad_url": "ftp://example.com",
        "interest": "7",
        "status": "hired",
        "feedback_by": "whenever",
        "role": "x" * 201,
        "application_id": "Nordvik",
        "round_label": "third\x1bround",
    }
    values, errors = parse_fields(bad, clock.now())
    assert values == {}
    assert set(errors) == set(bad)
    assert "someday" in errors["starts_at"]
    assert "whenever" in errors["feedback_by"]
    assert "hired" in errors["status"]
    assert '"Nordvik" is not an application id' in errors["application_id"]


def test_blank_when_asks_for_a_time_with_an_example(clock: FixedClock) -> None:
    _, errors = parse_fields({"starts_at": "  "}, clock.now())
    assert "tomorrow 14:00" in errors["starts_at"]


def test_new_application_files_the_round_by_company_and_role(clock: FixedClock) -> None:
    values, errors = parse_fields({"application_id": "new"}, clock.now())
    assert (values, errors) == ({"application_id": None}, {})


def test_a_round_fits_an_application_with_the_same_company_and_role() -> None:
    nordvik = Application("Nordvik", "Backend Developer", id=3)
    assert misfit(nordvik, " nordvik ", "backend  developer") == ""
    problem = misfit(nordvik, "Hooli", "Backend Developer")
    assert '"Hooli — Backend Developer"' in problem
    assert '"Nordvik — Backend Developer"' in problem
    assert '"New application"' in problem
    assert '"Nordvik"' in misfit(nordvik, "Nordvik", "")


def test_new_interview_from_parsed_values(clock: FixedClock) -> None:
    values, _ = parse_fields(GOOD, clock.now())
    interview = new_interview(values, clock.now())
    assert interview.company == "Initech"
    assert interview.time_zone == "Europe/Stockholm"
    assert interview.starts_at == datetime(2026, 11, 27, 10, 0, tzinfo=STOCKHOLM)
    assert interview.interviewers == (Person("B. Lumbergh", "manager"), Person("M. Bolton"))
    assert interview.status is Status.NEXT_ROUND
    assert (interview.application_id, interview.round_label) == (12, "case presentation")
    assert interview.round_name == "case presentation"
    assert interview.id is None


def test_apply_fields_changes_only_the_given_fields(clock: FixedClock) -> None:
    values, _ = parse_fields(GOOD, clock.now())
    interview = new_interview(values, clock.now())
    changed, errors = parse_fields({"interest": "2", "status": "auto"}, clock.now())
    assert errors == {}
    after = apply_fields(interview, changed)
    assert (after.interest, after.status) == (2, None)
    assert after.with_changes(interest=4, status=Status.NEXT_ROUND) == interview


@pytest.mark.parametrize("name", sorted(FIELDS))
@given(text=st.text(max_size=120))
def test_parse_fields_never_raises_for_any_text(name: str, text: str) -> None:
    now = FixedClock("2026-11-25T14:05:00").now()
    values, errors = parse_fields({name: text}, now)
    assert (name in values) != (name in errors)
    if name in errors:
        assert errors[name].strip()
