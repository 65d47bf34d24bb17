"""Images and other files that records reference, copied into the site so the output folder stands alone.

A file is copied to `files/<its path in the repository>` (the layout kept, under one folder of its own, so no
file a record names can take the place of a page, `site.js` or the search index). Only what the site's URL
builder already let through is considered (inside the repository, not through a symlink: advisor.site.urls),
and of that only:

- files of the kinds a record shows or links as a document (`ALLOWED`): never HTML, scripts, or the data and
  configuration files a workspace may hold next to the checkout (`.env`, `key.json`): those keep the link
  into the repository they always had, and are never published;
- no path with a hidden part (`.git/config`, `.github/...`);
- regular files only, opened without following a link and without blocking (a FIFO named `x.png` would hang
  a read), up to `MAX_FILE_BYTES` each and `MAX_TOTAL_BYTES` in all;
- SVG only without script, event handlers, foreign objects, animation, entities or links out (opened as a
  page, an SVG runs its scripts on the site's origin).
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

ALLOWED = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".ico", ".svg", ".pdf", ".txt",
                     ".csv", ".md"})  # fmt: skip
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_TOTAL_BYTES = 100 * 1024 * 1024
FOLDER = "files"
_SVG_DANGER = re.compile(
    rb"<\s*(?:script|foreignobject|iframe|embed|object|set|animate\w*|handler|listener)\b|<!entity|@import"
    rb"|\son\w+\s*=|javascript:|(?:xlink:)?href\s*=\s*[\"']?\s*[^\"'#\s]|url\(\s*[\"']?\s*[^\"'#\s)]",
    re.IGNORECASE,
)


@dataclass
class Assets:
    """The files a build copies: site path -> bytes, and what it refused, by repository-relative path."""

    files: dict[str, bytes] = field(default_factory=dict)
    refused: dict[str, str] = field(default_factory=dict)
    total: int = 0

    def wanted(self, relative: PurePosixPath) -> bool:
        """Whether the file is of a kind the site copies, rather than links into the repository."""
        hidden = any(part.startswith(".") for part in relative.parts)
        return relative.suffix.lower() in ALLOWED and not hidden

    def copy(self, target: Path, relative: PurePosixPath) -> tuple[str | None, str | None]:
        """(the path in the site, None), or (None, why it is not copied); read once per build."""
        site_path = f"{FOLDER}/{relative.as_posix()}"
        if site_path in self.files:
            return site_path, None
        if relative.as_posix() in self.refused:
            return None, self.refused[relative.as_posix()]
        data, why = self._read(target)
        if data is not None and relative.suffix.lower() == ".svg" and _SVG_DANGER.search(data):
            data, why = None, "is an SVG with script, event handlers, links out or entities"
        if data is not None and self.total + len(data) > MAX_TOTAL_BYTES:
            data, why = None, f"would take the copied files past {MAX_TOTAL_BYTES // (1024 * 1024)} MiB"
        if data is None:
            self.refused[relative.as_posix()] = f"not copied: it {why}"
            return None, self.refused[relative.as_posix()]
        self.total += len(data)
        self.files[site_path] = data
        return site_path, None

    @staticmethod
    def _read(target: Path) -> tuple[bytes | None, str | None]:
        flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
        try:
            fd = os.open(target, flags)
        except OSError as exc:
            return None, "is a symlink" if exc.errno == errno.ELOOP else "cannot be read"
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                return None, "is not a regular file"
            if info.st_size > MAX_FILE_BYTES:
                return None, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"
            with os.fdopen(fd, "rb", closefd=False) as handle:
                data = handle.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                return None, f"is larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB"
            return data, None
        except OSError:
            return None, "cannot be read"
        finally:
            os.close(fd)
