"""Organisation rules that stick: `rules:` in the config is used by every command, and the ADR says which decided it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, run_cli

ORG_RULES = EXAMPLES / "org-rules"


def _git_repo(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["git", "init", "-q", str(path)], check=True)
    return path


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose root config names the organisation's rules; a service one folder below."""
    root = _git_repo(tmp_path / "repo")
    shutil.copytree(ORG_RULES, root / "platform" / "rules")
    (root / ".advisor.yaml").write_text("# the platform team's rules\nrules:\n  - platform/rules\n")
    service = root / "ledger"
    service.mkdir()
    shutil.copy(EXAMPLES / "scenario-b.yaml", service / "answers.yaml")
    return root


def _decide(cwd: Path, *extra: str, date: str = "2026-01-01"):
    return run_cli("decide", "--answers", "answers.yaml", "--date", date, "--json", *extra, cwd=cwd)


def _check(cwd: Path, *extra: str):
    """`advisor check` on the decision's day: a fresh proposal, not a stale one (ADR014 counts to SOURCE_DATE_EPOCH)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1768435200"}  # 2026-01-15
    return run_cli("check", *extra, cwd=cwd, env=env)


def _records(service: Path) -> list[Path]:
    return sorted((service / "docs/adr").glob("0*.md"))


def test_decide_explain_and_check_use_the_rules_the_config_names(repo: Path) -> None:
    service = repo / "ledger"
    plain = run_cli("explain", "--answers", EXAMPLES / "scenario-b.yaml", "--json", cwd=repo.parent)
    assert json.loads(plain.out)["rancher"] == "defer"  # Scenario B without the organisation's rules
    decided = _decide(service)
    assert decided.code == 0, decided.err
    assert json.loads(decided.out)["rancher"] == "adopt"
    explained = run_cli("explain", "--answers", "answers.yaml", "--json", cwd=service)
    assert json.loads(explained.out)["secrets"] == "external-secrets"
    check = _check(service)
    assert check.code == 0 and check.out == "", check.out
    again = _decide(service, date="2026-02-01")
    assert "decision unchanged" in again.err and len(_records(service)) == 1


def test_the_record_names_its_rule_folders_and_check_reports_a_folder_no_longer_configured(repo: Path) -> None:
    service = repo / "ledger"
    assert _decide(service).code == 0
    (record,) = _records(service)
    assert "  rule_folders:\n  - ../platform/rules\n" in record.read_text()
    assert run_cli("adr", "accept", "ADR-0001", cwd=service).code == 0  # the decision-makers sign it
    (repo / ".advisor.yaml").write_text("adr-dir: ledger/docs/adr\n")
    check = _check(service, "--format", "json")
    found = {f["rule"]: f for f in json.loads(check.out)["findings"]}
    assert check.code == 1 and set(found) == {"ADR101", "ADR108"}
    assert "decided under ../platform/rules; the rule folders now are none" in found["ADR108"]["message"]
    assert found["ADR108"]["severity"] == "warning"
    # A plain decide now proposes the decision under the bundled rules alone, and check is clean again.
    redecided = _decide(service, date="2026-02-01")
    assert redecided.code == 0 and "ADR-0002 proposed; once accepted it supersedes ADR-0001" in redecided.err
    assert "rule_folders" not in _records(service)[-1].read_text()
    assert _check(service).code == 0


def test_a_rule_folder_outside_the_repository_is_recorded_by_its_name_and_check_agrees(repo: Path, tmp_path) -> None:
    """A path from the deciding machine (`../../../tmp/...`) would mean nothing on the next checkout."""
    outside = tmp_path / "elsewhere" / "team-rules"
    shutil.copytree(ORG_RULES, outside)
    service = repo / "ledger"
    assert _decide(service, "--rules", str(outside)).code == 0
    text = _records(service)[0].read_text()
    assert "  rule_folders:\n  - ../platform/rules\n  - team-rules\n" in text
    assert str(tmp_path) not in text and "elsewhere" not in text
    assert run_cli("adr", "accept", "ADR-0001", cwd=service).code == 0
    assert _check(service, "--rules", str(outside)).code == 0  # the same folders now: no ADR108
    check = _check(service, "--format", "json")
    assert "ADR108" in {f["rule"] for f in json.loads(check.out)["findings"]}


def test_rules_given_on_the_command_line_add_to_the_configured_ones(repo: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "cheap.yaml").write_text(
        "rules:\n  - id: extra.cheap-storage\n    title: Object storage on the cluster\n"
        "    set: {object_storage: in-cluster}\n    priority: 900\n    rationale: Cheaper.\n    spec: '2.1'\n"
    )
    result = run_cli("explain", "--answers", "answers.yaml", "--rules", extra, "--json", cwd=repo / "ledger")
    choices = json.loads(result.out)
    assert choices["rancher"] == "adopt" and choices["object_storage"] == "in-cluster"


def test_the_nearest_config_wins_and_the_search_stops_at_the_repository_root(repo: Path) -> None:
    service = repo / "ledger"
    (service / ".advisor.yaml").write_text("adr-dir: records\n")  # nearer: no organisation rules here
    result = _decide(service)
    assert result.code == 0, result.err
    assert json.loads(result.out)["rancher"] == "defer"
    assert list((service / "records").glob("0001-*.md")), "adr-dir is relative to the config file"
    # Above the repository root a config is not read: the repository is a git repository of its own.
    outer = repo.parent / ".advisor.yaml"
    outer.write_text("rules: [nowhere]\n")
    nested = _git_repo(repo / "ledger" / "vendored-tool")
    shutil.copy(EXAMPLES / "scenario-a.yaml", nested / "answers.yaml")
    assert _decide(nested).code == 0


def test_config_given_with_the_flag_wins_over_the_discovered_one(repo: Path, tmp_path: Path) -> None:
    """`check --config FILE` reads FILE alone: the discovered config's rule folders and severities do not apply."""
    service = repo / "ledger"
    assert _decide(service).code == 0  # under the root config's rules: its record names ../platform/rules
    assert run_cli("adr", "accept", "ADR-0001", cwd=service).code == 0
    assert _check(service).code == 0
    flag = tmp_path / "flag.yaml"
    flag.write_text("checks: {ADR108: error}\n")  # no rule folders; a severity the discovered config lacks
    check = _check(service, "--config", str(flag), "--format", "json")
    found = {f["rule"]: f["severity"] for f in json.loads(check.out)["findings"]}
    assert check.code == 1 and found.get("ADR108") == "error", check.out


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        ("rules:\n  - platform/rules\n  - platform/gone\n", 3, "rules[1]", "rule folder 'platform/gone' not found"),
        ("rules:\n  - ../../outside\n", 2, "rules[0]", "leads outside the repository"),
        ("rules:\n  - 42\n", 2, "rules[0]", "must be the path of a rule folder"),
        ("rules:\n  - platform/rules\n  - ./platform/rules/\n", 3, "rules[1]", "named twice"),
        ("adr-dir: ../../elsewhere\n", 1, "adr-dir", "leads outside the repository"),
        ("hooks:\n  post-decide: ./deploy.sh\n", 1, "hooks", "unknown key"),
        ("command: make deploy\n", 1, "command", "unknown key"),
        ("org: [a, b]\n", 1, "org", "must be a mapping"),
    ],
)
def test_a_bad_rules_entry_is_exit_2_at_the_config_line(repo: Path, text, line, field, fragment) -> None:
    (repo / ".advisor.yaml").write_text(text)
    for command in (["decide", "--answers", "answers.yaml"], ["explain", "--answers", "answers.yaml"], ["check"]):
        result = run_cli(*command, cwd=repo / "ledger")
        assert result.code == 2, (command, result.err)
        assert f"{repo / '.advisor.yaml'}:{line}: {field}: " in result.err, result.err
        assert fragment in result.err and "Traceback" not in result.err
    assert not (repo / "ledger" / "deploy").exists() and not (repo / "ledger" / "docs").exists()


def test_a_broken_rule_folder_is_reported_with_its_problems_and_the_config_line(repo: Path) -> None:
    (repo / "platform" / "rules" / "zz-broken.yaml").write_text("rules:\n  - id: acme.half\n    title: Half\n")
    result = run_cli("decide", "--answers", "answers.yaml", cwd=repo / "ledger")
    assert result.code == 2
    assert "zz-broken.yaml:2: rules[0].rationale: " in result.err
    assert f"{repo / '.advisor.yaml'}:3: rules[0]: rule folder 'platform/rules' does not load" in result.err
    assert not (repo / "ledger" / "deploy").exists()


def test_pyproject_names_rule_folders_too_and_checks_tunes_severities(tmp_path: Path) -> None:
    root = _git_repo(tmp_path / "svc")
    shutil.copytree(ORG_RULES, root / "org-rules")
    shutil.copy(EXAMPLES / "scenario-b.yaml", root / "answers.yaml")
    (root / "pyproject.toml").write_text('[project]\nname = "svc"\n\n[tool.advisor]\nrules = ["org-rules"]\n')
    assert json.loads(_decide(root).out)["rancher"] == "adopt"
    # `rules:` as a mapping keeps its older meaning: check severities (now spelt `checks:`).
    (root / "pyproject.toml").write_text('[tool.advisor]\nrules = ["org-rules"]\nchecks = { ADR108 = "error" }\n')
    assert run_cli("check", cwd=root).code == 0
    (root / ".advisor.yaml").write_text("rules: {ADR108: error}\n")  # nearer than pyproject: no rule folders
    check = run_cli("check", "--format", "json", cwd=root)
    assert {f["rule"]: f["severity"] for f in json.loads(check.out)["findings"]}["ADR108"] == "error"


def test_the_interview_starts_with_the_configured_rules(repo: Path, monkeypatch) -> None:
    """Only the entry point resolves the folders; the screens receive them as `decide` would use them."""
    import argparse

    from advisor.commands import interview

    seen = {}

    class FakeApp:
        def __init__(self, settings, answers) -> None:
            seen["settings"] = settings
            self.report_lines: list[str] = []

        def run(self) -> int:
            return 0

    monkeypatch.chdir(repo / "ledger")
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr("advisor.tui.app.InterviewApp", FakeApp)
    args = argparse.Namespace(answers=None, out=Path("deploy"), adr_dir=None, rules_dirs=[], date=None, save=None)
    assert interview.run(args) == 0
    assert [p.resolve() for p in seen["settings"].rules_dirs] == [(repo / "platform" / "rules").resolve()]
