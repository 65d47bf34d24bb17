"""The hook definition in .pre-commit-hooks.yaml, run the way a team would: `pre-commit try-repo` on a repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def test_hook_definitions_run_advisor_check_once_per_commit() -> None:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [hook["id"] for hook in hooks] == ["advisor-check", "advisor-check-system", "advisor-check-branches"]
    for hook in hooks:
        assert hook["entry"] in ("advisor check", "advisor check --branches") and hook["pass_filenames"] is False
    assert hooks[2]["entry"] == "advisor check --branches" and hooks[2]["files"] == hooks[0]["files"]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git")
@pytest.mark.parametrize(("log", "code"), [("adr-tools-superceded", 0), ("adr-defects", 1)])
def test_pre_commit_try_repo_runs_the_hook(log: str, code: int, tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit is in the test extra: pip install -e '.[test]'")
    repo = tmp_path / "project"
    shutil.copytree(FIXTURES / log, repo / "docs" / "adr")
    _git(repo.parent, "init", "-q", str(repo))
    _git(repo, "add", ".")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",  # advisor on the PATH
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), "advisor-check-system", "--all-files"],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == code, result.stdout + result.stderr
    assert "advisor check (ADR log and drift, advisor from the PATH)" in result.stdout
    if code:
        assert "ADR001 duplicate-number: error:" in result.stdout
