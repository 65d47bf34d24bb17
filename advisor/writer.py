"""Plans of files and the one place that writes them: atomic, confined, never clobbering.

Every front end builds a `Plan` (a list of `OutputFile`) and hands it to `apply`. Statuses:
- new: the file does not exist;
- unchanged: it holds exactly these bytes (left alone);
- changed: it differs, but holds what advisor wrote last time (`previous` hashes), so it is updated;
- conflict: it differs and was edited by someone; kept, and the new version goes to `FILE.new`
  unless `force` is given.
ADR records are `create` files: they are never replaced, only created with an exclusive link.
An `update` file (an old ADR whose status line changes) is replaced only if it still holds the
bytes the plan was computed from.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Literal

from advisor.errors import Problem, WriteError

Mode = Literal["managed", "create", "update"]
Status = Literal["new", "unchanged", "changed", "conflict"]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class OutputFile:
    root: Path  # the folder the file is confined to (--out or the ADR folder)
    path: str  # relative POSIX path inside root
    data: bytes
    mode: Mode = "managed"
    expected_sha256: str | None = None  # for "update": what the file must still hold

    @property
    def target(self) -> Path:
        return self.root / self.path

    @property
    def sha256(self) -> str:
        return sha256(self.data)


@dataclass
class Plan:
    files: list[OutputFile] = field(default_factory=list)
    previous: dict[str, str] = field(default_factory=dict)  # str(target) -> sha256 advisor wrote last time

    def add(self, *files: OutputFile) -> None:
        self.files.extend(files)

    def status(self, item: OutputFile) -> Status:
        target = _confined(item)
        if not target.exists():
            return "new"
        current = target.read_bytes()
        if current == item.data:
            return "unchanged"
        if item.mode == "update" and sha256(current) == item.expected_sha256:
            return "changed"
        if item.mode == "managed" and self.previous.get(str(target)) == sha256(current):
            return "changed"
        return "conflict"

    def statuses(self) -> list[tuple[OutputFile, Status]]:
        return [(item, self.status(item)) for item in self.files]


@dataclass
class Report:
    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    conflicts: list[tuple[Path, Path]] = field(default_factory=list)  # (kept file, where the new version went)

    def lines(self) -> list[str]:
        out = [f"wrote {p}" for p in self.written]
        out += [f"kept {kept} (edited by hand); new version in {new}" for kept, new in self.conflicts]
        return out


def apply(plan: Plan, *, force: bool = False) -> Report:
    """Write the plan file by file, each atomically. On failure, say what was and was not written."""
    report = Report()
    pending = list(plan.files)
    try:
        while pending:
            item = pending[0]
            status = plan.status(item)
            target = _confined(item)
            if status == "unchanged":
                report.unchanged.append(target)
            elif status == "conflict" and item.mode == "create":
                raise WriteError([Problem(str(target), "already exists; ADR files are never overwritten")])
            elif status == "conflict" and item.mode == "update":
                raise WriteError([Problem(str(target), "changed since the plan was made; run again")])
            elif status == "conflict" and not force:
                sidecar = target.with_name(target.name + ".new")
                _atomic_write(sidecar, item.data, exclusive=False)
                report.conflicts.append((target, sidecar))
            else:
                _atomic_write(target, item.data, exclusive=item.mode == "create")
                report.written.append(target)
            pending.pop(0)
    except (OSError, WriteError) as exc:
        problems = (
            exc.problems
            if isinstance(exc, WriteError)
            else [Problem(str(getattr(exc, "filename", "") or "advisor"), f"cannot write: {exc.strerror or exc}")]
        )
        problems += [Problem(str(p), "written") for p in report.written]
        problems += [Problem(str(_confined(p)), "not written") for p in pending]
        raise WriteError(problems) from None
    return report


def _confined(item: OutputFile) -> Path:
    """The target path, refusing absolute paths, `..`, and symlinks that lead out of the root."""
    relative = PurePosixPath(item.path)
    if relative.is_absolute() or ".." in relative.parts or not relative.parts or "\\" in item.path:
        raise WriteError([Problem(item.path, "refusing a path outside the output folder")])
    root = item.root.resolve()
    target = root.joinpath(*relative.parts)
    parent = target.parent.resolve()
    if parent != root and root not in parent.parents:
        raise WriteError(
            [Problem(str(item.root / item.path), f"refusing to write through a symlink that leaves {item.root}")]
        )
    if target.is_symlink():
        raise WriteError([Problem(str(item.root / item.path), "refusing to write through a symlink")])
    return target


def _atomic_write(target: Path, data: bytes, *, exclusive: bool) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        if exclusive:
            try:
                os.link(tmp, target)  # fails if target exists: no race can clobber an ADR
            except FileExistsError:
                raise WriteError([Problem(str(target), "already exists; ADR files are never overwritten")]) from None
            os.unlink(tmp)
        else:
            os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on `folder` so two runs cannot number two ADRs alike."""
    import fcntl

    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def dry_run_lines(plan: Plan) -> list[str]:
    return [f"{status:9} {item.target}" for item, status in plan.statuses()]
