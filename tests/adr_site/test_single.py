"""The single file, without a browser: what is rewritten (advisor's tags) and what is not (the records' text)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.adr.log import load_log
from advisor.errors import InputError
from advisor.site import SiteOptions, build_site
from advisor.site.single import single_file, write_single
from tests.conftest import run_cli

CODE = """# 2. Show code

Date: 2026-01-02

## Status

Accepted

## Context

See [the first](0001-first.md) and [a heading](#decision), with `<div id="app" for="x">` and
`<a href="0001-first.html">` shown as code. ![An image "quoted" > here](first.png)
"""


@pytest.fixture
def log(tmp_path: Path):
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-first.md").write_text("# 1. First\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n")
    (folder / "0002-show-code.md").write_text(CODE)
    (folder / "first.png").write_bytes(b"\x89PNG\r\n\x1a\nnot really")
    return load_log(folder)


def test_links_and_ids_are_rewritten_in_tags_and_never_in_text(log, tmp_path):
    text = single_file(build_site(log, SiteOptions(tmp_path / "out", root=tmp_path)).files, "Log").decode()
    (section,) = re.findall(r'<section class="page" id="page-0002-show-code-html">(.*?)</section>', text, re.S)
    assert '<a href="#page-0001-first-html" rel="noopener noreferrer">the first</a>' in section
    assert '<a href="#page-0002-show-code-html--decision" rel="noopener noreferrer">a heading</a>' in section
    assert '<code>&lt;div id="app" for="x"&gt;</code>' in section
    assert '<code>&lt;a href="0001-first.html"&gt;</code>' in section
    assert re.search(
        r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="An image &quot;quoted&quot; &gt; here">', section
    )


def test_the_file_replaces_only_a_file_advisor_wrote(log, tmp_path):
    target = tmp_path / "log.html"
    target.write_text("<html>someone's notes</html>")
    with pytest.raises(InputError, match="exists and is not a file advisor wrote"):
        write_single(target, b"x")
    assert target.read_text() == "<html>someone's notes</html>"
    target.unlink()
    data = single_file(build_site(log, SiteOptions(tmp_path, root=tmp_path)).files, "Log")
    write_single(target, data)
    write_single(target, data)  # ours: replaced
    assert target.read_bytes() == data


def test_same_log_same_bytes_and_a_symlinked_target_is_refused(log, tmp_path):
    first = single_file(build_site(log, SiteOptions(tmp_path, root=tmp_path)).files, "Log")
    assert single_file(build_site(log, SiteOptions(tmp_path, root=tmp_path)).files, "Log") == first
    (tmp_path / "elsewhere.html").write_text("x")
    (tmp_path / "link.html").symlink_to("elsewhere.html")
    result = run_cli("adr", "site", "--adr-dir", log.folder, "--single-file", "link.html", cwd=tmp_path)
    assert result.code == 2 and "symlink" in result.err
    assert (tmp_path / "elsewhere.html").read_text() == "x"
