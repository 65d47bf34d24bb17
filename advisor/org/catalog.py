"""Backstage's `catalog-info.yaml`: the name, owner, system and lifecycle of a service, and where its ADRs are.

A catalog file may hold several entities (`---` between them); the service is the first `Component` (else the
first entity with a `metadata.name`). The `backstage.io/adr-location` annotation (the ADR plugin's) names the ADR
folder relative to the file; it must stay inside the service's repository, like every path advisor reads from one.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.errors import InputError, Problem

CATALOG_FILE = "catalog-info.yaml"
ADR_ANNOTATION = "backstage.io/adr-location"
MAX_BYTES = 256 * 1024  # catalog files are a few hundred bytes; a large one is not one


@dataclass(frozen=True)
class Catalog:
    file: Path
    name: str
    owner: str = ""
    system: str = ""
    lifecycle: str = ""
    adr_dir: Path | None = None  # from the adr-location annotation, resolved


def read_catalog(path: Path, bound: Path) -> Catalog:
    """The service `path` describes; InputError (FILE:LINE: field: what) when it cannot say; `bound`: the repository
    the annotation's folder must stay inside."""
    from advisor.yamlio import load_yaml_documents, read_text

    documents = load_yaml_documents(read_text(path, "catalog file", MAX_BYTES), str(path))
    entities = [(index, doc) for index, doc in enumerate(documents) if isinstance(doc.data, dict)]
    named = [(i, d) for i, d in entities if isinstance(d.data.get("metadata"), dict) and d.data["metadata"].get("name")]
    chosen = next(((i, d) for i, d in named if d.data.get("kind") == "Component"), named[0] if named else None)
    if chosen is None:
        raise InputError([Problem(str(path), "no entity with metadata.name; a service needs a name", 1)])
    _, doc = chosen
    data: dict[str, Any] = doc.data
    metadata, spec = data["metadata"], data.get("spec") if isinstance(data.get("spec"), dict) else {}
    annotations = metadata.get("annotations") if isinstance(metadata.get("annotations"), dict) else {}
    adr_dir = None
    location = annotations.get(ADR_ANNOTATION)
    if location is not None:
        where = ("metadata", "annotations", ADR_ANNOTATION)
        adr_dir = _adr_location(location, path, bound, doc.line_of(where))
    return Catalog(
        path,
        _text(metadata.get("name")),
        _text(spec.get("owner")),
        _text(spec.get("system")),
        _text(spec.get("lifecycle")),
        adr_dir,
    )


def _adr_location(value: Any, path: Path, bound: Path, line: int | None) -> Path:
    field = f"metadata.annotations.{ADR_ANNOTATION}"
    if not isinstance(value, str) or not value.strip() or "://" in value:
        message = "must be a folder path relative to this file (the ADR plugin's adr-location)"
        raise InputError([Problem(str(path), message, line, field)])
    from advisor.confine import normal, refusal

    folder = path.parent / value.strip()
    why = refusal(folder, bound)
    if why:
        message = f"{value!r} {why} ({bound}); keep the ADR folder inside it, no symlink on the way"
        raise InputError([Problem(str(path), message, line, field)])
    return normal(folder)


def _text(value: Any) -> str:
    return " ".join(str(value).split())[:200] if isinstance(value, str | int | float) else ""
