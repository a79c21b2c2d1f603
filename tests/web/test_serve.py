"""`interview-journal serve` as a user (and an intruder on the same machine) meets it.

The real command runs in a subprocess on a free port. HTTP requests check the gate; tabs
(`served.Tab`: the websocket a page opens) check that each is a window of its own whose
typing survives the tab closing, `serve` stopping, and `serve` being killed.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from interview_journal.store import Journal
from tests.web.served import PROGRAM, READY, Served, Tab, serving, until

pytest.importorskip("textual_serve", reason="serve needs the [web] extra")

TYPED = "Spoke clearly about the data model"


@pytest.fixture
def journal_file(filled_journal: Journal, journal_path: Path) -> Path:
    """The five sample interviews, on disk, with no connection of ours left open."""
    filled_journal.close()
    return journal_path


@pytest.fixture
def served(journal_file: Path) -> Iterator[Served]:
    with serving(journal_file, "--view", "interviews") as running:
        yield running


def status(
    url: str, *, cookie: dict[str, str] | None = None, headers: dict[str, str] | None = None
) -> int:
    request = urllib.request.Request(url, headers=headers or {})
    if cookie:
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in cookie.items()))
    try:
        with urllib.request.urlopen(request, timeout=READY) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


async def websocket_status(served: Served, cookie: dict[str, str], origin: str) -> int:
    async with aiohttp.ClientSession(cookies=cookie) as session:
        try:
            socket = await session.ws_connect(f"ws://127.0.0.1:{served.port}/ws", origin=origin)
        except aiohttp.WSServerHandshakeError as error:
            return error.status
        await socket.close()
        return 101


def went_well(path: Path, company: str = "Initech") -> str | None:
    """What the CLI shows as the evaluation's "went well" of the interview at `company`."""
    listed = subprocess.run(
        [*PROGRAM, "--db", str(path), "list", "--json"], capture_output=True, check=True
    )
    (found,) = [row for row in json.loads(listed.stdout) if row["company"] == company]
    shown = subprocess.run(
        [*PROGRAM, "--db", str(path), "show", str(found["id"]), "--json"],
        capture_output=True,
        check=True,
    )
    evaluation = json.loads(shown.stdout).get("evaluation") or {}
    return evaluation.get("went_well")


async def start_evaluating(tab: Tab, keys: list[str] | None = None) -> None:
    """From the Interviews list to Initech's evaluation, its first text box focused."""
    await tab.wait_for("Interviews")
    await tab.wait_for("Initech")
    for key in keys or ["/", "Initech", "\r"]:
        await tab.send(key)
    await tab.wait_for("1 interview")
    await tab.send("v")
    await tab.wait_for("What went well")


# --- the gate ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/ws", "/static/js/textual.js", "/download/x", "/nope"])
def test_without_the_secret_every_request_is_forbidden(served: Served, path: str) -> None:
    assert status(served.base + path) == 403
    assert status(served.base + path, cookie={served.cookie_name(): "guess"}) == 403
    assert served.apps() == []


def test_a_wrong_secret_is_forbidden_and_starts_nothing(served: Served) -> None:
    near = served.token[:-1] + ("A" if served.token[-1] != "A" else "B")
    for token in ("wrong", near, "", served.token + "x"):
        assert status(f"{served.base}/?t={token}") == 403, token
    assert asyncio.run(websocket_status(served, {}, served.base)) == 403
    assert asyncio.run(websocket_status(served, {"interview-journal": "x"}, served.base)) == 403
    assert served.apps() == []


def test_the_link_gives_a_private_cookie_and_then_the_page(served: Served) -> None:
    with urllib.request.urlopen(served.url, timeout=READY) as response:
        cookie = response.headers["Set-Cookie"]
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["Referrer-Policy"] == "no-referrer"
    assert f"{served.cookie_name()}={served.token}" in cookie
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    page = urllib.request.Request(served.base + "/")
    page.add_header("Cookie", f"{served.cookie_name()}={served.token}")
    with urllib.request.urlopen(page, timeout=READY) as response:
        html = response.read().decode()
        policy = response.headers["Content-Security-Policy"]
    assert f"ws://127.0.0.1:{served.port}/ws" in html
    assert served.token not in html
    assert "googleapis" not in html and "https://" not in html  # nothing from outside
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy


def test_another_host_name_is_forbidden_even_with_the_cookie(served: Served) -> None:
    """A rebinding DNS name that points at 127.0.0.1 still says its own name."""
    headers = {"Host": f"attacker.example:{served.port}"}
    assert status(served.base + "/", cookie=served.cookie, headers=headers) == 403
    assert status(served.base + "/", cookie=served.cookie) == 200
    for name in ("localhost", "127.0.0.1"):
        assert (
            status(
                served.base + "/", cookie=served.cookie, headers={"Host": f"{name}:{served.port}"}
            )
            == 200
        )


def test_a_websocket_from_another_page_is_forbidden(served: Served) -> None:
    evil = asyncio.run(websocket_status(served, served.cookie, "http://attacker.example"))
    assert evil == 403
    assert served.apps() == []


def test_it_listens_on_loopback_only(served: Served) -> None:
    listening = _listeners(served.port)
    assert listening, "no listener found in /proc/net/tcp"
    assert listening <= {"127.0.0.1", "::1"}, listening
    assert "127.0.0.1" in listening


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "example.com"])
def test_another_address_is_refused_without_the_admission(journal_file: Path, host: str) -> None:
    done = subprocess.run(
        [*PROGRAM, "serve", "--db", str(journal_file), "--port", "0", "--host", host],
        capture_output=True,
        text=True,
        timeout=READY,
    )
    assert done.returncode == 2
    assert "--i-know-this-is-exposed" in done.stderr
    assert "this machine only" in done.stderr
    assert done.stdout == ""  # no link: nothing was served


def test_an_exposed_address_is_served_with_a_warning(journal_file: Path) -> None:
    with serving(journal_file, "--host", "0.0.0.0", "--i-know-this-is-exposed") as served:
        assert until(lambda: "reachable from other machines" in served.output())
        assert _listeners(served.port) == {"0.0.0.0"}
        assert status(served.base + "/") == 403  # the secret still guards it


def test_loopback_given_as_host_is_not_refused(journal_file: Path) -> None:
    with serving(journal_file, "--host", "127.0.0.1") as served:
        assert _listeners(served.port) == {"127.0.0.1"}
        assert status(served.url) == 200


def test_the_secret_is_printed_once_and_never_again(served: Served) -> None:
    status(f"{served.base}/?t=wrong")
    status(served.url)
    status(served.base + "/", cookie=served.cookie)

    async def a_tab() -> list[int]:
        tab = await Tab(served).open()
        await tab.wait_for("Interviews")
        apps = served.apps()
        await tab.close()
        return apps

    apps = asyncio.run(a_tab())
    assert apps
    assert until(lambda: not [pid for pid in apps if _running(pid)])  # ended with the tab
    assert served.stop() == 0
    first, *rest = served.output().splitlines()
    assert served.token in first
    assert not [line for line in rest if served.token in line]
    assert "Stopped" in served.output()


def test_the_apps_get_neither_the_secret_nor_a_shell(served: Served) -> None:
    async def look() -> None:
        tab = await Tab(served).open()
        await tab.wait_for("Interviews")
        (pid,) = served.apps()
        proc = Path("/proc") / str(pid)
        argv = proc.joinpath("cmdline").read_bytes().split(b"\0")
        assert argv[0] == sys.executable.encode()  # started directly, not through sh -c
        assert served.token.encode() not in proc.joinpath("cmdline").read_bytes()
        assert served.token.encode() not in proc.joinpath("environ").read_bytes()
        await tab.close()

    asyncio.run(look())


def test_without_the_web_extra_it_says_how_to_get_it(journal_file: Path) -> None:
    blocked = (
        "import sys; sys.modules['textual_serve'] = None; "
        "from interview_journal.cli import main; sys.argv[0] = 'interview-journal'; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", blocked, "serve", "--db", str(journal_file)],
        capture_output=True,
        text=True,
        timeout=READY,
    )
    assert done.returncode == 2
    assert "pip install 'interview-journal[web]'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_mistyped_journal_is_refused_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    done = subprocess.run(
        [*PROGRAM, "serve", "--db", str(missing), "--port", "0"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=READY,
    )
    assert done.returncode == 2
    assert "no journal at" in done.stderr
    assert not missing.exists()


# --- tabs -------------------------------------------------------------------------------


def test_each_tab_is_a_window_of_its_own(served: Served) -> None:
    async def two_tabs() -> None:
        first, second = await Tab(served).open(), await Tab(served).open()
        await first.wait_for("Initech")
        await second.wait_for("Initech")
        assert len(served.apps()) == 2
        await first.send("/")
        await first.send("Initech")
        await first.wait_for("1 interview")
        assert "1 interview" not in second.text()  # the search is the first tab's alone
        await first.close()
        assert until(lambda: len(served.apps()) == 1)
        await second.close()
        assert until(lambda: served.apps() == [])

    asyncio.run(two_tabs())


@pytest.mark.parametrize("burst", [False, True], ids=["typed", "burst"])
def test_closing_the_tab_saves_what_was_typed(
    served: Served, journal_file: Path, burst: bool
) -> None:
    async def type_and_close() -> None:
        tab = await Tab(served).open()
        if burst:  # every key in one message, from the list to the evaluation's text
            await tab.wait_for("Initech")
            await tab.send("/Initech\rv" + TYPED)
        else:
            await start_evaluating(tab)
            await tab.type(list(TYPED))
        await tab.wait_for(TYPED[-10:])  # on screen, long before the autosave
        await tab.close()

    asyncio.run(type_and_close())
    assert until(lambda: served.apps() == [])
    assert went_well(journal_file) == TYPED, served.output()


@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "ctrl+c"])
def test_stopping_serve_saves_every_tab_and_ends_them(
    served: Served, journal_file: Path, number: int
) -> None:
    async def type_then_stop() -> list[int]:
        tab = await Tab(served).open()
        other = await Tab(served).open()
        await other.wait_for("Initech")
        await start_evaluating(tab)
        await tab.send(TYPED)
        await tab.wait_for(TYPED[-10:])
        apps = served.apps()
        served.process.send_signal(number)
        await asyncio.wait_for(tab.closed.wait(), READY)  # the page is told it has ended
        await asyncio.wait_for(other.closed.wait(), READY)
        await tab.close()
        await other.close()
        return apps

    apps = asyncio.run(type_then_stop())
    assert served.process.wait(READY) == 0
    assert len(apps) == 2
    assert not [pid for pid in apps if _running(pid)]
    assert went_well(journal_file) == TYPED
    assert "closed the 2 still open, with what they held saved" in served.output()


def test_a_killed_serve_leaves_no_app_behind_and_loses_nothing(
    served: Served, journal_file: Path
) -> None:
    async def type_then_kill() -> int:
        tab = await Tab(served).open()
        await start_evaluating(tab)
        await tab.send(TYPED)
        await tab.wait_for(TYPED[-10:])
        (app,) = served.apps()
        served.process.kill()  # nothing of serve runs: the app sees its input end
        await tab.close()
        return app

    app = asyncio.run(type_then_kill())
    assert until(lambda: not _running(app)), "the app outlived its server"
    assert went_well(journal_file) == TYPED


def test_read_only_tabs_change_nothing(journal_file: Path) -> None:
    before = journal_file.read_bytes()
    with serving(journal_file, "--read-only", "--view", "interviews") as served:

        async def look() -> None:
            tab = await Tab(served).open()
            await tab.wait_for("read-only")
            await tab.close()

        asyncio.run(look())
    assert journal_file.read_bytes() == before


# --- helpers ----------------------------------------------------------------------------


def _listeners(port: int) -> set[str]:
    """The addresses listening on `port`, as /proc/net/tcp and tcp6 list them."""
    found: set[str] = set()
    for name, size in (("tcp", 4), ("tcp6", 16)):
        table = Path("/proc/net") / name
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            local, _, state = line.split()[1:4]
            address, port_hex = local.split(":")
            if int(port_hex, 16) != port or state != "0A":  # 0A: LISTEN
                continue
            raw = bytes.fromhex(address)
            # the kernel prints each 32-bit word in host (little-endian) order
            words = b"".join(raw[i : i + 4][::-1] for i in range(0, size, 4))
            import ipaddress

            found.add(str(ipaddress.ip_address(words)))
    return found


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
