"""A 3-way merge of a hand-edited file with a new render, and the base read back from git.

`git merge-file` does the merge: a well-kept diff3 that handles CRLF and missing final newlines, already on every
machine that can read a base by blob id (git is needed for that anyway), so no merge code of our own and no new
dependency. Without git, outside a repository, or when the repository lacks the blob, callers fall back to writing
`FILE.new` beside the edited file, as before.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

LABELS = ("your edit", "advisor's last render", "advisor's new render")
_TIMEOUT = 30


def _git() -> str | None:
    return shutil.which("git")


def read_blob(folder: Path, blob: str) -> bytes | None:
    """The bytes of `blob` from the repository holding `folder`, or None (no git, no repository, no such blob)."""
    git = _git()
    if git is None or not folder.is_dir():
        return None
    try:
        done = subprocess.run(
            [git, "-C", str(folder), "cat-file", "blob", blob], capture_output=True, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout if done.returncode == 0 else None


def why_no_base(folder: Path, blob: str | None) -> str:
    """Why `read_blob` found nothing, in the words the report uses."""
    if blob is None:
        return "no merge base: advisor.lock.yaml does not list it yet"
    git = _git()
    if git is None:
        return "no merge base: git is not installed"
    try:
        inside = subprocess.run(
            [git, "-C", str(folder), "rev-parse", "--git-dir"], capture_output=True, timeout=_TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return "no merge base: git did not run"
    if inside.returncode != 0:
        return "no merge base: not a git repository"
    return f"no merge base: the repository does not have blob {blob[:12]}"


def store_blob(folder: Path, data: bytes) -> bool:
    """Keep `data` in the repository's object store, so a later merge finds the base even if it was never committed."""
    git = _git()
    if git is None:
        return False
    try:
        done = subprocess.run(
            [git, "-C", str(folder), "hash-object", "-w", "--stdin"],
            input=data,
            capture_output=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


def merge3(base: bytes, theirs: bytes, ours: bytes) -> tuple[bytes, bool] | None:
    """(merged bytes, True if conflict markers remain), or None when no text merge is possible (binary, no git)."""
    git = _git()
    if git is None or any(b"\0" in data for data in (base, theirs, ours)):
        return None
    with tempfile.TemporaryDirectory(prefix="advisor-merge-") as tmp:
        paths = []
        for name, data in (("theirs", theirs), ("base", base), ("ours", ours)):
            path = os.path.join(tmp, name)
            Path(path).write_bytes(data)
            paths.append(path)
        labels = [arg for label in LABELS for arg in ("-L", label)]
        try:
            done = subprocess.run(
                [git, "merge-file", "-p", *labels, *paths], capture_output=True, timeout=_TIMEOUT, check=False
            )
        except (OSError, subprocess.SubprocessError):
            return None
    if done.returncode < 0 or done.returncode > 127:  # git's own failure, not a conflict count
        return None
    return done.stdout, done.returncode > 0
