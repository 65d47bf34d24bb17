"""Time to first paint of `advisor interview`: from process start to the welcome screen on the terminal.

Runs the real command in a pseudo-terminal (80x24) several times and prints the times; the target is
well under a second. Usage: `python benchmarks/bench_tui.py [RUNS]`. Needs pexpect (a test extra).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time

import pexpect

TARGET_SECONDS = 1.0


def first_paint(cwd: str) -> float:
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
    return elapsed


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as cwd:
        times = [first_paint(cwd) for _ in range(runs)]
    median = statistics.median(times)
    print("first paint (s): " + " ".join(f"{t:.3f}" for t in times))
    print(f"min {min(times):.3f}  median {median:.3f}  target < {TARGET_SECONDS:.1f}")
    return 0 if median < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
