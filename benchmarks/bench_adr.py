"""Time `advisor adr list` on a folder of 1,000 records (a script that prints a table, not a test).

Usage: python benchmarks/bench_adr.py [--records N] [--runs R]

Builds a temporary folder of realistic records (a third each MADR with an advisor block, adr-tools,
and log4brains), then times the whole CLI process (`python -m advisor adr list`) and, in-process,
the parse of the folder alone. The target is well under 0.5 s for the parse and under a second for
the process on the reference machine (2 cores).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BODY = "\n".join(f"Paragraph {i}: the forces at play, the options and what follows from them." for i in range(40))


def write_records(folder: Path, count: int) -> None:
    from advisor.answers import load_answers

    answers = load_answers(ROOT / "examples/scenario-b.yaml")
    import yaml

    block = yaml.safe_dump({"advisor": {"answers": answers.normalised(), "answers_sha256": answers.sha256()}})
    for n in range(1, count + 1):
        kind = n % 3
        if kind == 0:
            head = f"---\nstatus: accepted\ndate: 2025-01-{n % 28 + 1:02d}\n{block}---\n\n"
            text = f"{head}# Decision {n}\n\n## Context\n\n{BODY}\n"
            name = f"{n:04d}-decision-{n}.md"
        elif kind == 1:
            text = f"# {n}. Decision {n}\n\nDate: 2024-02-03\n\n## Status\n\nAccepted\n\n## Context\n\n{BODY}\n"
            name = f"{n:04d}-decision-{n}.md"
        else:
            head = f"# Decision {n}\n\n- Status: proposed\n- Date: 2023-04-05\n\n"
            text = f"{head}## Context and Problem Statement\n\n{BODY}\n"
            name = f"2023{n % 12 + 1:02d}{n % 28 + 1:02d}-decision-{n}.md"
        (folder / name).write_text(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from advisor.adr.log import load_log

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_records(folder, args.records)
        parse_times, cli_times = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            log = load_log(folder)
            parse_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "advisor", "adr", "list", "--adr-dir", str(folder)],
                check=True,
                capture_output=True,
                cwd=ROOT,
            )
            cli_times.append(time.perf_counter() - start)
        print(f"{len(log.records)} records, {args.runs} runs")
        print(f"{'what':<32} {'median s':>9} {'max s':>9}")
        for name, times in (("load_log (parse only)", parse_times), ("advisor adr list (process)", cli_times)):
            print(f"{name:<32} {statistics.median(times):>9.3f} {max(times):>9.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
