"""Performance figures in the docs are the benchmark table's own cells, written by a tool, never retyped.

docs/performance.md holds the table that `python benchmarks/run.py --markdown` prints, between
`<!-- benchmarks:start -->` and `<!-- benchmarks:end -->`. Prose anywhere in README.md or docs/ quotes a cell as

    <!-- bench: advisor --version | vs floor (CPU) -->1.41x<!-- /bench -->

(the row's first cell, then the column's header). `python benchmarks/run.py --write-docs` measures, replaces
the table and refills every quoted cell; tests/docs/test_figures.py checks that each quote equals its cell.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERFORMANCE = ROOT / "docs" / "performance.md"
START, END = "<!-- benchmarks:start -->", "<!-- benchmarks:end -->"
QUOTE = re.compile(r"<!-- bench: (?P<row>[^|]+?) \| (?P<column>[^>]+?) -->(?P<value>[^<\n]*)<!-- /bench -->")


def pages() -> list[Path]:
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def table_of(text: str) -> str:
    if START not in text or END not in text:
        raise ValueError(f"no {START} … {END} region")
    return text.split(START, 1)[1].split(END, 1)[0].strip("\n")


def cells(table: str) -> dict[tuple[str, str], str]:
    """(row, column) -> cell, from a Markdown table whose first column names the row."""
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in table.splitlines() if line]
    head, body = rows[0], [row for row in rows[2:]]
    return {(row[0], column): value for row in body for column, value in zip(head, row, strict=True)}


def fill(text: str, table: dict[tuple[str, str], str]) -> str:
    """`text` with every quoted figure set to its cell; a quote of a row or column the table lacks is an error."""

    def cell(match: re.Match[str]) -> str:
        key = (match["row"], match["column"])
        if key not in table:
            raise KeyError(f"the benchmark table has no cell for row {key[0]!r}, column {key[1]!r}")
        return f"<!-- bench: {key[0]} | {key[1]} -->{table[key]}<!-- /bench -->"

    return QUOTE.sub(cell, text)


def write_docs(markdown_table: str) -> list[Path]:
    """Put the table into docs/performance.md and refill every quoted figure; the pages that changed."""
    text = PERFORMANCE.read_text()
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    PERFORMANCE.write_text(f"{before}{START}\n{markdown_table.strip()}\n{END}{after}")
    table = cells(markdown_table)
    changed = []
    for page in pages():
        old = page.read_text()
        new = fill(old, table)
        if new != old or page == PERFORMANCE:
            page.write_text(new)
            changed.append(page)
    return changed
