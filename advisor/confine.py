"""Every path advisor reads or writes, held inside the repository, and never reached through a symlink.

A pull request can commit symlinks: `deploy -> /home/runner`, `docs/adr -> ../../elsewhere`, a record that is a
link to `.git/config`, a `.adr-dir` naming `../../`. Followed, they make advisor write outside the checkout or
publish what lies there. So:

- `root()` turns a folder or file a command works on (the ADR folder, the skeleton folder, the site folder, the
  index file, a config file) into one absolute path, once, lexically (`..` folded, no symlink followed). Inside
  the repository, no part of it from the repository down may be a symlink. Outside the repository it is allowed
  only when the user named it in a flag (the user's own choice, as `--out /tmp/demo` is); a path read from a
  repository file (`.adr-dir`, `adr-dir:`) must stay inside.
- `inside()` does the same for a path a repository file records (a generated file, an answers file, a link in a
  record) and says why it is refused instead of raising. It looks at the repository only: whether something
  exists outside it is never asked, so no answer can reveal it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from advisor.errors import InputError, Problem

OUTSIDE = "leads outside the repository"
THROUGH_LINK = "leads through a symlink"


def normal(path: Path) -> Path:
    """`path` as an absolute path with `.` and `..` folded without touching the disk."""
    return Path(os.path.normpath(path.absolute()))


def symlink_on_the_way(base: Path, path: Path) -> Path | None:
    """The first part of `path` below `base` that is a symlink, or None; stops where the path stops existing."""
    current = base
    for part in path.relative_to(base).parts:
        current = current / part
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            return None  # nothing further exists: what advisor creates there is no link
        if stat.S_ISLNK(mode):
            return current
    return None


def _below(path: str, base: str) -> bool:
    """`path` is `base` or inside it (both absolute and folded)."""
    return path == base or path.startswith(base.rstrip(os.sep) + os.sep)


class LinkedFolders:
    """Whether a path below `base` is reached through a symlink (itself included), each folder on the way looked at
    once: a skeleton's 40-odd files share a handful of folders. Paths are absolute, folded strings."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.seen: dict[str, bool] = {base: False}

    def through_link(self, path: str) -> bool:
        unseen = []  # from `path` up to the nearest folder already looked at; a loop, as a path may be very deep
        while path not in self.seen:
            if not _below(path, self.base):
                raise ValueError(f"{path!r} is not below {self.base!r}")
            unseen.append(path)
            path = os.path.dirname(path)
        found = self.seen[path]
        for part in reversed(unseen):
            found = found or _is_link(part)
            self.seen[part] = found
        return found


def _is_link(path: str) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        return False  # nothing further exists: what advisor creates there is no link


def root(path: Path, base: Path, what: str, *, from_user: bool) -> Path:
    """`path` (as the OS reads it: absolute, or relative to the working directory) checked against the
    repository `base`, and returned with `..` folded, so that what is checked is what is used; relative stays
    relative, as the user wrote it. InputError (exit 2) when it must not be used."""
    repository, target = normal(base), normal(path)
    if target != repository and repository not in target.parents:
        if from_user:
            return Path(os.path.normpath(path))  # named in a flag: the user's own choice of place
        raise InputError([Problem(str(path), f"{what} {OUTSIDE} ({repository}); name a folder inside it")])
    link = symlink_on_the_way(repository, target)
    if link is not None:
        where = link.relative_to(repository).as_posix()
        message = f"{what} {THROUGH_LINK} ({where}); advisor never follows symlinks inside the repository"
        raise InputError([Problem(str(path), message)])
    return Path(os.path.normpath(path))


def inside(base: Path, recorded: str, linked: LinkedFolders | None = None) -> tuple[Path | None, str | None]:
    """(path, None) for a path a repository file records relative to `base`; (None, why) when it is refused.
    `linked`: what a caller asking about many paths of `base` in one go has looked at already."""
    if not recorded or "\0" in recorded or "\\" in recorded or recorded.startswith("/"):
        return None, OUTSIDE
    repository = os.path.abspath(base)
    target = os.path.normpath(os.path.join(repository, recorded))
    why = _refusal(target, repository, linked)
    return (None, why) if why else (Path(target), None)


def refusal(path: Path, base: Path) -> str | None:
    """Why `path` (folded lexically here) may not be used inside the repository `base`: OUTSIDE, THROUGH_LINK,
    or None when it may."""
    return _refusal(os.path.abspath(path), os.path.abspath(base))


def _refusal(target: str, base: str, linked: LinkedFolders | None = None) -> str | None:
    if not _below(target, base):
        return OUTSIDE
    if linked is None or linked.base != base:
        linked = LinkedFolders(base)
    return THROUGH_LINK if linked.through_link(target) else None


def regular_file(path: Path | str) -> bool:
    """A regular file, not a symlink (whatever it points at) and not a folder."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def repository_root(start: Path) -> Path | None:
    """The nearest folder at or above `start` that holds `.git` (a folder, or a file in a worktree/submodule)."""
    here = start.absolute()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return None


def folder_label(folder: Path, base: Path) -> str:
    """How a record names a rule folder: its POSIX path from `base` (where advisor decided) when the folder is in
    the same repository, else its name alone, since a path on the machine that decided tells the next reader
    nothing (and the organisation's own rules are named by folder and file in the record's text)."""
    target, here = Path(folder).resolve(), base.resolve()
    top = repository_root(here) or here
    if target == top or target.is_relative_to(top):
        return Path(os.path.relpath(target, here)).as_posix()
    return target.name
