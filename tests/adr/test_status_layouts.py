"""`advisor adr status` in every status layout: a byte-for-byte diff shows exactly the status line(s) moving.

The layouts: a `status:` front matter key, a `* Status:` bullet, the line under `## Status`, a `**Status:**` line,
a `| Status | x |` row, a status cell under a `| Status | Date |` header, and a dated status list (one more line).
Superseding writes the link in both records, in a shape the record is read back with; on advisor's own records
only the status line ever changes.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.adr.log import load_log
from tests.adr.test_lifecycle import ENV, FIXTURES_DIR, commit, decide
from tests.adr.test_redecide import GIT, git
from tests.conftest import EXAMPLES, run_cli

pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed; the diff is git's")


def changed_lines(repo: Path, *paths: str) -> list[str]:
    diff = git(repo, "diff", "-U0", "--", *paths).splitlines()
    return [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]


def log_repo(tmp_path: Path, fixture: str) -> Path:
    shutil.copytree(FIXTURES_DIR / fixture, tmp_path / "adr")
    git(tmp_path, "init", "-q")
    commit(tmp_path, "log")
    return tmp_path / "adr"


@pytest.mark.parametrize(
    ("fixture", "ref", "expected"),
    [
        ("adr-madr3-front-matter", "2", ['-status: "accepted"', '+status: "deprecated"']),
        ("adr-underscore-table", "3", ["-| Status | Accepted |", "+| Status | Deprecated |"]),
        ("adr-underscore-table", "4", ["-| Status | On hold |", "+| Status | Deprecated |"]),
        ("adr-nygard", "1", ["-Accepted", "+Deprecated"]),
        ("adr-madr2-bullets", "3", ["-* Status: accepted", "+* Status: deprecated"]),
        ("adr-adrnnn-prefix", "4", ["-**Status:** Proposed", "+**Status:** Deprecated"]),
        ("adr-lowercase-three-digit", "1", ["+* Deprecated (2026-03-01)"]),
    ],
)
def test_deprecate_changes_the_status_line_alone_in_each_layout(tmp_path, fixture, ref, expected):
    folder = log_repo(tmp_path, fixture)
    before = {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    result = run_cli("adr", "deprecate", ref, "--adr-dir", folder, "--date", "2026-03-01")
    assert result.code == 0, result.err
    assert changed_lines(tmp_path) == expected
    record = load_log(folder).find(ref)
    assert record.status == "deprecated"
    moved = [name for name, data in before.items() if (folder / name).read_bytes() != data]
    assert moved == [Path(record.file)]


def test_a_status_cell_under_a_header_row_is_rewritten_in_place(tmp_path):
    folder = log_repo(tmp_path, "adr-underscore-table")
    assert run_cli("adr", "accept", "2", "--adr-dir", folder).code == 0
    assert changed_lines(tmp_path) == [
        "-| Superseeded by [ADR003](ADR003_use_avro_for_events.md) | 2021-06 | Eve |",
        "+| Accepted | 2021-06 | Eve |",
    ]


@pytest.mark.parametrize(
    ("fixture", "old", "new", "old_lines", "new_lines"),
    [
        (
            "adr-underscore-table",  # the new record's status is a cell under a header: the link gets its own row
            "1",
            "2",
            [
                "-| Status | Accepted |",
                "+| Status | Superseded by [2. Use JSON Schema for events](ADR002_use_json_schema_for_events.md) |",
            ],
            ["+| Supersedes | [1. Choose a message broker](ADR001_choose_a_message_broker.md) |", "+"],
        ),
        (
            "adr-nygard",
            "4",
            "5",
            ["-Accepted", "+Superseded by [5. Pick a secrets tool](0005-pick-a-secrets-tool.md)"],
            ["+Supersedes [4. Adopt Rancher](0004-adopt-rancher.md)", "+"],
        ),
        (
            "adr-madr3-front-matter",
            "5",
            "2",
            ["-status: proposed", "+status: superseded by ADR-0002"],
            ["+supersedes: ADR-0005"],
        ),
    ],
)
def test_superseding_mirrors_the_link_in_both_records(tmp_path, fixture, old, new, old_lines, new_lines):
    folder = log_repo(tmp_path, fixture)
    log = load_log(folder)
    old_file, new_file = log.find(old).file, log.find(new).file
    result = run_cli("adr", "status", old, "superseded", "--by", new, "--adr-dir", folder)
    assert result.code == 0, result.err
    assert changed_lines(tmp_path, f"adr/{old_file}") == old_lines
    assert changed_lines(tmp_path, f"adr/{new_file}") == new_lines
    log = load_log(folder)
    assert log.find(old).status == "superseded"
    assert [r.file for link in log.find(new).links_of("supersedes") for r in log.resolve(link)] == [old_file]
    check = run_cli("check", "--adr-dir", folder, env=ENV)
    assert not [line for line in check.out.splitlines() if "ADR010" in line], check.out


@pytest.fixture
def decided(tmp_path) -> Path:
    """advisor's own record ADR-0001 (proposed) and a hand-written ADR-0002, committed."""
    git(tmp_path, "init", "-q")
    shutil.copy(EXAMPLES / "scenario-b.yaml", tmp_path / "answers.yaml")
    decide(tmp_path, "2026-02-01")
    assert run_cli("adr", "new", "Run", "the", "ledger", "on", "Nomad", cwd=tmp_path, env=ENV).code == 0
    commit(tmp_path, "decide")
    return tmp_path


def test_advisors_record_gets_only_its_status_line_and_the_hand_written_one_the_link(decided):
    (mine,) = [p.name for p in (decided / "docs/adr").glob("0001-*.md")]
    result = run_cli("adr", "status", "1", "superseded", "--by", "2", cwd=decided, env=ENV)
    assert result.code == 0, result.err
    assert changed_lines(decided, f"docs/adr/{mine}") == ["-status: proposed", "+status: superseded by ADR-0002"]
    assert changed_lines(decided, "docs/adr/0002-run-the-ledger-on-nomad.md") == ["+supersedes: ADR-0001"]


def test_advisors_record_refuses_a_link_it_would_have_to_gain(decided):
    result = run_cli("adr", "status", "2", "superseded", "--by", "1", cwd=decided, env=ENV)
    assert result.code == 2 and "advisor changes only the status line of its own records" in result.err
    assert "Traceback" not in result.err
    assert git(decided, "status", "--porcelain") == ""  # nothing written, not even ADR-0002's status
