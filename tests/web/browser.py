"""A real headless Chromium on a served journal: keys typed into xterm.js, the screen read
back from the websocket's bytes.

The page draws on a canvas, so there is no text to find in the DOM. A script put into the
page before its own (`RECORDER`) keeps, in order, every message the page's websocket sends
and receives; `BrowserTab` fetches them and follows the terminal's bytes on a `Screen`,
sized as the page sized its terminal (the websocket's address, then each "resize").
"""

from __future__ import annotations

import codecs
import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.reliability.terminal_screen import Screen
from tests.web.served import READY

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WINDOW = (1280, 800)

RECORDER = """
(() => {
  const Native = window.WebSocket;
  const log = (window.__journal_log = []);
  const latin1 = (buffer) => {
    const bytes = new Uint8Array(buffer);
    let text = "";
    for (let at = 0; at < bytes.length; at += 8192) {
      text += String.fromCharCode.apply(null, bytes.subarray(at, at + 8192));
    }
    return text;
  };
  class Recorded extends Native {
    constructor(url, ...rest) {
      super(url, ...rest);
      log.push(["open", String(url)]);
      this.addEventListener("message", (event) => {
        if (event.data instanceof ArrayBuffer) log.push(["bytes", latin1(event.data)]);
        else if (typeof event.data === "string") log.push(["got", event.data]);
      });
      this.addEventListener("close", () => log.push(["closed", ""]));
    }
    send(data) {
      if (typeof data === "string") log.push(["sent", data]);
      return super.send(data);
    }
  }
  window.WebSocket = Recorded;
})();
"""
"""Wraps the page's WebSocket: every message kept in `window.__journal_log`, in order
(bytes as latin-1 text, which carries any byte through JSON)."""


def chromium_or_skip() -> None:
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("Chromium is not installed: apt install chromium chromium-driver")


@contextlib.contextmanager
def chromium(downloads: Path | None = None) -> Iterator[Any]:
    """A headless Chromium at `WINDOW`, its console log kept, recording websockets."""
    chromium_or_skip()
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
        # the page itself at WINDOW (the window's size counts the browser's own bars)
        driver.execute_cdp_cmd(
            "Emulation.setDeviceMetricsOverride",
            {"width": WINDOW[0], "height": WINDOW[1], "deviceScaleFactor": 1, "mobile": False},
        )
        if downloads is not None:
            driver.execute_cdp_cmd(
                "Browser.setDownloadBehavior",
                {"behavior": "allow", "downloadPath": str(downloads), "eventsEnabled": True},
            )
        yield driver
    finally:
        with contextlib.suppress(Exception):
            driver.quit()


class BrowserTab:
    """The journal's page in `driver`: what its terminal shows, and keys typed into it."""

    def __init__(self, driver: Any) -> None:
        self.driver = driver
        self.screen = Screen(80, 24)
        self.sent: list[str] = []
        """Text messages the page sent (its "resize"s and keys), in order."""
        self.got: list[str] = []
        self.closed = False
        self.opened_at = 0.0
        """When the link was opened (`time.monotonic()`)."""
        self._decode = codecs.getincrementaldecoder("utf-8")(errors="replace").decode

    def open(self, url: str) -> BrowserTab:
        self.opened_at = time.monotonic()
        self.driver.get(url)
        return self

    def follow(self) -> None:
        """Take what the page's websocket did since the last call."""
        entries = self.driver.execute_script("return (window.__journal_log || []).splice(0);")
        for kind, data in entries:
            if kind == "open":
                query = parse_qs(urlsplit(data).query)
                self._size(int(query["width"][0]), int(query["height"][0]))
            elif kind == "sent":
                self.sent.append(data)
                message = json.loads(data)
                if message[0] == "resize":
                    self._size(message[1]["width"], message[1]["height"])
            elif kind == "got":
                self.got.append(data)
            elif kind == "bytes":
                self.screen.feed(self._decode(data.encode("latin-1")))
            elif kind == "closed":
                self.closed = True

    def _size(self, columns: int, lines: int) -> None:
        """A new size: the app draws all of its screen again, so start from blank."""
        if (columns, lines) != (self.screen.columns, self.screen.lines):
            self.screen = Screen(columns, lines)

    def text(self) -> str:
        self.follow()
        return self.screen.text()

    def wait_for(self, *texts: str, gone: tuple[str, ...] = (), timeout: float = READY) -> str:
        """Until every one of `texts` is on screen and none of `gone`; the screen then."""
        deadline = time.monotonic() + timeout
        while True:
            shown = self.text()
            if all(text in shown for text in texts) and not any(text in shown for text in gone):
                return shown
            if time.monotonic() > deadline or self.closed:
                raise AssertionError(
                    f"never shown: {texts!r} (and gone: {gone!r}); the tab shows:\n{shown}"
                )
            time.sleep(0.05)

    def keyboard(self) -> Any:
        """xterm.js's hidden textarea: where its keys go in."""
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, ".xterm-helper-textarea")

    def type(self, *keys: str) -> None:
        """Each key (or run of characters) sent as its own burst of typing."""
        keyboard = self.keyboard()
        for key in keys:
            keyboard.send_keys(key)

    def console(self) -> list[dict[str, Any]]:
        """What the page's console said since the last call (each entry once)."""
        return list(self.driver.get_log("browser"))
