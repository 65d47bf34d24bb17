"""Time to first paint of `advisor interview`: from process start to the welcome screen on the terminal.

Runs the real command in a pseudo-terminal (80x24) several times and prints the times; the target is
well under a second. Usage: `python benchmarks/bench_tui.py [RUNS]`. Needs pexpect (a test extra).
"""

from __future__ import annotations

import os
import resource
import statistics
import sys
import tempfile
import time

import pexpect

TARGET_SECONDS = 1.0


def first_paint(cwd: str) -> tuple[float, float]:
    """(seconds to the welcome screen, CPU seconds of the whole run): the second does not depend on load."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, TERM="xterm-256color")
    start = time.perf_counter()
    child = pexpect.spawn(
        sys.executable, ["-m", "advisor", "interview"], cwd=cwd, env=env, dimensions=(24, 80), encoding="utf-8"
    )
    try:
        child.expect("Start", timeout=30)  # the welcome screen's first button
        elapsed = time.perf_counter() - start
        child.send("\x11")  # ctrl+q: nothing changed, so it quits at once
        child.expect(pexpect.EOF, timeout=30)
    finally:
        child.close(force=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as cwd:
        results = [first_paint(cwd) for _ in range(runs)]
    times = [t for t, _ in results]
    median = statistics.median(times)
    print("first paint (s): " + " ".join(f"{t:.3f}" for t in times))
    print("CPU per run, start to quit (s): " + " ".join(f"{c:.3f}" for _, c in results))
    print(f"min {min(times):.3f}  median {median:.3f}  target < {TARGET_SECONDS:.1f} (a busy machine adds wait)")
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
