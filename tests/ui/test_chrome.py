"""The chrome around every view: the footer fits its width, F1 and ? open the help."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList, CommandPalette
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from interview_journal.cli.common import settings_and_warnings
from interview_journal.dates import FixedClock
from interview_journal.paths import default_config_path
from interview_journal.store import Journal
from interview_journal.tui.app import make_app
from interview_journal.tui.dialogs.help import HelpScreen
from interview_journal.tui.widgets.footer_fit import FittedFooter
from interview_journal.tui.widgets.rating import RatingBar
from tests.ui.helpers import (
    AnyApp,
    AnyPilot,
    on_the_evaluation,
    press_and_settle,
    settle,
    text_of,
    toasts,
    type_text,
)

INITECH = 4  # a past interview of filled_journal


def footer_keys(app: AnyApp) -> tuple[list[FooterKey], FooterKey | None]:
    """The footer's keys (left to right) and its `^p palette` key."""
    footer = app.screen.query_one(FittedFooter)
    keys = [key for key in footer.query(FooterKey) if not key.has_class("-command-palette")]
    palette = next(iter(footer.query(FooterKey).filter(".-command-palette")), None)
    keys.sort(key=lambda key: key.region.x)
    return keys, palette


def assert_footer_whole(app: AnyApp) -> list[str]:
    """Every key of the footer is drawn whole, left of `^p palette`; returns the labels."""
    footer = app.screen.query_one(FittedFooter)
    descriptions = {active.binding.description for active in app.screen.active_bindings.values()}
    keys, palette = footer_keys(app)
    assert palette is not None
    right_edge = palette.region.x
    assert palette.region.right <= footer.region.right
    for key in keys:
        assert key.description in descriptions
        assert key.region.width == key.get_content_width(key.size, key.size)
        assert key.region.right <= right_edge, (key.key_display, key.description)
    return [key.description for key in keys]


@pytest.mark.parametrize("width", [60, 80, 100, 120])
@pytest.mark.parametrize("view", ["1", "2", "3", "4"])
async def test_footer_labels_are_whole_with_help(
    filled_journal: Journal, clock: FixedClock, width: int, view: str
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(width, 24)) as pilot:
        await press_and_settle(pilot, view)
        await pilot.pause()
        labels = assert_footer_whole(app)
        assert "Help" in labels
        assert "Quit" in labels


async def test_footer_fits_again_after_resize(filled_journal: Journal, clock: FixedClock) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        wide = assert_footer_whole(app)
        await pilot.resize_terminal(60, 24)
        await pilot.wait_for_scheduled_animations()
        await settle(pilot)
        await pilot.pause()
        narrow = assert_footer_whole(app)
        assert len(narrow) < len(wide)
        assert "Help" in narrow and "Quit" in narrow


async def test_f1_opens_help_from_a_text_box(filled_journal: Journal, clock: FixedClock) -> None:
    """In the search box `?` is typed; F1 opens the help, and the footer says F1."""
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "slash")
        assert isinstance(app.focused, Input)
        await press_and_settle(pilot, "question_mark")
        assert app.focused.value.endswith("?")
        assert not isinstance(app.screen, HelpScreen)
        keys, _ = footer_keys(app)
        assert ("F1", "Help") in [(key.key_display.upper(), key.description) for key in keys]
        await press_and_settle(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)


async def test_question_mark_and_f1_open_help_from_the_list(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await press_and_settle(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press_and_settle(pilot, "escape", "f1")
        assert isinstance(app.screen, HelpScreen)


# --- the palette ------------------------------------------------------------------------


async def palette_prompts(pilot: AnyPilot, search: str) -> list[str]:
    """Open the palette, type `search`, and read the commands it offers."""
    await press_and_settle(pilot, "ctrl+p")
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    await type_text(pilot, search)
    options = palette.query_one(CommandList)
    for _ in range(200):  # the palette searches its providers in the background
        await pilot.pause(0.02)
        if options.option_count:
            break
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_palette_offers_the_journals_commands_only(
    filled_journal: Journal, clock: FixedClock
) -> None:
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        for textual_own in ("Cursor", "Bottom", "Copy", "Maximize", "Keys"):
            assert not any(title.startswith(textual_own) for title in titles), titles
        assert "Quit" not in titles  # Textual's own, beside ours
        assert "Back up the journal" in titles
        assert "Screenshot" in titles and "Theme" in titles
        assert any(title.startswith("Quit  (q)") for title in titles)  # ours, once
        prompts = await palette_prompts(pilot, "back up")
        assert any("Back up the journal" in prompt for prompt in prompts), prompts
        await press_and_settle(pilot, "escape")
        prompts = await palette_prompts(pilot, "cursor")
        assert not any("ursor" in prompt for prompt in prompts), prompts


# --- config problems ----------------------------------------------------------------------


async def test_config_problem_is_a_notification_at_start(
    filled_journal: Journal, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    config = default_config_path()
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("[dates\nweek-starts = 'monday'\n", encoding="utf-8")
    settings, warnings = settings_and_warnings()
    assert warnings
    assert "warning" in capsys.readouterr().err  # still said on stderr, as before
    app = make_app(filled_journal, clock, settings=settings, warnings=warnings)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        shown = " ".join(toasts(app))
        assert str(config) in shown.replace("\n", "")
        assert "using the defaults" in shown


# --- screenshot ---------------------------------------------------------------------------


async def test_screenshot_goes_beside_the_journal_without_downloads(
    filled_journal: Journal,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home-without-downloads"))
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        saved = app.action_save_screenshot()
        await pilot.pause()
        assert saved is not None and saved.parent == filled_journal.path.parent
        assert saved.read_text(encoding="utf-8").startswith("<svg")
        assert any("Screenshot saved to" in toast for toast in toasts(app))


async def test_screenshot_that_cannot_be_written_says_why(
    filled_journal: Journal,
    clock: FixedClock,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    app = make_app(filled_journal, clock)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await settle(pilot)
        stamp = clock.now().format("YYYY-MM-DD_HH-mm-ss")
        (home / "Downloads" / f"interview-journal_{stamp}.svg").mkdir(parents=True)
        assert app.action_save_screenshot() is None
        await pilot.pause()
        said = " ".join(toasts(app))
        assert "No screenshot saved" in said and "directory" in said.lower(), said


# --- help ---------------------------------------------------------------------------------


async def test_help_lists_the_focused_widgets_keys_in_their_own_group(
    filled_journal: Journal, clock: FixedClock
) -> None:
    """On a rating of the evaluation: the rating's 1-5, ← → and 0 under "Here", the
    evaluation's keys under "This screen", help and the views under "Everywhere"."""
    app = make_app(filled_journal, clock, evaluate=INITECH)
    async with on_the_evaluation(app, (100, 30)) as pilot:
        rating = app.screen.query_one(RatingBar)
        rating.focus()
        await pilot.pause()
        await press_and_settle(pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        text = text_of(app, "#help-keys")
        screen_at = text.index("This screen")
        here_at = text.index("Here (the rating bar)")
        everywhere_at = text.index("Everywhere")
        assert screen_at < here_at < everywhere_at
        here = text[here_at:everywhere_at]
        for key, description in (("1-5", "Set"), ("← →", "Change"), ("0", "Clear")):
            assert any(
                line.split()[:1] == [key.split()[0]] and description in line
                for line in here.splitlines()
            ), here
        everywhere = text[everywhere_at:]
        assert "Help" in everywhere and "F1" in everywhere and "Quit" in everywhere, everywhere
