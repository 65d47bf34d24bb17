"""Logs whose records use plain `Status:` lines: what advisor writes there reads back, and an inline ignore is
only an ignore."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

NYGARD_IGNORED = """# 3. Other name

## Status

Accepted

<!-- advisor-check: ignore ADR009 -->

Date: 09/04/2018

## Context

Pages are slow.
"""
MADR_IGNORED = """---
status: accepted
date: 2018-04-09
decision-makers: [Ann]
---

# Cache pages

<!-- advisor-check: ignore ADR012 -->

## Context and Problem Statement

Pages are slow.
"""


@pytest.mark.parametrize("text", [NYGARD_IGNORED, MADR_IGNORED], ids=["nygard", "madr"])
def test_an_inline_ignore_is_not_read_as_an_advisor_block(tmp_path: Path, text: str) -> None:
    folder = tmp_path / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / "0003-other-name.md").write_text(text)  # ADR012 (title-mismatch) or ADR009 (date-format) ignored
    result = run_cli("check", cwd=tmp_path)
    assert "ADR101" not in result.out
    assert result.code == 0, result.out
    assert result.out + result.err == "1 record: 0 errors, 0 warnings\n"


@pytest.mark.parametrize("status", ["Status: Accepted", "**Status:** Accepted"])
def test_supersede_in_a_plain_status_log_reads_back_both_ways(tmp_path: Path, status: str) -> None:
    folder = tmp_path / "docs" / "adr"
    folder.mkdir(parents=True)
    for number, title in ((1, "Use A"), (2, "Use B")):
        slug = title.lower().replace(" ", "-")
        (folder / f"000{number}-{slug}.md").write_text(f"# {number}. {title}\n\n{status}\n\nDate: 2024-01-0{number}\n")
    assert run_cli("adr", "supersede", "1", "2", cwd=tmp_path).code == 0
    assert "Supersedes: [1. Use A](0001-use-a.md)" in (folder / "0002-use-b.md").read_text()
    check = run_cli("check", cwd=tmp_path)
    assert "ADR010" not in check.out and check.code == 0, check.out
    rows = {row["number"]: row for row in json.loads(run_cli("adr", "list", "--json", cwd=tmp_path).out)}
    assert rows[2]["supersedes"] == [rows[1]["id"]]
    assert rows[1]["superseded_by"] == [rows[2]["id"]]


def test_a_plain_line_that_is_not_a_relation_stays_prose(tmp_path: Path) -> None:
    folder = tmp_path / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-a.md").write_text("# 1. A\n\nStatus: Accepted\nSee: [the wiki](0009-gone.md)\n")
    rows = json.loads(run_cli("adr", "list", "--json", cwd=tmp_path).out)
    assert rows[0]["links"] == []  # `See:` is no relation (the link checker still reports the missing file)
