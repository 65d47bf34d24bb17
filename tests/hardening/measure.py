"""Running the real CLI as a child process and measuring that child alone.

`resource.getrusage(RUSAGE_CHILDREN)` mixes every child the test run ever waited for, so CPU time
comes from `os.wait4`, which reports the rusage of exactly one process. Its peak RSS, though, also
counts the pages the child inherited from pytest before `exec`; `/usr/bin/time` (a tiny parent)
reports the peak of the program alone, so it is used when present (wait4's figure, an upper bound,
otherwise). Output goes to files, not pipes, so a chatty child can never block before we reap it. The child runs
in a session of its own, so a run past its timeout is killed whole: killing `time` alone would leave advisor
running on, orphaned.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TIME = shutil.which("time", path="/usr/bin:/bin")


@dataclass
class Measured:
    code: int
    out: str
    err: str
    seconds: float  # wall clock
    cpu_seconds: float  # user + system: what the run cost, whatever else the machine is doing
    max_rss_mb: float

    def __str__(self) -> str:
        return (
            f"exit {self.code} in {self.seconds:.2f}s ({self.cpu_seconds:.2f}s CPU), {self.max_rss_mb:.0f} MB\n"
            f"--- stdout ---\n{self.out[:2000]}\n--- stderr ---\n{self.err[:4000]}"
        )


def run_measured(args: list[str], *, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60.0) -> Measured:
    """Run `python -m advisor ARGS`; kill it after `timeout` seconds (a hang is a failure, not a stuck suite)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as rss:
        wrapper = [TIME, "-o", rss.name, "-f", "%M"] if TIME else []
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*wrapper, sys.executable, "-m", "advisor", *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            env={**os.environ, **(env or {}), "PYTHONPATH": str(ROOT)},
            start_new_session=True,
        )
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                os.killpg(proc.pid, signal.SIGKILL)  # `time` and advisor under it
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.005)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)  # stop Popen from reaping it again
        out.seek(0)
        err.seek(0)
        reported = Path(rss.name).read_text().split()
        max_rss_kb = int(reported[-1]) if TIME and reported and reported[-1].isdigit() else usage.ru_maxrss
        return Measured(
            code=proc.returncode,
            out=out.read().decode("utf-8", "replace"),
            err=err.read().decode("utf-8", "replace"),
            seconds=seconds,
            cpu_seconds=usage.ru_utime + usage.ru_stime,
            max_rss_mb=max_rss_kb / 1024,  # kilobytes on Linux
        )
