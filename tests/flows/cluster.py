"""A cluster in the evaluator's terms, built from rendered objects, and the declared flows checked against it.

Pods are what the workloads would run: one per Deployment, StatefulSet, Job, CronJob or Pod (labels and named
ports from the pod template), and one per CloudNativePG Cluster with the labels CloudNativePG puts on its
instances (`cnpg.io/cluster`, the instance role) and the cluster's `inheritedMetadata` labels, listening on
`postgresql` 5432, `metrics` 9187 and `status` 8000. Pods around the skeleton (advisor.skeleton.flows.AROUND)
are added as the flows name them. A needed flow must be allowed even where `ipBlock` does not match pod IPs; a
refused flow must be refused even where it does (the CNI decides; the worst case is checked each way).
"""

from __future__ import annotations

import itertools
from typing import Any

from advisor.skeleton.flows import Flow, Peer
from tests.flows.evaluator import Cluster, Pod

HOOK = "helm.sh/hook"
CNPG_PORTS = {"postgresql": (5432, "TCP"), "metrics": (9187, "TCP"), "status": (8000, "TCP")}
WORKLOADS = ("Deployment", "StatefulSet", "Job", "CronJob", "Pod", "Cluster")


def is_test_hook(obj: dict[str, Any]) -> bool:
    return "test" in (obj["metadata"].get("annotations") or {}).get(HOOK, "")


def _template(obj: dict[str, Any]) -> dict[str, Any]:
    spec = obj.get("spec") or {}
    if obj["kind"] == "Pod":
        return {"metadata": obj["metadata"], "spec": spec}
    if obj["kind"] == "CronJob":
        return spec["jobTemplate"]["spec"]["template"]
    return spec["template"]


def _pod(obj: dict[str, Any], ip: str) -> Pod:
    meta = obj["metadata"]
    if obj["kind"] == "Cluster":
        inherited = ((obj["spec"].get("inheritedMetadata") or {}).get("labels")) or {}
        labels = {**inherited, "cnpg.io/cluster": meta["name"], "cnpg.io/podRole": "instance", "role": "primary"}
        labels["cnpg.io/instanceRole"] = "primary"
        return Pod(f"{meta['name']}-1", meta["namespace"], labels, ip, CNPG_PORTS)
    template = _template(obj)
    ports = {
        p["name"]: (p["containerPort"], p.get("protocol", "TCP"))
        for c in template["spec"]["containers"]
        for p in c.get("ports", [])
        if "name" in p
    }
    return Pod(meta["name"], meta["namespace"], template["metadata"].get("labels") or {}, ip, ports)


class World:
    """Every namespace's rendered objects at once: policies of all environments apply together."""

    def __init__(self, objects: list[dict[str, Any]]) -> None:
        self._ips = (f"10.244.{n // 250}.{n % 250 + 1}" for n in itertools.count())
        self.workloads: dict[tuple[str, str, str], Pod] = {}
        namespaces: dict[str, dict[str, str]] = {}
        policies = []
        for obj in objects:
            meta = obj["metadata"]
            if obj["kind"] == "Namespace":
                namespaces[meta["name"]] = dict(meta.get("labels") or {})
            elif obj["kind"] == "NetworkPolicy":
                policies.append(obj)
            elif obj["kind"] in WORKLOADS:
                key = (meta["namespace"], obj["kind"], meta["name"])
                self.workloads[key] = _pod(obj, next(self._ips))
        self.around: dict[Peer, Pod] = {}
        self.cluster = Cluster(namespaces, list(self.workloads.values()), policies)

    def resolve(self, peer: Peer) -> Pod | str:
        if peer.kind == "address":
            return peer.address
        if peer.kind == "pods":
            if peer not in self.around:
                self.around[peer] = Pod(peer.name, peer.namespace, dict(peer.labels), next(self._ips))
            return self.around[peer]
        kind, _, name = peer.name.partition("/")
        pod = self.workloads.get((peer.namespace, kind, name))
        if pod is None:
            raise LookupError(f"a flow names {peer}, which this render does not run")
        return pod

    def verdict(self, flow: Flow) -> bool:
        """Whether the policies allow `flow` in the case that matters for it (see the module docstring)."""
        src, dst = self.resolve(flow.source), self.resolve(flow.target)
        return self.cluster.allows(src, dst, flow.port, flow.protocol, pod_ips_in_ipblocks=not flow.allowed)

    def problems(self, flows: list[Flow]) -> list[str]:
        out = []
        for flow in flows:
            try:
                allowed = self.verdict(flow)
            except (LookupError, ValueError) as exc:
                out.append(f"{flow.kind}: {exc}")
                continue
            if allowed != flow.allowed:
                wanted = "allowed" if flow.allowed else "refused"
                out.append(f"{flow.kind}: {flow.source} -> {flow.target}:{flow.port} must be {wanted} ({flow.says})")
        return out
