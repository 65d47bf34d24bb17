"""The benchmark table: each hot path next to its floor, measured in the same run (not part of the tests).

Usage: python benchmarks/run.py [--runs N] [--markdown | --write-docs]

Every row is a fresh process; the table shows the median wall time, the median CPU time (user + system,
which does not grow when the machine is busy with other work) and the peak RSS of the child alone
(`os.wait4`). Floors: `python -c pass`, and a bare import of the libraries the path needs. Targets
(issue 6): `--version` within 2x the interpreter floor, `decide --dry-run` within 1.5x its import
floor, `adr list` over 1,000 records under 0.5 s, `adr site` over them under 3 s (a fresh build: the
whole site written). The TUI's first paint comes from bench_tui.py.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
TIME = shutil.which("time", path="/usr/bin:/bin")
EXAMPLES = ROOT / "examples"


@dataclass
class Row:
    name: str
    wall: float
    cpu: float
    rss_mb: float
    note: str = ""


def measure(argv: list[str], cwd: Path, prepare: Callable[[], None] | None = None) -> tuple[float, float, float]:
    """One run of `argv`: (wall seconds, CPU seconds, peak RSS MB) of that child only.

    wait4's peak RSS would include the pages the child inherits from this script before `exec`, so the
    peak comes from `/usr/bin/time` (a tiny parent) when it is installed.
    """
    if prepare:
        prepare()
    # Bytecode is written (and read) as an installed package would have it: a shell that sets
    # PYTHONDONTWRITEBYTECODE would otherwise make every row compile advisor from source, every run.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.NamedTemporaryFile() as rss:
        wrapper = [TIME, "-o", rss.name, "-f", "%M"] if TIME else []
        start = time.perf_counter()
        proc = subprocess.Popen([*wrapper, *argv], cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        reported = Path(rss.name).read_text().split()
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{err}")
    peak_kb = int(reported[-1]) if TIME and reported and reported[-1].isdigit() else usage.ru_maxrss
    return wall, usage.ru_utime + usage.ru_stime, peak_kb / 1024


@dataclass
class Spec:
    name: str
    argv: list[str]
    cwd: Path
    prepare: Callable[[], None] | None = None


def rows(specs: list[Spec], runs: int) -> dict[str, Row]:
    """Every spec measured `runs` times, round-robin: a burst of load on a shared machine then lands on every
    row alike instead of on whichever row was running, so the ratios between rows hold."""
    for spec in specs:
        measure(spec.argv, spec.cwd, spec.prepare)  # warm the page cache and the .pyc files
    samples: dict[str, list[tuple[float, float, float]]] = {spec.name: [] for spec in specs}
    for _ in range(runs):
        for spec in specs:
            samples[spec.name].append(measure(spec.argv, spec.cwd, spec.prepare))
    return {
        name: Row(
            name, statistics.median(s[0] for s in got), statistics.median(s[1] for s in got), max(s[2] for s in got)
        )
        for name, got in samples.items()
    }


def advisor(*args: str) -> list[str]:
    return [PY, "-m", "advisor", *args]


def imports(*modules: str) -> list[str]:
    return [PY, "-c", "import " + ", ".join(modules)]


def adr_folder(folder: Path, count: int) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_adr import write_records

    write_records(folder, count)


def table(runs: int) -> list[tuple[Row, Row | None, float | None]]:
    """(row, its floor, target ratio or seconds)."""
    out: list[tuple[Row, Row | None, float | None]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        adrs = work / "adrs"
        adrs.mkdir()
        adr_folder(adrs, 1000)
        python = Spec("python -c pass", [PY, "-c", "pass"], work)
        version = Spec("advisor --version", advisor("--version"), work)
        # decide renders the ADR (Jinja2) and the skeleton (PyYAML) even with --dry-run, and `import pydantic`
        # alone is lazy (BaseModel loads the machinery every model needs): that is its floor
        core = Spec(
            "import BaseModel, yaml, jinja2 (decide floor)",
            [PY, "-c", "from pydantic import BaseModel; import yaml, jinja2"],
            work,
        )
        dry = Spec(
            "advisor decide --dry-run --json",
            advisor("decide", "--dry-run", "--json", "--answers", str(EXAMPLES / "scenario-a.yaml"),
                    "--adr-dir", str(work / "empty-adr"), "--out", str(work / "deploy"), "--date", "2025-01-15"),
            work,
        )  # fmt: skip

        # The second run: a skeleton decided and written before, the same answers again. The lock vouches for
        # every file, so nothing is rendered to be compared.
        again = ["--answers", str(EXAMPLES / "scenario-a.yaml"), "--adr-dir", str(work / "again" / "adr"),
                 "--out", str(work / "again" / "deploy"), "--date", "2025-01-15"]  # fmt: skip
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run(advisor("decide", *again), cwd=work, env=env, check=True, capture_output=True)
        unchanged = Spec("advisor decide --dry-run, decided before", advisor("decide", "--dry-run", "--json", *again),
                         work)  # fmt: skip

        def fresh() -> None:
            shutil.rmtree(work / "full", ignore_errors=True)

        full = Spec(
            "decide: Kustomize + Helm, 3 envs",
            advisor("decide", "--answers", str(EXAMPLES / "scenario-b-c.yaml"), "--out", str(work / "full" / "deploy"),
                    "--adr-dir", str(work / "full" / "adr"), "--date", "2025-01-15"),
            work,
            fresh,
        )  # fmt: skip
        md = Spec("import yaml, markdown_it (ADR floor)", imports("yaml", "markdown_it"), work)
        listing = Spec("advisor adr list (1,000 ADRs)", advisor("adr", "list", "--adr-dir", str(adrs)), work)
        check = Spec("advisor check (1,000 ADRs)", advisor("check", "--adr-dir", str(adrs)), work)
        site = Spec(
            "advisor adr site (1,000 ADRs)",
            advisor("adr", "site", "--adr-dir", str(adrs), "--out", str(work / "site")),
            work,
            lambda: shutil.rmtree(work / "site", ignore_errors=True),
        )
        specs = [python, version, core, dry, unchanged, full, md, listing, check, site]
        measured = rows(specs, runs)

        def got(spec: Spec) -> Row:
            return measured[spec.name]

        out += [
            (got(python), None, None),
            (got(version), got(python), 2.0),
            (got(core), got(python), None),
            (got(dry), got(core), 1.5),
            (got(unchanged), got(core), None),
        ]
        out += [(got(full), got(core), None), (got(md), got(python), None)]
        out += [(got(listing), got(md), 0.5), (got(check), got(md), None), (got(site), got(md), 3.0)]
    return out


def tui_row(runs: int) -> Row | None:
    try:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        from bench_tui import first_paint
    except ImportError as exc:  # pexpect is a test extra
        print(f"(TUI first paint skipped: {exc})", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as cwd:
        first_paint(cwd)
        results = [first_paint(cwd) for _ in range(runs)]
    return Row("advisor interview: first paint", statistics.median(r[0] for r in results),
               statistics.median(r[1] for r in results), float("nan"), "pty; RSS not measured")  # fmt: skip


def render(rows: list[tuple[Row, Row | None, float | None]], markdown: bool) -> str:
    head = ["what", "median wall s", "median CPU s", "peak RSS MB", "vs floor (CPU)", "target", "met"]
    lines = []
    for r, floor, target in rows:
        ratio = r.cpu / floor.cpu if floor and floor.cpu else None
        if target is None:
            goal, met = "", ""
        elif r.name.startswith(("advisor adr list", "advisor adr site")):
            goal, met = f"< {target} s wall", "yes" if r.wall < target else "NO"
        else:
            goal = f"<= {target}x {floor.name.split(' (')[0]}" if floor else ""
            met = "yes" if ratio is not None and ratio <= target else "NO"
        rss = "" if r.rss_mb != r.rss_mb else f"{r.rss_mb:.0f}"
        vs = f"{ratio:.2f}x" if ratio is not None else ""
        lines.append([r.name, f"{r.wall:.3f}", f"{r.cpu:.3f}", rss, vs, goal, met])
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(out + ["| " + " | ".join(line) + " |" for line in lines])
    widths = [max(len(x) for x in col) for col in zip(head, *lines, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    return "\n".join([fmt.format(*head), *(fmt.format(*line) for line in lines)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table (for docs/performance.md)")
    parser.add_argument("--no-tui", action="store_true")
    parser.add_argument(
        "--write-docs",
        action="store_true",
        help="write the Markdown table into docs/performance.md and refill every figure quoted from it (figures.py)",
    )
    args = parser.parse_args()
    rows = table(args.runs)
    tui = None if args.no_tui else tui_row(max(3, args.runs // 2))
    if tui:
        rows.append((tui, None, None))
    if args.write_docs:
        from figures import write_docs  # benchmarks/ is this script's own folder on sys.path

        for page in write_docs(render(rows, markdown=True)):
            print(f"wrote {page.relative_to(ROOT)}")
        return 0
    print(render(rows, args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
