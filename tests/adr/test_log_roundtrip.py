"""Property: a log written in any layout advisor reads comes back with the same numbers, titles, statuses, dates
and links, whatever the file names, title prefixes, status decorations and date spellings it uses."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.adr.linkcheck import LinkChecker
from advisor.adr.log import load_log

WORDS = ["cache", "queue", "events", "storage", "gateway", "metrics", "tokens", "schema", "billing", "search"]
STATUSES = ["accepted", "proposed", "rejected", "deprecated"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]  # fmt: skip
FILE_NAMES = {
    "plain": lambda n, slug, day: f"{n:04d}-{slug}.md",
    "adrnnn": lambda n, slug, day: f"ADR{n:03d}-{slug}.md",
    "adr-dash": lambda n, slug, day: f"ADR-{n:04d}-{slug}.md",
    "dated": lambda n, slug, day: f"{day.isoformat()}_{n:03d}-{slug}.md",
}
TITLE_PREFIXES = {
    "dot": lambda n: f"{n}. ",
    "bare": lambda n: f"{n} ",
    "colon": lambda n: f"{n}: ",
    "adr-colon": lambda n: f"ADR {n}: ",
    "none": lambda n: "",
}
DATES = {
    "iso": lambda d: d.isoformat(),
    "day-first": lambda d: d.strftime("%d/%m/%Y"),
    "month-first": lambda d: d.strftime("%m/%d/%Y"),
    "words": lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}",
}
DECORATIONS = ["", "✅ ", "⌛️ ", "**", "_"]


@dataclass
class Spec:
    number: int
    title: str
    status: str
    day: dt.date
    superseded_by: int | None = None


@st.composite
def logs(draw):
    count = draw(st.integers(2, 6))
    numbers = sorted(draw(st.sets(st.integers(1, 999), min_size=count, max_size=count)))
    titles = draw(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3, unique=True), min_size=count,
                           max_size=count))  # fmt: skip
    days = draw(st.lists(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)), min_size=count, max_size=count))
    specs = [
        Spec(n, f"Use {' '.join(words)} {i}", draw(st.sampled_from(STATUSES)), day)
        for i, (n, words, day) in enumerate(zip(numbers, titles, days, strict=True))
    ]
    if draw(st.booleans()):  # the first record superseded by the last
        specs[0].status, specs[0].superseded_by = "superseded", specs[-1].number
    return specs


def _slug(title: str) -> str:
    return title.lower().replace(" ", "-")


def _record(spec: Spec, specs: list[Spec], names: dict[int, str], layout: str, prefix: str, date: str, deco: str):
    by_number = {s.number: s for s in specs}
    title = TITLE_PREFIXES[prefix](spec.number) + spec.title
    word = spec.status.capitalize()
    close = deco.strip() if deco.strip() in ("**", "_") else ""
    status = f"{deco}{word}{close}"
    link = ""
    if spec.superseded_by is not None:
        target = by_number[spec.superseded_by]
        link = f" by [{target.number}. {target.title}]({names[target.number]})"
    supersedes = [s for s in specs if s.superseded_by == spec.number]
    back = "".join(f"Supersedes [{s.number}. {s.title}]({names[s.number]})\n\n" for s in supersedes)
    if layout == "front-matter":
        keys = f"supersedes: [{', '.join(names[s.number] for s in supersedes)}]\n" if supersedes else ""
        head = (
            f"---\ntitle: |\n  {title}\nstatus: {spec.status}{link}\ndate: {date}\n{keys}decision-makers: [Ana]\n---\n"
        )
        return head + "\n## Context\n\nWhy.\n"
    heading = f"# {title}\n\n"
    if layout == "section":
        return f"{heading}Date: {date}\n\n## Status\n\n{status}{link}\n\n{back}## Context\n\nWhy.\n"
    if layout == "bullets":
        back_bullets = back.replace("Supersedes [", "- Supersedes: [").replace("\n\n", "\n")
        return f"{heading}- Status: {status}{link}\n- Date: {date}\n{back_bullets}\n## Context\n\nWhy.\n"
    back_lines = back.replace("Supersedes [", "Supersedes: [").replace("\n\n", "\n")
    return f"{heading}**Status:** {status}{link}\n{back_lines}Date: {date}\n\n## Context\n\nWhy.\n"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    specs=logs(),
    names=st.sampled_from(sorted(FILE_NAMES)),
    layout=st.sampled_from(["section", "bullets", "lines", "front-matter"]),
    prefix=st.sampled_from(sorted(TITLE_PREFIXES)),
    dates=st.sampled_from(sorted(DATES)),
    deco=st.sampled_from(DECORATIONS),
)
def test_a_generated_log_reads_back(specs, names, layout, prefix, dates, deco) -> None:
    if layout == "front-matter":
        deco = ""  # YAML keeps an emoji status as written; MADR logs put the word alone there
    file_names = {s.number: FILE_NAMES[names](s.number, _slug(s.title), s.day) for s in specs}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "adr"
        folder.mkdir()
        for spec in specs:
            text = _record(spec, specs, file_names, layout, prefix, DATES[dates](spec.day), deco)
            (folder / file_names[spec.number]).write_text(text, encoding="utf-8")
        order = dates if dates in ("day-first", "month-first") else None  # a log of 12th-or-earlier days needs it
        log = load_log(folder, order)
        records = log.sorted()
        assert [r.number for r in records] == [s.number for s in specs]
        assert [r.title for r in records] == [s.title for s in specs]
        assert [r.status for r in records] == [s.status for s in specs]
        assert [r.date_iso for r in records] == [s.day.isoformat() for s in specs]
        for record, spec in zip(records, specs, strict=True):
            successors = [t.number for link in record.links_of("superseded by") for t in log.resolve(link)]
            assert successors == ([spec.superseded_by] if spec.superseded_by is not None else [])
            predecessors = [t.number for link in record.links_of("supersedes") for t in log.resolve(link)]
            assert predecessors == [s.number for s in specs if s.superseded_by == spec.number]
        assert LinkChecker(log, Path(tmp)).check() == []
