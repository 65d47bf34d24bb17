"""A small NetworkPolicy evaluator for the way-in and database-egress flows, with the API's semantics.

A pod is isolated for a direction once any policy of that type selects it; then a connection is allowed when some
rule of some selecting policy matches both the peer (podSelector within the namespace, namespaceSelector on the
namespace's labels, both together, or an ipBlock with its `except`) and the port (a number, or a name the pod's
container ports define). Only what these flows need: matchLabels and matchExpressions In/Exists.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Pod:
    namespace: str
    labels: dict[str, str] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)  # named container ports
    ip: str = "10.244.0.10"

    @property
    def namespace_labels(self) -> dict[str, str]:
        return {"kubernetes.io/metadata.name": self.namespace}


@dataclass(frozen=True)
class Host:
    """Something outside the cluster's pods, known by its address only."""

    ip: str


def _matches(selector: dict[str, Any] | None, labels: dict[str, str]) -> bool:
    if selector is None:
        return False
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions") or []:
        key, operator = expression["key"], expression["operator"]
        if operator == "Exists" and key not in labels:
            return False
        if operator == "In" and labels.get(key) not in expression["values"]:
            return False
    return True


def _peer(rule_peer: dict[str, Any], peer: Pod | Host, policy_namespace: str) -> bool:
    if "ipBlock" in rule_peer:
        block = rule_peer["ipBlock"]
        address = ipaddress.ip_address(peer.ip)
        inside = address in ipaddress.ip_network(block["cidr"])
        return inside and not any(address in ipaddress.ip_network(e) for e in block.get("except", []))
    if isinstance(peer, Host):
        return False
    namespaces, pods = rule_peer.get("namespaceSelector"), rule_peer.get("podSelector")
    namespace_ok = (
        _matches(namespaces, peer.namespace_labels) if namespaces is not None else (peer.namespace == policy_namespace)
    )
    return namespace_ok and (pods is None or _matches(pods, peer.labels))


def _port(rule_ports: list[dict[str, Any]] | None, port: int, target: Pod | None) -> bool:
    if not rule_ports:
        return True
    for item in rule_ports:
        wanted = item.get("port")
        if (
            wanted is None
            or wanted == port
            or (isinstance(wanted, str) and target and target.ports.get(wanted) == port)
        ):
            return True
    return False


def _allowed(policies: list[dict], pod: Pod, peer: Pod | Host, port: int, direction: str, target: Pod | None) -> bool:
    key, peers = ("ingress", "from") if direction == "Ingress" else ("egress", "to")
    selecting = [
        p for p in policies
        if p.get("kind") == "NetworkPolicy" and p["metadata"].get("namespace") == pod.namespace
        and _matches(p["spec"].get("podSelector", {}), pod.labels)
        and direction in p["spec"].get("policyTypes", ["Ingress"])
    ]  # fmt: skip
    if not selecting:
        return True
    for policy in selecting:
        for rule in policy["spec"].get(key) or []:
            peer_ok = peers not in rule or any(_peer(p, peer, pod.namespace) for p in rule[peers])
            if peer_ok and _port(rule.get("ports"), port, target):
                return True
    return False


def connects(policies: list[dict], source: Pod | Host, destination: Pod | Host, port: int) -> bool:
    """Whether `source` may open `port` on `destination`: the source's egress and the destination's ingress."""
    target = destination if isinstance(destination, Pod) else None
    out = True if isinstance(source, Host) else _allowed(policies, source, destination, port, "Egress", target)
    into = (
        True if isinstance(destination, Host) else _allowed(policies, destination, source, port, "Ingress", destination)
    )
    return out and into
