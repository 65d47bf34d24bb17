"""Finding the services under one or more ROOT folders: read-only, in this process, never through a symlink.

A service is a folder with a skeleton lock (`advisor.lock.yaml`, in its `deploy/` or wherever `--out` put it), an
ADR log that `advisor check` would find there, or a Backstage `catalog-info.yaml`. A service inside another's
folder is a service of its own. The walk skips `.git` and every other hidden folder, `node_modules`, virtualenvs
and vendored folders; it never follows a symlink (so it can neither leave ROOT nor go round a loop) and never
enters a folder twice. Whatever cannot be read becomes a finding with a rule id, and the walk goes on.
"""

from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path

from advisor.adr.checks import Finding
from advisor.adr.lint.config import CONFIG_FILE
from advisor.errors import InputError, Problem
from advisor.lock import LOCK_NAME, read_lock
from advisor.org.catalog import CATALOG_FILE
from advisor.org.config import OrgConfig, org_config
from advisor.org.service import Organisation, Service, message, read_config
from advisor.org.settle import LOG_FOLDERS, settle

SKIP = frozenset({"node_modules", "bower_components", "vendor", "third_party", "third-party", "venv", "__pycache__"})


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
            settle(service)
        org.services += sorted(found.values(), key=lambda s: s.rel)
    return org


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
        read_config(service, folder / config.name)
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
        service.finding("ORG004", problem.file, message(problem), problem.line)
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
