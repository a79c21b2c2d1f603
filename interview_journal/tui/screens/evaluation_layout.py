"""The evaluation screen's widgets: ratings and reality check on the left, reflections and
closing questions on the right (one column when the terminal is narrow)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Checkbox, Input, Static

from interview_journal.domain.evaluation import (
    CLOSING_QUESTIONS,
    RATINGS,
    REFLECTIONS,
    RoleMatch,
)
from interview_journal.tui.widgets.choice import ChoiceBar
from interview_journal.tui.widgets.editor_area import EditorArea
from interview_journal.tui.widgets.key_points import KeyPointList
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
        )
        yield _note("what differed from the ad?", "role_note")
        yield ChoiceBar("Represented myself", [("yes", "yes"), ("no", "no")], id="choice-accurate")
        yield _note("accurately? anything overstated?", "accurate_note")
    with Vertical(classes="panel", id="lesson-panel") as lesson:
        lesson.border_title = "Last time's lesson"
        yield Static(id="last-lesson")


def _right_column() -> ComposeResult:
    for name, label in REFLECTIONS.items():
        with Vertical(classes="panel reflection") as panel:
            panel.border_title = label
            yield EditorArea(id=f"field-{name}", soft_wrap=True, tab_behavior="focus")
    with Vertical(classes="panel", id="closing-panel") as closing:
        closing.border_title = "Closing questions — asked? what did they say?"
        for name, question in CLOSING_QUESTIONS.items():
            yield Checkbox(question, id=f"check-{name}_asked", classes="asked")
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
