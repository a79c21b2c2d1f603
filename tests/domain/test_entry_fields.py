"""The entry form's fields (shared with `follow-up add`): good input, bad input, the checks
across fields, and that only messages come out, never exceptions.

The fixed clock is Wed 25 Nov 2026 14:05 in Stockholm.
"""

from __future__ import annotations

from datetime import date, time
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_journal.dates import FixedClock, Lean
from interview_journal.domain.entry_fields import (
    ENTRY_FIELDS,
    needs_reason,
    new_entry,
    parse_entry_fields,
    parse_when,
)
from interview_journal.domain.timeline import Channel, Entry, EntryKind, Outcome, When

BLANK = dict.fromkeys(ENTRY_FIELDS, "")


def form(**typed: str) -> dict[str, str]:
    """Every field of the form, blank unless typed."""
    return {**BLANK, **typed}


def test_a_whole_good_form(clock: FixedClock) -> None:
    values, errors = parse_entry_fields(
        form(
            kind="follow-up",
            due="fri",
            channel="email",
            contact="  B.   Lumbergh ",
            reason="  Mention the offer from Hooli\n",
            note="Keep it short.",
        ),
        clock.now(),
    )
    assert errors == {}
    assert values == {
        "kind": EntryKind.FOLLOW_UP,
        "due": When(date(2026, 11, 27)),
        "done": None,
        "channel": Channel.EMAIL,
        "contact": "B. Lumbergh",
        "reason": "Mention the offer from Hooli",
        "note": "Keep it short.",
        "outcome": None,
    }
    made = new_entry(4, values)
    assert (made.interview_id, made.kind, made.due, made.done) == (
        4,
        EntryKind.FOLLOW_UP,
        When(date(2026, 11, 27)),
        None,
    )
    assert made.reason == "Mention the offer from Hooli"


def test_an_outcome_recorded_after_the_fact(clock: FixedClock) -> None:
    values, errors = parse_entry_fields(
        form(kind="outcome", done="yesterday 15:00", outcome="rejected", channel="phone"),
        clock.now(),
    )
    assert errors == {}
    assert values["kind"] is EntryKind.OUTCOME
    assert values["outcome"] is Outcome.REJECTION
    assert values["channel"] is Channel.CALL
    assert values["done"] == When(date(2026, 11, 24), time(15, 0))
    assert values["due"] is None


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        pytest.param("due", "fri", When(date(2026, 11, 27)), id="due-fri-is-this-friday"),
        pytest.param("done", "fri", When(date(2026, 11, 20)), id="done-fri-is-last-friday"),
        pytest.param(
            "due", "tomorrow 16:00", When(date(2026, 11, 26), time(16)), id="due-with-time"
        ),
        pytest.param(
            "done", "yesterday 15:00", When(date(2026, 11, 24), time(15)), id="done-with-time"
        ),
        pytest.param("due", "in 3 days", When(date(2026, 11, 28)), id="due-in-3-days"),
        pytest.param("due", "2026-12-01", When(date(2026, 12, 1)), id="due-iso"),
        pytest.param("done", "today", When(date(2026, 11, 25)), id="done-today-no-time"),
    ],
)
def test_dates_lean_the_right_way(
    clock: FixedClock, field: str, typed: str, expected: When
) -> None:
    values, errors = parse_entry_fields({field: typed}, clock.now())
    assert errors == {}
    assert values[field] == expected


def test_parse_when_blank_is_none(clock: FixedClock) -> None:
    assert parse_when("   ", clock.now(), Lean.FUTURE) is None


@pytest.mark.parametrize(
    ("field", "typed", "expected"),
    [
        pytest.param("kind", "", EntryKind.FOLLOW_UP, id="kind-blank-is-follow-up"),
        pytest.param("kind", "Thank you", EntryKind.THANK_YOU, id="kind-with-space"),
        pytest.param("kind", "NEXT_ROUND", EntryKind.NEXT_ROUND, id="kind-upper-underscore"),
        pytest.param("channel", "mail", Channel.EMAIL, id="channel-mail"),
        pytest.param("channel", "phone", Channel.CALL, id="channel-phone"),
        pytest.param("channel", "In Person", Channel.IN_PERSON, id="channel-in-person"),
        pytest.param("channel", "", None, id="channel-blank"),
        pytest.param("outcome", "offered", Outcome.OFFER, id="outcome-offered"),
        pytest.param("outcome", "withdraw", Outcome.WITHDRAWN, id="outcome-withdraw"),
    ],
)
def test_choices_and_aliases(clock: FixedClock, field: str, typed: str, expected: Any) -> None:
    values, errors = parse_entry_fields({field: typed}, clock.now())
    assert errors == {}
    assert values[field] == expected


@pytest.mark.parametrize(
    ("field", "typed", "choices"),
    [
        pytest.param(
            "kind",
            "email",
            "thank-you, follow-up, reply, next-round, offer-elsewhere, outcome, note",
            id="kind",
        ),
        pytest.param("channel", "pigeon", "e-mail, call, message, in-person", id="channel"),
        pytest.param("outcome", "promotion", "offer, rejection, withdrawn", id="outcome"),
    ],
)
def test_an_unknown_choice_names_the_choices(
    clock: FixedClock, field: str, typed: str, choices: str
) -> None:
    values, errors = parse_entry_fields(form(**{field: typed, "due": "fri"}), clock.now())
    assert list(errors) == [field]
    assert f'"{typed}"' in errors[field]
    assert choices in errors[field]
    assert field not in values


def test_an_unreadable_date_says_what_was_typed(clock: FixedClock) -> None:
    _, errors = parse_entry_fields(form(due="someday maybe"), clock.now())
    assert list(errors) == ["due"]
    assert 'Can\'t read "someday maybe" as a date' in errors["due"]


def test_neither_planned_nor_done_is_an_error_on_due(clock: FixedClock) -> None:
    _, errors = parse_entry_fields(form(reason="Ask"), clock.now())
    assert list(errors) == ["due"]
    assert "planned date" in errors["due"]


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param({"due": "fri"}, id="planned-only"),
        pytest.param({"done": "today"}, id="done-only"),
        pytest.param({"due": "mon", "done": "today"}, id="both"),
    ],
)
def test_either_date_is_enough(clock: FixedClock, typed: dict[str, str]) -> None:
    assert parse_entry_fields(form(**typed), clock.now())[1] == {}


def test_an_outcome_entry_needs_its_outcome(clock: FixedClock) -> None:
    _, errors = parse_entry_fields(form(kind="outcome", done="today"), clock.now())
    assert list(errors) == ["outcome"]
    assert "offer, rejection or withdrawn" in errors["outcome"]


@pytest.mark.parametrize("kind", [k.value for k in EntryKind if k is not EntryKind.OUTCOME])
def test_an_outcome_belongs_only_to_an_outcome_entry(clock: FixedClock, kind: str) -> None:
    _, errors = parse_entry_fields(form(kind=kind, done="today", outcome="offer"), clock.now())
    assert list(errors) == ["outcome"]
    assert "kind outcome" in errors["outcome"]


def test_cross_field_checks_wait_for_the_fields_themselves(clock: FixedClock) -> None:
    # A bad kind and no dates: only the bad kind is reported (one thing at a time).
    _, errors = parse_entry_fields(form(kind="nonsense"), clock.now())
    assert list(errors) == ["kind"]


def test_every_bad_field_is_reported_at_once(clock: FixedClock) -> None:
    _, errors = parse_entry_fields(
        form(kind="x", due="whenever-ish", channel="fax", outcome="maybe", note="a\x00b"),
        clock.now(),
    )
    assert set(errors) == {"kind", "due", "channel", "outcome", "note"}
    assert "NUL" in errors["note"]


@given(texts=st.fixed_dictionaries({name: st.text(max_size=40) for name in ENTRY_FIELDS}))
def test_any_text_gives_values_or_messages_never_an_exception(texts: dict[str, str]) -> None:
    now = FixedClock("2026-11-25T14:05:00").now()
    values, errors = parse_entry_fields(texts, now)
    assert set(errors) <= set(ENTRY_FIELDS)
    assert all(isinstance(message, str) and message for message in errors.values())
    if not errors:
        assert set(values) == set(ENTRY_FIELDS)
        assert values["due"] is not None or values["done"] is not None


@pytest.mark.parametrize(
    ("entry", "asks"),
    [
        pytest.param(Entry(1, EntryKind.FOLLOW_UP, due=When(date(2026, 11, 27))), True, id="blank"),
        pytest.param(
            Entry(1, EntryKind.FOLLOW_UP, due=When(date(2026, 11, 27)), reason="  \n "),
            True,
            id="only-whitespace",
        ),
        pytest.param(
            Entry(1, EntryKind.FOLLOW_UP, due=When(date(2026, 11, 27)), reason="Share the demo"),
            False,
            id="with-reason",
        ),
        pytest.param(
            Entry(1, EntryKind.REPLY, done=When(date(2026, 11, 24))), False, id="reply-received"
        ),
        pytest.param(Entry(1, EntryKind.NOTE, done=When(date(2026, 11, 24))), False, id="note"),
    ],
)
def test_needs_reason(entry: Entry, asks: bool) -> None:
    assert needs_reason(entry) is asks
