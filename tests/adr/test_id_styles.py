"""Record ids in the log's own style: a prefix-less log that never writes `ADR-` prints `0012` as its files do; one
whose text says `ADR-0012` keeps it; `id-style` in the config settles it; every spelling finds a record."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from advisor.adr.ids import log_style, mentions_ids, parse_style, typed_number
from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = {"SOURCE_DATE_EPOCH": "1764806400"}  # 2025-12-04: record 12 has been proposed for 689 days


def _repo(tmp_path: Path, log: str, config: str | None = None) -> Path:
    (tmp_path / ".git").mkdir()
    shutil.copytree(FIXTURES / log, tmp_path / "docs" / "adr")
    if config is not None:
        (tmp_path / ".advisor.yaml").write_text(config)
    return tmp_path


def _ids_everywhere(repo: Path) -> dict[str, object]:
    """The id of record 12 as list, list --json, check, index and the site print it."""
    import os

    listing = run_cli("adr", "list", cwd=repo).out.splitlines()
    rows = json.loads(run_cli("adr", "list", "--json", cwd=repo).out)
    check = run_cli("check", cwd=repo, env=dict(os.environ, **TODAY))
    index = run_cli("adr", "index", "--output", "-", cwd=repo).out
    assert run_cli("adr", "site", cwd=repo).code == 0
    page = (repo / "site" / "adr" / "0012-queue-jobs-in-postgres.html").read_text()
    return {"list": listing, "json": rows, "check": check.out, "index": index, "page": page}


def test_a_log_that_never_writes_adr_prints_its_files_numbers(tmp_path: Path) -> None:
    seen = _ids_everywhere(_repo(tmp_path, "adr-tools-bare-ids"))
    assert [line.split()[0] for line in seen["list"]] == ["0001", "0011", "0012"]
    assert seen["list"][1].split()[1:4] == ["superseded", "by", "0012"]
    rows = seen["json"]
    assert [(row["id"], row["number"]) for row in rows] == [("0001", 1), ("0011", 11), ("0012", 12)]
    assert rows[1]["superseded_by"] == ["0012"] and rows[2]["supersedes"] == ["0011"]
    assert "ADR014 stale-proposal: warning: proposed since 2024-01-15" in seen["check"]
    assert "(`advisor adr status 0012 accepted`)" in seen["check"]
    assert "ADR-" not in seen["check"]
    assert "| 0012 | [Queue jobs in Postgres](0012-queue-jobs-in-postgres.md) |" in seen["index"]
    assert "Superseded by [0012](0012-queue-jobs-in-postgres.md)" in seen["index"]
    assert "<title>0012: Queue jobs in Postgres · " in seen["page"]
    assert '<span class="record-id">0012</span>' in seen["page"]


def test_a_log_that_writes_adr_0012_keeps_that_style(tmp_path: Path) -> None:
    seen = _ids_everywhere(_repo(tmp_path, "adr-tools-adr-ids"))
    assert [line.split()[0] for line in seen["list"]] == ["ADR-0001", "ADR-0011", "ADR-0012"]
    assert [row["id"] for row in seen["json"]] == ["ADR-0001", "ADR-0011", "ADR-0012"]
    assert "(`advisor adr status ADR-0012 accepted`)" in seen["check"]
    assert "Superseded by [ADR-0012](0012-queue-jobs-in-postgres.md)" in seen["index"]
    assert "<title>ADR-0012: Queue jobs in Postgres · " in seen["page"]


@pytest.mark.parametrize(
    ("written", "shown"),
    [("ADR-0012", "ADR-0012"), ("ADR012", "ADR012"), ("'0012'", "0012"), ("'012'", "012"), ("adr_12", "ADR_12")],
)
def test_the_config_sets_the_id_style_whatever_the_log_writes(written: str, shown: str, tmp_path: Path) -> None:
    repo = _repo(tmp_path, "adr-tools-bare-ids", f"id-style: {written}\n")
    assert run_cli("adr", "list", cwd=repo).out.splitlines()[2].startswith(f"{shown}  ")
    rows = json.loads(run_cli("adr", "list", "--json", cwd=repo).out)
    assert rows[2]["id"] == shown and rows[2]["number"] == 12  # `number` stays the machine field


@pytest.mark.parametrize("value", ["ADR-0013", "ADR12X", "twelve", "12", "[ADR-0012]"])
def test_an_id_style_that_is_not_record_12_is_a_usage_error(value: str, tmp_path: Path) -> None:
    repo = _repo(tmp_path, "adr-tools-bare-ids", f"adr-dir: docs/adr\nid-style: {value}\n")
    for command in (("check",), ("adr", "list")):
        result = run_cli(*command, cwd=repo)
        assert result.code == 2 and "Traceback" not in result.err
        assert f"{repo / '.advisor.yaml'}:2: id-style: must be record 12 written as ids should print" in result.err


@pytest.mark.parametrize("typed", ["12", "0012", "012", "ADR-0012", "ADR012", "adr-12", "ADR 12", "ADR_0012"])
def test_every_spelling_of_an_id_finds_the_record(typed: str, tmp_path: Path) -> None:
    repo = _repo(tmp_path, "adr-tools-bare-ids")
    result = run_cli("adr", "status", typed, "accepted", cwd=repo)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0] == "0012 accepted"
    assert "\n## Status\n\nAccepted\n" in (repo / "docs" / "adr" / "0012-queue-jobs-in-postgres.md").read_text()


def test_a_log_advisor_wrote_keeps_adr_ids_though_its_first_record_names_none() -> None:
    assert log_style("", 4, ["# 1. Use Kustomize\n"], advisor_written=True) == ("ADR-", 4)
    assert log_style("", 3, ["# 1. Use Kustomize\n"], advisor_written=False) == ("", 3)
    assert log_style("ADR_", 3, [], advisor_written=False) == ("ADR", 3)


def test_what_counts_as_writing_an_id() -> None:
    for text in ("Superseded by ADR-0012", "see [ADR 12](x.md)", "ADR12: Title", "status: superseded by ADR-12"):
        assert mentions_ids([text]), text
    for text in ("MADR-0012 template", "docs/adr/0012-x.md", "[12. Title](0012-title.md)", "an ADR tool"):
        assert not mentions_ids([text]), text
    assert (parse_style("ADR012"), parse_style("0012"), parse_style("ADR-13")) == (("ADR", 3), ("", 4), None)
    assert (typed_number("ADR 0012"), typed_number("0012-x.md")) == (12, None)


def test_a_team_index_that_writes_adr_ids_sets_the_style_and_advisor_s_own_index_does_not(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "adr-tools-bare-ids")
    readme = repo / "docs" / "adr" / "README.md"
    readme.write_text(readme.read_text().replace("[12. Queue jobs in Postgres]", "[ADR-0012: Queue jobs in Postgres]"))
    assert run_cli("adr", "list", cwd=repo).out.startswith("ADR-0001  ")
    readme.unlink()
    assert run_cli("adr", "index", cwd=repo).code == 0  # advisor's own index.md: it shows ids, never sets them
    assert run_cli("adr", "list", cwd=repo).out.startswith("0001  ")


def test_madr_links_in_a_bare_log_name_the_file_and_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    for title in ("Use Postgres", "Use Valkey"):
        assert run_cli("adr", "new", *title.split(), "--adr-dir", folder, "--date", "2025-01-02").code == 0
    result = run_cli("adr", "supersede", "1", "2", "--adr-dir", folder)
    assert result.code == 0 and result.out.strip() == "0002 supersedes 0001", result.err
    assert "\nstatus: superseded by [0002](0002-use-valkey.md)\n" in (folder / "0001-use-postgres.md").read_text()
    rows = json.loads(run_cli("adr", "list", "--json", "--adr-dir", folder).out)
    assert [(row["id"], row["superseded_by"], row["supersedes"]) for row in rows] == [
        ("0001", ["0002"], []),
        ("0002", [], ["0001"]),
    ]
