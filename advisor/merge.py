"""A 3-way merge of a hand-edited file with a new render, and the base read back from git.

`git merge-file` does the merge: a well-kept diff3 that handles CRLF and missing final newlines, already on every
machine that can read a base by blob id (git is needed for that anyway), so no merge code of our own and no new
dependency. Bases come from the checkout's own repository (found from the working directory, see advisor.git),
and only from objects it already holds. Without git, outside a repository, or when the repository lacks the
blob, callers fall back to writing `FILE.new` beside the edited file, as before.
"""

from __future__ import annotations

from advisor import git

LABELS = ("your edit", "advisor's last render", "advisor's new render")


def read_blob(blob: str) -> bytes | None:
    """The bytes of `blob` from the checkout's repository, or None (no git, no repository, no such blob here)."""
    repository = git.repository()
    return repository.read_blob(blob) if repository is not None else None


def why_no_base(blob: str | None) -> str:
    """Why `read_blob` found nothing, in the words the report uses."""
    if blob is None:
        return "no merge base: advisor.lock.yaml does not list it yet"
    if git.executable() is None:
        return "no merge base: git is not installed"
    if git.repository() is None:
        return "no merge base: not a git repository"
    return f"no merge base: the repository does not have blob {blob[:12]}"


def store_blob(data: bytes) -> bool:
    """Keep `data` in the repository's object store, so a later merge finds the base even if it was never committed."""
    repository = git.repository()
    return repository is not None and repository.store_blob(data)


def merge3(base: bytes, theirs: bytes, ours: bytes) -> tuple[bytes, bool] | None:
    """(merged bytes, True if conflict markers remain), or None when no text merge is possible (binary, no git)."""
    if any(b"\0" in data for data in (base, theirs, ours)):
        return None
    done = git.merge_file(base, theirs, ours, LABELS)
    if done is None:
        return None
    merged, status = done
    if status < 0 or status > 127:  # git's own failure, not a conflict count
        return None
    return merged, status > 0
