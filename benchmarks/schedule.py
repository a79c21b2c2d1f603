"""`notify --install` timed as a whole process: plan, show, write the systemd units, run
`systemctl` (a stand-in on PATH that does nothing, so no real timer is touched), into a
throwaway HOME.

The journal is only looked at (is it a file?), never opened, so its size should not
matter: the figure is the program's start-up plus a few small files.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from benchmarks.measure import Figure, repeat, run_process


def notify_install(
    program: list[str], journal: Path, env: dict[str, str], runs: int, *, platform: str
) -> Figure:
    """Seconds for `notify --install --yes --platform PLATFORM` on `journal`, each run
    into a fresh HOME (so each is a first install, not a replacement)."""
    with tempfile.TemporaryDirectory(prefix="ij-bench-schedule-") as scratch:
        tools = Path(scratch) / "bin"
        tools.mkdir()
        for name in ("systemctl", "launchctl"):
            (tools / name).write_text("#!/bin/sh\nexit 0\n")
            (tools / name).chmod(0o700)
        counter = iter(range(1_000_000))

        def once() -> float:
            home = Path(scratch) / f"home-{next(counter)}"
            home.mkdir()
            run_env = env | {
                "HOME": str(home),
                "XDG_CONFIG_HOME": str(home / ".config"),
                "PATH": f"{tools}{os.pathsep}{env.get('PATH', '')}",
            }
            argv = [*program, "--db", str(journal), "notify", "--install", "--yes"]
            return run_process([*argv, "--platform", platform], env=run_env)

        return repeat(runs, once)


if __name__ == "__main__":
    import sys

    from benchmarks.__main__ import environment, program

    # python -m benchmarks.schedule JOURNAL... (e.g. demo journals of 1,000 and 100,000)
    with tempfile.TemporaryDirectory(prefix="ij-bench-home-") as bench_home:
        bench_env = environment(Path(bench_home))
        for given in sys.argv[1:]:
            for name in ("systemd", "cron"):
                figure = notify_install(program(), Path(given), bench_env, 5, platform=name)
                print(
                    f"notify --install --platform {name}  {given}  median "
                    f"{figure.median:.3f} s  (min {figure.low:.3f}, max {figure.high:.3f})"
                )
