"""Writing the site: the whole folder at once, and only over a folder this command wrote before.

The site is built in a temporary folder beside `--out` and swapped in by renames, so a reader (or a failed
build) never sees half a site. A non-empty folder without the marker file is someone else's: it is left
alone and the command stops with exit status 2.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from advisor.errors import InputError, Problem

MARKER = ".advisor-site"


def write_site(out_dir: Path, files: dict[str, bytes]) -> None:
    with staged(out_dir) as staging:
        write_files(staging, files)


def write_files(folder: Path, files: dict[str, bytes]) -> None:
    made = {str(folder)}  # each folder made once: no mkdir per page of a 20,000-record log or a 1,000-service site
    for name, data in sorted(files.items()):
        target = os.path.join(folder, name)
        parent = os.path.dirname(target)
        if parent not in made:
            os.makedirs(parent, exist_ok=True)
            made.add(parent)
        with open(target, "wb") as handle:
            handle.write(data)


@contextmanager
def staged(out_dir: Path) -> Iterator[Path]:
    """A temporary folder beside `out_dir` to build the site in, swapped in whole when the block ends well (and
    removed when it does not). `advisor org site` lets its worker processes write their services' pages there."""
    shown, out_dir = str(out_dir), out_dir.absolute()  # absolute: a name and a parent to build beside
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError([Problem(shown, "--out: is a file, not a folder")])
    if out_dir.is_dir() and any(out_dir.iterdir()) and not (out_dir / MARKER).is_file():
        raise InputError([Problem(shown, f"--out: not empty and not a site advisor wrote (no {MARKER}); "
                                  "choose an empty or new folder")])  # fmt: skip
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        yield staging
        (staging / MARKER).write_bytes(b"written by advisor adr site; replaced on every build\n")
        os.chmod(staging, 0o755)  # mkdtemp makes it private; a published site is read by a web server
        old = None
        if out_dir.exists():
            old = out_dir.with_name(f".{out_dir.name}.old-{os.getpid()}")
            os.rename(out_dir, old)
        os.rename(staging, out_dir)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
