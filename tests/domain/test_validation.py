"""Each field parser: what it accepts, what it refuses, and that it refuses only with InputError."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_journal.domain import validation
from interview_journal.domain.listing import search_terms
from interview_journal.domain.model import Format, Person, Stage, Status
from interview_journal.errors import InputError


def _id(value: object) -> str:
    return repr(value)[:30]


# --- company and one-line text -------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Initech", "Initech"),
        ("  Initech AB  ", "Initech AB"),
        ("Fjällräv Systems", "Fjällräv Systems"),
        ("שלום בע״מ", "שלום בע״מ"),
        ("🚀 Rockets", "🚀 Rockets"),
        ("x" * validation.MAX_SHORT, "x" * validation.MAX_SHORT),
    ],
    ids=_id,
)
def test_parse_company_accepts(typed: str, kept: str) -> None:
    assert validation.parse_company(typed) == kept


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("", "required"),
        ("   \t ", "required"),
        ("x" * (validation.MAX_SHORT + 1), "too long"),
        ("Init\x00ech", "NUL"),
        ("Init\ud800ech", "surrogate"),
    ],
    ids=_id,
)
def test_parse_company_refuses(typed: str, says: str) -> None:
    with pytest.raises(InputError, match=says) as caught:
        validation.parse_company(typed)
    assert "Company" in caught.value.message


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Analyst", "Analyst"),
        ("  Senior   Data\tEngineer \n", "Senior Data Engineer"),
        ("", ""),
        ("   ", ""),
    ],
    ids=_id,
)
def test_parse_line_trims_and_joins(typed: str, kept: str) -> None:
    assert validation.parse_line(typed, "Role") == kept


@pytest.mark.parametrize("typed", ["x" * (validation.MAX_SHORT + 1), "a\x00b", "a\udfffb"], ids=_id)
def test_parse_line_refuses_naming_the_field(typed: str) -> None:
    with pytest.raises(InputError, match="Location"):
        validation.parse_line(typed, "Location")


def test_check_text_allows_a_megabyte_of_notes_but_not_more() -> None:
    notes = "é" * validation.MAX_LONG
    assert validation.check_text(notes, "Notes", limit=validation.MAX_LONG) == notes
    with pytest.raises(InputError, match="too long"):
        validation.check_text(notes + "x", "Notes", limit=validation.MAX_LONG)


# --- choices ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stage"),
    [
        ("first", Stage.FIRST),
        ("FIRST", Stage.FIRST),
        ("  Screening ", Stage.SCREENING),
        ("second", Stage.SECOND),
        ("technical", Stage.TECHNICAL),
        ("case", Stage.TECHNICAL),
        ("tech", Stage.TECHNICAL),
        ("technical/case", Stage.TECHNICAL),
        ("Final", Stage.FINAL),
        ("other", Stage.OTHER),
    ],
    ids=_id,
)
def test_parse_stage_accepts(typed: str, stage: Stage) -> None:
    assert validation.parse_stage(typed) is stage


@pytest.mark.parametrize("typed", ["", "fourth", "first round", "1"], ids=_id)
def test_parse_stage_refuses_listing_the_choices(typed: str) -> None:
    with pytest.raises(InputError) as caught:
        validation.parse_stage(typed)
    assert "screening, first, second, technical, final, other" in caught.value.message
    assert typed.strip() in caught.value.message


@pytest.mark.parametrize(
    ("typed", "fmt"),
    [
        ("", None),
        ("  ", None),
        ("on-site", Format.ONSITE),
        ("On-Site", Format.ONSITE),
        ("onsite", Format.ONSITE),
        ("on site", Format.ONSITE),
        ("in person", Format.ONSITE),
        ("office", Format.ONSITE),
        ("video", Format.VIDEO),
        (" Phone ", Format.PHONE),
    ],
    ids=_id,
)
def test_parse_format_accepts(typed: str, fmt: Format | None) -> None:
    assert validation.parse_format(typed) is fmt


@pytest.mark.parametrize("typed", ["carrier pigeon", "zoom", "v"], ids=_id)
def test_parse_format_refuses(typed: str) -> None:
    with pytest.raises(InputError, match="on-site, video, phone"):
        validation.parse_format(typed)


@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("upcoming", Status.UPCOMING),
        ("awaiting-reply", Status.AWAITING_REPLY),
        ("awaiting reply", Status.AWAITING_REPLY),
        ("Awaiting_Reply", Status.AWAITING_REPLY),
        ("next-round", Status.NEXT_ROUND),
        ("NEXT_ROUND", Status.NEXT_ROUND),
        ("  next   round ", Status.NEXT_ROUND),
        ("offer", Status.OFFER),
        ("Rejected", Status.REJECTED),
        ("withdrawn", Status.WITHDRAWN),
    ],
    ids=_id,
)
def test_parse_status_accepts(typed: str, status: Status) -> None:
    assert validation.parse_status(typed) is status


@pytest.mark.parametrize("typed", ["hired", "", "auto", "next"], ids=_id)
def test_parse_status_refuses(typed: str) -> None:
    with pytest.raises(InputError) as caught:
        validation.parse_status(typed)
    assert "upcoming, awaiting-reply, next-round, offer, rejected, withdrawn" in (
        caught.value.message
    )


# --- numbers and links -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "interest"),
    [("", None), ("  ", None), ("1", 1), (" 3 ", 3), ("5", 5)],
    ids=_id,
)
def test_parse_interest_accepts(typed: str, interest: int | None) -> None:
    assert validation.parse_interest(typed) == interest


@pytest.mark.parametrize("typed", ["0", "6", "-1", "+3", "3.5", "three", "٣", "²", "10"], ids=_id)
def test_parse_interest_refuses(typed: str) -> None:
    with pytest.raises(InputError, match="1 to 5") as caught:
        validation.parse_interest(typed)
    assert typed in caught.value.message


@pytest.mark.parametrize(
    ("typed", "link"),
    [
        ("", ""),
        ("   ", ""),
        ("example.com/job", "https://example.com/job"),
        ("  jobs.example.com/42?ref=x  ", "https://jobs.example.com/42?ref=x"),
        ("https://jobs.example.com/42", "https://jobs.example.com/42"),
        ("http://example.org", "http://example.org"),
        ("https://bücher.example/jobb", "https://bücher.example/jobb"),
    ],
    ids=_id,
)
def test_parse_url_accepts(typed: str, link: str) -> None:
    assert validation.parse_url(typed) == link


@pytest.mark.parametrize(
    "typed",
    [
        "ftp://example.com/file",
        "not a link",
        "localhost",
        "javascript:alert(1)",
        "https://exa mple.com",
        "http://[::1",
        "https://",
        "x" * 2001,
        "example.com/\x00",
    ],
    ids=_id,
)
def test_parse_url_refuses(typed: str) -> None:
    with pytest.raises(InputError, match="Job ad link"):
        validation.parse_url(typed)


# --- people and ids --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "people"),
    [
        (
            "B. Lumbergh (manager), M. Bolton",
            (Person("B. Lumbergh", "manager"), Person("M. Bolton", "")),
        ),
        ("", ()),
        (" , ;\n ", ()),
        ("A; B\nC", (Person("A"), Person("B"), Person("C"))),
        ("  Anna   Svensson  (  tech   lead )", (Person("Anna Svensson", "tech lead"),)),
        ("Ekström (arkitekt)", (Person("Ekström", "arkitekt"),)),
        ("G. Belson ()", (Person("G. Belson", ""),)),
    ],
    ids=_id,
)
def test_parse_people_accepts(typed: str, people: tuple[Person, ...]) -> None:
    assert validation.parse_people(typed) == people


@pytest.mark.parametrize(
    "typed",
    ["(manager)", "A (b) (c)", "A (b", "A) b", "A (b) c", "B. Lumbergh (manager), (CTO)"],
    ids=_id,
)
def test_parse_people_refuses_with_an_example(typed: str) -> None:
    with pytest.raises(InputError, match="Name \\(role\\)"):
        validation.parse_people(typed)


def test_people_text_reads_back_as_the_same_people() -> None:
    people = validation.parse_people("B. Lumbergh (manager), M. Bolton")
    text = ", ".join(str(person) for person in people)
    assert text == "B. Lumbergh (manager), M. Bolton"
    assert validation.parse_people(text) == people


@pytest.mark.parametrize(
    ("typed", "number"),
    [("42", 42), (" 42 ", 42), ("#42", 42), ("007", 7), ("9" * 18, int("9" * 18))],
    ids=_id,
)
def test_parse_id_accepts(typed: str, number: int) -> None:
    assert validation.parse_id(typed) == number


@pytest.mark.parametrize(
    "typed", ["", "abc", "-1", "4.2", "１２", "٤٢", "9" * 19, "#", "42abc"], ids=_id
)
def test_parse_id_refuses(typed: str) -> None:
    with pytest.raises(InputError, match="not an interview id"):
        validation.parse_id(typed)


# --- any text at all -----------------------------------------------------------------------

PARSERS: dict[str, Callable[[str], Any]] = {
    "company": validation.parse_company,
    "line": lambda text: validation.parse_line(text, "Role"),
    "stage": validation.parse_stage,
    "format": validation.parse_format,
    "status": validation.parse_status,
    "interest": validation.parse_interest,
    "url": validation.parse_url,
    "people": validation.parse_people,
    "id": validation.parse_id,
}

ANY_TEXT = st.text(max_size=300) | st.text(
    alphabet=st.sampled_from(list("ab (),;:/.#-_ \n\t\x00\ud800٣5https")), max_size=60
)


@pytest.mark.parametrize("name", sorted(PARSERS))
@given(text=ANY_TEXT)
def test_parsers_raise_only_input_error(name: str, text: str) -> None:
    try:
        PARSERS[name](text)
    except InputError as error:
        assert error.message.strip()


# --- search words ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "terms"),
    [
        ("ini ana", ["ini", "ana"]),
        ('"Initech" OR (analyst*', ["Initech", "OR", "analyst"]),
        ("NEAR(kafka, postgres)", ["NEAR", "kafka", "postgres"]),
        ("c++ c# .net", ["c", "c", "net"]),
        ("Ekström-Fjällräv", ["Ekström", "Fjällräv"]),
        ("a\x00b", ["a", "b"]),
        ('" ( ) * - ^ :', []),
        ("", []),
    ],
    ids=_id,
)
def test_search_terms_are_words_without_operators(typed: str, terms: list[str]) -> None:
    assert search_terms(typed) == terms


def test_search_terms_are_capped() -> None:
    assert len(search_terms(" ".join(f"w{i}" for i in range(100)))) == 16


@given(text=st.text())
def test_search_terms_never_contain_operator_characters(text: str) -> None:
    for term in search_terms(text):
        assert term
        assert not set(term) & set('"()*:^-+{}\x00 ')


def test_an_id_refused_says_what_it_should_have_been() -> None:
    with pytest.raises(InputError) as refused:
        validation.parse_id("Nordvik", "an application")
    assert refused.value.message == '"Nordvik" is not an application id — ids are numbers, like 42.'


@pytest.mark.parametrize(
    ("text", "split"),
    [
        ("", ("", "")),
        ("Jo", ("", "Jo")),
        ("  Jo", ("  ", "Jo")),
        ("Anna Berg (CTO), Jo", ("Anna Berg (CTO), ", "Jo")),
        ("Anna; Jonas\n  Mi", ("Anna; Jonas\n  ", "Mi")),
        ("Anna, ", ("Anna, ", "")),
        ("Anna, Jo (C", ("Anna, ", "")),  # a role is being typed: nothing to complete
    ],
)
def test_the_name_being_typed_is_the_last_of_the_list(text: str, split: tuple[str, str]) -> None:
    head, typed = validation.name_being_typed(text)
    assert (head, typed) == split
    if typed:
        assert head + typed == text  # completing it keeps everything typed before


@given(st.text(max_size=80))
def test_the_name_being_typed_never_loses_what_was_typed_before(text: str) -> None:
    head, typed = validation.name_being_typed(text)
    assert text.startswith(head)
    assert typed == "" or head + typed == text
