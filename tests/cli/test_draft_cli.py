"""Drafted messages: `services.messages` on a real journal (what both front ends use),
and `interview-journal draft` in-process at Wed 25 Nov 2026 14:05, Stockholm.

What a user would notice: the draft says the reason, the agreement when there was one,
the role and the person; a follow-up with no reason asks for one; the user's own
templates win key by key and a broken one is named with its line; `--sent` records the
message where `show` reads it; an unknown id changes nothing."""

from __future__ import annotations

import json
import sys
import textwrap
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation
from interview_journal.domain.model import Interview, Person
from interview_journal.domain.suggestions import Rule
from interview_journal.domain.timeline import Entry, EntryKind, Outcome, When
from interview_journal.services.config import Settings
from interview_journal.services.messages import (
    Draft,
    draft_for_entry,
    draft_for_suggestion,
    mark_sent,
    message_language,
    phrasebook,
    templates_path,
)
from interview_journal.store import Journal
from tests.cli.runner import assert_one_line_error, ok, program_env, run, run_argv, shown

NOW = "2026-11-25T14:05:00"
ZONE = "Europe/Stockholm"
ENGLISH = Settings(message_language="en", message_signature="Ada Lovelace")
SWEDISH = Settings(message_language="sv", message_signature="Ada Lovelace")


def interview(journal: Journal, clock: FixedClock, **changes: object) -> Interview:
    base: dict[str, object] = {
        "company": "Initech",
        "role": "Data Analyst",
        "starts_at": clock.now().subtract(days=1),
        "time_zone": ZONE,
        "interviewers": (Person("Anna Berg", "CTO"),),
    }
    return journal.add_interview(Interview(**(base | changes)))  # type: ignore[arg-type]


def entry(journal: Journal, held: Interview, kind: EntryKind, **changes: object) -> int:
    assert held.id is not None
    saved = journal.add_entry(
        Entry(interview_id=held.id, kind=kind, due=When(date(2026, 11, 25)), **changes)  # type: ignore[arg-type]
    )
    assert saved.id is not None
    return saved.id


def give_email(journal: Journal, email: str) -> None:
    (person,) = journal.people.listed("Anna")
    journal.people.update(person.with_changes(email=email))


# --- drafts from the journal ------------------------------------------------------------


@pytest.mark.parametrize("settings", [ENGLISH, SWEDISH], ids=["en", "sv"])
@pytest.mark.parametrize(
    ("kind", "outcome", "words"),
    [
        (EntryKind.THANK_YOU, None, ("Thank you for taking", "Tack för att du tog dig tid")),
        (EntryKind.FOLLOW_UP, None, ("still very interested", "fortfarande mycket intresserad")),
        (EntryKind.REPLY, None, ("getting back to me", "Tack för ditt svar")),
        (EntryKind.NEXT_ROUND, None, ("next round", "nästa steg")),
        (EntryKind.OFFER_ELSEWHERE, None, ("before I decide", "innan jag bestämmer mig")),
        (EntryKind.OUTCOME, Outcome.REJECTION, ("done better", "gjort bättre")),
        (EntryKind.OUTCOME, Outcome.OFFER, ("the offer", "erbjudandet")),
        (EntryKind.OUTCOME, Outcome.WITHDRAWN, ("withdraw", "dra tillbaka")),
        (EntryKind.NOTE, None, ("Best regards", "Vänliga hälsningar")),
    ],
)
def test_a_draft_for_each_kind_of_entry(
    journal: Journal,
    clock: FixedClock,
    settings: Settings,
    kind: EntryKind,
    outcome: Outcome | None,
    words: tuple[str, str],
) -> None:
    held = interview(journal, clock)
    give_email(journal, "anna@initech.example")
    reason = "I have the two references you asked for."
    number = entry(journal, held, kind, outcome=outcome, reason=reason)
    draft = draft_for_entry(journal, number, clock.now(), settings)
    english = settings.message_language == "en"
    assert draft.language == settings.message_language
    assert draft.kind is kind
    assert words[0 if english else 1] in draft.body
    assert reason in draft.body
    assert "Data Analyst" in draft.subject + draft.body
    assert draft.body.startswith("Hi Anna," if english else "Hej Anna!")
    assert draft.body.endswith("Ada Lovelace")
    assert (draft.to_name, draft.to_email) == ("Anna Berg", "anna@initech.example")
    assert not draft.asks_for_reason and not draft.warnings


def test_a_follow_up_names_the_promised_date_in_words(journal: Journal, clock: FixedClock) -> None:
    held = interview(journal, clock, feedback_by=date(2026, 12, 4))
    number = entry(journal, held, EntryKind.FOLLOW_UP, reason="I finished the case.")
    english = draft_for_entry(journal, number, clock.now(), ENGLISH)
    lines = english.body.splitlines()
    assert lines[2:4] == [
        "I finished the case.",
        "You mentioned I would hear from you by Friday 4 December.",
    ]
    swedish = draft_for_entry(journal, number, clock.now(), SWEDISH)
    assert "Du nämnde att jag skulle få besked senast fredag 4 december." in swedish.body


def test_without_an_agreement_none_is_named(journal: Journal, clock: FixedClock) -> None:
    number = entry(journal, interview(journal, clock), EntryKind.FOLLOW_UP, reason="News.")
    body = draft_for_entry(journal, number, clock.now(), ENGLISH).body
    assert "mentioned" not in body and "get in touch from" not in body


def test_contact_from_is_named_when_no_feedback_date(journal: Journal, clock: FixedClock) -> None:
    held = interview(journal, clock, contact_from=date(2026, 11, 23))
    number = entry(journal, held, EntryKind.FOLLOW_UP, reason="News.")
    body = draft_for_entry(journal, number, clock.now(), ENGLISH).body
    assert "You said I was welcome to get in touch from Monday 23 November." in body


def test_a_follow_up_without_a_reason_asks_for_one(journal: Journal, clock: FixedClock) -> None:
    number = entry(journal, interview(journal, clock), EntryKind.FOLLOW_UP)
    for settings, start in ((ENGLISH, "[Why are you writing?"), (SWEDISH, "[Varför skriver du?")):
        draft = draft_for_entry(journal, number, clock.now(), settings)
        assert draft.asks_for_reason
        assert draft.body.splitlines()[2].startswith(start)
        assert draft.still_asks()
        assert not draft.still_asks(draft.body.replace(draft.ask_line, "I have news."))


def test_the_entrys_contact_is_who_it_goes_to(journal: Journal, clock: FixedClock) -> None:
    held = interview(journal, clock)
    number = entry(journal, held, EntryKind.FOLLOW_UP, reason="News.", contact="Bo Ek")
    draft = draft_for_entry(journal, number, clock.now(), ENGLISH)
    assert (draft.to_name, draft.to_email) == ("Bo Ek", "")
    assert draft.body.startswith("Hi Bo,")


def test_nobody_named_no_role_no_signature(journal: Journal, clock: FixedClock) -> None:
    held = interview(journal, clock, interviewers=(), role="")
    number = entry(journal, held, EntryKind.FOLLOW_UP, reason="News.")
    draft = draft_for_entry(journal, number, clock.now(), Settings(message_language="en"))
    assert (draft.to_name, draft.to_email) == ("", "")
    assert draft.body.startswith("Hello,\n")
    assert draft.subject == "Following up: the position at Initech"
    assert draft.body.endswith("[Your name]")


def test_the_same_name_at_another_company_gives_no_email(
    journal: Journal, clock: FixedClock
) -> None:
    interview(journal, clock)
    give_email(journal, "anna@initech.example")
    other = interview(journal, clock, company="Globex")
    number = entry(journal, other, EntryKind.FOLLOW_UP, reason="News.")
    assert draft_for_entry(journal, number, clock.now(), ENGLISH).to_email == ""


@pytest.mark.parametrize(
    ("went_well", "about_employer", "said"),
    [
        ("I explained the migration clearly. And more.", "", "I explained the migration clearly."),
        ("I explained it.", "They ship every week\nsecond line", "They ship every week."),
        ("", "", None),
    ],
    ids=["went-well", "about-the-employer", "neither"],
)
def test_the_thank_you_mentions_one_thing_from_the_evaluation(
    journal: Journal, clock: FixedClock, went_well: str, about_employer: str, said: str | None
) -> None:
    held = interview(journal, clock)
    assert held.id is not None
    journal.save_evaluation(
        Evaluation(interview_id=held.id, went_well=went_well, about_employer=about_employer)
    )
    number = entry(journal, held, EntryKind.THANK_YOU)
    body = draft_for_entry(journal, number, clock.now(), ENGLISH).body
    if said is None:
        assert "One thing I took with me" not in body
    else:
        assert f"One thing I took with me from our conversation: {said}" in body


def test_user_text_is_data_not_a_template(journal: Journal, clock: FixedClock) -> None:
    held = interview(journal, clock, role="{company} lead")
    number = entry(journal, held, EntryKind.FOLLOW_UP, reason="About {role} and {{x}} }")
    draft = draft_for_entry(journal, number, clock.now(), ENGLISH)
    assert "About {role} and {{x}} }" in draft.body
    assert "the {company} lead role" in draft.subject


# --- suggestions ------------------------------------------------------------------------


def test_suggestions_open_with_words_for_the_message_not_the_advice(
    journal: Journal, clock: FixedClock
) -> None:
    interview(
        journal, clock, feedback_by=date(2026, 11, 20), starts_at=clock.now().subtract(days=9)
    )
    (suggestion,) = [s for s in journal.suggestions(clock.now()) if s.rule is Rule.FEEDBACK_PASSED]
    draft = draft_for_suggestion(journal, suggestion, clock.now(), ENGLISH)
    assert "Ask where things stand" not in draft.body
    assert draft.body.splitlines()[2:4] == [
        "I am writing to ask where things stand with my application.",
        "You mentioned I would hear from you by Friday 20 November.",
    ]
    # accepted first, the entry it becomes drafts the same way
    accepted = journal.add_entry(suggestion.to_entry())
    assert accepted.id is not None
    assert draft_for_entry(journal, accepted.id, clock.now(), ENGLISH).body == draft.body


@pytest.mark.parametrize(
    ("reason", "kept"),
    [
        ("Ask where things stand: feedback was promised by Fri 20 Nov.", False),
        ("Ask about the timeline: when can you expect to hear from them?", False),
        ("Ask about the timeline; mention the offer from Hooli", True),
        ("Ask where things stand: and say I finished the case.", True),
    ],
)
def test_only_the_journals_own_advice_is_replaced(
    journal: Journal, clock: FixedClock, reason: str, kept: bool
) -> None:
    """A reason the journal wrote (here as the demo writes it, with no suggestion key) is
    advice to the user; one the user wrote in the same spirit is theirs, kept."""
    held = interview(journal, clock, feedback_by=date(2026, 11, 20))
    number = entry(journal, held, EntryKind.FOLLOW_UP, reason=reason)
    body = draft_for_entry(journal, number, clock.now(), ENGLISH).body
    assert (reason in body) is kept
    assert "You mentioned I would hear from you by Friday 20 November." in body


def test_an_offer_elsewhere_is_news_for_the_other_employers(
    journal: Journal, clock: FixedClock
) -> None:
    interview(journal, clock, company="Globex", starts_at=clock.now().subtract(days=3))
    hooli = interview(journal, clock, company="Hooli", interviewers=(Person("Gavin B"),))
    entry(journal, hooli, EntryKind.OFFER_ELSEWHERE, done=When(date(2026, 11, 25)))
    (suggestion,) = [s for s in journal.suggestions(clock.now()) if s.rule is Rule.OFFER_ELSEWHERE]
    assert suggestion.interview.company == "Globex"
    draft = draft_for_suggestion(journal, suggestion, clock.now(), SWEDISH)
    assert draft.body.splitlines()[2] == (
        "Jag har fått ett erbjudande från ett annat företag, och innan jag svarar på det vill "
        "jag gärna veta hur det ser ut i er process."
    )
    assert "Tell them" not in draft.body
    assert draft.to_name == "Anna Berg"


def test_the_thank_you_suggestion_thanks(journal: Journal, clock: FixedClock) -> None:
    interview(journal, clock, starts_at=clock.now().subtract(hours=3))
    (suggestion,) = [s for s in journal.suggestions(clock.now()) if s.rule is Rule.THANK_YOU]
    draft = draft_for_suggestion(journal, suggestion, clock.now(), SWEDISH)
    assert "Thank them" not in draft.body
    assert "Tack för att du tog dig tid att prata med mig om tjänsten som Data Analyst" in (
        draft.body
    )


def test_allowed_to_get_in_touch_asks_for_a_reason(journal: Journal, clock: FixedClock) -> None:
    interview(
        journal, clock, contact_from=date(2026, 11, 24), starts_at=clock.now().subtract(days=5)
    )
    (suggestion,) = [s for s in journal.suggestions(clock.now()) if s.rule is Rule.ALLOWED]
    draft = draft_for_suggestion(journal, suggestion, clock.now(), ENGLISH)
    assert draft.asks_for_reason
    assert "You said I was welcome to get in touch from Tuesday 24 November." in draft.body


def test_a_sent_suggestion_is_a_done_entry_with_the_message(
    journal: Journal, clock: FixedClock
) -> None:
    interview(journal, clock, starts_at=clock.now().subtract(hours=3))
    (suggestion,) = journal.suggestions(clock.now())
    draft = draft_for_suggestion(journal, suggestion, clock.now(), ENGLISH)
    saved = mark_sent(journal, draft.as_text(), clock.now(), suggestion=suggestion)
    assert saved.done == When(date(2026, 11, 25), pendulum.time(14, 5))
    assert saved.note.startswith("Subject: Thank you for the interview\n\nHi Anna,")
    assert saved.suggestion == suggestion.key
    assert journal.suggestions(clock.now()) == []


def test_sent_keeps_the_note_already_there(journal: Journal, clock: FixedClock) -> None:
    number = entry(journal, interview(journal, clock), EntryKind.FOLLOW_UP, note="Call first.")
    saved = mark_sent(journal, "Subject: S\n\nHello", clock.now(), entry_id=number)
    assert saved.note == "Call first.\n\nSubject: S\n\nHello"
    assert saved.is_done


# --- templates and language -------------------------------------------------------------


def write_templates(text: str) -> Path:
    path = templates_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_users_templates_replace_only_the_keys_they_set(
    journal: Journal, clock: FixedClock
) -> None:
    write_templates('[en.follow-up]\nsubject = "News for {first_name} about {role}"\n')
    number = entry(journal, interview(journal, clock), EntryKind.FOLLOW_UP, reason="News.")
    draft = draft_for_entry(journal, number, clock.now(), ENGLISH)
    assert draft.subject == "News for Anna about the Data Analyst role"
    assert "still very interested" in draft.body  # the built-in body
    assert draft_for_entry(journal, number, clock.now(), SWEDISH).subject.startswith("Uppföljning")


def test_bad_templates_are_named_with_their_line_and_the_built_in_is_used(
    journal: Journal, clock: FixedClock
) -> None:
    path = write_templates(
        "[en.follow-up]\n"
        'subject = "Fine {role}"\n'
        'body = """\n'
        "{greeting}\n"
        "{reson}\n"
        '"""\n'
        "[en.thankyou]\n"
        'subject = "x"\n'
        "[fr.words]\n"
        'greeting = "Salut"\n'
    )
    number = entry(journal, interview(journal, clock), EntryKind.FOLLOW_UP, reason="News.")
    draft = draft_for_entry(journal, number, clock.now(), ENGLISH)
    assert draft.subject == "Fine the Data Analyst role"
    assert "still very interested" in draft.body
    assert [warning.split(": ", 1)[0] for warning in draft.warnings] == [
        f"{path}, line 5",
        f"{path}, line 8",
        f"{path}, line 9",
    ]
    assert "unknown placeholder {reson}" in draft.warnings[0]
    assert "no such template" in draft.warnings[1]
    assert "fr is not a language" in draft.warnings[2]


def test_a_template_file_that_is_not_toml_is_one_warning(tmp_path: Path) -> None:
    path = tmp_path / "messages.toml"
    path.write_text('[en.words]\ngreeting = "Hi\n', encoding="utf-8")
    phrases, warnings = phrasebook("en", path)
    assert phrases["words.greeting"] == "Hi {first_name},"
    (warning,) = warnings
    assert warning.startswith(str(path)) and "line 2" in warning


def test_a_wrong_type_of_value_is_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "messages.toml"
    path.write_text("[sv.words]\n\ngreeting = 3\n", encoding="utf-8")
    phrases, warnings = phrasebook("sv", path)
    assert phrases["words.greeting"] == "Hej {first_name}!"
    assert warnings == [
        f"{path}, line 3: [sv.words] greeting: must be text in quotes; using the built-in text."
    ]


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({"LANG": "sv_SE.UTF-8"}, "sv"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANGUAGE": "sv:en", "LANG": "en_GB.UTF-8"}, "sv"),
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "sv_SE.UTF-8"}, "en"),
        ({"LC_MESSAGES": "sv_FI.UTF-8"}, "sv"),
        ({}, "en"),
    ],
)
def test_auto_language_from_the_environment(environment: dict[str, str], language: str) -> None:
    assert message_language("auto", environment) == language
    assert message_language("en", {"LANG": "sv_SE.UTF-8"}) == "en"


# --- mailto -----------------------------------------------------------------------------


def test_mailto_encodes_what_mail_programs_would_misread() -> None:
    body = "Hej Åsa & co?\nRad två: 100% = {ja}#"
    draft = Draft(
        "Frågor & svar?", body, "Åsa", "asa+jobb@example.se", False, "sv", EntryKind.FOLLOW_UP
    )
    url = draft.mailto()
    assert url.startswith("mailto:asa%2Bjobb@example.se?subject=")
    assert " " not in url and "\n" not in url and "å" not in url.lower()
    parts = urlsplit(url)
    fields = parse_qs(parts.query, keep_blank_values=True)
    assert fields["subject"] == ["Frågor & svar?"]
    assert fields["body"] == ["Hej Åsa & co?\r\nRad två: 100% = {ja}#"]
    assert unquote(parts.path) == "asa+jobb@example.se"
    assert "%0D%0A" in url and "%26" in url and "%3F" in url


@given(
    subject=st.text(st.characters(exclude_categories=["Cs"])),
    body=st.text(st.characters(exclude_categories=["Cs"])),
    email=st.emails(),
)
def test_mailto_gives_back_exactly_what_was_written(subject: str, body: str, email: str) -> None:
    url = Draft(subject, body, "", email, False, "en", EntryKind.NOTE).mailto()
    assert url.isascii() and not any(c in url for c in " \n\r\t#")
    address, query = url.removeprefix("mailto:").split("?", 1)
    assert unquote(address) == email
    subject_part, body_part = query.split("&", 1)
    assert unquote(subject_part.removeprefix("subject="), errors="strict") == subject
    expected = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    assert unquote(body_part.removeprefix("body="), errors="strict") == expected


def test_mailto_without_an_address_and_with_an_edited_body() -> None:
    draft = Draft("S", "B", "", "", False, "en", EntryKind.NOTE)
    assert draft.mailto(body="New body", subject="New") == "mailto:?subject=New&body=New%20body"


# --- the command ------------------------------------------------------------------------


@pytest.fixture
def planned(db: Path) -> tuple[int, int]:
    """An interview yesterday with Anna Berg (her e-mail in People), feedback promised by
    Friday 4 December, and a follow-up planned for today with a reason: the ids."""
    interview_id = int(
        ok(
            "--db",
            db,
            "add",
            "--company",
            "Initech",
            "--role",
            "Data Analyst",
            "--when",
            "yesterday 10:00",
            "--interviewers",
            "Anna Berg (CTO)",
            "--feedback-by",
            "4 dec",
        ).stdout
    )
    ok("--db", db, "person", "edit", "1", "--email", "anna@initech.example")
    entry_id = int(
        ok(
            "--db",
            db,
            "follow-up",
            str(interview_id),
            "--due",
            "today",
            "--reason",
            "I finished the case study.",
        ).stdout
    )
    return interview_id, entry_id


def test_draft_prints_to_subject_and_body(db: Path, planned: tuple[int, int]) -> None:
    result = ok("--db", db, "draft", str(planned[1]))
    lines = result.stdout.splitlines()
    assert lines[0] == "To: Anna Berg <anna@initech.example>"
    assert lines[1] == "Subject: Following up: the Data Analyst role at Initech"
    assert lines[2] == ""
    assert lines[3] == "Hi Anna,"
    assert "I finished the case study." in lines
    assert "You mentioned I would hear from you by Friday 4 December." in lines
    assert "\x1b" not in result.stdout


def test_draft_json_and_lang(db: Path, planned: tuple[int, int]) -> None:
    data = json.loads(ok("--db", db, "draft", str(planned[1]), "--json", "--lang", "sv").stdout)
    assert data["language"] == "sv" and data["kind"] == "follow-up"
    assert data["to_email"] == "anna@initech.example"
    assert data["subject"] == "Uppföljning: tjänsten som Data Analyst på Initech"
    assert "fredag 4 december" in data["body"]
    assert data["mailto"].startswith("mailto:anna@initech.example?subject=Uppf%C3%B6ljning")
    assert data["sent"] is False and data["asks_for_reason"] is False


def test_draft_language_from_the_config_and_from_lang(db: Path, planned: tuple[int, int]) -> None:
    config = templates_path().parent / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('[messages]\nlanguage = "sv"\nsignature = "Ada"\n', encoding="utf-8")
    body = ok("--db", db, "draft", str(planned[1])).stdout
    assert "Hej Anna!" in body and body.rstrip().endswith("Ada")
    assert "Hi Anna," in ok("--db", db, "draft", str(planned[1]), "--lang", "en").stdout


def test_draft_mailto(db: Path, planned: tuple[int, int]) -> None:
    (line,) = ok("--db", db, "draft", str(planned[1]), "--mailto").stdout.splitlines()
    assert line.startswith("mailto:anna@initech.example?subject=Following%20up")


def test_unknown_or_bad_entry_id_is_one_line_and_exit_2(db: Path, planned: tuple[int, int]) -> None:
    before = db.read_bytes()
    assert_one_line_error(
        run("--db", db, "draft", "999", "--sent"), "No timeline entry with id 999"
    )
    assert_one_line_error(run("--db", db, "draft", "x"), '"x" is not an entry id')
    assert_one_line_error(run("--db", db, "draft"), "give the id of a timeline entry")
    assert db.read_bytes() == before


def test_sent_marks_it_done_with_the_message_read_back_by_show(
    db: Path, planned: tuple[int, int]
) -> None:
    interview_id, entry_id = planned
    result = ok("--db", db, "draft", str(entry_id), "--sent")
    assert f"entry {entry_id} is done" in result.stderr
    (saved,) = shown(db, interview_id)["follow_ups"]
    assert saved["done"] == "2026-11-25T14:05"
    assert saved["channel"] == "e-mail"
    assert saved["note"] == "Subject: " + result.stdout.split("Subject: ", 1)[1].rstrip()


def test_edit_then_sent_keeps_what_was_edited(
    db: Path, planned: tuple[int, int], tmp_path: Path
) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text(
        "#!/bin/sh\n"
        "sed -i 's/^Subject: .*/Subject: The case study/' \"$1\"\n"
        "sed -i 's/^I finished.*/Report attached./' \"$1\"\n"
    )
    editor.chmod(0o700)
    interview_id, entry_id = planned
    result = ok("--db", db, "draft", str(entry_id), "--edit", "--sent", env={"EDITOR": str(editor)})
    assert "Subject: The case study" in result.stdout
    (saved,) = shown(db, interview_id)["follow_ups"]
    assert saved["note"].startswith("Subject: The case study\n\nHi Anna,\n\nReport attached.\n")


def test_sent_refuses_a_message_that_still_asks_why(db: Path, planned: tuple[int, int]) -> None:
    interview_id = planned[0]
    bare = int(ok("--db", db, "follow-up", str(interview_id), "--due", "today", "-y").stdout)
    before = db.read_bytes()
    printed = ok("--db", db, "draft", str(bare)).stdout
    assert "[Why are you writing?" in printed
    assert_one_line_error(run("--db", db, "draft", str(bare), "--sent"), "still asks why")
    assert db.read_bytes() == before


def test_templates_are_written_once_and_never_overwritten(db: Path) -> None:
    first = ok("draft", "--templates")
    path = Path(first.stdout.strip())
    assert path == templates_path()
    assert (path.stat().st_mode & 0o777) == 0o600
    text = path.read_text(encoding="utf-8")
    assert "[en.follow-up]" in text and "[sv.follow-up]" in text
    path.write_text(text.replace("Best regards,", "Cheers,"), encoding="utf-8")
    again = ok("draft", "--templates")
    assert "already there; not overwritten" in again.stderr
    assert "Cheers," in path.read_text(encoding="utf-8")
    assert_one_line_error(run("draft", "3", "--templates"), "--templates")


def test_edited_templates_are_used_and_warned_about(db: Path, planned: tuple[int, int]) -> None:
    ok("draft", "--templates")
    path = templates_path()
    text = path.read_text(encoding="utf-8")
    text = text.replace("Best regards,", "Cheers,", 1).replace(
        'subject = "Following up: {role} at {company}"', 'subject = "About {rol}"'
    )
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index('subject = "About {rol}"') + 1
    result = ok("--db", db, "draft", str(planned[1]))
    assert (
        f"{path}, line {line}: [en.follow-up] subject: unknown placeholder {{rol}}" in result.stderr
    )
    assert "Subject: Following up: the Data Analyst role at Initech" in result.stdout
    assert "Cheers," not in result.stdout  # that was the thank-you's closing
    thanks = int(
        ok(
            "--db", db, "follow-up", str(planned[0]), "--kind", "thank-you", "--done", "today"
        ).stdout
    )
    assert "Cheers," in ok("--db", db, "draft", str(thanks)).stdout


def test_draft_help_says_where_suggestions_are_drafted() -> None:
    text = " ".join(ok("draft", "--help").stdout.split())
    assert "press m on it in the journal" in text


def test_the_real_program_drafts_without_loading_textual(
    db: Path, planned: tuple[int, int]
) -> None:
    script = textwrap.dedent(
        """
        import json, sys
        from interview_journal.cli import main
        sys.argv = ["interview-journal", "--db", sys.argv[1], "draft", sys.argv[2]]
        try:
            main()
        except SystemExit as done:
            code = done.code
        loaded = sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))
        print(json.dumps({"code": code, "textual": loaded}))
        """
    )
    done = run_argv([sys.executable, "-c", script, str(db), str(planned[1])], env=program_env(db))
    assert done.returncode == 0, done.stderr
    *message, last = done.stdout.strip().splitlines()
    assert message[0] == "To: Anna Berg <anna@initech.example>"
    assert "\x1b" not in done.stdout
    assert json.loads(last) == {"code": 0, "textual": []}


def test_a_language_that_is_not_a_table_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "messages.toml"
    path.write_text('# mine\nen = "Hi"\n', encoding="utf-8")
    phrases, warnings = phrasebook("en", path)
    assert warnings == [
        f"{path}, line 2: en must be tables of templates, e.g. [en.follow-up]; ignored."
    ]
    assert phrases["words.greeting"] == "Hi {first_name},"


def test_the_written_templates_load_without_a_warning(db: Path, planned: tuple[int, int]) -> None:
    ok("draft", "--templates")
    result = ok("--db", db, "draft", str(planned[1]), "--lang", "sv")
    assert result.stderr == ""
    assert "Uppföljning: tjänsten som Data Analyst på Initech" in result.stdout
