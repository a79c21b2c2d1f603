"""Child processes a test starts, and kills, and must not leave behind."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def reaped(process: subprocess.Popen[Any]) -> Iterator[subprocess.Popen[Any]]:
    """The block's process, killed and waited for at the end if it is still running (the
    block failed before it ended the process itself)."""
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
