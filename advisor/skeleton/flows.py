"""The connections a render needs, and those it must refuse, declared as data beside the builders that make them.

Each row of FLOWS (`flow_rules.py`) is one kind of flow: what it says, in which renders it applies, the two ends,
the port and whether the NetworkPolicies must allow it. Ends are written as small strings, filled in per environment:

- `workload:Kind/name` the pods of a workload the render runs in this environment's namespace (a CloudNativePG
  `Cluster` stands for its instance pods and bootstrap Jobs, which carry its `cnpg.io/cluster` label);
- `workload@namespace:Kind/name` the same in another namespace (another environment of the app);
- `pods:role` pods around the skeleton that it does not render (AROUND: the way in's controller, Prometheus, the
  CloudNativePG operator, cluster DNS, another service's database);
- `address:role` an address outside the cluster (ADDRESSES: the API server, the backup store, the internet).

Renders: `env` (every environment's overlay or values file), `drill` (the restore drill, in its environment),
`recovery` (an environment with a restore beside its database) and `helm-test` (the chart's `helm test` hooks).
The tests resolve the ends against the rendered objects and ask a NetworkPolicy evaluator (tests/flows/); a new
kind of flow is a new row of FLOWS, with a new condition here in CONDITIONS (or a peer in AROUND or ADDRESSES)
if it needs one.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass

from advisor import backup_plan
from advisor.skeleton import names, network, objects_copy, objectstore, observability, traffic
from advisor.skeleton.flow_rules import FLOWS
from advisor.skeleton.model import Target

RENDERS = ("env", "drill", "recovery", "helm-test")


@dataclass(frozen=True)
class Peer:
    kind: str  # "workload", "pods" or "address"
    namespace: str = ""
    name: str = ""  # workload: "Kind/name"; pods and address: the role
    labels: tuple[tuple[str, str], ...] = ()
    address: str = ""

    def __str__(self) -> str:
        if self.kind == "address":
            return f"{self.name} ({self.address})"
        return f"{self.namespace}/{self.name}"


@dataclass(frozen=True)
class Flow:
    kind: str
    says: str
    source: Peer
    target: Peer
    port: int | str  # a number, or a container port name of the target
    protocol: str
    allowed: bool

    def key(self) -> tuple[str, str, str, str, str]:
        """What identifies a flow across trees (Kustomize and Helm name every end alike)."""
        return (self.kind, str(self.source), str(self.target), str(self.port), self.protocol)


# Pods the skeleton expects around it, by role: (namespace, labels), filled in like the rows. Labels are those the
# usual charts set.
AROUND: dict[str, tuple[str, dict[str, str]]] = {
    "way-in-controller": ("{controller_namespace}", {"app.kubernetes.io/name": "envoy"}),
    "prometheus": ("{scraper_namespace}", {"app.kubernetes.io/name": "prometheus"}),
    "cnpg-operator": (names.CNPG_NAMESPACE, {"app.kubernetes.io/name": "cloudnative-pg"}),
    "dns": ("kube-system", {"k8s-app": "kube-dns"}),
    # cert-manager's HTTP-01 solver, which it starts in the app's namespace for each challenge
    "acme-solver": ("{namespace}", {traffic.SOLVER_LABEL: "true", "acme.cert-manager.io/http-domain": "1234"}),
    "elsewhere": ("somewhere-else", {"app.kubernetes.io/name": "anything"}),  # any other namespace's pods
    # another team's database in its own namespace, under the very name the app's database has
    "other-service-db": ("other-service", {"cnpg.io/cluster": "{db}"}),
}


def _first_host(cidrs: list[str]) -> str:
    network_ = ipaddress.ip_network(cidrs[0])
    return str(next(iter(network_.hosts()), network_.network_address))  # a /32 gives a list, not an iterator


ADDRESSES: dict[str, Callable[[Target], str]] = {
    "api-server": lambda t: _first_host(network.api_server_cidrs(t)),
    "backup-store": lambda t: _first_host(network.backup_cidrs(t)),
    "managed-db": lambda t: _first_host(t.answers.database_cidrs),
    "object-store": lambda t: "203.0.113.20",  # a provider's endpoint (TEST-NET-3)
    "load-balancer": lambda t: _first_host(t.answers.network.controller_cidrs),
    # the address right after the database networks' last range: a neighbour the app must not reach
    "beside-db": lambda t: str(ipaddress.ip_network(t.answers.database_cidrs[-1]).broadcast_address + 1),
    "internet": lambda t: _internet(t),
}

# Addresses on the internet (TEST-NET-2 and -3, then public resolvers): the first that no answered range covers.
INTERNET = ("198.51.100.7", "203.0.113.99", "192.0.2.200", "9.9.9.9", "1.1.1.1", "2606:4700:4700::1111")


def _internet(t: Target) -> str:
    a = t.answers
    answered = [*a.api_server_cidrs, *a.backup_cidrs, *a.database_cidrs, *a.network.controller_cidrs]
    ranges = [ipaddress.ip_network(cidr) for cidr in answered]
    return next(ip for ip in INTERNET if not any(ipaddress.ip_address(ip) in r for r in ranges))


CONDITIONS: dict[str, Callable[[Target], bool]] = {
    "in-cluster-db": lambda t: t.in_cluster_db,
    "managed-db": lambda t: not t.in_cluster_db,
    "minio": lambda t: t.object_storage == "in-cluster",
    "managed-objects": lambda t: t.object_storage == "managed",
    "direct-objects": lambda t: not objectstore.gateway(t),
    "objects-copy": objects_copy.applies,
    "off-cluster-backups": lambda t: t.in_cluster_db and not network.same_cluster_backups(t),
    "same-cluster-backups": lambda t: t.in_cluster_db and network.same_cluster_backups(t),
    "other-envs": lambda t: len(t.answers.environments) > 1,
    "load-balancer": lambda t: bool(t.answers.network.controller_cidrs),
}


def _context(t: Target) -> dict[str, str]:
    a = t.answers
    others = [env for env in a.environments if env != t.env]
    return {
        "app": t.app,
        "db": names.db_cluster(a),
        "restored": names.restored_cluster(a),
        "drill": names.drill_cluster(a),
        "minio": names.minio(a),
        "other_namespace": names.namespace(a, others[0]) if others else "",
        "backup_port": str(backup_plan.endpoint_port(a)),
        "controller_namespace": a.controller_namespace,
        "namespace": t.namespace or "",
        "scraper_namespace": observability.scraper_namespace(t.decision),
    }


def _peer(t: Target, spec: str, context: dict[str, str]) -> Peer:
    kind, _, rest = spec.format(**context).partition(":")
    if kind == "pods":
        namespace, labels = AROUND[rest]
        filled = tuple(sorted((key, value.format(**context)) for key, value in labels.items()))
        return Peer("pods", namespace.format(**context), rest, filled)
    if kind == "address":
        return Peer("address", name=rest, address=ADDRESSES[rest](t))
    kind, _, namespace = kind.partition("@")
    return Peer("workload", namespace or t.namespace or "", rest)


def declared(t: Target, render: str) -> list[Flow]:
    """Every flow of `render` in `t`'s environment, in FLOWS order."""
    assert t.env is not None and render in RENDERS
    context = _context(t)
    out = []
    for rule in FLOWS:
        if render not in rule.renders or not all(CONDITIONS[c](t) for c in rule.when):
            continue
        port = rule.port.format(**context)
        out.append(
            Flow(
                rule.name,
                rule.says,
                _peer(t, rule.source, context),
                _peer(t, rule.target, context),
                int(port) if port.isdigit() else port,
                rule.protocol,
                rule.allowed,
            )
        )
    return out
