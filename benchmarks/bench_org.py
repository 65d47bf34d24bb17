"""`advisor org` over 1,000 generated services, measured against one `advisor decide --dry-run` in the same run.

Usage: python benchmarks/bench_org.py [--services N] [--runs R] [--keep DIR] [--markdown]

The organisation is a folder of N services, each decided with `advisor decide` (ADR, skeleton and lock) from
answers varied across the five examples (team size, teams, clusters, RPO and environments), decided in two worker
processes so the setup takes a minute, not five. Each row is then a fresh process, pinned to one core with
`taskset -c 0` (the targets are for one core), median of the runs, CPU time and peak RSS of the child alone
(benchmarks/run.py's `measure`). The `--jobs 2` rows use both cores: what the second core buys.
Targets: `org list` within 20x one `decide --dry-run`, `org impact` within 40x, `org site` under 30 s, peak
memory under 1 GiB.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from multiprocessing import get_context
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import EXAMPLES, PY, ROOT, Row, Spec, rows

TASKSET = shutil.which("taskset")
EXAMPLE_NAMES = ("scenario-a", "scenario-b", "scenario-c", "phase-2", "scenario-b-c")
ENVIRONMENTS = [("dev", "prod"), ("dev", "staging", "prod"), ("staging", "prod"), ("prod",)]


def answers_text(index: int) -> str:
    """Varied answers: the five examples, each with its own name and team shape, RPO and environments."""
    text = (EXAMPLES / f"{EXAMPLE_NAMES[index % 5]}.yaml").read_text()
    lines = []
    for line in text.splitlines():
        key = line.strip().split(":")[0]
        if line.startswith("  name: "):
            line = f"  name: svc-{index:04d}"
        elif line.startswith("  size: "):
            line = f"  size: {3 + index % 17}"
        elif line.startswith("  teams: "):
            line = f"  teams: {1 + (index // 5) % 4}"
        elif line.startswith("  clusters: "):
            line = f"  clusters: {1 + (index // 7) % 3}"
        elif line.startswith("  rpo_minutes: "):
            line = f"  rpo_minutes: {(5, 15, 30, 60)[(index // 3) % 4]}"
        elif key == "environments":
            line = "environments: [" + ", ".join(ENVIRONMENTS[(index // 11) % 4]) + "]"
        elif line.startswith("  bucket: "):
            line = f"  bucket: svc-{index:04d}-backups"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _decide(args: tuple[Path, int]) -> None:
    from advisor.answers import parse_answers
    from advisor.pipeline import Options, decide_and_write, resolve_date

    folder, index = args
    folder.mkdir(parents=True, exist_ok=True)
    text = answers_text(index)
    (folder / "answers.yaml").write_text(text)
    options = Options(out_dir=folder / "deploy", adr_dir=folder / "docs/adr", date=resolve_date("2026-01-15"),
                      answers_path=folder / "answers.yaml", base_dir=folder)  # fmt: skip
    decide_and_write(parse_answers(text, str(folder / "answers.yaml")), options)


def generate(root: Path, count: int) -> None:
    jobs = [(root / f"team-{i % 40:02d}" / f"svc-{i:04d}", i) for i in range(count)]
    with get_context("fork").Pool(2) as pool:
        for _ in pool.imap_unordered(_decide, jobs, chunksize=8):
            pass


def one_core(argv: list[str]) -> list[str]:
    return [TASKSET, "-c", "0", *argv] if TASKSET else argv


def advisor(*args: str) -> list[str]:
    return [PY, "-m", "advisor", *args]


def table(root: Path, work: Path, runs: int, count: int) -> list[tuple[Row, Row | None, float | None, str]]:
    reference = root / "team-00" / "svc-0000"
    site = work / "site"

    def fresh_site() -> None:
        shutil.rmtree(site, ignore_errors=True)

    rules = str(EXAMPLES / "org-rules")
    specs = [
        Spec("advisor decide --dry-run (one service)", one_core(advisor(
            "decide", "--dry-run", "--answers", "answers.yaml", "--date", "2026-01-15")), reference),
        Spec(f"advisor org list ({count:,} services)", one_core(advisor("org", "list", str(root))), work),
        Spec("advisor org impact --rules org-rules", one_core(advisor("org", "impact", "--rules", rules, str(root))),
             work),
        Spec("advisor org site", one_core(advisor("org", "site", "--out", str(site), str(root))), work, fresh_site),
        Spec("advisor org list --jobs 2", advisor("org", "list", "--jobs", "2", str(root)), work),
        Spec("advisor org impact --jobs 2", advisor("org", "impact", "--jobs", "2", "--rules", rules, str(root)), work),
        Spec("advisor org site --jobs 2", advisor("org", "site", "--jobs", "2", "--out", str(site), str(root)), work,
             fresh_site),
    ]  # fmt: skip
    got = rows(specs, runs)
    dry = got[specs[0].name]
    return [
        (dry, None, None, ""),
        (got[specs[1].name], dry, 20.0, "x"),
        (got[specs[2].name], dry, 40.0, "x"),
        (got[specs[3].name], None, 30.0, "s"),
        (got[specs[4].name], None, None, ""),
        (got[specs[5].name], None, None, ""),
        (got[specs[6].name], None, None, ""),
    ]


def render(table_rows, markdown: bool) -> str:
    """Ratios and the site's target on CPU time (user + system of the child and its workers): on a shared machine
    wall time also counts everyone else's work; on a quiet core the two agree."""
    head = ["what", "median wall s", "median CPU s", "peak RSS MB", "vs one decide --dry-run (CPU)", "target", "met"]
    lines = []
    for row, floor, target, unit in table_rows:
        ratio = row.cpu / floor.cpu if floor else None
        if target is None:
            goal, met = "", ""
        elif unit == "x":
            goal, met = f"<= {target:.0f}x", "yes" if ratio is not None and ratio <= target else "NO"
        else:
            goal, met = f"< {target:.0f} s", "yes" if row.cpu < target else "NO"
        if row.rss_mb >= 1024:
            met = "NO (over 1 GiB)"
        lines.append([row.name, f"{row.wall:.2f}", f"{row.cpu:.2f}", f"{row.rss_mb:.0f}",
                      f"{ratio:.1f}x" if ratio else "", goal, met])  # fmt: skip
    if markdown:
        out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        return "\n".join(out + ["| " + " | ".join(line) + " |" for line in lines])
    widths = [max(len(x) for x in col) for col in zip(head, *lines, strict=True)]
    return "\n".join("  ".join(f"{x:<{w}}" for x, w in zip(line, widths, strict=True)) for line in [head, *lines])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="generate the organisation here once and reuse it")
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("PYTHONPATH", str(ROOT))
    with tempfile.TemporaryDirectory(prefix="advisor-org-bench-") as tmp:
        root = args.keep or Path(tmp) / "org"
        if not (root / ".generated").is_file():
            generate(root, args.services)
            (root / ".generated").write_text(f"{args.services}\n")
        work = Path(tmp) / "work"
        work.mkdir()
        count = int((root / ".generated").read_text())  # a kept organisation may hold another number
        print(render(table(root, work, args.runs, count), args.markdown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
