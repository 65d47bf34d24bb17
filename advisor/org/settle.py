"""A discovered service settled: its catalog's name and owner, its config, and its ADR folder, in the order
`advisor check` looks (the catalog's `adr-location` first), every path kept inside its repository."""

from __future__ import annotations

from pathlib import Path

from advisor.errors import InputError
from advisor.org.catalog import read_catalog
from advisor.org.service import Service, message, read_config, repository_of

LOG_FOLDERS = ("docs/decisions", "docs/adr", "doc/adr")  # advisor.adr.log.CANDIDATES


def settle(service: Service) -> None:
    """The catalog's names and the ADR folder, in the order `advisor check` looks (the catalog's annotation first)."""
    bound = repository_of(service)
    if service.config.file is None:  # as every command finds it: the nearest config up to the repository's root
        from advisor.adr.lint.config import find_config

        try:
            nearest = find_config(service.base)
        except InputError as exc:  # a config that is a symlink: this service's finding, not the organisation's end
            nearest = None
            for problem in exc.problems:
                service.finding("ORG005", problem.file, message(problem), problem.line)
        if nearest is not None:
            read_config(service, nearest)
    adr_dir = None
    if service.catalog is not None:
        try:
            catalog = read_catalog(service.catalog, bound)
        except InputError as exc:
            for problem in exc.problems:
                service.finding("ORG003", problem.file, message(problem), problem.line)
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
    service.adr_dir = _confined(service, adr_dir, bound)


def _confined(service: Service, folder: Path, bound: Path) -> Path | None:
    """The ADR folder when it is inside the repository and no part of it is a symlink; else a finding, and no log."""
    from advisor.confine import normal, refusal

    why = refusal(folder, bound)
    if why is None:
        return normal(folder)
    service.finding("ORG005", folder, f"the ADR folder {why} ({bound}); not read")
    return None


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
    from advisor.confine import normal, refusal

    why = refusal(service.base / value, bound)
    if why:
        service.finding("ORG005", marker, f"{value!r} {why} ({bound}); not read", 1)
        return None
    return normal(service.base / value)
