"""`advisor adr ...` and `advisor check` on fixture folders, through the real CLI."""

from __future__ import annotations

import difflib
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def folder(tmp_path, request) -> Path:
    target = tmp_path / "adr"
    shutil.copytree(FIXTURES / request.param, target)
    return target


def _changed_lines(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


@pytest.mark.parametrize("folder", ["adr-madr"], indirect=True)
def test_list_json(folder):
    result = run_cli("adr", "list", "--json", "--adr-dir", folder)
    assert result.code == 0, result.err
    rows = json.loads(result.out)
    assert [row["id"] for row in rows] == [f"ADR-{n:04d}" for n in range(6)]
    assert rows[1] | {"title": ""} == {
        "number": 1,
        "id": "ADR-0001",
        "title": "",
        "status": "superseded",
        "date": "2023-12-14",
        "date_written": "2023-12-14",
        "review_by": None,
        "file": "0001-store-embeddings-in-a-vector-database.md",
        "supersedes": [],
        "superseded_by": ["ADR-0003"],
        "links": [{"kind": "superseded by", "to": ["ADR-0003"]}],
    }


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        (
            "adr-madr",
            [
                "0002-keep-manifests-in-kustomize.md:6: ADR007 missing-status: warning: missing status",
                "0004-ship-logs-to-loki.md:3: ADR009 date-format: warning: date '05/04/2024' does not read: reads",
                "0004-ship-logs-to-loki.md:6: ADR012 title-mismatch: warning: title 'Setext titles count too'",
                "0005-adopt-rancher.md:2: ADR015 unsigned-decision: warning: accepted, but no decision-makers",
            ],
        ),
        ("adr-nygard", ["0005-pick-a-secrets-tool.md:1: ADR007 missing-status: warning: missing status"]),
        ("adr-log4brains", []),  # `draft` is in the default vocabulary
    ],
    indirect=["folder"],
)
def test_check_reports_each_oddity_with_file_and_line(folder, expected):
    result = run_cli("check", "--adr-dir", folder, "--root", folder.parent)
    assert result.code == 0  # conventions only: warnings
    lines = result.out.splitlines()
    assert len(lines) == len(expected)
    for line, tail in zip(lines, expected, strict=True):
        assert line.startswith(f"{folder.name}/{tail.split(':')[0]}:")  # relative to --root
        assert tail in line


@pytest.mark.parametrize("folder", ["adr-nygard"], indirect=True)
def test_check_json_and_clean_exit(folder):
    (folder / "0005-pick-a-secrets-tool.md").unlink()
    result = run_cli("check", "--adr-dir", folder, "--json")
    assert result.code == 0, result.out
    assert json.loads(result.out) == {"findings": [], "errors": 0, "warnings": 0}
    assert run_cli("check", "--adr-dir", folder.parent / "nowhere").code == 2


@pytest.mark.parametrize("folder", ["adr-madr"], indirect=True)
def test_check_finds_dangling_and_one_sided_links(folder):
    new = folder / "0003-use-postgres-with-pgvector.md"
    new.write_text(new.read_text().replace("supersedes: ADR-0001\n", "supersedes: ADR-0099\n"))
    result = run_cli("check", "--adr-dir", folder)
    assert result.code == 1
    assert f"{new}:6: ADR002 dangling-link: error: 'supersedes ADR-0099' points to no record" in result.out
    old = folder / "0001-store-embeddings-in-a-vector-database.md"
    assert (
        f"{old}:2: ADR010 one-sided-supersession: warning: 'superseded by ADR-0003' is not mirrored: "
        f"{new.name} has no 'supersedes'"
    ) in result.out


@pytest.mark.parametrize("folder", ["adr-madr", "adr-nygard", "adr-log4brains"], indirect=True)
def test_index_is_byte_identical_when_nothing_changed(folder):
    index = folder / "index.md"
    extra = ("--output", folder / "decision-log.md") if index.exists() else ()
    index = Path(extra[1]) if extra else index
    first = run_cli("adr", "index", "--adr-dir", folder, *extra)
    assert first.code == 0 and "wrote" in first.out
    text = index.read_bytes()
    second = run_cli("adr", "index", "--adr-dir", folder, *extra)
    assert second.code == 0 and "unchanged" in second.out
    assert index.read_bytes() == text


@pytest.mark.parametrize("folder", ["adr-nygard"], indirect=True)
def test_index_table(folder):
    out = run_cli("adr", "index", "--adr-dir", folder, "--output", "-").out
    assert "| 0002 | [Run with Docker Compose](0002-run-with-docker-compose.md) | superseded | 2021-03-08 |" in out
    assert "Superseded by [0003](0003-move-to-kubernetes.md)" in out  # the log never writes `ADR-`: ids as its files


@pytest.mark.parametrize("folder", ["adr-log4brains"], indirect=True)
def test_index_never_replaces_a_hand_written_file(folder):
    before = (folder / "index.md").read_text()
    result = run_cli("adr", "index", "--adr-dir", folder)
    assert result.code == 0
    assert (folder / "index.md").read_text() == before  # log4brains' own homepage is kept
    assert (folder / "index.md.new").is_file()


@pytest.mark.parametrize(
    ("folder", "old", "new", "old_line", "new_line"),
    [
        ("adr-madr", "4", "5", "+status: superseded by ADR-0005", "+supersedes: ADR-0004"),
        (
            "adr-nygard",
            "1",
            "4",
            "+Superseded by [4. Adopt Rancher](0004-adopt-rancher.md)",
            "+Supersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)",
        ),
        (
            "adr-log4brains",
            "20200101-use-log4brains-to-manage-the-adrs",
            "20210610-try-a-service-mesh.md",
            "+- Status: superseded by [20210610-try-a-service-mesh](20210610-try-a-service-mesh.md)",
            "+- Supersedes: [20200101-use-log4brains-to-manage-the-adrs]"
            "(20200101-use-log4brains-to-manage-the-adrs.md)",
        ),
    ],
    indirect=["folder"],
)
def test_supersede_changes_one_line_in_each_file_in_its_own_style(folder, old, new, old_line, new_line):
    before = {p.name: p.read_text() for p in folder.glob("*.md")}
    result = run_cli("adr", "supersede", old, new, "--adr-dir", folder)
    assert result.code == 0, result.err
    after = {p.name: p.read_text() for p in folder.glob("*.md")}
    changed = {name for name in before if before[name] != after[name]}
    assert len(changed) == 2
    diffs = {name: _changed_lines(before[name], after[name]) for name in changed}
    added = sorted(line for lines in diffs.values() for line in lines if line.startswith("+") and line != "+")
    assert added == sorted([old_line, new_line])
    removed = [line for lines in diffs.values() for line in lines if line.startswith("-")]
    assert len(removed) <= 1  # only the old status line goes
    listing = json.loads(run_cli("adr", "list", "--json", "--adr-dir", folder).out)
    by_file = {row["file"]: row for row in listing}
    assert [row for row in listing if row["superseded_by"] and row["file"] in changed]
    assert all(row["status"] == "superseded" for row in by_file.values() if row["superseded_by"])


@pytest.mark.parametrize("folder", ["adr-nygard"], indirect=True)
def test_link_both_ways_and_unknown_record(folder):
    result = run_cli("adr", "link", "5", "Amends", "1", "Amended by", "--adr-dir", folder)
    assert result.code == 0, result.err
    assert "Amends [1. Record architecture decisions]" in (folder / "0005-pick-a-secrets-tool.md").read_text()
    assert "Amended by [5. Pick a secrets tool]" in (folder / "0001-record-architecture-decisions.md").read_text()
    missing = run_cli("adr", "link", "5", "Amends", "42", "Amended by", "--adr-dir", folder)
    assert missing.code == 2 and "'42' names no record" in missing.err and "Traceback" not in missing.err


@pytest.mark.parametrize("folder", ["adr-nygard", "adr-madr"], indirect=True)
def test_new_takes_the_next_number_and_the_folder_style(folder):
    result = run_cli("adr", "new", "Use", "OpenTelemetry", "--adr-dir", folder, "--date", "2025-01-02")
    assert result.code == 0, result.err
    path = Path(result.out.strip())
    assert path.name == "0006-use-opentelemetry.md" if "nygard" not in str(folder.parent) else True
    listing = json.loads(run_cli("adr", "list", "--json", "--adr-dir", folder).out)
    last = listing[-1]
    assert (last["title"], last["status"], last["date"]) == ("Use OpenTelemetry", "proposed", "2025-01-02")
    assert last["number"] == max(row["number"] for row in listing[:-1]) + 1
    text = path.read_text()
    assert text.startswith("# ") if (folder / "0005-pick-a-secrets-tool.md").exists() else text.startswith("---\n")


@pytest.mark.parametrize("folder", ["adr-log4brains"], indirect=True)
def test_new_in_a_log4brains_folder_is_date_named(folder):
    result = run_cli("adr", "new", "Adopt Renovate", "--adr-dir", folder, "--date", "2025-03-04")
    assert result.code == 0, result.err
    assert Path(result.out.strip()).name == "20250304-adopt-renovate.md"


@pytest.mark.parametrize("folder", ["adr-nygard"], indirect=True)
def test_renumber_repairs_a_collision_from_two_branches(folder):
    # Branch two also added a 0003 that supersedes 0001, with the mirrored status line in 0001.
    (folder / "0003-use-helm.md").write_text(
        "# 3. Use Helm\n\nDate: 2022-06-01\n\n## Status\n\nAccepted\n\n"
        "Supercedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n\n## Context\n\nx\n"
    )
    first = folder / "0001-record-architecture-decisions.md"
    first.write_text(first.read_text().replace("Accepted", "Superseded by [3. Use Helm](0003-use-helm.md)"))
    assert "duplicate number 0003" in run_cli("check", "--adr-dir", folder).out
    result = run_cli("adr", "renumber", "--adr-dir", folder)
    assert result.code == 0, result.err
    assert "0003-use-helm.md -> 0006-use-helm.md" in result.out
    assert not (folder / "0003-use-helm.md").exists()
    moved = (folder / "0006-use-helm.md").read_text()
    assert moved.startswith("# 6. Use Helm\n")
    assert "Superseded by [6. Use Helm](0006-use-helm.md)" in first.read_text()
    assert (folder / "0003-move-to-kubernetes.md").is_file()  # the earlier record keeps its number
    check = run_cli("check", "--adr-dir", folder)
    assert "duplicate" not in check.out and "not mirrored" not in check.out and "points to no" not in check.out
    assert run_cli("adr", "renumber", "--adr-dir", folder).out.strip() == "no duplicate numbers"


@pytest.mark.parametrize("folder", ["adr-madr"], indirect=True)
def test_renumber_fixes_number_only_links_in_the_records_the_moved_one_names(folder):
    (folder / "0005-use-sealed-secrets.md").write_text(
        "---\nstatus: accepted\ndate: 2024-07-01\nsupersedes: ADR-0004\n---\n\n# Use Sealed Secrets\n"
    )
    loki = folder / "0004-ship-logs-to-loki.md"
    loki.write_text(loki.read_text().replace("status: proposed", "status: superseded by ADR-0005"))
    result = run_cli("adr", "renumber", "--adr-dir", folder)
    assert result.code == 0, result.err
    assert "0005-use-sealed-secrets.md -> 0006-use-sealed-secrets.md" in result.out
    assert "status: superseded by ADR-0006" in loki.read_text()
    assert "supersedes: ADR-0004" in (folder / "0006-use-sealed-secrets.md").read_text()
    assert "ADR-0006" not in (folder / "0003-use-postgres-with-pgvector.md").read_text()
