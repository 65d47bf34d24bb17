"""`advisor decide` and `advisor explain` as a user runs them: exit codes, stdout shapes, files written."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import EXAMPLE_FILES, EXAMPLES, run_cli

JSON_KEYS = {
    "runtime",
    "postgres",
    "object_storage",
    "rancher",
    "secrets",
    "manifests",
    "scenarios",
    "rules",
    "warnings",
}


def _files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize("example", EXAMPLE_FILES, ids=[p.stem for p in EXAMPLE_FILES])
def test_decide_json_has_the_public_keys(tmp_path: Path, example: Path) -> None:
    result = run_cli("decide", "--answers", example, "--dry-run", "--json", cwd=tmp_path)
    assert result.code == 0, result.err
    data = json.loads(result.out)
    assert set(data) >= JSON_KEYS
    assert data["runtime"] in ("docker-compose", "kubernetes")
    assert data["postgres"] in ("managed", "in-cluster", "compose")
    assert data["object_storage"] in ("managed", "in-cluster", "not-needed", "compose")
    assert data["rancher"] in ("adopt", "defer", "not-needed")
    assert data["secrets"] in ("external-secrets", "sealed-secrets", "sops", "env-file")
    assert data["manifests"] in ("compose", "kustomize", "helm", "both")
    assert set(data["scenarios"]) <= {"A", "B", "C"}
    assert data["scenarios"] == sorted(data["scenarios"])
    assert all(isinstance(rule, str) for rule in data["rules"]) and data["rules"]
    assert all(isinstance(text, str) for text in data["warnings"])
    assert _files(tmp_path) == [], "--dry-run wrote files"


def test_decide_json_for_scenario_a(tmp_path: Path) -> None:
    result = run_cli("decide", "--answers", EXAMPLES / "scenario-a.yaml", "--dry-run", "--json", cwd=tmp_path)
    data = json.loads(result.out)
    assert {k: data[k] for k in ("runtime", "postgres", "object_storage", "rancher", "secrets", "manifests")} == {
        "runtime": "kubernetes",
        "postgres": "managed",
        "object_storage": "managed",
        "rancher": "not-needed",
        "secrets": "external-secrets",
        "manifests": "kustomize",
    }
    assert data["scenarios"] == ["A"]
    assert data["rules"][0] == "runtime.kubernetes-from-phase-4"
    assert "scenario-a.small-team-managed" in data["rules"]
    assert data["warnings"] == []
    # stdout is data: the dry-run listing goes to stderr when --json is given
    assert re.search(r"docs/adr/0001-[a-z0-9-]+\.md", result.err), result.err


def test_dry_run_writes_nothing_and_lists_the_plan(tmp_path: Path) -> None:
    out, adr = tmp_path / "deploy", tmp_path / "adr"
    result = run_cli("decide", "--answers", EXAMPLES / "scenario-b.yaml", "--out", out, "--adr-dir", adr, "--dry-run")
    assert result.code == 0, result.err
    assert result.out.startswith("ledger: runtime=kubernetes")
    assert re.search(re.escape(str(adr)) + r"/0001-[a-z0-9-]+\.md", result.out), result.out
    assert not out.exists() and not adr.exists()
    assert _files(tmp_path) == []


def test_decide_writes_the_adr(tmp_path: Path) -> None:
    adr = tmp_path / "adr"
    args = ("decide", "--answers", EXAMPLES / "scenario-a.yaml", "--out", tmp_path / "deploy", "--adr-dir", adr)
    result = run_cli(*args, "--date", "2026-02-01", cwd=tmp_path)
    assert result.code == 0, result.err
    records = sorted(adr.glob("*.md"))
    assert records and re.fullmatch(r"0001-deploy-atlas-[a-z0-9-]+\.md", records[0].name)
    text = records[0].read_text()
    assert "2026-02-01" in text
    assert "managed" in text


def test_decide_summary_lists_warnings(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text(
        "project: {name: lone}\nphase: 5\nteam: {size: 3}\nregulation: {regulated: false}\n"
        "organization: {teams: 1}\nhosting: {provider: on-premises}\n"
    )
    result = run_cli("decide", "--answers", answers, "--dry-run", cwd=tmp_path)
    assert result.code == 0, result.err
    assert "postgres=in-cluster" in result.out
    assert "warning: Postgres runs in the cluster but the team has no platform engineers" in result.out


def test_decide_requires_answers() -> None:
    result = run_cli("decide")
    assert result.code == 2
    assert "--answers" in result.err
    assert "Traceback" not in result.err


def test_explain_prints_rule_rationale_and_spec_section() -> None:
    result = run_cli("explain", "--answers", EXAMPLES / "scenario-b.yaml")
    assert result.code == 0, result.err
    out = result.out
    assert out.startswith("Decision for ledger")
    for key in ("runtime", "manifests", "postgres", "object_storage", "rancher", "secrets", "secret_store"):
        assert f"\n{key}: " in out
    assert "postgres: in-cluster\n  rule scenario-b.data-stays-on-site (priority 80, SPEC-0006 4 Scenario B)" in out
    assert "  why: The data is regulated and the answers keep it on site (residency on-premises" in out
    assert "overrode postgres.prefer-managed (priority 10), which said managed" in out
    assert "Scenarios: B" in out
    assert "Obligations:" in out
    assert "What would change" not in out


def test_explain_what_if_says_what_would_move_each_decision() -> None:
    result = run_cli("explain", "--answers", EXAMPLES / "scenario-a.yaml", "--what-if")
    assert result.code == 0, result.err
    block = result.out.split("What would change each decision:\n", 1)[1]
    lines = block.splitlines()
    # one line per decision, in the decisions' own order, each the verdict the ADR and the interview show
    trace = result.out.split("Scenarios:", 1)[0]
    keys = re.findall(r"^([a-z_]+): ", trace, flags=re.M)
    assert len(keys) >= 11
    assert [line.split(" (")[0] for line in lines] == ["  - " + key for key in keys]
    assert "  - rancher (not-needed): holds unless organization.teams rises to 2" in block
    assert "organization.teams rises to 3 (then Adopt Rancher)" in block
    # a decision copied from an answer follows it, never listed value by value
    assert "  - manifests (kustomize): follows delivery.manifests (now kustomize)" in block
    assert "  - runtime (kubernetes): settled: it depends only on phase" in block  # a phase never goes back
    assert "hosting.provider becomes on-premises or other" in block


def test_explain_what_if_names_what_no_single_answer_moves() -> None:
    """Postgres in Scenario B moves on no single answer: the line says so and names the answers that together do."""
    result = run_cli("explain", "--answers", EXAMPLES / "scenario-b.yaml", "--what-if")
    line = next(x for x in result.out.splitlines() if x.startswith("  - postgres (in-cluster): "))
    assert "no single answer changes this; it needs regulation.regulated: false and hosting.provider: aws" in line


def test_explain_json_carries_what_if() -> None:
    result = run_cli("explain", "--answers", EXAMPLES / "scenario-a.yaml", "--json")
    data = json.loads(result.out)
    flips = [f for f in data["what_if"] if f["decision"] == "rancher" and f["field"] == "organization.teams"]
    assert {"value": 3, "outcome": "adopt"}.items() <= next(f for f in flips if f["outcome"] == "adopt").items()
    assert {entry["decision"] for entry in data["trace"]} >= {"runtime", "postgres", "rancher", "secrets"}


def test_same_answers_same_bytes(tmp_path: Path) -> None:
    args = ("decide", "--answers", EXAMPLES / "scenario-c.yaml", "--dry-run", "--json", "--date", "2026-02-01")
    first, second = run_cli(*args, cwd=tmp_path), run_cli(*args, cwd=tmp_path)
    assert first.code == 0 and first.out == second.out


def test_version_and_help() -> None:
    from advisor import __version__

    assert run_cli("--version").out == f"advisor {__version__}\n"
    result = run_cli("--help")
    assert result.code == 0
    for command in ("decide", "explain", "rules", "schema"):
        assert command in result.out
