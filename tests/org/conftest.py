"""The organisation of real git repositories (tests/org/organisation.py), built once and copied per test that writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.org.organisation import build


@pytest.fixture(scope="session")
def built_org(tmp_path_factory) -> dict[str, Path]:
    return build(tmp_path_factory.mktemp("org"))


@pytest.fixture
def org(built_org: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    """A private copy (git history included) for a test that writes."""
    base = built_org["clones"].parent
    copy = tmp_path / "org"
    shutil.copytree(base, copy, symlinks=True)
    return {name: copy / path.relative_to(base) for name, path in built_org.items()}


@pytest.fixture(autouse=True)
def committer(monkeypatch) -> None:
    """`org apply --branch` commits as the user; on a machine (or CI runner) without a git identity, this one."""
    for role in ("AUTHOR", "COMMITTER"):
        monkeypatch.setenv(f"GIT_{role}_NAME", "Platform Team")
        monkeypatch.setenv(f"GIT_{role}_EMAIL", "platform@example.com")
