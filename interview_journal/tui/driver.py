"""Textual's Linux driver, made to survive its terminal going away.

What goes wrong with Textual's own `LinuxDriver` (8.2.x) when the terminal closes:

- Its writer thread ends at the first failed write (EIO once the terminal is gone), and
  `driver.write` puts into that thread's queue of 30 with a blocking `put`: after 30 more
  writes the main thread waits for ever. The event loop stops there: no saving, no exit,
  no reaction to SIGTERM, until `kill -9`.
- A hang-up sends SIGCONT as well as SIGHUP, and its SIGCONT handler starts application
  mode again whether or not it was ever suspended: a second writer thread (which dies at
  its first write, as above, and is the one the driver writes to from then on) and a second
  input thread on the dead terminal.
- Its input thread spins when input ends (reading returns nothing, it selects again at once:
  most of a core) and never tells anyone; with no controlling terminal (no SIGHUP) the app
  sits there for ever.
- Stopping it waits up to 0.2 s for the input thread's select timeouts.

Here writes never fail and never block once the terminal is gone (or once the program is
ending: see `stop_waiting_for_output`), SIGCONT restarts only what SIGTSTP suspended, and
the end of input or of output is reported to the app as the terminal going away.
"""

from __future__ import annotations

import contextlib
import os
import queue
import selectors
import signal
import sys
import time
from codecs import getincrementaldecoder
from typing import IO, Any

from textual._parser import ParseError
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

RESTORE = (
    "\x1b[<u"  # the kitty keyboard protocol off
    "\x1b[?1000l\x1b[?1003l\x1b[?1015l\x1b[?1006l"  # mouse reporting off
    "\x1b[?2004l"  # bracketed paste off
    "\x1b[?1004l"  # focus reports off
    "\x1b[?7h"  # line wrap on
    "\x1b[?1049l"  # back from the alternate screen
    "\x1b[?25h"  # the cursor shown
)
"""What `stop_application_mode` writes, all at once, for the last resort."""
STALL_WAIT = 0.1
"""Seconds a write may wait for the terminal once the program is ending."""


class _TerminalOutput:
    """The terminal as the writer thread sees it: a write that fails means it is gone."""

    def __init__(self, file: IO[str], gone: Any) -> None:
        self._file = file
        self._gone = gone
        self.lost = False

    def write(self, text: str) -> int:
        if not self.lost:
            self._attempt(self._file.write, text)
        return len(text)

    def flush(self) -> None:
        if not self.lost:
            self._attempt(self._file.flush)

    def _attempt(self, action: Any, *args: Any) -> None:
        try:
            action(*args)
        except BlockingIOError:
            pass  # a non-blocking terminal that is full: this frame is dropped, not the rest
        except (OSError, ValueError):
            self.lost = True
            self._gone()

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return True


class SturdyDriver(LinuxDriver):
    """`LinuxDriver` that ends cleanly when its terminal goes away (see the module)."""

    def __init__(self, app: Any, **options: Any) -> None:
        self._suspended = False
        super().__init__(app, **options)
        assert self._file is not None, "no standard error to draw on"
        self._output = _TerminalOutput(self._file, self._output_lost)
        self._file = self._output  # type: ignore[assignment]
        self._hurry = False
        self._stalled = False
        self._last_input = 0.0
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_read, False)
        os.set_blocking(self._wake_write, False)

    # --- the terminal going away -------------------------------------------------------

    def _output_lost(self) -> None:
        """(writer thread) Writing failed: the terminal is gone."""
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            # Whatever is still written (Python flushing stdout and stderr at exit,
            # a message) goes nowhere instead of failing with EIO.
            for fd in (1, 2):
                with contextlib.suppress(OSError):
                    os.dup2(devnull, fd)
        finally:
            os.close(devnull)
        self._tell_app()

    def _tell_app(self) -> None:
        gone = getattr(self._app, "terminal_gone", None)
        if gone is not None:
            gone()

    def stop_waiting_for_output(self) -> None:
        """(any thread) The program is ending: from now on a write that would wait for
        the terminal is dropped, and a write waiting now is let go."""
        self._hurry = True
        writer = self._writer_thread
        pending = getattr(writer, "_queue", None)
        if isinstance(pending, queue.Queue) and pending.full():
            with contextlib.suppress(queue.Empty):
                while True:
                    pending.get_nowait()  # frees the main thread from its blocking put

    def write(self, data: str) -> None:
        if self._output.lost:
            return
        writer = self._writer_thread
        assert writer is not None, "Driver must be in application mode"
        pending = getattr(writer, "_queue", None)
        if self._hurry and isinstance(pending, queue.Queue):
            # Ending: the terminal gets a moment to take each write (the last ones put it
            # back as it was); once it has failed to, nothing more waits for it.
            try:
                pending.put(data, timeout=0 if self._stalled else STALL_WAIT)
            except queue.Full:
                self._stalled = True
            return
        writer.write(data)

    def close(self) -> None:
        writer = self._writer_thread
        if writer is None:
            return
        pending = getattr(writer, "_queue", None)
        if (self._hurry or self._output.lost) and isinstance(pending, queue.Queue):
            with contextlib.suppress(queue.Full):
                pending.put_nowait(None)
            writer.join(0.2)  # a terminal that takes nothing must not keep us here
            return
        writer.stop()

    def unread_input(self) -> int:
        """(any thread) Bytes typed that the input thread has not read yet."""
        if self._key_thread is None or not self._key_thread.is_alive():
            return 0
        try:
            import fcntl
            import termios

            waiting = fcntl.ioctl(self.fileno, termios.FIONREAD, b"\0\0\0\0")
        except OSError:
            return 0
        return int.from_bytes(waiting, sys.byteorder)

    def seconds_since_input(self) -> float:
        """(any thread) Since the input thread last read something from the terminal
        (infinite once input has ended: nothing more can come)."""
        if self._key_thread is None or not self._key_thread.is_alive():
            return float("inf")
        return time.monotonic() - self._last_input

    def last_words(self) -> None:
        """(any thread) Put the terminal back as it was, as far as one write can."""
        if self._output.lost:
            return
        if self.attrs_before is not None:
            with contextlib.suppress(Exception):
                import termios

                termios.tcsetattr(self.fileno, termios.TCSANOW, self.attrs_before)
        with contextlib.suppress(OSError):
            os.write(self._output.fileno(), RESTORE.encode())

    # --- suspending: only what SIGTSTP suspended is resumed ----------------------------

    def _sigtstp_application(self, *args: Any) -> None:
        self._suspended = True
        super()._sigtstp_application(*args)

    def _sigcont_application(self, *args: Any) -> None:
        # A hang-up sends SIGCONT too: resuming then would start a second writer and a
        # second input thread on a terminal that is gone.
        if not self._suspended:
            return
        self._suspended = False
        super()._sigcont_application(*args)

    # --- input ---------------------------------------------------------------------------

    def disable_input(self) -> None:
        """As Textual's, but the input thread is woken at once instead of within 0.1 s."""
        try:
            if not self.exit_event.is_set():
                signal.signal(signal.SIGWINCH, signal.SIG_DFL)
                self._disable_mouse_support()
                self.exit_event.set()
                with contextlib.suppress(OSError):
                    os.write(self._wake_write, b"\0")
                if self._key_thread is not None:
                    self._key_thread.join()
                self.exit_event.clear()
                with contextlib.suppress(Exception):
                    import termios

                    termios.tcflush(self.fileno, termios.TCIFLUSH)
        except Exception:
            pass  # as Textual's: stopping input must not stop the rest of the shutdown

    def run_input_thread(self) -> None:
        """Textual's input loop, except that the end of input (end of file, or an error:
        the terminal is gone) ends the loop and is reported, and `disable_input` wakes it."""
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(self._wake_read, selectors.EVENT_READ)
        parser = XTermParser(self._debug)
        decode = getincrementaldecoder("utf-8")().decode
        try:
            while not self.exit_event.is_set():
                for key, _mask in selector.select(0.1):
                    if key.fd == self._wake_read:
                        with contextlib.suppress(OSError):
                            os.read(self._wake_read, 512)
                        continue
                    try:
                        data = os.read(self.fileno, 4096)
                    except (BlockingIOError, InterruptedError):
                        continue
                    except OSError:
                        data = b""  # EIO: the terminal hung up
                    if not data:
                        self._tell_app()
                        return
                    self._last_input = time.monotonic()
                    for event in parser.feed(decode(data)):
                        self.process_message(event)
                for event in parser.tick():
                    self.process_message(event)
        finally:
            selector.close()
            with contextlib.suppress(EOFError, ParseError):
                for _event in parser.feed(""):
                    pass
