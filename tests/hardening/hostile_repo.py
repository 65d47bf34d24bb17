"""Building hostile repositories the way a pull request from a fork would: committed, then cloned fresh.

`armed_deploy()` commits, under `deploy/`, the files of a bare git repository whose config names a promisor
remote with a shell command as its `uploadpack`, edits `deploy/README.md`, and rewrites the lock so that
README.md's recorded base is a blob that does not exist. Any git that takes `deploy/` for a repository and
looks for that blob runs the command, which creates the marker file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from tests.conftest import EXAMPLES, run_cli

GIT = shutil.which("git")
MISSING_BLOB = "deadbeef" * 5


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    command = [GIT or "git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args]
    return subprocess.run(command, cwd=repo, capture_output=True, text=True, check=check)


def decided_repo(root: Path) -> Path:
    """Scenario A decided and committed: the repository before the pull request."""
    origin = root / "origin"
    origin.mkdir()
    git(origin, "init", "-q")
    shutil.copy(EXAMPLES / "scenario-a.yaml", origin / "answers.yaml")
    result = run_cli("decide", "--answers", "answers.yaml", "--date", "2025-01-01", cwd=origin)
    assert result.code == 0, result.err
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "decide")
    return origin


def plant_bare_repository(folder: Path, marker: Path) -> None:
    """The files of a bare repository whose lazy fetch runs `touch MARKER`."""
    for sub in ("objects/info", "objects/pack", "refs/heads", "refs/tags"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / sub / ".keep").write_text("")  # git keeps no empty folder; the bare repository needs them
    (folder / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / "config").write_text(
        "[core]\n\trepositoryformatversion = 1\n\tbare = true\n"
        "[extensions]\n\tpartialClone = origin\n"
        f'[remote "origin"]\n\turl = {folder.parent / "nowhere"}\n\tpromisor = true\n'
        f"\tuploadpack = touch {marker}; false\n"
    )


def armed_deploy(root: Path, marker: Path) -> Path:
    """The pull request committed on top of `decided_repo`, cloned fresh as CI would: returns the clone."""
    origin = decided_repo(root)
    deploy = origin / "deploy"
    plant_bare_repository(deploy, marker)
    with (deploy / "README.md").open("a") as handle:
        handle.write("\nEdited in the pull request.\n")
    lock = deploy / "advisor.lock.yaml"
    # README.md: an edited file (a hash that matches neither side) whose base is a blob nobody has
    text, count = re.subn(
        r"(- path: README\.md\n  sha256: )[0-9a-f]{64}(\n  blob: )[0-9a-f]{40}",
        rf"\g<1>{'ab' * 32}\g<2>{MISSING_BLOB}",
        lock.read_text(),
    )
    assert count == 1
    lock.write_text(text)
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "an innocent-looking pull request")
    clone = root / "clone"
    git(root, "clone", "-q", str(origin), str(clone))
    return clone
