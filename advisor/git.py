"""The one place advisor runs git, and only ever on the checkout's own repository with nothing left to run.

Repository content is hostile (a pull request from a fork is checked out in CI), and git reads a lot of it:
a folder holding `HEAD`, `objects/` and `refs/` is a bare repository to git, whose `config` may name a
promisor remote with an `uploadpack` command that a lazy fetch of a missing blob runs. So:

- the repository is found once, from the working directory, with `safe.bareRepository=explicit` (a bare
  repository planted in the tree is never discovered), and every later call names it with `--git-dir` and
  `--work-tree`; nothing is ever run with `-C` into a folder of the tree;
- the environment drops every inherited `GIT_*` variable, reads no system or global config, allows no
  transport (`protocol.allow=never` and `GIT_ALLOW_PROTOCOL`, which every child git inherits, so a lazy fetch
  has nowhere to go), runs no hook, no fsmonitor, no pager, no replace refs, and on git 2.45 and later
  fetches nothing lazily at all (`GIT_NO_LAZY_FETCH`);
- an object is read only after `rev-list --missing=print` (which never fetches) says it is already present;
- no command used here consults a diff, merge or filter driver: `cat-file blob` prints raw bytes,
  `hash-object` runs with `--no-filters`, and `git merge-file` reads no attributes; it runs in a private
  temporary folder, below a ceiling that stops repository discovery.

`tests/hardening/test_git_calls.py` lists every call this module makes and checks that no other module
starts a process.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TIMEOUT = 30
_HEX40 = frozenset("0123456789abcdef")
# Command-line config outranks the repository's own and reaches every git this one starts (GIT_CONFIG_PARAMETERS).
CONFIG = (
    "safe.bareRepository=explicit",
    "protocol.allow=never",
    "core.hooksPath=/dev/null",
    "core.fsmonitor=false",
    "core.attributesFile=/dev/null",
    "core.pager=cat",
    "credential.helper=",
    "gc.auto=0",
    "maintenance.auto=false",
)
_ENVIRONMENT = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": "/dev/null",
    "GIT_NO_LAZY_FETCH": "1",  # git >= 2.45; older gits ignore it and rely on the lines below
    "GIT_ALLOW_PROTOCOL": "none",  # a list naming no real transport: every transport is refused
    "GIT_PROTOCOL_FROM_USER": "0",
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_NO_REPLACE_OBJECTS": "1",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_ATTR_NOSYSTEM": "1",
    "GIT_PAGER": "cat",
    "LC_ALL": "C",
}


def executable() -> str | None:
    return shutil.which("git")


def environment() -> dict[str, str]:
    """The caller's environment without any `GIT_*` variable, plus the settings above."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("GIT_")}
    return {**env, **_ENVIRONMENT}


def _run(args: list[str], *, data: bytes | None = None, cwd: Path | None = None, env: dict | None = None):
    git = executable()
    if git is None:
        return None
    config = [arg for item in CONFIG for arg in ("-c", item)]
    feed = {"input": data} if data is not None else {"stdin": subprocess.DEVNULL}
    try:
        return subprocess.run(
            [git, *config, *args],
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
            cwd=cwd,
            env=env or environment(),
            **feed,
        )
    except (OSError, subprocess.SubprocessError):
        return None


@dataclass(frozen=True)
class Repository:
    git_dir: Path
    work_tree: Path

    def _git(self, *args: str, data: bytes | None = None):
        return _run(
            [f"--git-dir={self.git_dir}", f"--work-tree={self.work_tree}", *args], data=data, cwd=self.work_tree
        )

    def has_object(self, oid: str) -> bool:
        """Whether the object is already in the repository; `--missing=print` turns lazy fetching off."""
        if not is_object_id(oid):
            return False
        done = self._git("rev-list", "--objects", "--no-walk", "--missing=print", oid)
        return done is not None and done.returncode == 0 and done.stdout.split()[:1] == [oid.encode()]

    def read_blob(self, oid: str) -> bytes | None:
        """The blob's bytes when it is present here; never fetched from anywhere."""
        if not self.has_object(oid):
            return None
        done = self._git("cat-file", "blob", oid)
        return done.stdout if done is not None and done.returncode == 0 else None

    def store_blob(self, data: bytes) -> bool:
        done = self._git("hash-object", "-w", "--no-filters", "--stdin", data=data)
        return done is not None and done.returncode == 0


def is_object_id(text: str) -> bool:
    return len(text) == 40 and set(text) <= _HEX40


def repository(start: Path | None = None) -> Repository | None:
    """The repository of the checkout that holds `start` (default: the working directory), or None."""
    return _discover(str((start or Path.cwd()).absolute()))


@lru_cache(maxsize=8)
def _discover(start: str) -> Repository | None:
    done = _run(["rev-parse", "--absolute-git-dir", "--show-toplevel"], cwd=Path(start))
    if done is None or done.returncode != 0:
        return None
    lines = done.stdout.decode("utf-8", "surrogateescape").splitlines()
    if len(lines) != 2 or not all(lines):
        return None  # a bare repository, or the inside of a .git folder: no checkout to speak of
    return Repository(Path(lines[0]), Path(lines[1]))


def merge_file(base: bytes, theirs: bytes, ours: bytes, labels: tuple[str, str, str]) -> tuple[bytes, int] | None:
    """`git merge-file -p` of three texts: (merged bytes, git's exit status), or None when git did not run."""
    with tempfile.TemporaryDirectory(prefix="advisor-merge-") as tmp:
        paths = []
        for name, data in (("theirs", theirs), ("base", base), ("ours", ours)):
            path = os.path.join(tmp, name)
            Path(path).write_bytes(data)
            paths.append(path)
        env = {**environment(), "GIT_CEILING_DIRECTORIES": str(Path(tmp).parent)}  # no repository is discovered
        flags = [arg for label in labels for arg in ("-L", label)]
        done = _run(["merge-file", "-p", *flags, *paths], cwd=Path(tmp), env=env)
    if done is None:
        return None
    return done.stdout, done.returncode
