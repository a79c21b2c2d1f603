"""The drafted message's rules: filling a template, dates in English and Swedish, the
first thing worth saying from an evaluation, and what a draft says with and without
the facts it rests on (with the built-in phrasebooks)."""

from __future__ import annotations

from datetime import date

import pytest

from interview_journal.domain.messages import (
    MESSAGE_FIELDS,
    TEMPLATES,
    WORD_FIELDS,
    MessageFacts,
    TemplateError,
    check_template,
    compose,
    day_in_words,
    fill,
    first_name,
    highlight,
)
from interview_journal.domain.timeline import EntryKind, Outcome
from interview_journal.services.messages import phrasebook

TODAY = date(2026, 11, 25)


@pytest.fixture(scope="module")
def english(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return phrasebook("en", tmp_path_factory.mktemp("none") / "messages.toml")[0]


@pytest.fixture(scope="module")
def swedish(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return phrasebook("sv", tmp_path_factory.mktemp("none") / "messages.toml")[0]


def facts(kind: EntryKind = EntryKind.FOLLOW_UP, **changes: object) -> MessageFacts:
    base: dict[str, object] = {
        "kind": kind,
        "company": "Initech",
        "role": "Data Analyst",
        "name": "Anna Berg",
        "signature": "Ada Lovelace",
    }
    return MessageFacts(**(base | changes))  # type: ignore[arg-type]


# --- filling ----------------------------------------------------------------------------


def test_values_are_never_read_as_templates() -> None:
    filled = fill("Reason: {reason} at {company}", {"reason": "{company} {{x}} }", "company": "A"})
    assert filled == "Reason: {company} {{x}} } at A"


def test_a_line_with_an_empty_fact_is_left_out_and_blank_lines_do_not_pile_up() -> None:
    template = "Hi,\n\n{agreement}\n\n{reason}\n\nBye"
    assert fill(template, {"agreement": "", "reason": "News."}) == "Hi,\n\nNews.\n\nBye"
    assert fill(template, {"agreement": " ", "reason": ""}) == "Hi,\n\nBye"


def test_double_braces_are_literal_braces() -> None:
    assert fill("{{role}} is {role}", {"role": "R"}) == "{role} is R"


def test_an_unknown_placeholder_or_a_lone_brace_is_named() -> None:
    with pytest.raises(TemplateError) as raised:
        check_template("Hi {rol}", MESSAGE_FIELDS)
    assert raised.value.placeholder == "{rol}"
    assert "{rol}" in str(raised.value) and "{role}" in str(raised.value)
    with pytest.raises(TemplateError, match="lone '}'"):
        check_template("Hi }", MESSAGE_FIELDS)
    check_template("{{literal}} {role}", MESSAGE_FIELDS)


def test_every_built_in_template_is_complete_and_uses_only_known_facts(
    english: dict[str, str], swedish: dict[str, str]
) -> None:
    for phrases in (english, swedish):
        for name in TEMPLATES:
            check_template(phrases[f"{name}.subject"], MESSAGE_FIELDS)
            check_template(phrases[f"{name}.body"], MESSAGE_FIELDS)
        for word, allowed in WORD_FIELDS.items():
            check_template(phrases[f"words.{word}"], allowed)


# --- words ------------------------------------------------------------------------------


def test_days_in_english_and_swedish_with_the_year_only_when_another() -> None:
    assert day_in_words(date(2026, 12, 4), "en", TODAY) == "Friday 4 December"
    assert day_in_words(date(2026, 12, 4), "sv", TODAY) == "fredag 4 december"
    assert day_in_words(date(2027, 1, 2), "sv", TODAY) == "lördag 2 januari 2027"


def test_highlight_is_the_first_sentence_of_the_first_line() -> None:
    assert highlight("") == ""
    assert highlight("\n  - The team ships weekly. They pair a lot.\nMore") == (
        "The team ships weekly."
    )
    assert highlight("Good rapport with Anna") == "Good rapport with Anna."
    assert highlight("Really?! Yes") == "Really?!"


def test_first_name_or_the_whole_name_after_an_initial() -> None:
    assert first_name("  Anna   Berg ") == "Anna"
    assert first_name("L. Svensson") == "L. Svensson"
    assert first_name("J Doe") == "J Doe"
    assert first_name("") == ""


# --- composing --------------------------------------------------------------------------


def test_a_follow_up_leads_with_the_reason_then_the_agreement(english: dict[str, str]) -> None:
    message = compose(
        facts(reason="I finished the case study you sent.", feedback_by=date(2026, 12, 4)),
        english,
        "en",
        TODAY,
    )
    assert message.subject == "Following up: the Data Analyst role at Initech"
    lines = message.body.splitlines()
    assert lines[0] == "Hi Anna,"
    assert lines[2] == "I finished the case study you sent."
    assert lines[3] == "You mentioned I would hear from you by Friday 4 December."
    assert "the Data Analyst role at Initech" in message.body
    assert lines[-1] == "Ada Lovelace"
    assert not message.asks_for_reason
    assert "just checking in" not in message.body.lower()


def test_no_agreement_means_nothing_said_about_one(english: dict[str, str]) -> None:
    message = compose(facts(reason="News."), english, "en", TODAY)
    assert "mentioned" not in message.body and "welcome to get in touch" not in message.body


def test_contact_from_is_the_agreement_when_no_feedback_date(english: dict[str, str]) -> None:
    message = compose(facts(reason="News.", contact_from=date(2026, 11, 30)), english, "en", TODAY)
    assert "You said I was welcome to get in touch from Monday 30 November." in message.body


def test_a_follow_up_without_a_reason_asks_for_one_and_invents_none(
    english: dict[str, str], swedish: dict[str, str]
) -> None:
    for phrases, language, words in ((english, "en", "Why are you"), (swedish, "sv", "Varför")):
        message = compose(facts(reason="  "), phrases, language, TODAY)
        assert message.asks_for_reason
        assert message.ask_line.startswith("[" + words)
        assert message.ask_line in message.body


def test_no_name_no_role_no_signature(english: dict[str, str]) -> None:
    message = compose(facts(name="", role="", signature="", reason="News."), english, "en", TODAY)
    assert message.body.startswith("Hello,\n")
    assert "the position at Initech" in message.body
    assert message.body.endswith("[Your name]")
    assert message.subject == "Following up: the position at Initech"


def test_the_thank_you_mentions_the_highlight_or_nothing(english: dict[str, str]) -> None:
    said = compose(
        facts(EntryKind.THANK_YOU, highlight="The team ships weekly."), english, "en", TODAY
    )
    assert "One thing I took with me from our conversation: The team ships weekly." in said.body
    plain = compose(facts(EntryKind.THANK_YOU), english, "en", TODAY)
    assert "One thing" not in plain.body
    assert plain.body.splitlines()[2].startswith("Thank you for taking the time")


def test_a_suggestion_opening_stands_in_for_its_advice(english: dict[str, str]) -> None:
    message = compose(
        facts(opening="feedback-passed", feedback_by=date(2026, 11, 20)), english, "en", TODAY
    )
    lines = message.body.splitlines()
    assert lines[2] == "I am writing to ask where things stand with my application."
    assert lines[3] == "You mentioned I would hear from you by Friday 20 November."
    assert not message.asks_for_reason


@pytest.mark.parametrize(
    ("kind", "outcome", "english_words", "swedish_words"),
    [
        (EntryKind.THANK_YOU, None, "Thank you for taking the time", "Tack för att du tog dig tid"),
        (EntryKind.REPLY, None, "Thank you for getting back to me.", "Tack för ditt svar."),
        (EntryKind.NEXT_ROUND, None, "go on to the next round", "gå vidare till nästa steg"),
        (
            EntryKind.OFFER_ELSEWHERE,
            None,
            "before I decide",
            "innan jag bestämmer mig",
        ),
        (EntryKind.OUTCOME, None, "Thank you for letting me know.", "Tack för beskedet."),
        (
            EntryKind.OUTCOME,
            Outcome.REJECTION,
            "what I could have done better",
            "vad jag kunde ha gjort bättre",
        ),
        (EntryKind.OUTCOME, Outcome.OFFER, "Thank you for the offer", "Tack för erbjudandet"),
        (
            EntryKind.OUTCOME,
            Outcome.WITHDRAWN,
            "withdraw my application",
            "dra tillbaka min ansökan",
        ),
        (EntryKind.NOTE, None, "Best regards,", "Vänliga hälsningar"),
    ],
)
def test_each_kind_has_its_own_message_in_both_languages(
    english: dict[str, str],
    swedish: dict[str, str],
    kind: EntryKind,
    outcome: Outcome | None,
    english_words: str,
    swedish_words: str,
) -> None:
    reason = "I have the references ready."
    en = compose(facts(kind, outcome=outcome, reason=reason), english, "en", TODAY)
    sv = compose(facts(kind, outcome=outcome, reason=reason), swedish, "sv", TODAY)
    assert english_words in en.body and swedish_words in sv.body
    assert reason in en.body and reason in sv.body
    assert en.body.startswith("Hi Anna,") and sv.body.startswith("Hej Anna!")
    assert en.subject and sv.subject and en.subject != sv.subject
    assert not en.asks_for_reason and not sv.asks_for_reason


def test_swedish_follow_up_reads_as_swedish(swedish: dict[str, str]) -> None:
    message = compose(
        facts(reason="Jag har gjort klart caset.", feedback_by=date(2026, 12, 4)),
        swedish,
        "sv",
        TODAY,
    )
    assert message.subject == "Uppföljning: tjänsten som Data Analyst på Initech"
    assert "Du nämnde att jag skulle få besked senast fredag 4 december." in message.body
    assert message.body.splitlines()[-2:] == ["Vänliga hälsningar", "Ada Lovelace"]
