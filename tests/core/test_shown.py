"""Paths printed relative to the folder a command works from (advisor/shown.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.shown import shown


def test_a_path_inside_the_current_folder_is_relative(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert shown(tmp_path / "docs" / "adr" / "0001-a.md") == "docs/adr/0001-a.md"
    assert shown("docs/adr/0001-a.md") == "docs/adr/0001-a.md"
    assert shown(tmp_path) == "."


def test_relative_to_a_root_other_than_the_current_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "repo" / "docs").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "repo" / "docs")
    assert shown(tmp_path / "repo" / "docs" / "adr" / "x.md", tmp_path / "repo") == "docs/adr/x.md"
    assert shown("adr/x.md", Path("..")) == "docs/adr/x.md"  # relative paths are the current folder's


def test_a_path_outside_stays_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "repo").mkdir()
    monkeypatch.chdir(tmp_path / "repo")
    assert shown(tmp_path / "elsewhere" / "x.md") == str(tmp_path / "elsewhere" / "x.md")
    assert shown("../elsewhere/x.md") == str(tmp_path / "elsewhere" / "x.md")


def test_through_a_symlinked_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "real" / "docs").mkdir(parents=True)
    (tmp_path / "link").symlink_to(tmp_path / "real")
    monkeypatch.chdir(tmp_path / "link")
    assert shown(tmp_path / "real" / "docs" / "x.md") == "docs/x.md"
