"""`<out>/advisor.lock.yaml`: what advisor wrote into a skeleton folder, and from which decision.

One small, sorted file per skeleton: the ADR the files follow, the answers file and its normalised hash, tool and
ruleset versions, and per file its sha256, the git blob id of the bytes written (what `git hash-object` prints,
so a later merge can read its base back from history) and the facts (answers and choices) its builder read.
File hashes live here rather than in the ADR so that regenerating files never rewrites an accepted record.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.confine import LinkedFolders
from advisor.errors import InputError, Problem

LOCK_NAME = "advisor.lock.yaml"
FORMAT = 1
_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_HEX40 = re.compile(r"^[0-9a-f]{40}$")
_HEADER = "# Written by advisor decide: what it generated here and from which ADR. Do not edit.\n"


@dataclass(frozen=True)
class LockedFile:
    path: str  # relative POSIX path inside the skeleton folder
    sha256: str
    blob: str
    builder: str = ""  # which builder made it; its facts are in Lock.builders
    source: str = ""  # digest of the objects a YAML file was dumped from (advisor.content.Deferred.source)


@dataclass
class Lock:
    adr_id: str
    adr_path: str  # relative to the repository
    answers_file: str | None
    answers_sha256: str
    tool_version: str
    ruleset_version: str
    files: list[LockedFile] = field(default_factory=list)
    builders: dict[str, dict[str, Any]] = field(default_factory=dict)  # builder -> {fact: value when written}
    # The record as advisor rendered it last: while it is proposed, a revision merges a hand edit against this
    adr_sha256: str = ""
    adr_blob: str = ""

    def by_path(self) -> dict[str, LockedFile]:
        return {item.path: item for item in self.files}

    def to_bytes(self) -> bytes:
        import yaml

        data = {
            "format": FORMAT,
            "adr": {"id": self.adr_id, "path": self.adr_path}
            | ({"sha256": self.adr_sha256, "blob": self.adr_blob} if self.adr_sha256 else {}),
            "answers": {"file": self.answers_file, "sha256": self.answers_sha256},
            "advisor": {"version": self.tool_version, "ruleset": self.ruleset_version},
            "files": [
                {"path": f.path, "sha256": f.sha256, "blob": f.blob, "builder": f.builder}
                | ({"source": f.source} if f.source else {})
                for f in sorted(self.files, key=lambda f: f.path)
            ],
            "builders": {
                name: {key: facts[key] for key in sorted(facts)} for name, facts in sorted(self.builders.items())
            },
        }
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
        return (_HEADER + text).encode()


def lock_path(out_dir: Path) -> Path:
    return out_dir / LOCK_NAME


def read_lock(out_dir: Path) -> Lock | None:
    """The lock in `out_dir`, None when there is none; InputError (FILE:LINE: field: what) when it is unusable."""
    from advisor.yamlio import load_yaml_file

    path = lock_path(out_dir)
    if not path.exists() and not path.is_symlink():
        return None
    if path.is_symlink() or not path.is_file():
        raise InputError([Problem(str(path), "must be a regular file, not a symlink or folder")])
    located = load_yaml_file(path, "lock file")
    lock = _parse(located.data, located.line_of, str(path))
    root = os.path.abspath(out_dir)
    links = LinkedFolders(root)
    for index, item in enumerate(lock.files):  # a folder on the way that is a symlink is never followed
        if links.through_link(os.path.dirname(os.path.join(root, os.path.normpath(item.path)))):
            message = f"{item.path!r} leads through a symlink in {out_dir}; advisor never follows one"
            raise InputError(
                [Problem(str(path), message, located.line_of(("files", index, "path")), f"files[{index}].path")]
            )
    return lock


def _parse(data: Any, line_of, file: str) -> Lock:
    from advisor.yamlio import dotted

    def fail(where: tuple, message: str) -> InputError:
        return InputError([Problem(file, message, line_of(where), dotted(where) or None)])

    if not isinstance(data, dict):
        raise fail((), "the lock must be a mapping; delete it and run `advisor decide` to write it again")
    version = data.get("format")
    if not isinstance(version, int) or version < 1:
        raise fail(("format",), "must be a positive whole number")
    if version > FORMAT:
        raise fail(("format",), f"written by a newer advisor (format {version}; this one reads {FORMAT}); upgrade")
    adr, answers, tool = (_mapping(data, key, fail) for key in ("adr", "answers", "advisor"))
    lock = Lock(
        adr_id=_text(adr, ("adr", "id"), fail),
        adr_path=_text(adr, ("adr", "path"), fail),
        answers_file=answers.get("file") if isinstance(answers.get("file"), str) else None,
        answers_sha256=_text(answers, ("answers", "sha256"), fail, _HEX64),
        tool_version=str(tool.get("version", "")),
        ruleset_version=str(tool.get("ruleset", "")),
        builders=data.get("builders") if isinstance(data.get("builders"), dict) else {},
    )
    if "sha256" in adr:  # written since records start proposed; older locks have neither
        lock.adr_sha256 = _text(adr, ("adr", "sha256"), fail, _HEX64)
        lock.adr_blob = _text(adr, ("adr", "blob"), fail, _HEX40)
    files = data.get("files")
    if not isinstance(files, list):
        raise fail(("files",), "must be a list")
    seen: set[str] = set()
    for index, item in enumerate(files):
        where = ("files", index)
        if not isinstance(item, dict):
            raise fail(where, "must be a mapping with path, sha256 and blob")
        path = _text(item, (*where, "path"), fail)
        parts = path.split("/")  # what PurePosixPath would make of it, without making one per file
        empty = all(part in ("", ".") for part in parts)
        if path.startswith("/") or ".." in parts or "\\" in path or empty or path in seen:
            raise fail((*where, "path"), f"{path!r} is not a unique path inside the skeleton folder")
        seen.add(path)
        digest, blob = _text(item, (*where, "sha256"), fail, _HEX64), _text(item, (*where, "blob"), fail, _HEX40)
        source = _text(item, (*where, "source"), fail, _HEX64) if "source" in item else ""
        lock.files.append(LockedFile(path, digest, blob, str(item.get("builder") or ""), source))
    return lock


def _mapping(data: dict, key: str, fail) -> dict:
    value = data.get(key)
    if not isinstance(value, dict):
        raise fail((key,), "must be a mapping")
    return value


def _text(data: dict, where: tuple, fail, pattern: re.Pattern | None = None) -> str:
    value = data.get(where[-1])
    if not isinstance(value, str) or (pattern is not None and not pattern.match(value)):
        shape = "a lower-case hex digest" if pattern is not None else "a string"
        raise fail(where, f"must be {shape}")
    return value
