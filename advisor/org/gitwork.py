"""The git operations `org apply --branch` needs, in one small adapter: status, branch, commit. Never push.

Every call runs `git` with the repository's hooks and fsmonitor switched off and no terminal prompt: the
repositories belong to other teams, and applying a decision to them must not run anything of theirs. Failures come
back as `GitError` with git's own message, for the caller to turn into "skipped: why".
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

HARDENED = ("-c", "core.hooksPath=/dev/null", "-c", "core.fsmonitor=false", "-c", "core.pager=cat")
_TIMEOUT = 60


class GitError(Exception):
    pass


def _git(repo: Path, *args: str, stdin: str | None = None) -> str:
    git = shutil.which("git")
    if git is None:
        raise GitError("git is not installed")
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        done = subprocess.run(
            [git, "-C", str(repo), *HARDENED, *args],
            input=stdin,
            capture_output=True,
            text=True,
            env=env,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise GitError(f"git did not run: {exc}") from None
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip().splitlines()
        raise GitError(message[-1] if message else f"git {args[0]} failed ({done.returncode})")
    return done.stdout


def is_repository(repo: Path) -> bool:
    try:
        return _git(repo, "rev-parse", "--show-toplevel").strip() == str(repo.resolve())
    except GitError:
        return False


def dirty(repo: Path, paths: list[Path] | None = None) -> list[str]:
    """What `git status` lists as changed or untracked (under `paths`, when given)."""
    spec = ["--", *(os.path.relpath(p, repo) for p in paths)] if paths else []
    out = _git(repo, "status", "--porcelain=v1", "--untracked-files=all", *spec)
    return [line[3:] for line in out.splitlines() if line.strip()]


def check_branch_name(repo: Path, name: str) -> None:
    _git(repo, "check-ref-format", "--branch", name)


def current_branch(repo: Path) -> str | None:
    try:
        return _git(repo, "symbolic-ref", "--short", "-q", "HEAD").strip() or None
    except GitError:
        return None


def branch_exists(repo: Path, name: str) -> bool:
    try:
        _git(repo, "rev-parse", "--verify", "-q", f"refs/heads/{name}")
    except GitError:
        return False
    return True


def has_identity(repo: Path) -> str | None:
    """None when git can sign a commit here; else why not (no user.name / user.email)."""
    try:
        _git(repo, "var", "GIT_COMMITTER_IDENT")
    except GitError as exc:
        return f"git has no committer identity here ({exc}); set user.name and user.email"
    return None


def create_branch(repo: Path, name: str) -> None:
    """A new branch from HEAD, checked out (the working tree is clean, so nothing moves)."""
    _git(repo, "checkout", "-q", "-b", name)


def commit(repo: Path, paths: list[Path], message: str) -> str:
    """Stage exactly `paths` (new, changed or deleted) and commit them; the short id of the commit."""
    _git(repo, "add", "-A", "--", *(os.path.relpath(p, repo) for p in paths))
    _git(repo, "commit", "-q", "--no-verify", "-F", "-", stdin=message)
    return _git(repo, "rev-parse", "--short", "HEAD").strip()
