"""Logs written in the conventions just outside the common ones: every field reads, `check` reports exactly the
defects planted in each fixture, and `adr site --check-links` reports the same link findings as `check`."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
TODAY = {"SOURCE_DATE_EPOCH": "1764806400"}  # 2025-12-04: ages and review dates are counted to it
LINK_RULES = ("ADR002", "ADR016")

# file -> (id, title, status, ISO date, date as written, links); templates are not listed
EXPECTED = {
    "adr-dated-names": [
        ("2021-06-05_001-use-kafka-for-events.md", "001", "Use Kafka for events", "accepted", "2021-06-05",
         "2021-06-05", []),
        ("2021-06-05_002-use-avro-for-event-schemas.md", "002", "Use Avro for event schemas", "superseded",
         "2021-06-07", "2021-06-07", ["superseded by 003"]),
        ("2022-01-10_003-use-protobuf-for-event-schemas.md", "003", "Use Protobuf for event schemas", "accepted",
         "2022-01-10", "2022-01-10", ["supersedes 002"]),
        ("2023-04-16-drop-the-shared-database.md", "2023-04-16-drop-the-shared-database", "Drop the shared database",
         "accepted", "2023-04-16", "2023-04-16", []),
    ],
    "adr-docusaurus-titles": [
        ("001-record-architecture-decisions.md", "001", "Record Architecture Decisions", "accepted", "2022-04-21",
         "2022-04-21", []),
        ("002-use-a-monorepo.md", "002", "Use a monorepo", "accepted", "2022-05-02", "2022-05-02", []),
        ("003-adopt-renovate.md", "003", "Adopt Renovate", "accepted", "2023-02-14", "2023-02-14", []),
    ],
    "adr-emoji-statuses": [
        ("ADR-0001-record-format.md", "ADR-0001", "Record Format", "accepted", "2025-08-16", "2025-08-16", []),
        ("ADR-0002-use-redis-sessions.md", "ADR-0002", "Use Redis for sessions", "superseded", "2025-08-20",
         "2025-08-20", ["superseded by ADR-0003"]),
        ("ADR-0003-keep-sessions-in-postgres.md", "ADR-0003", "Keep sessions in Postgres", "accepted", "2025-09-01",
         "2025-09-01", ["supersedes ADR-0002"]),
        ("ADR-0004-rewrite-the-gateway.md", "ADR-0004", "Rewrite the gateway", "rejected", "2025-09-03", "2025-09-03",
         ["reverted by [discussion #1198](https://github.com/example/gateway/discussions/1198)"]),
        ("ADR-0005-move-to-arm-runners.md", "ADR-0005", "Move to ARM runners", "", "2025-10-01", "2025-10-01", []),
    ],
    "adr-numbered-headings": [
        ("0023-logging.md", "ADR-0023", "Logging", "accepted", None, "", []),
        ("0024-metrics.md", "ADR-0024", "Metrics", "accepted", None, "", []),
        ("0025-tracing.md", "ADR-0025", "Tracing", "accepted", None, "", []),
        ("0026-alerts.md", "ADR-0026", "Alerts", "accepted", None, "", []),
    ],
    "adr-dates-day-first": [
        ("0001-use-postgres.md", "0001", "Use Postgres", "accepted", "2018-04-25", "25/04/2018", []),
        ("0002-use-pgbouncer.md", "0002", "Use PgBouncer", "accepted", "2018-04-09", "09/04/2018", []),
        ("0003-back-up-to-object-storage.md", "0003", "Back up to object storage", "accepted", "2019-05-13",
         "2019-05-13, updated 2023-02-05", []),
        ("0004-add-read-replicas.md", "0004", "Add read replicas", "accepted", "2019-05-13", "13 May 2019", []),
        ("0005-partition-the-events-table.md", "0005", "Partition the events table", "accepted", None, "2020-05",
         []),
    ],
    "adr-stale-index": [
        ("0001-use-postgres.md", "0001", "Use Postgres", "accepted", "2023-01-10", "2023-01-10", []),
        ("0002-use-postgres-for-the-audit-log.md", "0002", "Use Postgres", "accepted", "2023-03-02", "2023-03-02",
         []),
        ("0003-cache-sessions-in-valkey.md", "0003", "Cache sessions in Valkey", "accepted", "2023-06-20",
         "2023-06-20", []),
    ],
}  # fmt: skip

# (file, line, rule, the start of the message): every finding `check` makes, and nothing else
PLANTED = {
    "adr-dated-names": [],
    "adr-docusaurus-titles": [("002-use-a-monorepo.md", 17, "ADR016", "empty link target: [pipeline]()")],
    "adr-emoji-statuses": [("ADR-0005-move-to-arm-runners.md", 3, "ADR007", "status '🚧' holds no status word")],
    "adr-numbered-headings": [
        ("0025-tracing.md", 9, "ADR002", "link to a missing anchor: #nowhere"),
        ("0025-tracing.md", 13, "ADR002", "link to a missing record or file: /adr/99"),
    ],
    "adr-dates-day-first": [
        ("0005-partition-the-events-table.md", 3, "ADR009", "date '2020-05' does not read: not a full date"),
    ],
    "adr-stale-index": [
        ("0001-use-postgres.md", 7, "ADR018", "title 'Use Postgres' is also the title of 0002-use-postgres-for"),
        ("0002-use-postgres-for-the-audit-log.md", 5, "ADR019", "due for review since 2024-03-01 (643 days)"),
        ("README.md", None, "ADR017", "the index misses 1 record(s): 0003-cache-sessions-in-valkey.md"),
        ("README.md", 7, "ADR017", "the index lists 0004-use-mongodb.md, which is not in the log"),
    ],
}
ALL_LOGS = sorted(p.name for p in FIXTURES.glob("adr-*") if p.is_dir())


def _repo(tmp_path: Path, log: str) -> Path:
    """The fixture as `docs/adr` of a repository that has a README (links into the repository reach it)."""
    shutil.copytree(FIXTURES / log, tmp_path / "docs" / "adr")
    (tmp_path / "README.md").write_text("# The project\n")
    return tmp_path


def _one_record(repo: Path, name: str, text: str) -> None:
    folder = repo / "docs" / "adr"
    folder.mkdir(parents=True)
    (folder / name).write_text(text)


def _env() -> dict[str, str]:
    return {**os.environ, **TODAY}


@pytest.mark.parametrize("log", sorted(EXPECTED))
def test_list_reads_every_field(log: str, tmp_path: Path) -> None:
    result = run_cli("adr", "list", "--json", cwd=_repo(tmp_path, log))
    assert result.code == 0, result.err
    rows = [
        (row["file"], row["id"], row["title"], row["status"], row["date"], row["date_written"],
         [f"{link['kind']} {', '.join(link['to'])}" for link in row["links"]])
        for row in json.loads(result.out)
    ]  # fmt: skip
    assert rows == EXPECTED[log]


@pytest.mark.parametrize("log", sorted(PLANTED))
def test_check_reports_exactly_the_planted_defects(log: str, tmp_path: Path) -> None:
    result = run_cli("check", "--format", "json", cwd=_repo(tmp_path, log), env=_env())
    findings = json.loads(result.out)["findings"]
    found = [(Path(f["file"]).name, f["line"], f["rule"], f["message"]) for f in findings]
    assert len(found) == len(PLANTED[log]), found
    for (file, line, rule, message), expected in zip(found, PLANTED[log], strict=True):
        assert (file, line, rule) == expected[:3] and message.startswith(expected[3]), (found, expected)
    assert result.code == (1 if any(f["severity"] == "error" for f in findings) else 0)


@pytest.mark.parametrize("log", ALL_LOGS)
def test_check_and_the_site_report_the_same_link_findings(log: str, tmp_path: Path) -> None:
    repo = _repo(tmp_path, log)
    check = json.loads(run_cli("check", "--format", "json", cwd=repo, env=_env()).out)["findings"]
    from_check = sorted((f["file"], f["line"], f["message"]) for f in check if f["rule"] in LINK_RULES)
    site = run_cli("adr", "site", "--check-links", cwd=repo)
    pattern = re.compile(r"^(?P<file>[^:]+?)(?::(?P<line>\d+))?: (?P<message>.+)$")
    from_site = sorted(
        (m["file"], int(m["line"]) if m["line"] else None, m["message"])
        for m in map(pattern.match, site.err.splitlines())
        if m
    )
    assert from_site == from_check
    assert site.code == (1 if from_check else 0), site.err


def test_site_addresses_of_records_become_links_to_their_pages(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "adr-numbered-headings")
    run_cli("adr", "site", cwd=repo)
    page = (repo / "site" / "adr" / "0024-metrics.html").read_text()
    assert 'href="0023-logging.html#decision"' in page
    assert 'href="https://prometheus.io/docs/"' in page


def test_an_ambiguous_date_is_said_and_the_config_settles_it(tmp_path: Path) -> None:
    _one_record(tmp_path, "0001-use-x.md", "# 1. Use X\n\nDate: 09/04/2018\n\n## Status\n\nAccepted\n")
    check = run_cli("check", cwd=tmp_path)
    assert "ADR009 date-format: warning: date '09/04/2018' does not read: reads as day/month and as month/day" in (
        check.out
    )
    assert json.loads(run_cli("adr", "list", "--json", cwd=tmp_path).out)[0]["date"] is None
    (tmp_path / ".advisor.yaml").write_text("date-order: month-first\n")
    assert json.loads(run_cli("adr", "list", "--json", cwd=tmp_path).out)[0]["date"] == "2018-09-04"
    assert "ADR009" not in run_cli("check", cwd=tmp_path).out


def test_a_misspelt_date_order_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / ".advisor.yaml").write_text("date-order: dmy\n")
    result = run_cli("check", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith(f"{tmp_path / '.advisor.yaml'}:1: date-order: must be day-first or month-first")


def test_index_keeps_the_layout_of_the_index_already_there(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "adr-stale-index")
    readme = repo / "docs" / "adr" / "README.md"
    before = readme.read_text()
    result = run_cli("adr", "index", "--output", readme, cwd=repo)
    assert result.code == 0, result.err
    assert readme.read_text() == before  # a team's own file is never replaced
    assert (repo / "docs" / "adr" / "README.md.new").read_text() == (
        "# Architecture decisions\n\n| ADR | Title | Status |\n|-----|-------|--------|\n"
        "| [0001](./0001-use-postgres.md) | Use Postgres | Accepted |\n"
        "| [0002](./0002-use-postgres-for-the-audit-log.md) | Use Postgres | Accepted |\n"
        "| [0003](./0003-cache-sessions-in-valkey.md) | Cache sessions in Valkey | Accepted |\n"
    )


@pytest.mark.parametrize(
    ("log", "shown"),
    [("adr-adrnnn-prefix", "ADR002"), ("adr-underscore-table", "ADR002"), ("adr-dash-prefix", "ADR-0002")],
)
def test_ids_are_printed_in_the_log_s_own_style(log: str, shown: str, tmp_path: Path) -> None:
    repo = _repo(tmp_path, log)
    assert run_cli("adr", "list", cwd=repo).out.splitlines()[1].startswith(f"{shown}  ")
    assert f"| {shown} | [" in run_cli("adr", "index", "--output", "-", cwd=repo).out
    site = run_cli("adr", "site", cwd=repo)
    assert site.code == 0, site.err
    assert f">{shown}<" in (repo / "site" / "adr" / "index.html").read_text()


def test_the_site_shows_what_it_cannot_read_as_unknown_with_the_raw_text(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "adr-emoji-statuses")
    shutil.copy(FIXTURES / "adr-dates-day-first" / "0005-partition-the-events-table.md", repo / "docs" / "adr")
    shutil.copy(FIXTURES / "adr-docusaurus-titles" / "002-use-a-monorepo.md", repo / "docs" / "adr")
    assert run_cli("adr", "site", cwd=repo).code == 0
    site = repo / "site" / "adr"
    arm = (site / "ADR-0005-move-to-arm-runners.html").read_text()
    assert '<span class="badge status-unknown">unknown</span> <span class="note">🚧</span>' in arm
    events = (site / "0005-partition-the-events-table.html").read_text()
    assert '<dd>2020-05 <span class="note">(unknown date)</span></dd>' in events
    monorepo = (site / "002-use-a-monorepo.html").read_text()
    assert "<dt>title</dt><dd>2. Use a monorepo</dd>" in monorepo  # the block's text, not its `>-`


def test_a_title_numbered_unlike_its_file_is_said(tmp_path: Path) -> None:
    _one_record(tmp_path, "0023-logging.md", "# 24. Logging\n\n## Status\n\nAccepted\n")
    result = run_cli("check", cwd=tmp_path)
    assert "0023-logging.md:1: ADR012 title-mismatch: warning: the title is numbered 24 ('24.') but the file" in (
        result.out
    )
