"""With `manifests: both`, the Helm render and `kubectl kustomize overlays/<env>` describe the same objects.

Same kinds and names, and for every workload the same pod and container security settings and resources; the
Helm side is rendered with `namespace.create=true` (the overlays carry the Namespace) and without its `helm test`
hooks (Helm-only objects that exist only while `helm test` runs).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import EXAMPLES
from tests.k8s_checks import containers, pod_spec
from tests.skeleton.helm_support import Chart, render_both
from tests.skeleton.kustomize_support import build_overlays, example_decision, needs_kubectl, variant

BASE = example_decision(EXAMPLES / "scenario-b-c.yaml")
CASES = {
    "scenario-b-c": BASE,
    "managed-external-secrets": variant(
        BASE, postgres="managed", object_storage="managed", secrets="external-secrets", secret_store="vault"
    ),
    "in-cluster-sealed-no-rancher": variant(
        BASE, ["dev", "prod"], object_storage="not-needed", secrets="sealed-secrets", rancher="defer"
    ),
    "managed-db-minio-one-env": variant(
        BASE, ["production"], postgres="managed", object_storage="in-cluster", secrets="sealed-secrets"
    ),
}


def _index(objects: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(o["kind"], o["metadata"]["name"]): o for o in objects}


def _security(obj: dict[str, Any]) -> dict[str, Any]:
    """What must agree for a workload: pod securityContext, and per container its securityContext and resources."""
    spec = pod_spec(obj)
    assert spec is not None
    return {
        "pod": spec.get("securityContext"),
        "automount": spec.get("automountServiceAccountToken"),
        "containers": {
            c["name"]: {"securityContext": c.get("securityContext"), "resources": c.get("resources")}
            for _, c in containers(obj)
        },
    }


@pytest.fixture(scope="module", params=sorted(CASES), ids=str)
def both(request, tmp_path_factory) -> tuple[Chart, Path]:
    return render_both(variant(CASES[request.param], manifests="both"), tmp_path_factory.mktemp(request.param))


@needs_kubectl
def test_helm_and_kustomize_describe_the_same_objects(both) -> None:
    chart, kustomize_root = both
    envs = list(chart.decision.answers.environments)
    built, _ = build_overlays(kustomize_root, envs, drill=False)
    for env in envs:
        values = copy.deepcopy(chart.values(env))
        values.setdefault("namespace", {})["create"] = True
        helm = _index(chart.objects(env, values, hooks=False))
        kustomize = _index(built[env])
        assert sorted(helm) == sorted(kustomize), env
        for key, obj in helm.items():
            if pod_spec(obj) is not None:
                assert _security(obj) == _security(kustomize[key]), (env, key)
        namespace = (("Namespace", f"{chart.app}-{env}"),)
        assert [_namespace_policy(helm[k]) for k in namespace] == [_namespace_policy(kustomize[k]) for k in namespace]


def _namespace_policy(obj: dict[str, Any]) -> dict[str, Any]:
    """Pod Security labels and the Rancher project annotation (present only with rancher=adopt)."""
    labels = {k: v for k, v in obj["metadata"]["labels"].items() if k.startswith("pod-security.kubernetes.io/")}
    return {"labels": labels, "project": obj["metadata"].get("annotations", {}).get("field.cattle.io/projectId")}
