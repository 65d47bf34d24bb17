"""Performance figures quoted in README.md and docs/ are the benchmark table's own cells (benchmarks/figures.py)."""

from __future__ import annotations

import pytest

from benchmarks.figures import PERFORMANCE, QUOTE, cells, fill, pages, table_of

TABLE = cells(table_of(PERFORMANCE.read_text()))


def test_the_table_is_in_its_marked_region_and_the_docs_quote_it() -> None:
    assert ("advisor --version", "vs floor (CPU)") in TABLE
    quoted = [match for page in pages() for match in QUOTE.finditer(page.read_text())]
    assert len(quoted) >= 5


@pytest.mark.parametrize("page", pages(), ids=lambda page: page.name)
def test_every_quoted_figure_is_its_cell(page) -> None:
    text = page.read_text()
    assert fill(text, TABLE) == text, (
        f"{page.name}: a quoted figure differs from the table; run benchmarks/run.py --write-docs"
    )


def test_a_new_table_moves_every_quote_and_an_unknown_cell_is_an_error() -> None:
    text = "met (<!-- bench: advisor --version | vs floor (CPU) -->1.41x<!-- /bench -->)"
    moved = {**TABLE, ("advisor --version", "vs floor (CPU)"): "1.52x"}
    assert fill(text, moved) == "met (<!-- bench: advisor --version | vs floor (CPU) -->1.52x<!-- /bench -->)"
    with pytest.raises(KeyError, match="no cell for row 'advisor --verzion'"):
        fill(text.replace("--version", "--verzion"), TABLE)
