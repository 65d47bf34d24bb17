"""What a cluster's NetworkPolicies allow, computed the way the API defines it (networking.k8s.io/v1).

No API server can run on the test machines, so this module is the cluster: it takes rendered NetworkPolicies,
namespaces with their labels and pods with their labels, IPs and named ports, and answers "may this connection be
opened?". The rules, from the API reference and https://kubernetes.io/docs/concepts/services-networking/network-policies/:

- A policy selects the pods of its own namespace that match `spec.podSelector` (`{}` selects every pod).
- `policyTypes` left out means `["Ingress"]`, plus `"Egress"` when the policy has any egress rule.
- A pod is isolated for ingress (egress) when some policy selecting it has that type; an isolated pod accepts
  (opens) only what at least one of those policies allows; rules of all policies add up, none subtracts.
- A rule with no `from`/`to` matches every peer; with no `ports` every port. Peers in a list are ORed; a peer
  with both `namespaceSelector` and `podSelector` is one peer (AND). `podSelector` alone means the policy's
  namespace; `namespaceSelector` alone every pod of the selected namespaces. Selectors never match addresses
  outside the cluster; only `ipBlock` (cidr minus `except`) does.
- A port is a number or a container port name of the destination pod; `endPort` widens a number to a range;
  the protocol defaults to TCP.
- A connection needs the source's egress and the destination's ingress; replies are always allowed.

Whether an `ipBlock` also matches pod IPs depends on the CNI, so the caller chooses (`pod_ips_in_ipblocks`):
the flow tests prove needed flows without it and forbidden flows with it, the worst case for each.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

Obj = dict[str, Any]


@dataclass(frozen=True)
class Pod:
    name: str
    namespace: str
    labels: Mapping[str, str]
    ip: str
    ports: Mapping[str, tuple[int, str]] = field(default_factory=dict)  # container port name -> (number, protocol)

    def __hash__(self) -> int:
        return hash((self.namespace, self.name))


Endpoint = Pod | str  # a pod, or an IP address outside the cluster


def selector_matches(selector: Mapping[str, Any] | None, labels: Mapping[str, str]) -> bool:
    """A label selector: matchLabels and matchExpressions ANDed; `{}` matches everything."""
    if selector is None:
        return False
    for key, value in (selector.get("matchLabels") or {}).items():
        if labels.get(key) != value:
            return False
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = expression["key"], expression["operator"], expression.get("values") or []
        if operator == "In" and labels.get(key) not in values:
            return False
        if operator == "NotIn" and key in labels and labels[key] in values:
            return False
        if operator == "Exists" and key not in labels:
            return False
        if operator == "DoesNotExist" and key in labels:
            return False
        if operator not in ("In", "NotIn", "Exists", "DoesNotExist"):
            raise ValueError(f"unknown selector operator {operator!r}")
    return True


def policy_types(spec: Mapping[str, Any]) -> set[str]:
    if spec.get("policyTypes"):
        return set(spec["policyTypes"])
    return {"Ingress"} | ({"Egress"} if spec.get("egress") else set())


def _in_block(ip: str, block: Mapping[str, Any]) -> bool:
    address = ipaddress.ip_address(ip)
    network = ipaddress.ip_network(block["cidr"], strict=False)
    if address.version != network.version or address not in network:
        return False
    return not any(address in ipaddress.ip_network(cidr, strict=False) for cidr in block.get("except") or [])


@dataclass
class Cluster:
    """Namespaces (name -> labels), pods and NetworkPolicies: enough to answer `allows`."""

    namespaces: dict[str, dict[str, str]]
    pods: list[Pod]
    policies: list[Obj]

    def namespace_labels(self, name: str) -> dict[str, str]:
        # the API server sets this label on every namespace (immutable), so selectors may rely on it
        return {**self.namespaces.get(name, {}), "kubernetes.io/metadata.name": name}

    def _selecting(self, pod: Pod, direction: str) -> list[Obj]:
        return [
            p
            for p in self.policies
            if p["metadata"].get("namespace") == pod.namespace
            and selector_matches(p["spec"].get("podSelector", {}), pod.labels)
            and direction in policy_types(p["spec"])
        ]

    def _peer_matches(self, peer: Mapping[str, Any], policy_ns: str, other: Endpoint, ipblocks_for_pods: bool) -> bool:
        if "ipBlock" in peer:
            ip = other.ip if isinstance(other, Pod) else other
            if isinstance(other, Pod) and not ipblocks_for_pods:
                return False
            return _in_block(ip, peer["ipBlock"])
        if not isinstance(other, Pod):
            return False  # selectors only ever match pods
        if "namespaceSelector" in peer:
            if not selector_matches(peer["namespaceSelector"], self.namespace_labels(other.namespace)):
                return False
        elif other.namespace != policy_ns:
            return False
        return "podSelector" not in peer or selector_matches(peer["podSelector"], other.labels)

    @staticmethod
    def _port_matches(rule_port: Mapping[str, Any], port: int, protocol: str, destination: Endpoint) -> bool:
        if rule_port.get("protocol", "TCP") != protocol:
            return False
        wanted = rule_port.get("port")
        if wanted is None:
            return True  # every port of this protocol
        if isinstance(wanted, str):
            if not isinstance(destination, Pod) or wanted not in destination.ports:
                return False
            number, named_protocol = destination.ports[wanted]
            return number == port and named_protocol == protocol
        return int(wanted) <= port <= int(rule_port.get("endPort", wanted))

    def _rule_matches(
        self,
        rule: Mapping[str, Any],
        key: str,
        policy_ns: str,
        peer: Endpoint,
        dst: Endpoint,
        port: int,
        protocol: str,
        ipblocks_for_pods: bool,
    ) -> bool:
        peers = rule.get(key)
        if peers and not any(self._peer_matches(p, policy_ns, peer, ipblocks_for_pods) for p in peers):
            return False
        ports = rule.get("ports")
        return not ports or any(self._port_matches(p, port, protocol, dst) for p in ports)

    def egress_allowed(self, src: Pod, dst: Endpoint, port: int, protocol: str, ipblocks_for_pods: bool) -> bool:
        policies = self._selecting(src, "Egress")
        if not policies:
            return True
        return any(
            self._rule_matches(rule, "to", src.namespace, dst, dst, port, protocol, ipblocks_for_pods)
            for p in policies
            for rule in p["spec"].get("egress") or []
        )

    def ingress_allowed(self, src: Endpoint, dst: Pod, port: int, protocol: str, ipblocks_for_pods: bool) -> bool:
        policies = self._selecting(dst, "Ingress")
        if not policies:
            return True
        return any(
            self._rule_matches(rule, "from", dst.namespace, src, dst, port, protocol, ipblocks_for_pods)
            for p in policies
            for rule in p["spec"].get("ingress") or []
        )

    def allows(
        self, src: Endpoint, dst: Endpoint, port: int | str, protocol: str = "TCP", *, pod_ips_in_ipblocks: bool
    ) -> bool:
        """May `src` open a connection to `dst` on `port` (a number, or a container port name of `dst`)?"""
        if isinstance(port, str):
            if not isinstance(dst, Pod) or port not in dst.ports:
                raise ValueError(f"{dst} has no container port named {port!r}")
            port, protocol = dst.ports[port]
        out = not isinstance(src, Pod) or self.egress_allowed(src, dst, port, protocol, pod_ips_in_ipblocks)
        return out and (not isinstance(dst, Pod) or self.ingress_allowed(src, dst, port, protocol, pod_ips_in_ipblocks))
