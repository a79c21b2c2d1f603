"""The lossless JSON export, merging it back by uuid, and checked backups.

Everything runs on real journal files. The central promise is the round trip: a journal
exported, imported into an empty journal and exported again gives the same text, byte
for byte. Around it: importing is idempotent, newer records win, a dry run changes
nothing, a bad file is refused with the place of the problem and changes nothing, and a
backup is a checked, private copy.
"""

from __future__ import annotations

import io
import json
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_journal.dates import FixedClock, to_storage
from interview_journal.domain.applications import Application, ApplicationStatus, Source
from interview_journal.domain.evaluation import (
    Evaluation,
    EvaluationState,
    KeyPoint,
    RoleMatch,
)
from interview_journal.domain.listing import InterviewQuery
from interview_journal.domain.model import Format, Interview, Person, Stage, Status
from interview_journal.domain.timeline import Channel, Entry, EntryKind, Outcome, When
from interview_journal.errors import InputError, JournalError, StorageError
from interview_journal.services.exchange import parse_export
from interview_journal.services.export import ExportParts, write_json_export
from interview_journal.store import Journal, open_journal
from interview_journal.store.database import file_uri
from interview_journal.store.exchange import ImportFileError, ImportReport

EXPORTED_AT = datetime(2026, 11, 25, 13, 5, tzinfo=UTC)
KINDS = ("interviews", "evaluations", "follow-ups", "applications", "people")


# --- helpers ------------------------------------------------------------------------------


def export_text(journal: Journal) -> str:
    """The whole journal as the JSON export, always with the same export time."""
    buffer = io.StringIO()
    write_json_export(ExportParts(journal), EXPORTED_AT, buffer.write)
    return buffer.getvalue()


def import_text(journal: Journal, text: str, *, dry_run: bool = False) -> ImportReport:
    plan = parse_export(text)
    return journal.import_plan(plan, dry_run=dry_run)


def counts(**given: int) -> dict[str, int]:
    return {kind: given.get(kind.replace("-", "_"), 0) for kind in KINDS}


def showcase_totals(journal: Journal) -> dict[str, int]:
    rows = journal.db.execute(
        "SELECT (SELECT count(*) FROM interviews), (SELECT count(*) FROM evaluations), "
        "(SELECT count(*) FROM follow_ups), (SELECT count(*) FROM applications), "
        "(SELECT count(*) FROM people)"
    ).fetchone()
    return dict(zip(KINDS, rows, strict=True))


@pytest.fixture
def other(tmp_path: Path) -> Iterator[Journal]:
    """A second, empty journal to import into."""
    opened = open_journal(tmp_path / "other" / "journal.db", create=True)
    yield opened
    opened.close()


@pytest.fixture
def exported(showcase_journal: Journal, clock: FixedClock) -> str:
    """The showcase, with two dismissed suggestions, as an export."""
    showcase_journal.dismiss_suggestion("thank-you:1")
    showcase_journal.dismiss_suggestion("chase:5:2026-11-20")
    return export_text(showcase_journal)


# --- the round trip (property) -------------------------------------------------------------

SAFE_CHARS = st.characters(exclude_categories=("Cs", "Cc"), include_characters="\t\n\r")
"""What the forms accept (and so an import): no lone surrogates, no control characters
but tab and line breaks."""
UNUSUAL = [
    "🎉 👩🏽‍💻 🇸🇪",  # emoji, skin tone, ZWJ sequence, flag
    "面接の準備 — 株式会社テスト",  # CJK
    "مقابلة عمل مع الشركة",  # Arabic, right to left
    "שלום \u202ertl override\u202c",  # Hebrew and bidi controls
    "e\u0301te\u0301 n\u0303 Z\u0337\u0322a\u0338l\u0335g\u0336o",  # combining marks
    "line one\nline two\r\nthree\rfour",
    "\ttab \u2028 line sep \u2029 para sep \ufeff bom",
    '"quoted" \\ back\\slash {"json": [1]}',
    "=SUM(1,2)",
]
short_text = st.one_of(st.text(SAFE_CHARS, max_size=20), st.sampled_from(UNUSUAL))
long_text = st.builds(
    lambda seed: (seed * (10_000 // len(seed) + 1))[:10_000],
    st.one_of(st.text(SAFE_CHARS, min_size=1, max_size=6), st.sampled_from(UNUSUAL)),
)
free_text = st.one_of(st.just(""), short_text, long_text)
company_text = st.one_of(
    st.sampled_from(["Initech", "株式会社テスト", "شركة 🚀", "Fjällräven AB", "Cafe\u0301 Ltd"]),
    st.text(SAFE_CHARS, min_size=1, max_size=40).map(str.strip).filter(bool),
)
ZONES = ["Europe/Stockholm", "UTC", "Asia/Tokyo", "America/St_Johns", "Australia/Lord_Howe"]
moments = st.datetimes(
    min_value=datetime(1990, 1, 1),
    max_value=datetime(2100, 1, 1),
    timezones=st.sampled_from([ZoneInfo(name) for name in ZONES]),
)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31))
whens = st.builds(
    When,
    days,
    st.none() | st.builds(time, st.integers(0, 23), st.integers(0, 59)),
)
ratings = st.none() | st.integers(min_value=1, max_value=5)

interviews = st.builds(
    Interview,
    company=company_text,
    starts_at=moments,
    time_zone=st.sampled_from(ZONES),
    role=short_text,
    stage=st.sampled_from(list(Stage)),
    format=st.none() | st.sampled_from(list(Format)),
    location=short_text,
    interviewers=st.lists(st.builds(Person, short_text, short_text), max_size=3).map(tuple),
    job_ad_url=short_text,
    status=st.none() | st.sampled_from(list(Status)),
    interest=ratings,
    notes=free_text,
    feedback_by=st.none() | days,
    contact_from=st.none() | days,
)
evaluations = st.fixed_dictionaries(
    {
        "state": st.sampled_from(list(EvaluationState)),
        "key_points_rating": ratings,
        "dynamic_rating": ratings,
        "expectations_rating": ratings,
        "overall_rating": ratings,
        "interest_after": ratings,
        "key_points": st.lists(st.builds(KeyPoint, short_text, st.booleans()), max_size=3).map(
            tuple
        ),
        "went_well": free_text,
        "to_improve": free_text,
        "differently": free_text,
        "lesson": free_text,
        "about_employer": free_text,
        "role_matched": st.none() | st.sampled_from(list(RoleMatch)),
        "role_note": short_text,
        "accurate": st.none() | st.booleans(),
        "accurate_note": short_text,
        "next_steps_asked": st.booleans(),
        "next_steps_answer": short_text,
        "hear_back_asked": st.booleans(),
        "hear_back_answer": short_text,
        "clarity_asked": st.booleans(),
        "clarity_answer": short_text,
    }
)


@st.composite
def entries(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from(list(EntryKind)))
    due, done = draw(
        st.one_of(
            st.tuples(whens, st.none()),
            st.tuples(st.none(), whens),
            st.tuples(whens, whens),
        )
    )
    return {
        "kind": kind,
        "due": due,
        "done": done,
        "channel": draw(st.none() | st.sampled_from(list(Channel))),
        "contact": draw(short_text),
        "reason": draw(free_text),
        "note": draw(free_text),
        "outcome": draw(st.none() | st.sampled_from(list(Outcome)))
        if kind is EntryKind.OUTCOME
        else None,
        "suggestion": draw(st.one_of(st.just(""), st.sampled_from(["thank-you:1", "chase:2"]))),
    }


bundles = st.tuples(
    interviews,
    st.none() | evaluations,
    st.lists(entries(), max_size=3),
)
journals = st.tuples(
    st.lists(bundles, max_size=4),
    st.lists(st.one_of(short_text, st.sampled_from(["thank-you:1", "chase:5"])), max_size=3),
)


def _check_export_holds(
    data: dict[str, Any],
    saved: list[tuple[Interview, Evaluation | None, list[Entry]]],
    dismissed: list[str],
) -> None:
    """The export really carries what was saved (so identical texts mean lossless)."""
    by_uuid = {item["uuid"]: item for item in data["interviews"]}
    assert len(by_uuid) == len(saved)
    for interview, evaluation, saved_entries in saved:
        item = by_uuid[interview.uuid]
        assert item["company"] == interview.company
        assert item["role"] == interview.role
        assert item["notes"] == interview.notes
        assert item["location"] == interview.location
        assert item["job_ad_url"] == interview.job_ad_url
        assert item["starts_at"] == to_storage(interview.starts_at)
        assert item["time_zone"] == interview.time_zone
        assert item["stage"] == interview.stage.value
        assert item["format"] == (interview.format.value if interview.format else None)
        assert item["status"] == (interview.status.value if interview.status else None)
        assert item["interest"] == interview.interest
        assert item["feedback_by"] == (
            interview.feedback_by.isoformat() if interview.feedback_by else None
        )
        assert item["contact_from"] == (
            interview.contact_from.isoformat() if interview.contact_from else None
        )
        assert item["interviewers"] == [
            {"name": p.name, "role": p.role} for p in interview.interviewers
        ]
        if evaluation is None:
            assert item["evaluation"] is None
        else:
            got = item["evaluation"]
            assert got["state"] == evaluation.state.value
            assert got["key_points"] == [
                {"text": p.text, "made": p.made} for p in evaluation.key_points
            ]
            for name in ("went_well", "to_improve", "differently", "lesson", "about_employer"):
                assert got[name] == getattr(evaluation, name)
            for name in ("key_points_rating", "overall_rating", "interest_after"):
                assert got[name] == getattr(evaluation, name)
            assert got["accurate"] == (
                None if evaluation.accurate is None else int(evaluation.accurate)
            )
        exported_entries = {e["uuid"]: e for e in item["follow_ups"]}
        assert set(exported_entries) == {e.uuid for e in saved_entries}
        for entry in saved_entries:
            got = exported_entries[entry.uuid]
            assert got["kind"] == entry.kind.value
            assert got["due"] == (entry.due.key if entry.due else None)
            assert got["done"] == (entry.done.key if entry.done else None)
            assert got["note"] == entry.note
            assert got["reason"] == entry.reason
            assert got["outcome"] == (entry.outcome.value if entry.outcome else None)
            assert got["suggestion"] == entry.suggestion
    assert [row["key"] for row in data["dismissed_suggestions"]] == sorted(set(dismissed))


@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(journal_data=journals)
def test_export_import_export_is_byte_for_byte_the_same(
    journal_data: tuple[list[Any], list[str]],
) -> None:
    bundle_list, dismissed = journal_data
    with tempfile.TemporaryDirectory() as scratch:
        saved: list[tuple[Interview, Evaluation | None, list[Entry]]] = []
        with open_journal(Path(scratch) / "source.db", create=True) as source:
            for interview, evaluation_fields, entry_fields in bundle_list:
                added = source.add_interview(interview)
                assert added.id is not None
                evaluation = None
                if evaluation_fields is not None:
                    evaluation = source.save_evaluation(
                        Evaluation(interview_id=added.id, **evaluation_fields)
                    )
                saved_entries = [
                    source.add_entry(Entry(interview_id=added.id, **fields))
                    for fields in entry_fields
                ]
                saved.append((added, evaluation, saved_entries))
            for key in dismissed:
                source.dismiss_suggestion(key)
            first = export_text(source)

        _check_export_holds(json.loads(first), saved, dismissed)

        with open_journal(Path(scratch) / "copy.db", create=True) as copy_journal:
            report = import_text(copy_journal, first)
            second = export_text(copy_journal)

        assert second == first
        data = json.loads(first)
        assert report.added == counts(
            applications=len(data["applications"]),
            interviews=len(saved),
            evaluations=sum(1 for _, evaluation, _ in saved if evaluation is not None),
            follow_ups=sum(len(found) for _, _, found in saved),
            people=len(data["people"]),
        )
        assert report.updated == counts()
        assert report.skipped == counts()


# --- merging -------------------------------------------------------------------------------


def test_an_empty_journal_exports_an_empty_list_that_imports_as_nothing(
    journal: Journal, other: Journal
) -> None:
    text = export_text(journal)
    data = json.loads(text)
    assert data["format"] == "interview-journal"
    assert data["format_version"] == 2
    assert data["exported_at"] == "2026-11-25T13:05:00Z"
    assert data["applications"] == data["people"] == data["interviews"] == []
    assert data["dismissed_suggestions"] == []
    report = import_text(other, text)
    assert report.added == counts()
    assert export_text(other) == text


def test_importing_the_same_file_twice_adds_once_then_skips_everything(
    showcase_journal: Journal, exported: str, other: Journal
) -> None:
    totals = showcase_totals(showcase_journal)
    assert totals == counts(applications=6, interviews=6, evaluations=1, follow_ups=5, people=4)

    first = import_text(other, exported)
    assert first.added == totals
    after_first = export_text(other)
    assert after_first == exported
    assert [row["key"] for row in other.dismissed_suggestions()] == [
        "chase:5:2026-11-20",
        "thank-you:1",
    ]

    second = import_text(other, exported)
    assert second.added == counts()
    assert second.updated == counts()
    assert second.skipped == totals
    assert export_text(other) == after_first
    assert other.count_interviews() == 6


def test_importing_a_journal_into_itself_changes_nothing(
    showcase_journal: Journal, exported: str
) -> None:
    report = import_text(showcase_journal, exported)
    assert report.added == counts()
    assert report.updated == counts()
    assert report.skipped == showcase_totals(showcase_journal)
    assert export_text(showcase_journal) == exported


def test_a_newer_record_in_the_file_updates_and_an_older_one_is_skipped(
    exported: str, other: Journal, clock: FixedClock
) -> None:
    import_text(other, exported)
    data = json.loads(exported)
    by_company = {item["company"]: item for item in data["interviews"]}

    newer = by_company["Initech"]
    newer["company"] = "Initrode"
    newer["notes"] = "Changed on the laptop."
    newer["updated_at"] = "2030-01-01T00:00:00Z"
    newer["follow_ups"][0]["reason"] = "Thanked him (edited later)."
    newer["follow_ups"][0]["updated_at"] = "2030-01-01T00:00:00Z"

    older = by_company["Hooli"]
    older["company"] = "Hooli XYZ"
    older["updated_at"] = "2000-01-01T00:00:00Z"

    globex = by_company["Globex"]
    globex["evaluation"]["lesson"] = "A lesson from the other machine."
    globex["evaluation"]["updated_at"] = "2030-01-01T00:00:00Z"

    report = import_text(other, json.dumps(data, ensure_ascii=False))
    assert report.added == counts()
    assert report.updated == counts(interviews=1, evaluations=1, follow_ups=1)
    assert report.skipped == counts(
        applications=6, interviews=5, evaluations=0, follow_ups=4, people=4
    )

    after = {item["company"]: item for item in json.loads(export_text(other))["interviews"]}
    assert "Initech" not in after
    assert after["Initrode"]["notes"] == "Changed on the laptop."
    assert after["Initrode"]["follow_ups"][0]["reason"] == "Thanked him (edited later)."
    assert after["Initrode"]["uuid"] == newer["uuid"]
    assert "Hooli XYZ" not in after
    assert after["Hooli"]["updated_at"] != "2000-01-01T00:00:00Z"
    assert after["Globex"]["evaluation"]["lesson"] == "A lesson from the other machine."

    # The search index follows the update: the new name is found, the old one is not.
    def found(words: str) -> set[str]:
        page = other.page_interviews(InterviewQuery(now=clock.now(), search=words), limit=50)
        return {interview.company for interview in page.interviews}

    assert found("Initrode") == {"Initrode"}
    assert found("Initech") == set()
    # Saving in the app after an import still works (the version moved on coherently).
    (updated,) = [i for i in other.records() if i.interview.company == "Initrode"]
    saved = other.update_interview(updated.interview.with_changes(role="Senior Analyst"))
    assert saved.role == "Senior Analyst"


def test_a_dry_run_reports_what_would_be_added_and_changes_nothing(
    exported: str, other: Journal
) -> None:
    before = export_text(other)
    report = import_text(other, exported, dry_run=True)
    assert report.added == counts(
        applications=6, interviews=6, evaluations=1, follow_ups=5, people=4
    )
    assert other.count_interviews() == 0
    assert other.dismissed_suggestions() == []
    assert export_text(other) == before
    # ...and the real import afterwards reports the same.
    assert import_text(other, exported).added == report.added


def test_a_dry_run_of_an_update_leaves_the_local_version(exported: str, other: Journal) -> None:
    import_text(other, exported)
    before = export_text(other)
    data = json.loads(exported)
    data["interviews"][0]["company"] = "Changed"
    data["interviews"][0]["updated_at"] = "2030-01-01T00:00:00Z"
    report = import_text(other, json.dumps(data), dry_run=True)
    assert report.updated["interviews"] == 1
    assert export_text(other) == before


# --- files that are not (good) exports --------------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _index_of(data: dict[str, Any], test: Callable[[dict[str, Any]], bool]) -> int:
    return next(i for i, item in enumerate(data["interviews"]) if test(item))


def _evaluated(data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = data["interviews"][
        _index_of(data, lambda item: item["evaluation"] is not None)
    ]
    return found


def _with_entries(data: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = data["interviews"][
        _index_of(data, lambda item: bool(item["follow_ups"]))
    ]
    return found


BAD_FILES: list[tuple[str, Mutation, list[str]]] = [
    (
        "missing-uuid",
        lambda d: d["interviews"][0].pop("uuid"),
        ["interviews[0]", "missing uuid"],
    ),
    (
        "bad-date",
        lambda d: d["interviews"][0].update(starts_at="next tuesday"),
        ["interviews[0].starts_at", "next tuesday"],
    ),
    (
        "impossible-date",
        lambda d: d["interviews"][1].update(starts_at="2026-02-30T10:00:00Z"),
        ["interviews[1].starts_at"],
    ),
    (
        "date-without-zone",
        lambda d: d["interviews"][0].update(starts_at="2026-11-01T10:00:00"),
        ["interviews[0].starts_at", "time zone"],
    ),
    (
        "rating-7",
        lambda d: _evaluated(d)["evaluation"].update(overall_rating=7),
        [".evaluation.overall_rating", "1 to 5"],
    ),
    (
        "unknown-stage",
        lambda d: d["interviews"][0].update(stage="boss-fight"),
        ["interviews[0]", "boss-fight"],
    ),
    (
        "duplicate-uuid",
        lambda d: d["interviews"][3].update(uuid=d["interviews"][1]["uuid"]),
        ["interviews[3].uuid", "twice"],
    ),
    (
        "entry-without-dates",
        lambda d: _with_entries(d)["follow_ups"][0].update(due=None, done=None),
        [".follow_ups[0]", "due or a done"],
    ),
    (
        "follow-ups-not-a-list",
        lambda d: d["interviews"][0].update(follow_ups={"kind": "note"}),
        ["interviews[0].follow_ups", "not a list"],
    ),
    (
        "newer-format-version",
        lambda d: d.update(format_version=3),
        ["format_version", "newer"],
    ),
    (
        "format-version-text",
        lambda d: d.update(format_version="1"),
        ["format_version"],
    ),
    (
        "wrong-format-name",
        lambda d: d.update(format="some-other-app"),
        ["not an Interview Journal export"],
    ),
    (
        "interviews-not-a-list",
        lambda d: d.update(interviews={"0": {}}),
        ["interviews", "not a list"],
    ),
    (
        "empty-company",
        lambda d: d["interviews"][2].update(company="   "),
        ["interviews[2]", "company"],
    ),
    (
        "application-ended-ghosted",
        lambda d: d["applications"][0].update(ended="ghosted"),
        ["applications[0].ended", "ghosted", "accepted, rejected, withdrawn"],
    ),
    (
        "application-unknown-source",
        lambda d: d["applications"][1].update(source="carrier pigeon"),
        ["applications[1].source", "carrier pigeon", "referral"],
    ),
    (
        "application-empty-company",
        lambda d: d["applications"][2].update(company="  "),
        ["applications[2].company", "empty"],
    ),
    (
        "application-duplicate-uuid",
        lambda d: d["applications"][3].update(uuid=d["applications"][0]["uuid"]),
        ["applications[3].uuid", "twice"],
    ),
    (
        "application-applied-on-in-words",
        lambda d: d["applications"][0].update(applied_on="last week"),
        ["applications[0].applied_on", "last week"],
    ),
    (
        "application-job-ad-with-escape",
        lambda d: d["applications"][0].update(job_ad_text="Rust \x1b[31m"),
        ["applications[0].job_ad_text", "Job ad"],
    ),
    (
        "applications-not-a-list",
        lambda d: d.update(applications={"0": {}}),
        ["applications", "not a list"],
    ),
    (
        "round-of-an-application-not-in-the-file",
        lambda d: d["interviews"][0].update(application="nowhere"),
        ["interviews[0].application", '"nowhere"', "in this file"],
    ),
    (
        "round-label-with-escape",
        lambda d: d["interviews"][0].update(round_label="case \x1b[31m"),
        ["interviews[0].round_label"],
    ),
    (
        "person-without-a-name",
        lambda d: d["people"][0].pop("name"),
        ["people[0]", "missing name"],
    ),
    (
        "person-email-a-number",
        lambda d: d["people"][1].update(email=5),
        ["people[1].email", "expected text"],
    ),
    (
        "unknown-entry-kind",
        lambda d: _with_entries(d)["follow_ups"][0].update(kind="party"),
        [".follow_ups[0]", "party"],
    ),
]


@pytest.fixture
def before(other: Journal, exported: str) -> str:
    """`other` holds the showcase already; a bad file must leave it exactly so."""
    import_text(other, exported)
    return export_text(other)


@pytest.mark.parametrize(
    ("mutate", "fragments"),
    [pytest.param(mutate, fragments, id=name) for name, mutate, fragments in BAD_FILES],
)
def test_a_bad_file_is_refused_naming_the_place_and_changes_nothing(
    exported: str, other: Journal, before: str, mutate: Mutation, fragments: list[str]
) -> None:
    data = json.loads(exported)
    # Make every record new to `other`, so a partial import would show.
    for item in [*data["applications"], *data["people"]]:
        item["uuid"] = "new-" + item["uuid"]
    for item in data["interviews"]:
        item["uuid"] = "new-" + item["uuid"]
        item["application"] = "new-" + item["application"]
        for entry in item["follow_ups"]:
            entry["uuid"] = "new-" + entry["uuid"]
    mutate(data)
    with pytest.raises(ImportFileError) as caught:
        import_text(other, json.dumps(data, ensure_ascii=False))
    message = str(caught.value)
    assert isinstance(caught.value, InputError)
    for fragment in fragments:
        assert fragment in message, message
    assert message.endswith("nothing was imported.")
    assert "\n" not in message
    assert export_text(other) == before


@pytest.mark.parametrize(
    ("text", "fragments"),
    [
        pytest.param(
            '{\n  "format": "interview-journal",\n  "format_version": 1,\n'
            '  "interviews": [\n    {"uuid": "x",, }\n  ]\n}\n',
            ["not JSON", "line 5"],
            id="not-json",
        ),
        pytest.param("", ["not JSON", "line 1"], id="empty-file"),
        pytest.param("[1, 2, 3]", ["not an Interview Journal export"], id="json-array"),
        pytest.param('"interview-journal"', ["not an Interview Journal export"], id="json-text"),
        pytest.param(
            '{"format": "other", "format_version": 1, "interviews": []}',
            ["not an Interview Journal export"],
            id="foreign-object",
        ),
        pytest.param("[" * 100_000, ["file"], id="deeply-nested"),
    ],
)
def test_a_file_that_is_no_export_at_all_is_refused(
    other: Journal, before: str, text: str, fragments: list[str]
) -> None:
    with pytest.raises(ImportFileError) as caught:
        import_text(other, text)
    for fragment in fragments:
        assert fragment in str(caught.value), caught.value
    assert export_text(other) == before


def test_all_or_nothing_a_bad_third_interview_adds_none_of_the_first_two(
    exported: str, other: Journal
) -> None:
    data = json.loads(exported)
    data["interviews"][2]["starts_at"] = "2026-11-31T10:00:00Z"
    with pytest.raises(ImportFileError, match=r"interviews\[2\]\.starts_at"):
        import_text(other, json.dumps(data))
    assert other.count_interviews() == 0
    assert other.dismissed_suggestions() == []


def test_all_or_nothing_when_the_database_refuses_the_third_interview(
    exported: str, other: Journal
) -> None:
    """Whatever the checks miss, the import is one transaction: the first two are not kept."""
    data = json.loads(exported)
    data["interviews"][2]["interest"] = 7  # the journal's CHECK refuses this at insert time
    with pytest.raises(JournalError):
        import_text(other, json.dumps(data))
    assert other.count_interviews() == 0
    assert showcase_totals(other) == counts()
    assert other.dismissed_suggestions() == []


# Values the checks let through although the journal cannot hold them (see the report).
UNCHECKED: list[Any] = [
    pytest.param(
        lambda d: d["interviews"][0].update(interest=7),
        "interviews[0].interest",
        id="interest-7",
    ),
    pytest.param(
        lambda d: d["interviews"][0].update(interviewers=[{"name": 5, "role": ""}]),
        "interviews[0]",
        id="interviewer-name-number",
    ),
    pytest.param(
        lambda d: d["interviews"][0].update(starts_at="0001-01-01T00:00:00+01:00"),
        "interviews[0].starts_at",
        id="starts-at-out-of-range",
    ),
    pytest.param(
        lambda d: _evaluated(d)["evaluation"].update(accurate="no"),
        ".evaluation.accurate",
        id="accurate-text",
    ),
]


@pytest.mark.parametrize(("mutate", "place"), UNCHECKED)
def test_a_value_the_journal_cannot_hold_is_refused_while_checking(
    exported: str, other: Journal, mutate: Mutation, place: str
) -> None:
    data = json.loads(exported)
    mutate(data)
    with pytest.raises(ImportFileError) as caught:
        import_text(other, json.dumps(data))
    assert place in str(caught.value)
    assert other.count_interviews() == 0


def test_a_file_without_timestamps_or_optional_fields_gets_defaults(other: Journal) -> None:
    """A hand-written file with only the required fields imports with sensible defaults."""
    text = json.dumps(
        {
            "format": "interview-journal",
            "format_version": 1,
            "interviews": [
                {
                    "uuid": "hand-1",
                    "company": "Initech",
                    "starts_at": "2026-12-01T09:00:00+01:00",
                    "follow_ups": [{"uuid": "hand-e1", "kind": "note", "due": "2026-12-02"}],
                }
            ],
        }
    )
    report = import_text(other, text)
    assert report.added == counts(applications=1, interviews=1, follow_ups=1)
    (record,) = other.records()
    assert record.interview.company == "Initech"
    assert record.interview.stage is Stage.FIRST
    assert to_storage(record.interview.starts_at) == "2026-12-01T08:00:00Z"
    assert record.row["updated_at"] == "2026-12-01T08:00:00Z"
    assert [entry.due for entry in record.entries] == [When(date(2026, 12, 2))]
    # It exports and re-imports like any other journal.
    text = export_text(other)
    assert import_text(other, text).skipped == counts(applications=1, interviews=1, follow_ups=1)


# --- applications and people (format 2) ------------------------------------------------------


@pytest.fixture
def hooli(journal: Journal, clock: FixedClock) -> Application:
    """An application with every field, a labelled round of it, and a person with every
    field; another role at the same company has a round of its own."""
    application = journal.applications.add(
        Application(
            company="Hooli",
            role="Site Reliability Engineer",
            job_ad_url="https://jobs.example.com/hooli/sre",
            job_ad_text="Keep the lights on.\nOn-call one week in six. 🚨",
            source=Source.REFERRAL,
            source_note="Gilfoyle",
            applied_on=date(2026, 11, 2),
            location="remote",
            salary="60-70k",
            ended=ApplicationStatus.WITHDRAWN,
            notes="Ask about the box.",
        )
    )
    assert application.id is not None
    journal.add_interview(
        Interview(
            company="Hooli",
            role="Site Reliability Engineer",
            starts_at=clock.now(),
            round_label="case presentation",
            application_id=application.id,
            interviewers=(Person("Gavin Belson", "CEO"),),
        )
    )
    journal.add_interview(Interview(company="Hooli", role="Designer", starts_at=clock.now()))
    gavin = journal.people.listed("Gavin")[0]
    journal.people.update(
        gavin.with_changes(email="gavin@hooli.example", phone="+1 555", url="https://x.example")
    )
    return application


def test_applications_and_people_travel_with_every_field(
    journal: Journal, hooli: Application, other: Journal
) -> None:
    text = export_text(journal)
    data = json.loads(text)
    (application,) = [a for a in data["applications"] if a["role"] == "Site Reliability Engineer"]
    assert application["uuid"] == hooli.uuid
    assert application["job_ad_text"] == hooli.job_ad_text
    assert (application["source"], application["applied_on"]) == ("referral", "2026-11-02")
    assert (application["ended"], application["salary"]) == ("withdrawn", "60-70k")
    rounds = {item["role"]: item for item in data["interviews"]}
    assert rounds["Site Reliability Engineer"]["application"] == hooli.uuid
    assert rounds["Site Reliability Engineer"]["round_label"] == "case presentation"
    assert rounds["Designer"]["application"] not in (None, hooli.uuid)
    (gavin,) = data["people"]
    assert (gavin["name"], gavin["role"], gavin["company"]) == ("Gavin Belson", "CEO", "Hooli")
    assert (gavin["email"], gavin["phone"]) == ("gavin@hooli.example", "+1 555")

    report = import_text(other, text)
    assert report.added == counts(applications=2, interviews=2, people=1)
    assert export_text(other) == text
    (copy,) = other.applications.matching("hooli", "site  reliability engineer")
    assert copy.ended is ApplicationStatus.WITHDRAWN
    assert [r.round_label for r in other.applications.rounds(copy.id or 0)] == ["case presentation"]
    assert not any(import_text(other, text).added.values())


def test_one_interview_exported_takes_its_application_and_the_people_at_its_company(
    journal: Journal, hooli: Application, other: Journal
) -> None:
    (round_,) = journal.applications.rounds(hooli.id or 0)
    buffer = io.StringIO()
    write_json_export(ExportParts(journal, interview_id=round_.id), EXPORTED_AT, buffer.write)
    data = json.loads(buffer.getvalue())
    assert [a["uuid"] for a in data["applications"]] == [hooli.uuid]
    assert [p["name"] for p in data["people"]] == ["Gavin Belson"]
    assert [i["application"] for i in data["interviews"]] == [hooli.uuid]
    report = import_text(other, buffer.getvalue())
    assert report.added == counts(applications=1, interviews=1, people=1)


def test_a_format_1_copy_of_a_round_updates_it_but_keeps_its_application_and_label(
    journal: Journal, hooli: Application
) -> None:
    """A format-1 file says nothing of applications or labels: a newer copy of a round
    changes what it says (the notes) and leaves where it is filed and what it is called."""
    data = json.loads(export_text(journal))
    (item,) = [i for i in data["interviews"] if i["role"] == "Site Reliability Engineer"]
    for name in ("application", "round_label"):
        del item[name]
    item["notes"] = "Written on the laptop."
    item["updated_at"] = "2030-01-01T00:00:00Z"
    old = {"format": "interview-journal", "format_version": 1, "interviews": [item]}
    report = import_text(journal, json.dumps(old))
    assert report.updated == counts(interviews=1)
    assert report.added == counts()
    (round_,) = journal.applications.rounds(hooli.id or 0)
    assert round_.notes == "Written on the laptop."
    assert round_.round_label == "case presentation"


# --- backups ---------------------------------------------------------------------------------


def _integrity(path: Path) -> str:
    connection = sqlite3.connect(file_uri(path, mode="ro"), uri=True)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


def test_a_backup_is_a_checked_private_copy_with_the_same_interviews(
    showcase_journal: Journal, exported: str, tmp_path: Path
) -> None:
    target = tmp_path / "backups" / "copy.db"
    copy = showcase_journal.backup(target)
    assert target.is_file()
    assert copy.size == target.stat().st_size > 0
    assert copy.interviews == 6  # counted in the copy by the check
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert _integrity(target) == "ok"
    assert sorted(p.name for p in target.parent.iterdir()) == ["copy.db"]  # no .partial
    with open_journal(target) as copy_journal:
        assert export_text(copy_journal) == exported


def test_a_second_backup_to_the_same_name_replaces_the_first(
    showcase_journal: Journal, tmp_path: Path, clock: FixedClock
) -> None:
    target = tmp_path / "copy.db"
    showcase_journal.backup(target)
    showcase_journal.add_interview(
        Interview(company="Later Added AB", starts_at=clock.now(), time_zone="Europe/Stockholm")
    )
    showcase_journal.backup(target)
    with open_journal(target) as copy_journal:
        assert copy_journal.count_interviews() == 7
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy.db", "journal"]  # no temp file


def test_a_backup_works_while_another_connection_holds_a_read_transaction(
    showcase_journal: Journal, exported: str, tmp_path: Path
) -> None:
    reader = sqlite3.connect(showcase_journal.path)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM interviews").fetchone()[0] == 6
        target = tmp_path / "while-reading.db"
        showcase_journal.backup(target)
        assert reader.execute("SELECT count(*) FROM follow_ups").fetchone()[0] == 5
    finally:
        reader.close()
    assert _integrity(target) == "ok"
    with open_journal(target) as copy_journal:
        assert export_text(copy_journal) == exported


def test_a_backup_holds_only_what_was_committed(
    showcase_journal: Journal, exported: str, tmp_path: Path
) -> None:
    """Another window in the middle of a save: the copy is the journal before it."""
    writer = sqlite3.connect(showcase_journal.path, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("DELETE FROM follow_ups")
        target = tmp_path / "mid-save.db"
        showcase_journal.backup(target)
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    with open_journal(target) as copy_journal:
        assert export_text(copy_journal) == exported


def test_a_backup_into_an_unwritable_place_is_one_sentence_and_leaves_nothing(
    showcase_journal: Journal, tmp_path: Path
) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where a directory should be")
    with pytest.raises(StorageError) as caught:
        showcase_journal.backup(blocker / "copy.db")
    assert "\n" not in str(caught.value)
    assert blocker.read_text() == "a file where a directory should be"


def test_exported_records_can_be_limited_to_one_interview_or_a_start_date(
    showcase_journal: Journal, clock: FixedClock
) -> None:
    everything = list(showcase_journal.records())
    assert [r.interview.starts_at for r in everything] == sorted(
        r.interview.starts_at for r in everything
    )
    initech = next(r for r in everything if r.interview.company == "Initech")
    (only,) = showcase_journal.records(interview_id=initech.interview.id)
    assert only.interview.uuid == initech.interview.uuid
    assert [e.uuid for e in only.entries] == [e.uuid for e in initech.entries]
    since = clock.now().subtract(days=2).start_of("day")
    recent = {r.interview.company for r in showcase_journal.records(since=since)}
    assert recent == {"Initech", "Vandelay Industries", "Pied Piper", "Hooli"}


def test_a_big_export_streams_in_batches_and_keeps_every_interview(
    journal: Journal, clock: FixedClock, other: Journal
) -> None:
    """More interviews than one read batch (500): none lost or repeated at the seams."""
    from interview_journal.services.demo import sample_journal

    journal.add_many(sample_journal(1_203, clock.now(), seed=3, time_zone="Europe/Stockholm"))
    text = export_text(journal)
    data = json.loads(text)
    uuids = [item["uuid"] for item in data["interviews"]]
    assert len(uuids) == len(set(uuids)) == 1_203
    report = import_text(other, text)
    assert report.added["interviews"] == 1_203
    assert export_text(other) == text


def test_exported_json_is_the_documented_shape(exported: str) -> None:
    data = json.loads(exported)
    assert list(data) == [
        "format",
        "format_version",
        "exported_by",
        "exported_at",
        "applications",
        "people",
        "interviews",
        "dismissed_suggestions",
    ]
    item = data["interviews"][0]
    assert "id" not in item and "version" not in item  # local ids do not travel
    assert {"evaluation", "follow_ups"} <= set(item)
    for entry in (e for i in data["interviews"] for e in i["follow_ups"]):
        assert "id" not in entry and "interview_id" not in entry
    assert data["exported_by"].startswith("interview-journal ")


def test_the_file_schema_knows_every_field_the_export_writes() -> None:
    """A field added to the journal but not to the schema would be dropped on import."""
    from interview_journal.domain.evaluation import CONTENT_FIELDS
    from interview_journal.services.exchange import (
        APPLICATION_FIELDS,
        ENTRY_FIELDS,
        INTERVIEW_FIELDS,
        PERSON_FIELDS,
    )
    from interview_journal.services.exchange.schema import (
        ApplicationDoc,
        EntryDoc,
        EvaluationDoc,
        InterviewDoc,
        PersonDoc,
    )
    from interview_journal.store.rows import APPLICATION_COLUMNS, PERSON_COLUMNS

    assert set(InterviewDoc.__struct_fields__) == set(INTERVIEW_FIELDS)
    assert set(ApplicationDoc.__struct_fields__) == set(APPLICATION_FIELDS)
    assert set(PersonDoc.__struct_fields__) == set(PERSON_FIELDS)
    stored = {"id", "version"}
    assert set(APPLICATION_FIELDS) == set(APPLICATION_COLUMNS.split(", ")) - stored
    assert set(PERSON_FIELDS) == set(PERSON_COLUMNS.split(", ")) - stored
    assert set(EntryDoc.__struct_fields__) == set(ENTRY_FIELDS)
    assert set(EvaluationDoc.__struct_fields__) == {*CONTENT_FIELDS, "created_at", "updated_at"}
