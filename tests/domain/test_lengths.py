"""An interview's length: what people type is read as minutes, and said back in words."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_journal.domain.lengths import format_length, length_words, parse_length
from interview_journal.errors import InputError


@pytest.mark.parametrize(
    "typed",
    ["90", "90m", "90 min", "90 minutes", "1h30", "1 h 30 min", "1h 30m", "1.5h", "1,5 h",
     "1:30", "01:30", " 1 hour 30 ", "1.5 hours", "1 tim 30 min", "1H30M"],
)  # fmt: skip
def test_an_hour_and_a_half_typed_every_way_is_90_minutes(typed: str) -> None:
    assert parse_length(typed) == 90


@pytest.mark.parametrize(
    ("typed", "minutes"),
    [("45", 45), ("1h", 60), ("2 hours", 120), ("0:05", 5), ("24h", 1440), ("24:00", 1440),
     ("0.75h", 45), ("5 min", 5), ("1440", 1440)],
)  # fmt: skip
def test_lengths_are_read_as_minutes(typed: str, minutes: int) -> None:
    assert parse_length(typed) == minutes


@pytest.mark.parametrize("typed", ["", "   ", "\t"])
def test_a_blank_length_is_the_usual_one(typed: str) -> None:
    assert parse_length(typed) is None


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("4 min", '"4 min" is 4 min; an interview lasts from 5 min to 24 h.'),
        (
            "3",
            '"3" is 3 min (a number alone is minutes); an interview lasts from 5 min to 24 h: '
            'for 3 hours, type "3h".',
        ),
        ("0", '"0" is no time at all; an interview lasts from 5 min to 24 h.'),
        ("25h", '"25h" is 25 h; an interview lasts from 5 min to 24 h.'),
        ("1441", '"1441" is 24 h 1 min; an interview lasts from 5 min to 24 h.'),
    ],
)
def test_too_short_or_too_long_says_what_was_typed_and_the_limits(typed: str, said: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_length(typed)
    assert raised.value.message == said


@pytest.mark.parametrize("typed", ["an hour", "1h30x", "h", "1:75", "1 h 2 h", "-30", "9" * 7])
def test_what_is_not_a_length_says_how_to_write_one(typed: str) -> None:
    with pytest.raises(InputError) as raised:
        parse_length(typed)
    assert raised.value.message.startswith(f'"{typed}" is not a length')
    assert '"1h30"' in raised.value.message


def test_a_bare_fraction_is_not_taken_as_minutes() -> None:
    with pytest.raises(InputError) as raised:
        parse_length("1.5")
    assert raised.value.message.endswith('for hours say so, e.g. "1.5h".')


def test_minutes_after_hours_stay_under_sixty() -> None:
    with pytest.raises(InputError, match="0 to 59"):
        parse_length("1h90")


@pytest.mark.parametrize(
    ("minutes", "said"),
    [(5, "5 min"), (45, "45 min"), (60, "1 h"), (90, "1 h 30 min"), (125, "2 h 5 min"),
     (1440, "24 h")],
)  # fmt: skip
def test_lengths_are_said_in_hours_and_minutes(minutes: int, said: str) -> None:
    assert format_length(minutes) == said


def test_an_interview_without_its_own_length_says_it_takes_the_usual_one() -> None:
    assert length_words(None, 60) == "1 h (usual)"
    assert length_words(45, 60) == "45 min"


@given(st.integers(min_value=5, max_value=1440))
def test_what_is_said_reads_back_as_the_same_length(minutes: int) -> None:
    assert parse_length(format_length(minutes)) == minutes


@given(st.text(max_size=40))
def test_any_text_is_a_length_or_a_message(text: str) -> None:
    try:
        minutes = parse_length(text)
    except InputError as error:
        assert error.message
    else:
        assert minutes is None or 5 <= minutes <= 1440
