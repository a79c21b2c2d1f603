"""What differs in a browser tab, as its user meets it: exports and saved files are offered
as downloads, the editor (which needs a terminal) says so instead, and the keys a browser
keeps for itself (ctrl+t) are elsewhere, in the footer too."""

from __future__ import annotations

import asyncio
import json
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.served import PROGRAM, READY, Served, Tab, serving

pytest.importorskip("textual_serve", reason="serve needs the [web] extra")


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "journal.db"
    subprocess.run(
        [*PROGRAM, "demo", "--db", str(path), "--no-open"], check=True, capture_output=True
    )
    return path


@pytest.fixture
def served(demo_journal: Path, request: pytest.FixtureRequest) -> Iterator[Served]:
    view = getattr(request, "param", "interviews")
    with serving(demo_journal, "--view", view) as running:
        yield running


async def offered(tab: Tab) -> str:
    """The key of the next download the page is offered."""
    deadline = asyncio.get_running_loop().time() + READY
    while asyncio.get_running_loop().time() < deadline:
        for message in tab.messages:
            if message[0] == "deliver_file_start":
                return str(message[1])
        await asyncio.sleep(0.02)
    raise AssertionError(f"no download offered; the tab shows:\n{tab.text()}")


def download(served: Served, key: str, *, cookie: bool = True) -> tuple[int, bytes]:
    request = urllib.request.Request(f"{served.base}/download/{key}")
    if cookie:
        request.add_header("Cookie", f"{served.cookie_name()}={served.token}")
    try:
        with urllib.request.urlopen(request, timeout=READY) as response:
            return int(response.status), response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def test_an_export_is_offered_as_a_download(served: Served) -> None:
    async def export() -> str:
        tab = await Tab(served).open()
        await tab.wait_for("40 interviews")
        await tab.send("\x10")  # ctrl+p: the palette
        await tab.wait_for("Search for commands")
        await tab.send("export json")
        await tab.wait_for("JSON")
        await tab.send("\r")
        key = await offered(tab)
        # the message wraps where the export's path (a temporary folder) makes it wrap:
        # its words are asked for one at a time
        await tab.wait_for("Exported to")
        await tab.wait_for("download")
        # the page opens the link at once; the file is sent from the app as it is read
        assert download(served, key, cookie=False)[0] == 403
        got = await asyncio.to_thread(download, served, key)
        await tab.close()
        assert got[0] == 200
        return got[1].decode()

    exported = json.loads(asyncio.run(export()))
    assert len(exported["interviews"]) == 40


def test_the_editor_key_says_it_needs_a_terminal(served: Served) -> None:
    async def editor() -> None:
        tab = await Tab(served).open()
        await tab.wait_for("40 interviews")
        await tab.send("a")  # a new interview: the form
        await tab.wait_for("New interview")
        await tab.send("Umbrella")
        await tab.send("\x05")  # ctrl+e
        await tab.wait_for("opens in a terminal")
        await tab.send("Corp")  # the form still takes keys
        await tab.wait_for("UmbrellaCorp")
        await tab.close()

    asyncio.run(editor())


@pytest.mark.parametrize("served", ["timeline"], indirect=True)
def test_sent_is_on_a_key_the_browser_leaves_to_the_page(
    served: Served, demo_journal: Path
) -> None:
    # A follow-up overdue for a month is the timeline's first line whatever the hour (the
    # demo's own first lines are notes, follow-ups and suggestions due yesterday or today,
    # depending on the time of day it is written at, and a note due yesterday sorts first).
    subprocess.run(
        [*PROGRAM, "--db", str(demo_journal), "follow-up", "add", "1", "--due", "30 days ago",
         "--reason", "Ask where things stand", "-y"],
        check=True, capture_output=True,
    )  # fmt: skip

    async def message() -> None:
        tab = await Tab(served).open()
        await tab.wait_for("Timeline")
        await tab.send("m")
        await tab.wait_for("esc Back")
        footer = tab.text().splitlines()[-1]
        assert "^b Sent" in footer and "^t" not in footer
        await tab.close()

    asyncio.run(message())
