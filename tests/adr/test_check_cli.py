"""`advisor check` as CI uses it: --init, the config file, --strict, and the text/json/github formats."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest

from advisor.adr.checks import Finding
from advisor.adr.lint.output import escape_data, escape_property, github_line
from tests.conftest import run_cli

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LOGS = sorted(p.name for p in FIXTURES.glob("adr-*") if p.is_dir())
GITHUB = re.compile(r"^::(error|warning) file=[^,]+(,line=\d+)?,title=ADR\d{3} [^,:]*::[^\r\n]*$")


def _repo(tmp_path: Path, log: str) -> Path:
    shutil.copytree(FIXTURES / log, tmp_path / "docs" / "adr")
    return tmp_path


@pytest.mark.parametrize("log", LOGS)
def test_init_then_check_passes_on_every_fixture_log(log: str, tmp_path: Path) -> None:
    repo = _repo(tmp_path, log)
    init = run_cli("check", "--init", cwd=repo)
    assert init.code == 0, init.err
    config = (repo / ".advisor.yaml").read_text()
    assert config.startswith("# advisor check configuration")
    check = run_cli("check", cwd=repo)
    assert check.code == 0, check.out
    assert ": error: " not in check.out
    again = run_cli("check", "--init", cwd=repo)
    assert again.code == 2 and "already exists" in again.err
    assert (repo / ".advisor.yaml").read_text() == config  # never overwritten


def test_init_lowers_the_rules_that_fail_today_and_lists_the_findings(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "adr-defects")
    assert run_cli("check", cwd=repo).code == 1
    init = run_cli("check", "--init", cwd=repo)
    assert "ADR001 duplicate-number: warning:" in init.out
    assert "checks:\n  ADR001: warning\n  ADR002: warning\n" in (repo / ".advisor.yaml").read_text()
    assert run_cli("check", cwd=repo).code == 0
    assert run_cli("check", "--strict", cwd=repo).code == 1


def test_config_in_pyproject_and_its_adr_dir(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "adr-madr2-bullets", tmp_path / "records")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.advisor]\nadr-dir = "records"\n'
        'statuses = ["accepted", "superseded", "approved"]\n'
        'rules = { ADR009 = "off", one-sided-supersession = "error" }\n'
    )
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    assert result.code == 1
    codes = {(f["rule"], f["severity"]) for f in json.loads(result.out)["findings"]}
    assert codes == {("ADR010", "error")}


def test_config_precedence_is_the_flag_then_advisor_yaml_then_pyproject(tmp_path: Path) -> None:
    # docs/ci.md, Configuration: one config is read, whole, never merged: --config FILE, else .advisor.yaml,
    # else [tool.advisor]
    repo = _repo(tmp_path, "adr-defects")

    def adr001() -> set[str]:
        result = run_cli("check", "--format", "json", *extra, cwd=repo)
        assert result.code in (0, 1), result.err
        return {f["severity"] for f in json.loads(result.out)["findings"] if f["rule"] == "ADR001"}

    extra: tuple[str, ...] = ()
    assert adr001() == {"error"}
    (repo / "pyproject.toml").write_text('[tool.advisor]\nrules = { ADR001 = "off" }\n')
    assert adr001() == set()
    (repo / ".advisor.yaml").write_text("rules:\n  ADR001: warning\n")
    assert adr001() == {"warning"}
    (repo / "strict.yaml").write_text("rules:\n  ADR002: warning\n")
    extra = ("--config", "strict.yaml")
    assert adr001() == {"error"}  # the flag's file alone: ADR001 back at its default, .advisor.yaml not merged in


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        ("rules:\n  ADR001: warning\nstatusses: [accepted]\n", 3, "statusses", "did you mean 'statuses'?"),
        ("rules:\n  ADR001: warning\n  ADR999: off\n", 3, "rules.ADR999", "unknown rule"),
        ("rules:\n  ADR001: loud\n", 2, "rules.ADR001", "severity must be error, warning or off"),
        ("rules: [ADR001\n", 2, None, "malformed YAML"),
        ("- ADR001\n", 1, None, "must be a mapping"),
        ("ignore: docs/adr/0001-*.md\n", 1, "ignore", "must be a list of globs"),
    ],
)
def test_a_bad_config_is_a_usage_error_with_file_and_line(tmp_path, text, line, field, fragment) -> None:
    repo = _repo(tmp_path, "adr-nygard")
    (repo / ".advisor.yaml").write_text(text)
    result = run_cli("check", cwd=repo)
    assert result.code == 2 and "Traceback" not in result.err
    where = f"{repo / '.advisor.yaml'}:{line}: " + (f"{field}: " if field else "")
    assert any(ln.startswith(where) and fragment in ln for ln in result.err.splitlines()), result.err


def test_github_escaping_follows_the_workflow_command_rules() -> None:
    assert escape_data("100% done\r\nnext") == "100%25 done%0D%0Anext"
    assert escape_property("docs/a,b:c.md") == "docs/a%2Cb%3Ac.md"
    finding = Finding("docs/adr/a,b.md", 7, "50% of\nlinks: broken", "warning", "ADR002")
    assert github_line(finding) == (
        "::warning file=docs/adr/a%2Cb.md,line=7,title=ADR002 dangling-link::50%25 of%0Alinks: broken"
    )
    assert github_line(Finding("x.yaml", None, "m", "error", "ADR104")) == (
        "::error file=x.yaml,title=ADR104 generated-file-missing::m"
    )


def test_github_format_prints_one_workflow_command_per_finding(tmp_path: Path) -> None:
    repo = _repo(tmp_path, "adr-defects")
    result = run_cli("check", "--format", "github", "--root", repo)
    assert result.code == 1
    lines = result.out.splitlines()
    # the duplicate number (one finding for 0002, naming the other file), the dangling link, a proposal left open
    assert len(lines) == 3
    assert "title=ADR014 stale-proposal::proposed since 2024-01-13" in result.out
    for line in lines:
        assert GITHUB.match(line), line
    assert lines[0].startswith("::error file=docs/adr/0002-use-minio.md,line=1,title=ADR001 ")  # relative to --root


def test_adr_new_in_an_adrnnn_folder_keeps_its_name_pattern_and_title_prefix(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    shutil.copytree(FIXTURES / "adr-adrnnn-prefix", folder)
    result = run_cli("adr", "new", "Use", "Karpenter", "--adr-dir", folder, "--date", "2025-01-02")
    assert result.code == 0, result.err
    created = folder / "ADR005-use-karpenter.md"
    assert result.out.strip() == str(created)
    text = created.read_text()
    assert text.startswith("# ADR005: Use Karpenter\n\n**Status:** Proposed\n\n**Date:** 2025\n\n## Context\n")
    row = json.loads(run_cli("adr", "list", "--json", "--adr-dir", folder).out)[-1]
    assert (row["number"], row["title"], row["status"]) == (5, "Use Karpenter", "proposed")


def test_adr_new_in_an_underscore_folder(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    shutil.copytree(FIXTURES / "adr-underscore-table", folder)
    result = run_cli("adr", "new", "Drop", "the", "broker", "--adr-dir", folder, "--date", "2025-01-02")
    assert result.code == 0, result.err
    text = (folder / "ADR005_drop_the_broker.md").read_text()  # its slugs join words with `_`, as the folder's do
    assert text.startswith(
        "# ADR005 - Drop the broker\n\n| Status | Proposed |\n| --- | --- |\n| Date | 2025-01-02 |\n\n## "
    )


def test_supersede_in_a_bullet_folder_keeps_the_bullet_layout(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    shutil.copytree(FIXTURES / "adr-madr2-bullets", folder)
    assert run_cli("adr", "new", "Use", "SOPS", "--adr-dir", folder, "--date", "2025-03-04").code == 0
    result = run_cli("adr", "supersede", "3", "4", "--adr-dir", folder)
    assert result.code == 0, result.err
    old = (folder / "0003-keep-secrets-in-sealed-secrets.md").read_text()
    assert "\n* Status: superseded by [4. Use SOPS](0004-use-sops.md)\n* Deciders: Ben, Cleo\n" in old
    new = (folder / "0004-use-sops.md").read_text()
    assert new.startswith(
        "# Use SOPS\n\n* Status: proposed\n"
        "* Supersedes: [3. Keep secrets in Sealed Secrets](0003-keep-secrets-in-sealed-secrets.md)\n"
        "* Date: 2025-03-04\n"
    )
    env = dict(os.environ, SOURCE_DATE_EPOCH="1741651200")  # 2025-03-11: the new record is a week old
    check = run_cli("check", "--adr-dir", folder, env=env)
    assert check.code == 0, check.out
    assert not [
        line for line in check.out.splitlines() if line.startswith((str(folder / "0003-"), str(folder / "0004-")))
    ]


def test_renumber_keeps_an_adr_prefix_in_the_title(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    shutil.copytree(FIXTURES / "adr-adrnnn-prefix", folder)
    (folder / "ADR002-use-gke.md").write_text("# ADR002: Use GKE\n\n**Status:** Proposed\n\n**Date:** 2025\n")
    result = run_cli("adr", "renumber", "--adr-dir", folder)
    assert result.code == 0, result.err
    assert "ADR002-use-gke.md -> ADR005-use-gke.md" in result.out
    assert (folder / "ADR005-use-gke.md").read_text().startswith("# ADR005: Use GKE\n")


def test_adr_commands_find_the_folder_named_in_the_config(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "adr-dash-prefix", tmp_path / "architecture")
    (tmp_path / ".advisor.yaml").write_text("adr-dir: architecture\n")
    rows = json.loads(run_cli("adr", "list", "--json", cwd=tmp_path).out)
    assert [row["number"] for row in rows] == [1, 2, 3]
    created = run_cli("adr", "new", "Use", "Renovate", "--date", "2025-05-06", cwd=tmp_path)
    assert created.code == 0, created.err
    text = (tmp_path / "architecture" / "ADR-0004-use-renovate.md").read_text()
    # the prefix most records use; the head of the latest record with a status and a date, the date spelt alike
    assert text.startswith("# ADR-0004 - Use Renovate\n\nStatus: Proposed\nDate: 2025-05\n\n## Context\n")


def test_the_summary_counts_in_words() -> None:
    from advisor.adr.checks import Finding
    from advisor.adr.lint.output import summary

    one_each = [Finding("a.md", 1, "x", "error", "ADR001"), Finding("a.md", 2, "y", "warning", "ADR009")]
    assert summary(one_each, 1) == "1 record: 1 error, 1 warning"
    assert summary([], 3) == "3 records: 0 errors, 0 warnings"
