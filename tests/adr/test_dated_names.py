"""`adr new` and `adr renumber` in a log whose file names carry a date before the number (`2021-06-05_001-x.md`):
the new name follows the log's own pattern (date, separators, width, slug style) and reads back cleanly."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SOON = {"SOURCE_DATE_EPOCH": "1736035200"}  # 2025-01-05: a record proposed on 2025-01-02 is three days old


def _check(folder: Path) -> set[str]:
    result = run_cli("check", "--adr-dir", folder, env=dict(os.environ, **SOON))
    return {line for line in result.out.splitlines() if ": ADR" in line}


def test_adr_new_names_the_record_as_the_dated_log_does(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    shutil.copytree(FIXTURES / "adr-dated-names", folder)
    before = _check(folder)
    result = run_cli("adr", "new", "Use", "NATS", "for", "events", "--adr-dir", folder, "--date", "2025-01-02")
    assert result.code == 0, result.err
    created = folder / "2025-01-02_004-use-nats-for-events.md"
    assert result.out.strip() == str(created)
    assert created.read_text().startswith("# 4. Use NATS for events\n\nDate: 2025-01-02\n\n## Status\n\nProposed\n")
    assert _check(folder) == before
    row = json.loads(run_cli("adr", "list", "--json", "--adr-dir", folder).out)[-2]  # the date-only record is last
    assert (row["file"], row["number"], row["id"], row["date"]) == (created.name, 4, "004", "2025-01-02")


def test_compact_dates_and_underscored_slugs_are_followed(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    folder.mkdir()
    for name, title in (("20210605-001_use_kafka.md", "Use Kafka"), ("20220110-002_use_protobuf.md", "Use Protobuf")):
        number = int(name[9:12])
        (folder / name).write_text(f"# {number}. {title}\n\n## Status\n\nAccepted\n")
    env = dict(os.environ, SOURCE_DATE_EPOCH="1735776000")  # 2025-01-02, the date when --date is not given
    result = run_cli("adr", "new", "Drop", "the", "broker", "--adr-dir", folder, env=env)
    assert result.code == 0, result.err
    created = folder / "20250102-003_drop_the_broker.md"
    assert created.read_text().startswith("# 3. Drop the broker\n")
    assert [row["number"] for row in json.loads(run_cli("adr", "list", "--json", "--adr-dir", folder).out)] == [1, 2, 3]


def test_renumber_keeps_the_moved_record_s_own_date(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    shutil.copytree(FIXTURES / "adr-dated-names", folder)
    (folder / "2024-03-01_003-split-the-event-bus.md").write_text(
        "# 3. Split the event bus\n\nDate: 2024-03-01\n\n## Status\n\nProposed\n"
    )
    result = run_cli("adr", "renumber", "--adr-dir", folder)
    assert result.code == 0, result.err
    assert result.out.splitlines() == ["2024-03-01_003-split-the-event-bus.md -> 2024-03-01_004-split-the-event-bus.md"]
    assert (folder / "2024-03-01_004-split-the-event-bus.md").read_text().startswith("# 4. Split the event bus\n")
    assert not (folder / "2024-03-01_003-split-the-event-bus.md").exists()
