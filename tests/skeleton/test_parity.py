"""For the same answers, the Kustomize overlay and the chart's render agree on everything that matters.

Per environment, object by object (same kind and name): each container's environment (names and where each value
comes from), ports and named ports, probes, resources and security context; pod and object labels and selectors;
Services, Ingress, PodDisruptionBudget, ConfigMap data, RBAC rules, quotas; and the specs of every custom resource
(CloudNativePG, barman-cloud, External Secrets, Sealed Secrets). What only one tool adds is normalised away first:
Helm's bookkeeping labels and annotations, checkov skip annotations, the config checksum. NetworkPolicies are
compared through their allow/deny matrix (tests/flows/test_flows.py), not their text.
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

TOOL_LABELS = ("helm.sh/chart", "app.kubernetes.io/managed-by", "app.kubernetes.io/version")
BASE = example_decision(EXAMPLES / "scenario-b-c.yaml")
CASES = {
    "scenario-b": variant(example_decision(EXAMPLES / "scenario-b.yaml"), manifests="both"),
    "scenario-b-c": variant(BASE, manifests="both"),
    "scenario-c": variant(example_decision(EXAMPLES / "scenario-c.yaml"), manifests="both"),
    "external-secrets-vault": variant(
        BASE,
        manifests="both",
        postgres="managed",
        object_storage="managed",
        secrets="external-secrets",
        secret_store="vault",
    ),
    "sealed-minio-one-env": variant(
        BASE,
        ["production"],
        manifests="both",
        postgres="managed",
        object_storage="in-cluster",
        secrets="sealed-secrets",
    ),
}


def _labels(labels: dict[str, str] | None) -> dict[str, str]:
    return {k: v for k, v in (labels or {}).items() if k not in TOOL_LABELS}


def _container(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "image": c.get("image"),
        "env": {e["name"]: e.get("value", e.get("valueFrom")) for e in c.get("env", [])},
        "envFrom": c.get("envFrom"),
        "ports": sorted((p.get("name"), p["containerPort"], p.get("protocol", "TCP")) for p in c.get("ports", [])),
        "probes": {k: c.get(k) for k in ("startupProbe", "livenessProbe", "readinessProbe")},
        "resources": c.get("resources"),
        "securityContext": c.get("securityContext"),
        "command": c.get("command", []) + c.get("args", []),
        "volumeMounts": c.get("volumeMounts"),
    }


def normalised(obj: dict[str, Any]) -> dict[str, Any]:
    """What must agree between the trees, for one object."""
    out: dict[str, Any] = {"labels": _labels(obj["metadata"].get("labels"))}
    spec = copy.deepcopy(obj.get("spec"))
    pod = pod_spec(obj)
    if pod is not None:
        if obj["kind"] == "CronJob":  # the Job's spec beside the CronJob's, the pod as for any workload
            job = spec.pop("jobTemplate")["spec"]
            spec["job"] = job
            template = job.pop("template")
        else:
            template = spec if obj["kind"] == "Pod" else spec["template"]
        out["podLabels"] = _labels((template.get("metadata") or obj["metadata"]).get("labels"))
        out["containers"] = {c["name"]: _container(c) for _, c in containers(obj)}
        pod_only = {k: v for k, v in pod.items() if k not in ("containers", "initContainers", "serviceAccountName")}
        out["pod"] = pod_only
        if obj["kind"] != "Pod":
            out["selector"] = spec.get("selector")
            out["spec"] = {k: v for k, v in spec.items() if k not in ("template", "selector", "replicas")}
    elif obj["kind"] in ("Role",):
        out["rules"] = obj["rules"]
    elif obj["kind"] in ("RoleBinding",):
        out["binding"] = (obj["roleRef"], obj["subjects"])
    elif obj["kind"] == "ConfigMap" and obj["metadata"]["name"].endswith("-db-ca"):
        out["data"] = sorted(obj.get("data") or {})  # the provider's CA bundle: the user puts it into each tree
    elif obj["kind"] == "ConfigMap":
        out["data"] = obj.get("data")
    elif obj["kind"] != "NetworkPolicy":
        out["spec"] = spec
    return out


@pytest.fixture(scope="module", params=sorted(CASES), ids=str)
def both(request, tmp_path_factory) -> tuple[Chart, Path]:
    return render_both(CASES[request.param], tmp_path_factory.mktemp(request.param))


@needs_kubectl
def test_the_trees_agree_object_by_object(both) -> None:
    chart, kustomize_root = both
    envs = list(chart.decision.answers.environments)
    built, _ = build_overlays(kustomize_root, envs, drill=False)
    differences = []
    for env in envs:
        values = copy.deepcopy(chart.values(env))
        values.setdefault("namespace", {})["create"] = True
        helm = {(o["kind"], o["metadata"]["name"]): o for o in chart.objects(env, values, hooks=False)}
        kustomize = {(o["kind"], o["metadata"]["name"]): o for o in built[env]}
        assert sorted(helm) == sorted(kustomize), env
        for key, obj in sorted(helm.items()):
            h, k = normalised(obj), normalised(kustomize[key])
            differences += [f"{env} {key[0]}/{key[1]}: {part}" for part in sorted(h) if h[part] != k.get(part)]
    assert differences == []


@needs_kubectl
def test_the_app_reads_the_same_variable_names_in_both_trees(both) -> None:
    chart, kustomize_root = both
    env = chart.decision.answers.environments[0]
    built, _ = build_overlays(kustomize_root, [env], drill=False)
    app = chart.app
    names = []
    for objects in (built[env], chart.objects(env, hooks=False)):
        deployment = next(o for o in objects if o["kind"] == "Deployment" and o["metadata"]["name"] == app)
        names.append(sorted(e["name"] for _, c in containers(deployment) for e in c.get("env", [])))
    assert names[0] == names[1]
    assert "DATABASE_URI" in names[0]
