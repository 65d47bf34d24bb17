"""Scenario B re-decided over a skeleton made before logs, metrics and tracing were decided, as a team would:
their hand edits are kept (merged), the observability files appear as new, and the plan says why each file moves.

The fixture (tests/fixtures/pre-observability-scenario-b, see its FIXTURE.md) was written by that earlier advisor.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.adr.test_redecide import GIT, git
from tests.conftest import run_cli

FIXTURE = Path(__file__).parents[1] / "fixtures" / "pre-observability-scenario-b"
NOTE = "Our note: the app's team owns /readyz; ask #ledger-dev before changing it."
FLAG = "  FEATURE_CLAIMS_V2: 'on'"


@pytest.fixture
def edited_repo(tmp_path: Path) -> Path:
    if GIT is None:
        pytest.skip("git is not installed")
    shutil.copytree(FIXTURE, tmp_path, dirs_exist_ok=True)
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-qm", "made before observability was decided")
    readme, config = tmp_path / "deploy/README.md", tmp_path / "deploy/base/configmap.yaml"
    readme.write_text(
        readme.read_text().replace("## What the app must do\n\n", f"## What the app must do\n\n{NOTE}\n\n", 1)
    )
    config.write_text(config.read_text().replace("data:\n", f"data:\n{FLAG}\n", 1))
    git(tmp_path, "commit", "-qam", "our edits")
    return tmp_path


def test_redeciding_adds_the_observability_files_merges_the_edits_and_says_why(edited_repo: Path) -> None:
    args = ("decide", "--answers", "answers.yaml", "--out", "deploy", "--adr-dir", "docs/adr", "--date", "2026-03-01")
    dry = run_cli(*args, "--dry-run", cwd=edited_repo)
    assert dry.code == 0, dry.err
    plan = {m.group(2): (m.group(1), m.group(3)) for m in re.finditer(r"^(\w+) +(\S+)(?: \((.*)\))?$", dry.out, re.M)}
    new = {path for path, (status, _) in plan.items() if status == "new" and path.startswith("deploy/")}
    for env in ("dev", "staging", "prod"):
        assert {f"deploy/monitoring/{env}-rules.yaml", f"deploy/monitoring/{env}-rules.test.yaml"} <= new
        assert f"deploy/overlays/{env}/prometheusrule.yaml" in new
    assert {"deploy/components/observability/servicemonitor.yaml", "deploy/components/observability/flow.yaml"} <= new
    assert plan["deploy/README.md"][0] == plan["deploy/base/configmap.yaml"][0] == "merged"
    moved = {path: why for path, (status, why) in plan.items() if status in ("changed", "merged")}
    unexplained = [path for path, why in moved.items() if path.startswith("deploy/") and not why]
    assert unexplained == ["deploy/advisor.lock.yaml"]  # every other file says which facts moved
    assert "choice.metrics None → in-cluster" in moved["deploy/base/networkpolicies.yaml"]

    result = run_cli(*args, cwd=edited_repo)
    assert result.code == 0, result.err
    assert not list(edited_repo.rglob("*.new"))
    readme = (edited_repo / "deploy/README.md").read_text()
    assert NOTE in readme and "## Alerts" in readme and "## Observability" in readme
    config = (edited_repo / "deploy/base/configmap.yaml").read_text()
    assert FLAG in config and "OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf" in config
    assert "### WalArchivingFailing" in (edited_repo / "deploy/RUNBOOK.md").read_text()
    # and once committed, a second run changes nothing
    git(edited_repo, "add", "-A")
    git(edited_repo, "commit", "-qm", "re-decided")
    again = run_cli(*args, "--dry-run", cwd=edited_repo)
    assert [line for line in again.out.splitlines() if line.startswith(("new ", "changed ", "merged "))] == []
