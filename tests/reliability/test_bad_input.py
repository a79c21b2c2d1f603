"""Bad input everywhere: whatever is typed, only our own InputError comes out, with a message.

Every parser a person's typing reaches is fed arbitrary text (control characters, NUL,
lone surrogates, right-to-left and combining marks, digits of other scripts, absurd
lengths) and text that is *almost* valid (a good example with junk spliced in). The
promise checked is the one in `errors.py`: anything other than `InputError` escaping is a
bug, and an `InputError` always says something. What a parser accepts must also be usable:
in range, and (for the form) storable and read back unchanged.

The config file gets the same treatment with TOML-ish text written to a real file: a
broken file never stops the journal, it gives warnings (each naming the file) and the
defaults. And the search box can never break a query: any text, FTS5 syntax included,
lists without error and pages through to the same rows the count promises.
"""

from __future__ import annotations

import json
import math
import string
from collections.abc import Callable
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pendulum
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from interview_journal.cli import cli
from interview_journal.dates import (
    MAX_YEAR,
    MIN_YEAR,
    FixedClock,
    Lean,
    parse_day,
    parse_day_and_time,
    parse_moment,
    parse_optional_day,
    to_storage,
)
from interview_journal.domain import validation
from interview_journal.domain.entry_fields import ENTRY_FIELDS, new_entry, parse_entry_fields
from interview_journal.domain.fields import FIELDS, apply_fields, new_interview, parse_fields
from interview_journal.domain.listing import InterviewQuery, InterviewSort
from interview_journal.domain.model import Format, Interview, Person, Stage, Status
from interview_journal.domain.timeline import Channel, EntryKind, Outcome, When
from interview_journal.errors import InputError
from interview_journal.services.config import (
    OPEN_ON,
    SAMPLE,
    Settings,
    _settings_from,
    load_settings,
)
from interview_journal.store import Journal, open_journal
from interview_journal.store.interviews import fts_query
from tests.conftest import NOW, ZONE

# --- what people (and cats on keyboards) type ---------------------------------------------

EVERY_CHARACTER = st.characters(codec=None, exclude_categories=())
"""Any code point: control characters, NUL and lone surrogates included."""

NASTY = [
    *"\x00\x01\x07\x08\t\n\x0b\x0c\r\x1b\x7f\x85\xa0\u2028\u2029\u200b\u200d\u202e\u2066",
    *"\ufeff\ufffd\ud800\udfff\u0301\u0663\uff11\u2163",
    *["👩\u200d💻", "🇸🇪", "مرحبا", "面试", "e\u0301", "\U0010ffff"],
]
"""Characters that break naive code: controls, separators, bidi overrides, BOM, surrogates,
combining marks, digits of other scripts (٣, fullwidth １, roman Ⅳ)."""

DATE_WORDS = [
    "today", "tomorrow", "yesterday", "now", "noon", "midnight", "fri", "mon", "Sunday",
    "next", "last", "this", "in", "ago", "at", "on", "of", "the", "week", "weeks", "day",
    "days", "month", "months", "year", "years", "d", "w", "m", "y", "h", "am", "pm", "a.m.",
    "3", "10", "31", "0", "00", "9999", "99999", "1e9", "-1", "+2w", "-3d", "+9999y",
    "10:30", "25:99", "9.30", "24:00", "23:59:59", "1 dec", "dec 1", "feb 30", "30/2",
    "2026-12-01", "2026-02-30", "0000-00-00", "1969-12-31", "2200-12-31 23:59",
    "2201-01-01", "9999-12-31", "2026-12-01T10:30", "2026-12-01 10:30:00",
    "2026-13-01", "2026-12-01 7:5", "12/31/2026", "31.12.2026", "١٠:٣٠", "١",
    "１０", "Ⅳ", "2026–12–01", "tomorrow 14:00", "fri 10am", "in 3 days",
]  # fmt: skip
SEPARATORS = ["", " ", "  ", "\t", "\n", ",", "/", "-", ":", ".", "\x00", "\u200b", "\xa0"]

date_ish = st.lists(
    st.tuples(st.sampled_from(DATE_WORDS), st.sampled_from(SEPARATORS)), max_size=5
).map(lambda parts: "".join(word + sep for word, sep in parts))

arbitrary = st.text(EVERY_CHARACTER, max_size=120)
nasty = st.lists(st.sampled_from(NASTY) | st.sampled_from(list(string.printable)), max_size=60).map(
    "".join
)


def spliced(valid: list[str]) -> st.SearchStrategy[str]:
    """A good example with junk inserted somewhere: the input that is almost right."""

    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = draw(st.sampled_from(valid))
        at = draw(st.integers(0, len(text)))
        junk = "".join(
            draw(st.lists(st.sampled_from(NASTY) | EVERY_CHARACTER, min_size=1, max_size=4))
        )
        return text[:at] + junk + text[at:]

    return build()


LONG = st.sampled_from(["x" * 81, "tomorrow " * 9, "1" * 5000, "a" * 1_000_001, " " * 500])


def any_text(*valid: str) -> st.SearchStrategy[str]:
    strategies = [arbitrary, nasty, date_ish, LONG]
    if valid:
        strategies.append(spliced(list(valid)))
    return st.one_of(*strategies)


CLOCKS = [
    FixedClock(NOW, ZONE),
    FixedClock("2026-10-25T02:30:00", ZONE),  # the hour that happens twice
    FixedClock("2027-03-28T03:30:00", ZONE),  # just after the hour that never happens
    FixedClock("2026-12-31T23:59:00", ZONE),
    FixedClock("2026-11-25T09:05:00", "America/New_York"),
    FixedClock("2026-11-25T18:35:00", "Asia/Kolkata"),
    FixedClock("2026-11-26T03:50:00", "Pacific/Chatham"),
    FixedClock("2026-11-26T04:05:00", "Pacific/Kiritimati"),
    FixedClock("2026-11-25T13:05:00", "UTC"),
    FixedClock("2200-12-31T23:59:00", ZONE),  # "tomorrow" is past the last year allowed
    FixedClock("1970-01-01T00:30:00", "UTC"),  # "yesterday" is before the first
]
nows = st.sampled_from([clock.now() for clock in CLOCKS])
leans = st.sampled_from(list(Lean))


def huge_number(text: str) -> bool:
    """Digits past Python's int() limit (4300): see `test_a_5000_digit_interest_...` (a bug)."""
    cleaned = text.strip()
    return cleaned.isascii() and cleaned.isdigit() and len(cleaned) > 4300


def says_something(error: InputError) -> None:
    assert isinstance(error.message, str) and error.message.strip(), repr(error)
    assert str(error) == error.message


def only_input_error(parse: Callable[[], Any]) -> Any:
    """Run `parse`; an InputError (with a message) is fine and gives None."""
    try:
        return parse()
    except InputError as error:
        says_something(error)
        return None


# --- dates ---------------------------------------------------------------------------------

VALID_DATES = ["tomorrow 14:00", "fri 10am", "in 3 days", "2026-12-01 10:30", "+2w", "mon"]


@given(text=any_text(*VALID_DATES), now=nows, lean=leans)
@example(text="+9999y", now=CLOCKS[0].now(), lean=Lean.FUTURE)
@example(text="-9999y", now=CLOCKS[0].now(), lean=Lean.PAST)
@example(text="tomorrow", now=CLOCKS[9].now(), lean=Lean.FUTURE)
@example(text="yesterday", now=CLOCKS[10].now(), lean=Lean.PAST)
@example(text="2026-10-25 02:30", now=CLOCKS[1].now(), lean=Lean.FUTURE)
@example(text="2027-03-28 02:30", now=CLOCKS[2].now(), lean=Lean.PAST)
@example(text="\x00", now=CLOCKS[0].now(), lean=Lean.FUTURE)
@example(text="\ud800 fri", now=CLOCKS[0].now(), lean=Lean.FUTURE)
def test_parse_moment_raises_only_input_error(
    text: str, now: pendulum.DateTime, lean: Lean
) -> None:
    moment = only_input_error(lambda: parse_moment(text, now, lean))
    if moment is not None:
        assert moment.tzinfo is not None
        assert MIN_YEAR <= moment.year <= MAX_YEAR
        assert moment.second == 0 and moment.microsecond == 0


@given(text=any_text(*VALID_DATES), now=nows, lean=leans)
@example(text="+9999m", now=CLOCKS[0].now(), lean=Lean.FUTURE)
@example(text="tomorrow", now=CLOCKS[9].now(), lean=Lean.FUTURE)
def test_parse_day_raises_only_input_error(text: str, now: pendulum.DateTime, lean: Lean) -> None:
    day = only_input_error(lambda: parse_day(text, now, lean))
    if day is not None:
        assert type(day) is date
        assert MIN_YEAR <= day.year <= MAX_YEAR
    optional = only_input_error(lambda: parse_optional_day(text, now, lean))
    if not text.strip():
        assert optional is None


@given(text=any_text(*VALID_DATES), now=nows, lean=leans)
@example(text="2026-12-01 24:00", now=CLOCKS[0].now(), lean=Lean.FUTURE)
@example(text="2026-12-01 23:60", now=CLOCKS[0].now(), lean=Lean.FUTURE)
def test_parse_day_and_time_raises_only_input_error(
    text: str, now: pendulum.DateTime, lean: Lean
) -> None:
    parsed = only_input_error(lambda: parse_day_and_time(text, now, lean))
    if parsed is not None:
        day, at = parsed
        assert type(day) is date and MIN_YEAR <= day.year <= MAX_YEAR
        assert at is None or isinstance(at, time)


# --- the interview form's fields -----------------------------------------------------------

VALID_FIELD_TEXT = {
    "application_id": ["new", "", "1", " 2 "],
    "company": ["Initech", "Umbrella Corp"],
    "role": ["Analyst"],
    "starts_at": VALID_DATES,
    "length_minutes": ["45", "1h30", "1.5h", "1:30", "90 min", ""],
    "stage": ["first", "technical/case", "final"],
    "round_label": ["case presentation", ""],
    "format": ["video", "on site", ""],
    "location": ["Kungsgatan 12", "https://meet.example.com/abc"],
    "interviewers": ["B. Lumbergh (manager), M. Bolton", "A (b); C"],
    "job_ad_url": ["https://jobs.example.com/42", "example.com/job"],
    "interest": ["4", " 5 "],
    "notes": ["- get across X\n- ask about Y"],
    "status": ["auto", "awaiting reply", "next_round", ""],
    "feedback_by": ["fri", "in 1 week", ""],
    "contact_from": ["mon", "2026-12-07", ""],
}
assert set(VALID_FIELD_TEXT) == set(FIELDS)

form_texts = st.fixed_dictionaries(
    {name: any_text(*valid) | st.sampled_from(valid) for name, valid in VALID_FIELD_TEXT.items()}
)


def check_parsed(names: set[str], values: dict[str, Any], errors: dict[str, str]) -> None:
    assert set(values) | set(errors) == names
    for name, message in errors.items():
        assert isinstance(message, str) and message.strip(), (name, message)


@pytest.mark.parametrize("name", sorted(FIELDS))
@given(data=st.data(), now=nows)
def test_every_interview_field_raises_only_input_error(
    name: str, data: st.DataObject, now: pendulum.DateTime
) -> None:
    text = data.draw(any_text(*VALID_FIELD_TEXT[name]), label="text")
    assume(not (name == "interest" and huge_number(text)))  # the known bug, tested below
    values, errors = parse_fields({name: text}, now)
    check_parsed({name}, values, errors)


@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    max_examples=40,
)
@given(texts=form_texts, now=nows)
def test_whatever_the_form_accepts_is_saved_and_read_back_unchanged(
    journal: Journal, texts: dict[str, str], now: pendulum.DateTime
) -> None:
    assume(not huge_number(texts["interest"]))  # the known bug, tested below
    values, errors = parse_fields(texts, now)
    check_parsed(set(FIELDS), values, errors)
    if errors:
        return
    saved = journal.add_interview(new_interview(values, now))
    assert saved.id is not None
    again = journal.get_interview(saved.id)
    for name, value in values.items():
        if isinstance(value, datetime):  # == between zones is False in a repeated hour (PEP 495)
            assert to_storage(getattr(again, name)) == to_storage(value)
        else:
            assert getattr(again, name) == value, name
    assert apply_fields(again, values).with_changes(starts_at=again.starts_at) == again


HUGE_INTEREST_BUG = (
    "validation.parse_interest calls int() on any run of ASCII digits before checking 1-5: "
    "past 4300 digits int() raises ValueError (CPython's int_max_str_digits), not InputError"
)


def test_a_5000_digit_interest_is_an_input_error() -> None:
    with pytest.raises(InputError, match="Interest is a number from 1 to 5"):
        validation.parse_interest("1" * 5000)


def test_add_with_a_5000_digit_interest_is_one_line_and_exit_2(journal_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["add", "--db", str(journal_path), "--company", "Initech", "--interest", "1" * 5000],
    )
    assert result.exit_code == 2, result.exception
    assert "Interest is a number from 1 to 5" in result.stderr


# --- the timeline entry's fields -----------------------------------------------------------

VALID_ENTRY_TEXT = {
    "kind": ["follow-up", "thank-you", "outcome", ""],
    "due": ["fri", "tomorrow 16:00", "in 3 days", ""],
    "done": ["today", "yesterday 15:00", ""],
    "channel": ["e-mail", "phone", "in person", ""],
    "contact": ["B. Lumbergh"],
    "reason": ["Ask about the timeline"],
    "note": ["They said Friday"],
    "outcome": ["offer", "rejected", ""],
}
assert set(VALID_ENTRY_TEXT) == set(ENTRY_FIELDS)


@pytest.mark.parametrize("name", sorted(ENTRY_FIELDS))
@given(data=st.data(), now=nows)
def test_every_entry_field_raises_only_input_error(
    name: str, data: st.DataObject, now: pendulum.DateTime
) -> None:
    text = data.draw(any_text(*VALID_ENTRY_TEXT[name]), label="text")
    values, errors = parse_entry_fields({name: text}, now)
    check_parsed({name}, values, errors)


@given(
    texts=st.fixed_dictionaries(
        {
            name: any_text(*valid) | st.sampled_from(valid)
            for name, valid in VALID_ENTRY_TEXT.items()
        }
    ),
    now=nows,
)
def test_a_whole_entry_form_of_junk_gives_field_errors_or_a_usable_entry(
    texts: dict[str, str], now: pendulum.DateTime
) -> None:
    values, errors = parse_entry_fields(texts, now)
    for name, message in errors.items():
        assert name in ENTRY_FIELDS and message.strip(), (name, message)
    if errors:
        return
    entry = new_entry(1, values)
    assert entry.due is not None or entry.done is not None
    assert isinstance(entry.kind, EntryKind)
    assert entry.channel is None or isinstance(entry.channel, Channel)
    assert entry.outcome is None or entry.kind is EntryKind.OUTCOME
    assert isinstance(entry.when, When)


# --- each validator on its own -------------------------------------------------------------


def _is_url(value: str) -> bool:
    return value == "" or (value.startswith(("http://", "https://")) and " " not in value)


VALIDATORS: dict[str, tuple[Callable[[str], Any], list[str], Callable[[Any], bool]]] = {
    # "0" and "000" read as id 0: no interview has it, so the user is told "No interview
    # with id 0" by the store (a clear message, not a crash).
    "parse_id": (validation.parse_id, ["42", "#7", " 1 "], lambda v: type(v) is int and v >= 0),
    "parse_url": (validation.parse_url, ["https://a.example/x", "example.com/j"], _is_url),
    "parse_interest": (
        validation.parse_interest,
        ["1", "5", ""],
        lambda v: v is None or (type(v) is int and 1 <= v <= 5),
    ),
    "parse_people": (
        validation.parse_people,
        ["B. Lumbergh (manager), M. Bolton", "A;B\nC"],
        lambda v: (
            isinstance(v, tuple)
            and all(
                isinstance(p, Person) and p.name.strip() and p.name == p.name.strip() for p in v
            )
        ),
    ),
    "parse_status": (validation.parse_status, ["offer", "Awaiting Reply"], lambda v: v in Status),
    "parse_stage": (validation.parse_stage, ["case", "final"], lambda v: v in Stage),
    "parse_format": (
        validation.parse_format,
        ["video", "in person", ""],
        lambda v: v is None or v in Format,
    ),
    "parse_company": (
        validation.parse_company,
        ["Initech"],
        lambda v: bool(v) and v == v.strip() and len(v) <= validation.MAX_SHORT,
    ),
    "parse_line": (
        lambda text: validation.parse_line(text, "Role"),
        ["Analyst"],
        lambda v: "\n" not in v and len(v) <= validation.MAX_SHORT,
    ),
    "check_text": (
        lambda text: validation.check_text(text, "Notes", limit=validation.MAX_LONG),
        ["notes"],
        lambda v: "\x00" not in v,
    ),
    "parse_choice(Outcome)": (
        lambda text: validation.parse_choice(text, Outcome, "outcome"),
        ["offer"],
        lambda v: v in Outcome,
    ),
}


@pytest.mark.parametrize("name", sorted(VALIDATORS))
@given(data=st.data())
def test_every_validator_raises_only_input_error(name: str, data: st.DataObject) -> None:
    parse, valid, usable = VALIDATORS[name]
    text = data.draw(any_text(*valid), label="text")
    assume(not (name == "parse_interest" and huge_number(text)))  # the known bug, tested below
    value = only_input_error(lambda: parse(text))
    if value is not None:
        assert usable(value), (name, text, value)
        if isinstance(value, str):
            value.encode("utf-8")  # what a validator passes on can be stored


# --- the config file -------------------------------------------------------------------------

KNOWN = {
    "follow-ups": [
        "quiet-working-days",
        "thank-you-suggestions",
        "suggest-within-days",
        "allowed-days",
    ],
    "start": ["open-on"],
}
toml_scalars = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(EVERY_CHARACTER, max_size=20),
    st.sampled_from(["auto", "review", "interviews", "AUTO", ""]),
    st.datetimes(),
    st.dates(),
    st.times(),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
section_names = st.sampled_from([*KNOWN, "follow_ups", "Start", ""]) | st.text(max_size=10)
key_names = (
    st.sampled_from([name for names in KNOWN.values() for name in names])
    | st.sampled_from(["quiet_working_days", "open_on", "thank-you", ""])
    | st.text(max_size=10)
)
config_data = st.dictionaries(
    section_names,
    st.dictionaries(key_names, toml_values, max_size=5) | toml_values,
    max_size=4,
)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    assert isinstance(value, dict)
    pairs = (f"{json.dumps(k, ensure_ascii=False)} = {_toml_value(v)}" for k, v in value.items())
    return "{" + ", ".join(pairs) + "}"


def to_toml(data: dict[str, Any]) -> str:
    """A TOML rendering of `data` (not always valid TOML: odd keys and values make it TOML-ish)."""
    lines: list[str] = []
    for section, table in data.items():
        if not isinstance(table, dict):
            lines.insert(0, f"{json.dumps(section, ensure_ascii=False)} = {_toml_value(table)}")
            continue
        lines.append(f"[{json.dumps(section, ensure_ascii=False)}]")
        for name, value in table.items():
            lines.append(f"{json.dumps(name, ensure_ascii=False)} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def check_settings(settings_: Settings, warnings: list[str], path: Path) -> None:
    assert isinstance(settings_, Settings)
    suggestions = settings_.suggestions
    assert type(suggestions.quiet_working_days) is int and 1 <= suggestions.quiet_working_days <= 60
    assert type(suggestions.horizon_days) is int and 1 <= suggestions.horizon_days <= 3650
    assert type(suggestions.allowed_days) is int and 0 <= suggestions.allowed_days <= 365
    assert type(suggestions.thank_you) is bool
    assert settings_.open_on in OPEN_ON
    assert isinstance(warnings, list)
    for warning in warnings:
        assert isinstance(warning, str) and warning.strip()
        assert str(path) in warning, warning


def sample_with(value_text: str, key: str) -> str:
    """The documented sample with one setting's value replaced by arbitrary text."""
    lines = []
    for line in SAMPLE.splitlines():
        if line.startswith(f"{key} ="):
            line = f"{key} = {value_text}"
        lines.append(line)
    return "\n".join(lines) + "\n"


CONFIG_LINES = [
    "[follow-ups]", "[start]", "[[follow-ups]]", "[follow-ups.x]", "[", "]", "=", "\\",
    'open-on = "review"', "allowed-days = 400", "quiet-working-days = 0x10",
    "thank-you-suggestions = 1", '"allowed-days" = 3', "a.b.c = 1", "x = [1, [2]]",
    "\ufeff", "\x00", "\r", "# comment", "open-on = '''\nauto'''",
]  # fmt: skip
config_texts = st.one_of(
    st.text(EVERY_CHARACTER, max_size=300),
    config_data.map(to_toml),
    st.builds(
        sample_with,
        st.text(EVERY_CHARACTER, max_size=30) | toml_values.map(_toml_value),
        st.sampled_from([name for names in KNOWN.values() for name in names]),
    ),
    st.lists(
        st.sampled_from(CONFIG_LINES),
        max_size=12,
    ).map("\n".join),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=config_texts)
@example(text="[follow-ups]\nquiet-working-days = 1e400\n")
@example(text='[start]\nopen-on = ["auto"]\n')
@example(text="[start]\nopen-on = {auto = 1}\n")
@example(text="[follow-ups]\nallowed-days = 9223372036854775807\n")
@example(text="quiet-working-days = 3\n[follow-ups]\n[follow-ups.quiet-working-days]\n")
def test_load_settings_on_any_file_gives_settings_and_warnings(tmp_path: Path, text: str) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    loaded, warnings = load_settings(path)
    check_settings(loaded, warnings, path)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=200))
@example(content=b"\xff\xfe[start]")
@example(content=b'[start]\nopen-on = "\xc3"\n')
def test_load_settings_on_any_bytes_gives_settings_and_warnings(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    loaded, warnings = load_settings(path)
    check_settings(loaded, warnings, path)


@given(data=config_data, text=st.text(EVERY_CHARACTER, max_size=200) | config_data.map(to_toml))
def test_settings_from_any_parsed_data_gives_settings_and_warnings(
    data: dict[str, Any], text: str
) -> None:
    path = Path("/nowhere/config.toml")
    loaded, warnings = _settings_from(data, text, path)
    check_settings(loaded, warnings, path)


def test_an_unreadable_config_file_gives_the_defaults_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.mkdir()  # a directory where the file should be
    loaded, warnings = load_settings(path)
    assert loaded == Settings()
    check_settings(loaded, warnings, path)
    assert len(warnings) == 1


# --- searching ----------------------------------------------------------------------------

SEARCH_ROWS = [
    ("Initech", "Analyst", "B. Lumbergh (manager)", "Kungsgatan 12", "- TPS reports"),
    ("Umbrella Corp", "Chemist", "A. Wesker", "Raccoon City", "company:umbrella NEAR(x)"),
    ('Quote "Inc"', "AND OR NOT", "", "", '" * ^ ( )'),
    ("株式会社 任天堂", "ゲーム デザイナー", "宮本", "京都", "面试 很顺利"),
    ("شركة الأمل", "مهندس", "أحمد", "دبي", "مقابلة"),
    ("Café Ekström", "Développeuse", "Zoë", "Malmö", "crème brûlée"),
    ("NUL\x00Corp", "role\x00", "", "", "a\x00b"),
    ("👩\u200d💻 Labs", "🇸🇪", "", "", "emoji only 🎉"),
]
FTS_SYNTAX = [
    '"', '""', "'", "*", "^", "(", ")", "()", ":", "-", "+", "{", "}", "[", "]", ",", ".", "/",
    "\\", "AND", "OR", "NOT", "NEAR", "NEAR(", "NEAR/2", "and", "company:", "company:x",
    "notes:", "{company role}:", "- company", "^Ini", "Ini*", '"Init', "col:", "rowid",
    "interviews_fts", "MATCH", "x:y:z", "\x00", "\t", "\n", "\ud800", "%", "_", ";", "--",
    "/*", "'; DROP TABLE interviews; --", "Initech", "任天堂", "مقابلة", "Ekstrom", "👩",
]  # fmt: skip
fts_ish = st.lists(
    st.tuples(st.sampled_from(FTS_SYNTAX), st.sampled_from(["", " ", "  "])), max_size=8
).map(lambda parts: "".join(token + sep for token, sep in parts))
searches = st.one_of(st.text(EVERY_CHARACTER, max_size=60), fts_ish, nasty)


@pytest.fixture
def searchable(journal: Journal, clock: FixedClock) -> Journal:
    for number, (company, role, person, location, notes) in enumerate(SEARCH_ROWS):
        journal.add_interview(
            Interview(
                company=company,
                role=role,
                interviewers=(Person(person),) if person else (),
                location=location,
                notes=notes,
                starts_at=clock.now().add(days=number - 4, hours=number),
                time_zone=ZONE,
            )
        )
    return journal


def every_page(journal: Journal, query: InterviewQuery, limit: int) -> list[int]:
    """Page through the whole list, `limit` rows at a time; the ids in order."""
    ids: list[int] = []
    page = journal.page_interviews(query, limit=limit)
    while True:
        ids += [interview.id for interview in page.interviews if interview.id is not None]
        if page.next_cursor is None:
            return ids
        assert len(ids) <= len(SEARCH_ROWS), "paging does not end"
        page = journal.page_interviews(query, page.next_cursor, limit=limit)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(search=searches, status=st.none() | st.sampled_from(list(Status)))
@example(search='company:"Initech" OR NOT (', status=None)
@example(search="NEAR(Initech Analyst, 2)", status=None)
@example(search='"""', status=None)
@example(search="\x00Initech", status=None)
@example(search="Ini\ud800tech", status=None)
@example(search=" ".join(["w"] * 200), status=None)
def test_search_never_raises_and_pages_agree_with_the_count(
    searchable: Journal, clock: FixedClock, search: str, status: Status | None
) -> None:
    now = clock.now()
    count = searchable.count_interviews(InterviewQuery(now=now, status=status, search=search))
    assert 0 <= count <= len(SEARCH_ROWS)
    for order in InterviewSort:
        query = InterviewQuery(now=now, status=status, search=search, sort=order)
        whole = searchable.page_interviews(query, limit=100)
        assert len(whole.interviews) == count
        paged = every_page(searchable, query, limit=3)
        assert paged == [interview.id for interview in whole.interviews]


WORDS = ["Initech", "Lumbergh", "Kungsgatan", "任天堂", "مقابلة", "Ekström", "Wesker", "TPS"]
OPERATOR_JUNK = st.text(st.sampled_from(list("\"()*^:-+{}[],.;/\\'  \t\n\x00")), max_size=6)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(word=st.sampled_from(WORDS), before=OPERATOR_JUNK, after=OPERATOR_JUNK)
def test_quotes_and_operators_around_a_word_never_hide_what_it_finds(
    searchable: Journal, clock: FixedClock, word: str, before: str, after: str
) -> None:
    plain = searchable.count_interviews(InterviewQuery(now=clock.now(), search=word))
    assert plain >= 1, word
    wrapped = InterviewQuery(now=clock.now(), search=before + word + after)
    assert searchable.count_interviews(wrapped) == plain


@given(search=searches)
def test_the_fts_query_is_always_quoted_terms(search: str) -> None:
    match = fts_query(search)
    if match is None:
        return
    for term in match.split(" "):
        assert term.startswith('"') and term.endswith('"*'), term
        assert '"' not in term[1:-2].replace('""', ""), term


@pytest.mark.parametrize(
    "search",
    ['company:"x" AND (', "NEAR(a b)", "'; DROP TABLE interviews; --", "*", "^Ini", "任天堂"],
    ids=repr,
)
def test_the_list_command_searches_anything_without_error(
    searchable: Journal, journal_path: Path, search: str
) -> None:
    searchable.close()
    result = CliRunner().invoke(
        cli, ["list", "--db", str(journal_path), "--search", search, "--json"]
    )
    assert result.exit_code == 0, result.output
    assert isinstance(json.loads(result.stdout), list)
    with open_journal(journal_path) as reopened:
        assert reopened.count_interviews() == len(SEARCH_ROWS)  # nothing was dropped
