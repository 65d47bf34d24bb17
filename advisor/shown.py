"""Paths as advisor prints them: relative to the folder the command works from, as the docs show them.

`check`, `decide` and `adr` print every file relative to the current folder (or to `--root` where the command
has one), in text and JSON alike, so a CI log or a script sees `docs/adr/0002-use-minio.md` wherever the
checkout lies, and GitHub can match an annotation to its file. A file outside that folder keeps its absolute
path: a `../` path would be as long and harder to read.
"""

from __future__ import annotations

import os
from pathlib import Path


def shown(path: str | os.PathLike[str], base: Path | None = None) -> str:
    """`path` relative to `base` (default: the current folder) when it lies inside it, else as an absolute path."""
    here = Path.cwd()
    base = here if base is None else (here / base)
    target = here / Path(path)  # a relative path is relative to the current folder, whatever `base` is
    # absolute, not resolved first: a symlinked checkout (/tmp on macOS) shows the path the user typed
    # realpath, not resolve(): a symlink loop in a hostile log must not raise here
    for candidate, folder in ((target, base), (Path(os.path.realpath(target)), Path(os.path.realpath(base)))):
        try:
            relative = Path(os.path.normpath(candidate)).relative_to(os.path.normpath(folder))
        except ValueError:
            continue
        return relative.as_posix() if relative.parts else "."
    return os.path.normpath(target)
