"""Time `check`, `adr list` and `adr site` on logs built to hang or flood them (a script, not a test).

Usage: python benchmarks/bench_hostile.py [--runs N] [--markdown] [--only NAME ...] [--tree DIR] [--timeout S]

The logs come from tests/hardening/adversarial.py: a 1 MB status line, 2,000 records on one number, a record of
20,000 dangling links, `<div>` 200,000 times, a body of `![`, 1.9 MB of front matter, a loop of 5,000
supersessions, 20,000 ordinary records. Every row is a fresh process run from the log's repository root; the
table shows the median wall time, CPU time (user + system of the child alone), peak RSS and the bytes printed
on stdout and stderr. `--tree DIR` runs another checkout of advisor instead (the previous release, say), each
run killed after `--timeout` seconds of CPU time and shown as `> S`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TIME = shutil.which("time", path="/usr/bin:/bin")
COMMANDS = (("check",), ("adr", "list"), ("adr", "site"))


def run_once(args: list[str], cwd: Path, tree: Path, timeout: float) -> tuple[float, float, float, int] | None:
    """(wall s, CPU s, peak RSS MB, bytes printed) of one run, or None when it was killed at the timeout."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as out, tempfile.NamedTemporaryFile() as rss:
        wrapper = [TIME, "-o", rss.name, "-f", "%M"] if TIME else []
        start = time.perf_counter()
        proc = subprocess.Popen([*wrapper, sys.executable, "-m", "advisor", *args], cwd=cwd, env=env, stdout=out,
                                stderr=out, stdin=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
        polls = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            polls += 1
            if polls % 50 == 0 and (_cpu(proc.pid) > timeout or time.perf_counter() - start > 5 * timeout):
                os.killpg(proc.pid, signal.SIGKILL)  # `time` and advisor under it, not `time` alone
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                return None
            time.sleep(0.01)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        reported = Path(rss.name).read_text().split()
        peak = int(reported[-1]) if TIME and reported and reported[-1].isdigit() else usage.ru_maxrss
        return wall, usage.ru_utime + usage.ru_stime, peak / 1024, out.seek(0, os.SEEK_END)


def _cpu(pid: int) -> float:
    """CPU seconds used so far by the processes of `pid`'s session (Linux /proc; 0 elsewhere): a timeout in CPU
    time means the same on a busy machine as on a quiet one."""
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == pid:  # the session id (field 6 of stat)
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/performance.md)")
    parser.add_argument("--only", nargs="*", metavar="NAME", help="only these inputs")
    parser.add_argument("--tree", type=Path, default=ROOT, help="the advisor checkout to run (default: this one)")
    parser.add_argument("--timeout", type=float, default=120.0, help="CPU seconds before a run is killed")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from tests.hardening.adversarial import INPUTS

    rows = []
    for name in args.only or list(INPUTS):
        with tempfile.TemporaryDirectory(prefix="advisor-hostile-") as tmp:
            repo = Path(tmp)
            INPUTS[name](repo / "docs" / "adr")
            for command in COMMANDS:
                runs = []
                for _ in range(args.runs):
                    shutil.rmtree(repo / "site", ignore_errors=True)
                    measured = run_once(list(command), repo, args.tree.resolve(), args.timeout)
                    runs.append(measured)
                    if measured is None:
                        break  # one timeout is enough to say so
                rows.append((name, " ".join(command), runs))
                print(_line(rows[-1], args.timeout, markdown=False), file=sys.stderr, flush=True)
    if args.markdown:
        print("| input | command | median wall s | median CPU s | peak RSS MB | output bytes |")
        print("|---|---|---|---|---|---|")
        for row in rows:
            print(_line(row, args.timeout, markdown=True))
    return 0


def _line(row: tuple[str, str, list], timeout: float, *, markdown: bool) -> str:
    name, command, runs = row
    if any(run is None for run in runs):
        cells = [f"> {timeout:.0f}", f"> {timeout:.0f} (killed)", "", ""]
    else:
        cells = [
            f"{statistics.median(r[0] for r in runs):.2f}",
            f"{statistics.median(r[1] for r in runs):.2f}",
            f"{max(r[2] for r in runs):.0f}",
            f"{max(r[3] for r in runs):,}",
        ]
    if markdown:
        return f"| {name} | `{command}` | " + " | ".join(cells) + " |"
    return f"{name:20} {command:10} " + "  ".join(f"{cell:>18}" for cell in cells)


if __name__ == "__main__":
    raise SystemExit(main())
