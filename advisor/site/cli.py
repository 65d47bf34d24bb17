"""The `advisor adr site` command behind its argparse entry: options checked, site built, links reported."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from advisor.adr.log import AdrLog
from advisor.errors import ExitCode, InputError, Problem
from advisor.shown import shown as shown_path


def run(log: AdrLog, args: argparse.Namespace) -> int:
    from advisor.site import SiteOptions, build_site, write_site

    base_url = _base_url(args.base_url)
    if not args.title.strip():
        raise InputError([Problem("--title", "must not be empty")])
    from advisor.confine import root

    here = Path.cwd().resolve()
    single = getattr(args, "single_file", None)
    if single is not None:
        single = root(single, Path.cwd(), "the single file (--single-file)", from_user=True)
        args.out = single.parent  # links into the repository are written as seen from the file
    else:
        shown = str(args.out)
        args.out = root(args.out, Path.cwd(), "the site folder (--out)", from_user=True)  # a symlinked site/: refused
        out = args.out.resolve()
        if here.is_relative_to(out) or log.folder.resolve().is_relative_to(out):
            # the whole folder is replaced on every build: it must never be one that holds the work
            raise InputError([Problem(shown, "--out: must not be the current folder, hold it, or hold the ADR folder")])
    options = SiteOptions(args.out, args.title.strip(), base_url, here, tuple(args.rules_dirs))
    site = build_site(log, options)
    pages = sum(1 for name in site.files if name.endswith(".html"))
    if single is not None:
        from advisor.site.single import single_file, write_single

        write_single(single, single_file(site.files, options.title))
        print(f"wrote {single} ({pages} pages, {len(log.records)} records, one file)")
    else:
        write_site(args.out, site.files)
        print(f"wrote {args.out}/index.html ({pages} pages, {len(log.records)} records)")
    if args.check_links and site.broken:
        for file, line, what in sorted(site.broken, key=lambda b: (b[0], b[1] or 0, b[2])):
            # the path as `advisor check` prints it (relative to the working folder), so the two read alike
            print(str(Problem(shown_path(log.folder / file), what, line)), file=sys.stderr)
        return ExitCode.FINDINGS
    return ExitCode.OK


def _base_url(value: str | None) -> str | None:
    if value is None:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise InputError([Problem("--base-url", f"{value!r} is not an http(s) URL")])
    return value if value.endswith("/") else value + "/"
