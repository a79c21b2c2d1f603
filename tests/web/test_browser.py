"""`interview-journal serve` in a real browser: headless Chromium opens the printed link,
types into the page's terminal as a person would, and what it typed is in the journal
afterwards, read by the command line.

Set UPDATE_SCREENSHOTS=1 to write the page's picture to screenshots/serve-browser.png
(otherwise it goes to the test's own folder, so the suite never changes the tree).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.web.browser import BrowserTab, chromium, chromium_or_skip
from tests.web.served import PROGRAM, READY, Served, serving, until

REPO = Path(__file__).resolve().parents[2]
SEARCHED = "Quillfeather"
"""The one interview the tests add to the demo (which is drawn around the day it is written
at, so its own companies come and go): the only one a search for this name finds."""
Keys = pytest.importorskip("selenium.webdriver.common.keys").Keys
OTHER_COMPANIES = ("Vandelay Industries", "Cyberdyne", "Globex")


@pytest.fixture
def demo_journal(tmp_path: Path) -> Path:
    chromium_or_skip()
    db = tmp_path / "demo.db"
    subprocess.run(
        [*PROGRAM, "demo", "--db", str(db), "--no-open"], check=True, capture_output=True
    )
    subprocess.run(
        [*PROGRAM, "--db", str(db), "add", "--company", SEARCHED, "--role", "Platform Engineer",
         "--when", "in 3 days 10:00", "--stage", "screening"],
        check=True, capture_output=True,
    )  # fmt: skip
    return db


def searched(db: Path) -> int:
    """The id of the interview the tests added."""
    listed = subprocess.run(
        [*PROGRAM, "--db", str(db), "list", "--search", SEARCHED, "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    (found,) = json.loads(listed.stdout)
    return int(found["id"])


@pytest.fixture
def page(demo_journal: Path) -> Iterator[tuple[BrowserTab, Path, Served]]:
    """The demo journal's Interviews list, in Chromium, read from the printed link."""
    with serving(demo_journal, "--view", "interviews") as served, chromium() as driver:
        yield BrowserTab(driver).open(served.url), demo_journal, served


def evaluation(db: Path, interview: int) -> dict[str, Any] | None:
    """The interview's evaluation as `show --json` prints it (None: nothing saved)."""
    shown = subprocess.run(
        [*PROGRAM, "--db", str(db), "show", str(interview), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    found: dict[str, Any] | None = json.loads(shown.stdout)["evaluation"]
    return found


def evaluate_searched(tab: BrowserTab) -> None:
    """Search for the added interview, open its evaluation: the first text box has the
    focus."""
    tab.type("/", SEARCHED)
    tab.wait_for("1 interview", gone=OTHER_COMPANIES)
    tab.type("\n", "v")  # enter: from the search to the list; v: evaluate
    tab.wait_for("What went well", "not started")


def test_the_link_opens_the_list_a_search_filters_it_and_ctrl_s_saves(
    page: tuple[BrowserTab, Path, Served], tmp_path: Path
) -> None:
    tab, db, _ = page
    shown = tab.wait_for("Interviews", SEARCHED, "41 interviews")
    print(f"the list was readable {time.monotonic() - tab.opened_at:.2f} s after the link opened")
    assert all(company in shown for company in OTHER_COMPANIES)

    picture = tab.driver.get_screenshot_as_png()
    folder = REPO / "screenshots" if os.environ.get("UPDATE_SCREENSHOTS") == "1" else tmp_path
    (folder / "serve-browser.png").write_bytes(picture)
    assert picture.startswith(b"\x89PNG")

    evaluate_searched(tab)
    tab.type("Calm, and my roadmap questions landed")
    tab.wait_for("roadmap questions landed")
    tab.type(Keys.CONTROL + "s")  # finish
    tab.wait_for("Evaluation finished")
    saved = evaluation(db, searched(db))
    assert saved is not None
    assert saved["went_well"] == "Calm, and my roadmap questions landed"
    assert saved["state"] == "finished"

    said = tab.console()
    assert not [entry for entry in said if "Content Security Policy" in entry["message"]]
    assert not [entry for entry in said if entry["level"] == "SEVERE"], said


def test_closing_the_tab_saves_what_was_typed(page: tuple[BrowserTab, Path, Served]) -> None:
    tab, db, _ = page
    tab.wait_for("Interviews", SEARCHED)
    evaluate_searched(tab)
    tab.type("Went well, though I rushed the salary question")
    tab.wait_for("rushed the salary question")  # the app has it; no save asked for
    tab.driver.close()

    def saved() -> bool:
        found = evaluation(db, searched(db))
        return found is not None and "rushed the salary" in found["went_well"]

    assert until(saved, READY), "closing the tab lost the text typed into the evaluation"


def test_closing_the_tab_and_stopping_serve_at_once_keeps_what_was_typed(
    page: tuple[BrowserTab, Path, Served],
) -> None:
    """The tab closed, then ctrl+c in serve's terminal a moment later: the app was still
    saving when serve began to stop, and must be let finish."""
    tab, db, served = page
    tab.wait_for("Interviews", SEARCHED)
    evaluate_searched(tab)
    tab.type("Went well, though I rushed the salary question")
    tab.wait_for("rushed the salary question")
    tab.driver.close()
    assert served.stop(signal.SIGINT) == 0, served.output()
    found = evaluation(db, searched(db))
    assert found is not None, "the typing was lost: " + served.output()
    assert "rushed the salary" in found["went_well"]


def test_copying_reaches_the_browsers_clipboard(page: tuple[BrowserTab, Path, Served]) -> None:
    """c in an interview's detail copies it as Markdown: in a tab, to the page's clipboard."""
    tab, _, served = page
    tab.wait_for("Interviews", SEARCHED)
    tab.driver.execute_cdp_cmd(
        "Browser.grantPermissions",
        {"permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"], "origin": served.base},
    )
    tab.type("/", SEARCHED)
    tab.wait_for("1 interview", gone=OTHER_COMPANIES)
    tab.type(Keys.ENTER, Keys.ENTER)  # from the search to the list, then the detail
    tab.wait_for("esc Back")
    tab.type("c")
    tab.wait_for("Copied as Markdown")

    def clipboard() -> str:
        read = (
            "const done = arguments[0]; navigator.clipboard.readText().then(done, () => done(''));"
        )
        return str(tab.driver.execute_async_script(read))

    assert until(lambda: clipboard().startswith(f"## {SEARCHED} — "), READY), clipboard()
