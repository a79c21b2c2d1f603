"""The evaluation screen's widgets: ratings and reality check on the left, reflections and
closing questions on the right (one column when the terminal is narrow); an `Evaluation`
put into them, and read back out."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pendulum
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Input, Static, TextArea

from interview_journal import dates
from interview_journal.domain.evaluation import (
    CLOSING_QUESTIONS,
    RATINGS,
    REFLECTIONS,
    SHORT_TEXTS,
    Applied,
    Evaluation,
    PastLesson,
    RoleMatch,
)
from interview_journal.domain.model import Interview
from interview_journal.tui.autosave import SaveState
from interview_journal.tui.widgets.choice import ChoiceBar
from interview_journal.tui.widgets.editor_area import EditorArea
from interview_journal.tui.widgets.key_points import KeyPointList, TickBox
from interview_journal.tui.widgets.rating import RatingBar


def evaluation_widgets() -> ComposeResult:
    """Everything above the footer."""
    with Horizontal(id="eval-header"):
        yield Static(id="eval-title")
        yield Static("", id="save-state")
    with VerticalScroll(id="eval-body"), Horizontal(id="eval-columns"):
        with Vertical(id="eval-left"):
            yield from _left_column()
        with Vertical(id="eval-right"):
            yield from _right_column()


def _note(placeholder: str, name: str) -> Input:
    return Input(placeholder=placeholder, id=f"field-{name}", classes="note")


def _left_column() -> ComposeResult:
    with Vertical(classes="panel", id="ratings-panel") as ratings:
        ratings.border_title = "How did it go?"
        ratings.border_subtitle = "1–5 or ← → to rate"
        for name, label in RATINGS.items():
            yield RatingBar(label, id=f"rate-{name}")
    with Vertical(classes="panel", id="key-points-panel") as points:
        points.border_title = "Key points I meant to get across"
        yield KeyPointList(id="key-points")
    with Vertical(classes="panel", id="reality-panel") as reality:
        reality.border_title = "Reality check"
        yield ChoiceBar(
            "Role matched the ad",
            [(m.value, m.value) for m in RoleMatch],
            id="choice-role_matched",
            label_width=20,
        )
        yield _note("what differed from the ad?", "role_note")
        yield ChoiceBar(
            "Represented myself",
            [("yes", "yes"), ("no", "no")],
            id="choice-accurate",
            label_width=20,
        )
        yield _note("accurately? anything overstated?", "accurate_note")
    with Vertical(classes="panel", id="lesson-panel") as lesson:
        lesson.border_title = "Last time's lesson"
        yield Static(id="last-lesson")
        # shown only when there is a lesson to answer about (see `show_lesson`)
        yield ChoiceBar(
            "Did you apply it?",
            [(a.value, a.value) for a in Applied],
            id="choice-lesson_applied",
            label_width=20,
        )


def _right_column() -> ComposeResult:
    for name, label in REFLECTIONS.items():
        with Vertical(classes="panel reflection") as panel:
            panel.border_title = label
            yield EditorArea(id=f"field-{name}", soft_wrap=True, tab_behavior="focus")
    with Vertical(classes="panel", id="closing-panel") as closing:
        closing.border_title = "Closing questions — asked? what did they say?"
        for name, question in CLOSING_QUESTIONS.items():
            yield TickBox(question, id=f"check-{name}_asked", classes="asked")
            yield _note("their answer", f"{name}_answer")
            if name == "hear_back":
                yield from _agreed_dates()


def _agreed_dates() -> ComposeResult:
    yield Input(
        placeholder="feedback promised by (e.g. fri, in 1 week)",
        id="date-feedback_by",
        classes="note date",
    )
    yield Static("", id="echo-feedback_by", classes="echo")
    yield Input(
        placeholder="may get in touch from (e.g. mon)",
        id="date-contact_from",
        classes="note date",
    )
    yield Static("", id="echo-contact_from", classes="echo")


def show_evaluation(screen: Widget, evaluation: Evaluation) -> None:
    """Put `evaluation` into the widgets (a box that already holds its text is left as is)."""
    for name in RATINGS:
        screen.query_one(f"#rate-{name}", RatingBar).set_value(getattr(evaluation, name))
    for name in REFLECTIONS:
        area = screen.query_one(f"#field-{name}", TextArea)
        if area.text != getattr(evaluation, name):
            area.load_text(getattr(evaluation, name))
            if area.has_focus:
                # After a merge my own text is last: carry on typing at its end.
                area.move_cursor(area.document.end)
    for name in SHORT_TEXTS:
        box = screen.query_one(f"#field-{name}", Input)
        if box.value != getattr(evaluation, name):
            box.value = getattr(evaluation, name)
    for name in CLOSING_QUESTIONS:
        screen.query_one(f"#check-{name}_asked", Checkbox).value = getattr(
            evaluation, f"{name}_asked"
        )
    role = evaluation.role_matched
    screen.query_one("#choice-role_matched", ChoiceBar).set_value(role.value if role else None)
    accurate = evaluation.accurate
    screen.query_one("#choice-accurate", ChoiceBar).set_value(
        None if accurate is None else ("yes" if accurate else "no")
    )
    screen.query_one(KeyPointList).set_points(evaluation.key_points)
    applied = evaluation.lesson_applied
    screen.query_one("#choice-lesson_applied", ChoiceBar).set_value(
        applied.value if applied else None
    )


def read_evaluation(screen: Widget, lesson: PastLesson | None) -> dict[str, Any]:
    """What the widgets show, by `Evaluation` field. `lesson` is the one shown as "Last
    time's lesson": an answer to "did you apply it?" is about it (none shown: the answer
    the evaluation holds is left as it is)."""
    values: dict[str, Any] = {}
    for name in RATINGS:
        values[name] = screen.query_one(f"#rate-{name}", RatingBar).value
    for name in REFLECTIONS:
        values[name] = screen.query_one(f"#field-{name}", TextArea).text
    for name in SHORT_TEXTS:
        values[name] = screen.query_one(f"#field-{name}", Input).value
    for name in CLOSING_QUESTIONS:
        values[f"{name}_asked"] = screen.query_one(f"#check-{name}_asked", Checkbox).value
    role = screen.query_one("#choice-role_matched", ChoiceBar).value
    values["role_matched"] = RoleMatch(role) if role else None
    accurate = screen.query_one("#choice-accurate", ChoiceBar).value
    values["accurate"] = None if accurate is None else accurate == "yes"
    values["key_points"] = screen.query_one(KeyPointList).points
    if lesson is not None:
        applied = screen.query_one("#choice-lesson_applied", ChoiceBar).value
        values["lesson_applied"] = Applied(applied) if applied else None
        values["lesson_from"] = lesson.interview_id if applied else None
    return values


def show_lesson(screen: Widget, lesson: PastLesson | None, today: date) -> None:
    """Show `lesson` as "Last time's lesson", with "Did you apply it?" under it (no
    lesson: the hint, and no question)."""
    screen.query_one("#last-lesson", Static).update(lesson_text([lesson] if lesson else [], today))
    screen.query_one("#choice-lesson_applied", ChoiceBar).display = lesson is not None


def lesson_text(lessons: list[PastLesson], today: date) -> Content | str:
    """The newest earlier lesson, for "Last time's lesson"."""
    if not lessons:
        return (
            "[dim]No earlier lessons yet. The one you write today will be shown "
            "before your next interview.[/dim]"
        )
    first = lessons[0]
    label = "Lesson" if first.kind == "lesson" else "To improve"
    return Content.from_markup(
        "“$lesson”\n[dim]$label · $company, $day[/dim]",
        lesson=first.text,
        label=label,
        company=first.company,
        day=dates.format_day(first.starts_at.date(), today),
    )


def header_text(interview: Interview, now: pendulum.DateTime) -> Content:
    """The title line: which interview, which stage, and when it was."""
    exact = dates.format_exact(interview.starts_at, now)
    return Content.from_markup(
        "Evaluate · [b]$title[/b] · $stage · $when",
        title=interview.title,
        stage=interview.stage.label,
        when=f"{exact} ({dates.relative(interview.starts_at, now)})",
    )


def save_state_label(state: SaveState, finished: bool, now: datetime) -> str:
    """Top right: where what is on screen stands."""
    label = {
        SaveState.SAVED: f"● saved {now:%H:%M}",
        SaveState.SAVING: "○ saving…",
        SaveState.NEW: "not started — type to begin",
        SaveState.FAILED: "✗ NOT SAVED",
    }[state]
    return f"✓ finished · {label}" if state is SaveState.SAVED and finished else label
