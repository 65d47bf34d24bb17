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
  branches are listed with `for-each-ref` (symbolic refs left out) and a folder of each with `cat-file
  --batch-check` (which tree) and `ls-tree` of that tree, which read trees only;
- no command used here consults a diff, merge or filter driver: `cat-file blob` prints raw bytes,
  `hash-object` runs with `--no-filters`, and `git merge-file` reads no attributes; it runs in a private
  temporary folder, below a ceiling that stops repository discovery.

`advisor org apply --branch` writes to other teams' repositories, so its operations (below `Repository.changed`)
are plumbing that never reads a file through git's content conversion: whether the tree is clean is decided by
hashing the raw bytes against the index, files are stored with `hash-object --no-filters`, the index is set with
`update-index --index-info`, and the commit is `write-tree` + `commit-tree --no-gpg-sign` + `update-ref`; a
branch is `update-ref` + `symbolic-ref` (the tree is clean, so nothing is checked out). Nothing is ever pushed.
The committer is the user's own identity, read from their git config and environment (reading runs nothing).

`tests/hardening/test_git_calls.py` lists every call this module makes and checks that no other module
starts a process.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

TIMEOUT = 30
MAX_BRANCHES = 500  # a repository with more branches is compared with the first 500 (by ref name)
MAX_ENTRIES = 20_000  # names read from one folder of one branch
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


class GitError(Exception):
    """A git operation that did not succeed; the message is git's own last line, or why git did not run."""


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

    def current_ref(self) -> str | None:
        """`refs/heads/NAME` of the branch checked out, or None (a detached HEAD)."""
        done = self._git("symbolic-ref", "-q", "HEAD")
        if done is None or done.returncode != 0:
            return None
        return done.stdout.decode("utf-8", "surrogateescape").strip() or None

    def branches(self, limit: int = MAX_BRANCHES) -> list[tuple[str, str]]:
        """(ref name, commit) of local and remote-tracking branches, symbolic refs (`origin/HEAD`) left out."""
        done = self._git(
            "for-each-ref", "--format=%(objectname)%00%(symref)%00%(refname)", f"--count={limit}",
            "refs/heads", "refs/remotes",
        )  # fmt: skip
        if done is None or done.returncode != 0:
            return []
        found = []
        for line in done.stdout.split(b"\n"):
            fields = line.split(b"\0")
            if len(fields) != 3 or fields[1]:
                continue
            oid = fields[0].decode("ascii", "replace")
            if is_object_id(oid):
                found.append((fields[2].decode("utf-8", "surrogateescape"), oid))
        return found

    def folder_names(self, commits: list[str], folder: str, limit: int = MAX_ENTRIES) -> dict[str, list[str]]:
        """The names directly in `folder` (relative to the top of the checkout) at each commit that has it.

        One `cat-file --batch-check` finds each commit's tree for the folder (branches mostly share it), then one
        `ls-tree` per distinct tree lists it: trees only, never a blob, never the work tree."""
        commits = [commit for commit in commits if is_object_id(commit)]
        path = folder.strip("/")
        if not commits:
            return {}
        query = "".join(f"{commit}:{path}\n" if path else f"{commit}^{{tree}}\n" for commit in commits).encode()
        done = self._git("cat-file", "--batch-check=%(objectname) %(objecttype)", data=query)
        if done is None or done.returncode != 0:
            return {}
        trees: dict[str, str] = {}
        for commit, line in zip(commits, done.stdout.decode("ascii", "replace").splitlines(), strict=False):
            oid, _, kind = line.partition(" ")
            if kind == "tree" and is_object_id(oid):
                trees[commit] = oid
        listed: dict[str, list[str]] = {}
        for tree in sorted(set(trees.values())):
            names = self._git("ls-tree", "-z", "--name-only", tree)
            if names is not None and names.returncode == 0:
                raw = names.stdout.split(b"\0")[:limit]
                listed[tree] = [name.decode("utf-8", "surrogateescape") for name in raw if name]
        return {commit: listed[tree] for commit, tree in trees.items() if tree in listed}

    def store_blob(self, data: bytes) -> bool:
        done = self._git("hash-object", "-w", "--no-filters", "--stdin", data=data)
        return done is not None and done.returncode == 0

    def _out(self, *args: str, data: bytes | None = None, env: dict | None = None) -> str:
        done = _run(
            [f"--git-dir={self.git_dir}", f"--work-tree={self.work_tree}", "--literal-pathspecs", *args],
            data=data, cwd=self.work_tree, env=env,
        )  # fmt: skip
        if done is None:
            raise GitError("git did not run (not installed, or it timed out)")
        if done.returncode != 0:
            said = done.stderr.decode("utf-8", "replace").strip().splitlines()
            raise GitError(said[-1] if said else f"git {args[0]} failed ({done.returncode})")
        return done.stdout.decode("utf-8", "surrogateescape")

    def _paths(self, paths: Sequence[Path]) -> list[str]:
        """Work-tree paths as git names them (POSIX, relative); one that leaves the work tree is refused."""
        out = []
        for path in paths:
            full = Path(path).absolute()
            relative = Path(os.path.relpath(full.parent.resolve() / full.name, self.work_tree)).as_posix()
            if relative.startswith("../") or relative == ".." or "\n" in relative:
                raise GitError(f"{path} is not inside {self.work_tree}")
            out.append(relative)
        return out

    def head(self) -> str | None:
        try:
            return self._out("rev-parse", "--verify", "-q", "HEAD^{commit}").strip() or None
        except GitError:
            return None  # no commit yet

    def current_branch(self) -> str | None:
        try:
            ref = self._out("symbolic-ref", "-q", "HEAD").strip()
        except GitError:
            return None  # a detached HEAD
        return ref.removeprefix("refs/heads/") or None

    def branch_exists(self, name: str) -> bool:
        try:
            self._out("rev-parse", "--verify", "-q", f"refs/heads/{name}")
        except GitError:
            return False
        return True

    def valid_branch_name(self, name: str) -> bool:
        try:
            return bool(name) and not name.startswith("-") and self._out("check-ref-format", "--branch", name) != ""
        except GitError:
            return False

    def changed(self, paths: Sequence[Path] = ()) -> list[str]:
        """What is not committed (under `paths`, when given): staged, edited, deleted or untracked; sorted.
        An edit is told by hashing the file's raw bytes, so a filter the repository names never runs (a file
        that only a filter would make match is reported as changed)."""
        from advisor.content import git_blob_id

        spec = ["--", *self._paths(paths)] if paths else []
        found = set(self._out("ls-files", "-z", "--others", "--exclude-standard", *spec).split("\0"))
        if self.head() is not None:
            found |= set(self._out("diff-index", "--cached", "--name-only", "-z", "HEAD", *spec).split("\0"))
        for entry in self._out("ls-files", "-s", "-z", *spec).split("\0"):
            if not entry:
                continue
            info, name = entry.split("\t", 1)
            mode, oid, stage = info.split()
            if mode == "160000":
                continue  # a submodule is its own repository
            target = self.work_tree / name
            try:
                data = os.readlink(target).encode() if mode == "120000" else _regular_bytes(target)
            except OSError:
                data = None
            if stage != "0" or data is None or git_blob_id(data) != oid:
                found.add(name)
        return sorted(found - {""})

    def identity(self) -> dict[str, str] | str:
        """The author and committer git would use (the user's config and GIT_AUTHOR_*/GIT_COMMITTER_*), as
        environment variables for `commit-tree`; or why there is none."""
        env = {**environment(), **{k: v for k, v in os.environ.items() if k in _IDENTITY}}
        env.pop("GIT_CONFIG_GLOBAL")  # the user's own ~/.gitconfig names them; reading it runs nothing
        out: dict[str, str] = {}
        for role in ("AUTHOR", "COMMITTER"):
            try:
                ident = self._out("var", f"GIT_{role}_IDENT", env=env).strip()
            except GitError as exc:
                return f"git has no {role.lower()} identity here ({exc}); set user.name and user.email"
            name, rest = ident.split(" <", 1)
            email, when = rest.split("> ", 1)
            out |= {f"GIT_{role}_NAME": name, f"GIT_{role}_EMAIL": email, f"GIT_{role}_DATE": when}
        return out

    def create_branch(self, name: str) -> None:
        """A new branch at HEAD, made current; the working tree and index stay as they are (they match HEAD)."""
        head = self.head()
        if head is None or not self.valid_branch_name(name):
            raise GitError("no commit to branch from" if head is None else f"{name!r} is not a valid branch name")
        self._out("update-ref", f"refs/heads/{name}", head, "0" * 40)  # fails if the branch appeared meanwhile
        self._out("symbolic-ref", "HEAD", f"refs/heads/{name}")

    def commit(self, paths: Sequence[Path], message: str) -> str:
        """Commit exactly `paths` (written or deleted regular files) on the current branch; the short id."""
        ident = self.identity()
        if isinstance(ident, str):
            raise GitError(ident)
        names = self._paths(paths)
        kept = [name for name in names if os.path.lexists(self.work_tree / name)]
        if any(_regular_bytes(self.work_tree / name, read=False) is None for name in kept):
            raise GitError("a path to commit is not a regular file")
        stored = (
            self._out("hash-object", "-w", "--no-filters", "--stdin-paths", data="\n".join(kept).encode())
            if kept
            else ""
        )
        oids = dict(zip(kept, stored.split(), strict=True))
        lines = []
        for name in names:
            if name in oids:
                mode = "100755" if os.stat(self.work_tree / name).st_mode & 0o111 else "100644"
                lines.append(f"{mode} {oids[name]}\t{name}")
            else:
                lines.append(f"0 {'0' * 40}\t{name}")  # mode 0 removes the entry
        head = self.head()
        # The tree is built in an index of its own: writing the checkout's index makes git re-read racily clean
        # files through the repository's filters. Entries read from a tree carry no stat data, so none is racy.
        with tempfile.TemporaryDirectory(prefix="advisor-index-") as tmp:
            env = {**environment(), "GIT_INDEX_FILE": os.path.join(tmp, "index")}
            if head:
                self._out("read-tree", head, env=env)
            index_info = "".join(f"{line}\0" for line in lines).encode()
            self._out("update-index", "-z", "--index-info", data=index_info, env=env)
            tree = self._out("write-tree", env=env).strip()
        parents = ["-p", head] if head else []
        new = self._out("commit-tree", tree, *parents, "--no-gpg-sign", data=message.encode(), env=env_with(ident))
        self._out("update-ref", "-m", "advisor org apply", "HEAD", new.strip(), head or "0" * 40)
        self._out("read-tree", new.strip())  # the checkout's index follows, without stat data: nothing is re-read
        return self._out("rev-parse", "--short", new.strip()).strip()


_IDENTITY = {f"GIT_{role}_{part}" for role in ("AUTHOR", "COMMITTER") for part in ("NAME", "EMAIL", "DATE")}


def env_with(extra: dict[str, str]) -> dict[str, str]:
    return {**environment(), **extra}


def _regular_bytes(path: Path, read: bool = True) -> bytes | None:
    """A regular file's bytes (b"" when not `read`), None for anything else; a symlink is never followed."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        return path.read_bytes() if read else b""
    except OSError:
        return None


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
