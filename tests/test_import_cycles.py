"""No import cycle inside advisor: the acyclic contract in pyproject.toml covers every package and notices a cycle.

`lint-imports` (run by .ci/run) checks the contract as it stands; these tests check the contract itself. Each adds
one import to the real graph, one that closes a cycle, and expects the contract to break: so a narrowed `ancestors`
list, a shallower `depth` or a broad `ignore_imports` fails here rather than letting cycles back in unnoticed.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter.configuration import configure
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract

ROOT = Path(__file__).resolve().parent.parent

# Cycles that once existed, each as the import that would bring it back (the reverse import exists today).
FORMER_CYCLES = [
    ("advisor.skeleton.alerts_app", "advisor.skeleton.alerts"),  # Alert, sel, series lie in alert_model
    ("advisor.skeleton.alerts_state", "advisor.skeleton.kustomize"),  # drill_env lies in names
    ("advisor.skeleton.objects", "advisor.skeleton.kustomize"),  # ... for the quota's situations too
    ("advisor.skeleton.helm_schema_parts", "advisor.skeleton.helm_schema"),  # the schema's building blocks
    ("advisor.skeleton.helm_observability", "advisor.skeleton.helm_schema"),
    ("advisor.skeleton.minio", "advisor.skeleton.monitoring"),  # MINIO_METRICS_ENV lies in minio
    ("advisor.tui.screens.welcome", "advisor.tui.app"),  # the layout's widths lie in advisor.tui.widths
]


def _contract() -> AcyclicSiblingsContract:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
    (options,) = [c for c in config["contracts"] if c["type"] == "acyclic_siblings"]
    contract_options: dict[str, Any] = {k: v for k, v in options.items() if k not in ("name", "type")}
    session = {"root_packages": [config["root_package"]]}
    return AcyclicSiblingsContract(name=options["name"], session_options=session, contract_options=contract_options)


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    configure()  # what lint-imports does first: a contract's check reads its timer from these settings
    return grimp.build_graph("advisor", cache_dir=None)


def _kept_with(graph: grimp.ImportGraph, importer: str, imported: str) -> bool:
    changed = copy.deepcopy(graph)
    changed.add_import(importer=importer, imported=imported)
    return _contract().check(changed, verbose=False).kept


def _child(package: str, module: str) -> str:
    return ".".join(module.split(".")[: package.count(".") + 2])


def _sibling_import(graph: grimp.ImportGraph, package: str) -> tuple[str, str] | None:
    """One import from a module under one child of `package` to a module under another child, if there is one."""
    for module in sorted(m for m in graph.modules if m.startswith(package + ".")):
        for imported in sorted(graph.find_modules_directly_imported_by(module)):
            if imported.startswith(package + ".") and _child(package, imported) != _child(package, module):
                return module, imported
    return None


def test_the_contract_holds_today(graph: grimp.ImportGraph) -> None:
    check = _contract().check(copy.deepcopy(graph), verbose=False)
    assert check.kept, check.metadata["cycle_breakers_by_package"]


@pytest.mark.parametrize(("importer", "imported"), FORMER_CYCLES)
def test_a_former_cycle_would_break_the_contract(graph: grimp.ImportGraph, importer: str, imported: str) -> None:
    assert not _kept_with(graph, importer, imported)


def test_every_package_is_covered(graph: grimp.ImportGraph) -> None:
    """For each package whose children import one another, the reverse of one such import breaks the contract."""
    covered = []
    for package in sorted(m for m in graph.modules if graph.find_children(m)):
        found = _sibling_import(graph, package)
        if found is None:
            continue  # no import between its children: nothing to reverse (advisor.site.static and the like)
        importer, imported = found
        assert not _kept_with(graph, _child(package, imported), _child(package, importer)), package
        covered.append(package)
    assert {"advisor", "advisor.adr", "advisor.skeleton", "advisor.tui", "advisor.org"} <= set(covered)
