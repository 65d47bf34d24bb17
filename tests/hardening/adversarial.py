"""ADR logs built to make advisor slow or loud: each writes one folder (shared by the tests and the benchmark).

Every input once cost minutes or gigabytes: a backtracking pattern over a long status line, a message per
record naming every other record, a nested scan of body links against dangling links, the sanitiser on deeply
nested tags, YAML parsing of megabytes of front matter, a scan of the whole log for every lookup.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

MB = 1024 * 1024
_HEAD = "---\nstatus: accepted\ndate: 2024-01-01\n---\n"


def _one(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def long_status_line(folder: Path) -> None:
    """A status of 1 MB of words: `accepted a a a ...` (20 KB took 6 s, 100 KB over a minute)."""
    _one(
        folder,
        "0001-long-status.md",
        "# 1. Long status\n\nDate: 2024-01-01\n\n## Status\n\nAccepted" + " a" * (MB // 2),
    )


def status_of_brackets(folder: Path) -> None:
    """A status line of half-open links and a long run of spaces, for the link patterns."""
    text = "# 1. Brackets\n\n* Status: proposed " + "[](" * (MB // 6) + " " * (MB // 2) + "x\n"
    _one(folder, "0001-brackets.md", text)


def spaces_everywhere(folder: Path) -> None:
    """Long runs of spaces where heading, ignore-comment and title-prefix patterns look."""
    run = " " * (MB // 4)
    text = f"# ADR{'0' * (MB // 8)}1 a{run}b #\n\n<!-- advisor-check: ignore{run}x\n\nStatus: accepted\n"
    _one(folder, "0001-spaces.md", text)


def shared_number(folder: Path, count: int = 2000) -> None:
    """2,000 records that share one number (check printed about 1 GB: each finding named every other record)."""
    for index in range(count):
        _one(folder, f"0001-record-{index:04d}.md", f"{_HEAD}# Record {index}\n")


def dangling_links(folder: Path, count: int = 20_000) -> None:
    """A 1.3 MB record whose body links and status links all dangle (each body link was compared with each)."""
    links = "".join(f"* Amends: [ADR-{9000 + i}](9{i:06d}-missing.md)\n" for i in range(count))
    body = "".join(f"See [x](9{i:06d}-missing.md).\n\n" for i in range(count))
    _one(folder, "0001-links.md", f"# 1. Links\n\n* Status: accepted\n{links}\n## Context\n\n{body}")


def nested_divs(folder: Path) -> None:
    """`<div>` 200,000 times: the sanitiser took over 30 s."""
    _one(folder, "0001-divs.md", f"{_HEAD}# Divs\n\n" + "<div>" * 200_000 + "\n")


def markup_flood(folder: Path) -> None:
    """A body of `![`: about 70 µs each in markdown-it-py."""
    _one(folder, "0001-markup.md", f"{_HEAD}# Markup\n\n" + "![" * (MB // 2) + "\n")


def huge_front_matter(folder: Path) -> None:
    """1.9 MB of front matter that YAML reads to its very end before failing (check took 31 s): libyaml gives
    up at the last line, and the pure-Python loader, asked for a better message, reads it all again."""
    lines = "".join(f"key{i}: value {i}\n" for i in range(120_000))
    cut = lines[: 19 * MB // 10].rsplit("\n", 1)[0] + "\n"  # whole lines, then one that does not close
    _one(folder, "0001-front-matter.md", f"---\nstatus: accepted\n{cut}broken: [\n---\n# Front matter\n")


def ordinary_records(folder: Path, count: int = 20_000) -> None:
    """Many ordinary records, a third each MADR with an advisor block, adr-tools and log4brains (over 120 s)."""
    import sys

    root = Path(__file__).resolve().parents[2]
    sys.path.insert(0, str(root / "benchmarks"))
    try:
        from bench_adr import write_records
    finally:
        sys.path.remove(str(root / "benchmarks"))
    folder.mkdir(parents=True, exist_ok=True)
    write_records(folder, count)


def supersession_chain(folder: Path, count: int = 5000) -> None:
    """Each record superseded by the next, the last by the first: one cycle 5,000 records long."""
    for index in range(1, count + 1):
        after = index % count + 1
        status = f"superseded by [ADR-{after:04d}]({after:04d}-step-{after}.md)"
        _one(folder, f"{index:04d}-step-{index}.md", f"---\nstatus: {status}\ndate: 2024-01-01\n---\n# Step {index}\n")


def many_projects(folder: Path, count: int = 3000) -> None:
    """Advisor records of as many projects, each answers of its own: every one is re-decided (the site, with
    what-if, took 11 ms each: 2,000 took 22 s)."""
    import yaml

    root = Path(__file__).resolve().parents[2]
    answers = yaml.safe_load((root / "examples" / "scenario-b.yaml").read_text())
    for index in range(1, count + 1):
        answers["project"]["name"] = f"svc{index}"
        block = yaml.safe_dump({"advisor": {"format": 1, "answers": answers}}, sort_keys=False)
        text = f"---\nstatus: accepted\ndate: 2025-01-01\n{block}---\n# Svc {index}\n"
        _one(folder, f"{index:04d}-svc{index}.md", text)


def links_and_dates(folder: Path) -> None:
    """Half-open links, comments and anchors a megabyte long for the link checker; dates, review dates and an
    index table built for the date and table patterns."""
    body = "[a](" * (MB // 8) + "\n" + "<!--[x](" * (MB // 16) + "\n" + "[b](#" + "a-" * (MB // 4) + ")\n"
    date = "1/" * 4000
    text = f"# 1. Links\n\nDate: {date}\nReview-by: {'13 ' * 2000}\n\n## Status\n\n✅ Accepted\n\n## Context\n\n{body}"
    _one(folder, "2021-06-05_001-links.md", text)
    table = "| ADR | Title |\n|" + "---|" * (MB // 8) + "x\n| [1](./2021-06-05_001-links.md) | Links |\n"
    _one(folder, "README.md", table + "[2](0002-gone.md)\n")


INPUTS: dict[str, Callable[[Path], None]] = {
    "links-and-dates": links_and_dates,
    "long-status-line": long_status_line,
    "status-of-brackets": status_of_brackets,
    "spaces-everywhere": spaces_everywhere,
    "shared-number": shared_number,
    "dangling-links": dangling_links,
    "nested-divs": nested_divs,
    "markup-flood": markup_flood,
    "huge-front-matter": huge_front_matter,
    "supersession-chain": supersession_chain,
    "many-projects": many_projects,
    "ordinary-records": ordinary_records,
}
