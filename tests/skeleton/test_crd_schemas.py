"""Every custom resource of every example render against the operators' schemas at the versions the README names.

A field the pinned CRD does not declare is pruned by the API server without a word; these tests fail on it, on a
type error, and on a custom kind that has no pinned schema yet. Compose, fleet.yaml and KSOPS files are checked
against their own schemas.
"""

from __future__ import annotations

import copy

import pytest
import yaml

from tests.conftest import EXAMPLE_FILES
from tests.skeleton.crd_validation import SCHEMAS, custom_resource_problems, file_problems, is_custom, pruned_fields
from tests.skeleton.kustomize_support import KUBECTL, example_decision
from tests.skeleton.renders import KUBERNETES_EXAMPLES, example_renders

pytestmark = pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed: overlays not built")


@pytest.fixture(scope="module", params=KUBERNETES_EXAMPLES, ids=lambda p: p.stem)
def renders(request, tmp_path_factory):
    return example_renders(request.param, tmp_path_factory.mktemp(request.param.stem))


def test_every_custom_resource_validates_with_no_pruned_field(renders) -> None:
    objects = [(name, obj) for name, obj in renders.all_objects() if is_custom(obj)]
    problems = [f"{name}: {problem}" for name, obj in objects for problem in custom_resource_problems(obj)]
    assert problems == []
    assert objects or renders.decision.choices.get("runtime") != "kubernetes"


def test_the_examples_reach_every_pinned_crd() -> None:
    """Each pinned schema is used by some render, so none is kept (or updated) for nothing."""
    seen = set()
    for path in KUBERNETES_EXAMPLES:
        renders = example_renders(path, _tmp(path))
        seen |= {(o["apiVersion"], o["kind"]) for _, o in renders.all_objects() if is_custom(o)}
    assert ("postgresql.cnpg.io/v1", "Cluster") in seen
    assert {kind for _, kind in seen} >= {"Cluster", "ScheduledBackup", "ObjectStore", "Project"}


def _tmp(path):
    import tempfile
    from pathlib import Path

    return Path(tempfile.mkdtemp(prefix=path.stem))


def test_a_field_the_operator_does_not_know_is_reported_as_pruned(renders) -> None:
    clusters = [o for _, o in renders.all_objects() if o["kind"] == "Cluster"]
    if not clusters:
        pytest.skip("no in-cluster Postgres in this example")
    cluster = copy.deepcopy(clusters[0])
    cluster["spec"]["plugins"][0]["isWALArchiverr"] = True  # a typo, or a field of a newer CloudNativePG
    assert any(p.endswith("spec.plugins[0].isWALArchiverr would be pruned") for p in custom_resource_problems(cluster))


def test_a_custom_kind_without_a_pinned_schema_fails() -> None:
    obj = {"apiVersion": "example.io/v1", "kind": "Widget", "metadata": {"name": "w"}}
    assert is_custom(obj)
    assert "no pinned schema" in custom_resource_problems(obj)[0]


def test_pruning_honours_preserve_unknown_fields_and_additional_properties() -> None:
    schema = {
        "type": "object",
        "properties": {
            "spec": {
                "type": "object",
                "properties": {
                    "free": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
                    "map": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            }
        },
    }
    obj = {"metadata": {"x": 1}, "spec": {"free": {"any": 1}, "map": {"k": "v"}, "gone": 1}}
    assert pruned_fields(obj, schema) == ["spec.gone"]


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.stem)
def test_side_files_validate_against_their_own_schemas(path, tmp_path) -> None:
    from tests.skeleton.kustomize_support import render

    files = render(example_decision(path), tmp_path)
    checked = 0
    for name, data in files.items():
        schema = _side_schema(name)
        if schema is None:
            continue
        document = yaml.safe_load(data)
        assert file_problems(document, schema) == [], name
        if schema != "compose-spec/compose-spec.json":
            assert pruned_fields(document, _load(schema), root=False) == [], name
        checked += 1
    assert checked or not any(n.endswith(("compose.yaml", "fleet.yaml", "ksops.yaml")) or "fleet/" in n for n in files)


def _side_schema(name: str) -> str | None:
    if name.endswith("compose.yaml"):
        return "compose-spec/compose-spec.json"
    if name.endswith("fleet.yaml") or "fleet/" in name:
        return "fleet.yaml/fleet.yaml.json"
    if name.endswith("ksops.yaml"):
        return "viaduct.ai/ksops_v1.json"
    return None


def _load(schema: str):
    import json

    return json.loads((SCHEMAS / schema).read_text())
