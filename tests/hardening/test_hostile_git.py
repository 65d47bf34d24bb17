"""A repository's content never makes git run anything: the code-execution path through a planted bare repo.

The planted `deploy/` is a bare repository with a promisor remote whose `uploadpack` is a shell command; a git
that reads its config and looks for a missing blob runs it. advisor must never let that happen, in a dry run,
a real run or `check`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor import git as advisor_git
from advisor.content import git_blob_id
from advisor.merge import read_blob, store_blob, why_no_base
from tests.conftest import run_cli
from tests.hardening.hostile_repo import GIT, MISSING_BLOB, armed_deploy, git, plant_bare_repository

pytestmark = pytest.mark.skipif(GIT is None, reason="git is not installed")


@pytest.fixture(autouse=True)
def _fresh_discovery():
    advisor_git._discover.cache_clear()
    yield
    advisor_git._discover.cache_clear()


def test_the_planted_repository_is_armed(tmp_path: Path) -> None:
    """The trap works with a plain git: without this the tests below could pass for the wrong reason."""
    marker = tmp_path / "marker"
    clone = armed_deploy(tmp_path, marker)
    git(clone / "deploy", "cat-file", "-e", MISSING_BLOB, check=False)
    if not marker.exists():
        pytest.skip("this git does not fetch lazily from a planted promisor remote; nothing to defend against")


def test_decide_dry_run_decide_and_check_never_run_the_planted_command(tmp_path: Path) -> None:
    marker = tmp_path / "marker"
    clone = armed_deploy(tmp_path, marker)

    dry = run_cli("decide", "--dry-run", "--answers", "answers.yaml", "--date", "2025-01-01", cwd=clone)
    assert dry.code == 0, dry.err
    assert "conflict  deploy/README.md" in dry.out  # the merge was attempted: the base was looked for
    assert not marker.exists(), "decide --dry-run ran the planted uploadpack command"

    real = run_cli("decide", "--answers", "answers.yaml", "--date", "2025-01-01", cwd=clone)
    assert real.code == 1, real.err  # README.md is left for a hand merge
    assert "the repository does not have blob deadbeefdead" in real.out
    assert not marker.exists(), "decide ran the planted uploadpack command"

    check = run_cli("check", cwd=clone)
    assert check.code in (0, 1), check.err
    assert not marker.exists(), "check ran the planted uploadpack command"
    assert "Traceback" not in dry.err + real.err + check.err


def test_a_partial_clone_checkout_never_fetches_a_missing_base(tmp_path: Path, monkeypatch) -> None:
    """Even the checkout's own config (a blobless clone) cannot make a dry run fetch: no transport is allowed."""
    marker = tmp_path / "marker"
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    git(repo, "config", "core.repositoryformatversion", "1")
    git(repo, "config", "extensions.partialClone", "origin")
    git(repo, "config", "remote.origin.url", str(tmp_path / "nowhere"))
    git(repo, "config", "remote.origin.promisor", "true")
    git(repo, "config", "remote.origin.uploadpack", f"touch {marker}; false")
    git(repo, "cat-file", "-e", MISSING_BLOB, check=False)
    assert marker.exists(), "the trap is not armed"
    marker.unlink()
    monkeypatch.chdir(repo)
    assert read_blob(MISSING_BLOB) is None
    assert why_no_base(MISSING_BLOB) == "no merge base: the repository does not have blob deadbeefdead"
    assert store_blob(b"kept\n") and read_blob(git_blob_id(b"kept\n")) == b"kept\n"  # what is here still reads
    assert not marker.exists()


def test_a_planted_bare_repository_is_never_discovered(tmp_path: Path, monkeypatch) -> None:
    """Run from inside a folder that looks like a bare repository (and no .git): git finds no repository."""
    marker = tmp_path / "marker"
    planted = tmp_path / "tree" / "deploy"
    planted.mkdir(parents=True)
    plant_bare_repository(planted, marker)
    monkeypatch.chdir(planted)
    assert advisor_git.repository() is None
    assert read_blob(MISSING_BLOB) is None and not store_blob(b"x")
    assert why_no_base(MISSING_BLOB) == "no merge base: not a git repository"
    assert not marker.exists()
    assert not list((planted / "objects").glob("??"))  # nothing was written into the planted store


def test_inherited_git_variables_are_dropped(tmp_path: Path, monkeypatch) -> None:
    """GIT_DIR and friends set by a hook or a wrapper never point advisor's git elsewhere."""
    planted = tmp_path / "planted"
    planted.mkdir()
    plant_bare_repository(planted, tmp_path / "marker")
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    monkeypatch.chdir(repo)
    monkeypatch.setenv("GIT_DIR", str(planted))
    monkeypatch.setenv("GIT_CONFIG_PARAMETERS", "'core.fsmonitor'='touch /nonexistent'")
    found = advisor_git.repository()
    assert found is not None and found.work_tree == repo.resolve()
    assert not any(key.startswith("GIT_") and key not in advisor_git._ENVIRONMENT for key in advisor_git.environment())


def test_without_git_there_is_no_base_and_no_crash(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))  # no git on the PATH
    assert shutil.which("git") is None
    assert read_blob(MISSING_BLOB) is None and not store_blob(b"x")
    assert why_no_base(MISSING_BLOB) == "no merge base: git is not installed"
