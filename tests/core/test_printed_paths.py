"""`check`, `decide` and `adr new` print files relative to the current folder (or `--root`), in text and JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import EXAMPLES, run_cli

KAFKA = "# 2. Use Kafka\n\nDate: 2020-05\n\n## Status\n\nAccepted\n\n## Context\n\nx\n"


def _repo(tmp_path: Path) -> Path:
    shutil.copy(EXAMPLES / "scenario-a.yaml", tmp_path / "answers.yaml")
    assert run_cli("decide", "--answers", "answers.yaml", cwd=tmp_path).code == 0
    assert run_cli("adr", "new", "Use Redis", cwd=tmp_path).out == "docs/adr/0002-use-redis.md\n"
    (tmp_path / "docs" / "adr" / "0002-use-kafka.md").write_text(KAFKA)
    return tmp_path


def test_check_prints_files_relative_to_the_root_in_every_format(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    text = run_cli("check", cwd=repo)
    assert text.out.startswith("docs/adr/0002-use-kafka.md:1: ADR001 duplicate-number: error: "), text.out
    assert str(repo) not in text.out
    data = json.loads(run_cli("check", "--format", "json", cwd=repo).out)
    assert {f["file"] for f in data["findings"]} == {"docs/adr/0002-use-kafka.md"}
    inside = run_cli("check", "--root", "..", "--format", "json", cwd=repo / "docs")
    assert {f["file"] for f in json.loads(inside.out)["findings"]} == {"docs/adr/0002-use-kafka.md"}
    github = run_cli("check", "--root", "..", "--format", "github", cwd=repo / "docs")
    assert "::error file=docs/adr/0002-use-kafka.md,line=1," in github.out


def test_decide_prints_written_and_planned_files_relative_to_the_current_folder(tmp_path: Path) -> None:
    shutil.copy(EXAMPLES / "scenario-a.yaml", tmp_path / "answers.yaml")
    dry = run_cli("decide", "--answers", "answers.yaml", "--dry-run", "--json", cwd=tmp_path)
    paths = [entry["path"] for entry in json.loads(dry.out)["plan"]]
    assert paths[0].startswith("docs/adr/0001-deploy-atlas-") and "deploy/base/kustomization.yaml" in paths
    assert not [path for path in paths if path.startswith("/")]
    wrote = run_cli("decide", "--answers", "answers.yaml", "--adr-dir", tmp_path / "docs" / "adr", cwd=tmp_path)
    written = [line for line in wrote.out.splitlines() if line.startswith("wrote ")]
    assert written and all(line.startswith(("wrote docs/adr/", "wrote deploy/")) for line in written), written
