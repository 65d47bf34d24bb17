"""The built site as files: golden HTML for a small mixed log, same log -> same bytes, the CLI's contract."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.adr.log import load_log
from advisor.site import SiteOptions, build_site
from advisor.site.build import search_index_script
from advisor.site.output import MARKER
from tests.adr_site.logs import SITE_FIXTURES, nygard_log
from tests.conftest import run_cli

SMALL = SITE_FIXTURES / "small"
GOLDEN = SITE_FIXTURES / "golden"


def _build(folder: Path, out: Path, root: Path | None = None) -> dict[str, bytes]:
    return build_site(load_log(folder), SiteOptions(out, "Small log", root=root or folder)).files


def test_golden_html_for_a_small_log(tmp_path: Path, update_golden: bool) -> None:
    built = _build(SMALL, tmp_path / "out")
    files = {name: data for name, data in built.items() if name not in ("site.css", "site.js")}
    if update_golden:
        shutil.rmtree(GOLDEN, ignore_errors=True)
        GOLDEN.mkdir(parents=True)
        for name, data in files.items():
            (GOLDEN / name).write_bytes(data)
    assert sorted(files) == sorted(p.name for p in GOLDEN.iterdir())
    for name, data in files.items():
        assert data.decode() == (GOLDEN / name).read_text(encoding="utf-8"), f"{name} differs (--update-golden)"


def test_small_log_pages_link_records_and_keep_markup_safe(tmp_path: Path) -> None:
    files = _build(SMALL, tmp_path / "out")
    first = files["0001-use-postgres.html"].decode()
    assert 'href="0003-add-pgvector.html"' in first  # a link between records goes to the record's page
    assert "<table>" in first and "<th>Option</th>" in first
    assert 'aside class="banner"' in first
    third = files["0003-add-pgvector.html"].decode()
    assert "<details><summary>Benchmarks</summary>" in third
    assert third.count("<h1") == 1 and "<h2>Decision Outcome</h2>" in third
    l4b = files["20240401-keep-adrs-in-git.html"].decode()
    assert 'href="0002-run-on-kubernetes.html#context"' in l4b
    assert '<form class="search" role="search" hidden>' in files["index.html"].decode()  # shown by the script


def test_same_log_same_bytes_whatever_the_file_order(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = nygard_log(repo)
    first = _build(folder, repo / "site", repo)
    copy = tmp_path / "copy" / "docs" / "adr"
    copy.mkdir(parents=True)
    for path in sorted(folder.iterdir(), reverse=True):  # created in the other order: scandir order differs
        if path.is_file():
            shutil.copy(path, copy / path.name)
    shutil.copytree(repo / "deploy", tmp_path / "copy" / "deploy")  # the generated files the records list
    second = _build(copy, tmp_path / "copy" / "site", tmp_path / "copy")
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []
    assert "decision-rancher.html" in first


def test_search_index_escapes_markup_and_line_separators() -> None:
    script = search_index_script([{"t": "</script><b>&\u2028é"}]).decode("ascii")
    assert script == 'window.adrSearchIndex = [{"t":"\\u003c/script\\u003e\\u003cb\\u003e\\u0026\\u2028\\u00e9"}];\n'


def test_cli_writes_the_site_and_rebuilds_it_in_place(tmp_path: Path) -> None:
    shutil.copytree(SMALL, tmp_path / "docs" / "adr")
    first = run_cli("adr", "site", cwd=tmp_path)
    assert first.code == 0, first.err
    assert first.out == "wrote site/adr/index.html (8 pages, 4 records)\n"
    index = tmp_path / "site" / "adr" / "index.html"
    before = index.read_bytes()
    (tmp_path / "docs" / "adr" / "0002-run-on-kubernetes.md").unlink()
    again = run_cli("adr", "site", "--title", "Decisions", "--base-url", "https://example.org/adr", cwd=tmp_path)
    assert again.code == 0, again.err
    assert not (tmp_path / "site" / "adr" / "0002-run-on-kubernetes.html").exists()  # no stale pages
    after = index.read_text(encoding="utf-8")
    assert after != before.decode() and '<link rel="canonical" href="https://example.org/adr/index.html">' in after
    assert sorted(p.name for p in tmp_path.joinpath("site").iterdir()) == ["adr"]  # no staging folder left


def test_cli_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    shutil.copytree(SMALL, tmp_path / "adr")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "notes.txt").write_text("mine")
    result = run_cli("adr", "site", "--adr-dir", "adr", "--out", "out", cwd=tmp_path)
    assert result.code == 2
    assert result.err.startswith("out: --out: not empty and not a site advisor wrote") and "Traceback" not in result.err
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adr", "out"]


@pytest.mark.parametrize(("args", "message"), [
    (["--base-url", "javascript:alert(1)"], "--base-url: 'javascript:alert(1)' is not an http(s) URL"),
    (["--title", "  "], "--title: must not be empty"),
    (["--out", "."], ".: --out: must not be the current folder, hold it, or hold the ADR folder"),
    (["--out", "adr/.."], "adr/..: --out: must not be the current folder, hold it, or hold the ADR folder"),
])  # fmt: skip
def test_cli_bad_options_exit_2_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    shutil.copytree(SMALL, tmp_path / "adr")
    result = run_cli("adr", "site", "--adr-dir", "adr", *args, cwd=tmp_path)
    assert (result.code, result.err) == (2, message + "\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["adr"]


def test_check_links_fails_on_missing_records_and_files(tmp_path: Path) -> None:
    shutil.copytree(SMALL, tmp_path / "adr")
    clean = run_cli("adr", "site", "--adr-dir", "adr", "--check-links", cwd=tmp_path)
    assert clean.code == 1
    assert clean.err == "adr/0001-use-postgres.md:11: link to a missing file: images/missing.png\n"
    (tmp_path / "adr" / "images").mkdir()
    (tmp_path / "adr" / "images" / "missing.png").write_bytes(b"\x89PNG")
    (tmp_path / "adr" / "0004-gone.md").write_text("# 4. Gone\n\n## Status\n\nSuperseded by [9. Nine](0009-nine.md)\n")
    result = run_cli("adr", "site", "--adr-dir", "adr", "--check-links", cwd=tmp_path)
    assert result.code == 1
    assert result.err == "adr/0004-gone.md:5: 'superseded by [9. Nine](0009-nine.md)' points to no record\n"
    assert (tmp_path / "site" / "adr" / MARKER).is_file()  # the site is written all the same
