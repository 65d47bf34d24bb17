"""Governance for many teams: a ResourceQuota and a LimitRange per environment namespace, and Rancher project quotas.

The quota is sized from what the skeleton itself runs in that namespace at the busiest moment of each situation it
plans for: deployed (the app's replicas plus a rolling update's surge pod, MinIO, the Jobs, CloudNativePG's
instances with their backup sidecar and the bootstrap Job it runs beside them), the restore drill beside it (in the
drill's environment), and a restore beside the database (RUNBOOK.md). The largest of these, per resource, times
HEADROOM for a `helm test` Pod or a debugging session. The LimitRange gives any container that names no resources
the skeleton's own defaults.
"""

from __future__ import annotations

import math
from typing import Any

from advisor.skeleton import names
from advisor.skeleton.model import Target, obj

HEADROOM = 1.25
_UNITS = {"m": 0.001, "": 1, "Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "k": 1e3, "M": 1e6, "G": 1e9}


def parse(quantity: str) -> float:
    """A Kubernetes quantity in base units (cores, bytes)."""
    number = quantity.rstrip("kKMGTim")
    return float(number) * _UNITS[quantity[len(number) :]]


def _cpu(cores: float) -> str:
    return f"{math.ceil(round(cores * 1000, 6))}m"  # round first: 0.1 + 0.2 must not become 301m


def _bytes(amount: float, unit: str = "Mi") -> str:
    return f"{math.ceil(round(amount / _UNITS[unit], 6))}{unit}"


def _pod_containers(item: dict[str, Any], objects: list[dict[str, Any]]) -> tuple[int, list[dict[str, Any]]]:
    """(pods, the resources of one pod's containers) for a workload; (0, []) for anything that runs no pods."""
    kind, spec = item["kind"], item.get("spec", {})
    if kind in ("Deployment", "StatefulSet", "Job"):
        pods = spec.get("replicas", 1) + (1 if kind == "Deployment" else 0)  # maxSurge 1 during a rollout
        return pods, [c.get("resources", {}) for c in spec["template"]["spec"]["containers"]]
    if kind == "CronJob":  # concurrencyPolicy Forbid: one run at a time
        template = spec["jobTemplate"]["spec"]["template"]["spec"]
        return 1, [c.get("resources", {}) for c in template["containers"]]
    if kind == "Cluster":
        sidecars = [
            o["spec"].get("instanceSidecarConfiguration", {}).get("resources", {})
            for o in objects
            if o["kind"] == "ObjectStore"
        ][:1]
        # CloudNativePG runs its bootstrap Job (initdb, join, full-recovery) with the instances' resources
        return spec["instances"] + 1, [spec.get("resources", {}), *sidecars]
    if kind == "OpenTelemetryCollector":  # the operator runs it as a Deployment of `replicas` pods
        return spec.get("replicas", 1) + 1, [spec.get("resources", {})]
    return 0, []


def _claims(item: dict[str, Any]) -> list[str]:
    spec = item.get("spec", {})
    if item["kind"] == "StatefulSet":
        sizes = [c["spec"]["resources"]["requests"]["storage"] for c in spec.get("volumeClaimTemplates", [])]
        return sizes * spec.get("replicas", 1)
    if item["kind"] == "Cluster":
        return [spec["storage"]["size"]] * spec["instances"]
    return []


def totals(objects: list[dict[str, Any]]) -> dict[str, float]:
    """What the workloads among `objects` request and may use at most, in base units, with rollout surge."""
    out = dict.fromkeys(("requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "pods", "storage"), 0.0)
    out["persistentvolumeclaims"] = 0.0
    for item in objects:
        pods, containers = _pod_containers(item, objects)
        out["pods"] += pods
        for resources in containers:
            for side in ("requests", "limits"):
                for key in ("cpu", "memory"):
                    out[f"{side}.{key}"] += pods * parse(resources.get(side, {}).get(key, "0"))
        claims = _claims(item)
        out["persistentvolumeclaims"] += len(claims)
        out["storage"] += sum(parse(size) for size in claims)
    return out


def hard(situations: list[list[dict[str, Any]]]) -> dict[str, str]:
    """The ResourceQuota's `hard`: per resource the largest total of any situation, times HEADROOM."""
    each = [totals(objects) for objects in situations]
    t = {key: max(total[key] for total in each) * HEADROOM for key in each[0]}
    return {
        "requests.cpu": _cpu(t["requests.cpu"]),
        "requests.memory": _bytes(t["requests.memory"]),
        "limits.cpu": _cpu(t["limits.cpu"]),
        "limits.memory": _bytes(t["limits.memory"]),
        "requests.storage": _bytes(t["storage"], "Gi"),
        "persistentvolumeclaims": str(math.ceil(t["persistentvolumeclaims"])),
        "pods": str(math.ceil(t["pods"])),
    }


def resource_quota(t: Target, situations: list[list[dict[str, Any]]]) -> dict[str, Any]:
    return obj("v1", "ResourceQuota", t.meta(f"{t.app}-quota", "governance"), spec={"hard": hard(situations)})


def limit_range(t: Target) -> dict[str, Any]:
    defaults = names.resources()
    limit = {"type": "Container", "default": defaults["limits"], "defaultRequest": defaults["requests"]}
    return obj("v1", "LimitRange", t.meta(f"{t.app}-limits", "governance"), spec={"limits": [limit]})


def rancher_project_fields(quotas: list[dict[str, str]]) -> dict[str, Any]:
    """Project-wide limits (the sum of the environments) and the default each new namespace gets (the largest)."""
    keys = {"requests.cpu": "requestsCpu", "requests.memory": "requestsMemory", "limits.cpu": "limitsCpu"}
    keys |= {"limits.memory": "limitsMemory", "requests.storage": "requestsStorage", "pods": "pods"}
    keys |= {"persistentvolumeclaims": "persistentVolumeClaims"}
    units = {"requests.storage": "Gi"}

    def fmt(key: str, value: float) -> str:
        if key.endswith("cpu"):
            return _cpu(value)
        if key.endswith(("memory", "storage")):
            return _bytes(value, units.get(key, "Mi"))
        return str(math.ceil(value))

    total = {rancher: fmt(key, sum(parse(q[key]) for q in quotas)) for key, rancher in keys.items()}
    largest = {rancher: fmt(key, max(parse(q[key]) for q in quotas)) for key, rancher in keys.items()}
    defaults = names.resources()
    container = {
        "requestsCpu": defaults["requests"]["cpu"],
        "requestsMemory": defaults["requests"]["memory"],
        "limitsCpu": defaults["limits"]["cpu"],
        "limitsMemory": defaults["limits"]["memory"],
    }
    return {
        "resourceQuota": {"limit": total},
        "namespaceDefaultResourceQuota": {"limit": largest},
        "containerDefaultResourceLimit": container,
    }
