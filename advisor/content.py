"""A file's bytes, rendered only when something needs them.

Rendering the skeleton is mostly YAML emitting, and most runs need few of the bytes: a dry run against an
empty folder only needs to know each file is `new`, and a re-decide whose builder read the same facts as last
time (same advisor, same rules) already knows each file's hash from the lock. `Deferred` holds the recipe
for the bytes and, when the lock vouches for them, their sha256 and git blob id, so a plan can compare hashes
and only a write (or a merge, or a diff) pays for the render.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def git_blob_id(data: bytes) -> str:
    """The id git gives these bytes as a blob (`git hash-object`), computed without git."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


class Deferred:
    """Bytes made by `make()` on first use and kept; `sha256`/`blob` answer from `known` without rendering.

    `source`, when given, digests what the bytes are made from (the objects a YAML file dumps): cheap next to
    the render, recorded in the lock, and equal from one run to the next exactly when the objects are.
    """

    __slots__ = ("_data", "_known", "_make", "_source", "_source_of")

    def __init__(self, make: Callable[[], bytes], source: Callable[[], str] | None = None) -> None:
        self._make: Callable[[], bytes] | None = make
        self._data: bytes | None = None
        self._known: tuple[str, str] | None = None
        self._source_of = source
        self._source: str | None = None

    @property
    def source(self) -> str:
        """The digest of what the bytes are made from; "" when there is no cheaper way than rendering."""
        if self._source is None:
            self._source = self._source_of() if self._source_of else ""
        return self._source

    def know(self, sha: str, blob: str) -> None:
        """Vouch for the hashes of the bytes `make()` would return (read from the lock), so nothing renders."""
        if self._data is None:
            self._known = (sha, blob)

    @property
    def rendered(self) -> bool:
        return self._data is not None

    def force(self) -> bytes:
        if self._data is None:
            assert self._make is not None
            self._data, self._make, self._known = self._make(), None, None
        return self._data

    @property
    def sha256(self) -> str:
        return self._known[0] if self._known and self._data is None else sha256(self.force())

    @property
    def blob(self) -> str:
        return self._known[1] if self._known and self._data is None else git_blob_id(self.force())


Content = bytes | Deferred


def force(content: Content) -> bytes:
    return content.force() if isinstance(content, Deferred) else content


def content_sha256(content: Content) -> str:
    return content.sha256 if isinstance(content, Deferred) else sha256(content)


def content_blob(content: Content) -> str:
    return content.blob if isinstance(content, Deferred) else git_blob_id(content)


def content_source(content: Content) -> str:
    return content.source if isinstance(content, Deferred) else ""
