"""`--jobs N`: the services shared among worker processes give the very same output as one process."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.org.organisation import ORG_RULES, run


@pytest.fixture(scope="module")
def many(built_org, tmp_path_factory) -> Path:
    """Twenty services: enough for two workers of eight or more each."""
    root = tmp_path_factory.mktemp("many")
    for index in range(20):
        source = ("ledger", "atlas", "orbit", "handbook", "portal")[index % 5]
        shutil.copytree(built_org[source], root / f"{source}-{index:02d}", symlinks=True)
    return root


@pytest.mark.parametrize("command", [["list", "--json"], ["check", "--format", "json"]])
def test_workers_give_the_same_output(many: Path, command: list[str]) -> None:
    one = run("org", *command, "--jobs", "1", many)
    two = run("org", *command, "--jobs", "2", many)
    assert (one.code, one.out, one.err) == (two.code, two.out, two.err)
    assert one.out.count('"path": "ledger-') >= 4


def test_impact_and_the_site_are_the_same_with_workers(many: Path, tmp_path: Path) -> None:
    one = run("org", "impact", "--json", "--rules", ORG_RULES, "--jobs", "1", many)
    two = run("org", "impact", "--json", "--rules", ORG_RULES, "--jobs", "2", many)
    assert one.out == two.out and '"decision": "rancher"' in one.out
    sites = []
    for jobs in ("1", "2"):
        out = tmp_path / f"site-{jobs}"
        assert run("org", "site", "--out", out, "--jobs", jobs, many).code == 1  # the copies share names
        sites.append({p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert sites[0] == sites[1]


def test_jobs_must_be_a_small_positive_number(many: Path) -> None:
    result = run("org", "list", "--jobs", "0", many)
    assert result.code == 2 and "'0' is not a number of processes from 1 to 64" in result.err
