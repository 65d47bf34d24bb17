"""Every URL the site writes comes from here: relative paths, and `http`, `https` or `mailto` links, nothing else.

Record bodies, advisor's own fields (the generated files a record lists, the lock's files) and the site's own
pages all pass through the same builder, so a file named `javascript:alert(1)` becomes the relative link
`javascript%3Aalert%281%29`, never a script URL, and a link that leads outside the repository is dropped
without asking whether its target exists there (the answer would leak through the page or `--check-links`).
Paths are never followed through a symlink (advisor.confine); nh3 still cleans the bodies afterwards.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

from advisor.confine import LinkedFolders
from advisor.site.assets import Assets

SCHEMES = frozenset({"http", "https", "mailto"})
MISSING = "is missing"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\\]")  # controls, spaces and backslashes have no place in a link


def page(name: str, base_url: str | None = None) -> str:
    """The URL of one of the site's own pages (`0001-use-x.html`): every character that is not plain escaped."""
    return (base_url or "") + quote(name, safe="")


def external(href: str) -> str | None:
    """An absolute `http(s)` or `mailto` link as written; None for any other scheme, `//host` or a malformed one."""
    if _UNSAFE.search(href):
        return None
    parts = urlsplit(href)
    if parts.scheme.lower() not in SCHEMES or (parts.scheme.lower() != "mailto" and not parts.netloc):
        return None
    return href


def relative(target: Path, out_dir: Path) -> str:
    """`target` seen from a page in `out_dir`, each segment escaped; both paths already absolute and normalised.
    `os.path.relpath`'s steps, without its two `abspath` calls (a site links some 60 files per service)."""
    to, start = (
        [part for part in str(target).split(os.sep) if part],
        [part for part in str(out_dir).split(os.sep) if part],
    )
    common = 0
    while common < min(len(start), len(to)) and start[common] == to[common]:
        common += 1
    steps = [os.pardir] * (len(start) - common) + to[common:] or [os.curdir]
    return "/".join(quote(step, safe="") if step != ".." else step for step in steps)


@dataclass(frozen=True)
class Links:
    """Links from records in `adr_dir` to pages and files, for a site written to `out_dir`.

    `repository` is the folder links may reach: the checkout, or the ADR folder itself when a flag put it
    elsewhere. Every path is normalised once (advisor.confine.normal), without following links.
    """

    repository: Path
    adr_dir: Path
    out_dir: Path
    pages: dict[str, str]  # record file name -> its page
    record_file: Callable[[str], str | None] | None = None  # a site address (`/adr/23`) -> the record file it names
    assets: Assets | None = None  # when set, images and documents the bodies name are copied into the site
    linked: LinkedFolders = field(init=False, repr=False, compare=False)  # folders looked at for symlinks, once each

    def __post_init__(self) -> None:
        object.__setattr__(self, "linked", LinkedFolders(os.path.abspath(self.repository)))

    def body(self, href: str) -> tuple[str | None, str | None]:
        """(the URL to write, or None to drop the link; what `--check-links` reports, or None)."""
        if not href or href.startswith("#"):
            return (href or None), None
        if href.startswith("//") or _SCHEME.match(href):
            return external(href), None
        path, _, fragment = href.partition("#")
        path = path.split("?", 1)[0]
        suffix = "#" + quote(fragment, safe="") if fragment else ""
        name = unquote(path).rsplit("/", 1)[-1]
        if name in self.pages and "/" not in unquote(path).lstrip("./"):  # a record beside this one
            return page(self.pages[name]) + suffix, None
        shown = unquote(path)
        start = self.repository if shown.startswith("/") else self.adr_dir  # `/x` is the repository's x, as on GitHub
        url, why = self.file(str(start.relative_to(self.repository) / shown.lstrip("/")), copy=True)
        named = self.record_file(shown) if url is None and why == MISSING and self.record_file else None
        if named in self.pages:  # `/adr/23`, `/decisions/0023-x`: the page of that record
            return page(self.pages[named]) + suffix, None
        if url is None:
            return None, "link to a missing file" if why == MISSING else f"link {why}"
        return url + suffix, None

    def file(self, recorded: str, copy: bool = False) -> tuple[str | None, str | None]:
        """A file named relative to the repository: (URL, None), or (None, why): it `is missing`, `leads outside
        the repository` or `leads through a symlink` (advisor.confine), the last two without looking for it.
        With `copy`, an image or document is copied into the site (advisor.site.assets) and linked there."""
        from advisor.confine import inside

        target, refused = inside(self.repository, recorded, self.linked)
        if target is None:
            return None, refused
        if not os.path.exists(target):
            return None, MISSING
        in_repository = PurePosixPath(target.relative_to(self.repository).as_posix()) if copy else None
        if in_repository is not None and self.assets is not None and self.assets.wanted(in_repository):
            copied, why = self.assets.copy(target, in_repository)
            if copied is None:
                return None, why
            return "/".join(quote(step, safe="") for step in copied.split("/")), None
        return relative(target, self.out_dir), None
