"""Governance for many teams: every environment namespace has a ResourceQuota and a LimitRange, and what the
skeleton runs there (with a rollout's surge pod, and the restore drill where it runs) fits inside that quota."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.skeleton.kustomize_support import KUBECTL
from tests.skeleton.renders import KUBERNETES_EXAMPLES, example_renders

pytestmark = pytest.mark.skipif(KUBECTL is None, reason="kubectl is not installed: overlays not built")
SCALE = {"m": 1e-3, "": 1.0, "Ki": 2.0**10, "Mi": 2.0**20, "Gi": 2.0**30}


def amount(quantity: str) -> float:
    number, suffix = re.fullmatch(r"([0-9.]+)([A-Za-z]*)", quantity).groups()
    return float(number) * SCALE[suffix]


def pods(obj: dict[str, Any], objects: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The resources of each container of each pod the object runs at its busiest."""
    spec = obj.get("spec", {})
    if obj["kind"] == "Pod":
        return [[c["resources"] for c in spec["containers"]]]
    if obj["kind"] in ("Deployment", "StatefulSet", "Job"):
        count = spec.get("replicas", 1) + (1 if obj["kind"] == "Deployment" else 0)
        return [[c["resources"] for c in spec["template"]["spec"]["containers"]]] * count
    if obj["kind"] == "Cluster":  # each instance: postgres plus the barman-cloud sidecar (when it archives)
        stores = [o for o in objects if o["kind"] == "ObjectStore"]
        sidecar = [stores[0]["spec"]["instanceSidecarConfiguration"]["resources"]] if stores else []
        return [[spec["resources"], *sidecar]] * spec["instances"]
    return []


def usage(objects: list[dict[str, Any]]) -> dict[str, float]:
    out = {"requests.cpu": 0.0, "requests.memory": 0.0, "limits.cpu": 0.0, "limits.memory": 0.0, "pods": 0.0}
    for obj in objects:
        for containers in pods(obj, objects):
            out["pods"] += 1
            for resources in containers:
                for side in ("requests", "limits"):
                    for key in ("cpu", "memory"):
                        out[f"{side}.{key}"] += amount(resources[side][key])
    return out


@pytest.fixture(scope="module", params=KUBERNETES_EXAMPLES, ids=lambda p: p.stem)
def renders(request, tmp_path_factory):
    return example_renders(request.param, tmp_path_factory.mktemp(request.param.stem))


def test_every_environment_fits_inside_its_own_quota(renders) -> None:
    envs = renders.decision.answers.environments
    drill = next((objs for name, objs in renders.objects.items() if name.endswith("restore-drill")), [])
    checked = 0
    for name, objects in renders.objects.items():
        quotas = [o for o in objects if o["kind"] == "ResourceQuota"]
        if not quotas:
            continue
        assert len(quotas) == 1 and any(o["kind"] == "LimitRange" for o in objects), name
        namespace = quotas[0]["metadata"]["namespace"]
        beside = [o for o in drill if o["metadata"].get("namespace") == namespace and "overlays" in name]
        # a recovery Cluster replaces the database during an incident: raising the quota is a runbook step
        running = [o for o in objects if not (o["kind"] == "Cluster" and o["metadata"]["name"].endswith("-restore"))]
        used = usage(running + beside)
        hard = quotas[0]["spec"]["hard"]
        over = {key: (used[key], hard[key]) for key in used if used[key] > amount(hard[key]) + 1e-9}
        assert over == {}, (name, over)
        assert used["pods"] > 0
        checked += 1
    assert checked >= len(envs)  # every environment of every tree


def test_every_environment_namespace_has_a_quota(renders) -> None:
    for name, objects in renders.objects.items():
        if any(o["kind"] == "Deployment" for o in objects) and not name.endswith("optional"):
            assert {"ResourceQuota", "LimitRange"} <= {o["kind"] for o in objects}, name


def test_each_rancher_project_holds_the_quota_of_the_namespace_it_takes(renders) -> None:
    """A namespace that does not fit its project's remaining quota gets an all-zero quota from Rancher."""
    projects = [o for o in renders.objects.get("rancher", []) if o["kind"] == "Project"]
    if renders.decision.choices.get("rancher") != "adopt":
        assert projects == []
        return
    quotas = {
        o["metadata"]["namespace"]: o["spec"]["hard"]
        for objs in renders.objects.values()
        for o in objs
        if o["kind"] == "ResourceQuota"
    }
    keys = {"limits.memory": "limitsMemory", "requests.cpu": "requestsCpu", "pods": "pods"}
    for project in projects:
        spec = project["spec"]
        hard = quotas[spec["displayName"]]  # the project of one environment holds that environment's namespace
        for key, rancher_key in keys.items():
            assert amount(spec["namespaceDefaultResourceQuota"]["limit"][rancher_key]) >= amount(hard[key])
            assert amount(spec["resourceQuota"]["limit"][rancher_key]) >= amount(hard[key])
        assert set(spec["containerDefaultResourceLimit"]) == {
            "requestsCpu",
            "requestsMemory",
            "limitsCpu",
            "limitsMemory",
        }
