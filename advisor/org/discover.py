"""Finding the services under one or more ROOT folders: read-only, in this process, never through a symlink.

A service is a folder with a skeleton lock (`advisor.lock.yaml`, in its `deploy/` or wherever `--out` put it), an
ADR log that `advisor check` would find there, or a Backstage `catalog-info.yaml`. A service inside another's
folder is a service of its own. The walk skips `.git` and every other hidden folder, `node_modules`, virtualenvs
and vendored folders; it never follows a symlink (so it can neither leave ROOT nor go round a loop) and never
enters a folder twice. Whatever cannot be read becomes a finding with a rule id, and the walk goes on.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from advisor.adr.checks import Finding
from advisor.adr.lint.config import CONFIG_FILE, CheckConfig, load_config
from advisor.errors import InputError, Problem
from advisor.lock import LOCK_NAME, Lock, read_lock
from advisor.org.catalog import CATALOG_FILE, read_catalog
from advisor.org.config import OrgConfig, org_config

SKIP = frozenset({"node_modules", "bower_components", "vendor", "third_party", "third-party", "venv", "__pycache__"})
LOG_FOLDERS = ("docs/decisions", "docs/adr", "doc/adr")  # advisor.adr.log.CANDIDATES, checked from a listing


@dataclass
class Service:
    root: Path  # the ROOT it was found under (resolved)
    path: Path  # the service's folder (resolved)
    base: Path  # where advisor ran for it: the paths its records and lock hold are relative to this folder
    name: str = ""
    owner: str = ""
    system: str = ""
    lifecycle: str = ""
    catalog: Path | None = None
    adr_dir: Path | None = None
    out_dir: Path | None = None  # the skeleton folder, which holds advisor.lock.yaml
    lock: Lock | None = None
    config: CheckConfig = field(default_factory=CheckConfig)
    findings: list[Finding] = field(default_factory=list)

    @property
    def rel(self) -> str:
        """The folder relative to ROOT, as every report shows it ("." for ROOT itself)."""
        return self.path.relative_to(self.root).as_posix() if self.path != self.root else "."

    def shown(self, path: Path | str) -> str:
        """A path as reports show it: relative to ROOT when inside it, so a monorepo's annotations land on the file."""
        target = Path(path)
        target = target if target.is_absolute() else self.base / target
        try:
            return os.path.normpath(target.absolute()).removeprefix(str(self.root) + os.sep)
        except ValueError:
            return str(target)

    def finding(self, code: str, path: Path | str, message: str, line: int | None = None) -> None:
        self.findings.append(Finding(str(path), line, message, "error", code))


@dataclass
class Organisation:
    roots: list[Path]
    services: list[Service]
    findings: list[Finding] = field(default_factory=list)  # folders under a ROOT that belong to no known service


def discover(roots: list[Path]) -> Organisation:
    """Every service under `roots`, sorted by ROOT then path; InputError (exit 2) when a ROOT is not a folder or
    its organisation config is broken."""
    resolved = []
    for root in roots:
        if not root.is_dir():
            raise InputError([Problem(str(root), "ROOT not found or not a folder")])
        resolved.append(root.resolve())
    org = Organisation(resolved, [])
    for root in resolved:
        settings = org_config(root)
        found: dict[Path, Service] = {}
        if settings.discover:
            _walk(root, settings, found, org.findings)
        _listed(root, settings, found, org.findings)
        for service in found.values():
            _settle(service)
        org.services += sorted(found.values(), key=lambda s: s.rel)
    return org


def repository_of(service: Service) -> Path:
    """The service's repository: the nearest folder holding `.git` at or above it, but not above ROOT (else ROOT).
    Every path read from the service's files must stay inside it."""
    for folder in (service.path, *service.path.parents):
        if (folder / ".git").exists():
            return folder
        if folder == service.root or folder == folder.parent:
            break
    return service.root


def _settle(service: Service) -> None:
    """The catalog's names and the ADR folder, in the order `advisor check` looks (the catalog's annotation first)."""
    bound = repository_of(service)
    if service.config.file is None:  # as every command finds it: the nearest config up to the repository's root
        from advisor.adr.lint.config import find_config

        nearest = find_config(service.base)
        if nearest is not None:
            _read_config(service, nearest)
    adr_dir = None
    if service.catalog is not None:
        try:
            catalog = read_catalog(service.catalog, bound)
        except InputError as exc:
            for problem in exc.problems:
                service.finding("ORG003", problem.file, _message(problem), problem.line)
        else:
            service.name = service.name or catalog.name
            service.owner = service.owner or catalog.owner
            service.system, service.lifecycle, adr_dir = catalog.system, catalog.lifecycle, catalog.adr_dir
    adr_dir = adr_dir or service.config.adr_dir or _marker(service, bound)
    if adr_dir is None:
        candidates = [service.base / part for part in LOG_FOLDERS]
        if service.lock is not None:
            candidates.append((service.base / service.lock.adr_path).parent)
        adr_dir = next((c for c in candidates if c.is_dir()), candidates[1])
    service.adr_dir = adr_dir


def _marker(service: Service, bound: Path) -> Path | None:
    """adr-tools' `.adr-dir` file: one line naming the folder; read bounded, and only a folder inside the repository."""
    marker = service.base / ".adr-dir"
    if marker.is_symlink() or not marker.is_file():
        return None
    try:
        with marker.open("rb") as handle:
            value = (handle.read(4096).decode("utf-8").strip().splitlines() or [""])[0].strip()
    except (OSError, UnicodeDecodeError):
        service.finding("ORG005", marker, "cannot read it as one line of UTF-8 text naming the ADR folder", 1)
        return None
    if not value:
        return None
    folder = (service.base / value).resolve()
    if folder != bound.resolve() and not folder.is_relative_to(bound.resolve()):
        service.finding("ORG005", marker, f"{value!r} leads outside the repository ({bound}); not read", 1)
        return None
    return folder


def _walk(
    root: Path, settings: OrgConfig, found: dict[Path, Service], problems: list[Finding], start: Path | None = None
) -> None:
    stack, seen = [start or root], set()
    while stack:
        folder = stack.pop()
        try:
            info = folder.stat()
            if (info.st_dev, info.st_ino) in seen:
                continue
            seen.add((info.st_dev, info.st_ino))
            with os.scandir(folder) as listing:
                entries = {entry.name: entry for entry in listing}
        except OSError as exc:
            problems.append(Finding(str(folder), None, f"cannot read the folder: {exc.strerror or exc}", code="ORG001"))
            continue
        skeleton = _inspect(root, folder, entries, found, problems)
        if skeleton:
            continue  # a skeleton folder holds only what advisor generated
        for name in sorted(entries, reverse=True):
            entry = entries[name]
            if name.startswith(".") or name in SKIP or not _is_dir(entry):
                continue
            child = Path(entry.path)
            relative = child.relative_to(root).as_posix()
            if any(fnmatch(relative, pattern) for pattern in settings.exclude) or (child / "pyvenv.cfg").exists():
                continue
            stack.append(child)


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False


def _is_file(entry: os.DirEntry | None) -> bool:
    try:
        return entry is not None and entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _inspect(
    root: Path, folder: Path, entries: dict[str, os.DirEntry], found: dict[Path, Service], problems: list[Finding]
) -> bool:
    """Record what `folder` says about services; True when it is a skeleton folder (it holds the lock)."""
    if LOCK_NAME in entries:
        _lock_folder(root, folder, entries[LOCK_NAME], found)
        return True
    catalog = entries.get(CATALOG_FILE)
    has_log = ".adr-dir" in entries or any(
        part.split("/")[0] in entries and (folder / part).is_dir() for part in LOG_FOLDERS
    )
    config = _config_entry(entries)
    if catalog is None and config is None and not has_log:
        return False
    service = found.get(folder) or Service(root, folder, folder)
    if catalog is not None:
        if _is_file(catalog):
            service.catalog = folder / CATALOG_FILE
        else:
            service.finding("ORG003", folder / CATALOG_FILE, "is not a regular file (a symlink is not followed)")
    if config is not None:
        _read_config(service, folder / config.name)
    configured_log = service.config.adr_dir is not None and service.config.adr_dir.is_dir()
    if catalog is not None or has_log or configured_log or folder in found:
        found[folder] = service
    else:
        problems += service.findings  # a config that names no log (a monorepo's root): not a service, but say so
    return False


def _config_entry(entries: dict[str, os.DirEntry]) -> os.DirEntry | None:
    """`.advisor.yaml`, else a pyproject.toml that holds `[tool.advisor]`; only regular files are read."""
    entry = entries.get(CONFIG_FILE)
    if _is_file(entry):
        return entry
    entry = entries.get("pyproject.toml")
    if not _is_file(entry):
        return None
    try:
        with open(entry.path, "rb") as handle:
            return entry if b"[tool.advisor" in handle.read(1024 * 1024) else None
    except OSError:
        return None


def _service(root: Path, folder: Path, found: dict[Path, Service]) -> Service:
    if folder not in found:
        found[folder] = Service(root, folder, folder)
    return found[folder]


def _read_config(service: Service, path: Path) -> None:
    try:
        service.config = load_config(path)
    except InputError as exc:
        service.config = CheckConfig(path)
        for problem in exc.problems:
            service.finding("ORG005", problem.file, _message(problem), problem.line)


def _lock_folder(root: Path, folder: Path, entry: os.DirEntry, found: dict[Path, Service]) -> None:
    """The skeleton folder's service is the folder above it, unless the lock's ADR path says advisor ran higher up."""
    lock, problem = None, None
    if not _is_file(entry):
        problem = Problem(str(folder / LOCK_NAME), "must be a regular file, not a symlink or folder")
    else:
        try:
            lock = read_lock(folder)
        except InputError as exc:
            problem = exc.problems[0]
    owner = folder.parent if folder != root else folder
    service = _service(root, owner, found)
    if service.out_dir is not None:
        return  # a second skeleton under one service: the first (by name) is the one its records follow
    service.out_dir, service.lock = folder, lock
    if problem is not None:
        service.finding("ORG004", problem.file, _message(problem), problem.line)
        return
    assert lock is not None
    for base in (owner, *owner.parents):
        if (base / lock.adr_path).is_file():
            service.base = base
            break
        if base == root:
            break


def _listed(root: Path, settings: OrgConfig, found: dict[Path, Service], problems: list[Finding]) -> None:
    """The organisation config's services: their names and owners win; a listed folder discovery did not reach is
    walked now; with `discover: false` only they remain."""
    listed = {item.path: item for item in settings.services}
    for path, item in listed.items():
        if path not in found:
            if not path.is_dir():
                service = _service(root, path, found)
                where = settings.config.file or path
                message = f"{item.written}: listed, but not a folder that can be read"
                service.finding("ORG001", where, message, item.line)
                continue
            _walk(root, settings, found, problems, path)
        service = _service(root, path, found)  # listed: a service even with nothing advisor can read yet
        service.name, service.owner = item.name or service.name, item.owner or service.owner
    if not settings.discover:
        for path in [p for p in found if p not in listed]:
            del found[path]


def _message(problem: Problem) -> str:
    return f"{problem.field}: {problem.message}" if problem.field else problem.message
