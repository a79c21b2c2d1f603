"""Pictures of the drafted message (`m` on the timeline): a follow-up to Anna Berg at
Acme in English at three sizes, the same follow-up without a reason (the hint over the
body), and a Swedish draft. Regenerate with `--snapshot-update`, then look at the new
SVGs before accepting them. The clock is the fixed test clock (Wed 25 Nov 2026 14:05).
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from interview_journal.dates import FixedClock
from interview_journal.services.config import Settings
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.screens.message import MessageScreen
from interview_journal.tui.widgets.timeline_list import TimelineList
from tests.ui.test_message_screen import acme_interview, follow_up


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def open_message(entry_key: str) -> Any:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        listing = pilot.app.screen.query_one(TimelineList)
        while listing.highlighted_key() != entry_key:
            await pilot.press("j")
        await pilot.press("m")
        await settle(pilot)
        assert isinstance(pilot.app.screen, MessageScreen)
        body = pilot.app.screen.query_one("#field-body", TextArea)
        body.cursor_blink = False  # a blinking cursor would be caught on or off at random
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(100, 30), (80, 24), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_message(
    snap_compare: Any, journal: Journal, clock: FixedClock, size: tuple[int, int]
) -> None:
    """The draft of Acme's follow-up, opened with m on the timeline.

    The picture must show: the top bar with Timeline lit; the header "Follow-up · Acme —
    Backend developer" (cut with "…" when narrow) with "in English" at its right; "To"
    with "Anna Berg <anna@acme.example>" (Anna in bold), "Subject" with its text in a
    box of its own; no hint; the body in a bordered box filling the rest of the screen:
    "Hi Anna,", the reason "I have finished the take-home exercise…", "You mentioned I
    would hear from you by Monday 23 November.", the role, and the closing, with the
    cursor at the start of the reason. The footer offers ^e Editor, ^t Sent, ^g Copy,
    ^o Mail, esc Back and f1 Help as far as they fit (at 60x20 the last ones give way;
    f1 Help always stays). No toast.
    """
    entry = follow_up(journal, acme_interview(journal, clock))
    app = make_app(journal, clock, view="timeline")
    assert snap_compare(app, terminal_size=size, run_before=open_message(f"entry:{entry.id}"))


def test_message_asking_for_a_reason(
    snap_compare: Any, journal: Journal, clock: FixedClock
) -> None:
    """The same follow-up with no reason, at 80x24.

    The picture must show: the hint over the body in the warning colour, "No reason
    written for this follow-up: the draft asks you for one…", beside a thick bar on its
    left; in the body, under "Hi Anna,", the line "[Why are you writing? …]" shown with
    its brackets, selected (typing replaces it). No toast.
    """
    entry = follow_up(journal, acme_interview(journal, clock), reason="")
    app = make_app(journal, clock, view="timeline")
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_message(f"entry:{entry.id}"))


def test_message_in_swedish(snap_compare: Any, journal: Journal, clock: FixedClock) -> None:
    """Acme's follow-up drafted in Swedish (`message-language = "sv"`), at 100x30.

    The picture must show: "på svenska" at the right of the header; the subject
    "Uppföljning: tjänsten som Backend developer på Acme"; the body "Hej Anna!", the
    reason as typed (in English: the user's words are not translated), "Du nämnde att
    jag skulle få besked senast måndag 23 november.", and "Vänliga hälsningar". The keys
    in the footer stay in English, as the rest of the app is.
    """
    entry = follow_up(journal, acme_interview(journal, clock))
    app = make_app(journal, clock, view="timeline", settings=Settings(message_language="sv"))
    assert snap_compare(app, terminal_size=(100, 30), run_before=open_message(f"entry:{entry.id}"))
