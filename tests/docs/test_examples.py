"""Every shell example in README.md and docs/ runs, page by page, and prints what the page shows."""

from __future__ import annotations

from pathlib import Path
from unittest import SkipTest

import pytest

from tests.docs.sessions import PAGES, ROOT, SYBIL, TALLY


@pytest.mark.parametrize("page", PAGES, ids=[str(page.relative_to(ROOT)) for page in PAGES])
def test_the_pages_shell_examples_print_what_they_show(page: Path, tmp_path: Path) -> None:
    document = SYBIL.parse(page)
    document.namespace["tmp_root"] = tmp_path
    for example in document.examples():
        try:
            example.evaluate()
        except SkipTest as skipped:
            TALLY.not_runnable.append(f"{page.relative_to(ROOT)}:{example.line}: {skipped}")
