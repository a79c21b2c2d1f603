"""Saving, changing, deleting and finding interviews in a real journal file."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_journal.dates import FixedClock
from interview_journal.domain.evaluation import Evaluation, KeyPoint
from interview_journal.domain.listing import InterviewQuery
from interview_journal.domain.model import Format, Interview, Person, Stage, Status
from interview_journal.errors import NotFoundError, StaleWriteError, StorageError
from interview_journal.store import Journal, open_journal

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _stored_fields(interview: Interview) -> Interview:
    """What the user typed: everything but the fields the store owns (the application a
    round is filed under is the store's choice when none was given)."""
    return interview.with_changes(
        id=None, application_id=None, created_at=None, updated_at=None, version=0
    )


def everything(clock: FixedClock, **changes: object) -> Interview:
    interview = Interview(
        company="شركة 🚀 Fjällräv",
        role="מהנדס backend — «senior»",
        starts_at=datetime(2026, 12, 1, 10, 30, tzinfo=STOCKHOLM),
        time_zone="Europe/Stockholm",
        stage=Stage.TECHNICAL,
        format=Format.ONSITE,
        location="Kungsgatan 12, Stockholm 🏢",
        interviewers=(
            Person("S. Ekström", "architect"),
            Person('Zoë "Z" O\'Neil', "CTO, acting"),
            Person("李雷", ""),
        ),
        job_ad_url="https://jobs.example.com/42?ref=ß",
        status=Status.NEXT_ROUND,
        interest=4,
        notes="Line one\nLine two\t👩‍💻 e\u0301 \u202ertl\u202c",
        feedback_by=date(2026, 12, 4),
        contact_from=date(2026, 12, 5),
    )
    return interview.with_changes(**changes)


def companies(journal: Journal, clock: FixedClock, search: str = "", **query: object) -> set[str]:
    page = journal.page_interviews(
        InterviewQuery(now=clock.now(), search=search, **query),  # type: ignore[arg-type]
        limit=1000,
    )
    return {interview.company for interview in page.interviews}


# --- adding and reading ----------------------------------------------------------------


def test_every_field_round_trips(journal: Journal, clock: FixedClock) -> None:
    original = everything(clock)
    saved = journal.add_interview(original)
    assert saved.id is not None
    assert saved.version == 1
    assert saved.created_at is not None and saved.created_at.tzinfo is not None
    assert saved.updated_at == saved.created_at
    assert _stored_fields(saved) == original
    assert journal.get_interview(saved.id) == saved


def test_saved_interviews_survive_closing_the_file(journal_path: Path, clock: FixedClock) -> None:
    with open_journal(journal_path, create=True) as journal:
        saved = journal.add_interview(everything(clock))
    with open_journal(journal_path) as reopened:
        assert reopened.get_interview(saved.id or 0) == saved


def test_a_megabyte_of_notes_round_trips(journal: Journal, clock: FixedClock) -> None:
    notes = ("Prep: 🚀 שלום مرحبا e\u0301 ✓\n" * 40_000)[:1_000_000]
    saved = journal.add_interview(everything(clock, notes=notes))
    assert journal.get_interview(saved.id or 0).notes == notes


def test_the_minimal_interview_round_trips(journal: Journal, clock: FixedClock) -> None:
    original = Interview(company="Initech", starts_at=clock.now())
    saved = journal.add_interview(original)
    assert _stored_fields(saved) == original
    assert saved.format is None and saved.status is None and saved.interviewers == ()


def test_starts_at_is_the_same_instant_whatever_zone_it_was_typed_in(
    journal: Journal, clock: FixedClock
) -> None:
    moment = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)
    tokyo = moment.astimezone(ZoneInfo("Asia/Tokyo"))
    saved = journal.add_interview(
        Interview(company="Hooli", starts_at=tokyo, time_zone="Asia/Tokyo")
    )
    assert saved.starts_at == moment
    assert saved.time_zone == "Asia/Tokyo"


def test_unknown_id_is_not_found(journal: Journal) -> None:
    with pytest.raises(NotFoundError, match="42"):
        journal.get_interview(42)


# --- changing ----------------------------------------------------------------------------


def test_update_saves_the_change_and_bumps_the_version(journal: Journal, clock: FixedClock) -> None:
    saved = journal.add_interview(everything(clock))
    changed = journal.update_interview(
        saved.with_changes(role="Analyst", status=None, interviewers=())
    )
    assert changed.version == saved.version + 1
    assert (changed.role, changed.status, changed.interviewers) == ("Analyst", None, ())
    assert changed.id == saved.id and changed.uuid == saved.uuid
    assert changed.created_at == saved.created_at
    assert changed.updated_at is not None and saved.updated_at is not None
    assert changed.updated_at >= saved.updated_at
    assert journal.get_interview(saved.id or 0) == changed
    again = journal.update_interview(changed.with_changes(interest=1))
    assert again.version == saved.version + 2


def test_a_stale_update_is_refused_and_the_first_save_stands(
    journal: Journal, journal_path: Path, clock: FixedClock
) -> None:
    saved = journal.add_interview(everything(clock, role="Analyst"))
    other_window = open_journal(journal_path)
    try:
        mine = journal.get_interview(saved.id or 0)
        theirs = other_window.get_interview(saved.id or 0)
        first = journal.update_interview(mine.with_changes(role="First save"))
        with pytest.raises(StaleWriteError) as caught:
            other_window.update_interview(theirs.with_changes(role="Second save"))
        assert saved.company in caught.value.message
        assert other_window.get_interview(saved.id or 0) == first
        assert journal.get_interview(saved.id or 0).role == "First save"
        # Read again, the other window can save on top of the first save.
        fresh = other_window.get_interview(saved.id or 0)
        assert other_window.update_interview(fresh.with_changes(role="Third")).version == 3
    finally:
        other_window.close()


def test_update_of_a_deleted_interview_is_not_found(journal: Journal, clock: FixedClock) -> None:
    saved = journal.add_interview(everything(clock))
    journal.delete_interview(saved.id or 0)
    with pytest.raises(NotFoundError):
        journal.update_interview(saved.with_changes(role="Ghost"))


# --- deleting and undoing ------------------------------------------------------------------


def test_delete_then_restore_brings_back_the_same_interview(
    filled_journal: Journal, clock: FixedClock
) -> None:
    initech = next(
        i
        for i in filled_journal.page_interviews(InterviewQuery(now=clock.now())).interviews
        if i.company == "Initech"
    )
    assert initech.id is not None
    count = filled_journal.count_interviews()

    deleted = filled_journal.delete_interview(initech.id)
    assert deleted.interview == initech
    assert filled_journal.count_interviews() == count - 1
    with pytest.raises(NotFoundError):
        filled_journal.get_interview(initech.id)
    assert companies(filled_journal, clock, "lumbergh") == set()

    restored = filled_journal.restore_interview(deleted)
    assert restored == initech
    assert restored.id == initech.id and restored.uuid == initech.uuid
    assert filled_journal.get_interview(initech.id) == initech
    assert filled_journal.count_interviews() == count
    assert companies(filled_journal, clock, "lumbergh") == {"Initech"}


def test_delete_then_restore_brings_back_the_evaluation_too(
    journal: Journal, clock: FixedClock
) -> None:
    saved = journal.add_interview(everything(clock))
    assert saved.id is not None
    evaluation = journal.save_evaluation(
        Evaluation(
            interview_id=saved.id,
            key_points_rating=4,
            key_points=(KeyPoint("the migration story", made=True),),
            went_well="Rapport with the CTO 🚀",
            lesson="Slow down.",
        )
    )

    deleted = journal.delete_interview(saved.id)
    assert journal.get_evaluation(saved.id) is None

    assert journal.restore_interview(deleted) == saved
    assert journal.get_evaluation(saved.id) == evaluation


def test_delete_of_an_unknown_id_changes_nothing(filled_journal: Journal) -> None:
    with pytest.raises(NotFoundError):
        filled_journal.delete_interview(9999)
    assert filled_journal.count_interviews() == 5


# --- drafts -----------------------------------------------------------------------------


def test_drafts_are_kept_until_deleted(journal: Journal, journal_path: Path) -> None:
    draft = {"company": "Initech 🚀", "notes": "half-typed\nשלום", "interest": "4"}
    assert journal.load_draft("new") is None
    journal.save_draft("new", draft)
    journal.save_draft("edit:3", {"role": "Analyst"})
    assert journal.load_draft("new") == draft
    journal.save_draft("new", draft | {"company": "Initrode"})
    journal.close()
    with open_journal(journal_path) as reopened:
        assert reopened.load_draft("new") == draft | {"company": "Initrode"}
        reopened.delete_draft("new")
        assert reopened.load_draft("new") is None
        assert reopened.load_draft("edit:3") == {"role": "Analyst"}
        reopened.delete_draft("never-saved")


# --- a read-only journal -------------------------------------------------------------------


def test_a_read_only_journal_refuses_every_write(journal_path: Path, clock: FixedClock) -> None:
    with open_journal(journal_path, create=True) as journal:
        saved = journal.add_interview(everything(clock))
        journal.save_draft("new", {"company": "Hooli"})
    before = hashlib.sha256(journal_path.read_bytes()).hexdigest()

    with open_journal(journal_path, read_only=True) as read_only:
        assert read_only.get_interview(saved.id or 0) == saved
        writes = [
            lambda: read_only.add_interview(everything(clock)),
            lambda: read_only.update_interview(saved.with_changes(role="Changed")),
            lambda: read_only.delete_interview(saved.id or 0),
            lambda: read_only.save_draft("new", {"company": "Initrode"}),
            lambda: read_only.add_many([everything(clock)]),
        ]
        for write in writes:
            with pytest.raises(StorageError) as caught:
                write()
            assert str(journal_path) in caught.value.message
        read_only.delete_draft("new")  # quietly does nothing
        assert read_only.count_interviews() == 1
        assert read_only.load_draft("new") == {"company": "Hooli"}

    assert hashlib.sha256(journal_path.read_bytes()).hexdigest() == before
    with open_journal(journal_path) as journal:
        assert journal.get_interview(saved.id or 0) == saved
        assert journal.count_interviews() == 1


# --- search ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("Initech", {"Initech"}),
        ("initech", {"Initech"}),
        ("ini", {"Initech"}),
        ("INI", {"Initech"}),
        ("analyst", {"Initech"}),
        ("ana", {"Initech"}),
        ("lumbergh", {"Initech"}),
        ("hendricks", {"Pied Piper"}),
        ("palo alto", {"Pied Piper"}),
        ("migration", {"Pied Piper"}),
        ("tps", {"Initech"}),
        ("engineer", {"Pied Piper", "Hooli", "Globex"}),
        ("eng pla", {"Globex"}),
        ("ini hooli", set()),
        ("vandelay imp", {"Vandelay Industries"}),
        ('"Initech"', {"Initech"}),
        ("(ini)", {"Initech"}),
        ("ini*", {"Initech"}),
        ("pied-piper", {"Pied Piper"}),
        ("nothing-like-this", set()),
        ("", {"Pied Piper", "Hooli", "Vandelay Industries", "Initech", "Globex"}),
    ],
)
def test_search_finds_by_any_word_prefix(
    filled_journal: Journal, clock: FixedClock, search: str, found: set[str]
) -> None:
    assert companies(filled_journal, clock, search) == found
    count = filled_journal.count_interviews(InterviewQuery(now=clock.now(), search=search))
    assert count == len(found)


@pytest.mark.parametrize(
    ("search", "found"),
    [
        ("fjallrav", {"Fjällräv Systems"}),
        ("Fjällräv", {"Fjällräv Systems"}),
        ("FJÄLL", {"Fjällräv Systems"}),
        ("ekstrom", {"Fjällräv Systems"}),
        ("EKSTRÖM", {"Fjällräv Systems"}),
        ("goteborg", {"Fjällräv Systems"}),
        ("café", {"Café Crème"}),
        ("creme", {"Café Crème"}),
        ("שלום", {"Café Crème"}),
    ],
)
def test_search_ignores_case_and_diacritics(
    journal: Journal, clock: FixedClock, search: str, found: set[str]
) -> None:
    journal.add_interview(
        Interview(
            company="Fjällräv Systems",
            starts_at=clock.now(),
            location="Göteborg",
            interviewers=(Person("S. Ekström", "architect"),),
        )
    )
    journal.add_interview(Interview(company="Café Crème", starts_at=clock.now(), notes="שלום עולם"))
    journal.add_interview(Interview(company="Hooli", starts_at=clock.now()))
    assert companies(journal, clock, search) == found


def test_search_follows_edits(filled_journal: Journal, clock: FixedClock) -> None:
    initech = next(
        i
        for i in filled_journal.page_interviews(InterviewQuery(now=clock.now())).interviews
        if i.company == "Initech"
    )
    filled_journal.update_interview(
        initech.with_changes(company="Initrode", notes="Bring the red stapler.")
    )
    assert companies(filled_journal, clock, "initech") == set()
    assert companies(filled_journal, clock, "tps") == set()
    assert companies(filled_journal, clock, "initrode stapler") == {"Initrode"}


def test_search_combines_with_a_status_filter(filled_journal: Journal, clock: FixedClock) -> None:
    assert companies(filled_journal, clock, "engineer", status=Status.UPCOMING) == {
        "Pied Piper",
        "Hooli",
    }
    assert companies(filled_journal, clock, "engineer", status=Status.REJECTED) == {"Globex"}
    assert companies(filled_journal, clock, "engineer", status=Status.OFFER) == set()


ODD_SEARCHES = [
    '"',
    '""',
    "a OR",
    "OR",
    "AND",
    "NOT",
    "NEAR(",
    "NEAR(a b, 3)",
    "(",
    ")",
    "((ini",
    "*",
    "ini*",
    "^",
    "-",
    "company:ini",
    "{company}: x",
    "'",
    "a AND",
    '"unbalanced',
    "\x00",
    "\ud800",
    "_",
    "²",
    "\u0301",
    " ".join(["x"] * 100),
]


@pytest.mark.parametrize("search", ODD_SEARCHES, ids=repr)
def test_search_never_fails_on_what_people_type(
    filled_journal: Journal, clock: FixedClock, search: str
) -> None:
    query = InterviewQuery(now=clock.now(), search=search)
    page = filled_journal.page_interviews(query, limit=100)
    assert filled_journal.count_interviews(query) == len(page.interviews)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(search=st.text(max_size=40), status=st.none() | st.sampled_from(list(Status)))
def test_any_search_text_lists_without_error(
    filled_journal: Journal, clock: FixedClock, search: str, status: Status | None
) -> None:
    query = InterviewQuery(now=clock.now(), search=search, status=status)
    page = filled_journal.page_interviews(query, limit=100)
    assert filled_journal.count_interviews(query) == len(page.interviews)
    assert page.next_cursor is None


def test_counts(filled_journal: Journal, clock: FixedClock) -> None:
    now = clock.now()
    assert filled_journal.count_interviews() == 5
    assert filled_journal.count_interviews(InterviewQuery(now=now)) == 5
    assert filled_journal.count_interviews(InterviewQuery(now=now, status=Status.UPCOMING)) == 2
    awaiting = InterviewQuery(now=now, status=Status.AWAITING_REPLY)
    assert filled_journal.count_interviews(awaiting) == 2
    assert filled_journal.count_interviews(InterviewQuery(now=now, status=Status.REJECTED)) == 1
    # A day later, tomorrow's interview has happened and is awaiting a reply.
    later = InterviewQuery(now=now + timedelta(days=1, hours=1), status=Status.AWAITING_REPLY)
    assert filled_journal.count_interviews(later) == 3
