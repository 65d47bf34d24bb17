"""Discovery under ROOT: what counts as a service, what is skipped, and nothing followed out of ROOT."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from advisor.org.discover import discover
from tests.conftest import EXAMPLES, ROOT
from tests.org.organisation import answers, decide, new_repo, run


def _paths(root: Path) -> dict[str, str]:
    return {s.rel: s.name for s in discover([root]).services}


def test_clones_and_a_monorepo_are_found_with_their_names(built_org) -> None:
    listed = json.loads(run("org", "list", "--json", built_org["clones"], built_org["mono"]).out)["services"]
    found = {(s["path"], s["name"]) for s in listed}
    assert found == {
        ("atlas", "atlas"), ("ledger", "ledger"), ("orbit", "orbit"), ("seedling", "seedling"),
        ("bastion", "bastion"), ("handbook", "handbook"), ("portal", "customer-portal"), ("broken", "broken"),
        ("services/billing", "billing"), ("services/search", "search"), ("services/notify", "notify"),
    }  # fmt: skip
    assert "sandbox/toy" not in {s["path"] for s in listed}, "excluded by the organisation config"
    assert "." not in {s["path"] for s in listed}, "the monorepo's root holds only the organisation config"


def test_a_service_found_only_through_its_catalog_entry(built_org) -> None:
    (portal,) = [s for s in discover([built_org["clones"]]).services if s.rel == "portal"]
    assert portal.catalog is not None and portal.lock is None
    assert portal.adr_dir == built_org["portal"] / "architecture"
    assert (portal.name, portal.owner, portal.system, portal.lifecycle) == (
        "customer-portal",
        "team-web",
        "customer-facing",
        "production",
    )
    listed = json.loads(run("org", "list", "--json", built_org["clones"]).out)["services"]
    (row,) = [s for s in listed if s["path"] == "portal"]
    assert row["name"] == "customer-portal" and row["owner"] == "team-web" and row["records"] == 6
    assert row["adr"] is None and row["decisions"] == {}


def test_folders_that_hold_no_service_are_skipped(tmp_path: Path) -> None:
    root = tmp_path / "root"
    service = new_repo(root / "app")
    (service / "answers.yaml").write_text(answers("scenario-a", "app"))
    assert decide(service) == 0
    for skipped in ("node_modules/pkg", ".git/modules/x", "vendor/lib", "env-x", ".venv", "third_party/y"):
        shutil.copytree(EXAMPLES.parent / "tests/fixtures/adr-nygard", root / skipped / "doc/adr")
    (root / "env-x" / "pyvenv.cfg").write_text("home = /usr\n")  # a virtualenv, whatever its name
    (root / "plain").mkdir()
    (root / "plain" / "pyproject.toml").write_text('[project]\nname = "plain"\n')  # no [tool.advisor]
    assert _paths(root) == {"app": ""}


def test_symlinks_are_never_followed_out_of_root_or_round_a_loop(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    shutil.copytree(ROOT / "tests/fixtures/adr-nygard", outside / "doc/adr")
    root = tmp_path / "root"
    shutil.copytree(ROOT / "tests/fixtures/adr-nygard", root / "inside/doc/adr")
    (root / "escape").symlink_to(outside)
    (root / "inside" / "loop").symlink_to(root)
    (root / "inside" / "self").symlink_to(".")
    (root / "lookalike").mkdir()
    (root / "lookalike" / "catalog-info.yaml").symlink_to(outside / "doc/adr/README.md")
    services = {s.rel: s for s in discover([root]).services}
    assert set(services) == {"inside", "lookalike"}
    assert [f.code for f in services["lookalike"].findings] == ["ORG003"]


def test_a_service_inside_another_is_its_own(tmp_path: Path) -> None:
    outer = new_repo(tmp_path / "outer")
    (outer / "answers.yaml").write_text(answers("scenario-c", "outer"))
    assert decide(outer) == 0
    inner = outer / "components" / "inner"
    inner.mkdir(parents=True)
    (inner / "answers.yaml").write_text(answers("scenario-a", "inner"))
    assert decide(inner) == 0
    rows = json.loads(run("org", "list", "--json", outer).out)["services"]
    assert [(r["path"], r["name"], r["decisions"]["manifests"]) for r in rows] == [
        (".", "outer", "helm"), ("components/inner", "inner", "kustomize")
    ]  # fmt: skip


def test_an_unreadable_folder_is_a_finding_and_the_walk_goes_on(built_org, monkeypatch) -> None:
    real = os.scandir
    blocked = built_org["orbit"] / "docs"

    def scandir(path="."):
        if Path(path) == blocked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = run("org", "check", "--format", "json", built_org["clones"])
    data = json.loads(result.out)
    assert result.code == 1
    mine = [f for f in data["findings"] if f["rule"] == "ORG001"]
    assert [(f["file"], f["severity"]) for f in mine] == [("orbit/docs", "error")]
    assert "Permission denied" in mine[0]["message"]
    assert data["services"] == 8, "every other service is still read"


def test_a_missing_root_is_a_usage_error(tmp_path: Path) -> None:
    for command in ("list", "check"):
        result = run("org", command, tmp_path / "nowhere")
        assert result.code == 2 and result.err == f"{tmp_path / 'nowhere'}: ROOT not found or not a folder\n"
    (tmp_path / "file").write_text("x")
    assert run("org", "list", tmp_path / "file").code == 2


def test_two_services_with_one_name_are_told_apart_by_path(tmp_path: Path) -> None:
    root = tmp_path / "root"
    for folder in ("a", "b"):
        repo = new_repo(root / folder)
        (repo / "answers.yaml").write_text(answers("scenario-a", "twin"))
        assert decide(repo) == 0
    result = run("org", "check", root)
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if "ORG002" in line]
    assert lines == [
        "a: ORG002 duplicate-service-name: error: two services are named 'twin': this one and b; "
        "tell them apart by path or rename one",
        "b: ORG002 duplicate-service-name: error: two services are named 'twin': this one and a; "
        "tell them apart by path or rename one",
    ]


@pytest.mark.parametrize(
    ("text", "line", "field", "fragment"),
    [
        ("org:\n  services:\n    - path: ../elsewhere\n", 3, "org.services[0].path", "leads outside ROOT"),
        ("org:\n  services:\n    - name: x\n", 3, "org.services[0]", "path is required"),
        ("org:\n  exclude: sandbox\n", 2, "org.exclude", "must be a list"),
        ("org:\n  servces: []\n", 2, "org.servces", "unknown key"),
        ("org:\n  services:\n    - {path: a, run: ./x.sh}\n", 3, "org.services[0].run", "unknown key"),
    ],
)
def test_a_broken_organisation_config_is_exit_2_at_its_line(tmp_path: Path, text, line, field, fragment) -> None:
    root = tmp_path / "root"
    (root / "a").mkdir(parents=True)
    (root / ".advisor.yaml").write_text(text)
    result = run("org", "list", root)
    assert result.code == 2
    assert result.err.startswith(f"{root / '.advisor.yaml'}:{line}: {field}: ") and fragment in result.err


def test_listed_services_override_discovery_and_discover_false_keeps_only_them(built_org, tmp_path: Path) -> None:
    root = tmp_path / "root"
    shutil.copytree(built_org["clones"], root, symlinks=True)
    (root / ".advisor.yaml").write_text(
        "org:\n  discover: false\n  services:\n    - {path: ledger, name: general-ledger, owner: finance}\n"
        "    - {path: not-cloned-yet}\n"
    )
    rows = json.loads(run("org", "list", "--json", root).out)["services"]
    assert [(r["path"], r["name"], r["owner"]) for r in rows] == [
        ("ledger", "general-ledger", "finance"), ("not-cloned-yet", "not-cloned-yet", "")
    ]  # fmt: skip
    result = run("org", "list", root)
    assert result.code == 1 and "not-cloned-yet: listed, but not a folder that can be read" in result.err
